from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestAccess(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._order(user=cls.advisor, auto_mileage_in=1000, auto_technician_ids=[(6, 0, cls.technician.ids)])
        cls.other = cls._order(vehicle=cls.vehicle2, user=cls.advisor2, auto_mileage_in=2000)
        Ticket = cls.env["auto.service.ticket"]
        cls.own_ticket = Ticket.create({"subject": "Noise", "partner_id": cls.customer.id, "user_id": cls.advisor.id})
        cls.other_ticket = Ticket.create(
            {"subject": "Price", "partner_id": cls.customer2.id, "user_id": cls.advisor2.id}
        )

    def _survey_vals(self):
        """A satisfaction survey of the advisor's own order, every score 5."""
        scores = [
            "score_service_quality",
            "score_service_initiation",
            "score_advisor",
            "score_facility",
            "score_vehicle_pickup",
        ]
        return {"partner_id": self.customer.id, "repair_id": self.own.id, "nps_score": 9, **dict.fromkeys(scores, "5")}

    def test_advisor_handles_own_orders_and_tickets(self):
        Repair = self.env["repair.order"].with_user(self.advisor)
        self.assertEqual(Repair.search([("id", "in", (self.own | self.other).ids)]), self.own)
        with self.assertRaises(AccessError):
            self.other.with_user(self.advisor).read(["name"])
        new = Repair.create({"auto_vehicle_lookup": "川A·12345", "auto_mileage_in": 1500})
        self.assertEqual(new.user_id, self.advisor)
        Ticket = self.env["auto.service.ticket"].with_user(self.advisor)
        self.assertEqual(Ticket.search([("id", "in", (self.own_ticket | self.other_ticket).ids)]), self.own_ticket)
        with self.assertRaises(AccessError):
            self.env["auto.service.survey"].with_user(self.advisor).create(self._survey_vals())

    def test_manager_sees_and_reassigns_all(self):
        Repair = self.env["repair.order"].with_user(self.service_manager)
        self.assertEqual(Repair.search([("id", "in", (self.own | self.other).ids)]), self.own | self.other)
        self.other.with_user(self.service_manager).user_id = self.advisor
        self.assertEqual(self.other.user_id, self.advisor)
        self.other_ticket.with_user(self.service_manager).user_id = self.advisor
        self.assertEqual(
            self.env["auto.service.evaluation.report"].with_user(self.service_manager).search_count([]),
            self.env["auto.service.evaluation.report"].search_count([]),
        )

    def test_technician_sees_the_orders_they_work_on(self):
        Repair = self.env["repair.order"].with_user(self.technician)
        self.assertEqual(Repair.search([("id", "in", (self.own | self.other).ids)]), self.own)
        with self.assertRaises(AccessError):
            self.other.with_user(self.technician).read(["name"])
        with self.assertRaises(AccessError):
            self.env["auto.service.ticket"].with_user(self.technician).search([])

    def test_customer_relations_handle_tickets_and_return_visits(self):
        Ticket = self.env["auto.service.ticket"].with_user(self.relations)
        self.assertEqual(
            Ticket.search([("id", "in", (self.own_ticket | self.other_ticket).ids)]),
            self.own_ticket | self.other_ticket,
        )
        Ticket.create({"subject": "Lounge too cold", "partner_id": self.customer.id, "category": "facility"})
        self.other.with_user(self.relations).read(["name", "auto_vehicle_id"])
        with self.assertRaises(AccessError):
            self.other.with_user(self.relations).write({"auto_mileage_in": 2500})
        survey = self.env["auto.service.survey"].with_user(self.relations).create(self._survey_vals())
        self.assertEqual(survey.advisor_id, self.advisor)
        visit = self.own._schedule_return_visits()
        visit.with_user(self.relations).read(["name"])
        with self.assertRaises(AccessError):
            self.env["auto.warranty.claim"].with_user(self.relations).search([])
