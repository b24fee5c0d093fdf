from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoVehicleModel(models.Model):
    _inherit = "auto.vehicle.model"

    service_interval_km = fields.Integer(
        "Service Every (km)", default=10000, help="Maintenance interval in kilometres; 0 when only months count."
    )
    service_interval_months = fields.Integer(
        "Service Every (months)", default=12, help="Maintenance interval in months; 0 when only kilometres count."
    )

    @api.constrains("service_interval_km", "service_interval_months")
    def _check_service_interval(self):
        for model in self:
            if model.service_interval_km < 0 or model.service_interval_months < 0:
                raise ValidationError(
                    _("The service interval of %(model)s cannot be negative.", model=model.display_name)
                )
            if model.service_interval_months > 120:
                raise ValidationError(
                    _(
                        "The service interval of %(model)s is over ten years: enter it in months, e.g. 12.",
                        model=model.display_name,
                    )
                )
