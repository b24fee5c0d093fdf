from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoServiceSlot(models.Model):
    """A time slot of the workshop day, e.g. 08:30-10:00, with the bays and technicians it has."""

    _name = "auto.service.slot"
    _description = "Service Appointment Slot"
    _order = "sequence, hour_from, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    hour_from = fields.Float("From", required=True, help="Start time of the slot (e.g. 8.5 for 08:30).")
    hour_to = fields.Float("To", required=True)
    bay_count = fields.Integer("Bays", default=4, required=True, help="Workshop bays available in this slot.")
    technician_count = fields.Integer("Technicians", default=4, required=True, help="Technicians on duty in this slot.")
    capacity = fields.Integer(
        compute="_compute_capacity",
        store=True,
        help="Appointments the slot takes each day: the fewer of bays and technicians.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    @api.depends("bay_count", "technician_count")
    def _compute_capacity(self):
        for slot in self:
            slot.capacity = max(min(slot.bay_count, slot.technician_count), 0)

    @api.depends("name", "hour_from", "hour_to")
    def _compute_display_name(self):
        for slot in self:
            slot.display_name = f"{slot.name} ({self._format_hour(slot.hour_from)}-{self._format_hour(slot.hour_to)})"

    @api.model
    def _format_hour(self, hour):
        minutes = round((hour or 0.0) * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    @api.constrains("hour_from", "hour_to", "bay_count", "technician_count")
    def _check_slot(self):
        for slot in self:
            if not 0 <= slot.hour_from < slot.hour_to <= 24:
                raise ValidationError(
                    _("The slot %(slot)s must start before it ends, between 00:00 and 24:00.", slot=slot.name)
                )
            if slot.bay_count < 0 or slot.technician_count < 0:
                raise ValidationError(
                    _("The bays and technicians of slot %(slot)s cannot be negative.", slot=slot.name)
                )

    @api.model
    def _availability(self, date, company):
        """The company's slots on ``date`` with the places still free, for booking (the portal's slot choice).

        On today, the slots that have already started are left out.

        :return: list of ``(slot, remaining places)`` in the slots' order
        """
        slots = self.search([("company_id", "=", company.id)])
        # sudo: the places left count every booking of the slot, the other customers' included
        counts = dict(
            self.env["auto.service.appointment"]
            .sudo()
            ._read_group(
                [("date", "=", date), ("slot_id", "in", slots.ids), ("state", "in", ("booked", "arrived"))],
                ["slot_id"],
                ["__count"],
            )
        )
        now = fields.Datetime.context_timestamp(self, fields.Datetime.now())
        result = []
        for slot in slots:
            if date == now.date() and slot.hour_from <= now.hour + now.minute / 60.0:
                continue
            result.append((slot, max(slot.capacity - counts.get(slot, 0), 0)))
        return result
