from odoo import fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"

    auto_area = fields.Selection(
        [("warehouse", "Warehouse"), ("showroom", "Showroom"), ("yard", "Yard")],
        string="Dealership Area",
        help="Where vehicles stored here stand, for the stock lists and reports.",
    )
