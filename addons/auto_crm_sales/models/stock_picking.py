from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        result = super()._action_done()
        orders = self.sale_id.filtered(lambda o: o.contract_state not in ("draft", "cancelled"))
        if orders:
            orders._auto_update_contract_progress()
        return result
