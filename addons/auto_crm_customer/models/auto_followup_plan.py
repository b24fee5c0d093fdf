from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoFollowupPlan(models.Model):
    """An ordered list of steps ("call 3 days after, visit after a month...").

    Plans are applied to customers and vehicles here, and to leads and service
    orders by the other addons, through :meth:`auto.followup._schedule`.
    """

    _name = "auto.followup.plan"
    _description = "Follow-up Plan"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    target = fields.Selection(
        [("customer", "Customer"), ("vehicle", "Vehicle")],
        required=True,
        default="customer",
        help="What the plan follows up: the other addons add leads and service orders.",
    )
    step_ids = fields.One2many("auto.followup.plan.step", "plan_id", string="Steps", copy=True)
    rule_ids = fields.One2many("auto.followup.rule", "plan_id", string="Rules")
    escalation_days = fields.Integer(
        "Escalate After (days)", help="Days overdue before a step is escalated; empty uses the company setting."
    )
    escalation_user_id = fields.Many2one(
        "res.users", string="Escalate To", help="Manager who receives overdue steps; empty uses the company setting."
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    description = fields.Text()
    followup_count = fields.Integer(compute="_compute_followup_count", string="Follow-ups")
    step_count = fields.Integer(compute="_compute_step_count")

    @api.depends("step_ids")
    def _compute_step_count(self):
        for plan in self:
            plan.step_count = len(plan.step_ids)

    def _compute_followup_count(self):
        counts = dict(self.env["auto.followup"]._read_group([("plan_id", "in", self.ids)], ["plan_id"], ["__count"]))
        for plan in self:
            plan.followup_count = counts.get(plan, 0)

    @api.constrains("escalation_days")
    def _check_escalation_days(self):
        for plan in self:
            if plan.escalation_days < 0:
                raise ValidationError(_("The escalation delay of %(plan)s cannot be negative.", plan=plan.name))

    def action_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_customer.auto_followup_action")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"search_default_filter_pending": 1}
        return action

    def _escalation_delay(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        return self.escalation_days or company.auto_followup_escalation_days

    def _escalation_user(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        return self.escalation_user_id or company.auto_followup_manager_id
