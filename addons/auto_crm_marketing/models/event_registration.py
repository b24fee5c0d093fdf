from odoo import _, api, fields, models
from odoo.exceptions import UserError


class EventRegistration(models.Model):
    _inherit = "event.registration"

    auto_customer_user_id = fields.Many2one(
        related="partner_id.user_id", string="Consultant", help="The customer's own sales consultant."
    )

    @api.model_create_multi
    def create(self, vals_list):
        registrations = super().create(vals_list)
        registrations.filtered(lambda r: r.state == "done")._auto_register_visit()
        return registrations

    def write(self, vals):
        attending = self.filtered(lambda r: r.state != "done") if vals.get("state") == "done" else None
        res = super().write(vals)
        if attending:
            attending._auto_register_visit()
        return res

    def action_auto_open_lead(self):
        """Open a lead for the customer's consultant from the registration; the open lead of the customer for the
        event's campaign (or from this registration) is reused instead of opening a second one."""
        leads = self._auto_open_leads()
        if len(leads) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "crm.lead",
                "res_id": leads.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        return {
            "type": "ir.actions.act_window",
            "name": _("Leads"),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "domain": [("id", "in", leads.ids)],
        }

    def _auto_open_leads(self):
        missing = self.filtered(lambda r: not r.partner_id)
        if missing:
            raise UserError(
                _("%(name)s is not linked to a customer: set the customer first.", name=missing[0].display_name)
            )
        Lead = self.env["crm.lead"]
        campaigns = self.event_id.auto_campaign_id | self.utm_campaign_id
        domain = [("partner_id", "in", self.partner_id.ids), ("active", "=", True), ("stage_id.is_won", "=", False)]
        open_leads = Lead.search(
            domain + ["|", ("campaign_id", "in", campaigns.ids), ("registration_ids", "in", self.ids)]
        )
        found = {}
        for lead in open_leads:
            found.setdefault((lead.partner_id.id, lead.campaign_id.id), lead)
            for registration in lead.registration_ids & self:
                found.setdefault(("registration", registration.id), lead)
        result, pending = Lead.browse(), {}
        for registration in self:
            campaign = registration.event_id.auto_campaign_id or registration.utm_campaign_id
            key = (registration.partner_id.id, campaign.id)
            lead = found.get(("registration", registration.id)) or found.get(key)
            if lead:
                result |= lead
            elif key in pending:
                # one lead per customer and campaign, even if the customer registered twice
                pending[key]["registration_ids"].append(fields.Command.link(registration.id))
            else:
                pending[key] = {
                    "name": _(
                        "%(event)s: %(customer)s",
                        event=registration.event_id.name,
                        customer=registration.partner_id.name,
                    ),
                    "partner_id": registration.partner_id.id,
                    "user_id": registration.partner_id.user_id.id or False,
                    "campaign_id": campaign.id or False,
                    "source_id": registration.utm_source_id.id or False,
                    "medium_id": registration.utm_medium_id.id or False,
                    "event_id": registration.event_id.id,
                    "registration_ids": [fields.Command.link(registration.id)],
                    "type": "opportunity",
                }
        return result | Lead.create(list(pending.values()))

    def _auto_register_visit(self):
        """Attending a club event is a visit of the customer (the customer's last visit, which churn reads)."""
        today = fields.Date.context_today(self)
        by_day = {}
        for registration in self.filtered("partner_id"):
            begin = registration.event_id.date_begin
            day = min(fields.Date.context_today(self, begin), today) if begin else today
            partner = registration.partner_id
            if not partner.auto_last_visit_date or partner.auto_last_visit_date < day:
                by_day.setdefault(day, self.env["res.partner"])
                by_day[day] |= partner
        for day, partners in by_day.items():
            # sudo: whoever marks the attendance at the desk records the customer's visit
            partners.sudo().write({"auto_last_visit_date": day})
