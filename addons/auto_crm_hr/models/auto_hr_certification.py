from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AutoHrCertification(models.Model):
    """A certificate of an employee (an OEM brand certification...), with its expiry. Reminders before it
    expires go through the follow-up engine (plan of purpose "certificate_expiry")."""

    _name = "auto.hr.certification"
    _description = "Certification"
    _inherit = ["mail.thread", "auto.followup.subject.mixin"]
    _order = "date_expiry"
    _rec_name = "course_id"

    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="cascade", tracking=True)
    user_id = fields.Many2one(related="employee_id.user_id", store=True, string="User")
    course_id = fields.Many2one("auto.hr.course", required=True, ondelete="restrict")
    brand_id = fields.Many2one(related="course_id.brand_id", store=True, index="btree_not_null")
    date_obtained = fields.Date("Obtained On", required=True, default=fields.Date.context_today)
    date_expiry = fields.Date("Expires On", required=True, index=True, tracking=True)
    is_expired = fields.Boolean(compute="_compute_is_expired", search="_search_is_expired", string="Expired")
    company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)

    def _compute_is_expired(self):
        today = fields.Date.context_today(self)
        for certification in self:
            certification.is_expired = certification.date_expiry < today

    def _search_is_expired(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(_("Unsupported search on Expired."))
        expired = (operator == "=") == value
        return [("date_expiry", "<" if expired else ">=", fields.Date.context_today(self))]

    @api.constrains("date_obtained", "date_expiry")
    def _check_dates(self):
        for certification in self:
            if certification.date_expiry <= certification.date_obtained:
                raise ValidationError(_("A certificate expires after the day it was obtained."))

    @api.model_create_multi
    def create(self, vals_list):
        certifications = super().create(vals_list)
        certifications._schedule_expiry_reminders()
        return certifications

    def write(self, vals):
        res = super().write(vals)
        if "date_expiry" in vals:
            self._schedule_expiry_reminders()
        return res

    def _schedule_expiry_reminders(self):
        """The reminders of the certificate_expiry plan before the expiry date, to the employee (one batch)."""

        def subject(certification):
            if not certification.employee_id.work_contact_id:
                return None
            return {
                "partner_id": certification.employee_id.work_contact_id.id,
                "res_model": certification._name,
                "res_id": certification.id,
                "user_id": certification.user_id.id,
                "trigger_date": certification.date_expiry,
                "trigger_key": f"certification{certification.id}:{certification.date_expiry}",
            }

        # sudo: the reminders are HR's work scheduled by the engine, whoever records the certificate
        return self.env["auto.followup"].sudo()._schedule_for_purpose("certificate_expiry", self, subject)
