from odoo import fields, models


class AutoWorklistItem(models.Model):
    _inherit = "auto.worklist.item"

    kind = fields.Selection(
        selection_add=[
            ("return_visit", "Return Visit"),
            ("maintenance", "Maintenance Due"),
            ("insurance", "Insurance Renewal"),
            ("complaint", "Complaint"),
        ],
        ondelete={"return_visit": "cascade", "maintenance": "cascade", "insurance": "cascade", "complaint": "cascade"},
    )
