from odoo import _, models
from odoo.exceptions import UserError


class StockQuant(models.Model):
    _inherit = "stock.quant"

    def _apply_inventory(self):
        vehicles = self.filtered(lambda quant: quant.product_id.auto_product_kind == "vehicle")
        if vehicles and not self.env.su and not self.env.user.has_group("auto_crm_inventory.group_inventory_manager"):
            raise UserError(
                _(
                    "Vehicle stock is adjusted through a stock count approved by an inventory manager: "
                    "record the count under Dealership > Inventory > Stock Counts and submit it for approval "
                    "(vehicles: %(vins)s).",
                    vins=", ".join(vehicles.lot_id.mapped("name")) or "-",
                )
            )
        return super()._apply_inventory()
