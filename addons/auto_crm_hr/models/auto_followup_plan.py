from odoo import fields, models


class AutoFollowupPlan(models.Model):
    _inherit = "auto.followup.plan"

    purpose = fields.Selection(
        selection_add=[("certificate_expiry", "Certificate Expiry Reminder")],
        ondelete={"certificate_expiry": "set null"},
    )
