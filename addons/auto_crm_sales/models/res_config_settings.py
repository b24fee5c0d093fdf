from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    auto_discount_limit_consultant = fields.Monetary(
        related="company_id.auto_discount_limit_consultant", readonly=False, currency_field="company_currency_id"
    )
    auto_discount_limit_manager = fields.Monetary(
        related="company_id.auto_discount_limit_manager", readonly=False, currency_field="company_currency_id"
    )
    auto_receivable_plan_id = fields.Many2one(related="company_id.auto_receivable_plan_id", readonly=False)
    auto_receivable_reminder_days = fields.Integer(related="company_id.auto_receivable_reminder_days", readonly=False)
    auto_finance_user_id = fields.Many2one(related="company_id.auto_finance_user_id", readonly=False)
    auto_delivery_survey_user_id = fields.Many2one(related="company_id.auto_delivery_survey_user_id", readonly=False)
    auto_delivery_low_score = fields.Integer(related="company_id.auto_delivery_low_score", readonly=False)
    auto_delivery_low_nps = fields.Integer(related="company_id.auto_delivery_low_nps", readonly=False)
