from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    auto_ticket_sla_low_hours = fields.Integer(related="company_id.auto_ticket_sla_low_hours", readonly=False)
    auto_ticket_sla_medium_hours = fields.Integer(related="company_id.auto_ticket_sla_medium_hours", readonly=False)
    auto_ticket_sla_high_hours = fields.Integer(related="company_id.auto_ticket_sla_high_hours", readonly=False)
    auto_ticket_sla_critical_hours = fields.Integer(related="company_id.auto_ticket_sla_critical_hours", readonly=False)
    auto_ticket_escalation_user_id = fields.Many2one(
        related="company_id.auto_ticket_escalation_user_id", readonly=False
    )
    auto_return_visit_user_id = fields.Many2one(related="company_id.auto_return_visit_user_id", readonly=False)
    auto_survey_low_score = fields.Integer(related="company_id.auto_survey_low_score", readonly=False)
    auto_survey_low_nps = fields.Integer(related="company_id.auto_survey_low_nps", readonly=False)
    auto_labour_product_id = fields.Many2one(related="company_id.auto_labour_product_id", readonly=False)
