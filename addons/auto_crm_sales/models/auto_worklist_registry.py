from datetime import timedelta

from odoo import _lt, api, models
from odoo.tools import SQL

from odoo.addons.auto_crm_customer.tools.worklist import WorkItem

from .auto_payment_plan_line import LADDER_STATES


class AutoWorklistRegistry(models.AbstractModel):
    """The showroom's work for today: graded leads not contacted within their grade's cadence, and
    instalments of signed contracts due or late (receivables)."""

    _inherit = "auto.worklist.registry"

    @api.model
    def _worklist_sources(self):
        return {
            **super()._worklist_sources(),
            "leads": _lt("Leads without Contact"),
            "receivables": _lt("Receivables Due"),
        }

    @api.model
    def _worklist_reason_templates(self):
        return {
            **super()._worklist_reason_templates(),
            "no_contact": _lt("no contact for %(days)s days (cadence %(cadence)s days)"),
            "receivable": _lt("instalment to receive"),
        }

    @api.model
    def _worklist_followup_kinds(self):
        return {**super()._worklist_followup_kinds(), "receivable": "receivable"}

    @api.model
    def _worklist_role_team(self, manager_group, member_groups):
        """A sales manager who leads or belongs to sales teams manages their members (the consultants among
        them); one in no team, every consultant of the company (as the record rules of the contracts)."""
        team = super()._worklist_role_team(manager_group, member_groups)
        if manager_group != "auto_crm_customer.group_sales_manager":
            return team
        sales_teams = self.env.user.auto_managed_team_ids
        if not sales_teams:
            return team
        return team & (sales_teams.user_id | sales_teams.member_ids | self.env.user)

    @api.model
    def _worklist_leads(self, users, today):
        """Graded leads not lost whose last contact (follow-up made, else creation) is older than their
        grade's cadence: one query for the leads with their last follow-up made.

        Plain SQL, on the rows the ORM's search of the users' open leads gives (active, not won, of a grade that is
        not lost; the sources run as superuser): a manager's list reads tens of thousands of leads, and a record
        per lead would be most of its time (bench/bench_worklist.py)."""
        # a grade's cadence comes from its plan; an archived grade still grades its leads, as in a search by grade
        grades = self.env["auto.lead.grade"].sudo().with_context(active_test=False).search([("is_lost", "=", False)])
        cadence = {grade.id: grade.cadence_days for grade in grades if grade.cadence_days}
        if not cadence:
            return []
        self.env["crm.lead"].flush_model(
            ["active", "user_id", "auto_grade_id", "auto_grade_code", "probability", "name", "partner_id"]
            + ["expected_revenue", "auto_budget"]
        )
        self.env["auto.followup"].flush_model(["res_model", "res_id", "state", "date_done"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT lead.id, lead.user_id, lead.name, lead.partner_id, lead.auto_grade_id, lead.auto_grade_code,
                       COALESCE(MAX(followup.date_done), lead.create_date)::date AS last_contact,
                       COALESCE(NULLIF(lead.expected_revenue, 0), lead.auto_budget, 0) AS amount
                  FROM crm_lead lead
             LEFT JOIN auto_followup followup
                    ON followup.res_model = 'crm.lead' AND followup.res_id = lead.id AND followup.state = 'done'
                 WHERE lead.user_id = ANY(%s) AND lead.active AND lead.auto_grade_id = ANY(%s)
                   -- a lead without a stage has no probability: "probability < 100" keeps it, as the ORM's does
                   AND COALESCE(lead.probability, 0) < 100
              GROUP BY lead.id
                """,
                users.ids,
                list(cadence),
            )
        )
        items = []
        for lead_id, user_id, name, partner_id, grade_id, grade_code, last, amount in rows:
            days = cadence[grade_id]
            due = last + timedelta(days=days)
            if due > today:
                continue
            items.append(
                WorkItem(
                    kind="lead",
                    user_id=user_id,
                    res_model="crm.lead",
                    res_id=lead_id,
                    name=name,
                    subject=("crm.lead", lead_id),
                    partner_id=partner_id or False,
                    date_due=due,
                    grade=grade_code,
                    amount=float(amount),
                    reasons=[("no_contact", {"days": (today - last).days, "cadence": days})],
                )
            )
        return items

    @api.model
    def _worklist_receivables(self, users, today):
        """Instalments of signed contracts not fully received, late or due within the company's reminder
        days: one query (their contracts' names read in one more)."""
        ahead = self.env.company.auto_receivable_reminder_days
        lines = (
            self.env["auto.payment.plan.line"]
            .sudo()
            .search_fetch(
                [
                    ("user_id", "in", users.ids),
                    ("state", "!=", "paid"),
                    ("contract_state", "in", LADDER_STATES),
                    ("due_date", "<=", today + timedelta(days=ahead)),
                ],
                ["order_id", "name", "kind", "due_date", "user_id", "partner_id", "amount_residual_company"],
            )
        )
        return [
            WorkItem(
                kind="receivable",
                user_id=line.user_id.id,
                res_model="auto.payment.plan.line",
                res_id=line.id,
                name=line.display_name,
                subject=("auto.payment.plan.line", line.id),
                partner_id=line.partner_id.id,
                date_due=line.due_date,
                amount=line.amount_residual_company,
                reasons=[("receivable", {})],
            )
            for line in lines
        ]
