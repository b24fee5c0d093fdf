from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoVehicleModel(models.Model):
    _name = "auto.vehicle.model"
    _description = "Vehicle Model (Trim)"
    _order = "brand_id, series_id, model_year desc, name"
    _rec_names_search = ["name", "series_id.name", "brand_id.name"]

    name = fields.Char("Trim", required=True, translate=True, help="Trim or version, e.g. 1.5L CVT Luxury.")
    series_id = fields.Many2one("auto.vehicle.series", required=True, ondelete="restrict", index=True)
    brand_id = fields.Many2one(related="series_id.brand_id", store=True, index=True)
    model_year = fields.Integer(help="Model year of this trim as sold, e.g. 2025.")
    body_type = fields.Selection(
        [
            ("sedan", "Sedan"),
            ("suv", "SUV"),
            ("mpv", "MPV"),
            ("hatchback", "Hatchback"),
            ("pickup", "Pickup"),
            ("coupe", "Coupe"),
            ("wagon", "Wagon"),
        ],
    )
    fuel_type = fields.Selection(
        [
            ("petrol", "Petrol"),
            ("diesel", "Diesel"),
            ("hybrid", "Hybrid"),
            ("phev", "Plug-in Hybrid"),
            ("electric", "Electric"),
        ],
        string="Energy",
    )
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id, required=True)
    list_price = fields.Monetary(
        "Guide Price", currency_field="currency_id", help="Manufacturer's suggested retail price."
    )
    warranty_years = fields.Integer("Warranty (years)", default=3)
    warranty_km = fields.Integer("Warranty (km)", default=100000)
    active = fields.Boolean(default=True)
    vehicle_count = fields.Integer(compute="_compute_vehicle_count", string="Vehicles")

    @api.depends("name", "series_id.display_name", "model_year")
    def _compute_display_name(self):
        for model in self:
            parts = [model.series_id.display_name, model.name]
            if model.model_year:
                parts.append(_("(%(year)s)", year=model.model_year))
            model.display_name = " ".join(filter(None, parts))

    def _compute_vehicle_count(self):
        counts = dict(self.env["auto.vehicle"]._read_group([("model_id", "in", self.ids)], ["model_id"], ["__count"]))
        for model in self:
            model.vehicle_count = counts.get(model, 0)

    @api.constrains("model_year", "warranty_years", "warranty_km", "list_price")
    def _check_numbers(self):
        for model in self:
            if model.model_year and not 1980 <= model.model_year <= 2100:
                raise ValidationError(
                    _(
                        "The model year %(year)s of %(model)s is not a year: enter it with four digits, e.g. 2025.",
                        year=model.model_year,
                        model=model.display_name,
                    )
                )
            if model.warranty_years < 0 or model.warranty_km < 0:
                raise ValidationError(_("The warranty of %(model)s cannot be negative.", model=model.display_name))
            if model.list_price < 0:
                raise ValidationError(_("The guide price of %(model)s cannot be negative.", model=model.display_name))

    def action_view_vehicles(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_customer.auto_vehicle_action")
        action["domain"] = [("model_id", "=", self.id)]
        action["context"] = {"default_model_id": self.id}
        return action
