from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from .auto_followup_plan_step import FOLLOWUP_CHANNELS

FOLLOWUP_STATES = [
    ("planned", "Planned"),
    ("open", "To Do"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
FOLLOWUP_OUTCOMES = [
    ("reached", "Reached"),
    ("not_reached", "Not Reached"),
    ("rescheduled", "Rescheduled"),
]
CHANNEL_ACTIVITY_TYPES = {
    "call": "mail.mail_activity_data_call",
    "email": "mail.mail_activity_data_email",
    "visit": "auto_crm_customer.mail_activity_type_followup_visit",
    "sms": "auto_crm_customer.mail_activity_type_followup_message",
    "wechat": "auto_crm_customer.mail_activity_type_followup_message",
}
BATCH_SIZE = 5000


class AutoFollowup(models.Model):
    """One follow-up to make: a step of a plan for a customer, a vehicle and what it is about.

    What it is about (a lead, a contract instalment, a service order, a complaint...) is a generic
    reference, ``res_model``/``res_id``, as on Odoo's activities: an addon adds a purpose of its own
    without a column here. Addons may offer typed shortcuts to it (``lead_id``, ``repair_id``...):
    computed from the reference, searchable and writable (see :meth:`_subject_links`).

    Life cycle: planned -> open (an activity is given to the responsible user on
    its date) -> done with an outcome and a note, or cancelled. Open follow-ups
    past their date are overdue, and escalated to the manager after a delay.
    """

    _name = "auto.followup"
    _description = "Follow-up"
    _inherit = ["mail.thread", "mail.activity.mixin", "auto.escalation.mixin"]
    _order = "date_scheduled, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    plan_id = fields.Many2one("auto.followup.plan", index=True, ondelete="set null")
    plan_step_id = fields.Many2one("auto.followup.plan.step", ondelete="set null")
    rule_id = fields.Many2one("auto.followup.rule", index="btree_not_null", ondelete="set null")
    partner_id = fields.Many2one("res.partner", string="Customer", index=True, check_company=True)
    partner_mobile = fields.Char(related="partner_id.mobile", string="Mobile")
    vehicle_id = fields.Many2one("auto.vehicle", index="btree_not_null", check_company=True)
    res_model = fields.Char("Subject Model", readonly=True)
    res_id = fields.Many2oneReference("Subject Record", model_field="res_model", readonly=True)
    res_name = fields.Char("About", compute="_compute_res_name")
    trigger_date = fields.Date()
    date_scheduled = fields.Date("Date", required=True, index=True, tracking=True)
    channel = fields.Selection(FOLLOWUP_CHANNELS, required=True, default="call")
    script = fields.Text()
    user_id = fields.Many2one(
        "res.users", string="Responsible", index=True, tracking=True, default=lambda self: self.env.user
    )
    state = fields.Selection(FOLLOWUP_STATES, default="planned", required=True, index=True, tracking=True)
    outcome = fields.Selection(FOLLOWUP_OUTCOMES, tracking=True)
    note = fields.Text("Outcome Note")
    date_done = fields.Datetime("Done On", readonly=True)
    is_overdue = fields.Boolean("Overdue", index=True, readonly=True)
    overdue_days = fields.Integer(compute="_compute_overdue_days", string="Days Overdue")
    date_escalated = fields.Date("Escalated On", readonly=True)
    rescheduled_from_id = fields.Many2one("auto.followup", readonly=True, ondelete="set null")
    trigger_key = fields.Char(
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="Identifies what created this follow-up, so that a rule never creates it twice.",
    )
    completion_rate = fields.Float(
        "Completion Rate (%)",
        compute="_compute_completion",
        store=True,
        precompute=True,
        aggregator="avg",
        help="100 for a follow-up done, 0 for one still due or cancelled: its average is the completion rate.",
    )
    on_time_rate = fields.Float(
        "On-time Rate (%)",
        compute="_compute_completion",
        store=True,
        precompute=True,
        aggregator="avg",
        help="100 for a follow-up done on or before its date.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        ("trigger_key_uniq", "unique(trigger_key)", "This follow-up was already created for that trigger."),
    ]

    def init(self):
        # the follow-ups of a record (a lead's, a service order's): the subject as one index
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS auto_followup_res_model_res_id_idx
            ON auto_followup (res_model, res_id) WHERE res_id IS NOT NULL
            """
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("date_scheduled", "state")
    def _compute_overdue_days(self):
        today = fields.Date.context_today(self)
        for followup in self:
            late = (today - followup.date_scheduled).days if followup.date_scheduled else 0
            followup.overdue_days = late if followup.state in ("planned", "open") and late > 0 else 0

    @api.depends("res_model", "res_id")
    def _compute_res_name(self):
        by_model = {}
        for followup in self:
            if followup.res_model in self.env and followup.res_id:
                by_model.setdefault(followup.res_model, set()).add(followup.res_id)
        names = {}
        for model, ids in by_model.items():
            # the name of what the follow-up is about, even when its user may not open it
            for record in self.env[model].sudo().browse(ids).exists():
                names[model, record.id] = record.display_name
        for followup in self:
            followup.res_name = names.get((followup.res_model, followup.res_id), False)

    @api.model
    def _subject_links(self):
        """The typed shortcuts to the subject that addons add: ``{field: (model, parents)}``, where
        ``parents`` (``{model: field}``) names the subjects that lead to a ``model`` record too (a receivable
        reminder is about an instalment, and its ``sale_order_id`` is the instalment's contract).

        An addon declares the field with ``compute="_compute_subject_links"`` and an inverse and a search
        method of its own calling :meth:`_subject_link_inverse` and :meth:`_subject_link_search`.
        """
        return {}

    @api.depends("res_model", "res_id")
    def _compute_subject_links(self):
        """Compute every typed shortcut of :meth:`_subject_links` from the subject reference: the subject
        itself when it is a record of the shortcut's model, or the shortcut's record of a parent subject."""
        for field_name, (model_name, parents) in self._subject_links().items():
            for followup in self:
                value = self.env[model_name]
                if followup.res_id and followup.res_model == model_name:
                    value = value.browse(followup.res_id)
                elif followup.res_id and followup.res_model in parents:
                    value = self.env[followup.res_model].browse(followup.res_id)[parents[followup.res_model]]
                followup[field_name] = value

    def _subject_link_inverse(self, field_name):
        """Write the typed shortcut ``field_name`` into the subject, unless the subject already leads to the
        record written (an instalment of the contract written as ``sale_order_id``); a shortcut cleared
        clears a subject of its model only."""
        model_name, parents = self._subject_links()[field_name]
        for followup in self:
            record = followup[field_name]
            subject = (
                self.env[followup.res_model].browse(followup.res_id)
                if followup.res_id and followup.res_model in self.env
                else None
            )
            if record:
                leads_to_it = subject is not None and (
                    (followup.res_model == model_name and subject == record)
                    or (followup.res_model in parents and subject[parents[followup.res_model]] == record)
                )
                if not leads_to_it:
                    followup.write({"res_model": model_name, "res_id": record.id})
            elif followup.res_model == model_name:
                followup.write({"res_model": False, "res_id": False})

    @api.model
    def _subject_link_search(self, field_name, operator, value):
        """The domain of a typed shortcut on the subject reference, for searches and record rules."""
        model_name, parents = self._subject_links()[field_name]
        if operator in ("=", "!=") and not value:
            # "is set" / "is not set"
            ids, negative = None, operator == "="
        elif operator in ("=", "!=", "in", "not in"):
            ids = list(value) if isinstance(value, (list, tuple, set)) else [value]
            if not all(isinstance(record_id, int) for record_id in ids):
                ids = self.env[model_name]._search([("display_name", "in", ids)])
            negative = operator in ("!=", "not in")
        else:
            # a search by name ("ilike" on the lead, the service order...)
            ids, negative = self.env[model_name]._search([("display_name", operator, value)]), False
        terms = [[("res_model", "=", model_name), ("res_id", "!=", False) if ids is None else ("res_id", "in", ids)]]
        for parent, link in parents.items():
            parent_records = self.env[parent].sudo().with_context(active_test=False)
            parent_ids = parent_records._search([(link, "!=", False) if ids is None else (link, "in", ids)])
            terms.append([("res_model", "=", parent), ("res_id", "in", parent_ids)])
        domain = expression.OR(terms)
        return ["!", *domain] if negative else domain

    @api.depends("state", "date_done", "date_scheduled")
    def _compute_completion(self):
        for followup in self:
            done = followup.state == "done"
            followup.completion_rate = 100.0 if done else 0.0
            followup.on_time_rate = (
                100.0
                if done
                and followup.date_done
                and fields.Date.context_today(followup, followup.date_done) <= followup.date_scheduled
                else 0.0
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("state", "outcome", "note")
    def _check_outcome(self):
        for followup in self:
            if followup.state == "done" and (not followup.outcome or not (followup.note or "").strip()):
                raise ValidationError(
                    _(
                        "The follow-up %(name)s can only be closed with its outcome and a note of what was said.",
                        name=followup.name,
                    )
                )

    @api.constrains("partner_id", "vehicle_id", "res_model", "res_id", "date_scheduled")
    def _check_subject(self):
        for followup in self:
            if not followup._has_subject():
                raise ValidationError(_("A follow-up needs a customer or a vehicle to follow up."))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # a subject given by a typed shortcut is the subject reference (the constraint checks it at creation);
        # a shortcut to a parent (the contract) gives way to a more precise one (its instalment)
        links = sorted(self._subject_links().items(), key=lambda item: not item[1][1])
        for vals in vals_list:
            for field_name, (model_name, _parents) in links:
                record_id = vals.pop(field_name, False)
                if record_id:
                    vals["res_model"], vals["res_id"] = model_name, record_id
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals and vals["state"] == "done" and not self.env.context.get("auto_followup_closing"):
            raise UserError(_("Close follow-ups with the Done button, which asks for the outcome and a note."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if not self.env.context.get("auto_followup_subject_deleted") and any(f.state == "done" for f in self):
            raise UserError(_("A follow-up that was made is kept as a record: cancel it instead of deleting it."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_done(self):
        pending = self.filtered(lambda f: f.state in ("planned", "open"))
        if not pending:
            raise UserError(_("Only follow-ups still to do can be closed."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Follow-up Outcome"),
            "res_model": "auto.followup.done.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_followup_ids": pending.ids},
        }

    def action_cancel(self):
        self.filtered(lambda f: f.state in ("planned", "open"))._cancel()

    def action_reset(self):
        self.filtered(lambda f: f.state == "cancelled").write({"state": "planned", "is_overdue": False})

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _has_subject(self):
        """True when the follow-up is about someone or something: a customer, a vehicle or a record."""
        self.ensure_one()
        return bool(self.partner_id or self.vehicle_id or (self.res_model and self.res_id))

    @api.model
    def _schedule_for_purpose(self, purpose, records, subject):
        """Schedule, for each of ``records``, the plan of ``purpose`` of the record's company.

        :param subject: function of a record returning its subject dict (see :meth:`_schedule`), or None
            to skip the record
        :return: the follow-ups created
        """
        by_company = {}
        for record in records:
            values = subject(record)
            if values:
                by_company.setdefault(record.company_id, []).append(values)
        Plan = self.env["auto.followup.plan"]
        created = self.browse()
        for company, subjects in by_company.items():
            plan = Plan._for_purpose(purpose, company)
            if plan.step_ids:
                created |= self._schedule(plan, subjects)
        return created

    @api.model
    def _schedule(self, plan, subjects, steps=None):
        """Create the follow-ups of ``plan`` for each subject, one per step (one batch create).

        :param subjects: list of dicts with ``trigger_date`` and any of ``partner_id``,
            ``vehicle_id``, ``user_id``, ``rule_id``, ``trigger_key``, ``res_model`` and ``res_id`` (what
            the follow-up is about: a lead, an instalment...) and fields added by other addons;
            ``trigger_key`` makes the call idempotent; a ``script`` of the subject comes before the step's own
            (e.g. the note of a follow-up brought over from a legacy system).
        :param steps: only these steps of the plan (default all of them)
        """
        steps = plan.step_ids if steps is None else steps
        today = fields.Date.context_today(self)
        keys = [f"{s['trigger_key']}:{step.id}" for s in subjects if s.get("trigger_key") for step in steps]
        taken = set()
        if keys:
            taken = set(
                self.with_context(active_test=False).search([("trigger_key", "in", keys)]).mapped("trigger_key")
            )
        manager = plan._escalation_user()
        user_ids = {s.get("user_id") for s in subjects} | set(steps.user_id.ids) | {manager.id}
        user_langs = {user.id: user.lang for user in self.env["res.users"].browse(filter(None, user_ids))}
        texts = {}

        def step_texts(step, user_id):
            """Name and script in the language of the person who will make the follow-up."""
            lang = user_langs.get(user_id) or self.env.lang
            if (step.id, lang) not in texts:
                localized = step.with_context(lang=lang)
                texts[step.id, lang] = (localized.name, localized.script)
            return texts[step.id, lang]

        vals_list = []
        for subject in subjects:
            subject = dict(subject)
            base_key = subject.pop("trigger_key", None)
            note = subject.pop("script", None)
            trigger_date = fields.Date.to_date(subject["trigger_date"])
            subject["trigger_date"] = trigger_date
            for step in steps:
                key = f"{base_key}:{step.id}" if base_key else False
                if key and key in taken:
                    continue
                if step.responsible == "user":
                    user_id = step.user_id.id
                elif step.responsible == "manager":
                    user_id = manager.id
                else:
                    user_id = subject.get("user_id") or manager.id
                name, script = step_texts(step, user_id)
                vals_list.append(
                    {
                        **subject,
                        "name": name,
                        "plan_id": plan.id,
                        "plan_step_id": step.id,
                        "date_scheduled": max(trigger_date + timedelta(days=step.offset_days), today),
                        "channel": step.channel,
                        "script": "\n\n".join(filter(None, [note, script])) or False,
                        "user_id": user_id or False,
                        "trigger_key": key,
                        "company_id": plan.company_id.id or self.env.company.id,
                    }
                )
        # batch creation by the engine: no "created" message or tracking per follow-up
        return self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True).create(
            vals_list
        )

    @api.model
    def _localize_step_texts(self, modules, langs):
        """Give the follow-ups that still carry the English name (and script) of a plan step of ``modules``
        the step's words in their user's language, when that language is one of ``langs``; a name the step's
        words begin, followed by ": " and what it is about (a campaign's calls), keeps what follows.

        The engine names a follow-up after its step in the language of the user who makes it; a follow-up made
        while the step had no translation yet in that language got the English words: the demo's, made while
        an addon installs (its translations load after its data), or every follow-up of a dealership that
        installs Chinese after it started. Called when an addon's translations are loaded; a name or script
        changed by hand is kept, and so are the follow-ups of users working in another language. The open
        activities and worklist items carrying the old name follow. Two queries, one when ``modules`` have
        no plan step.

        :return: the number of follow-ups renamed
        """
        langs = [lang for lang in langs or () if lang != "en_US"]
        if not langs or not modules:
            return 0
        self.env.cr.execute(
            SQL(
                "SELECT res_id FROM ir_model_data WHERE model = 'auto.followup.plan.step' AND module IN %s",
                tuple(modules),
            )
        )
        step_ids = [row[0] for row in self.env.cr.fetchall()]
        if not step_ids:
            return 0
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH todo AS (
                    SELECT followup.id, followup.name AS old_name,
                           (step.name->>partner.lang) || substr(followup.name, length(step.name->>'en_US') + 1)
                               AS new_name,
                           CASE WHEN followup.script = step.script->>'en_US'
                                THEN step.script->>partner.lang END AS new_script
                      FROM auto_followup followup
                      JOIN auto_followup_plan_step step ON step.id = followup.plan_step_id
                      JOIN res_users users ON users.id = followup.user_id
                      JOIN res_partner partner ON partner.id = users.partner_id
                     WHERE followup.plan_id IN (SELECT plan_id FROM auto_followup_plan_step WHERE id IN %(steps)s)
                       AND followup.plan_step_id IN %(steps)s
                       AND partner.lang IN %(langs)s
                       AND (followup.name = step.name->>'en_US'
                            OR starts_with(followup.name, (step.name->>'en_US') || ': '))
                       AND step.name->>partner.lang <> step.name->>'en_US'
                ),
                followups AS (
                    UPDATE auto_followup followup
                       SET name = todo.new_name, script = COALESCE(todo.new_script, followup.script)
                      FROM todo
                     WHERE followup.id = todo.id
                 RETURNING followup.id
                ),
                activities AS (
                    UPDATE mail_activity activity
                       SET summary = todo.new_name
                      FROM todo
                     WHERE activity.res_model = 'auto.followup' AND activity.res_id = todo.id
                       AND activity.summary = todo.old_name
                ),
                items AS (
                    UPDATE auto_worklist_item item
                       SET name = todo.new_name
                      FROM todo
                     WHERE item.res_model = 'auto.followup' AND item.res_id = todo.id AND item.name = todo.old_name
                )
                SELECT count(*) FROM followups
                """,
                steps=tuple(step_ids),
                langs=tuple(langs),
            )
        )
        localized = self.env.cr.fetchone()[0]
        if localized:
            self.env.invalidate_all()
        return localized

    @api.model
    def _cron_run_followups(self):
        """Daily: apply the rules, open the follow-ups that are due, flag and escalate the late ones."""
        created = self._apply_rules()
        opened = self._open_due_followups()
        escalated = self._check_overdue_followups()
        return created, opened, escalated

    @api.model
    def _apply_rules(self):
        today = fields.Date.context_today(self)
        created = self.browse()
        for rule in self.env["auto.followup.rule"].search([("plan_id.active", "=", True)]):
            if not rule.plan_id.step_ids:
                continue
            subjects = rule._get_subjects(today, today + timedelta(days=rule.days_ahead))
            for subject in subjects:
                subject["rule_id"] = rule.id
                subject["trigger_key"] = (
                    f"rule{rule.id}:p{subject.get('partner_id') or 0}:v{subject.get('vehicle_id') or 0}:"
                    f"{subject['trigger_date']}"
                )
            created |= self.with_company(rule.company_id or self.env.company)._schedule(rule.plan_id, subjects)
        return created

    @api.model
    def _open_due_followups(self, limit=BATCH_SIZE):
        """Give each due follow-up an activity for its responsible user (one bulk create per batch)."""
        today = fields.Date.context_today(self)
        domain = [("state", "=", "planned"), ("date_scheduled", "<=", today)]
        due = self.search_fetch(domain, ["name", "date_scheduled", "channel", "script", "user_id"], limit=limit)
        if not due:
            return 0
        due._open_now_if_due()
        remaining = self.search_count(domain) if len(due) == limit else 0
        self.env["ir.cron"]._notify_progress(done=len(due), remaining=remaining)
        return len(due)

    def _open_now_if_due(self):
        """Open the follow-ups of this set that are due today or earlier: one activity each."""
        today = fields.Date.context_today(self)
        due = self.filtered(lambda f: f.state == "planned" and f.date_scheduled <= today)
        due._create_activities()
        due._mark_open()
        return due

    def _mark_open(self):
        """planned -> open in one UPDATE, without recomputing what cannot change.

        Every stored field computed from the state treats "planned" and "open" alike (the completion
        figures only look at "done", the next follow-up date of the customer or the lead at "planned" or
        "open", the return visit of a ticket at "done"), so a write() would only recompute them to the
        same values: one UPDATE per 100 customers for nothing. The state is not tracked on this change.
        """
        if not self:
            return
        self.check_access("write")
        fnames = ["state", "write_uid", "write_date"]
        self.flush_recordset(fnames)
        self.env.cr.execute(
            SQL(
                "UPDATE auto_followup SET state = 'open', write_uid = %s, write_date = %s WHERE id = ANY(%s)",
                self.env.uid,
                self.env.cr.now(),
                self.ids,
            )
        )
        self.invalidate_recordset([*fnames, "overdue_days"])

    def _create_activities(self, user_field="user_id", summary_prefix=""):
        types = self._activity_types()
        return self.env["mail.activity"]._auto_create_batch(
            (followup, followup[user_field], followup._activity_values(types, summary_prefix)) for followup in self
        )

    @api.model
    def _activity_types(self):
        """The activity type of each channel (a call, a visit...), To-Do for the others, looked up once."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        return {
            channel: self.env.ref(xmlid, raise_if_not_found=False) or todo
            for channel, xmlid in CHANNEL_ACTIVITY_TYPES.items()
        } | {False: todo}

    def _activity_values(self, types, summary_prefix=""):
        """The activity of a follow-up: its channel's type, its name and script, its date."""
        self.ensure_one()
        return {
            "activity_type_id": (types.get(self.channel) or types[False]).id,
            "summary": f"{summary_prefix}{self.name}",
            "note": self.script or False,
            "date_deadline": self.date_scheduled,
        }

    @api.model
    def _check_overdue_followups(self, limit=BATCH_SIZE):
        """Flag open follow-ups past their date; escalate those late beyond their plan's delay."""
        today = fields.Date.context_today(self)
        late = self.search([("state", "=", "open"), ("date_scheduled", "<", today), ("is_overdue", "=", False)])
        late.with_context(tracking_disable=True).write({"is_overdue": True})
        return len(self._auto_escalate_late_work(limit=limit))

    @api.model
    def _auto_late_domain(self, now):
        return [("state", "=", "open"), ("is_overdue", "=", True)]

    def _auto_escalation_managers(self, now):
        """A follow-up escalates after its plan's delay in days (the company's without a plan), to the plan's
        escalation manager (the company's follow-up manager)."""
        today = fields.Date.context_today(self, now)
        managers = {}
        for followup in self:
            plan = followup.plan_id
            company = followup.company_id
            delay = plan._escalation_delay() if plan else company.auto_followup_escalation_days
            if (today - followup.date_scheduled).days >= delay:
                managers[followup.id] = plan._escalation_user() if plan else company.auto_followup_manager_id
        return managers

    def _auto_escalation_activity(self):
        prefix, types = _("Overdue: "), self._activity_types()
        return lambda followup: followup._activity_values(types, prefix)

    def _close(self, outcome, note, reschedule_date=False):
        """Close with an outcome and a note; a rescheduled follow-up comes back on its new date."""
        if not outcome or not (note or "").strip():
            raise ValidationError(_("Give the outcome of the follow-up and a note of what was said."))
        if outcome == "rescheduled":
            if not reschedule_date:
                raise ValidationError(_("Give the new date of a rescheduled follow-up."))
            if reschedule_date < fields.Date.context_today(self):
                raise ValidationError(_("A follow-up cannot be rescheduled to a past date."))
        self.with_context(auto_followup_closing=True).write(
            {
                "state": "done",
                "outcome": outcome,
                "note": note,
                "date_done": fields.Datetime.now(),
                "is_overdue": False,
            }
        )
        self.activity_ids.with_context(auto_followup_closing=True).action_feedback(feedback=note)
        if outcome == "rescheduled":
            return self._copy_for_date(reschedule_date)
        return self.browse()

    def _copy_for_date(self, new_date):
        return self.create(
            [
                {
                    "name": f.name,
                    "plan_id": f.plan_id.id,
                    "plan_step_id": f.plan_step_id.id,
                    "partner_id": f.partner_id.id,
                    "vehicle_id": f.vehicle_id.id,
                    "trigger_date": f.trigger_date,
                    "date_scheduled": new_date,
                    "channel": f.channel,
                    "script": f.script,
                    "user_id": f.user_id.id,
                    "rescheduled_from_id": f.id,
                    "company_id": f.company_id.id,
                    **f._copy_subject_vals(),
                }
                for f in self
            ]
        )

    def _copy_subject_vals(self):
        """What a rescheduled follow-up carries over of its subject; other addons add their own fields."""
        return {"res_model": self.res_model, "res_id": self.res_id}

    def action_open_subject(self):
        """Open what the follow-up is about (the lead, the contract, the service order...)."""
        self.ensure_one()
        if not (self.res_model and self.res_id):
            raise UserError(_("This follow-up is about a customer or a vehicle only."))
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
            "target": "current",
        }

    def _cancel(self):
        self.activity_ids.unlink()
        self.write({"state": "cancelled", "is_overdue": False})
