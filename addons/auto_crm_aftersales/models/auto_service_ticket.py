from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import plaintext2html

from odoo.addons.auto_crm_customer.models.auto_alert_rule import ALERT_SEVERITIES

TICKET_STATES = [
    ("new", "New"),
    ("assigned", "Assigned"),
    ("in_progress", "In Progress"),
    ("resolved", "Resolved"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("new", "assigned", "in_progress")
CHANNELS = [("phone", "Phone"), ("wechat", "WeChat"), ("web", "Web"), ("email", "Email"), ("walk_in", "Walk-in")]
CATEGORIES = [
    ("service_quality", "Service Quality"),
    ("repair_quality", "Repair Quality"),
    ("parts", "Parts"),
    ("price", "Price"),
    ("waiting_time", "Waiting Time"),
    ("attitude", "Staff Attitude"),
    ("facility", "Facility"),
    ("rescue", "Roadside Rescue"),
    ("suggestion", "Suggestion"),
    ("other", "Other"),
]


class AutoServiceTicket(models.Model):
    """Customer feedback, a complaint (投诉) or a roadside rescue (24 小时救援) to handle within its SLA.

    The deadline follows the severity (hours set on the company); a ticket past its
    deadline is escalated; closing needs the customer's confirmation or a return visit.
    """

    _name = "auto.service.ticket"
    _description = "Customer Feedback and Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin", "auto.escalation.mixin", "auto.followup.subject.mixin"]
    _order = "priority desc, date_deadline, id desc"
    _check_company_auto = True

    name = fields.Char("Reference", required=True, readonly=True, copy=False, default=lambda self: _("New"))
    subject = fields.Char(required=True, tracking=True)
    ticket_type = fields.Selection(
        [("feedback", "Feedback"), ("complaint", "Complaint"), ("rescue", "Roadside Rescue")],
        string="Type",
        required=True,
        default="complaint",
        tracking=True,
        index=True,
    )
    channel = fields.Selection(CHANNELS, required=True, default="phone")
    category = fields.Selection(CATEGORIES, required=True, default="service_quality", tracking=True)
    severity = fields.Selection(ALERT_SEVERITIES, required=True, default="medium", tracking=True, index=True)
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Priority")], compute="_compute_priority", store=True, readonly=False
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True, check_company=True
    )
    partner_mobile = fields.Char(related="partner_id.mobile", string="Mobile")
    vehicle_id = fields.Many2one(
        "auto.vehicle", index="btree_not_null", check_company=True, domain="[('partner_id', '=?', partner_id)]"
    )
    repair_id = fields.Many2one("repair.order", string="Service Order", index="btree_not_null", check_company=True)
    survey_id = fields.Many2one("auto.service.survey", string="From Survey", readonly=True, index="btree_not_null")
    description = fields.Html()
    team_id = fields.Many2one("auto.service.team", tracking=True, check_company=True)
    user_id = fields.Many2one(
        "res.users", string="Assigned To", tracking=True, index=True, domain=[("share", "=", False)]
    )
    state = fields.Selection(TICKET_STATES, default="new", required=True, tracking=True, index=True)
    date_open = fields.Datetime("Received On", required=True, default=fields.Datetime.now, tracking=True)
    date_deadline = fields.Datetime(
        "Deadline", compute="_compute_date_deadline", store=True, readonly=False, tracking=True, index=True
    )
    date_first_response = fields.Datetime("First Response", readonly=True, copy=False)
    date_resolved = fields.Datetime("Resolved On", readonly=True, copy=False)
    date_closed = fields.Datetime("Closed On", readonly=True, copy=False)
    response_hours = fields.Float("Hours to Respond", compute="_compute_hours", store=True, aggregator="avg")
    resolve_hours = fields.Float("Hours to Resolve", compute="_compute_hours", store=True, aggregator="avg")
    is_overdue = fields.Boolean("Overdue", compute="_compute_is_overdue", search="_search_is_overdue")
    date_escalated = fields.Datetime("Escalated On", readonly=True, copy=False)
    resolution = fields.Text(tracking=True)
    customer_confirmed = fields.Boolean(tracking=True, copy=False, help="The customer confirmed the resolution.")
    followup_ids = fields.One2many(
        "auto.followup", "res_id", domain=lambda self: [("res_model", "=", self._name)], string="Return Visits"
    )
    return_visit_done = fields.Boolean(compute="_compute_return_visit_done", string="Return Visit Made")
    # roadside rescue
    rescue_location = fields.Char("Location", help="Where the vehicle is: address, road and kilometre post.")
    rescue_dispatched_ids = fields.Many2many(
        "res.users",
        "auto_service_ticket_rescue_user_rel",
        "ticket_id",
        "user_id",
        string="Dispatched",
        domain=[("share", "=", False)],
    )
    rescue_vehicle_note = fields.Char("Rescue Vehicle", help="Tow truck or service van sent.")
    date_dispatched = fields.Datetime("Dispatched On", readonly=True, copy=False, tracking=True)
    date_arrived = fields.Datetime("Arrived On", readonly=True, copy=False, tracking=True)
    date_completed = fields.Datetime("Completed On", readonly=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("ticket_type", "severity")
    def _compute_priority(self):
        for ticket in self:
            ticket.priority = "1" if ticket.ticket_type == "rescue" or ticket.severity in ("high", "critical") else "0"

    @api.depends("date_open", "severity", "company_id")
    def _compute_date_deadline(self):
        for ticket in self:
            if ticket.date_open:
                hours = (ticket.company_id or self.env.company)._auto_ticket_sla_hours(ticket.severity)
                ticket.date_deadline = ticket.date_open + timedelta(hours=hours)
            else:
                ticket.date_deadline = False

    @api.depends("date_open", "date_first_response", "date_resolved")
    def _compute_hours(self):
        for ticket in self:
            start = ticket.date_open
            ticket.response_hours = (
                (ticket.date_first_response - start).total_seconds() / 3600.0
                if start and ticket.date_first_response
                else 0.0
            )
            ticket.resolve_hours = (
                (ticket.date_resolved - start).total_seconds() / 3600.0 if start and ticket.date_resolved else 0.0
            )

    @api.depends("state", "date_deadline")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.is_overdue = (
                ticket.state in OPEN_STATES and bool(ticket.date_deadline) and ticket.date_deadline < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search on overdue supports only 'is set' and 'is not set'."))
        domain = [("state", "in", OPEN_STATES), ("date_deadline", "<", fields.Datetime.now())]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("followup_ids.state")
    def _compute_return_visit_done(self):
        for ticket in self:
            ticket.return_visit_done = any(f.state == "done" for f in ticket.sudo().followup_ids)

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------
    @api.constrains("date_open", "date_deadline", "date_dispatched", "date_arrived", "date_completed")
    def _check_dates(self):
        for ticket in self:
            if ticket.date_deadline and ticket.date_open and ticket.date_deadline < ticket.date_open:
                raise ValidationError(
                    _("The deadline of %(name)s is before the ticket was received.", name=ticket.name)
                )
            times = [ticket.date_open, ticket.date_dispatched, ticket.date_arrived, ticket.date_completed]
            times = [t for t in times if t]
            if times != sorted(times):
                raise ValidationError(
                    _(
                        "The rescue times of %(name)s must follow each other: call, dispatch, arrival, completion.",
                        name=ticket.name,
                    )
                )

    @api.onchange("vehicle_id")
    def _onchange_vehicle_id(self):
        if self.vehicle_id.partner_id:
            self.partner_id = self.vehicle_id.partner_id

    @api.onchange("ticket_type")
    def _onchange_ticket_type(self):
        if self.ticket_type == "rescue":
            self.severity = "critical"
            self.category = "rescue"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("auto.service.ticket") or _("New")
            if vals.get("ticket_type") == "rescue":
                vals.setdefault("severity", "critical")
                vals.setdefault("category", "rescue")
            if vals.get("user_id") and vals.get("state", "new") == "new":
                vals["state"] = "assigned"
        tickets = super().create(vals_list)
        channels = dict(self._fields["channel"]._description_selection(self.env))
        notes = {}
        for ticket in tickets:
            notes[ticket.id] = _("Received by %(channel)s.", channel=channels[ticket.channel])
        tickets._auto_log_note(notes)
        return tickets

    def write(self, vals):
        if "state" in vals and vals["state"] == "closed" and not self.env.context.get("auto_ticket_closing"):
            raise UserError(_("Close tickets with the Close button, which checks the customer's confirmation."))
        if vals.get("user_id"):
            reassigned = self.filtered(lambda t: t.user_id.id != vals["user_id"])
        else:
            reassigned = self.browse()
        result = super().write(vals)
        if reassigned:
            reassigned.filtered(lambda t: t.state == "new").write({"state": "assigned"})
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_start(self):
        for ticket in self:
            if ticket.state not in ("new", "assigned"):
                raise UserError(_("Only a new or assigned ticket can be taken in hand (%(name)s).", name=ticket.name))
        self.filtered(lambda t: not t.user_id).write({"user_id": self.env.uid})
        self.write({"state": "in_progress"})
        self._mark_responded()

    def action_dispatch(self):
        for ticket in self:
            if ticket.ticket_type != "rescue" or ticket.date_dispatched:
                raise UserError(_("%(name)s is not a rescue waiting for dispatch.", name=ticket.name))
            if not ticket.rescue_dispatched_ids:
                raise UserError(_("Choose who is dispatched to the rescue %(name)s.", name=ticket.name))
        now = fields.Datetime.now()
        self.write({"date_dispatched": now, "state": "in_progress"})
        self._mark_responded()
        notes = {}
        for ticket in self:
            notes[ticket.id] = _("Dispatched %(users)s.", users=", ".join(ticket.rescue_dispatched_ids.mapped("name")))
        self._auto_log_note(notes)

    def action_arrive(self):
        for ticket in self:
            if not ticket.date_dispatched or ticket.date_arrived:
                raise UserError(_("The rescue %(name)s was not dispatched yet.", name=ticket.name))
        self.write({"date_arrived": fields.Datetime.now()})

    def action_resolve(self):
        for ticket in self:
            if ticket.state not in OPEN_STATES:
                raise UserError(_("The ticket %(name)s is not open.", name=ticket.name))
            if not (ticket.resolution or "").strip():
                raise UserError(_("Write how the ticket %(name)s was resolved before resolving it.", name=ticket.name))
        now = fields.Datetime.now()
        self._mark_responded()
        for ticket in self:
            vals = {"state": "resolved", "date_resolved": now}
            if ticket.ticket_type == "rescue" and not ticket.date_completed:
                vals["date_completed"] = now
            ticket.write(vals)
        self._schedule_return_visits()

    def action_close(self):
        """Close a resolved ticket: needs the customer's confirmation or a return visit made."""
        for ticket in self:
            if ticket.state != "resolved":
                raise UserError(_("Resolve the ticket %(name)s before closing it.", name=ticket.name))
            if not ticket.customer_confirmed and not ticket.return_visit_done:
                raise UserError(
                    _(
                        "The ticket %(name)s cannot be closed yet: record the customer's confirmation, or make the "
                        "return visit and record its result.",
                        name=ticket.name,
                    )
                )
        self.with_context(auto_ticket_closing=True).write({"state": "closed", "date_closed": fields.Datetime.now()})

    def action_reopen(self):
        self.filtered(lambda t: t.state in ("resolved", "closed", "cancelled")).with_context(
            auto_ticket_closing=True
        ).write({"state": "in_progress", "date_resolved": False, "date_closed": False})

    def action_cancel(self):
        if self.filtered(lambda t: t.state == "closed"):
            raise UserError(_("A closed ticket cannot be cancelled."))
        self.write({"state": "cancelled"})

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _mark_responded(self):
        self.filtered(lambda t: not t.date_first_response).write({"date_first_response": fields.Datetime.now()})

    def _auto_log_note(self, note):
        """A note in the chatter of each ticket, in one batch. The chatter's tracking keeps the rest of the
        ticket's history (state, assignee, severity, deadline, resolution, escalation, rescue times).

        :param note: the text, or a dict ``{ticket_id: text}``
        """
        bodies = {ticket.id: plaintext2html(note.get(ticket.id) if isinstance(note, dict) else note) for ticket in self}
        # the note is written by the ticket's own actions, which the user was allowed to run
        return self._message_log_batch(bodies=bodies)

    def _schedule_return_visits(self):
        today = fields.Date.context_today(self)

        def subject(ticket):
            return {
                "partner_id": ticket.partner_id.id,
                "vehicle_id": ticket.vehicle_id.id,
                "res_model": ticket._name,
                "res_id": ticket.id,
                "user_id": (ticket.company_id.auto_return_visit_user_id or ticket.user_id).id,
                "trigger_date": today,
                "trigger_key": f"ticket{ticket.id}:return_visit",
            }

        # sudo: the return visit belongs to customer relations, whose follow-ups the handler may not see
        return self.env["auto.followup"].sudo()._schedule_for_purpose("ticket_return_visit", self, subject)

    @api.model
    def _cron_escalate_tickets(self):
        """Escalate the open tickets past their deadline (the follow-up engine's escalation, by hours)."""
        return self._auto_escalate_late_work()

    @api.model
    def _auto_late_domain(self, now):
        return [("state", "in", OPEN_STATES), ("date_deadline", "<", now)]

    def _auto_escalation_managers(self, now):
        """A ticket escalates as soon as its deadline passes, to its team leader or the service manager."""
        return {
            ticket.id: ticket.team_id.leader_id
            or ticket.company_id.auto_ticket_escalation_user_id
            or ticket.company_id.auto_followup_manager_id
            for ticket in self
        }

    def _auto_escalation_activity(self):
        today = fields.Date.context_today(self)
        return lambda ticket: {"summary": _("Overdue ticket: %(name)s", name=ticket.subject), "date_deadline": today}

    def _auto_after_escalation(self):
        self._auto_log_note(
            {
                ticket.id: _(
                    "Deadline %(deadline)s passed: escalated to %(user)s.",
                    deadline=ticket.date_deadline,
                    user=ticket.escalation_user_id.name,
                )
                for ticket in self
            }
        )
