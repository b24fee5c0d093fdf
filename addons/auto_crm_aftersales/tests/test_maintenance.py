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
            repair = self._order(vehicle=vehicle, auto_mileage_in=6300)
            repair.action_validate()
            repair.action_repair_start()
            repair.action_repair_end()
            vehicle.invalidate_recordset()
            self.assertEqual(vehicle.last_service_date, date(2025, 4, 5))
            self.assertEqual(vehicle.next_service_km, 16300)
            # 6,300 km in 94 days since purchase = 67 km/day; 10,000 km more in 149 days
            self.assertEqual(vehicle.next_service_date, date(2025, 9, 1))

    def test_first_service_reminded_from_the_delivery(self):
        """The hand-off schedules the first service's reminders (首保提醒); a maintenance done ends them."""
        Followup = self.env["auto.followup"]
        plan = self.env["auto.followup.plan"]._for_purpose("maintenance_reminder")
        self.assertEqual(plan, self.plan, "the shipped plan of the maintenance rule, found by its purpose")
        with freeze_time("2025-05-10 03:00:00"):
            car = self.env["auto.vehicle"].create(
                {
                    "vin": self._vin("LGXCE4CB", 951),
                    "model_id": self.model.id,
                    "partner_id": self.customer2.id,
                    "user_id": self.consultant.id,
                }
            )
            car._hand_over_to_customer(date(2025, 5, 10), reference="SO-FIRST")
            first = Followup.search([("vehicle_id", "=", car.id), ("plan_id", "=", plan.id)]).sorted("date_scheduled")
            self.assertEqual(first.mapped("trigger_date"), [date(2026, 5, 10)] * 2, "12 months: no mileage known yet")
            self.assertEqual(first.mapped("date_scheduled"), [date(2026, 4, 26), date(2026, 5, 10)])
            self.assertEqual(first.mapped("channel"), ["call", "wechat"])
            self.assertEqual(first.partner_id, self.customer2)
            self.assertEqual(first.user_id, self.consultant, "the consultant who sold the car invites the owner")
            self.assertEqual(set(first.mapped("state")), {"planned"})
            car._hand_over_to_customer(date(2025, 5, 10))
            self.assertEqual(Followup.search_count([("vehicle_id", "=", car.id), ("plan_id", "=", plan.id)]), 2)
        with freeze_time("2026-04-26 03:00:00"):
            self.assertFalse(
                Followup._apply_rules().filtered(lambda f: f.vehicle_id == car),
                "the maintenance rule does not remind the first service a second time",
            )

    def test_first_service_done_early_ends_its_reminders(self):
        """A car driven a lot comes due by its km first: reminded then too, and the service ends every reminder."""
        Followup = self.env["auto.followup"]
        with freeze_time("2025-05-10 03:00:00"):
            car = self.env["auto.vehicle"].create(
                {
                    "vin": self._vin("LGXCE4CB", 952),
                    "model_id": self.model.id,
                    "partner_id": self.customer2.id,
                    "user_id": self.consultant.id,
                }
            )
            car._hand_over_to_customer(date(2025, 5, 10))
        with freeze_time("2025-09-01 03:00:00"):
            # 9,000 km in 114 days: 10,000 km on 13 September, long before the twelve months
            self.env["auto.vehicle.odometer"].create({"vehicle_id": car.id, "value": 9000, "date": date(2025, 9, 1)})
            self.assertEqual(car.next_service_date, date(2025, 9, 13))
            by_km = Followup._apply_rules().filtered(lambda f: f.vehicle_id == car)
            self.assertEqual(by_km.mapped("trigger_date"), [date(2025, 9, 13)] * 2)
            pending = Followup.search(
                [("vehicle_id", "=", car.id), ("plan_id", "=", self.plan.id), ("state", "in", ("planned", "open"))]
            )
            self.assertEqual(len(pending), 4, "the reminders of the delivery and those of the km")
        with freeze_time("2025-09-10 03:00:00"):
            repair = self._order(vehicle=car, auto_mileage_in=9800, auto_service_type="maintenance")
            repair.action_validate()
            repair.action_repair_start()
            repair.action_repair_end()
            self.assertEqual(set(pending.mapped("state")), {"cancelled"}, "the first service is done")
            self.assertFalse(pending.activity_ids)
            car.invalidate_recordset()
            # 9,800 km in 123 days: the next 10,000 km in 125 days, before the twelve months
            self.assertEqual(car.next_service_date, date(2026, 1, 13), "the next one counts from this service")

    def test_warranty_repair_keeps_the_maintenance_reminders(self):
        with freeze_time("2025-05-10 03:00:00"):
            car = self.env["auto.vehicle"].create(
                {"vin": self._vin("LGXCE4CB", 953), "model_id": self.model.id, "partner_id": self.customer2.id}
            )
            car._hand_over_to_customer(date(2025, 5, 10))
        with freeze_time("2025-07-01 03:00:00"):
            repair = self._order(vehicle=car, auto_mileage_in=3000, auto_service_type="warranty")
            repair.action_validate()
            repair.action_repair_start()
            repair.action_repair_end()
        reminders = self.env["auto.followup"].search([("vehicle_id", "=", car.id), ("plan_id", "=", self.plan.id)])
        self.assertEqual(reminders.mapped("state"), ["planned", "planned"], "a repair is not the first service")

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
