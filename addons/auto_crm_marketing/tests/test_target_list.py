from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AutoCrmMarketingCase


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestTargetList(AutoCrmMarketingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.young_woman = Partner.create(
            {
                "name": "Young Woman",
                "auto_customer_type": "individual",
                "mobile": "13900000001",
                "user_id": cls.consultant.id,
                "auto_gender": "female",
                "auto_occupation": "teacher",
                "auto_birthday": date(1996, 1, 1),
                "auto_contact_consent": True,
                "city": "杭州",
            }
        )
        cls.older_man = Partner.create(
            {
                "name": "Older Man",
                "auto_customer_type": "individual",
                "mobile": "13900000002",
                "user_id": cls.consultant2.id,
                "auto_gender": "male",
                "auto_occupation": "business_owner",
                "auto_birthday": date(1970, 1, 1),
                "auto_contact_consent": True,
                "city": "宁波",
            }
        )
        cls.no_consent = Partner.create(
            {
                "name": "No Consent",
                "auto_customer_type": "individual",
                "mobile": "13900000003",
                "auto_gender": "female",
                "auto_birthday": date(1995, 5, 1),
            }
        )
        Vehicle = cls.env["auto.vehicle"]
        cls.old_car = Vehicle.create(
            {
                "vin": cls._vin("LGXCE4CB", 801),
                "model_id": cls.model.id,
                "partner_id": cls.older_man.id,
                "state": "customer",
                "purchase_date": date(2021, 3, 1),
            }
        )
        cls.new_car = Vehicle.create(
            {
                "vin": cls._vin("LGXCE4CB", 802),
                "model_id": cls.model2.id,
                "partner_id": cls.young_woman.id,
                "state": "customer",
                "purchase_date": date(2025, 9, 1),
            }
        )

    def _target(self, **vals):
        return self.env["auto.mkt.target.list"].with_user(self.marketer).create({"name": "Target", **vals})

    def test_segments(self):
        ours = self.young_woman | self.older_man | self.no_consent
        cases = [
            ({"gender": "female"}, self.young_woman),
            ({"gender": "female", "consent_only": False}, self.young_woman | self.no_consent),
            ({"age_min": 25, "age_max": 34}, self.young_woman),
            ({"age_min": 50}, self.older_man),
            ({"occupation": "business_owner"}, self.older_man),
            ({"city": "杭州"}, self.young_woman),
            ({"model_ids": [(6, 0, self.model.ids)]}, self.older_man),
            ({"vehicle_age_min": 3}, self.older_man),
            ({"vehicle_age_max": 1}, self.young_woman),
            ({"model_ids": [(6, 0, self.model2.ids)], "vehicle_age_min": 3}, self.env["res.partner"]),
            ({"warranty_end_to": date(2024, 12, 31)}, self.older_man),
            ({"warranty_end_from": date(2025, 1, 1)}, self.young_woman),
            ({"no_service_since": date(2026, 1, 1)}, self.young_woman | self.older_man),
        ]
        for criteria, expected in cases:
            with self.subTest(criteria=criteria):
                target = self._target(**criteria)
                target.action_build()
                self.assertEqual(target.partner_ids & ours, expected)

    def test_list_becomes_follow_ups_of_each_customers_consultant(self):
        campaign = self._campaign("Summer check")
        target = self._target(campaign_id=campaign.id, city="", gender=False)
        target.action_build()
        target.partner_ids = self.young_woman | self.older_man
        target.with_user(self.marketer).action_schedule_followups()
        self.assertEqual(target.state, "scheduled")
        followups = self.env["auto.followup"].search([("trigger_key", "=like", f"auto_mkt_target:{target.id}:%")])
        plan = self.env["auto.followup.plan"]._for_purpose("campaign_call")
        self.assertEqual(len(followups), 2 * len(plan.step_ids))
        self.assertEqual(followups.filtered(lambda f: f.partner_id == self.young_woman).user_id, self.consultant)
        self.assertEqual(followups.filtered(lambda f: f.partner_id == self.older_man).user_id, self.consultant2)
        self.assertTrue(all("Summer check" in name for name in followups.mapped("name")))
        self.assertEqual(target.followup_count, len(followups))
        # the consultant sees the list that concerns their customer
        self.assertIn(target, self.env["auto.mkt.target.list"].with_user(self.consultant).search([]))
