from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestMaintenanceReminders(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env.ref("auto_crm_aftersales.auto_followup_rule_maintenance_due")
        cls.rule.write({"active": True, "days_ahead": 14})
        cls.plan = cls.rule.plan_id

    def _vehicles(self, count, start, purchase=date(2025, 1, 1), km=5900, read_on=date(2025, 3, 1)):
        vehicles = self.env["auto.vehicle"].create(
            [
                {
                    "vin": self._vin("LGXC16DG", start + i),
                    "model_id": self.model.id,
                    "partner_id": self.customer.id,
                    "purchase_date": purchase,
                    "state": "customer",
                }
                for i in range(count)
            ]
        )
        self.env["auto.vehicle.odometer"].create(
            [{"vehicle_id": vehicle.id, "value": km, "date": read_on} for vehicle in vehicles]
        )
        return vehicles

    @freeze_time("2025-04-01")
    def test_due_date_from_average_daily_mileage(self):
        # 5,900 km in the 59 days since purchase: 100 km a day, 10,000 km reached on 11 April
        vehicle = self._vehicles(1, 1)
        self.assertEqual(vehicle.average_daily_km, 100.0)
        self.assertEqual(vehicle.next_service_date, date(2025, 4, 11))
        self.assertEqual(vehicle.next_service_km, 10000)
        subjects = self.rule._get_subjects(date(2025, 4, 1), date(2025, 4, 15))
        self.assertEqual([s["vehicle_id"] for s in subjects if s["vehicle_id"] == vehicle.id], [vehicle.id])
        created = self.env["auto.followup"]._apply_rules()
        mine = created.filtered(lambda f: f.vehicle_id == vehicle)
        self.assertEqual(mine.plan_id, self.plan)
        self.assertEqual(
            sorted(mine.mapped("date_scheduled")),
            [date(2025, 4, 1), date(2025, 4, 11)],
            "call 14 days before (today at the earliest), message on the due date",
        )
        self.assertFalse(
            self.env["auto.followup"]._apply_rules().filtered(lambda f: f.vehicle_id == vehicle),
            "the daily run does not create them twice",
        )

    @freeze_time("2025-04-01")
    def test_months_first_for_a_quiet_car(self):
        vehicle = self._vehicles(1, 1, km=590)  # 10 km a day: 12 months come first
        self.assertEqual(vehicle.next_service_date, date(2026, 1, 1))
        self.assertFalse(self.rule._get_subjects(date(2025, 4, 1), date(2025, 4, 15)))

    def test_last_maintenance_restarts_the_interval(self):
        with freeze_time("2025-04-01"):
            vehicle = self._vehicles(1, 1)
        with freeze_time("2025-04-05 03:00:00"):
            repair = self._order(vehicle=vehicle, mileage_in=6300)
            repair.action_validate()
            repair.action_repair_start()
            repair.action_repair_end()
            vehicle.invalidate_recordset()
            self.assertEqual(vehicle.last_service_date, date(2025, 4, 5))
            self.assertEqual(vehicle.next_service_km, 16300)
            # 6,300 km in 94 days since purchase = 67 km/day; 10,000 km more in 149 days
            self.assertEqual(vehicle.next_service_date, date(2025, 9, 1))

    @freeze_time("2025-04-01")
    def test_query_count_does_not_grow_with_vehicles(self):
        def reset():
            self.env.flush_all()
            self.env.invalidate_all()

        def subjects():
            return self.rule._get_subjects(date(2025, 4, 1), date(2025, 4, 15))

        def count_queries(function):
            reset()
            before = self.env.cr.sql_log_count
            result = function()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before, result

        warm = self._vehicles(3, 50)
        count_queries(lambda: self.env["auto.followup"]._schedule(self.plan, subjects()))[1].unlink()
        warm.active = False

        small = self._vehicles(10, 100)
        find_10, found = count_queries(subjects)
        self.assertEqual(len(found), 10)
        schedule_10, created = count_queries(lambda: self.env["auto.followup"]._schedule(self.plan, subjects()))
        self.assertEqual(len(created), 20)
        created.unlink()
        small.active = False

        self._vehicles(100, 200)
        reset()
        with self.assertQueryCount(find_10):
            found = subjects()
        self.assertEqual(len(found), 100)
        reset()
        # 200 follow-ups instead of 20: Odoo itself inserts and updates 100 rows per query,
        # so one INSERT and one UPDATE more; nothing per vehicle
        with self.assertQueryCount(schedule_10 + 2):
            created = self.env["auto.followup"]._schedule(self.plan, subjects())
            self.env.flush_all()
        self.assertEqual(len(created), 200)
