from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .repair_order import SERVICE_TYPES

APPOINTMENT_STATES = [
    ("booked", "Booked"),
    ("arrived", "Arrived"),
    ("no_show", "No-show"),
    ("cancelled", "Cancelled"),
]
ACTIVE_STATES = ("booked", "arrived")


class AutoServiceAppointment(models.Model):
    """A service appointment (预约): a vehicle booked into a slot of a workshop day, within its capacity."""

    _name = "auto.service.appointment"
    _description = "Service Appointment"
    _inherit = ["mail.thread", "mail.activity.mixin", "auto.followup.subject.mixin"]
    _order = "date desc, slot_id, id"
    _check_company_auto = True

    name = fields.Char("Reference", required=True, readonly=True, copy=False, default=lambda self: _("New"))
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True, check_company=True
    )
    partner_mobile = fields.Char(related="partner_id.mobile", string="Mobile")
    vehicle_id = fields.Many2one(
        "auto.vehicle",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('partner_id', '=?', partner_id)]",
    )
    date = fields.Date(required=True, index=True, tracking=True)
    slot_id = fields.Many2one(
        "auto.service.slot", required=True, index=True, tracking=True, check_company=True, ondelete="restrict"
    )
    datetime_start = fields.Datetime("Starts", compute="_compute_datetimes", store=True)
    datetime_stop = fields.Datetime("Ends", compute="_compute_datetimes", store=True)
    service_type = fields.Selection(SERVICE_TYPES, default="maintenance", required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Service Advisor",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    description = fields.Text("Customer Request")
    state = fields.Selection(APPOINTMENT_STATES, default="booked", required=True, index=True, tracking=True)
    repair_id = fields.Many2one("repair.order", string="Service Order", readonly=True, copy=False)
    followup_ids = fields.One2many(
        "auto.followup", "res_id", domain=lambda self: [("res_model", "=", self._name)], string="Reminders"
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    @api.depends("date", "slot_id.hour_from", "slot_id.hour_to")
    def _compute_datetimes(self):
        tz = pytz.timezone(self.env.user.tz or self.env.context.get("tz") or "Asia/Shanghai")
        for appointment in self:
            if not appointment.date or not appointment.slot_id:
                appointment.datetime_start = appointment.datetime_stop = False
                continue
            day = datetime.combine(appointment.date, time())
            start = tz.localize(day + timedelta(hours=appointment.slot_id.hour_from))
            stop = tz.localize(day + timedelta(hours=appointment.slot_id.hour_to))
            appointment.datetime_start = start.astimezone(pytz.utc).replace(tzinfo=None)
            appointment.datetime_stop = stop.astimezone(pytz.utc).replace(tzinfo=None)

    @api.depends("name", "partner_id", "slot_id")
    def _compute_display_name(self):
        for appointment in self:
            appointment.display_name = " - ".join(
                filter(None, [appointment.name, appointment.partner_id.name, appointment.vehicle_id.display_name])
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date", "slot_id", "state")
    def _check_capacity(self):
        active = self.filtered(lambda a: a.state in ACTIVE_STATES)
        if not active:
            return
        # sudo: the capacity counts every booking of the slot, including those of other advisors
        counts = {
            (date, slot.id): count
            for date, slot, count in self.sudo()._read_group(
                [
                    ("date", "in", list(set(active.mapped("date")))),
                    ("slot_id", "in", active.slot_id.ids),
                    ("state", "in", ACTIVE_STATES),
                ],
                ["date:day", "slot_id"],
                ["__count"],
            )
        }
        for appointment in active:
            booked = counts.get((appointment.date, appointment.slot_id.id), 0)
            if booked > appointment.slot_id.capacity:
                raise ValidationError(
                    _(
                        "The slot %(slot)s on %(date)s is full (%(capacity)s bookings for its bays and technicians). "
                        "Choose another slot or day.",
                        slot=appointment.slot_id.display_name,
                        date=appointment.date,
                        capacity=appointment.slot_id.capacity,
                    )
                )

    @api.constrains("vehicle_id", "partner_id")
    def _check_vehicle(self):
        for appointment in self:
            if appointment.vehicle_id.partner_id and appointment.vehicle_id.partner_id != appointment.partner_id:
                raise ValidationError(
                    _(
                        "The vehicle %(vehicle)s belongs to %(owner)s, not to %(partner)s.",
                        vehicle=appointment.vehicle_id.display_name,
                        owner=appointment.vehicle_id.partner_id.display_name,
                        partner=appointment.partner_id.display_name,
                    )
                )

    @api.onchange("vehicle_id")
    def _onchange_vehicle_id(self):
        if self.vehicle_id.partner_id:
            self.partner_id = self.vehicle_id.partner_id

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            booked = vals.get("state", "booked") == "booked"
            if vals.get("date") and fields.Date.to_date(vals["date"]) < today and booked:
                raise ValidationError(_("An appointment cannot be booked on a past day (%(date)s).", date=vals["date"]))
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("auto.service.appointment") or _("New")
        self._lock_slots([vals["slot_id"] for vals in vals_list if vals.get("slot_id")])
        appointments = super().create(vals_list)
        appointments.filtered(lambda a: a.state == "booked")._schedule_reminders()
        return appointments

    def write(self, vals):
        if {"date", "slot_id", "state"} & set(vals):
            self._lock_slots(self.slot_id.ids + ([vals["slot_id"]] if vals.get("slot_id") else []))
        result = super().write(vals)
        if "date" in vals or "slot_id" in vals:
            booked = self.filtered(lambda a: a.state == "booked")
            booked._cancel_reminders()
            booked._schedule_reminders(reschedule=True)
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_receive(self):
        """The customer arrived: open the service order (reception) with the vehicle and request."""
        self.ensure_one()
        if self.state != "booked":
            raise UserError(_("Only a booked appointment can be received."))
        if not self.repair_id:
            self.repair_id = self.env["repair.order"].create(
                {
                    "auto_vehicle_id": self.vehicle_id.id,
                    "partner_id": self.partner_id.id,
                    "auto_service_type": self.service_type,
                    "user_id": self.user_id.id,
                    "auto_appointment_id": self.id,
                    "auto_mileage_in": self.vehicle_id.mileage,
                    "internal_notes": self.description or False,
                }
            )
        self.state = "arrived"
        self._cancel_reminders()
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "res_id": self.repair_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_no_show(self):
        if self.filtered(lambda a: a.state != "booked"):
            raise UserError(_("Only a booked appointment can be marked as a no-show."))
        self.write({"state": "no_show"})
        self._cancel_reminders()

    def action_cancel(self):
        if self.filtered(lambda a: a.state not in ("booked",)):
            raise UserError(_("Only a booked appointment can be cancelled."))
        self.write({"state": "cancelled"})
        self._cancel_reminders()

    def action_reset(self):
        self.filtered(lambda a: a.state in ("cancelled", "no_show")).write({"state": "booked"})

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _schedule_reminders(self, reschedule=False):
        """Reminders before the appointment, from the appointment-reminder plan of the follow-up engine."""

        def subject(appointment):
            return {
                "partner_id": appointment.partner_id.id,
                "vehicle_id": appointment.vehicle_id.id,
                "res_model": appointment._name,
                "res_id": appointment.id,
                "user_id": appointment.user_id.id,
                "trigger_date": appointment.date,
                "trigger_key": f"appointment{appointment.id}:{appointment.date}:{appointment.slot_id.id}",
            }

        # sudo: reminders are the engine's records; the advisor sees those assigned to them
        return self.env["auto.followup"].sudo()._schedule_for_purpose("appointment_reminder", self, subject)

    @api.model
    def _lock_slots(self, slot_ids):
        """Serialize the bookings of a slot, so that two customers taking its last place at the same moment
        cannot both get it.

        The capacity constraint counts the slot's bookings in the transaction's snapshot (repeatable read), which
        does not show a booking committed meanwhile by another transaction. Writing the slot's row makes the
        second transaction wait for the first, then fail with a serialization error: Odoo retries the request,
        whose new snapshot sees the first booking, and the constraint tells the customer the slot is full.
        """
        if not slot_ids:
            return
        self.env.execute_query(
            SQL(
                """
                UPDATE auto_service_slot SET write_date = write_date
                 WHERE id IN (SELECT id FROM auto_service_slot WHERE id = ANY(%s) ORDER BY id FOR NO KEY UPDATE)
                """,
                sorted(set(slot_ids)),
            )
        )

    def _cancel_reminders(self):
        # sudo: reminders may be assigned to another advisor
        self.sudo().followup_ids.filtered(lambda f: f.state in ("planned", "open"))._cancel()

    @api.model
    def _cron_mark_no_shows(self):
        """Booked appointments of past days whose customer never came are recorded as no-shows."""
        today = fields.Date.context_today(self)
        late = self.search([("state", "=", "booked"), ("date", "<", today)])
        late.write({"state": "no_show"})
        late._cancel_reminders()
        return len(late)
