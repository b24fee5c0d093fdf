from odoo import fields, models

from .res_partner import CUSTOMER_TIERS


class AutoCustomerTierHistory(models.Model):
    _name = "auto.customer.tier.history"
    _description = "Customer Tier Change"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, ondelete="cascade")
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    old_tier = fields.Selection(CUSTOMER_TIERS, string="From", readonly=True)
    new_tier = fields.Selection(CUSTOMER_TIERS, string="To", required=True, readonly=True)
    origin = fields.Selection(
        [("automatic", "Nightly Recompute"), ("manual", "Manual Override")], required=True, readonly=True
    )
    reason = fields.Char(readonly=True)
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user, readonly=True)
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
