from odoo import fields, models


class AutoFollowupPlan(models.Model):
    _inherit = "auto.followup.plan"

    target = fields.Selection(
        selection_add=[("lead", "Lead"), ("receivable", "Receivable")],
        ondelete={"lead": "set default", "receivable": "set default"},
    )
