from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

# how severe an alert is; after-sales tickets are ranked on the same scale
ALERT_SEVERITIES = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")]


class AutoAlertRule(models.Model):
    """A condition watched every night: "stock age over 90 days", "part below minimum"...

    One mechanism for every addon: each adds its indicators to ``indicator`` and
    implements ``_alert_subjects_<indicator>()``, which returns the subjects that
    meet the condition now. The engine keeps one open alert per rule and subject,
    pushes new alerts to the recipients and resolves those whose condition is gone.
    """

    _name = "auto.alert.rule"
    _description = "Alert Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    indicator = fields.Selection(
        [("followup_overdue", "Follow-up overdue for more than N days")],
        required=True,
        tracking=True,
    )
    threshold = fields.Float(tracking=True, help="The level the indicator is compared with (days, quantity...).")
    comparison = fields.Selection(
        [("above", "Above"), ("below", "Below")],
        default="above",
        required=True,
        help="Alert when the indicator is above (or below) the threshold, for indicators that can go both ways.",
    )
    severity = fields.Selection(ALERT_SEVERITIES, default="medium", required=True, tracking=True)
    user_ids = fields.Many2many("res.users", string="Recipients", domain=[("share", "=", False)])
    group_ids = fields.Many2many("res.groups", string="Recipient Groups")
    activity_per_alert = fields.Boolean(
        default=True,
        help="Give each recipient an activity per new alert. Leave unticked for rules that raise many alerts "
        "at once: the recipients then get only the digest message of each evaluation.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    alert_ids = fields.One2many("auto.alert", "rule_id", string="Alerts")
    open_alert_count = fields.Integer(compute="_compute_open_alert_count", string="Open Alerts")
    last_run = fields.Datetime("Last Evaluation", readonly=True)
    note = fields.Text()

    def _compute_open_alert_count(self):
        counts = dict(
            self.env["auto.alert"]._read_group(
                [("rule_id", "in", self.ids), ("state", "!=", "resolved")], ["rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.open_alert_count = counts.get(rule, 0)

    @api.constrains("threshold")
    def _check_threshold(self):
        for rule in self:
            if rule.threshold < 0:
                raise ValidationError(
                    _(
                        "The threshold of the alert rule %(rule)s cannot be negative (%(value)s).",
                        rule=rule.name,
                        value=rule.threshold,
                    )
                )

    def action_evaluate(self):
        created, resolved = self._evaluate()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Alert rules evaluated"),
                "message": _("%(new)s new alert(s), %(resolved)s resolved.", new=len(created), resolved=len(resolved)),
                "type": "info",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_view_alerts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("auto_crm_customer.auto_alert_action")
        action["domain"] = [("rule_id", "=", self.id)]
        action["context"] = {"search_default_filter_open": 1}
        return action

    @api.model
    def _cron_evaluate_alerts(self):
        rules = self.search([])
        done = 0
        for rule in rules:
            rule._evaluate()
            done += 1
            self.env["ir.cron"]._notify_progress(done=done, remaining=len(rules) - done)

    def _evaluate(self):
        """Evaluate the rules: create the new alerts, update and resolve the open ones.

        :return: (created alerts, resolved alerts)
        """
        Alert = self.env["auto.alert"]
        created, resolved = Alert.browse(), Alert.browse()
        for rule in self:
            subjects = rule.with_company(rule.company_id)._alert_subjects()
            current = {(s["res_model"], s["res_id"]): s for s in subjects}
            # plain tuples: rules like overdue receivables keep thousands of alerts open
            Alert.flush_model(["rule_id", "state", "res_model", "res_id", "value"])
            rows = self.env.execute_query(
                SQL(
                    "SELECT id, res_model, res_id, value FROM auto_alert WHERE rule_id = %s AND state != 'resolved'",
                    rule.id,
                )
            )
            open_keys = {(res_model, res_id): (alert_id, value) for alert_id, res_model, res_id, value in rows}
            gone = Alert.browse([alert_id for key, (alert_id, _v) in open_keys.items() if key not in current])
            gone._auto_resolve()
            resolved |= gone
            changed = [
                (open_keys[key][0], subject)
                for key, subject in current.items()
                if key in open_keys and open_keys[key][1] != subject.get("value", 0.0)
            ]
            rule._update_alert_values(changed)
            new_vals = [
                {
                    "rule_id": rule.id,
                    "res_model": subject["res_model"],
                    "res_id": subject["res_id"],
                    "subject_name": subject.get("subject_name"),
                    "value": subject.get("value", 0.0),
                    "message": subject.get("message"),
                    "company_id": rule.company_id.id,
                }
                for key, subject in current.items()
                if key not in open_keys
            ]
            new_alerts = Alert.with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
            ).create(new_vals)
            rule._push(new_alerts)
            created |= new_alerts
        self.write({"last_run": fields.Datetime.now()})
        return created, resolved

    def _update_alert_values(self, changed):
        """Keep the value of open alerts current, one UPDATE per 100 alerts."""
        if not changed:
            return
        alerts = self.env["auto.alert"].browse([alert_id for alert_id, _subject in changed])
        # value and message are plain stored fields that no computed field depends on: one UPDATE
        # from arrays instead of a write() per distinct value (most alerts have a value of their own)
        fnames = ["value", "message", "write_uid", "write_date"]
        alerts.flush_recordset(fnames)
        self.env.cr.execute(
            SQL(
                """
                UPDATE auto_alert alert
                   SET value = changed.value, message = changed.message, write_uid = %s, write_date = %s
                  FROM unnest(%s::int[], %s::float8[], %s::text[]) AS changed(id, value, message)
                 WHERE alert.id = changed.id
                """,
                self.env.uid,
                self.env.cr.now(),
                alerts.ids,
                [float(subject.get("value") or 0.0) for _alert_id, subject in changed],
                [subject.get("message") or None for _alert_id, subject in changed],
            )
        )
        alerts.invalidate_recordset(fnames)

    def _alert_subjects(self):
        """Subjects meeting the rule's condition now: dicts ``res_model, res_id, subject_name, value, message``."""
        self.ensure_one()
        method = getattr(self, f"_alert_subjects_{self.indicator}", None)
        if not method:
            raise UserError(_("The indicator %(indicator)s has no evaluation.", indicator=self.indicator))
        return method()

    def _recipients(self):
        self.ensure_one()
        return (self.user_ids | self.group_ids.users).filtered(lambda u: not u.share and u.active)

    def _push(self, alerts):
        """Give each new alert an activity per recipient, and post one digest message on the rule."""
        self.ensure_one()
        recipients = self._recipients()
        if not alerts or not recipients:
            return
        if self.activity_per_alert:
            self._push_activities(alerts, recipients)
        shown = alerts[:20]
        self.message_post(
            body=_(
                "%(count)s new alert(s): %(names)s%(more)s",
                count=len(alerts),
                names=", ".join(shown.mapped("name")),
                more=_(" and %(n)s more", n=len(alerts) - len(shown)) if len(alerts) > len(shown) else "",
            ),
            partner_ids=recipients.partner_id.ids,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )

    def _push_activities(self, alerts, recipients):
        """One activity per new alert and recipient, in one batch."""
        today = fields.Date.context_today(self)
        self.env["mail.activity"]._auto_create_batch(
            (alert, user, {"summary": alert.name, "date_deadline": today}) for alert in alerts for user in recipients
        )

    def _alert_subjects_followup_overdue(self):
        today = fields.Date.context_today(self)
        limit = fields.Date.subtract(today, days=int(self.threshold))
        followups = self.env["auto.followup"].search_fetch(
            [("state", "=", "open"), ("date_scheduled", "<", limit), ("company_id", "=", self.company_id.id)],
            ["name", "date_scheduled", "partner_id", "user_id"],
        )
        nobody = _("Nobody")
        return [
            {
                "res_model": "auto.followup",
                "res_id": followup.id,
                "subject_name": f"{followup.name} - {followup.partner_id.display_name or ''}".strip(" -"),
                "value": (today - followup.date_scheduled).days,
                "message": self.env._(
                    "%(user)s has not made this follow-up, due on %(date)s.",
                    user=followup.user_id.name or nobody,
                    date=followup.date_scheduled,
                ),
            }
            for followup in followups
        ]
