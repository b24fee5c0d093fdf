import math

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import forecast as forecast_tools

METHODS = [
    (forecast_tools.METHOD_SEASONAL, "Seasonal (Holt-Winters)"),
    (forecast_tools.METHOD_TREND, "Trend (Holt)"),
    (forecast_tools.METHOD_MEAN, "Average"),
]
LINE_KINDS = [("history", "Delivered"), ("forecast", "Forecast")]


class AutoMktForecast(models.Model):
    """A monthly sales forecast per model and in total (市场预测), shown with its backtest error next to the
    seasonal naive forecast's, an interval, and the vehicles to order (预测结果应用)."""

    _name = "auto.mkt.forecast"
    _description = "Sales Forecast"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    date = fields.Date("Forecast Date", required=True, default=fields.Date.context_today)
    horizon = fields.Integer("Months Ahead", required=True, default=6)
    season_length = fields.Integer("Season (months)", required=True, default=12)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    line_ids = fields.One2many("auto.mkt.forecast.line", "forecast_id", string="Months", readonly=True)
    model_line_ids = fields.One2many("auto.mkt.forecast.model", "forecast_id", string="Models", readonly=True)
    total_smape = fields.Float("sMAPE of the Total (%)", readonly=True, digits=(16, 1))
    total_baseline_smape = fields.Float("Seasonal Naive sMAPE of the Total (%)", readonly=True, digits=(16, 1))
    total_method = fields.Selection(METHODS, string="Method of the Total", readonly=True)
    computed = fields.Boolean(readonly=True, copy=False)

    @api.depends("date")
    def _compute_name(self):
        for record in self:
            record.name = _("Sales forecast of %(date)s", date=record.date)

    @api.constrains("horizon", "season_length")
    def _check_horizon(self):
        for record in self:
            if not 1 <= record.horizon <= 24:
                raise ValidationError(_("Forecast between 1 and 24 months ahead."))
            if not 2 <= record.season_length <= 24:
                raise ValidationError(_("The season is between 2 and 24 months (12 for a year)."))

    def action_compute(self):
        for record in self:
            # sudo: the rows of delivered contracts are derived data, rebuilt from the contracts by whoever computes
            # a forecast (the specialist reads the history; only its imported rows are kept by the manager)
            self.env["auto.mkt.sales.history"].sudo()._refresh_from_deliveries(record.company_id)
            record._compute_forecast()

    def _history_series(self):
        """{model_id: [units per month]} and the months, from the first month with history to the last full one."""
        self.ensure_one()
        last_month = self.date.replace(day=1) - relativedelta(months=1)
        groups = self.env["auto.mkt.sales.history"]._read_group(
            [("company_id", "=", self.company_id.id), ("month", "<=", last_month)],
            ["model_id", "month:month"],
            ["units:sum"],
        )
        if not groups:
            return {}, []
        first = min(fields.Date.to_date(month) for _model, month, _units in groups)
        months = []
        month = first
        while month <= last_month:
            months.append(month)
            month += relativedelta(months=1)
        index = {month: i for i, month in enumerate(months)}
        series = {}
        for model, month, units in groups:
            series.setdefault(model, [0.0] * len(months))[index[fields.Date.to_date(month)]] += units
        return series, months

    def _compute_forecast(self):
        self.ensure_one()
        series, months = self._history_series()
        if not months:
            raise UserError(_("There is no sales history before %(date)s to forecast from.", date=self.date))
        horizon, season = self.horizon, self.season_length
        future = [months[-1] + relativedelta(months=k) for k in range(1, horizon + 1)]
        # sudo: the order suggestion counts the dealer stock marketing does not manage
        stock = {
            (model.id, state): count
            for model, state, count in self.env["auto.vehicle"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("state", "in", ("in_stock", "in_transit")),
                    ("model_id", "in", [model.id for model in series]),
                ],
                ["model_id", "state"],
                ["__count"],
            )
        }
        total = [sum(values) for values in zip(*series.values(), strict=True)]
        lines, model_lines = [], []
        for model, history in [*series.items(), (self.env["auto.vehicle.model"], total)]:
            result = forecast_tools.forecast_interval(history, horizon, season)
            check = forecast_tools.backtest(history, horizon, season) if len(history) > horizon else None
            for month, units in zip(months, history, strict=True):
                lines.append(
                    {"forecast_id": self.id, "model_id": model.id, "month": month, "kind": "history", "units": units}
                )
            for month, point, low, high in zip(
                future, result["forecast"], result["lower"], result["upper"], strict=True
            ):
                lines.append(
                    {
                        "forecast_id": self.id,
                        "model_id": model.id,
                        "month": month,
                        "kind": "forecast",
                        "units": point,
                        "lower": low,
                        "upper": high,
                    }
                )
            demand = sum(result["forecast"])
            in_stock = stock.get((model.id, "in_stock"), 0) if model else 0
            in_transit = stock.get((model.id, "in_transit"), 0) if model else 0
            values = {
                "forecast_id": self.id,
                "model_id": model.id,
                "method": result["method"],
                "history_months": len(history),
                "demand": demand,
                "demand_lower": sum(result["lower"]),
                "demand_upper": sum(result["upper"]),
                "stock": in_stock,
                "in_transit": in_transit,
                "suggested_order": max(math.ceil(demand - in_stock - in_transit), 0) if model else 0,
            }
            if check:
                values.update(
                    {
                        "smape": check["smape"],
                        "mape": check["mape"] or 0.0,
                        "mape_defined": check["mape"] is not None,
                        "baseline_smape": check["baseline_smape"],
                        "baseline_mape": check["baseline_mape"] or 0.0,
                        "backtested": True,
                    }
                )
            if model:
                model_lines.append(values)
            else:
                self.write(
                    {
                        "total_smape": values.get("smape", 0.0),
                        "total_baseline_smape": values.get("baseline_smape", 0.0),
                        "total_method": result["method"],
                    }
                )
        self.line_ids.unlink()
        self.model_line_ids.unlink()
        self.env["auto.mkt.forecast.line"].create(lines)
        self.env["auto.mkt.forecast.model"].create(model_lines)
        self.computed = True


