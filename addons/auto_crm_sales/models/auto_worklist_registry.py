from datetime import timedelta

from odoo import _lt, api, fields, models

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
        grade's cadence: one query for the leads, one grouped query for their last follow-up made."""
        leads = (
            self.env["crm.lead"]
            .sudo()
            .search_fetch(
                [
                    ("user_id", "in", users.ids),
                    ("auto_grade_id", "!=", False),
                    ("auto_grade_id.is_lost", "=", False),
                    ("probability", "<", 100),
                ],
                [
                    "name",
                    "user_id",
                    "partner_id",
                    "auto_grade_id",
                    "auto_grade_code",
                    "create_date",
                    "expected_revenue",
                    "auto_budget",
                ],
            )
        )
        if not leads:
            return []
        cadence = {grade.id: grade.cadence_days for grade in leads.auto_grade_id}
        last_contact = dict(
            self.env["auto.followup"]
            .sudo()
            ._read_group(
                [("res_model", "=", "crm.lead"), ("res_id", "in", leads.ids), ("state", "=", "done")],
                ["res_id"],
                ["date_done:max"],
            )
        )
        items = []
        for lead in leads:
            days = cadence.get(lead.auto_grade_id.id)
            if not days:
                continue
            last = fields.Date.to_date(last_contact.get(lead.id) or lead.create_date)
            due = last + timedelta(days=days)
            if due > today:
                continue
            items.append(
                WorkItem(
                    kind="lead",
                    user_id=lead.user_id.id,
                    res_model="crm.lead",
                    res_id=lead.id,
                    name=lead.name,
                    subject=("crm.lead", lead.id),
                    partner_id=lead.partner_id.id,
                    date_due=due,
                    grade=lead.auto_grade_code,
                    amount=lead.expected_revenue or lead.auto_budget,
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
