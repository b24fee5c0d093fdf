from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import AutoCrmSalesCase


@tagged("post_install", "-at_install")
class TestWorklistSales(AutoCrmSalesCase):
    """The showroom's sources of the worklist: graded leads past their cadence, instalments due or late."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lead = cls.env["crm.lead"]
        with freeze_time("2026-03-01 09:00:00"):
            cls.hot = Lead.create(
                {"name": "H lead", "user_id": cls.consultant.id, "auto_grade_id": cls.grade_h.id, "auto_budget": 260000}
            )
            cls.cold = Lead.create(
                {
                    "name": "A lead",
                    "user_id": cls.consultant.id,
                    "auto_grade_id": cls.env.ref("auto_crm_sales.auto_lead_grade_a").id,
                }
            )
            cls.called = Lead.create(
                {"name": "H lead called", "user_id": cls.consultant.id, "auto_grade_id": cls.grade_h.id}
            )
        # created on 1 March (the ORM stamps the database's clock, which freezegun does not stop)
        leads = cls.hot | cls.cold | cls.called
        leads.flush_recordset()
        cls.env.cr.execute("UPDATE crm_lead SET create_date = '2026-03-01 09:00:00' WHERE id IN %s", [tuple(leads.ids)])
        leads.invalidate_recordset(["create_date"])
        with freeze_time("2026-03-09 09:00:00"):
            cls.env["auto.followup"].create(
                {
                    "name": "Called",
                    "lead_id": cls.called.id,
                    "user_id": cls.consultant.id,
                    "date_scheduled": date(2026, 3, 9),
                    "state": "done",
                    "outcome": "reached",
                    "note": "Comes on Saturday",
                    "date_done": "2026-03-09 09:00:00",
                }
            )
        with freeze_time("2026-03-01"):
            cls.order = cls._order(cls.lot1)
            cls.order.auto_payment_plan_line_ids = [
                Command.create({"kind": "balance", "amount": 150000.0, "due_date": date(2026, 3, 8)})
            ]
            cls.order.action_auto_submit_contract()
            cls.order.action_auto_sign_contract()
        # the leads' own cadence follow-ups are not what is tested here
        cls.env["auto.followup"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "in", (cls.hot | cls.cold | cls.called).ids)]
        ).filtered(lambda f: f.state != "done")._cancel()
        cls.env["auto.followup"].search(
            [("user_id", "=", cls.consultant.id), ("state", "in", ("planned", "open"))]
        )._cancel()

    @freeze_time("2026-03-10 09:00:00")
    def test_leads_past_their_cadence_hot_first(self):
        items = self.env["auto.worklist.registry"]._worklist_refresh(self.consultant)
        leads = items.filtered(lambda i: i.kind == "lead")
        self.assertEqual(leads.mapped("res_id")[:2], [self.hot.id, self.cold.id], "H before A")
        self.assertNotIn(self.called.id, leads.mapped("res_id"), "called yesterday: within the cadence")
        hot = leads[0]
        cadence = self.grade_h.cadence_days
        self.assertEqual(hot.date_due, date(2026, 3, 1) + timedelta(days=cadence))
        self.assertEqual(hot.amount, 260000)
        self.assertTrue(hot.reason.startswith(f"no contact for 9 days (cadence {cadence} days)"), hot.reason)
        self.assertIn("H-grade lead", hot.reason)
        self.assertEqual(hot.action_open_record()["res_model"], "crm.lead")

    @freeze_time("2026-03-10 09:00:00")
    def test_instalment_late_with_its_amount(self):
        items = self.env["auto.worklist.registry"]._worklist_refresh(self.consultant)
        receivable = items.filtered(lambda i: i.kind == "receivable")
        self.assertEqual(receivable.res_id, self.order.auto_payment_plan_line_ids.id)
        self.assertEqual(receivable.amount, 150000.0)
        self.assertEqual(receivable.overdue_days, 2)
        self.assertIn("instalment to receive · 2 days overdue", receivable.reason)
        self.assertEqual(receivable.partner_id, self.customer)
        # a consultant sees their own list, not the finance's or another consultant's
        self.assertEqual(
            self.env["auto.worklist.item"].with_user(self.consultant2).search([("id", "in", items.ids)]),
            self.env["auto.worklist.item"],
        )

    def test_sales_manager_team_is_their_sales_team(self):
        """The team of a sales manager's worklists is the role's: the consultants of the sales teams they lead,
        or, in no team, the consultants of the company (not another company's)."""
        other_company = self.env["res.company"].create({"name": "Other Dealership"})
        outsider = new_test_user(
            self.env,
            login="wl_outsider",
            groups="auto_crm_customer.group_sales_consultant",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        Registry = self.env["auto.worklist.registry"]
        free_manager = new_test_user(self.env, login="wl_free_manager", groups="auto_crm_customer.group_sales_manager")
        members = Registry.with_user(free_manager)._worklist_team_users()
        self.assertIn(self.consultant, members)
        self.assertIn(self.consultant2, members)
        self.assertNotIn(outsider, members, "another company's consultant")
        self.assertNotIn(self.advisor, members, "a service advisor is not in a sales team")
        team_leader = new_test_user(self.env, login="wl_team_leader", groups="auto_crm_customer.group_sales_manager")
        self.env["crm.team"].create(
            {
                "name": "Worklist Showroom",
                "user_id": team_leader.id,
                "crm_team_member_ids": [Command.create({"user_id": self.consultant.id})],
            }
        )
        members = Registry.with_user(team_leader)._worklist_team_users()
        self.assertEqual(members, self.consultant | team_leader, "the leader's own team only")
