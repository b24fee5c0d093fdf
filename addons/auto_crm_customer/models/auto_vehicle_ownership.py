from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoVehicleOwnership(models.Model):
    _name = "auto.vehicle.ownership"
    _description = "Vehicle Ownership"
    _order = "vehicle_id, date_start desc, id desc"

    vehicle_id = fields.Many2one("auto.vehicle", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Owner", required=True, index=True, ondelete="restrict")
    date_start = fields.Date("From", required=True, default=fields.Date.context_today)
    date_end = fields.Date("Until")
    note = fields.Char()
    company_id = fields.Many2one(related="vehicle_id.company_id", store=True, index=True)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for line in self:
            if line.date_end and line.date_end < line.date_start:
                raise ValidationError(
                    _(
                        "The ownership of %(owner)s cannot end (%(end)s) before it starts (%(start)s).",
                        owner=line.partner_id.display_name,
                        end=line.date_end,
                        start=line.date_start,
                    )
                )
