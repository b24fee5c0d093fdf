"""The owner's portal (车主自助): two portal customers, each with their vehicle, see only their own records, book,
reschedule and cancel an appointment, submit a complaint and answer the survey of a done service."""

from datetime import timedelta

import psycopg2.errors

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import Request
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import AftersalesCase


class PortalCase(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner1 = new_test_user(
            cls.env, login="owner1", name="Owner One", groups="base.group_portal", partner_id=cls.customer.id
        )
        cls.owner2 = new_test_user(
            cls.env, login="owner2", name="Owner Two", groups="base.group_portal", partner_id=cls.customer2.id
        )
        # a slot of one place, the workshop's shipped slots left out of the choice
        cls.env["auto.service.slot"].search([]).active = False
        cls.slot = cls.env["auto.service.slot"].create(
            {"name": "Morning", "hour_from": 9.0, "hour_to": 10.0, "bay_count": 1, "technician_count": 3}
        )
        cls.slot2 = cls.env["auto.service.slot"].create(
            {"name": "Afternoon", "hour_from": 14.0, "hour_to": 15.0, "bay_count": 2, "technician_count": 2}
        )
        cls.day = fields.Date.context_today(cls.env.user) + timedelta(days=2)
        # the vehicle's first maintenance, done
        cls.repair = cls._order(auto_service_type="maintenance", auto_mileage_in=5200)
        cls.env["auto.repair.labour"].create(
            {"repair_id": cls.repair.id, "name": "Oil change", "hours": 1.5, "hourly_rate": 200}
        )
        cls.repair.action_repair_start()
        cls.repair.action_repair_end()

    def _post(self, url, **data):
        return self.url_open(url, data={**data, "csrf_token": Request.csrf_token(self)})


@tagged("post_install", "-at_install")
class TestOwnerPortal(PortalCase, HttpCase):
    def test_owner_sees_only_own_vehicles(self):
        """Each owner sees their own vehicle with its service history; the other's is not found."""
        self.assertEqual(self.repair.state, "done")
        self.authenticate("owner1", "owner1")
        response = self.url_open("/my/vehicles")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.vehicle.vin, response.text)
        self.assertNotIn(self.vehicle2.vin, response.text)
        response = self.url_open(f"/my/vehicles/{self.vehicle.id}")
        self.assertEqual(response.status_code, 200)
        for shown in (self.vehicle.vin, self.vehicle.plate_number, self.repair.name, "5200", "Next Maintenance"):
            self.assertIn(shown, response.text)
        self.assertIn(f"/my/services/{self.repair.id}/survey", response.text, "the done service can be rated")
        self.assertEqual(self.url_open(f"/my/vehicles/{self.vehicle2.id}").status_code, 404)
        self.assertEqual(self.url_open("/my/vehicles/999999").status_code, 404)
        self.authenticate("owner2", "owner2")
        response = self.url_open("/my/vehicles")
        self.assertIn(self.vehicle2.vin, response.text)
        self.assertNotIn(self.vehicle.vin, response.text)
        self.assertEqual(self.url_open(f"/my/vehicles/{self.vehicle.id}").status_code, 404)
        self.assertEqual(self.url_open(f"/my/services/{self.repair.id}/survey").status_code, 404)

    def test_open_recall_shown_to_its_owner(self):
        """An open recall of the owner's vehicle is on their vehicle page, with what the dealership will do."""
        campaign = self.env["auto.service.campaign"].create(
            {
                "name": "Brake hose recall",
                "model_ids": [(6, 0, self.model.ids)],
                "description": "We replace the front brake hoses free of charge.",
            }
        )
        campaign.action_open()
        self.vehicle2.partner_id = self.customer2
        self.authenticate("owner1", "owner1")
        self.assertIn("Recall", self.url_open("/my/vehicles").text)
        page = self.url_open(f"/my/vehicles/{self.vehicle.id}").text
        self.assertIn("Brake hose recall", page)
        self.assertIn("We replace the front brake hoses free of charge.", page)
        campaign.vehicle_line_ids.filtered(lambda line: line.vehicle_id == self.vehicle).state = "done"
        self.assertNotIn("Brake hose recall", self.url_open(f"/my/vehicles/{self.vehicle.id}").text, "done: gone")

    def test_service_invoice_linked(self):
        """The invoice of a finished service (its repair quotation's) is listed with its portal link."""
        if not self.repair.sale_order_id:
            self.repair.action_create_sale_order()
        order = self.repair.sale_order_id
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self.authenticate("owner1", "owner1")
        response = self.url_open(f"/my/vehicles/{self.vehicle.id}")
        self.assertIn(invoice.name, response.text)
        self.assertIn(f"/my/invoices/{invoice.id}", response.text)
        self.assertEqual(self.url_open(f"/my/invoices/{invoice.id}").status_code, 200, "the owner opens it")

    def test_record_rules_keep_the_portal_to_its_own(self):
        Vehicle = self.env["auto.vehicle"].with_user(self.owner1)
        self.assertEqual(Vehicle.search([]), self.vehicle)
        with self.assertRaises(AccessError):
            self.vehicle2.with_user(self.owner1).read(["vin"])
        with self.assertRaises(AccessError):
            Vehicle.browse(self.vehicle.id).write({"plate_number": "川A·00000"})
        with self.assertRaises(AccessError):
            self.env["auto.service.appointment"].with_user(self.owner1).create(
                {"partner_id": self.customer.id, "date": self.day, "slot_id": self.slot.id}
            )
        self.assertFalse(self.env["repair.order"].with_user(self.owner1).has_access("read"))

    def test_book_reschedule_cancel(self):
        self.authenticate("owner1", "owner1")
        response = self.url_open(f"/my/appointments/new?vehicle_id={self.vehicle.id}&date={self.day}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Places left: 1", response.text, "the slot shows its free places")
        response = self._post(
            "/my/appointments/new",
            vehicle_id=self.vehicle.id,
            date=str(self.day),
            slot_id=self.slot.id,
            service_type="maintenance",
            description="Oil change and tyres",
            book="1",
        )
        self.assertEqual(response.status_code, 200)
        appointment = self.env["auto.service.appointment"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(len(appointment), 1)
        self.assertRecordValues(
            appointment,
            [
                {
                    "vehicle_id": self.vehicle.id,
                    "date": self.day,
                    "slot_id": self.slot.id,
                    "state": "booked",
                    "user_id": self.advisor.id,
                }
            ],
        )
        self.assertTrue(
            appointment.followup_ids, "the follow-up engine reminds the customer, as for an advisor's booking"
        )
        self.assertIn(appointment.name, self.url_open("/my/appointments").text)
        # the slot is now full for everyone
        response = self.url_open(f"/my/appointments/new?vehicle_id={self.vehicle.id}&date={self.day}")
        self.assertIn("Full", response.text)

        # the other owner neither sees nor cancels it
        self.authenticate("owner2", "owner2")
        self.assertNotIn(appointment.name, self.url_open("/my/appointments").text)
        self.assertEqual(self.url_open(f"/my/appointments/{appointment.id}").status_code, 404)
        self.assertEqual(self._post(f"/my/appointments/{appointment.id}/cancel").status_code, 404)
        self.assertEqual(appointment.state, "booked")

        self.authenticate("owner1", "owner1")
        later = self.day + timedelta(days=1)
        response = self._post(
            f"/my/appointments/{appointment.id}/reschedule", date=str(later), slot_id=self.slot2.id, book="1"
        )
        self.assertEqual(response.status_code, 200)
        self.assertRecordValues(appointment, [{"date": later, "slot_id": self.slot2.id, "state": "booked"}])
        self.assertEqual(
            appointment.followup_ids.filtered(lambda f: f.state in ("planned", "open")).mapped("trigger_date"),
            [later] * len(appointment.followup_ids.filtered(lambda f: f.state in ("planned", "open"))),
            "the reminders follow the new day",
        )
        self._post(f"/my/appointments/{appointment.id}/cancel")
        self.assertEqual(appointment.state, "cancelled")

    def test_full_slot_gives_a_translated_message(self):
        """The last place taken by another customer: the owner is told, in Chinese, to choose another slot."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["auto_crm_aftersales"], ["zh_CN"])
        self.owner1.lang = "zh_CN"
        self.env["auto.service.appointment"].create(
            {"partner_id": self.customer2.id, "vehicle_id": self.vehicle2.id, "date": self.day, "slot_id": self.slot.id}
        )
        self.authenticate("owner1", "owner1")
        response = self._post(
            "/my/appointments/new",
            vehicle_id=self.vehicle.id,
            date=str(self.day),
            slot_id=self.slot.id,
            book="1",
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("已约满", response.text)
        self.assertFalse(self.env["auto.service.appointment"].search([("partner_id", "=", self.customer.id)]))

    def test_complaint_becomes_ticket_with_sla(self):
        self.authenticate("owner1", "owner1")
        self.assertEqual(self.url_open("/my/complaints/new").status_code, 200)
        response = self._post(
            "/my/complaints/new",
            vehicle_id=str(self.vehicle.id),
            category="waiting_time",
            severity="high",
            subject="Car not ready",
            description="Promised at 5pm, ready at 7pm.",
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.env["auto.service.ticket"].search([("partner_id", "=", self.customer.id)])
        self.assertRecordValues(
            ticket,
            [
                {
                    "subject": "Car not ready",
                    "ticket_type": "complaint",
                    "channel": "web",
                    "severity": "high",
                    "vehicle_id": self.vehicle.id,
                    "user_id": self.relations.id,
                    "state": "assigned",
                }
            ],
        )
        hours = self.company._auto_ticket_sla_hours("high")
        self.assertEqual(ticket.date_deadline, ticket.date_open + timedelta(hours=hours))
        response = self.url_open("/my/complaints")
        self.assertIn(ticket.name, response.text)
        self.assertIn("Assigned", response.text)
        # a complaint about someone else's vehicle is refused
        response = self._post(
            "/my/complaints/new",
            vehicle_id=str(self.vehicle2.id),
            category="price",
            severity="low",
            subject="x",
            description="y",
        )
        self.assertEqual(response.status_code, 404)
        self.authenticate("owner2", "owner2")
        self.assertNotIn(ticket.name, self.url_open("/my/complaints").text)
        self.assertEqual(self.url_open(f"/my/complaints/{ticket.id}").status_code, 404)

    def test_survey_answered_once(self):
        self.authenticate("owner1", "owner1")
        url = f"/my/services/{self.repair.id}/survey"
        self.assertEqual(self.url_open(url).status_code, 200)
        answers = {
            "score_service_quality": "5",
            "score_service_initiation": "4",
            "score_advisor": "5",
            "score_facility": "4",
            "score_vehicle_pickup": "5",
            "nps_score": "9",
            "comment": "Quick and clean",
        }
        response = self._post(url, **{**answers, "nps_score": ""})
        self.assertIn("Answer every question", response.text)
        self.assertFalse(self.env["auto.service.survey"].search([("repair_id", "=", self.repair.id)]))
        self._post(url, **answers)
        survey = self.env["auto.service.survey"].search([("repair_id", "=", self.repair.id)])
        self.assertRecordValues(
            survey,
            [
                {
                    "partner_id": self.customer.id,
                    "vehicle_id": self.vehicle.id,
                    "nps_score": 9,
                    "advisor_id": self.advisor.id,
                }
            ],
        )
        self.assertAlmostEqual(survey.csi, 92.0)
        response = self._post(url, **{**answers, "score_advisor": "1"})
        self.assertIn("already answered", response.text)
        self.assertEqual(self.env["auto.service.survey"].search_count([("repair_id", "=", self.repair.id)]), 1)
        self.assertNotIn(url, self.url_open(f"/my/vehicles/{self.vehicle.id}").text, "no second survey offered")

    def test_survey_only_of_a_done_order(self):
        repair = self._order(auto_service_type="repair", auto_mileage_in=6000)
        with self.assertRaises(UserError):
            self.env["auto.service.survey"]._create_from_customer(repair, {"nps_score": 10})


@tagged("post_install", "-at_install")
class TestBookingRace(TransactionCase):
    """Two customers take the last place of a slot at the same moment, each in their own transaction."""

    def test_last_place_two_cursors(self):
        registry = self.registry
        day = fields.Date.today() + timedelta(days=5)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            slot = env["auto.service.slot"].create(
                {"name": "Race", "hour_from": 16.0, "hour_to": 17.0, "bay_count": 1, "technician_count": 1}
            )
            partners = env["res.partner"].create([{"name": "Race Customer A"}, {"name": "Race Customer B"}])
            slot_id, company_id, partner_ids = slot.id, slot.company_id.id, partners.ids
        self.addCleanup(self._cleanup, slot_id, partner_ids)

        def values(partner_id):
            return {"partner_id": partner_id, "date": day, "slot_id": slot_id, "user_id": False}

        cr_a, cr_b = registry.cursor(), registry.cursor()
        try:
            env_a = api.Environment(cr_a, SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            # both customers have the booking page open, the last place shown to each
            for env in (env_a, env_b):
                slots = dict(env["auto.service.slot"]._availability(day, env["res.company"].browse(company_id)))
                self.assertEqual(slots[env["auto.service.slot"].browse(slot_id)], 1)
            env_a["auto.service.appointment"].create(values(partner_ids[0]))
            cr_a.commit()
            # B's snapshot does not show A's booking: the slot lock refuses B's transaction, which Odoo retries
            with self.assertRaises(psycopg2.errors.SerializationFailure), mute_logger("odoo.sql_db"):
                env_b["auto.service.appointment"].create(values(partner_ids[1]))
            cr_b.rollback()
            env_b.invalidate_all(flush=False)
            # the retry sees A's booking: a clear message for B
            with self.assertRaisesRegex(ValidationError, "is full"):
                env_b["auto.service.appointment"].create(values(partner_ids[1]))
            cr_b.rollback()
        finally:
            cr_a.close()
            cr_b.close()
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            booked = env["auto.service.appointment"].search([("slot_id", "=", slot_id)])
            self.assertEqual(booked.partner_id.ids, partner_ids[:1], "one customer got the last place")

    def _cleanup(self, slot_id, partner_ids):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            appointments = env["auto.service.appointment"].search([("slot_id", "=", slot_id)])
            env["auto.followup"].search(
                [("res_model", "=", "auto.service.appointment"), ("res_id", "in", appointments.ids)]
            ).unlink()
            appointments.unlink()
            env["auto.service.slot"].browse(slot_id).unlink()
            env["res.partner"].browse(partner_ids).unlink()


@tagged("post_install", "-at_install")
class TestOwnerBookingTour(PortalCase, HttpCase):
    """The owner books a service from their vehicle's page, in Chinese, on a phone-sized screen."""

    browser_size = "375x812"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        # the Chinese of the after-sales addon, even in a database where the demo did not load it
        cls.env["ir.module.module"]._load_module_terms(["auto_crm_aftersales"], ["zh_CN"])
        cls.owner1.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})

    def test_owner_booking_tour(self):
        self.start_tour("/my/vehicles", "auto_crm_aftersales_owner_booking", login="owner1")
        appointment = self.env["auto.service.appointment"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(len(appointment), 1)
        self.assertRecordValues(
            appointment, [{"vehicle_id": self.vehicle.id, "state": "booked", "description": "空调不制冷"}]
        )
        self.assertTrue(appointment.followup_ids)
