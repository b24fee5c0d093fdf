from odoo import api, fields, models


class AutoVehicleSeries(models.Model):
    _name = "auto.vehicle.series"
    _description = "Vehicle Series"
    _order = "brand_id, sequence, name"

    name = fields.Char(required=True, translate=True)
    brand_id = fields.Many2one("auto.vehicle.brand", required=True, ondelete="restrict", index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    model_ids = fields.One2many("auto.vehicle.model", "series_id", string="Models")

    _sql_constraints = [
        ("name_brand_uniq", "unique(brand_id, name)", "This brand already has a series with this name."),
    ]

    @api.depends("name", "brand_id.name")
    def _compute_display_name(self):
        for series in self:
            series.display_name = " ".join(filter(None, [series.brand_id.name, series.name]))
