from odoo import fields, models


class AutoFollowupPlan(models.Model):
    _inherit = "auto.followup.plan"

    purpose = fields.Selection(
        selection_add=[("campaign_call", "Campaign Invitation")],
        ondelete={"campaign_call": "set null"},
    )
