from odoo.fields import Command
from odoo.tests import TransactionCase, tagged

from .roles import RoleAssertions

CUSTOMER_CONFIG = ("auto.followup.plan", "auto.followup.rule", "auto.alert.rule", "auto.vehicle.brand")


@tagged("post_install", "-at_install")
class TestRoles(RoleAssertions, TransactionCase):
    """A dealership role is one setting on the user: exactly the rights of the job and its home screen."""

    def test_sales_consultant(self):
        user = self.make_role_user("auto_crm_customer.group_sales_consultant", "role_consultant")
        self.assertExactRole(
            user,
            "auto_crm_customer.group_sales_consultant",
            holds=["auto_crm_customer.group_dealership_staff", "base.group_partner_manager"],
            lacks=["auto_crm_customer.group_sales_manager", "base.group_allow_export", "base.group_erp_manager"],
        )
        self.assertModelRights(
            user,
            {
                "auto.vehicle": "rwc",
                "auto.followup": "rwc",
                "auto.customer.value": "r",
                "auto.followup.plan": "r",
                "auto.alert.rule": "r",
                "auto.vehicle.brand": "r",
                "auto.customer.reassign.wizard": "",
            },
        )

    def test_sales_manager(self):
        user = self.make_role_user("auto_crm_customer.group_sales_manager", "role_sales_manager")
        self.assertExactRole(
            user,
            "auto_crm_customer.group_sales_manager",
            holds=["auto_crm_customer.group_sales_consultant", "base.group_allow_export"],
            lacks=["auto_crm_customer.group_service_advisor", "auto_crm_customer.group_dealership_manager"],
        )
        rights = {model: "rwcu" for model in CUSTOMER_CONFIG}
        self.assertModelRights(user, rights | {"auto.customer.reassign.wizard": "rwcu"})

    def test_service_advisor(self):
        user = self.make_role_user("auto_crm_customer.group_service_advisor", "role_advisor")
        self.assertExactRole(
            user,
            "auto_crm_customer.group_service_advisor",
            holds=["base.group_partner_manager"],
            lacks=["auto_crm_customer.group_sales_consultant", "auto_crm_customer.group_service_manager"],
        )
        self.assertModelRights(user, {"auto.vehicle": "rwc", "auto.followup": "rwc", "auto.followup.plan": "r"})

    def test_service_manager(self):
        user = self.make_role_user("auto_crm_customer.group_service_manager", "role_service_manager")
        self.assertExactRole(
            user,
            "auto_crm_customer.group_service_manager",
            holds=["auto_crm_customer.group_service_advisor"],
            lacks=["auto_crm_customer.group_sales_consultant"],
        )
        self.assertModelRights(user, {model: "rwcu" for model in CUSTOMER_CONFIG})

    def test_general_manager(self):
        user = self.make_role_user("auto_crm_customer.group_dealership_manager", "role_gm")
        self.assertExactRole(
            user,
            "auto_crm_customer.group_dealership_manager",
            holds=["auto_crm_customer.group_sales_manager", "auto_crm_customer.group_service_manager"],
            lacks=["base.group_system", "base.group_erp_manager"],
            front_line=False,
        )

    def test_changing_role_takes_the_former_rights_away(self):
        user = self.make_role_user("auto_crm_customer.group_sales_manager", "role_moved")
        user.groups_id = [Command.link(self.env.ref("base.group_erp_manager").id)]
        user.auto_role_id = self.env.ref("auto_crm_customer.group_service_advisor")
        self.assertExactRole(user, "auto_crm_customer.group_service_advisor")
        self.assertFalse(user.has_group("auto_crm_customer.group_sales_manager"))
        self.assertFalse(user.has_group("base.group_erp_manager"))

    def test_interface_switches_are_kept(self):
        user = self.make_role_user("auto_crm_customer.group_sales_consultant", "role_dev")
        switches = self.env.ref("base.group_no_one") | self.env.ref("base.group_multi_company")
        user.groups_id = [Command.link(group.id) for group in switches]
        user.auto_role_id = self.env.ref("auto_crm_customer.group_sales_manager")
        self.assertEqual(user.groups_id & switches, switches, "developer mode and the company switcher are kept")

    def test_default_user_template_does_not_leak_into_roles(self):
        """Installing an app adds its administrator group to Odoo's default user template, which Odoo hands to
        every internal user: a role's user keeps exactly its role, another user gets it as Odoo decides."""
        role_user = self.make_role_user("auto_crm_customer.group_sales_consultant", "role_template")
        plain = self.env["res.users"].create({"name": "Plain", "login": "plain_template_user"})
        admin_group = self.env.ref("base.group_erp_manager")
        self.env.ref("base.default_user").groups_id = [Command.link(admin_group.id)]
        self.assertIn(admin_group, plain.groups_id)
        self.assertNotIn(admin_group, role_user.groups_id)
        self.assertExactRole(role_user, "auto_crm_customer.group_sales_consultant")

    def test_new_home_screen_of_a_role_reaches_its_users(self):
        user = self.make_role_user("auto_crm_customer.group_service_advisor", "role_home")
        action = self.env.ref("auto_crm_customer.auto_vehicle_action")
        self.env.ref("auto_crm_customer.group_service_advisor").auto_home_action_id = action.id
        self.assertEqual(user.action_id.id, action.id)

    def test_demo_gives_one_user_per_role_holding_exactly_it(self):
        if not self.env.ref("auto_crm_customer.res_users_consultant_demo", raise_if_not_found=False):
            self.skipTest("no demo data")
        category = self.env.ref("auto_crm_customer.module_category_dealership")
        roles = self.env["res.groups"].search([("category_id", "=", category.id)])
        users = self.env["res.users"].search([("auto_role_id", "!=", False)])
        self.assertEqual(users.auto_role_id, roles, "every role has its demo user")
        for user in users:
            with self.subTest(login=user.login):
                self.assertExactRole(user, user.auto_role_id.get_external_id()[user.auto_role_id.id], front_line=False)