class AutoMktForecastLine(models.Model):
    _name = "auto.mkt.forecast.line"
    _description = "Sales Forecast Month"
    _order = "month, model_id"

    forecast_id = fields.Many2one("auto.mkt.forecast", required=True, index=True, ondelete="cascade")
    model_id = fields.Many2one("auto.vehicle.model", string="Vehicle Model", help="Empty: all models together.")
    is_total = fields.Boolean("All Models", compute="_compute_is_total", store=True)
    month = fields.Date(required=True)
    kind = fields.Selection(LINE_KINDS, required=True)
    units = fields.Float(digits=(16, 1))
    lower = fields.Float("Low (95%)", digits=(16, 1))
    upper = fields.Float("High (95%)", digits=(16, 1))

    @api.depends("model_id")
    def _compute_is_total(self):
        for line in self:
            line.is_total = not line.model_id


class AutoMktForecastModel(models.Model):
    _name = "auto.mkt.forecast.model"
    _description = "Sales Forecast per Model"
    _order = "demand desc, id"

    forecast_id = fields.Many2one("auto.mkt.forecast", required=True, index=True, ondelete="cascade")
    model_id = fields.Many2one("auto.vehicle.model", string="Vehicle Model", required=True)
    method = fields.Selection(METHODS, readonly=True)
    history_months = fields.Integer("Months of History")
    demand = fields.Float("Forecast Units", digits=(16, 1))
    demand_lower = fields.Float("Low (95%)", digits=(16, 1))
    demand_upper = fields.Float("High (95%)", digits=(16, 1))
    backtested = fields.Boolean()
    smape = fields.Float("Backtest sMAPE (%)", digits=(16, 1), aggregator="avg")
    mape = fields.Float("Backtest MAPE (%)", digits=(16, 1), aggregator="avg")
    mape_defined = fields.Boolean("MAPE Defined", help="False when a held-out month had no sale: MAPE is undefined.")
    baseline_smape = fields.Float("Seasonal Naive sMAPE (%)", digits=(16, 1), aggregator="avg")
    baseline_mape = fields.Float("Seasonal Naive MAPE (%)", digits=(16, 1), aggregator="avg")
    beats_baseline = fields.Boolean("Better than Naive", compute="_compute_beats_baseline", store=True)
    stock = fields.Integer("In Stock")
    in_transit = fields.Integer()
    suggested_order = fields.Integer(help="Forecast units less the stock and the cars in transit.")

    @api.depends("smape", "baseline_smape", "backtested")
    def _compute_beats_baseline(self):
        for line in self:
            line.beats_baseline = line.backtested and line.smape <= line.baseline_smape
