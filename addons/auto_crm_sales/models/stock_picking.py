from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        result = super()._action_done()
        # sudo: the contract follows its delivery, whoever validates it (a warehouse user cannot read or
        # write sale orders); only the contract's progress is written
        orders = self.sudo().sale_id.filtered(lambda o: o.contract_state not in ("draft", "cancelled"))
        if orders:
            orders._auto_update_contract_progress()
        return result
