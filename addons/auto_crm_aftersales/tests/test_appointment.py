from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestAppointment(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.slot = cls.env["auto.service.slot"].create(
            {
                "name": "Test Morning",
                "hour_from": 9.0,
                "hour_to": 11.0,
                "bay_count": 2,
                "technician_count": 3,
            }
        )

    def _book(self, vehicle, day="2026-03-10", slot=None):
        return self.env["auto.service.appointment"].create(
            {
                "partner_id": vehicle.partner_id.id,
                "vehicle_id": vehicle.id,
                "date": day,
                "slot_id": (slot or self.slot).id,
            }
        )

    @freeze_time("2026-03-01")
    def test_full_slot_cannot_be_overbooked(self):
        self.assertEqual(self.slot.capacity, 2, "the fewer of bays and technicians")
        first = self._book(self.vehicle)
        self._book(self.vehicle2)
        third_vehicle = self.vehicle.copy({"vin": self._vin("LGXC16DF", 3), "plate_number": "川A·11111"})
        with self.assertRaisesRegex(ValidationError, "is full"), self.env.cr.savepoint():
            self._book(third_vehicle)
        self.assertEqual(self.env["auto.service.appointment"].search_count([("slot_id", "=", self.slot.id)]), 2)
        self._book(third_vehicle, day="2026-03-11")  # another day is free
        first.action_cancel()
        self._book(third_vehicle)  # a cancellation frees the place

    @freeze_time("2026-03-01")
    def test_reminder_day_before_and_no_show(self):
        appointment = self._book(self.vehicle)
        reminder = appointment.followup_ids
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.date_scheduled, date(2026, 3, 9))
        self.assertEqual(reminder.channel, "sms")
        appointment.date = "2026-03-12"
        pending = appointment.followup_ids.filtered(lambda f: f.state == "planned")
        self.assertEqual(pending.date_scheduled, date(2026, 3, 11), "a moved appointment moves its reminder")
        with freeze_time("2026-03-13"):
            self.assertEqual(self.env["auto.service.appointment"]._cron_mark_no_shows(), 1)
        self.assertEqual(appointment.state, "no_show")
        self.assertFalse(appointment.followup_ids.filtered(lambda f: f.state in ("planned", "open")))

    @freeze_time("2026-03-10 02:00:00")
    def test_receive_opens_service_order(self):
        appointment = self._book(self.vehicle, day="2026-03-10")
        appointment.description = "Noise from the front left wheel"
        appointment.action_receive()
        self.assertEqual(appointment.state, "arrived")
        self.assertEqual(appointment.repair_id.auto_vehicle_id, self.vehicle)
        self.assertEqual(appointment.repair_id.auto_appointment_id, appointment)
        with self.assertRaises(UserError):
            appointment.action_no_show()

    @freeze_time("2026-03-01")
    def test_no_booking_in_the_past(self):
        with self.assertRaises(ValidationError):
            self._book(self.vehicle, day="2026-02-27")
