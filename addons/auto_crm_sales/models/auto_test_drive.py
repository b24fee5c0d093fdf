from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

TEST_DRIVE_STATES = [
    ("booked", "Booked"),
    ("done", "Done"),
    ("no_show", "No Show"),
    ("cancelled", "Cancelled"),
]
FEEDBACK_RATINGS = [("1", "Poor"), ("2", "Fair"), ("3", "Good"), ("4", "Very Good"), ("5", "Excellent")]
PURCHASE_INTENTS = [("high", "High"), ("medium", "Medium"), ("low", "Low"), ("none", "None")]


class AutoTestDrive(models.Model):
    """A test drive (试驾): a customer drives a demo car with a consultant on a route, in a time slot."""

    _name = "auto.test.drive"
    _description = "Test Drive"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, tracking=True)
    lead_id = fields.Many2one("crm.lead", index="btree_not_null", ondelete="set null")
    vehicle_id = fields.Many2one(
        "auto.vehicle",
        string="Demo Vehicle",
        required=True,
        index=True,
        tracking=True,
        domain=[("state", "=", "demo")],
        check_company=True,
    )
    model_id = fields.Many2one(related="vehicle_id.model_id", store=True, string="Model")
    user_id = fields.Many2one(
        "res.users", string="Consultant", required=True, index=True, tracking=True, default=lambda self: self.env.user
    )
    date_start = fields.Datetime("Start", required=True, tracking=True)
    duration = fields.Float("Duration (hours)", default=0.5, required=True)
    date_stop = fields.Datetime("End", compute="_compute_date_stop", store=True)
    route = fields.Char(help="Route driven, e.g. city loop 8 km, ring road.")
    licence_number = fields.Char("Driving Licence Number", required=True)
    licence_expiry = fields.Date("Licence Valid Until", required=True)
    state = fields.Selection(TEST_DRIVE_STATES, default="booked", required=True, index=True, tracking=True)
    feedback_rating = fields.Selection(FEEDBACK_RATINGS, string="Driving Experience")
    feedback_liked = fields.Text("What the Customer Liked")
    feedback_concerns = fields.Text("Concerns")
    purchase_intent = fields.Selection(PURCHASE_INTENTS)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("partner_id.name", "vehicle_id.display_name", "date_start")
    def _compute_name(self):
        for drive in self:
            drive.name = " - ".join(filter(None, [drive.partner_id.name, drive.vehicle_id.display_name]))

    @api.depends("date_start", "duration")
    def _compute_date_stop(self):
        for drive in self:
            drive.date_stop = drive.date_start and drive.date_start + timedelta(hours=drive.duration or 0.0)

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------
    @api.constrains("licence_number", "licence_expiry", "date_start")
    def _check_licence(self):
        for drive in self:
            if not (drive.licence_number or "").strip():
                raise ValidationError(_("Enter the customer's driving licence number before the test drive."))
            if drive.licence_expiry and drive.date_start and drive.licence_expiry < drive.date_start.date():
                raise ValidationError(
                    _(
                        "The driving licence of %(customer)s expires on %(expiry)s, before the test drive on "
                        "%(date)s: the customer cannot drive. Check the licence or choose an earlier date.",
                        customer=drive.partner_id.name,
                        expiry=drive.licence_expiry,
                        date=drive.date_start.date(),
                    )
                )

    @api.constrains("duration")
    def _check_duration(self):
        for drive in self:
            if not 0 < drive.duration <= 8:
                raise ValidationError(_("A test drive lasts more than zero and at most 8 hours."))

    @api.constrains("vehicle_id", "user_id", "date_start", "date_stop", "state")
    def _check_double_booking(self):
        drives = self.filtered(lambda d: d.state == "booked")
        if not drives:
            return
        self.flush_model(["vehicle_id", "user_id", "date_start", "date_stop", "state"])
        self.env.cr.execute(
            """
            SELECT a.id, b.id, a.vehicle_id = b.vehicle_id
              FROM auto_test_drive a
              JOIN auto_test_drive b
                ON b.id != a.id
               AND b.state = 'booked'
               AND (b.vehicle_id = a.vehicle_id OR b.user_id = a.user_id)
               AND b.date_start < a.date_stop
               AND a.date_start < b.date_stop
             WHERE a.id IN %s
             LIMIT 1
            """,
            [tuple(drives.ids)],
        )
        row = self.env.cr.fetchone()
        if row:
            drive, other = self.browse(row[0]), self.sudo().browse(row[1])
            if row[2]:
                message = _(
                    "The demo vehicle %(vehicle)s is already booked from %(start)s to %(stop)s: choose another "
                    "time slot or vehicle.",
                    vehicle=drive.vehicle_id.display_name,
                    start=other.date_start,
                    stop=other.date_stop,
                )
            else:
                message = _(
                    "%(user)s already has a test drive from %(start)s to %(stop)s: choose another time slot or "
                    "consultant.",
                    user=drive.user_id.name,
                    start=other.date_start,
                    stop=other.date_stop,
                )
            raise ValidationError(message)

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        for drive in self:
            if drive.partner_id.auto_licence_number and not drive.licence_number:
                drive.licence_number = drive.partner_id.auto_licence_number
                drive.licence_expiry = drive.partner_id.auto_licence_expiry

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        partner_ids = {vals.get("partner_id") for vals in vals_list} - {None, False}
        partners = {p.id: p for p in self.env["res.partner"].browse(partner_ids)}
        for vals in vals_list:
            partner = partners.get(vals.get("partner_id"))
            if partner and not vals.get("licence_number") and partner.auto_licence_number:
                vals["licence_number"] = partner.auto_licence_number
                vals.setdefault("licence_expiry", partner.auto_licence_expiry)
        drives = super().create(vals_list)
        drives._auto_store_licence_on_partner()
        return drives

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_done(self):
        if any(drive.state != "booked" for drive in self):
            raise UserError(_("Only booked test drives can be marked done."))
        self.write({"state": "done"})

    def action_no_show(self):
        if any(drive.state != "booked" for drive in self):
            raise UserError(_("Only booked test drives can be marked as a no-show."))
        self.write({"state": "no_show"})

    def action_cancel(self):
        if any(drive.state == "done" for drive in self):
            raise UserError(_("A test drive that took place cannot be cancelled."))
        self.write({"state": "cancelled"})

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _auto_store_licence_on_partner(self):
        for drive in self:
            partner = drive.partner_id
            if drive.licence_number and partner.auto_licence_number != drive.licence_number:
                # sudo: the customer's licence is recorded from the drive even by a consultant of another customer
                partner.sudo().write(
                    {"auto_licence_number": drive.licence_number, "auto_licence_expiry": drive.licence_expiry}
                )
