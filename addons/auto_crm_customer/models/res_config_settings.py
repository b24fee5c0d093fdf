from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    auto_vin_check_digit_policy = fields.Selection(
        related="company_id.auto_vin_check_digit_policy", readonly=False, required=True
    )
    auto_tier_key_value_share = fields.Float(related="company_id.auto_tier_key_value_share", readonly=False)
    auto_tier_key_customer_share = fields.Float(related="company_id.auto_tier_key_customer_share", readonly=False)
    auto_tier_potential_min_score = fields.Integer(related="company_id.auto_tier_potential_min_score", readonly=False)
    auto_tier_window_months = fields.Integer(related="company_id.auto_tier_window_months", readonly=False)
    auto_followup_manager_id = fields.Many2one(related="company_id.auto_followup_manager_id", readonly=False)
    auto_followup_escalation_days = fields.Integer(related="company_id.auto_followup_escalation_days", readonly=False)
