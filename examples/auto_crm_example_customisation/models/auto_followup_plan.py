from odoo import fields, models


class AutoFollowupPlan(models.Model):
    """A purpose of its own: the plan the hand-off schedules is found by this key, not by an xmlid, so a
    company can point its own plan at it."""

    _inherit = "auto.followup.plan"

    purpose = fields.Selection(
        selection_add=[("delivery_ceremony_photos", "Photos after a Delivery Ceremony")],
        ondelete={"delivery_ceremony_photos": "set null"},
    )
