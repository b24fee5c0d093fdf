from odoo import fields, models


class AutoFollowupPlan(models.Model):
    _inherit = "auto.followup.plan"

    target = fields.Selection(
        selection_add=[("lead", "Lead"), ("receivable", "Receivable")],
        ondelete={"lead": "set default", "receivable": "set default"},
    )
    purpose = fields.Selection(
        selection_add=[("delivery_survey_low_score", "Follow-up of a Low Delivery Score")],
        ondelete={"delivery_survey_low_score": "set null"},
    )
