from odoo import fields, models


class AutoFollowupPlanStep(models.Model):
    _inherit = "auto.followup.plan.step"

    responsible = fields.Selection(
        selection_add=[("finance", "Finance")],
        ondelete={"finance": "set default"},
    )
