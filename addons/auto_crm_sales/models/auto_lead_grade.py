from odoo import fields, models


class AutoLeadGrade(models.Model):
    """A lead grade (O, H, A, B, C, F) and the follow-up plan that sets its cadence."""

    _name = "auto.lead.grade"
    _description = "Lead Grade"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, size=4)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Char(translate=True, help="When a lead gets this grade, e.g. buys within 7 days.")
    followup_plan_id = fields.Many2one(
        "auto.followup.plan",
        string="Cadence Plan",
        domain=[("target", "=", "lead")],
        help="Follow-ups a lead of this grade receives; scheduled again each time the last one is made.",
    )
    cadence_days = fields.Integer(
        "Cadence (days)", compute="_compute_cadence_days", help="Days between two follow-ups of a lead of this grade."
    )
    is_lost = fields.Boolean("Lost Grade", help="Leads of this grade are lost: no follow-up.")
    company_id = fields.Many2one("res.company", index=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "Each grade code is used once per company."),
    ]

    def _compute_cadence_days(self):
        for grade in self:
            grade.cadence_days = max(grade.followup_plan_id.step_ids.mapped("offset_days") or [0])
