"""18.0.1.2.0: ``noupdate`` data an upgrade does not bring up to date by itself.

- The maintenance reminder plan is found by its purpose (the hand-off schedules the first service with it):
  give the shipped plan its ``purpose``, unless the dealership already pointed another plan of theirs at it.
- Customer relations see the delivery return visits as they see the other return visits: the shipped
  record rule gets its new domain, unless the dealership changed it.

A ticket's history is its chatter (tracking and notes), no longer a handling log of its own.

The lines of the former log (auto_service_ticket_log, dropped by Odoo once the upgrade ends) become notes in
their ticket's chatter, with their author and date, so that no handling history is lost.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import plaintext2html

RULE_DOMAIN_BEFORE = (
    "['|', '|', '|', ('user_id', '=', user.id), ('repair_id', '!=', False), ('ticket_id', '!=', False), "
    "('escalation_user_id', '=', user.id)]"
)
RULE_DOMAIN_AFTER = (
    "['|', '|', '|', '|', ('user_id', '=', user.id), ('repair_id', '!=', False), ('ticket_id', '!=', False), "
    "('plan_id.purpose', '=', 'delivery_return_visit'), ('escalation_user_id', '=', user.id)]"
)


def _shipped_plan_and_rule(cr):
    cr.execute(
        """
        UPDATE auto_followup_plan plan
           SET purpose = 'maintenance_reminder'
          FROM ir_model_data data
         WHERE data.module = 'auto_crm_aftersales'
           AND data.name = 'auto_followup_plan_maintenance_reminder'
           AND data.model = 'auto.followup.plan'
           AND plan.id = data.res_id
           AND plan.purpose IS NULL
           AND NOT EXISTS (
               SELECT 1 FROM auto_followup_plan other
                WHERE other.purpose = 'maintenance_reminder' AND other.active
                  AND other.company_id IS NOT DISTINCT FROM plan.company_id
           )
        """
    )
    cr.execute(
        """
        UPDATE ir_rule rule
           SET domain_force = %(after)s
          FROM ir_model_data data
         WHERE data.module = 'auto_crm_aftersales'
           AND data.name = 'auto_followup_rule_customer_relations'
           AND data.model = 'ir.rule'
           AND rule.id = data.res_id
           AND rule.domain_force = %(before)s
        """,
        {"before": RULE_DOMAIN_BEFORE, "after": RULE_DOMAIN_AFTER},
    )


def _ticket_log_to_chatter(cr):
    cr.execute("SELECT to_regclass('auto_service_ticket_log') IS NOT NULL")
    if not cr.fetchone()[0]:
        return
    cr.execute(
        """
        SELECT log.ticket_id, log.date, log.action, log.note, partner.id
          FROM auto_service_ticket_log log
          LEFT JOIN res_users users ON users.id = log.user_id
          LEFT JOIN res_partner partner ON partner.id = users.partner_id
         ORDER BY log.ticket_id, log.date, log.id
        """
    )
    rows = cr.fetchall()
    if not rows:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    note = env.ref("mail.mt_note")
    env["mail.message"].create(
        [
            {
                "model": "auto.service.ticket",
                "res_id": ticket_id,
                "date": date,
                "author_id": author_id,
                "message_type": "notification",
                "subtype_id": note.id,
                "body": plaintext2html(f"[{action}] {text}"),
            }
            for ticket_id, date, action, text, author_id in rows
        ]
    )


def migrate(cr, version):
    if not version:
        return
    _shipped_plan_and_rule(cr)
    _ticket_log_to_chatter(cr)
