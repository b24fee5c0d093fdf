from datetime import timedelta

from odoo import _lt, api, fields, models
from odoo.tools import SQL

from odoo.addons.auto_crm_customer.tools.worklist import WorkItem

from .auto_followup_plan import RETURN_VISIT_PURPOSES
from .auto_service_ticket import OPEN_STATES

# a policy is listed from a month before its end until a week after (the renewal window)
INSURANCE_DAYS_AHEAD = 30
INSURANCE_DAYS_AFTER = 7
# an open ticket is listed from this many hours before its SLA deadline
TICKET_SLA_HOURS_AHEAD = 48


class AutoWorklistRegistry(models.AbstractModel):
    """The workshop's and customer relations' work for today: return visits and maintenance reminders (kinds
    of follow-ups), insurance renewals, and open complaints near or past their SLA."""

    _inherit = "auto.worklist.registry"

    @api.model
    def _worklist_sources(self):
        return {
            **super()._worklist_sources(),
            "insurance": _lt("Insurance Renewals"),
            "tickets": _lt("Complaints near their SLA"),
        }

    @api.model
    def _worklist_reason_templates(self):
        return {
            **super()._worklist_reason_templates(),
            "insurance_end": _lt("insurance ends on %(date)s"),
            "ticket": _lt("%(type)s, severity %(severity)s"),
        }

    @api.model
    def _worklist_followup_kinds(self):
        return {
            **super()._worklist_followup_kinds(),
            **dict.fromkeys(RETURN_VISIT_PURPOSES, "return_visit"),
            "maintenance_reminder": "maintenance",
        }

    @api.model
    def _worklist_teams(self, users):
        teams = super()._worklist_teams(users)
        relations = self.env.ref("auto_crm_aftersales.group_customer_relations")
        for user in users:
            if relations in user.groups_id:
                teams[user.id] = "service"
        return teams

    @api.model
    def _worklist_service_groups(self):
        return super()._worklist_service_groups() | self.env.ref("auto_crm_aftersales.group_customer_relations")

    @api.model
    def _worklist_insurance(self, users, today):
        """Policies ending within the renewal window and not yet renewed (no later policy of the vehicle), for
        the advisor of the vehicle's last service order, else the vehicle's consultant: one query."""
        Policy = self.env["auto.insurance.policy"]
        Policy.flush_model(["vehicle_id", "date_end", "premium", "name"])
        self.env["auto.vehicle"].flush_model(["partner_id", "user_id", "plate_number", "vin"])
        self.env["repair.order"].flush_model(["auto_vehicle_id", "user_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT p.id, p.name, p.date_end, p.premium, v.partner_id, v.plate_number, v.vin,
                       COALESCE(r.user_id, v.user_id) AS user_id, partner.auto_customer_tier
                  FROM auto_insurance_policy p
                  JOIN auto_vehicle v ON v.id = p.vehicle_id
             LEFT JOIN res_partner partner ON partner.id = v.partner_id
             LEFT JOIN LATERAL (
                       SELECT ro.user_id FROM repair_order ro
                        WHERE ro.auto_vehicle_id = p.vehicle_id AND ro.user_id IS NOT NULL
                     ORDER BY ro.id DESC LIMIT 1
                       ) r ON TRUE
                 WHERE p.date_end BETWEEN %s AND %s
                   AND NOT EXISTS (
                       SELECT 1 FROM auto_insurance_policy later
                        WHERE later.vehicle_id = p.vehicle_id AND later.date_end > p.date_end)
                   AND COALESCE(r.user_id, v.user_id) IN %s
                """,
                today - timedelta(days=INSURANCE_DAYS_AFTER),
                today + timedelta(days=INSURANCE_DAYS_AHEAD),
                tuple(users.ids) or (0,),
            )
        )
        items = []
        for policy_id, name, date_end, premium, partner_id, plate, vin, user_id, tier in self.env.cr.fetchall():
            items.append(
                WorkItem(
                    kind="insurance",
                    user_id=user_id,
                    res_model="auto.insurance.policy",
                    res_id=policy_id,
                    name=" · ".join(filter(None, [plate or vin, name])),
                    subject=("auto.insurance.policy", policy_id),
                    partner_id=partner_id,
                    date_due=date_end,
                    tier=tier,
                    amount=premium or 0.0,
                    reasons=[("insurance_end", {"date": fields.Date.to_string(date_end)})],
                )
            )
        return items

    @api.model
    def _worklist_tickets(self, users, today):
        """Open tickets of the users whose SLA deadline is past or within the next hours: one query."""
        now = fields.Datetime.now()
        tickets = (
            self.env["auto.service.ticket"]
            .sudo()
            .search_fetch(
                [
                    ("user_id", "in", users.ids),
                    ("state", "in", OPEN_STATES),
                    ("date_deadline", "<=", now + timedelta(hours=TICKET_SLA_HOURS_AHEAD)),
                ],
                ["name", "subject", "ticket_type", "severity", "user_id", "partner_id", "date_deadline"],
            )
        )
        types = dict(tickets._fields["ticket_type"]._description_selection(self.env))
        severities = dict(tickets._fields["severity"]._description_selection(self.env))
        items = []
        for ticket in tickets:
            hours_left = (ticket.date_deadline - now).total_seconds() / 3600
            items.append(
                WorkItem(
                    kind="complaint",
                    user_id=ticket.user_id.id,
                    res_model="auto.service.ticket",
                    res_id=ticket.id,
                    name=f"{ticket.name} {ticket.subject}",
                    subject=("auto.service.ticket", ticket.id),
                    partner_id=ticket.partner_id.id,
                    date_due=fields.Date.context_today(ticket, ticket.date_deadline),
                    sla_hours_left=hours_left,
                    reasons=[
                        (
                            "ticket",
                            {
                                "type": types.get(ticket.ticket_type, ""),
                                "severity": severities.get(ticket.severity, ""),
                            },
                        )
                    ],
                )
            )
        return items
