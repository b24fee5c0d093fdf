from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    auto_mkt_currency_id = fields.Many2one(related="company_id.currency_id", string="Marketing Currency")
    auto_mkt_approval_threshold = fields.Monetary(
        related="company_id.auto_mkt_approval_threshold", readonly=False, currency_field="auto_mkt_currency_id"
    )
    auto_mkt_churn_days = fields.Integer(related="company_id.auto_mkt_churn_days", readonly=False)
    auto_upgrade_age_years = fields.Integer(related="company_id.auto_upgrade_age_years", readonly=False)
    auto_upgrade_mileage_km = fields.Integer(related="company_id.auto_upgrade_mileage_km", readonly=False)
    auto_upgrade_warranty_days = fields.Integer(related="company_id.auto_upgrade_warranty_days", readonly=False)
    auto_upgrade_loan_days = fields.Integer(related="company_id.auto_upgrade_loan_days", readonly=False)
    auto_upgrade_repair_cost = fields.Monetary(
        related="company_id.auto_upgrade_repair_cost", readonly=False, currency_field="auto_mkt_currency_id"
    )
    auto_upgrade_tag_id = fields.Many2one(related="company_id.auto_upgrade_tag_id", readonly=False)
