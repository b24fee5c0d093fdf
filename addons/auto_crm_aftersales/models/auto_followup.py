from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .auto_followup_plan import RETURN_VISIT_PURPOSES

# the return visit of a complaint is about the complaint; its service order is the complaint's
SERVICE_ORDER_OF_COMPLAINT = {"auto.service.ticket": "repair_id"}


class AutoFollowup(models.Model):
    """Follow-ups about service orders (return visits), appointments (reminders) and tickets."""

    _inherit = "auto.followup"

    # shortcuts to the subject (res_model/res_id): a service order (or the complaint's), an appointment, a complaint
    repair_id = fields.Many2one(
        "repair.order",
        string="Service Order",
        compute="_compute_subject_links",
        inverse="_inverse_repair_id",
        search="_search_repair_id",
    )
    appointment_id = fields.Many2one(
        "auto.service.appointment",
        compute="_compute_subject_links",
        inverse="_inverse_appointment_id",
        search="_search_appointment_id",
    )
    ticket_id = fields.Many2one(
        "auto.service.ticket",
        compute="_compute_subject_links",
        inverse="_inverse_ticket_id",
        search="_search_ticket_id",
    )
    survey_ids = fields.One2many("auto.service.survey", "followup_id", string="Satisfaction Answers")
    is_return_visit = fields.Boolean(
        compute="_compute_is_return_visit", search="_search_is_return_visit", string="Return Visit"
    )

    @api.depends("plan_id.purpose")
    def _compute_is_return_visit(self):
        for followup in self:
            followup.is_return_visit = followup.plan_id.purpose in RETURN_VISIT_PURPOSES

    def _search_is_return_visit(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search on return visits supports only 'is set' and 'is not set'."))
        if (operator == "=") == value:
            return [("plan_id.purpose", "in", list(RETURN_VISIT_PURPOSES))]
        return ["|", ("plan_id", "=", False), ("plan_id.purpose", "not in", list(RETURN_VISIT_PURPOSES))]

    @api.model
    def _subject_links(self):
        return {
            **super()._subject_links(),
            "repair_id": ("repair.order", SERVICE_ORDER_OF_COMPLAINT),
            "appointment_id": ("auto.service.appointment", {}),
            "ticket_id": ("auto.service.ticket", {}),
        }

    def _inverse_repair_id(self):
        self._subject_link_inverse("repair_id")

    def _search_repair_id(self, operator, value):
        return self._subject_link_search("repair_id", operator, value)

    def _inverse_appointment_id(self):
        self._subject_link_inverse("appointment_id")

    def _search_appointment_id(self, operator, value):
        return self._subject_link_search("appointment_id", operator, value)

    def _inverse_ticket_id(self):
        self._subject_link_inverse("ticket_id")

    def _search_ticket_id(self, operator, value):
        return self._subject_link_search("ticket_id", operator, value)

    def action_record_survey(self):
        """Record the customer's answers to the return visit (satisfaction scores and NPS)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Satisfaction Survey"),
            "res_model": "auto.service.survey",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_followup_id": self.id,
                "default_repair_id": self.repair_id.id,
                "default_partner_id": self.partner_id.id,
                "default_vehicle_id": self.vehicle_id.id,
            },
        }
