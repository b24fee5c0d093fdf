from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.auto_crm_customer.tests.roles import RoleAssertions

from .common import AftersalesCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10 09:00:00")
class TestWorklistAftersales(RoleAssertions, AftersalesCase):
    """The workshop's sources of the worklist: return visits and maintenance reminders (follow-ups of those
    purposes), insurance renewals, complaints near or past their SLA; the service manager sees the team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["auto.followup"].search([("state", "in", ("planned", "open"))])._cancel()
        Plan = cls.env["auto.followup.plan"]
        cls.order = cls._order(cls.vehicle)
        cls.return_visit = cls.env["auto.followup"].create(
            {
                "name": "Return visit",
                "plan_id": Plan._for_purpose("service_return_visit").id,
                "repair_id": cls.order.id,
                "partner_id": cls.customer.id,
                "user_id": cls.relations.id,
                "date_scheduled": date(2026, 3, 9),
                "state": "open",
            }
        )
        cls.maintenance = cls.env["auto.followup"].create(
            {
                "name": "Maintenance due",
                "plan_id": Plan._for_purpose("maintenance_reminder").id,
                "vehicle_id": cls.vehicle2.id,
                "partner_id": cls.customer2.id,
                "user_id": cls.advisor.id,
                "date_scheduled": date(2026, 3, 10),
                "state": "open",
            }
        )
        insurer = cls.env["res.partner"].create({"name": "PICC", "is_company": True})
        Policy = cls.env["auto.insurance.policy"]
        values = {"insurer_id": insurer.id, "policy_type": "both", "premium": 5200}
        # the vehicle's policy ends in 12 days: for the advisor of its last service order
        cls.policy = Policy.create(
            dict(
                values, name="P-1", vehicle_id=cls.vehicle.id, date_start=date(2025, 3, 22), date_end=date(2026, 3, 22)
            )
        )
        # vehicle2's ends in 10 days but is renewed already
        Policy.create(
            dict(
                values, name="P-2", vehicle_id=cls.vehicle2.id, date_start=date(2025, 3, 20), date_end=date(2026, 3, 20)
            )
        )
        Policy.create(
            dict(
                values, name="P-3", vehicle_id=cls.vehicle2.id, date_start=date(2026, 3, 20), date_end=date(2027, 3, 20)
            )
        )
        Ticket = cls.env["auto.service.ticket"]
        ticket_values = {"partner_id": cls.customer.id, "user_id": cls.relations.id, "severity": "high"}
        cls.late_ticket = Ticket.create(
            dict(
                ticket_values,
                subject="Waited too long",
                date_open=datetime(2026, 3, 8, 9),
                date_deadline=datetime(2026, 3, 10, 4),
            )
        )
        cls.near_ticket = Ticket.create(
            dict(
                ticket_values,
                subject="Noise",
                date_open=datetime(2026, 3, 10, 8),
                date_deadline=datetime(2026, 3, 10, 15),
            )
        )
        cls.far_ticket = Ticket.create(
            dict(
                ticket_values,
                subject="Suggestion",
                date_open=datetime(2026, 3, 10, 8),
                date_deadline=datetime(2026, 3, 20, 8),
            )
        )

    def test_customer_relations_list_complaints_first(self):
        items = self.env["auto.worklist.registry"]._worklist_refresh(self.relations)
        self.assertEqual(
            [(i.kind, i.res_id) for i in items],
            [
                ("complaint", self.late_ticket.id),
                ("complaint", self.near_ticket.id),
                ("return_visit", self.return_visit.id),
            ],
            "past the SLA, then near it, then the return visit; not the ticket due in 10 days",
        )
        self.assertIn("SLA passed 5 h ago", items[0].reason)
        self.assertIn("6 h left to the SLA", items[1].reason)
        self.assertEqual(items[2].reason.split(" · ")[0], "1 days overdue")
        self.assertEqual(items[2].action_record_outcome()["res_model"], "auto.followup.done.wizard")
        self.assertEqual(self.env["auto.worklist.item"].with_user(self.relations).search([]), items)

    def test_advisor_maintenance_and_insurance_renewal(self):
        self.order.write({"user_id": self.advisor.id})
        items = self.env["auto.worklist.registry"]._worklist_refresh(self.advisor)
        self.assertEqual(set(items.mapped("kind")), {"maintenance", "insurance"})
        insurance = items.filtered(lambda i: i.kind == "insurance")
        self.assertEqual(insurance.res_id, self.policy.id, "the renewed policy of vehicle2 is not listed")
        self.assertEqual(insurance.partner_id, self.customer)
        self.assertEqual(insurance.amount, 5200)
        self.assertIn("insurance ends on 2026-03-22", insurance.reason)

    def test_service_manager_sees_the_service_team(self):
        Item = self.env["auto.worklist.item"].with_user(self.service_manager)
        action = Item.action_open_team_worklists()
        members = Item.search(action["domain"]).user_id
        self.assertIn(self.relations, members)
        self.assertIn(self.advisor, members)
        self.assertNotIn(self.consultant, Item.search([]).user_id)

    def test_roles_read_their_worklist_only(self):
        """Users made from the roles: each front-line role reads its own items and writes none; the service
        manager reads the service team's, the sales manager not."""
        relations = self.make_role_user("auto_crm_aftersales.group_customer_relations", "wl_role_relations")
        advisor = self.make_role_user("auto_crm_customer.group_service_advisor", "wl_role_advisor")
        consultant = self.make_role_user("auto_crm_customer.group_sales_consultant", "wl_role_consultant")
        sales_manager = self.make_role_user("auto_crm_customer.group_sales_manager", "wl_role_sales_manager")
        service_manager = self.make_role_user("auto_crm_customer.group_service_manager", "wl_role_service_manager")
        for user in (relations, advisor, consultant, sales_manager, service_manager):
            self.assertModelRights(user, {"auto.worklist.item": "r"})
        self.late_ticket.user_id = relations
        self.maintenance.user_id = advisor
        items = self.env["auto.worklist.registry"]._worklist_refresh(relations | advisor | consultant)
        Item = self.env["auto.worklist.item"]
        self.assertEqual(Item.with_user(relations).search([]).user_id, relations)
        self.assertEqual(Item.with_user(advisor).search([]).user_id, advisor)
        self.assertCannotRead(consultant, items.filtered(lambda i: i.user_id == advisor))
        self.assertEqual(Item.with_user(service_manager).search([]).user_id, relations | advisor)
        self.assertFalse(Item.with_user(sales_manager).search([("user_id", "in", (relations | advisor).ids)]))
