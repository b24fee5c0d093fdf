from odoo.tests import tagged

from odoo.addons.auto_crm_customer.tests.roles import RoleAssertions

from .common import GENERAL_MANAGER, HR_OFFICER, AutoCrmHrCase


@tagged("post_install", "-at_install")
class TestHrRoles(RoleAssertions, AutoCrmHrCase):
    def test_hr_officer_keeps_staff_records_without_app_administration(self):
        user = self.make_role_user(HR_OFFICER, "role_hr_officer")
        self.assertExactRole(
            user,
            HR_OFFICER,
            holds=["hr.group_hr_user", "auto_crm_customer.group_dealership_staff"],
            lacks=[
                "hr.group_hr_manager",
                "auto_crm_customer.group_sales_consultant",
                "base.group_erp_manager",
                "sales_team.group_sale_salesman",
                "stock.group_stock_user",
            ],
        )
        self.assertModelRights(
            user,
            {
                "hr.employee": "rwcu",
                "auto.hr.kpi": "rwcu",
                "auto.hr.period": "rwcu",
                "auto.hr.scorecard": "rwcu",
                "auto.hr.scorecard.line": "rwcu",
                "crm.lead": "",
                "sale.order": "",
                "repair.order": "",
                # who owns which customer and vehicle, for the hand-over of a leaving employee's book
                "auto.vehicle": "r",
                "auto.followup": "r",
            },
        )

    def test_general_manager_sees_all_of_hr(self):
        user = self.make_role_user(GENERAL_MANAGER, "role_hr_gm")
        self.assertTrue(user.has_group(HR_OFFICER))
        self.assertModelRights(user, {"auto.hr.scorecard": "rwcu", "auto.hr.kpi": "rwcu"})

    def test_front_line_roles_read_their_scorecards_but_not_the_definitions(self):
        for role in (
            "auto_crm_customer.group_sales_consultant",
            "auto_crm_customer.group_service_advisor",
            "auto_crm_aftersales.group_technician",
            "auto_crm_inventory.group_stock_clerk",
        ):
            with self.subTest(role=role):
                user = self.make_role_user(role, f"role_hr_{role.split('.')[1]}")
                self.assertFalse(user.has_group(HR_OFFICER))
                self.assertModelRights(
                    user,
                    {
                        "auto.hr.scorecard": "rw",
                        "auto.hr.scorecard.line": "r",
                        "auto.hr.kpi": "r",
                        "auto.hr.period": "r",
                        "hr.employee": "",
                    },
                )

    def test_demo_hr_officer_lands_on_the_scorecards(self):
        user = self.env.ref("auto_crm_hr.res_users_hr_officer_demo", raise_if_not_found=False)
        if not user:
            self.skipTest("no demo data")
        self.assertEqual(user.action_id.id, self.env.ref("auto_crm_hr.auto_hr_scorecard_action").id)
        self.assertEqual(user.lang, "zh_CN")
        cards = self.env["auto.hr.scorecard"].search(
            [("user_id", "=", self.env.ref("auto_crm_customer.res_users_consultant_demo").id)]
        )
        self.assertEqual(len(cards.period_id), 3, "three months of scorecards for the demo consultant")
        self.assertTrue(any(cards.line_ids.mapped("value")), "computed from the demo data")
