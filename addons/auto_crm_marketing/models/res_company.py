from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    auto_mkt_approval_threshold = fields.Monetary(
        "Campaign Budget Needing the General Manager",
        currency_field="currency_id",
        default=50000.0,
        help="A campaign whose planned budget is above this amount is approved by the general manager; "
        "the marketing manager approves the others.",
    )
    auto_mkt_churn_days = fields.Integer(
        "Churned After (days)",
        default=365,
        help="A customer with no visit, purchase or service for this many days counts as churned.",
    )
