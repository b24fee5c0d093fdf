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
    purpose = fields.Selection(
        [],
        string="Used For",
        index="btree_not_null",
        copy=False,
        tracking=True,
        help="The work the addons schedule with this plan (a return visit after each service order, reminders "
        "before an appointment...). They take the active plan of that purpose of the record's company, or the "
        "shared one. Giving a plan a purpose takes it from the company's other plan, which is then no longer used.",
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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("purpose") and vals.get("active", True):
                company_id = vals["company_id"] if "company_id" in vals else self.env.company.id
                self._release_purpose(vals["purpose"], company_id)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("purpose") or vals.get("active"):
            for plan in self:
                purpose = vals.get("purpose") or plan.purpose
                if purpose and vals.get("active", plan.active):
                    company_id = vals["company_id"] if "company_id" in vals else plan.company_id.id
                    self._release_purpose(purpose, company_id, exclude=plan)
        return super().write(vals)

    def action_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_customer.auto_followup_action")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"search_default_filter_pending": 1}
        return action

    @api.model
    def _for_purpose(self, purpose, company=None):
        """The active plan of ``purpose`` for ``company``: the company's own, else the shared one (or none)."""
        company = company or self.env.company
        plans = self.search([("purpose", "=", purpose), ("company_id", "in", [company.id, False])])
        return plans.sorted(lambda plan: (not plan.company_id, plan.sequence, plan.id))[:1]

    @api.model
    def _release_purpose(self, purpose, company_id, exclude=None):
        """One active plan per purpose and company: the plan taking ``purpose`` takes it from the others."""
        others = self.search([("purpose", "=", purpose), ("company_id", "=", company_id or False)])
        others = others - exclude if exclude else others
        if others:
            others.write({"purpose": False})

    def _escalation_delay(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        return self.escalation_days or company.auto_followup_escalation_days

    def _escalation_user(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        return self.escalation_user_id or company.auto_followup_manager_id
