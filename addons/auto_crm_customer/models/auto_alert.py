from odoo import _, api, fields, models
from odoo.exceptions import UserError

ALERT_STATES = [("new", "New"), ("acknowledged", "Acknowledged"), ("resolved", "Resolved")]


class AutoAlert(models.Model):
    """One alert: a rule's condition met by one subject (a vehicle, a part, a follow-up...)."""

    _name = "auto.alert"
    _description = "Alert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_detected desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    rule_id = fields.Many2one("auto.alert.rule", required=True, index=True, ondelete="cascade")
    indicator = fields.Selection(related="rule_id.indicator", store=True)
    severity = fields.Selection(related="rule_id.severity", store=True)
    res_model = fields.Char("Subject Model", required=True, index=True)
    res_id = fields.Many2oneReference("Subject Record", model_field="res_model", required=True, index=True)
    subject_name = fields.Char("Subject")
    value = fields.Float(aggregator="avg")
    message = fields.Text()
    state = fields.Selection(ALERT_STATES, default="new", required=True, index=True, tracking=True)
    date_detected = fields.Datetime("Detected On", default=fields.Datetime.now, required=True, readonly=True)
    date_acknowledged = fields.Datetime("Acknowledged On", readonly=True)
    acknowledged_by_id = fields.Many2one("res.users", readonly=True)
    date_resolved = fields.Datetime("Resolved On", readonly=True)
    resolved_by_id = fields.Many2one("res.users", readonly=True)
    resolution_note = fields.Text(tracking=True)
    auto_resolved = fields.Boolean("Resolved Automatically", readonly=True)
    hours_to_resolve = fields.Float(
        compute="_compute_hours_to_resolve", store=True, aggregator="avg", string="Hours to Resolve"
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    def init(self):
        # one open alert per rule and subject, whatever runs at the same time
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS auto_alert_open_subject_uniq
            ON auto_alert (rule_id, res_model, res_id) WHERE state != 'resolved'
        """)

    @api.depends("rule_id.name", "subject_name")
    def _compute_name(self):
        for alert in self:
            alert.name = " - ".join(filter(None, [alert.rule_id.name, alert.subject_name]))

    @api.depends("date_detected", "date_resolved")
    def _compute_hours_to_resolve(self):
        for alert in self:
            if alert.date_resolved and alert.date_detected:
                alert.hours_to_resolve = (alert.date_resolved - alert.date_detected).total_seconds() / 3600.0
            else:
                alert.hours_to_resolve = 0.0

    def action_acknowledge(self):
        to_ack = self.filtered(lambda a: a.state == "new")
        to_ack.write(
            {"state": "acknowledged", "date_acknowledged": fields.Datetime.now(), "acknowledged_by_id": self.env.uid}
        )

    def action_resolve(self):
        if any(a.state == "resolved" for a in self):
            raise UserError(_("This alert is already resolved."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Resolve Alert"),
            "res_model": "auto.alert.resolve.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_alert_ids": self.ids},
        }

    def action_open_subject(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    def _resolve(self, note):
        if not (note or "").strip():
            raise UserError(_("Say how the alert was resolved."))
        self._close(note, automatic=False)

    def _auto_resolve(self):
        self._close(_("The condition no longer holds."), automatic=True)

    def _close(self, note, automatic):
        if not self:
            return
        self.activity_ids.unlink()
        self.with_context(tracking_disable=automatic).write(
            {
                "state": "resolved",
                "date_resolved": fields.Datetime.now(),
                "resolved_by_id": self.env.uid,
                "resolution_note": note,
                "auto_resolved": automatic,
            }
        )
