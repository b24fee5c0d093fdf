from odoo import models


class RepairOrder(models.Model):
    """Service orders carry the campaign, source and medium that brought the car in (a service campaign,
    a recall, a club event), as Odoo's leads and quotations do."""

    _name = "repair.order"
    _inherit = ["repair.order", "utm.mixin"]
