from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoHrTrainingEnrolment(models.Model):
    _name = "auto.hr.training.enrolment"
    _description = "Training Enrolment"
    _order = "session_id, employee_id"

    session_id = fields.Many2one("auto.hr.training.session", required=True, index=True, ondelete="cascade")
    course_id = fields.Many2one(related="session_id.course_id", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="cascade")
    user_id = fields.Many2one(related="employee_id.user_id", store=True, string="User")
    attended = fields.Boolean()
    score = fields.Float("Assessment Score")
    passed = fields.Boolean(compute="_compute_passed", store=True)
    certification_id = fields.Many2one("auto.hr.certification", readonly=True, copy=False)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)

    _sql_constraints = [
        ("employee_session_unique", "unique(session_id, employee_id)", "An employee is enrolled once per session."),
    ]

    @api.depends("attended", "score", "course_id.passing_score")
    def _compute_passed(self):
        for enrolment in self:
            enrolment.passed = enrolment.attended and enrolment.score >= enrolment.course_id.passing_score

    @api.constrains("score")
    def _check_score(self):
        for enrolment in self:
            if not 0 <= enrolment.score <= 100:
                raise ValidationError(_("An assessment score is between 0 and 100."))

    def _issue_certifications(self):
        """A certificate for each participant who passed a course that certifies, valid from the session."""
        to_certify = self.filtered(
            lambda e: e.passed and not e.certification_id and e.course_id.certificate_validity_months
        )
        certifications = self.env["auto.hr.certification"].create(
            [
                {
                    "employee_id": enrolment.employee_id.id,
                    "course_id": enrolment.course_id.id,
                    "date_obtained": fields.Date.context_today(enrolment, enrolment.session_id.date_end),
                    "date_expiry": fields.Date.context_today(enrolment, enrolment.session_id.date_end)
                    + relativedelta(months=enrolment.course_id.certificate_validity_months),
                }
                for enrolment in to_certify
            ]
        )
        for enrolment, certification in zip(to_certify, certifications, strict=True):
            enrolment.certification_id = certification
        return certifications
