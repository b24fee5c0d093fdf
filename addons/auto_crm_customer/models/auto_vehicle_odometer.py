from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoVehicleOdometer(models.Model):
    """An odometer reading. Readings only go up, unless a correction reason says why."""

    _name = "auto.vehicle.odometer"
    _description = "Odometer Reading"
    # the latest reading first (within a vehicle, where readings are read): ordering by the vehicle as well would
    # join the vehicles to every read of a vehicle's readings
    _order = "date desc, id desc"

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
        # the values of the whole set read at once: a legacy import checks a hundred thousand readings
        for value, day in zip(self.mapped("value"), self.mapped("date"), strict=True):
            if value < 0:
                raise ValidationError(_("A mileage cannot be negative (%(value)s km).", value=value))
            if day > today:
                raise ValidationError(_("An odometer reading cannot be dated in the future (%(date)s).", date=day))
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
        if not highest:
            return  # the first readings of their vehicles
        # only a reading below the vehicle's highest may go back against an earlier one
        lower = readings.filtered(lambda r: highest.get(r.vehicle_id.id, 0) > r.value)
        if not lower:
            return
        earlier = self._read_group(
            [("vehicle_id", "in", lower.vehicle_id.ids), ("id", "not in", readings.ids)],
            ["vehicle_id", "date:day"],
            ["value:max"],
        )
        for reading in lower:
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
