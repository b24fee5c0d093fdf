from odoo import _, models
from odoo.exceptions import UserError


class AutoAlert(models.Model):
    _inherit = "auto.alert"

    def action_auto_replenish(self):
        """Propose the replenishment of a part below its minimum: a request for quotation from its reorder rule."""
        alerts = self.filtered(lambda alert: alert.res_model == "stock.warehouse.orderpoint")
        if not alerts:
            raise UserError(_("Only the alerts of parts below their minimum can be replenished."))
        orderpoints = self.env["stock.warehouse.orderpoint"].browse(alerts.mapped("res_id")).exists()
        products = orderpoints.product_id
        # Odoo drops the manual orderpoints it created itself once ordered: read what we need first
        orderpoints.action_replenish()
        return {
            "type": "ir.actions.act_window",
            "name": _("Requests for Quotation"),
            "res_model": "purchase.order",
            "view_mode": "list,form",
            "domain": [("order_line.product_id", "in", products.ids), ("state", "=", "draft")],
        }
