from odoo.tests import TransactionCase, tagged

from odoo.addons.auto_crm_customer.tests.roles import RoleAssertions

APP_ADMINS = (
    "account.group_account_manager",
    "stock.group_stock_manager",
    "sales_team.group_sale_manager",
    "base.group_erp_manager",
    "base.group_system",
)


@tagged("post_install", "-at_install")
class TestAftersalesRoles(RoleAssertions, TransactionCase):
    """The after-sales side of the role matrix, with users made from their role."""

    def test_service_advisor(self):
        user = self.make_role_user("auto_crm_customer.group_service_advisor", "role_as_advisor")
        self.assertExactRole(
            user,
            "auto_crm_customer.group_service_advisor",
            holds=["stock.group_stock_user", "sales_team.group_sale_salesman"],
            lacks=["auto_crm_aftersales.group_customer_relations", *APP_ADMINS],
        )
        self.assertModelRights(
            user,
            {
                "repair.order": "rwcu",
                "auto.service.appointment": "rwc",
                "auto.warranty.claim": "rwc",
                "auto.service.slot": "r",
                "auto.service.team": "r",
                "sale.order": "rwc",
            },
        )
        self.assertEqual(user.action_id.id, self.env.ref("auto_crm_aftersales.repair_order_action_service").id)

    def test_service_manager(self):
        user = self.make_role_user("auto_crm_customer.group_service_manager", "role_as_manager")
        self.assertExactRole(
            user,
            "auto_crm_customer.group_service_manager",
            holds=["auto_crm_aftersales.group_customer_relations", "stock.group_stock_user"],
            lacks=list(APP_ADMINS),
        )
        self.assertModelRights(user, {"repair.order": "rwcu", "auto.service.slot": "rwcu", "auto.service.team": "rwcu"})

    def test_technician(self):
        user = self.make_role_user("auto_crm_aftersales.group_technician", "role_technician")
        self.assertExactRole(
            user,
            "auto_crm_aftersales.group_technician",
            holds=["stock.group_stock_user"],
            lacks=["auto_crm_customer.group_service_advisor", "base.group_partner_manager", *APP_ADMINS],
        )
        self.assertModelRights(
            user,
            {"auto.repair.labour": "rwc", "auto.vehicle": "r", "auto.service.ticket": "", "auto.service.survey": ""},
        )

    def test_customer_relations(self):
        user = self.make_role_user("auto_crm_aftersales.group_customer_relations", "role_customer_relations")
        self.assertExactRole(
            user,
            "auto_crm_aftersales.group_customer_relations",
            lacks=["stock.group_stock_user", "auto_crm_customer.group_service_advisor", *APP_ADMINS],
        )
        self.assertModelRights(
            user,
            {
                "auto.service.ticket": "rwc",
                "auto.service.survey": "rwc",
                "auto.followup": "rwc",
                "repair.order": "r",
                "auto.repair.labour": "r",
            },
        )
        self.assertEqual(user.action_id.id, self.env.ref("auto_crm_aftersales.auto_followup_action_return_visit").id)
