from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import tagged

from ..tools import forecast as forecast_tools
from .common import AutoCrmMarketingCase


@tagged("post_install", "-at_install")
@freeze_time("2026-07-10")
class TestForecastModel(AutoCrmMarketingCase):
    def test_forecast_per_model_and_total_with_backtest_and_order(self):
        History = self.env["auto.mkt.sales.history"].with_user(self.marketing_manager)
        season = [12, 6, 9, 10, 11, 12, 10, 10, 12, 14, 12, 15]
        first = date(2026, 6, 1) - relativedelta(months=29)
        series_a = [season[(first + relativedelta(months=k)).month - 1] + k // 6 for k in range(30)]
        series_b = [3] * 30
        History.create(
            [
                {"month": first + relativedelta(months=k), "model_id": self.model.id, "units": series_a[k]}
                for k in range(30)
            ]
            + [
                {"month": first + relativedelta(months=k), "model_id": self.model2.id, "units": series_b[k]}
                for k in range(30)
            ]
        )
        forecast = self.env["auto.mkt.forecast"].with_user(self.marketer).create({"horizon": 6})
        forecast.action_compute()
        line_a = forecast.model_line_ids.filtered(lambda m: m.model_id == self.model)
        expected = forecast_tools.backtest(series_a, 6)
        self.assertEqual(line_a.method, expected["method"])
        self.assertAlmostEqual(line_a.smape, expected["smape"], places=1)
        self.assertAlmostEqual(line_a.baseline_smape, expected["baseline_smape"], places=1)
        self.assertAlmostEqual(line_a.demand, sum(forecast_tools.forecast(series_a, 6)), places=1)
        self.assertEqual(line_a.stock, 3, "the three vehicles of the sales test case not used as a demo car")
        self.assertEqual(line_a.suggested_order, max(round(line_a.demand + 0.4999) - 3, 0))
        months = forecast.line_ids.filtered(lambda line: not line.model_id and line.kind == "forecast")
        self.assertEqual(months.mapped("month"), [date(2026, 7, 1) + relativedelta(months=k) for k in range(6)])
        # the total adds every model of the company's history (the demo's too): recomputed from its own months
        total = forecast.line_ids.filtered(lambda line: not line.model_id and line.kind == "history").sorted("month")
        self.assertAlmostEqual(
            forecast.total_smape, forecast_tools.backtest(total.mapped("units"), 6)["smape"], places=1
        )
        for line in months:
            self.assertLessEqual(line.lower, line.units)
            self.assertLessEqual(line.units, line.upper)

    def test_history_rebuilt_from_delivered_contracts(self):
        order = self._order(lot=self.lot1)
        order.write({"auto_contract_state": "delivered", "effective_date": "2026-05-20 10:00:00"})
        self.assertTrue(order.auto_is_vehicle_sale)
        History = self.env["auto.mkt.sales.history"]
        History.create({"month": "2026-04-01", "model_id": self.model.id, "units": 7, "source": "imported"})
        History._refresh_from_deliveries()
        rows = History.search([("model_id", "=", self.model.id), ("month", ">=", "2026-04-01")])
        self.assertEqual(
            sorted((str(r.month), r.source, r.units) for r in rows),
            [("2026-04-01", "imported", 7.0), ("2026-05-01", "delivered", 1.0)],
        )
        History._refresh_from_deliveries()
        self.assertEqual(History.search_count([("model_id", "=", self.model.id), ("source", "=", "delivered")]), 1)
