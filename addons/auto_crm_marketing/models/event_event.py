from odoo import fields, models


class EventEvent(models.Model):
    """A customer club event (客户俱乐部/车友会活动) is an event of Odoo's event app run as a campaign."""

    _inherit = "event.event"

    auto_campaign_id = fields.Many2one(
        "utm.campaign",
        string="Campaign",
        index="btree_not_null",
        help="The marketing campaign (e.g. a customer club event) the event belongs to: its registrations and the "
        "leads opened from them are attributed to it.",
    )
