from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import scoring
from .auto_hr_kpi import DIRECTIONS, UNITS

# a KPI scoring under this percentage of its target suggests the course linked to it
FAR_BELOW_SCORE = 60.0


class AutoHrScorecardLine(models.Model):
    """One KPI of a scorecard: its value as computed, and the target, weight and direction of its definition
    at that time (a later change of the definition does not rewrite history)."""

    _name = "auto.hr.scorecard.line"
    _description = "Scorecard KPI"
    _order = "scorecard_id, id"

    scorecard_id = fields.Many2one("auto.hr.scorecard", required=True, index=True, ondelete="cascade")
    kpi_id = fields.Many2one("auto.hr.kpi", string="KPI", index=True, ondelete="set null")
    name = fields.Char("KPI Name", required=True)
    code = fields.Char("Measure", required=True, index=True)
    unit = fields.Selection(UNITS, required=True)
    direction = fields.Selection(DIRECTIONS, required=True)
    weight = fields.Float(aggregator="sum")
    target = fields.Float(aggregator="avg")
    value = fields.Float(aggregator="avg", digits=(16, 2))
    has_data = fields.Boolean("Measured", help="A rate or an average over no record has no value and scores 0.")
    score = fields.Float(compute="_compute_score", store=True, aggregator="avg", digits=(16, 2))
    weighted_score = fields.Float(compute="_compute_score", store=True, aggregator="sum", digits=(16, 2))
    far_below_target = fields.Boolean(compute="_compute_score", store=True)
    suggested_course_id = fields.Many2one("auto.hr.course", compute="_compute_suggested_course_id", store=True)
    period_id = fields.Many2one(related="scorecard_id.period_id", store=True, index=True)
    date_from = fields.Date(related="scorecard_id.date_from", store=True, string="Period Start")
    period_type = fields.Selection(related="scorecard_id.period_type", store=True, string="Kind of Period")
    employee_id = fields.Many2one(related="scorecard_id.employee_id", store=True, index=True)
    user_id = fields.Many2one(related="scorecard_id.user_id", store=True, index=True)
    department_id = fields.Many2one(related="scorecard_id.department_id", store=True, string="Team")
    role_id = fields.Many2one(related="scorecard_id.role_id", store=True)
    team_leader_user_id = fields.Many2one(related="scorecard_id.team_leader_user_id", store=True)
    company_id = fields.Many2one(related="scorecard_id.company_id", store=True, index=True)

    @api.depends("value", "target", "direction", "has_data", "weight")
    def _compute_score(self):
        for line in self:
            line.score = scoring.kpi_score(line.value, line.target, line.direction, line.has_data)
            line.weighted_score = line.score * line.weight / 100.0
            line.far_below_target = line.score < FAR_BELOW_SCORE

    @api.depends("far_below_target", "kpi_id.course_id")
    def _compute_suggested_course_id(self):
        for line in self:
            line.suggested_course_id = line.far_below_target and line.kpi_id.course_id

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_open()
        return lines

    def write(self, vals):
        self._check_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_open(self):
        self._check_open()

    def _check_open(self):
        closed = self.scorecard_id.period_id.filtered(lambda p: p.state == "closed")
        if closed:
            raise UserError(_("%(period)s is closed: its scorecards are frozen.", period=closed[0].name))

    def action_open_records(self):
        """The records the value was computed from."""
        self.ensure_one()
        period = self.period_id
        model, domain = self.env["auto.kpi.registry"]._kpi_drilldown_domain(
            self.code, [self.user_id.id], period.date_from, period.date_to
        )
        return {
            "type": "ir.actions.act_window",
            "name": _(
                "%(kpi)s: %(employee)s, %(period)s", kpi=self.name, employee=self.employee_id.name, period=period.name
            ),
            "res_model": model,
            "views": [[False, "list"], [False, "form"]],
            "domain": domain,
            "context": {"active_test": False, "create": False},
        }
