from odoo import _, fields, models
from odoo.exceptions import UserError


class AutoMktTargetList(models.Model):
    _inherit = "auto.mkt.target.list"

    event_id = fields.Many2one(
        "event.event",
        string="Invite to Event",
        help="A club event the customers of the list are invited to: Invite registers them all at once.",
    )
    registration_count = fields.Integer("Registrations", compute="_compute_registration_count")

    def _compute_registration_count(self):
        counts = dict(
            self.env["event.registration"]._read_group(
                [("event_id", "in", self.event_id.ids), ("state", "!=", "cancel")], ["event_id"], ["__count"]
            )
        )
        for target in self:
            target.registration_count = counts.get(target.event_id, 0)

    def action_invite_to_event(self):
        """Register every customer of the list to its event (those already registered are left as they are)."""
        for target in self:
            if not target.event_id or not target.partner_ids:
                raise UserError(
                    _("Choose the event and build the list of %(name)s (with customers) first.", name=target.name)
                )
            registered = set(
                self.env["event.registration"]
                .search([("event_id", "=", target.event_id.id), ("partner_id", "in", target.partner_ids.ids)])
                .partner_id.ids
            )
            campaign = target.event_id.auto_campaign_id or target.campaign_id
            new = self.env["event.registration"].create(
                [
                    {
                        "event_id": target.event_id.id,
                        "partner_id": partner.id,
                        "name": partner.name,
                        "email": partner.email,
                        "phone": partner.mobile or partner.phone,
                        "utm_campaign_id": campaign.id or False,
                    }
                    for partner in target.partner_ids
                    if partner.id not in registered
                ]
            )
            target.message_post(
                body=_("%(count)s customers invited to %(event)s.", count=len(new), event=target.event_id.display_name)
            )
        return self.action_view_registrations() if len(self) == 1 else True

    def action_view_registrations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Registrations"),
            "res_model": "event.registration",
            "view_mode": "list,form",
            "domain": [("event_id", "=", self.event_id.id)],
            "context": {"default_event_id": self.event_id.id},
        }
