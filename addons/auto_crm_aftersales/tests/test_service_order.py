from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestServiceOrder(AftersalesCase):
    def _finish(self, repair):
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        return repair

    def test_reception_from_plate(self):
        with Form(self.env["repair.order"]) as form:
            form.auto_vehicle_lookup = "川a 12345"
            self.assertEqual(form.auto_vehicle_id, self.vehicle)
            self.assertEqual(form.partner_id, self.customer)
            form.auto_mileage_in = 8000
            form.auto_service_type = "maintenance"
        repair = form.record
        self.assertEqual(repair.auto_vehicle_id, self.vehicle)
        self.assertEqual(self.vehicle.mileage, 8000)
        self.assertEqual(repair.auto_odometer_id.source, "service")
        self.assertIn(repair, self.vehicle.repair_ids, "the vehicle shows its service history")

    def test_lookup_by_vin_on_create(self):
        repair = self.env["repair.order"].create(
            {"auto_vehicle_lookup": self.vehicle2.vin.lower(), "auto_mileage_in": 1000}
        )
        self.assertEqual(repair.auto_vehicle_id, self.vehicle2)
        self.assertEqual(repair.partner_id, self.customer2)
        with self.assertRaises(ValidationError):
            self.env["repair.order"].create({"auto_vehicle_lookup": "粤B·00000"})

    def test_mileage_lower_than_last_reading_refused(self):
        self._order(auto_mileage_in=15000)
        count = self.env["repair.order"].search_count([("auto_vehicle_id", "=", self.vehicle.id)])
        with self.assertRaisesRegex(ValidationError, "lower than the last reading"), self.env.cr.savepoint():
            self._order(auto_mileage_in=12000)
        self.assertEqual(
            self.env["repair.order"].search_count([("auto_vehicle_id", "=", self.vehicle.id)]),
            count,
            "nothing is created when the mileage is refused",
        )
        self.assertEqual(self.vehicle.mileage, 15000)
        repair = self._order(auto_mileage_in=12000, auto_mileage_correction_reason="Instrument cluster replaced")
        self.assertEqual(repair.auto_odometer_id.value, 12000)

    def test_mileage_correction_on_write(self):
        repair = self._order(auto_mileage_in=15000)
        repair.auto_mileage_in = 15500
        self.assertEqual(repair.auto_odometer_id.value, 15500)
        self.assertEqual(len(self.vehicle.odometer_ids), 1, "the order keeps one reading, updated")

    def test_warranty_by_date_and_km(self):
        with freeze_time("2026-06-01"):
            in_warranty = self._order(auto_mileage_in=50000)
            over_km = self._order(auto_mileage_in=120000)
            old_car = self._order(vehicle=self.vehicle2, auto_mileage_in=40000)
        self.assertTrue(in_warranty.auto_in_warranty)
        self.assertFalse(over_km.auto_in_warranty, "over 100,000 km is out of warranty")
        self.assertFalse(old_car.auto_in_warranty, "a car bought in 2020 with 3 years of warranty is out")
        with freeze_time("2027-01-11"):
            late = self._order(vehicle=self.vehicle, auto_mileage_in=130000)
        self.assertFalse(late.auto_in_warranty)

    def test_warranty_claim(self):
        with freeze_time("2026-06-01"):
            repair = self._order(auto_mileage_in=50000, auto_service_type="warranty")
            self.assertTrue(repair.under_warranty is not None)
            claim = self.env["auto.warranty.claim"].create({"repair_id": repair.id, "amount_claimed": 800})
            claim.failure_description = "Water pump leaking: seal defect"
            claim.action_submit()
            claim.action_approve()
            self.assertEqual((claim.state, claim.amount_approved), ("approved", 800))
            claim.action_paid()
            self.assertEqual(claim.state, "paid")
            out = self._order(vehicle=self.vehicle2, auto_mileage_in=40000, auto_service_type="repair")
            claims = self.env["auto.warranty.claim"].search_count([])
            with self.assertRaisesRegex(ValidationError, "out of warranty"), self.env.cr.savepoint():
                self.env["auto.warranty.claim"].create({"repair_id": out.id})
            self.assertEqual(self.env["auto.warranty.claim"].search_count([]), claims)
            with self.assertRaisesRegex(ValidationError, "out of warranty"), self.env.cr.savepoint():
                self._order(vehicle=self.vehicle2, auto_mileage_in=41000, auto_service_type="warranty")

    def test_done_order_feeds_value_and_schedules_return_visit(self):
        repair = self._order(auto_mileage_in=9000)
        repair.auto_labour_line_ids = [(0, 0, {"name": "Oil change", "hours": 1.5, "hourly_rate": 200})]
        self.assertEqual(repair.auto_amount_total, 300)
        self._finish(repair)
        self.assertEqual(repair.state, "done")
        self.assertTrue(repair.auto_date_done)
        value = self.env["auto.customer.value"].search([("res_model", "=", "repair.order"), ("res_id", "=", repair.id)])
        self.assertEqual((value.amount, value.value_type, value.partner_id), (300, "service", self.customer))
        visit = repair.auto_followup_ids
        self.assertEqual(len(visit), 1, "one return visit per finished order")
        self.assertEqual(visit.user_id, self.relations)
        today = fields.Date.context_today(repair)
        self.assertLessEqual(visit.date_scheduled, today + timedelta(days=3), "within three days")
        self.assertTrue(visit.is_return_visit)
        # finishing twice never doubles it
        repair._schedule_return_visits()
        self.assertEqual(len(repair.auto_followup_ids), 1)

    def test_hand_over_starts_warranty_and_return_visit(self):
        """The hand-off of a new car (交车): warranty from the delivery day, a return visit, warranty work accepted."""
        new_car = self.env["auto.vehicle"].create(
            {"vin": self._vin("LGXCE4CB", 950), "model_id": self.model.id, "partner_id": self.customer2.id}
        )
        self.assertFalse(new_car.warranty_end_date)
        day = fields.Date.context_today(new_car) - timedelta(days=1)
        new_car._hand_over_to_customer(day, mileage=12, reference="SO-TEST")
        self.assertEqual(new_car.purchase_date, day)
        self.assertEqual(new_car.state, "customer")
        self.assertEqual(new_car.mileage, 12)
        self.assertTrue(new_car.warranty_end_date and new_car.in_warranty)
        self.assertEqual(self.customer2.auto_last_visit_date, day)
        visit = new_car.followup_ids.filtered("is_return_visit")
        self.assertEqual(len(visit), 1, "customer relations calls the new owner back")
        self.assertEqual(
            new_car.followup_ids.plan_id.mapped("purpose"),
            ["delivery_return_visit", "maintenance_reminder"],
            "and the first service is reminded (test_maintenance.py)",
        )
        self.assertEqual(visit.plan_id.purpose, "delivery_return_visit")
        self.assertEqual(visit.user_id, self.relations)
        self.assertTrue(visit.is_return_visit)
        # on the Return Visits list of customer relations, a colleague's as well, as the visits after service
        colleague = new_test_user(
            self.env,
            login="as_cr2",
            name="Customer Relations Deng",
            groups="auto_crm_aftersales.group_customer_relations",
        )
        return_visits = self.env.ref("auto_crm_aftersales.auto_followup_action_return_visit")
        domain = [*safe_eval(return_visits.domain), ("vehicle_id", "=", new_car.id)]
        self.assertEqual(self.env["auto.followup"].with_user(colleague).search(domain), visit)
        Followup = self.env["auto.followup"]
        self.assertEqual(Followup.search([("is_return_visit", "=", True), ("vehicle_id", "=", new_car.id)]), visit)
        self.assertEqual(
            Followup.search([("is_return_visit", "!=", True), ("vehicle_id", "=", new_car.id)]),
            new_car.followup_ids - visit,
        )
        new_car._hand_over_to_customer(day)
        self.assertEqual(len(new_car.followup_ids), 3, "idempotent per delivery day")
        repair = self._order(vehicle=new_car, auto_mileage_in=800, auto_service_type="warranty")
        self.assertTrue(repair.auto_in_warranty, "warranty work on the car just delivered is accepted")

    def test_insurance_policy_sets_expiry(self):
        insurer = self.env["res.partner"].create({"name": "中国人保财险", "is_company": True})
        self.env["auto.insurance.policy"].create(
            {
                "name": "PICC-001",
                "vehicle_id": self.vehicle.id,
                "insurer_id": insurer.id,
                "date_start": date(2025, 3, 1),
                "date_end": date(2026, 2, 28),
                "premium": 4200,
            }
        )
        self.assertEqual(self.vehicle.insurance_expiry_date, date(2026, 2, 28))
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env["auto.insurance.policy"].create(
                {
                    "name": "PICC-002",
                    "vehicle_id": self.vehicle.id,
                    "insurer_id": insurer.id,
                    "date_start": date(2026, 3, 1),
                    "date_end": date(2026, 2, 1),
                }
            )

    def test_return_visit_plan_chosen_by_purpose(self):
        """A dealership points its own plan at a purpose: the return visits follow it, not the shipped one."""
        Plan = self.env["auto.followup.plan"]
        shipped = Plan._for_purpose("service_return_visit")
        self.assertTrue(shipped, "a return-visit plan is shipped")
        own = Plan.create(
            {
                "name": "Our return visit: next day, by the advisor",
                "target": "vehicle",
                "company_id": self.company.id,
                "purpose": "service_return_visit",
                "step_ids": [(0, 0, {"name": "Next-day call", "offset_days": 1, "channel": "call"})],
            }
        )
        self.assertEqual(Plan._for_purpose("service_return_visit"), own, "the company's own plan is used")
        self.assertFalse(shipped.purpose, "the purpose moved to the company's own plan")
        repair = self._finish(self._order(auto_mileage_in=9000))
        self.assertEqual(repair.auto_followup_ids.plan_id, own)
        self.assertTrue(repair.auto_followup_ids.is_return_visit, "a return visit by its plan's purpose")
        shipped.purpose = "service_return_visit"
        self.assertEqual(Plan._for_purpose("service_return_visit"), shipped, "and back")
        self.assertFalse(own.purpose)
