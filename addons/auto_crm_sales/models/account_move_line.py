from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def reconcile(self):
        result = super().reconcile()
        orders = self.move_id.line_ids.sale_line_ids.order_id.filtered(
            lambda o: o.contract_state not in ("draft", "cancelled")
        )
        if orders:
            orders._auto_update_contract_progress()
        return result
