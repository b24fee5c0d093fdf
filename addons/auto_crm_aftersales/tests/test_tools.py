from datetime import date

from odoo.tests import BaseCase, tagged

from ..tools import satisfaction, service_schedule


@tagged("post_install", "-at_install")
class TestTools(BaseCase):
    def test_months_come_first_for_a_low_mileage_car(self):
        due, due_km = service_schedule.next_service_due(
            date(2025, 1, 1), 20000, 12, 10000, 21000, date(2025, 6, 1), 10.0
        )
        self.assertEqual(due, date(2026, 1, 1))
        self.assertEqual(due_km, 30000)

    def test_kilometres_come_first_for_a_high_mileage_car(self):
        # 9,000 km left at 100 km a day: 90 days after the last reading
        due, _due_km = service_schedule.next_service_due(
            date(2025, 1, 1), 20000, 12, 10000, 21000, date(2025, 2, 1), 100.0
        )
        self.assertEqual(due, date(2025, 5, 2))

    def test_add_months_clamps_to_month_end(self):
        self.assertEqual(service_schedule.add_months(date(2025, 1, 31), 1), date(2025, 2, 28))
        self.assertEqual(service_schedule.add_months(date(2024, 2, 29), 12), date(2025, 2, 28))
        self.assertEqual(service_schedule.add_months(date(2025, 11, 15), 14), date(2027, 1, 15))

    def test_no_history_no_estimate(self):
        self.assertEqual(service_schedule.next_service_due(None, 0, 12, 10000, 0, None, None), (None, None))
        self.assertIsNone(service_schedule.average_daily_km(date(2025, 1, 1), 0, date(2025, 1, 1), 100))
        self.assertEqual(service_schedule.average_daily_km(date(2025, 1, 1), 0, date(2025, 1, 11), 500), 50.0)

    def test_csi_and_nps(self):
        self.assertEqual(satisfaction.csi([5, 5, 5, 5, 5]), 100.0)
        self.assertEqual(satisfaction.csi([4, 4, 3, 5, 4]), 80.0)
        self.assertIsNone(satisfaction.csi([]))
        self.assertEqual(
            [satisfaction.nps_category(s) for s in (10, 9, 8, 7, 6, 0)],
            ["promoter", "promoter", "passive", "passive", "detractor", "detractor"],
        )
        # 3 promoters, 1 passive, 1 detractor: 60% - 20% = 40
        self.assertEqual(satisfaction.nps([10, 9, 9, 7, 3]), 40.0)
