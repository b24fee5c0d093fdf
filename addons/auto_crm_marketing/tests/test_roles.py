from odoo.tests import tagged

from odoo.addons.auto_crm_customer.tests.roles import RoleAssertions

from .common import GENERAL_MANAGER, MARKETING, MARKETING_MANAGER, AutoCrmMarketingCase


@tagged("post_install", "-at_install")
class TestMarketingRoles(RoleAssertions, AutoCrmMarketingCase):
    def test_marketing_specialist(self):
        user = self.make_role_user(MARKETING, "role_marketing")
        self.assertExactRole(
            user,
            MARKETING,
            holds=["auto_crm_customer.group_dealership_staff", "base.group_partner_manager"],
            lacks=[
                MARKETING_MANAGER,
                "auto_crm_customer.group_sales_consultant",
                "sales_team.group_sale_salesman",
                "account.group_account_invoice",
                "account.group_account_manager",
                "base.group_erp_manager",
                "base.group_system",
            ],
        )
        self.assertModelRights(
            user,
            {
                "utm.campaign": "rwc",
                "auto.mkt.campaign.cost": "rwcu",
                "auto.mkt.plan": "r",
                "auto.mkt.target.list": "rwcu",
                "auto.mkt.churn.analysis": "rwcu",
                "auto.mkt.forecast": "rwcu",
                "auto.mkt.sales.history": "r",
                "crm.lead": "rwc",
                "sale.order": "r",
                "auto.test.drive": "r",
                "repair.order": "r",
                "auto.service.survey": "r",
                "auto.followup": "rwc",
                "account.move": "",
                "auto.contract.version": "",
                "auto.payment.plan.line": "",
            },
        )

    def test_marketing_manager_keeps_the_plan_and_history(self):
        user = self.make_role_user(MARKETING_MANAGER, "role_marketing_manager")
        self.assertExactRole(user, MARKETING_MANAGER, holds=[MARKETING], lacks=[GENERAL_MANAGER, "base.group_system"])
        self.assertModelRights(
            user, {"utm.campaign": "rwcu", "auto.mkt.plan": "rwcu", "auto.mkt.sales.history": "rwcu", "sale.order": "r"}
        )

    def test_general_manager_approves_above_the_threshold(self):
        user = self.make_role_user(GENERAL_MANAGER, "role_mkt_gm")
        self.assertTrue(user.has_group(MARKETING_MANAGER))
        campaign = self._campaign("Big launch", planned=90000.0)
        campaign.action_auto_submit()
        campaign.with_user(user).action_auto_approve()
        self.assertEqual(campaign.auto_state, "approved")

    def test_marketing_sees_only_its_campaign_follow_ups(self):
        own = self.env["auto.followup"].create(
            {
                "name": "Consultant's call",
                "partner_id": self.customer.id,
                "user_id": self.consultant.id,
                "date_scheduled": "2026-01-01",
            }
        )
        campaign_call = self.env["auto.followup"].create(
            {
                "name": "Campaign call",
                "partner_id": self.customer.id,
                "user_id": self.consultant.id,
                "date_scheduled": "2026-01-01",
                "trigger_key": "auto_mkt_target:0:1",
            }
        )
        visible = self.env["auto.followup"].with_user(self.marketer).search([("id", "in", (own | campaign_call).ids)])
        self.assertEqual(visible, campaign_call)

    def test_front_line_roles_do_not_hold_marketing(self):
        for role in ("auto_crm_customer.group_sales_consultant", "auto_crm_customer.group_service_advisor"):
            with self.subTest(role=role):
                user = self.make_role_user(role, f"role_mkt_{role.split('.')[1]}")
                self.assertFalse(user.has_group(MARKETING))
                self.assertModelRights(
                    user, {"auto.mkt.campaign.cost": "", "auto.mkt.plan": "", "auto.mkt.forecast": ""}
                )

    def test_demo_marketing_user_lands_on_campaigns(self):
        user = self.env.ref("auto_crm_marketing.res_users_marketing_demo", raise_if_not_found=False)
        if not user:
            self.skipTest("no demo data")
        self.assertEqual(user.login, "marketing")
        self.assertEqual(user.lang, "zh_CN")
        self.assertEqual(user.action_id.id, self.env.ref("auto_crm_marketing.utm_campaign_action").id)
        campaigns = self.env["utm.campaign"].search([("auto_campaign_type", "!=", False)])
        self.assertGreaterEqual(len(set(campaigns.mapped("auto_campaign_type"))), 8)
        self.assertGreaterEqual(len(set(campaigns.mapped("auto_state"))), 5)
        show = self.env.ref("auto_crm_marketing.utm_campaign_auto_show_demo")
        self.assertTrue(show.auto_lead_count and show.auto_order_count and show.auto_cost_actual)
        forecast = self.env.ref("auto_crm_marketing.auto_mkt_forecast_demo")
        self.assertTrue(forecast.model_line_ids.filtered("backtested"))
