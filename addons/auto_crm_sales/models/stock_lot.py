from odoo import api, fields, models
from odoo.tools import SQL


class StockLot(models.Model):
    _inherit = "stock.lot"

    auto_available_for_sale = fields.Boolean(
        "Available for Sale",
        compute="_compute_auto_available_for_sale",
        search="_search_auto_available_for_sale",
        help="A vehicle in stock, neither reserved by a confirmed order nor a demo car.",
    )

    def _compute_auto_available_for_sale(self):
        available = set(self.search([("id", "in", self.ids), ("auto_available_for_sale", "=", True)]).ids)
        for lot in self:
            lot.auto_available_for_sale = lot.id in available

    @api.model
    def _search_auto_available_for_sale(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        positive = (operator == "=") == value
        self.env["auto.vehicle"].flush_model(["state", "lot_id"])
        self.env["sale.order.line"].flush_model(["auto_lot_id", "auto_lot_reserved"])
        # in stock and not held by a confirmed sales order line (the unique index guards the same rule)
        query = SQL(
            """(
            SELECT vehicle.lot_id
              FROM auto_vehicle vehicle
             WHERE vehicle.lot_id IS NOT NULL
               AND vehicle.state = 'in_stock'
               AND NOT EXISTS (
                   SELECT 1 FROM sale_order_line line
                    WHERE line.auto_lot_id = vehicle.lot_id AND line.auto_lot_reserved
               )
            )"""
        )
        return [("id", "in" if positive else "not in", query)]
