from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _update_reserved_quantity(self, need, location_id, lot_id=None, package_id=None, owner_id=None, strict=True):
        """A move of a contract's vehicle line reserves the VIN chosen on the line, never another one."""
        forced_lot = self.sale_line_id.auto_lot_id
        if forced_lot:
            if lot_id and lot_id != forced_lot:
                return 0
            lot_id = forced_lot
        return super()._update_reserved_quantity(
            need, location_id, lot_id=lot_id, package_id=package_id, owner_id=owner_id, strict=strict
        )
