from odoo import _, fields, models


class UtmCampaign(models.Model):
    _inherit = "utm.campaign"

    auto_event_ids = fields.One2many("event.event", "auto_campaign_id", string="Club Events")
    auto_event_count = fields.Integer("Events", compute="_compute_auto_event_count")

    def _compute_auto_event_count(self):
        counts = dict(
            self.env["event.event"]._read_group(
                [("auto_campaign_id", "in", self.ids)], ["auto_campaign_id"], ["__count"]
            )
        )
        for campaign in self:
            campaign.auto_event_count = counts.get(campaign, 0)

    def action_auto_view_events(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Club Events"),
            "res_model": "event.event",
            "view_mode": "list,form",
            "domain": [("auto_campaign_id", "=", self.id)],
            "context": {"default_auto_campaign_id": self.id, "default_name": self.title},
        }
