from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    auto_product_kind = fields.Selection(
        selection_add=[("fee", "Fee"), ("trade_in", "Trade-in Credit")],
        ondelete={"fee": "set null", "trade_in": "set null"},
    )
