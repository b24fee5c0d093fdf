from odoo import _, models
from odoo.exceptions import UserError

from .sale_order import DRAFT_OR_CANCELLED_STATES


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        self._auto_check_delivery_checklist()
        result = super()._action_done()
        # sudo: the contract follows its delivery, whoever validates it (a warehouse user cannot read or
        # write sale orders); only the contract's progress is written
        orders = self.sudo().sale_id.filtered(lambda o: o.auto_contract_state not in DRAFT_OR_CANCELLED_STATES)
        if orders:
            orders._auto_update_contract_progress()
        return result

    def _auto_check_delivery_checklist(self):
        """A contract's vehicle leaves with its owner only once the delivery checklist (交车检查单) is complete."""
        # sudo: the warehouse validates the delivery; the checklist is the contract's, filled by sales
        deliveries = self.sudo().filtered(
            lambda picking: (
                picking.location_dest_id.usage == "customer"
                and picking.sale_id.auto_is_vehicle_sale
                and any(move.sale_line_id.auto_line_kind == "vehicle" for move in picking.move_ids)
            )
        )
        for picking in deliveries:
            missing = picking.sale_id._auto_delivery_checklist_missing()
            if missing:
                raise UserError(
                    _(
                        "The vehicle of %(order)s cannot be delivered yet: its delivery checklist lacks %(missing)s. "
                        "Complete it on the contract's Delivery tab, then validate %(picking)s again.",
                        order=picking.sale_id.name,
                        missing=", ".join(missing),
                        picking=picking.name,
                    )
                )
