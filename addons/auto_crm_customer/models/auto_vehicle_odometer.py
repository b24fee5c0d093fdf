from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoVehicleOdometer(models.Model):
    """An odometer reading. Readings only go up, unless a correction reason says why."""

    _name = "auto.vehicle.odometer"
    _description = "Odometer Reading"
    _order = "vehicle_id, date desc, id desc"

    vehicle_id = fields.Many2one("auto.vehicle", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    value = fields.Integer("Mileage (km)", required=True)
    source = fields.Selection(
        [("manual", "Manual"), ("sale", "Sale / Delivery"), ("service", "Service"), ("import", "Import")],
        default="manual",
        required=True,
    )
    correction_reason = fields.Char(
        help="Required when this reading is lower than an earlier one (e.g. odometer replaced)."
    )
    note = fields.Char()
    company_id = fields.Many2one(related="vehicle_id.company_id", store=True, index=True, precompute=True)

    @api.constrains("value", "date", "vehicle_id", "correction_reason")
    def _check_value(self):
        today = fields.Date.context_today(self)
        for reading in self:
            if reading.value < 0:
                raise ValidationError(_("A mileage cannot be negative (%(value)s km).", value=reading.value))
            if reading.date > today:
                raise ValidationError(
                    _("An odometer reading cannot be dated in the future (%(date)s).", date=reading.date)
                )
        readings = self.filtered(lambda r: not r.correction_reason)
        if not readings:
            return
        highest = {
            vehicle.id: value
            for vehicle, value in self._read_group(
                [("vehicle_id", "in", readings.vehicle_id.ids), ("id", "not in", readings.ids)],
                ["vehicle_id"],
                ["value:max"],
            )
        }
        earlier = self._read_group(
            [("vehicle_id", "in", readings.vehicle_id.ids), ("id", "not in", readings.ids)],
            ["vehicle_id", "date:day"],
            ["value:max"],
        )
        for reading in readings:
            if highest.get(reading.vehicle_id.id, 0) <= reading.value:
                continue
            previous = max(
                (value for vehicle, day, value in earlier if vehicle == reading.vehicle_id and day <= reading.date),
                default=0,
            )
            if previous > reading.value:
                raise ValidationError(
                    _(
                        "The mileage %(value)s km of %(vehicle)s is lower than the last reading (%(last)s km). "
                        "Check the odometer, or give a correction reason if it was replaced or misread.",
                        value=reading.value,
                        vehicle=reading.vehicle_id.display_name,
                        last=previous,
                    )
                )
