from odoo import _, fields, models


class AutoAlertRule(models.Model):
    _inherit = "auto.alert.rule"

    indicator = fields.Selection(
        selection_add=[("ticket_sla_breach", "Ticket past its deadline for more than N hours")],
        ondelete={"ticket_sla_breach": "cascade"},
    )

    def _alert_subjects_ticket_sla_breach(self):
        now = fields.Datetime.now()
        limit = fields.Datetime.subtract(now, hours=int(self.threshold))
        tickets = self.env["auto.service.ticket"].search_fetch(
            [
                ("state", "not in", ("resolved", "closed", "cancelled")),
                ("date_deadline", "<", limit),
                ("company_id", "=", self.company_id.id),
            ],
            ["name", "date_deadline", "partner_id", "user_id"],
        )
        subjects = []
        for ticket in tickets:
            subjects.append(
                {
                    "res_model": "auto.service.ticket",
                    "res_id": ticket.id,
                    "subject_name": f"{ticket.name} - {ticket.partner_id.display_name or ''}".strip(" -"),
                    "value": round((now - ticket.date_deadline).total_seconds() / 3600.0, 1),
                    "message": _(
                        "%(user)s has not resolved this ticket, due on %(date)s.",
                        user=ticket.user_id.name or _("Nobody"),
                        date=ticket.date_deadline,
                    ),
                }
            )
        return subjects
