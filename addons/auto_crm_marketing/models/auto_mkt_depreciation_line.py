from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoMktDepreciationLine(models.Model):
    _name = "auto.mkt.depreciation.line"
    _description = "Depreciation Table Line"
    _order = "table_id, age_years"

    table_id = fields.Many2one("auto.mkt.depreciation", required=True, index=True, ondelete="cascade")
    age_years = fields.Integer("Age (years)", required=True)
    residual_percent = fields.Float("Residual Value (%)", required=True, digits=(5, 1))

    _sql_constraints = [
        ("table_age_unique", "unique(table_id, age_years)", "A table has one residual value for each age."),
    ]

    @api.constrains("age_years", "residual_percent")
    def _check_values(self):
        for line in self:
            if line.age_years < 1:
                raise ValidationError(_("The age of a residual value is at least 1 year."))
            if not 0 <= line.residual_percent <= 100:
                raise ValidationError(
                    _(
                        "A residual value is a percentage of the new price, from 0 to 100 (%(value)s).",
                        value=line.residual_percent,
                    )
                )
