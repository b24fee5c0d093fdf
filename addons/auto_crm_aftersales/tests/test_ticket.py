from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestTicket(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["auto.service.team"].create({"name": "Customer Care", "leader_id": cls.service_manager.id})

    def _ticket(self, **vals):
        return self.env["auto.service.ticket"].create(
            {
                "subject": "Waited two hours for pick-up",
                "partner_id": self.customer.id,
                "vehicle_id": self.vehicle.id,
                "channel": "wechat",
                "category": "waiting_time",
                **vals,
            }
        )

    @freeze_time("2026-05-01 02:00:00")
    def test_deadline_by_severity(self):
        self.company.auto_ticket_sla_high_hours = 8
        high = self._ticket(severity="high")
        self.assertEqual(high.date_deadline, datetime(2026, 5, 1, 10, 0))
        low = self._ticket(severity="low")
        self.assertEqual(low.date_deadline, datetime(2026, 5, 4, 2, 0))
        rescue = self._ticket(ticket_type="rescue", rescue_location="G5 京昆高速 K1820")
        self.assertEqual((rescue.severity, rescue.priority), ("critical", "1"))
        self.assertEqual(rescue.date_deadline, datetime(2026, 5, 1, 4, 0))

    def test_escalation_when_deadline_passes(self):
        with freeze_time("2026-05-01 02:00:00"):
            late = self._ticket(severity="critical", team_id=self.team.id, user_id=self.advisor.id)
            on_time = self._ticket(severity="low")
            self.assertEqual(late.state, "assigned")
        with freeze_time("2026-05-01 03:00:00"):
            self.assertFalse(self.env["auto.service.ticket"]._cron_escalate_tickets())
        with freeze_time("2026-05-01 04:30:00"):
            self.assertTrue(late.is_overdue)
            escalated = self.env["auto.service.ticket"]._cron_escalate_tickets()
        self.assertEqual(escalated, late)
        self.assertFalse(on_time.escalated)
        self.assertEqual(late.escalation_user_id, self.service_manager, "the team leader gets it")
        note = late.message_ids.filtered(lambda m: "escalated to" in (m.body or ""))
        self.assertEqual(len(note), 1, "the escalation is noted in the ticket's chatter")
        self.assertIn(self.service_manager.name, note.body)
        self.assertTrue(late.activity_ids.filtered(lambda a: a.user_id == self.service_manager))
        with freeze_time("2026-05-01 05:00:00"):
            self.assertFalse(self.env["auto.service.ticket"]._cron_escalate_tickets(), "escalated once")

    def test_sla_alert_rule(self):
        with freeze_time("2026-05-01 02:00:00"):
            ticket = self._ticket(severity="critical")
        rule = self.env.ref("auto_crm_aftersales.auto_alert_rule_ticket_sla_breach")
        with freeze_time("2026-05-01 05:00:00"):
            created, _resolved = rule._evaluate()
        self.assertEqual(created.filtered(lambda a: a.res_id == ticket.id).res_model, "auto.service.ticket")

    def test_close_needs_confirmation_or_return_visit(self):
        ticket = self._ticket(severity="medium")
        ticket.action_start()
        self.assertTrue(ticket.date_first_response)
        with self.assertRaisesRegex(UserError, "how the ticket"):
            ticket.action_resolve()
        ticket.resolution = "Apologised; free car wash voucher and a courtesy car next time."
        ticket.action_resolve()
        self.assertEqual(ticket.state, "resolved")
        with self.assertRaisesRegex(UserError, "cannot be closed yet"):
            ticket.action_close()
        self.assertEqual(ticket.state, "resolved", "nothing changed")
        with self.assertRaises(UserError):
            ticket.write({"state": "closed"})
        visit = ticket.followup_ids
        self.assertEqual(len(visit), 1, "a return visit is planned after the resolution")
        visit._close("reached", "Customer accepts the resolution.")
        # the ticket's history is the chatter's tracking (the test case disables tracking elsewhere)
        ticket.with_context(tracking_disable=False).action_close()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(ticket.state, "closed")
        tracked = ticket.message_ids.tracking_value_ids.filtered(lambda value: value.field_id.name == "state")
        self.assertEqual(tracked.mapped("new_value_char"), ["Closed"])

    def test_close_with_customer_confirmation(self):
        ticket = self._ticket()
        ticket.resolution = "Explained the invoice line by line."
        ticket.action_resolve()
        ticket.customer_confirmed = True
        ticket.action_close()
        self.assertEqual(ticket.state, "closed")

    def test_rescue_times(self):
        with freeze_time("2026-05-01 02:00:00"):
            rescue = self._ticket(ticket_type="rescue", rescue_location="成都绕城高速 K35")
            with self.assertRaises(UserError):
                rescue.action_dispatch()
            rescue.rescue_dispatched_ids = self.technician
        with freeze_time("2026-05-01 02:10:00"):
            rescue.action_dispatch()
        with freeze_time("2026-05-01 02:50:00"):
            rescue.action_arrive()
        with freeze_time("2026-05-01 04:00:00"):
            rescue.resolution = "Flat battery: jump-started on site."
            rescue.action_resolve()
        self.assertEqual(rescue.date_completed, datetime(2026, 5, 1, 4, 0))
        self.assertAlmostEqual(rescue.response_hours, 10 / 60, places=3)
        self.assertEqual(rescue.resolve_hours, 2.0)
        with self.assertRaises(ValidationError):
            rescue.date_arrived = datetime(2026, 5, 1, 1, 0)
