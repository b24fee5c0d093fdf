from odoo import fields, models


class AutoVehicleBrand(models.Model):
    _name = "auto.vehicle.brand"
    _description = "Vehicle Brand"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used in imports and reports, e.g. BYD.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    image_128 = fields.Image("Logo", max_width=128, max_height=128)
    series_ids = fields.One2many("auto.vehicle.series", "brand_id")
    model_count = fields.Integer(compute="_compute_model_count", string="Models")

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A brand with this name already exists."),
    ]

    def _compute_model_count(self):
        counts = dict(
            self.env["auto.vehicle.model"]._read_group([("brand_id", "in", self.ids)], ["brand_id"], ["__count"])
        )
        for brand in self:
            brand.model_count = counts.get(brand, 0)
