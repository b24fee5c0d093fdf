from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

SESSION_STATES = [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")]


class AutoHrTrainingSession(models.Model):
    """A session of a course: when, who trains, where, how many seats; enrolment, attendance and scores."""

    _name = "auto.hr.training.session"
    _description = "Training Session"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc"

    name = fields.Char(compute="_compute_name", store=True)
    course_id = fields.Many2one("auto.hr.course", required=True, index=True, ondelete="restrict", tracking=True)
    date_start = fields.Datetime("Start", required=True, tracking=True)
    date_end = fields.Datetime("End", required=True, tracking=True)
    trainer = fields.Char(required=True, tracking=True, help="The trainer: a colleague or the OEM's instructor.")
    location = fields.Char("Place", required=True)
    capacity = fields.Integer(default=12, required=True)
    state = fields.Selection(SESSION_STATES, default="planned", required=True, tracking=True, index=True)
    enrolment_ids = fields.One2many("auto.hr.training.enrolment", "session_id", string="Participants")
    seats_taken = fields.Integer(compute="_compute_seats_taken", store=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    @api.depends("course_id.name", "date_start")
    def _compute_name(self):
        for session in self:
            day = session.date_start and fields.Date.to_string(session.date_start.date()) or ""
            session.name = f"{session.course_id.name or ''} {day}".strip()

    @api.depends("enrolment_ids")
    def _compute_seats_taken(self):
        for session in self:
            session.seats_taken = len(session.enrolment_ids)

    @api.constrains("date_start", "date_end", "capacity", "seats_taken")
    def _check_dates_capacity(self):
        for session in self:
            if session.date_end <= session.date_start:
                raise ValidationError(_("The session %(session)s ends before it starts.", session=session.name))
            if session.capacity <= 0:
                raise ValidationError(_("A session has at least one seat."))
            if session.seats_taken > session.capacity:
                raise ValidationError(
                    _("%(session)s is full: %(capacity)s seats.", session=session.name, capacity=session.capacity)
                )

    def action_done(self):
        """Close the session: participants who attended and passed get their certificate."""
        for session in self:
            if session.state != "planned":
                raise UserError(_("Only a planned session can be closed."))
        self.write({"state": "done"})
        self.enrolment_ids._issue_certifications()
        return True

    def action_cancel(self):
        self.filtered(lambda s: s.state == "planned").write({"state": "cancelled"})
        return True
