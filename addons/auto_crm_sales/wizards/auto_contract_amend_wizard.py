from odoo import fields, models


class AutoContractAmendWizard(models.TransientModel):
    """Start an amendment of a signed contract: the reason is kept with the new version."""

    _name = "auto.contract.amend.wizard"
    _description = "Amend a Sales Contract"

    order_id = fields.Many2one("sale.order", string="Contract", required=True)
    reason = fields.Text(required=True)

    def action_amend(self):
        self.ensure_one()
        self.order_id._auto_start_amendment(self.reason)
        return {"type": "ir.actions.act_window_close"}
