from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.month import format_month, parse_month


class AutoSalesTarget(models.Model):
    """A monthly sales target (销售目标) of a sales team, in vehicles, for all models or one model.

    Created by hand or from the marketing forecast (预测结果应用); the HR scorecards take the units-delivered
    target of a consultant from the target of their team (see ``auto.kpi.registry._kpi_targets``)."""

    _name = "auto.sales.target"
    _description = "Monthly Sales Target"
    _inherit = ["auto.month.mixin"]
    _order = "month desc, team_id, model_id"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", required=True, index=True, check_company=True)
    month = fields.Date(
        required=True,
        index=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Any day of the month: the target is stored on its first day.",
    )
    month_label = fields.Char(
        "Target Month",
        compute="_compute_month_label",
        inverse="_inverse_month_label",
        store=True,
        index=True,
        help="The month of the target, e.g. 2026-11 (2026年11月 is read too): lists, pivots and groups show it.",
    )
    model_id = fields.Many2one(
        "auto.vehicle.model", string="Vehicle Model", index="btree_not_null", help="Empty: all models together."
    )
    target_units = fields.Integer(required=True)
    origin = fields.Char("Source", help="Where the target comes from, e.g. the forecast it was created from.")

    @api.depends("month")
    def _compute_month_label(self):
        for target in self:
            target.month_label = target.month and format_month(target.month.year, target.month.month)

    def _inverse_month_label(self):
        for target in self:
            parsed = parse_month(target.month_label)
            if not parsed:
                raise ValidationError(
                    _(
                        "“%(month)s” is not a month: enter the month of the target as 2026-11.",
                        month=target.month_label or "",
                    )
                )
            target.month = fields.Date.to_date(f"{format_month(*parsed)}-01")

    @api.constrains("target_units")
    def _check_target_units(self):
        for target in self:
            if target.target_units < 0:
                raise ValidationError(
                    _(
                        "The target of %(team)s cannot be negative: enter the vehicles to sell.",
                        team=target.team_id.name,
                    )
                )

    @api.constrains("company_id", "team_id", "month", "model_id")
    def _check_unique(self):
        groups = self._read_group(
            [("team_id", "in", self.team_id.ids), ("month", "in", list(set(self.mapped("month"))))],
            ["team_id", "month:day", "model_id"],
            ["__count"],
        )
        for team, month, model, count in groups:
            if count > 1:
                model_label = f" ({model.display_name})" if model else ""
                raise ValidationError(
                    _(
                        "%(team)s already has a target for %(month)s%(model)s: change that one instead.",
                        team=team.name,
                        month=month.strftime("%Y-%m"),
                        model=model_label,
                    )
                )

    @api.depends("team_id", "month", "model_id")
    def _compute_display_name(self):
        for target in self:
            parts = [target.team_id.name or "", target.month_label or "", target.model_id.display_name or ""]
            target.display_name = " ".join(part for part in parts if part)

    @api.model
    def _team_units(self, team_ids, date_from, date_to):
        """The target units of each team over the months from ``date_from`` to ``date_to`` (both included), for
        all models: the team's all-models target of a month, or else the sum of its per-model targets.

        :return: {team_id: units} for the teams that have a target in the period
        """
        start = fields.Date.to_date(date_from).replace(day=1)
        rows = self._read_group(
            [("team_id", "in", list(team_ids)), ("month", ">=", start), ("month", "<=", date_to)],
            ["team_id", "month:day", "model_id"],
            ["target_units:sum"],
        )
        total, by_model = {}, {}
        for team, month, model, units in rows:
            bucket = by_model if model else total
            bucket[team.id, month] = bucket.get((team.id, month), 0) + units
        for key, units in by_model.items():
            total.setdefault(key, units)
        units_by_team = {}
        for (team_id, _month), units in total.items():
            units_by_team[team_id] = units_by_team.get(team_id, 0) + units
        return units_by_team
