from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AutoCrmMarketingCase


@tagged("post_install", "-at_install")
class TestCampaign(AutoCrmMarketingCase):
    def test_approval_below_threshold_by_the_marketing_manager(self):
        campaign = self._campaign("Test-drive day", planned=20000.0).with_context(tracking_disable=False)
        self.assertFalse(campaign.auto_needs_gm_approval)
        campaign.action_auto_submit()
        self.assertEqual(campaign.auto_state, "submitted")
        with self.assertRaises(UserError):
            campaign.with_user(self.marketer).action_auto_approve()
        campaign.with_user(self.marketing_manager).action_auto_approve()
        self.assertEqual(campaign.auto_state, "approved")
        self.assertEqual(campaign.auto_approved_by_id, self.marketing_manager)
        campaign.with_user(self.marketer).action_auto_start()
        campaign.with_user(self.marketer).action_auto_close()
        self.assertEqual(campaign.auto_state, "closed")
        self.env.flush_all()
        self.env.cr.precommit.run()  # the tracking is written when the transaction commits
        self.assertTrue(
            campaign.sudo().message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "auto_state"),
            "the status changes are tracked in the chatter",
        )

    def test_above_threshold_only_the_general_manager_approves(self):
        campaign = self._campaign("Model launch", planned=80000.0)
        self.assertTrue(campaign.auto_needs_gm_approval)
        campaign.with_user(self.marketer).action_auto_submit()
        with self.assertRaises(UserError) as error:
            campaign.with_user(self.marketing_manager).action_auto_approve()
        self.assertIn("general manager", str(error.exception))
        self.assertEqual(campaign.auto_state, "submitted")
        campaign.with_user(self.general_manager).action_auto_approve()
        self.assertEqual(campaign.auto_state, "approved")

    def test_threshold_is_the_company_setting(self):
        self.company.auto_mkt_approval_threshold = 100000.0
        campaign = self._campaign("Model launch", planned=80000.0)
        self.assertFalse(campaign.auto_needs_gm_approval)

    def test_state_only_through_the_buttons_and_submission_needs_dates_and_budget(self):
        campaign = self._campaign("Auto show", planned=0.0)
        with self.assertRaises(UserError):
            campaign.action_auto_submit()
        with self.assertRaises(UserError):
            campaign.with_user(self.marketer).write({"auto_state": "approved"})
        with self.assertRaises(ValidationError):
            campaign.write({"auto_date_end": campaign.auto_date_start - timedelta(days=1)})
        with self.assertRaises(UserError):
            campaign.action_auto_start()

    def test_consultant_reads_running_campaigns_but_does_not_plan_them(self):
        campaign = self._campaign("Auto show")
        Campaign = self.env["utm.campaign"].with_user(self.consultant)
        self.assertFalse(Campaign.search([("id", "=", campaign.id)]), "a draft campaign of others' customers is hidden")
        campaign.with_context(auto_mkt_transition="start").write({"auto_state": "running"})
        self.assertEqual(Campaign.search([("id", "=", campaign.id)]).title, "Auto show", "a running one is read")
        with self.assertRaises(AccessError):
            campaign.with_user(self.consultant).write({"auto_target_leads": 5})
        with self.assertRaises(AccessError):
            campaign.with_user(self.consultant).action_auto_submit()

    def test_negative_cost_is_refused(self):
        campaign = self._campaign("Auto show")
        with self.assertRaises(ValidationError):
            self.env["auto.mkt.campaign.cost"].create({"campaign_id": campaign.id, "name": "x", "amount": -5})

    def test_attribution_and_roi_on_a_known_data_set(self):
        campaign = self._campaign("Spring auto show", planned=30000.0, actual=20000.0, auto_target_leads=4)
        other = self._campaign("Online ads", planned=5000.0, actual=5000.0)
        Lead = self.env["crm.lead"]
        leads = Lead.create(
            [
                {
                    "name": f"Show lead {i}",
                    "type": "opportunity",
                    "campaign_id": campaign.id,
                    "user_id": self.consultant.id,
                }
                for i in range(3)
            ]
        )
        Lead.create({"name": "Ads lead", "campaign_id": other.id})
        leads[2].action_set_lost()
        drive = self.env["auto.test.drive"].create(
            {
                "partner_id": self.customer.id,
                "lead_id": leads[0].id,
                "vehicle_id": self.demo_vehicle.id,
                "user_id": self.consultant.id,
                "date_start": fields.Datetime.now() + timedelta(days=1),
                "licence_number": "330100199001011234",
                "licence_expiry": fields.Date.today() + timedelta(days=900),
            }
        )
        self.assertEqual(drive.campaign_id, campaign, "the test drive takes the campaign of its lead")
        signed = self._sign(self._order(lot=self.lot1, price=160000.0))
        signed.campaign_id = campaign
        draft = self._order(lot=self.lot2, price=150000.0)
        draft.campaign_id = campaign  # a quotation not signed is no sale
        self.env["repair.order"].create({"partner_id": self.customer.id, "campaign_id": campaign.id})
        campaign.invalidate_recordset()
        profit = signed.sudo().auto_gross_profit
        self.assertTrue(profit, "the signed contract has a gross profit")
        self.assertEqual(campaign.auto_lead_count, 3, "lost leads count as leads brought")
        self.assertEqual(campaign.auto_test_drive_count, 1)
        self.assertEqual(campaign.auto_order_count, 1)
        self.assertEqual(campaign.auto_service_count, 1)
        self.assertAlmostEqual(campaign.auto_cost_actual, 20000.0)
        self.assertAlmostEqual(campaign.auto_budget_planned, 30000.0)
        self.assertAlmostEqual(campaign.auto_cost_per_lead, 20000.0 / 3, places=2)
        self.assertAlmostEqual(campaign.auto_cost_per_test_drive, 20000.0)
        self.assertAlmostEqual(campaign.auto_cost_per_order, 20000.0)
        self.assertAlmostEqual(campaign.auto_gross_profit, profit)
        self.assertAlmostEqual(campaign.auto_roi, profit / 20000.0)
        self.assertAlmostEqual(campaign.auto_lead_achievement, 75.0)
        self.assertEqual(other.auto_lead_count, 1)
        self.assertEqual(other.auto_order_count, 0)
        self.assertEqual(other.auto_roi, 0.0)
        # the comparison report agrees with the form
        self.env.flush_all()
        row = self.env["auto.mkt.campaign.report"].search([("campaign_id", "=", campaign.id)])
        self.assertEqual((row.lead_count, row.test_drive_count, row.order_count, row.service_count), (3, 1, 1, 1))
        self.assertAlmostEqual(row.gross_profit, profit)

    def test_results_in_a_constant_number_of_queries(self):
        campaigns = self.env["utm.campaign"]
        for i in range(3):
            campaigns |= self._campaign(f"Campaign {i}")
        campaigns.invalidate_recordset()
        with self.assertQueryCount(5):
            campaigns.mapped("auto_roi")
        more = campaigns
        for i in range(6):
            more |= self._campaign(f"More {i}")
        more.invalidate_recordset()
        with self.assertQueryCount(5):
            more.mapped("auto_roi")

    def test_annual_plan_groups_campaigns_by_month(self):
        year = fields.Date.today().year + 3  # the demo has this year's plan
        day = fields.Date.today().replace(year=year)
        plan = (
            self.env["auto.mkt.plan"]
            .with_user(self.marketing_manager)
            .create({"name": "Plan", "year": year, "budget": 100000.0})
        )
        march = self._campaign(
            "March",
            planned=10000.0,
            auto_plan_id=plan.id,
            auto_date_start=day.replace(month=3, day=5),
            auto_date_end=day.replace(month=3, day=9),
        )
        self._campaign(
            "May",
            planned=15000.0,
            auto_plan_id=plan.id,
            auto_date_start=day.replace(month=5, day=5),
            auto_date_end=day.replace(month=5, day=9),
        )
        self.assertEqual(march.auto_month, "03")
        self.assertEqual(plan.campaign_count, 2)
        self.assertAlmostEqual(plan.budget_planned, 25000.0)
        self.assertAlmostEqual(plan.budget_remaining, 75000.0)
        groups = self.env["utm.campaign"]._read_group(
            [("auto_plan_id", "=", plan.id)], ["auto_month"], ["auto_budget_planned:sum"]
        )
        self.assertEqual(dict(groups), {"03": 10000.0, "05": 15000.0})
        with self.assertRaises(ValidationError):
            march.auto_date_start = march.auto_date_start.replace(year=year - 1)
