from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    auto_ticket_sla_low_hours = fields.Integer("SLA Low (hours)", default=72)
    auto_ticket_sla_medium_hours = fields.Integer("SLA Medium (hours)", default=24)
    auto_ticket_sla_high_hours = fields.Integer("SLA High (hours)", default=8)
    auto_ticket_sla_critical_hours = fields.Integer("SLA Critical (hours)", default=2)
    auto_ticket_escalation_user_id = fields.Many2one(
        "res.users",
        string="Ticket Escalation Manager",
        help="Receives tickets past their deadline without a team leader.",
    )
    auto_return_visit_user_id = fields.Many2one(
        "res.users", string="Return Visits By", help="Customer relations officer who makes return visits."
    )
    auto_survey_low_score = fields.Integer(
        "Low Factor Score", default=2, help="A factor scored at or under this (1-5) opens a complaint ticket."
    )
    auto_labour_product_id = fields.Many2one(
        "product.product",
        string="Labour Product",
        domain=[("type", "=", "service"), ("sale_ok", "=", True)],
        help="The service product a labour operation of a service order is sold as, by default.",
    )
    auto_survey_low_nps = fields.Integer(
        "Low Recommend Score", default=4, help="A would-recommend score at or under this (0-10) opens a complaint."
    )

    @api.model
    def _auto_set_default_labour_product(self, product_id):
        """Give every company without a labour product this one (the shipped "Workshop Labour")."""
        self.search([("auto_labour_product_id", "=", False)]).auto_labour_product_id = product_id

    @api.constrains(
        "auto_ticket_sla_low_hours",
        "auto_ticket_sla_medium_hours",
        "auto_ticket_sla_high_hours",
        "auto_ticket_sla_critical_hours",
        "auto_survey_low_score",
        "auto_survey_low_nps",
    )
    def _check_aftersales_settings(self):
        for company in self:
            hours = [
                company.auto_ticket_sla_low_hours,
                company.auto_ticket_sla_medium_hours,
                company.auto_ticket_sla_high_hours,
                company.auto_ticket_sla_critical_hours,
            ]
            if any(h <= 0 for h in hours):
                raise ValidationError(_("Ticket deadlines are a positive number of hours."))
            if not 0 <= company.auto_survey_low_score <= 5 or not -1 <= company.auto_survey_low_nps <= 10:
                raise ValidationError(
                    _("The low-score thresholds are a factor score from 0 to 5 and a recommend score from -1 to 10.")
                )

    def _auto_ticket_sla_hours(self, severity):
        self.ensure_one()
        return self[f"auto_ticket_sla_{severity or 'medium'}_hours"]
