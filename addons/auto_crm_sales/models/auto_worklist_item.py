from odoo import fields, models


class AutoWorklistItem(models.Model):
    _inherit = "auto.worklist.item"

    kind = fields.Selection(
        selection_add=[("lead", "Lead"), ("receivable", "Receivable")],
        ondelete={"lead": "cascade", "receivable": "cascade"},
    )
