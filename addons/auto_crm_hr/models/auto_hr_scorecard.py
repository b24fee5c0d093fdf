from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import scoring

# what the employee writes on their own scorecard
EMPLOYEE_FIELDS = {"self_review", "acknowledged", "date_acknowledged"}
# what still changes once the period is closed: the employee signs the frozen result
FROZEN_ALLOWED_FIELDS = {"acknowledged", "date_acknowledged"}
# what the system writes while computing
COMPUTED_FIELDS = {"user_id", "department_id", "role_id", "rank_in_team"}


class AutoHrScorecard(models.Model):
    """One employee's scorecard for one appraisal period: each KPI's value (computed from the records of
    the other addons), target, score, the weighted total, a manager's adjustment with its reason, the
    employee's self-review and acknowledgement, and the rank within the team."""

    _name = "auto.hr.scorecard"
    _description = "Scorecard"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, department_id, rank_in_team, id"
    _rec_name = "employee_name"

    period_id = fields.Many2one("auto.hr.period", required=True, index=True, ondelete="cascade")
    period_type = fields.Selection(related="period_id.period_type", store=True, string="Kind of Period")
    date_from = fields.Date(related="period_id.date_from", store=True, string="Period Start")
    period_state = fields.Selection(related="period_id.state", string="Period Status")
    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="cascade")
    employee_name = fields.Char(related="employee_id.name", string="Employee Name")
    user_id = fields.Many2one("res.users", index=True, readonly=True)
    department_id = fields.Many2one("hr.department", string="Team", index=True, readonly=True)
    team_leader_user_id = fields.Many2one(
        related="department_id.manager_id.user_id", string="Team Leader", store=True, index="btree_not_null"
    )
    role_id = fields.Many2one("res.groups", readonly=True, index=True)
    line_ids = fields.One2many("auto.hr.scorecard.line", "scorecard_id", string="KPIs", readonly=True)
    computed_score = fields.Float(compute="_compute_computed_score", store=True, digits=(16, 2), aggregator="avg")
    adjustment = fields.Float(
        digits=(16, 2), tracking=True, help="Points the manager adds or takes off the computed score, with a reason."
    )
    adjustment_reason = fields.Text(tracking=True)
    total_score = fields.Float(compute="_compute_total_score", store=True, digits=(16, 2), aggregator="avg", index=True)
    rank_in_team = fields.Integer("Rank in Team", readonly=True, aggregator="min")
    self_review = fields.Text("Self-review")
    manager_comment = fields.Text("Manager's Comment", tracking=True)
    acknowledged = fields.Boolean("Acknowledged by the Employee", readonly=True, tracking=True, copy=False)
    date_acknowledged = fields.Datetime("Acknowledged On", readonly=True, copy=False)
    below_target_count = fields.Integer(compute="_compute_below_target_count", string="KPIs Far Below Target")
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)

    _sql_constraints = [
        ("employee_period_unique", "unique(period_id, employee_id)", "An employee has one scorecard per period."),
    ]

    @api.depends("line_ids.score", "line_ids.weight")
    def _compute_computed_score(self):
        for card in self:
            card.computed_score = scoring.weighted_total([(line.score, line.weight) for line in card.line_ids])

    @api.depends("computed_score", "adjustment")
    def _compute_total_score(self):
        for card in self:
            card.total_score = card.computed_score + card.adjustment

    @api.depends("line_ids.far_below_target")
    def _compute_below_target_count(self):
        for card in self:
            card.below_target_count = len(card.line_ids.filtered("far_below_target"))

    @api.constrains("adjustment", "adjustment_reason")
    def _check_adjustment_reason(self):
        for card in self:
            if card.adjustment and not (card.adjustment_reason or "").strip():
                raise ValidationError(
                    _(
                        "Give the reason for adjusting %(employee)s's score by %(points)s points.",
                        employee=card.employee_id.name,
                        points=card.adjustment,
                    )
                )
            if abs(card.adjustment) > 50:
                raise ValidationError(_("An adjustment is at most 50 points, up or down."))

    def write(self, vals):
        keys = set(vals)
        if not self.env.su:
            frozen = self.filtered(lambda c: c.period_id.state == "closed")
            if frozen and keys - FROZEN_ALLOWED_FIELDS:
                raise UserError(_("%(period)s is closed: its scorecards are frozen.", period=frozen[0].period_id.name))
            if keys - EMPLOYEE_FIELDS - COMPUTED_FIELDS:
                not_managed = self.filtered(lambda c: not c._auto_is_manager())
                if not_managed:
                    raise AccessError(
                        _(
                            "Only the team leader, HR or the general manager change %(employee)s's scorecard.",
                            employee=not_managed[0].employee_id.name,
                        )
                    )
            if keys & EMPLOYEE_FIELDS:
                others = self.filtered(lambda c: c.user_id != self.env.user)
                if others:
                    raise AccessError(
                        _(
                            "Only %(employee)s writes their own review and acknowledgement.",
                            employee=others[0].employee_id.name,
                        )
                    )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_acknowledge(self):
        for card in self:
            if card.acknowledged:
                raise UserError(_("This scorecard is already acknowledged."))
        self.write({"acknowledged": True, "date_acknowledged": fields.Datetime.now()})
        return True

    def action_recompute(self):
        self.period_id._compute_scorecards()
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _auto_is_manager(self):
        """HR, the general manager, and the leader of the scorecard's team."""
        self.ensure_one()
        user = self.env.user
        return user.has_group("auto_crm_hr.group_hr_officer") or (
            self.team_leader_user_id and self.team_leader_user_id == user
        )
