from odoo import api, fields, models


class AutoMonthMixin(models.AbstractModel):
    """A record about a calendar month (a sales target, a cockpit target): its ``month`` date field is kept on
    the month's first day, whatever day of the month is typed or imported. The model declares ``month``."""

    _name = "auto.month.mixin"
    _description = "Record of a Month"

    @api.model
    def _month_values(self, vals):
        if vals.get("month"):
            vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._month_values(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._month_values(vals))
