from odoo import models

from .sale_order import DRAFT_OR_CANCELLED_STATES


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def reconcile(self):
        result = super().reconcile()
        # sudo: the contract follows its payments, whoever reconciles them (an accountant may not write sale
        # orders); only the contract's progress is written
        orders = self.sudo().move_id.line_ids.sale_line_ids.order_id.filtered(
            lambda o: o.auto_contract_state not in DRAFT_OR_CANCELLED_STATES
        )
        if orders:
            orders._auto_update_contract_progress()
        return result
