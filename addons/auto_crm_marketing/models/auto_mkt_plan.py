from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoMktPlan(models.Model):
    """The year's CS and marketing plan (年度计划): its campaigns by month, with their planned budget."""

    _name = "auto.mkt.plan"
    _description = "Annual Marketing Plan"
    _inherit = ["mail.thread"]
    _order = "year desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    budget = fields.Monetary("Annual Budget", tracking=True, help="What the year's campaigns may cost in all.")
    campaign_ids = fields.One2many("utm.campaign", "auto_plan_id", string="Campaigns")
    campaign_count = fields.Integer(compute="_compute_totals")
    budget_planned = fields.Monetary("Planned in Campaigns", compute="_compute_totals")
    cost_actual = fields.Monetary("Actual Cost", compute="_compute_totals")
    budget_remaining = fields.Monetary("Not Yet Planned", compute="_compute_totals")
    objectives = fields.Html(help="The year's goals: customer satisfaction, retention, leads, events.")

    _sql_constraints = [
        ("year_company_uniq", "unique(year, company_id)", "A company has one marketing plan per year."),
    ]

    @api.depends("campaign_ids.auto_budget_planned", "campaign_ids.auto_cost_actual", "budget")
    def _compute_totals(self):
        totals = {
            plan.id: (count, planned, actual)
            for plan, count, planned, actual in self.env["utm.campaign"]._read_group(
                [("auto_plan_id", "in", self.ids)],
                ["auto_plan_id"],
                ["__count", "auto_budget_planned:sum", "auto_cost_actual:sum"],
            )
        }
        for plan in self:
            count, planned, actual = totals.get(plan.id, (0, 0.0, 0.0))
            plan.campaign_count = count
            plan.budget_planned = planned
            plan.cost_actual = actual
            plan.budget_remaining = plan.budget - planned

    @api.constrains("year", "budget")
    def _check_year(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(_("The year of the plan %(plan)s is not a valid year.", plan=plan.name))
            if plan.budget < 0:
                raise ValidationError(_("The annual budget of %(plan)s cannot be negative.", plan=plan.name))

    def action_view_campaigns_by_month(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_marketing.utm_campaign_action")
        action.update(
            {
                "name": _("Campaigns of %(plan)s", plan=self.name),
                "domain": [("auto_plan_id", "=", self.id)],
                "view_mode": "list,pivot,form",
                "views": [(False, "list"), (False, "pivot"), (False, "form")],
                "context": {"default_auto_plan_id": self.id, "group_by": ["auto_month"]},
            }
        )
        return action
