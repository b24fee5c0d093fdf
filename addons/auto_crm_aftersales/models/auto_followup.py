from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .auto_followup_plan import RETURN_VISIT_PURPOSES


class AutoFollowup(models.Model):
    """Follow-ups about service orders (return visits), appointments (reminders) and tickets."""

    _inherit = "auto.followup"

    repair_id = fields.Many2one("repair.order", string="Service Order", index="btree_not_null", ondelete="cascade")
    appointment_id = fields.Many2one("auto.service.appointment", index="btree_not_null", ondelete="cascade")
    ticket_id = fields.Many2one("auto.service.ticket", index="btree_not_null", ondelete="cascade")
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

    @api.constrains("partner_id", "vehicle_id", "repair_id", "appointment_id", "ticket_id", "date_scheduled")
    def _check_subject(self):
        return super()._check_subject()

    def _has_subject(self):
        return super()._has_subject() or bool(self.repair_id or self.appointment_id or self.ticket_id)

    def _copy_subject_vals(self):
        vals = super()._copy_subject_vals()
        vals.update(
            {
                "repair_id": self.repair_id.id,
                "appointment_id": self.appointment_id.id,
                "ticket_id": self.ticket_id.id,
            }
        )
        return vals

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
