from odoo import fields, models

LOG_ACTIONS = [
    ("open", "Opened"),
    ("assign", "Assigned"),
    ("note", "Handling Note"),
    ("escalate", "Escalated"),
    ("dispatch", "Dispatched"),
    ("arrive", "Arrived"),
    ("resolve", "Resolved"),
    ("close", "Closed"),
    ("reopen", "Reopened"),
]


class AutoServiceTicketLog(models.Model):
    """One line of a ticket's handling log: who did what, when."""

    _name = "auto.service.ticket.log"
    _description = "Ticket Handling Log"
    _order = "date desc, id desc"

    ticket_id = fields.Many2one("auto.service.ticket", required=True, ondelete="cascade", index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="By", required=True, default=lambda self: self.env.user)
    action = fields.Selection(LOG_ACTIONS, required=True, default="note")
    note = fields.Text(required=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
