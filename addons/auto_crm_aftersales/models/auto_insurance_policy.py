from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoInsurancePolicy(models.Model):
    """An insurance policy (保险) of a vehicle: its insurer, type, period and premium.

    The latest end date becomes the vehicle's insurance expiry date, which the
    customer addon's "insurance expiry" care rule turns into renewal reminders.
    """

    _name = "auto.insurance.policy"
    _description = "Vehicle Insurance Policy"
    _inherit = ["mail.thread"]
    _order = "date_end desc, id desc"
    _check_company_auto = True

    name = fields.Char("Policy Number", required=True, tracking=True)
    vehicle_id = fields.Many2one("auto.vehicle", required=True, index=True, ondelete="cascade", check_company=True)
    partner_id = fields.Many2one(related="vehicle_id.partner_id", string="Owner", store=True)
    insurer_id = fields.Many2one("res.partner", required=True, tracking=True)
    policy_type = fields.Selection(
        [("compulsory", "Compulsory (CTPL)"), ("commercial", "Commercial"), ("both", "Compulsory and Commercial")],
        string="Type",
        required=True,
        default="both",
    )
    date_start = fields.Date("Start", required=True, tracking=True)
    date_end = fields.Date("End", required=True, tracking=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    premium = fields.Monetary(currency_field="currency_id", tracking=True)
    state = fields.Selection(
        [("future", "Not Started"), ("active", "Active"), ("expired", "Expired")],
        compute="_compute_state",
        search="_search_state",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        ("policy_insurer_uniq", "unique(name, insurer_id)", "This policy number is already recorded for this insurer."),
    ]

    @api.depends("date_start", "date_end")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for policy in self:
            if policy.date_start and policy.date_start > today:
                policy.state = "future"
            elif policy.date_end and policy.date_end < today:
                policy.state = "expired"
            else:
                policy.state = "active"

    def _search_state(self, operator, value):
        today = fields.Date.context_today(self)
        domains = {
            "future": [("date_start", ">", today)],
            "expired": [("date_end", "<", today)],
            "active": [("date_start", "<=", today), ("date_end", ">=", today)],
        }
        if operator == "=" and value in domains:
            return domains[value]
        if operator == "in":
            return ["|"] * (len(value) - 1) + [leaf for v in value for leaf in domains[v]]
        return [("id", "!=", 0)]

    @api.constrains("date_start", "date_end", "premium")
    def _check_policy(self):
        for policy in self:
            if policy.date_end < policy.date_start:
                raise ValidationError(
                    _(
                        "The policy %(name)s ends (%(end)s) before it starts (%(start)s).",
                        name=policy.name,
                        end=policy.date_end,
                        start=policy.date_start,
                    )
                )
            if policy.premium < 0:
                raise ValidationError(_("The premium of policy %(name)s cannot be negative.", name=policy.name))

    @api.model_create_multi
    def create(self, vals_list):
        policies = super().create(vals_list)
        policies.vehicle_id._update_insurance_expiry()
        return policies

    def write(self, vals):
        vehicles = self.vehicle_id
        result = super().write(vals)
        if {"date_end", "vehicle_id"} & set(vals):
            (vehicles | self.vehicle_id)._update_insurance_expiry()
        return result

    def unlink(self):
        vehicles = self.vehicle_id
        result = super().unlink()
        vehicles._update_insurance_expiry()
        return result
