from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import AutoCrmCustomerCase


@tagged("post_install", "-at_install")
class TestVehicle(AutoCrmCustomerCase):
    def test_vin_normalized_and_decoded(self):
        vin = self._vin("LGXCE4CB", 1)
        typed = f" {vin[:4].lower()}-{vin[4:10]} {vin[10:]} "
        vehicle = self.env["auto.vehicle"].create({"vin": typed, "partner_id": self.customer.id})
        self.assertEqual(vehicle.vin, vin)
        self.assertEqual(vehicle.model_year, 2023, "position 10 'P' decodes to 2023")

    def test_vin_unique_however_typed(self):
        vin = self._vin("LGXCE4CB", 2)
        first = self.env["auto.vehicle"].create({"vin": vin})
        count = self.env["auto.vehicle"].search_count([])
        for typed in (vin.lower(), f"{vin[:5]} {vin[5:]}", f"{vin[:8]}-{vin[8:]}"):
            with self.assertRaises(ValidationError) as error, self.cr.savepoint():
                self.env["auto.vehicle"].create({"vin": typed})
            self.assertIn(first.vin, str(error.exception))
            self.assertIn("already registered", str(error.exception))
        self.assertEqual(self.env["auto.vehicle"].search_count([]), count, "nothing was created")

    def test_same_vin_allowed_in_another_company(self):
        vin = self._vin("LGXCE4CB", 3)
        other_company = self.env["res.company"].create({"name": "Chongqing 4S Store"})
        self.env["auto.vehicle"].create({"vin": vin})
        vehicle = self.env["auto.vehicle"].create({"vin": vin, "company_id": other_company.id})
        self.assertEqual(vehicle.company_id, other_company)

    def test_bad_vins_are_refused_with_their_reason(self):
        good = self._vin("LGXCE4CB", 4)
        wrong_digit = "X" if good[8] != "X" else "1"
        cases = {
            good[:16]: "16",  # too short: says the length found
            good[:5] + "O" + good[6:]: "O",  # forbidden letter named
            good[:5] + "#" + good[6:]: "#",  # bad character named
            good[:8] + wrong_digit + good[9:]: good[8],  # wrong check digit: says the expected one
        }
        for vin, expected in cases.items():
            with self.assertRaises(ValidationError) as error, self.cr.savepoint():
                self.env["auto.vehicle"].create({"vin": vin})
            self.assertIn(expected, str(error.exception), vin)
        self.assertFalse(self.env["auto.vehicle"].search([("vin", "in", list(cases))]))

    def test_vin_check_digit_policy(self):
        european = "WVWZZZ1KZ6W000001"  # position 9 is Z, not a check digit: fine in Europe by default
        self.env["auto.vehicle"].create({"vin": european})
        self.company.auto_vin_check_digit_policy = "always"
        with self.assertRaises(ValidationError):
            self.env["auto.vehicle"].create({"vin": "WVWZZZ1KZ6W000002"})
        self.company.auto_vin_check_digit_policy = "never"
        bad_digit = self._vin("LGXCE4CB", 5)
        bad_digit = bad_digit[:8] + ("X" if bad_digit[8] != "X" else "1") + bad_digit[9:]
        self.assertTrue(self.env["auto.vehicle"].create({"vin": bad_digit}))

    def test_vin_rules_apply_to_imports(self):
        result = self.env["auto.vehicle"].load(["vin", "plate_number"], [["LGX123", "川A·99999"]])
        self.assertTrue(result["messages"], "the importer reports the bad VIN")
        self.assertFalse(result["ids"])
        self.assertFalse(self.env["auto.vehicle"].search([("plate_number", "=", "川A·99999")]))

    def test_ownership_history_follows_owner(self):
        vehicle = self.env["auto.vehicle"].create(
            {
                "vin": self._vin("LGXCE4CB", 6),
                "partner_id": self.customer.id,
                "purchase_date": "2023-05-01",
            }
        )
        self.assertEqual(vehicle.ownership_ids.partner_id, self.customer)
        with freeze_time("2025-03-01"):
            vehicle.partner_id = self.customer2
        history = vehicle.ownership_ids.sorted("date_start")
        self.assertEqual(history.partner_id.ids, [self.customer.id, self.customer2.id])
        self.assertEqual(str(history[0].date_end), "2025-03-01")
        self.assertFalse(history[1].date_end)

    def test_new_owner_gets_the_cars_calls(self):
        """过户: the reminders about the car go to its new owner; a call about a record of the previous owner
        (here his own customer file) and a call already made stay his."""
        vehicle = self.env["auto.vehicle"].create(
            {"vin": self._vin("LGXCE4CB", 7), "partner_id": self.customer.id, "purchase_date": "2023-05-01"}
        )
        Followup = self.env["auto.followup"]
        common = {"partner_id": self.customer.id, "vehicle_id": vehicle.id, "date_scheduled": "2026-12-20"}
        reminder = Followup.create({**common, "name": "Maintenance reminder"})
        about_record = Followup.create(
            {**common, "name": "Renewal of his contract", "res_model": "res.partner", "res_id": self.customer.id}
        )
        other_car = Followup.create({**common, "name": "Other car", "vehicle_id": False})
        cancelled = Followup.create({**common, "name": "Cancelled reminder"})
        cancelled.action_cancel()
        vehicle.with_user(self.consultant).partner_id = self.customer2
        self.assertEqual(reminder.partner_id, self.customer2)
        self.assertEqual((about_record | other_car | cancelled).partner_id, self.customer)
        # traded in: back in the dealership's stock, the car has nobody to remind
        vehicle.partner_id = False
        self.assertEqual(reminder.state, "cancelled")
        self.assertEqual(about_record.state, "planned", "a call about a record of the previous owner stays")

    def test_warranty_from_model_and_mileage(self):
        vehicle = self.env["auto.vehicle"].create(
            {
                "vin": self._vin("LGXCE4CB", 7),
                "model_id": self.model.id,
                "purchase_date": "2023-06-15",
            }
        )
        self.assertEqual(str(vehicle.warranty_end_date), "2026-06-15")
        self.assertEqual(vehicle.warranty_end_km, 100000)
        with freeze_time("2024-01-10"):
            self.env["auto.vehicle.odometer"].create({"vehicle_id": vehicle.id, "value": 12000, "date": "2024-01-10"})
            vehicle.invalidate_recordset(["in_warranty"])
            self.assertTrue(vehicle.in_warranty)
            self.assertIn(vehicle, self.env["auto.vehicle"].search([("in_warranty", "=", True)]))
            self.env["auto.vehicle.odometer"].create({"vehicle_id": vehicle.id, "value": 100500, "date": "2024-01-10"})
            vehicle.invalidate_recordset(["in_warranty"])
            self.assertFalse(vehicle.in_warranty, "over the warranty mileage")
            self.assertNotIn(vehicle, self.env["auto.vehicle"].search([("in_warranty", "=", True)]))
        with freeze_time("2026-07-01"):
            vehicle.invalidate_recordset(["in_warranty"])
            self.assertFalse(vehicle.in_warranty, "past the warranty date")

    def test_mileage_cannot_go_down_without_reason(self):
        vehicle = self.env["auto.vehicle"].create({"vin": self._vin("LGXCE4CB", 8)})
        Odometer = self.env["auto.vehicle.odometer"]
        Odometer.create({"vehicle_id": vehicle.id, "value": 30000, "date": "2024-03-01"})
        with self.assertRaises(ValidationError) as error, self.cr.savepoint():
            Odometer.create({"vehicle_id": vehicle.id, "value": 25000, "date": "2024-04-01"})
        self.assertIn("30000", str(error.exception))
        self.assertEqual(vehicle.mileage, 30000, "the bad reading changed nothing")
        Odometer.create(
            {
                "vehicle_id": vehicle.id,
                "value": 25000,
                "date": "2024-04-01",
                "correction_reason": "Cluster replaced",
            }
        )
        self.assertEqual(vehicle.mileage, 25000)

    def test_vehicle_form_with_catalog(self):
        with Form(self.env["auto.vehicle"]) as form:
            form.vin = self._vin("LGXCE4CB", 9).lower()
            form.model_id = self.model
            form.partner_id = self.customer
            form.plate_number = "川a 12345"
        vehicle = form.record
        self.assertEqual(vehicle.brand_id, self.brand)
        self.assertEqual(vehicle.plate_number, "川A12345")
        self.assertEqual(self.customer.auto_vehicle_count, 1)
