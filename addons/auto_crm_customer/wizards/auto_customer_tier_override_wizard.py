from odoo import fields, models

from ..models.res_partner import CUSTOMER_TIERS


class AutoCustomerTierOverrideWizard(models.TransientModel):
    _name = "auto.customer.tier.override.wizard"
    _description = "Override Customer Tier"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    tier = fields.Selection(
        CUSTOMER_TIERS, string="New Tier", help="Leave empty to go back to the tier computed every night."
    )
    reason = fields.Char(help="Why this customer is in another tier than the computed one (required).")

    def action_apply(self):
        self.ensure_one()
        self.partner_ids._set_tier_override(self.tier, self.reason)
        return {"type": "ir.actions.act_window_close"}
