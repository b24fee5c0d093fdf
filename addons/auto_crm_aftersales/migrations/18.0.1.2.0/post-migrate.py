"""18.0.1.2.0: a ticket's history is its chatter (tracking and notes), no longer a handling log of its own.

The lines of the former log (auto_service_ticket_log, dropped by Odoo once the upgrade ends) become notes in
their ticket's chatter, with their author and date, so that no handling history is lost.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import plaintext2html


def migrate(cr, version):
    if not version:
        return
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
