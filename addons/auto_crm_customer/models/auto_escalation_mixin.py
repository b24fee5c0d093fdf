from odoo import fields, models


class AutoEscalationMixin(models.AbstractModel):
    """Work that escalates to a manager once it is late.

    The engine's follow-ups (late by days, after their plan's delay) and after-sales' tickets (late by hours,
    past their SLA deadline) decide differently *when* a record is late and *who* its manager is; *how* it is
    escalated is this one method: the flag, the manager, the date, and an activity for the manager, in
    batches. Alert rules only report and notify: they never escalate a record a second time.

    A model inheriting it defines ``date_escalated`` (a Date or a Datetime, as its lateness is counted).
    """

    _name = "auto.escalation.mixin"
    _description = "Escalation of Late Work"

    escalated = fields.Boolean(readonly=True, copy=False, tracking=True)
    escalation_user_id = fields.Many2one("res.users", string="Escalated To", readonly=True, copy=False, tracking=True)

    def _auto_escalate(self, managers, when, activity_values):
        """Escalate each record to its manager, once.

        :param managers: ``{record id: res.users}``; a record without a manager is left as it is
        :param when: the value of ``date_escalated``
        :param activity_values: ``function(record) -> dict`` of the manager's activity (summary, deadline...)
        :return: the records escalated
        """
        by_manager = {}
        for record in self:
            manager = managers.get(record.id)
            if manager and not record.escalated:
                by_manager.setdefault(manager, []).append(record.id)
        escalated = self.browse()
        for manager, ids in by_manager.items():
            records = self.browse(ids)
            records.write({"escalated": True, "escalation_user_id": manager.id, "date_escalated": when})
            escalated |= records
        self.env["mail.activity"]._auto_create_batch(
            (record, record.escalation_user_id, activity_values(record)) for record in escalated
        )
        return escalated
