from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AutoCrmMarketingCase


@tagged("post_install", "-at_install")
class TestChurn(AutoCrmMarketingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        other_company = cls.env["res.company"].create({"name": "Churn Test Company"})
        cls.env.user.company_ids |= other_company
        cls.company_b = other_company
        cls.marketer.company_ids |= other_company
        Partner = cls.env["res.partner"].with_company(other_company)
        cls.loyal = Partner.create(
            {
                "name": "Loyal",
                "auto_customer_type": "individual",
                "company_id": other_company.id,
                "user_id": cls.consultant.id,
            }
        )
        cls.lost_in_march = Partner.create(
            {
                "name": "Lost in March",
                "auto_customer_type": "individual",
                "company_id": other_company.id,
                "user_id": cls.consultant.id,
            }
        )
        cls.visitor = Partner.create(
            {
                "name": "Visitor",
                "auto_customer_type": "individual",
                "company_id": other_company.id,
                "auto_last_visit_date": date(2026, 4, 10),
                "user_id": cls.consultant2.id,
            }
        )
        Value = cls.env["auto.customer.value"]
        Value.create(
            [
                {
                    "partner_id": cls.loyal.id,
                    "amount": 500,
                    "date": date(2025, 9, 1),
                    "value_type": "service",
                    "company_id": other_company.id,
                },
                {
                    "partner_id": cls.loyal.id,
                    "amount": 500,
                    "date": date(2026, 3, 1),
                    "value_type": "service",
                    "company_id": other_company.id,
                },
                # last seen 2025-03-10: with 365 days, churned in March 2026
                {
                    "partner_id": cls.lost_in_march.id,
                    "amount": 200000,
                    "date": date(2025, 3, 10),
                    "value_type": "sale",
                    "company_id": other_company.id,
                },
            ]
        )

    @freeze_time("2026-06-15")
    def test_churn_on_a_known_data_set(self):
        analysis = (
            self.env["auto.mkt.churn.analysis"]
            .with_user(self.marketer)
            .with_company(self.company_b)
            .create({"inactive_days": 365, "month_count": 5, "company_id": self.company_b.id})
        )
        self.assertEqual(analysis.date, date(2026, 6, 15))
        analysis.action_compute()
        # customers shared by every company (no company) count too: only this test's are looked at
        ours = analysis.month_ids.filtered(lambda r: r.user_id in (self.consultant | self.consultant2))
        months = {}
        for row in ours:
            active, churned = months.get(row.month, (0, 0))
            months[row.month] = (active + row.active_count, churned + row.churned_count)
        # January to May 2026: loyal and lost_in_march active at the start of Jan, Feb, Mar; the visitor from May
        self.assertEqual(months[date(2026, 1, 1)], (2, 0))
        self.assertEqual(months[date(2026, 3, 1)], (2, 1), "lost in March")
        self.assertEqual(months[date(2026, 4, 1)], (1, 0))
        self.assertEqual(months[date(2026, 5, 1)], (2, 0), "the visitor came in April")
        self.assertNotIn(date(2026, 6, 1), months, "the current month is not over")
        march = analysis.month_ids.filtered(lambda r: r.month == date(2026, 3, 1) and r.churned_count)
        self.assertEqual(march.user_id, self.consultant)
        self.assertEqual(march.churn_rate, 50.0, "loyal and lost_in_march share the consultant's row")
        everyone = self.loyal | self.lost_in_march | self.visitor
        self.assertEqual(analysis.churned_partner_ids & everyone, self.lost_in_march)
        self.assertGreaterEqual(analysis.active_count, 2)
        self.assertAlmostEqual(
            analysis.churn_rate,
            analysis.churned_count * 100.0 / (analysis.active_count + analysis.churned_count),
            places=1,
        )

    @freeze_time("2026-06-15")
    def test_win_back_campaign_from_the_churned(self):
        self.lost_in_march.auto_contact_consent = True
        analysis = (
            self.env["auto.mkt.churn.analysis"]
            .with_user(self.marketer)
            .with_company(self.company_b)
            .create({"inactive_days": 365, "month_count": 3, "company_id": self.company_b.id})
        )
        analysis.action_compute()
        action = analysis.action_create_winback()
        target = self.env["auto.mkt.target.list"].browse(action["res_id"])
        self.assertIn(self.lost_in_march, target.partner_ids)
        self.assertFalse(target.partner_ids & (self.loyal | self.visitor))
        self.assertEqual(target.campaign_id, analysis.winback_campaign_id)
        self.assertEqual(target.campaign_id.auto_state, "draft")

    @freeze_time("2027-06-15")
    def test_a_year_later_everybody_churned(self):
        analysis = (
            self.env["auto.mkt.churn.analysis"]
            .with_company(self.company_b)
            .create({"inactive_days": 365, "month_count": 2, "company_id": self.company_b.id})
        )
        analysis.action_compute()
        everyone = self.loyal | self.lost_in_march | self.visitor
        self.assertEqual(analysis.churned_partner_ids & everyone, everyone)
