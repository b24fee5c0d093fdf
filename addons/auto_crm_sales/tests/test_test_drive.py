from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AutoCrmSalesCase


@tagged("post_install", "-at_install")
class TestTestDrive(AutoCrmSalesCase):
    def _drive(self, **values):
        vals = {
            "partner_id": self.customer.id,
            "vehicle_id": self.demo_vehicle.id,
            "user_id": self.consultant.id,
            "date_start": datetime(2025, 5, 10, 10, 0),
            "duration": 1.0,
            "route": "City loop 8 km",
            "licence_number": "110101199001011234",
            "licence_expiry": date(2030, 1, 1),
        }
        vals.update(values)
        return self.env["auto.test.drive"].create(vals)

    def test_licence_must_be_valid_on_drive_date(self):
        with self.assertRaises(ValidationError):
            self._drive(licence_expiry=date(2025, 5, 9))
        with self.assertRaises(ValidationError):
            self._drive(licence_number="   ")
        drive = self._drive(licence_expiry=date(2025, 5, 10))
        self.assertEqual(self.customer.auto_licence_number, "110101199001011234", "kept on the customer")
        self.assertEqual(drive.date_stop, datetime(2025, 5, 10, 11, 0))

    def test_vehicle_and_consultant_cannot_be_double_booked(self):
        self._drive()
        with self.assertRaises(ValidationError), mute_logger("odoo.sql_db"):
            self._drive(
                partner_id=self.customer2.id, user_id=self.consultant2.id, date_start=datetime(2025, 5, 10, 10, 30)
            )
        other_demo = self.vehicles[3]
        other_demo.auto_demo = True
        with self.assertRaises(ValidationError):
            self._drive(
                partner_id=self.customer2.id, vehicle_id=other_demo.id, date_start=datetime(2025, 5, 10, 10, 45)
            )
        # back to back is fine, and so is another consultant with another car
        self._drive(date_start=datetime(2025, 5, 10, 11, 0))
        self._drive(
            partner_id=self.customer2.id,
            vehicle_id=other_demo.id,
            user_id=self.consultant2.id,
            date_start=datetime(2025, 5, 10, 10, 30),
        )

    def test_cancelled_drive_frees_the_slot(self):
        drive = self._drive()
        drive.action_cancel()
        self._drive(partner_id=self.customer2.id)

    def test_feedback_and_links(self):
        lead = self.env["crm.lead"].create(
            {"name": "Test drive lead", "partner_id": self.customer.id, "user_id": self.consultant.id}
        )
        drive = self._drive(lead_id=lead.id)
        drive.action_done()
        drive.write({"feedback_rating": "4", "purchase_intent": "high", "feedback_liked": "Quiet, smooth"})
        self.assertEqual(lead.auto_test_drive_count, 1)
        self.assertEqual(self.customer.auto_test_drive_count, 1)
        action = lead.action_view_auto_test_drives()
        self.assertEqual(self.env["auto.test.drive"].search(action["domain"]), drive)
