from odoo import api, fields, models

BATCH_SIZE = 5000


class AutoEscalationMixin(models.AbstractModel):
    """Work that escalates to a manager once it is late: one mechanism for every kind of late work.

    :meth:`_auto_escalate_late_work` is the whole run (the crons call it): find the records late and not yet
    escalated, keep those late beyond their delay, escalate each to its manager (the flag, the manager, the
    date and an activity for the manager, in batches), then let the model record it. A model says only what
    differs: which records are late (:meth:`_auto_late_domain`: follow-ups by days past their date, tickets by
    hours past their SLA deadline), who is the manager of each once its delay has passed
    (:meth:`_auto_escalation_managers`), and the manager's activity (:meth:`_auto_escalation_activity`). Alert
    rules only report and notify: they never escalate a record a second time.

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

    @api.model
    def _auto_escalate_late_work(self, limit=BATCH_SIZE):
        """Escalate the records late beyond their delay (a batch of ``limit``); return those escalated."""
        now = fields.Datetime.now()
        candidates = self.search([*self._auto_late_domain(now), ("escalated", "=", False)], limit=limit)
        managers = candidates._auto_escalation_managers(now)
        when = now if self._fields["date_escalated"].type == "datetime" else fields.Date.context_today(self, now)
        activity = candidates._auto_escalation_activity()
        escalated = candidates._auto_escalate(managers, when, activity)
        escalated._auto_after_escalation()
        return escalated

    @api.model
    def _auto_late_domain(self, now):
        """The records late at ``now`` (still to do, past their date or deadline)."""
        raise NotImplementedError(f"{self._name} must say which of its records are late")

    def _auto_escalation_managers(self, now):
        """``{record id: res.users}``: the manager of each record late beyond its delay (none: not yet)."""
        raise NotImplementedError(f"{self._name} must say to whom its late records escalate")

    def _auto_escalation_activity(self):
        """``function(record) -> dict``: the manager's activity of an escalated record (summary, deadline...)."""
        today = fields.Date.context_today(self)
        return lambda record: {"summary": record.display_name, "date_deadline": today}

    def _auto_after_escalation(self):
        """What the model records once these records are escalated (a note in their chatter...)."""
