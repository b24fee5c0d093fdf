from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools import scoring
from .auto_hr_kpi import PERIOD_TYPES
from .auto_hr_scorecard_line import FAR_BELOW_SCORE

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}
PERIOD_STATES = [("open", "Open"), ("closed", "Closed")]


class AutoHrPeriod(models.Model):
    """An appraisal period (a month, a quarter, a year). Its scorecards are computed again as often as
    needed while it is open; closing it freezes them."""

    _name = "auto.hr.period"
    _description = "Appraisal Period"
    _inherit = ["mail.thread"]
    _order = "date_from desc, period_type"

    name = fields.Char(compute="_compute_name", store=True)
    period_type = fields.Selection(PERIOD_TYPES, string="Period", required=True, default="month", tracking=True)
    date_from = fields.Date(
        "Start", required=True, default=lambda self: fields.Date.context_today(self).replace(day=1), tracking=True
    )
    date_to = fields.Date("End", compute="_compute_date_to", store=True)
    state = fields.Selection(PERIOD_STATES, default="open", required=True, tracking=True, index=True)
    date_computed = fields.Datetime("Last Computed On", readonly=True, copy=False)
    date_closed = fields.Datetime("Closed On", readonly=True, copy=False)
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    scorecard_ids = fields.One2many("auto.hr.scorecard", "period_id", string="Scorecards")
    scorecard_count = fields.Integer(compute="_compute_scorecard_count")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        ("period_unique", "unique(company_id, period_type, date_from)", "This appraisal period already exists."),
    ]

    @api.depends("period_type", "date_from")
    def _compute_name(self):
        for period in self:
            if not period.date_from:
                period.name = False
            elif period.period_type == "year":
                period.name = str(period.date_from.year)
            elif period.period_type == "quarter":
                period.name = f"{period.date_from.year} Q{(period.date_from.month - 1) // 3 + 1}"
            else:
                period.name = period.date_from.strftime("%Y-%m")

    @api.depends("period_type", "date_from")
    def _compute_date_to(self):
        for period in self:
            months = PERIOD_MONTHS.get(period.period_type, 1)
            period.date_to = period.date_from and period.date_from + relativedelta(months=months, days=-1)

    def _compute_scorecard_count(self):
        counts = dict(
            self.env["auto.hr.scorecard"]._read_group([("period_id", "in", self.ids)], ["period_id"], ["__count"])
        )
        for period in self:
            period.scorecard_count = counts.get(period, 0)

    @api.constrains("period_type", "date_from")
    def _check_date_from(self):
        for period in self:
            months = PERIOD_MONTHS[period.period_type]
            if period.date_from.day != 1 or (period.date_from.month - 1) % months:
                raise ValidationError(
                    _(
                        "A %(kind)s starts on the first day of a %(kind)s: %(date)s does not.",
                        kind=dict(self._fields["period_type"]._description_selection(self.env))[period.period_type],
                        date=period.date_from,
                    )
                )

    def write(self, vals):
        if set(vals) & {"period_type", "date_from", "company_id"} and self.filtered(lambda p: p.state == "closed"):
            raise UserError(_("A closed appraisal period is frozen: its dates cannot change."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if self.filtered(lambda p: p.state == "closed"):
            raise UserError(_("A closed appraisal period is kept as history: it cannot be deleted."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_compute_scorecards(self):
        self._compute_scorecards()
        return True

    def action_close(self):
        self._check_hr_rights()
        for period in self:
            if period.state == "closed":
                raise UserError(_("%(period)s is already closed.", period=period.name))
        self._compute_scorecards()
        self.write({"state": "closed", "date_closed": fields.Datetime.now(), "closed_by_id": self.env.uid})
        return True

    def action_compute_commissions(self):
        self.env["auto.hr.commission"]._compute_for_periods(self)
        return self.action_open_commissions()

    def action_open_commissions(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("auto_crm_hr.auto_hr_commission_action")
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_open_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("auto_crm_hr.auto_hr_scorecard_action")
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"search_default_group_by_team": 1}
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _check_hr_rights(self):
        if not self.env.su and not self.env.user.has_group("auto_crm_hr.group_hr_officer"):
            raise UserError(_("Only HR and the general manager compute and close appraisal periods."))

    def _compute_scorecards(self):
        """Compute the scorecards of every employee with KPIs for these periods, in batch: one or two grouped
        queries per KPI and a fixed number of set-based statements to store them, whatever the number of
        employees (Odoo's create and write work in batches of 100 rows)."""
        self._check_hr_rights()
        closed = self.filtered(lambda p: p.state == "closed")
        if closed:
            raise UserError(_("%(period)s is closed: its scorecards are frozen.", period=closed[0].name))
        # sudo: HR computes the figures from the work of every department (leads, contracts, service orders)
        # whose records it is not meant to browse; the drill-down opens them with the reader's own rights
        registry = self.env["auto.kpi.registry"].sudo()
        self.write({"date_computed": fields.Datetime.now()})
        for period in self:
            kpis = self.env["auto.hr.kpi"].search(
                [("period_type", "=", period.period_type), ("company_id", "in", [period.company_id.id, False])]
            )
            employees = self.env["hr.employee"].search(
                [
                    ("auto_role_id", "in", kpis.role_id.ids),
                    ("user_id", "!=", False),
                    ("company_id", "=", period.company_id.id),
                ]
            )
            kpis_by_role = kpis.grouped("role_id")
            users_by_code = {}
            for employee in employees:
                for kpi in kpis_by_role.get(employee.auto_role_id, []):
                    users_by_code.setdefault(kpi.code, set()).add(employee.user_id.id)
            values = {
                code: registry._kpi_values(code, user_ids, period.date_from, period.date_to)
                for code, user_ids in users_by_code.items()
            }
            # a target set elsewhere than in the KPI's definition (a sales team's monthly target) replaces it
            targets = {
                code: registry._kpi_targets(code, user_ids, period.date_from, period.date_to)
                for code, user_ids in users_by_code.items()
            }
            rows = []
            for employee in employees:
                for kpi in kpis_by_role.get(employee.auto_role_id, []):
                    value, has_data = values[kpi.code].get(employee.user_id.id, (0.0, False))
                    target = targets[kpi.code].get(employee.user_id.id, kpi.target)
                    score = scoring.kpi_score(value, target, kpi.direction, has_data)
                    far_below = score < FAR_BELOW_SCORE
                    rows.append(
                        (
                            employee.id,
                            kpi.id,
                            kpi.name,
                            kpi.code,
                            kpi.unit,
                            kpi.direction,
                            kpi.weight,
                            target,
                            round(value, 2),
                            has_data,
                            score,
                            round(score * kpi.weight / 100.0, 2),
                            far_below,
                            kpi.course_id.id if far_below and kpi.course_id else None,
                        )
                    )
            period._store_scorecards(employees, rows)
        self._rank_scorecards()
        return True

    def _store_scorecards(self, employees, rows):
        """Create or refresh the scorecards of ``employees`` (team, role and user as they are now) and replace
        their KPI lines by ``rows``: four statements."""
        self.ensure_one()
        self.env.flush_all()
        columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _index in range(14)]
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO auto_hr_scorecard (period_id, period_type, date_from, company_id, employee_id, user_id,
                            department_id, role_id, team_leader_user_id, computed_score, adjustment, total_score,
                            acknowledged, create_uid, create_date, write_uid, write_date)
                     SELECT %(period)s, %(period_type)s, %(date_from)s, %(company)s, employee.id, employee.user_id,
                            employee.department_id, employee.auto_role_id, leader.user_id, 0, 0, 0,
                            FALSE, %(uid)s, %(now)s, %(uid)s, %(now)s
                       FROM hr_employee employee
                  LEFT JOIN hr_department team ON team.id = employee.department_id
                  LEFT JOIN hr_employee leader ON leader.id = team.manager_id
                      WHERE employee.id = ANY(%(employees)s)
                ON CONFLICT (period_id, employee_id) DO UPDATE
                        SET user_id = EXCLUDED.user_id,
                            department_id = EXCLUDED.department_id,
                            role_id = EXCLUDED.role_id,
                            team_leader_user_id = EXCLUDED.team_leader_user_id
                """,
                period=self.id,
                period_type=self.period_type,
                date_from=self.date_from,
                company=self.company_id.id,
                employees=employees.ids,
                uid=self.env.uid,
                now=now,
            )
        )
        self.env.cr.execute(SQL("DELETE FROM auto_hr_scorecard_line WHERE period_id = %s", self.id))
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO auto_hr_scorecard_line (scorecard_id, kpi_id, name, code, unit, direction, weight, target,
                            value, has_data, score, weighted_score, far_below_target, suggested_course_id,
                            period_id, date_from, period_type, employee_id, user_id, department_id, role_id,
                            team_leader_user_id, company_id, create_uid, create_date, write_uid, write_date)
                     SELECT card.id, row.kpi_id, row.name, row.code, row.unit, row.direction, row.weight, row.target,
                            row.value, row.has_data, row.score, row.weighted_score, row.far_below_target,
                            row.course_id, card.period_id, card.date_from, card.period_type, card.employee_id,
                            card.user_id, card.department_id, card.role_id, card.team_leader_user_id,
                            card.company_id, %(uid)s, %(now)s, %(uid)s, %(now)s
                       FROM UNNEST(%(employee)s::int[], %(kpi)s::int[], %(name)s::varchar[], %(code)s::varchar[],
                                   %(unit)s::varchar[], %(direction)s::varchar[], %(weight)s::float8[],
                                   %(target)s::float8[], %(value)s::float8[], %(has_data)s::bool[],
                                   %(score)s::float8[], %(weighted)s::float8[], %(far)s::bool[], %(course)s::int[])
                            AS row(employee_id, kpi_id, name, code, unit, direction, weight, target, value, has_data,
                                   score, weighted_score, far_below_target, course_id)
                       JOIN auto_hr_scorecard card ON card.period_id = %(period)s AND card.employee_id = row.employee_id
                """,
                period=self.id,
                uid=self.env.uid,
                now=now,
                employee=columns[0],
                kpi=columns[1],
                name=columns[2],
                code=columns[3],
                unit=columns[4],
                direction=columns[5],
                weight=columns[6],
                target=columns[7],
                value=columns[8],
                has_data=columns[9],
                score=columns[10],
                weighted=columns[11],
                far=columns[12],
                course=columns[13],
            )
        )
        # the weighted total, as scoring.weighted_total computes it (the ORM's compute of computed_score)
        self.env.cr.execute(
            SQL(
                """
                UPDATE auto_hr_scorecard card
                   SET computed_score = COALESCE(total.score, 0),
                       total_score = COALESCE(total.score, 0) + COALESCE(card.adjustment, 0)
                  FROM auto_hr_scorecard scored
             LEFT JOIN (SELECT scorecard_id,
                               ROUND((SUM(score * weight) / NULLIF(SUM(weight), 0))::numeric, 2) AS score
                          FROM auto_hr_scorecard_line
                         WHERE period_id = %(period)s AND weight > 0
                      GROUP BY scorecard_id) total ON total.scorecard_id = scored.id
                 WHERE card.id = scored.id AND scored.period_id = %(period)s
                """,
                period=self.id,
            )
        )
        self.env["auto.hr.scorecard"].invalidate_model()
        self.env["auto.hr.scorecard.line"].invalidate_model()

    def _rank_scorecards(self):
        """Rank within the team (competition ranking, best total first), in one query."""
        self.env["auto.hr.scorecard"].flush_model(["period_id", "department_id", "total_score"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE auto_hr_scorecard card
                   SET rank_in_team = ranked.rank
                  FROM (SELECT id, RANK() OVER (PARTITION BY period_id, department_id
                                                ORDER BY total_score DESC) AS rank
                          FROM auto_hr_scorecard
                         WHERE period_id IN %s) ranked
                 WHERE card.id = ranked.id
                """,
                tuple(self.ids),
            )
        )
        self.env["auto.hr.scorecard"].invalidate_model(["rank_in_team"])

    @api.model
    def _cron_compute_scorecards(self):
        """Make sure this month's, quarter's and year's periods exist, and compute every open period that has
        started."""
        today = fields.Date.context_today(self)
        starts = {
            "month": today.replace(day=1),
            "quarter": today.replace(day=1, month=(today.month - 1) // 3 * 3 + 1),
            "year": today.replace(day=1, month=1),
        }
        for company in self.env["res.company"].search([]):
            existing = self.search([("company_id", "=", company.id), ("date_from", "in", list(starts.values()))])
            present = {(p.period_type, p.date_from) for p in existing}
            missing = [
                {"period_type": kind, "date_from": start, "company_id": company.id}
                for kind, start in starts.items()
                if (kind, start) not in present
            ]
            self.create(missing)
        periods = self.search([("state", "=", "open"), ("date_from", "<=", today)])
        for done, period in enumerate(periods, start=1):
            period._compute_scorecards()
            self.env["ir.cron"]._notify_progress(done=done, remaining=len(periods) - done)
        return True
