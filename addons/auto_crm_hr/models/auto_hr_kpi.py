from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PERIOD_TYPES = [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")]
DIRECTIONS = [("higher", "Higher is Better"), ("lower", "Lower is Better")]
UNITS = [("count", "Count"), ("percent", "Percent"), ("hours", "Hours"), ("amount", "Amount"), ("score", "Score")]


class AutoHrKpi(models.Model):
    """A KPI of a role for a kind of period: what is measured (a code of the KPI registry, never a figure
    typed by hand), its weight in the scorecard, its target and whether more or less is better."""

    _name = "auto.hr.kpi"
    _description = "KPI Definition"
    _order = "role_id, period_type, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    code = fields.Selection(
        selection="_selection_code",
        string="Measure",
        required=True,
        help="How the value is computed from the records of the other addons (leads, contracts, service orders...).",
    )
    role_id = fields.Many2one(
        "res.groups",
        required=True,
        index=True,
        ondelete="cascade",
        domain=lambda self: [("category_id", "=", self.env.ref("auto_crm_customer.module_category_dealership").id)],
    )
    period_type = fields.Selection(PERIOD_TYPES, string="Period", required=True, default="month")
    weight = fields.Float(required=True, default=10.0, help="Share of the KPI in the scorecard's weighted total.")
    target = fields.Float(required=True, help="Value expected over one period of this kind.")
    direction = fields.Selection(DIRECTIONS, required=True, default="higher")
    unit = fields.Selection(UNITS, required=True, default="count")
    course_id = fields.Many2one(
        "auto.hr.course",
        string="Suggested Course",
        ondelete="set null",
        help="Suggested to an employee whose score on this KPI is far below the target.",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        (
            "code_role_period_unique",
            "unique(code, role_id, period_type, company_id)",
            "A role has each KPI once per kind of period.",
        ),
    ]

    @api.model
    def _selection_code(self):
        catalogue = self.env["auto.kpi.registry"]._kpi_catalogue()
        return [(code, str(spec["name"])) for code, spec in catalogue.items()]

    @api.constrains("weight", "target")
    def _check_weight_target(self):
        for kpi in self:
            if kpi.weight < 0:
                raise ValidationError(_("The weight of %(kpi)s cannot be negative.", kpi=kpi.name))
            if kpi.target < 0:
                raise ValidationError(
                    _("The target of %(kpi)s cannot be negative: enter the value expected over a period.", kpi=kpi.name)
                )
            if kpi.unit == "percent" and kpi.target > 100:
                raise ValidationError(_("The target of %(kpi)s is a percentage: at most 100.", kpi=kpi.name))

    @api.onchange("code")
    def _onchange_code(self):
        spec = self.code and self.env["auto.kpi.registry"]._kpi_catalogue().get(self.code)
        if spec:
            self.name = self.name or str(spec["name"])
            self.unit = spec["unit"]
            self.direction = spec["direction"]
