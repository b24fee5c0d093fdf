from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AutoCrmSalesCase


@tagged("post_install", "-at_install")
class TestFollowupSubject(AutoCrmSalesCase):
    """A follow-up is about a lead, a contract or an instalment through its generic reference
    (res_model/res_id); ``lead_id``, ``sale_order_id`` and ``payment_plan_line_id`` are shortcuts to it."""

    @freeze_time("2025-03-03")
    def test_lead_cadence_is_about_the_lead(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Han enquiry",
                "type": "opportunity",
                "user_id": self.consultant.id,
                "auto_grade_id": self.grade_h.id,
            }
        )
        followup = lead.auto_followup_ids
        self.assertEqual(len(followup), 1, "the lead's list shows the follow-up its grade scheduled")
        self.assertEqual((followup.res_model, followup.res_id), ("crm.lead", lead.id))
        self.assertEqual(followup.lead_id, lead)
        self.assertEqual(followup.res_name, lead.display_name)
        Followup = self.env["auto.followup"]
        self.assertEqual(Followup.search([("lead_id", "=", lead.id)]), followup)
        self.assertEqual(Followup.search([("lead_id", "ilike", "Han enq")]), followup)
        self.assertNotIn(followup, Followup.search([("lead_id", "!=", lead.id)]))
        self.assertIn(followup, Followup.search([("lead_id", "!=", False)]))
        self.assertNotIn(followup, Followup.search([("lead_id", "=", False)]))
        self.assertEqual(lead.auto_next_followup_date, followup.date_scheduled)
        # the lead's next follow-up date follows its follow-ups
        followup._cancel()
        self.assertFalse(lead.auto_next_followup_date)

    def test_receivable_reminder_is_about_the_instalment_of_its_contract(self):
        with freeze_time("2025-06-20"):
            order = self._order(self.lot1)
            order.auto_payment_plan_line_ids = [
                Command.create({"kind": "balance", "amount": 150000.0, "due_date": date(2025, 6, 22)})
            ]
            order.action_auto_submit_contract()
            order.action_auto_sign_contract()
            line = order.auto_payment_plan_line_ids
            Followup = self.env["auto.followup"]
            line.reminder_scheduled = False
            Followup.search([("payment_plan_line_id", "=", line.id)]).unlink()
            self.env["auto.payment.plan.line"]._cron_receivable_reminders()
            reminders = Followup.search([("payment_plan_line_id", "=", line.id)])
        self.assertTrue(reminders)
        self.assertEqual(set(reminders.mapped("res_model")), {"auto.payment.plan.line"})
        self.assertEqual(reminders.sale_order_id, order, "the contract of a reminder is its instalment's")
        self.assertEqual(Followup.search([("sale_order_id", "=", order.id)]), reminders)
        self.assertEqual(
            Followup.search([("sale_order_id", "in", order.ids), ("payment_plan_line_id", "!=", False)]), reminders
        )

    def test_shortcuts_write_the_subject(self):
        order = self._order(self.lot2)
        order.auto_payment_plan_line_ids = [
            Command.create({"kind": "deposit", "amount": 150000.0, "due_date": date(2025, 6, 22)})
        ]
        line = order.auto_payment_plan_line_ids
        # written with its contract and its instalment, a follow-up is about the instalment, whatever the order
        followup = self.env["auto.followup"].create(
            {
                "name": "Ask for the deposit",
                "date_scheduled": "2025-06-20",
                "partner_id": self.customer.id,
                "sale_order_id": order.id,
                "payment_plan_line_id": line.id,
            }
        )
        self.assertEqual((followup.res_model, followup.res_id), ("auto.payment.plan.line", line.id))
        followup.sale_order_id = order
        self.assertEqual(followup.res_model, "auto.payment.plan.line", "the instalment's contract keeps it")
        followup.payment_plan_line_id = False
        self.assertFalse(followup.res_model, "about the customer only")
        with self.assertRaises(ValidationError):
            followup.partner_id = False

    def test_followups_go_with_what_they_are_about(self):
        """Deleting a lead or a contract deletes its follow-ups, those made too (as the database cascade did)."""
        lead = self.env["crm.lead"].create(
            {
                "name": "Short-lived",
                "type": "opportunity",
                "user_id": self.consultant.id,
                "auto_grade_id": self.grade_h.id,
            }
        )
        made = lead.auto_followup_ids
        made._open_now_if_due()
        made._close("reached", "Not interested after all")
        later = lead.auto_followup_ids - made
        order = self._order(self.lot3)
        order.auto_payment_plan_line_ids = [
            Command.create({"kind": "deposit", "amount": 150000.0, "due_date": date(2025, 6, 22)})
        ]
        reminder = self.env["auto.followup"].create(
            {
                "name": "Deposit",
                "date_scheduled": "2025-06-20",
                "payment_plan_line_id": order.auto_payment_plan_line_ids.id,
            }
        )
        lead.unlink()
        order.unlink()
        self.assertFalse((made | later | reminder).exists())
