from odoo import _, fields, models
from odoo.tools import html2plaintext

from ..tools import upgrade


class RepairOrder(models.Model):
    """A car with an open upgrade opportunity comes in for service: the advisor sees it on the service order
    and the owner's consultant is told, to bring the customer back to the showroom (把换购和增购的客户送回展厅)."""

    _inherit = "repair.order"

    auto_upgrade_notice = fields.Char(
        "Upgrade Opportunity",
        compute="_compute_auto_upgrade_notice",
        help="The owner's car has an open upgrade opportunity: walk the customer to the showroom.",
    )

    def _compute_auto_upgrade_notice(self):
        # the advisor reads the notice, not the lead: the leads are the sales department's
        open_leads = self.auto_vehicle_id.sudo()._upgrade_open_lead() if self.auto_vehicle_id else {}
        for repair in self:
            lead = open_leads.get(repair.auto_vehicle_id.id)
            repair.auto_upgrade_notice = (
                _(
                    "Upgrade opportunity: %(reason)s. Trade-in estimate %(estimate)s. Consultant: %(consultant)s. "
                    "Bring the customer back to the showroom.",
                    reason=lead.auto_upgrade_reason,
                    estimate=(lead.company_currency.symbol or "") + upgrade.thousands(lead.auto_upgrade_estimate),
                    consultant=lead.user_id.name or _("none"),
                )
                if lead
                else False
            )

    def _after_reception(self):
        result = super()._after_reception()
        open_leads = self.auto_vehicle_id.sudo()._upgrade_open_lead() if self.auto_vehicle_id else {}
        for repair in self:
            lead = open_leads.get(repair.auto_vehicle_id.id)
            if not lead:
                continue
            # the consultant reads the to-do in their own language
            notice = repair.with_context(lang=lead.user_id.lang or self.env.lang)._auto_upgrade_reception_note()
            repair.message_post(body=repair.auto_upgrade_notice, message_type="comment", subtype_xmlid="mail.mt_note")
            # the consultant works the lead: a to-do on it (the advisor may not read leads)
            lead.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(self),
                summary=notice["summary"],
                note=notice["note"],
                user_id=lead.user_id.id or self.env.user.id,
            )
            lead.message_post(body=html2plaintext(notice["note"]), subtype_xmlid="mail.mt_note")
        return result

    def _auto_upgrade_reception_note(self):
        self.ensure_one()
        return {
            "summary": _("Owner in the workshop: upgrade opportunity"),
            "note": _(
                "The owner's car %(vehicle)s is in the workshop (service order %(repair)s, advisor %(advisor)s): "
                "bring the customer back to the showroom for the upgrade opportunity.",
                vehicle=self.auto_vehicle_id.display_name,
                repair=self.name,
                advisor=self.user_id.name or "-",
            ),
        }
