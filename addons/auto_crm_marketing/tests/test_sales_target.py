from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import AutoCrmMarketingCase


@tagged("post_install", "-at_install")
class TestSalesTargetFromForecast(AutoCrmMarketingCase):
    """预测结果应用: monthly targets per team and model from a forecast's known numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_a = cls.env["crm.team"].create({"name": "Showroom A"})
        cls.team_b = cls.env["crm.team"].create({"name": "Showroom B"})
        cls.forecast = cls.env["auto.mkt.forecast"].create({"date": date(2026, 6, 30), "horizon": 2})
        line = {"forecast_id": cls.forecast.id, "kind": "forecast"}
        cls.env["auto.mkt.forecast.line"].create(
            [
                {**line, "month": date(2026, 7, 1), "units": 30.0},
                {**line, "month": date(2026, 8, 1), "units": 25.0},
                {**line, "month": date(2026, 7, 1), "units": 20.0, "model_id": cls.model.id},
                {**line, "month": date(2026, 8, 1), "units": 15.0, "model_id": cls.model.id},
                {**line, "month": date(2026, 5, 1), "units": 99.0, "kind": "history"},
            ]
        )
        cls.forecast.computed = True

    def _apply(self, share_a=60.0, share_b=40.0, per_model=True):
        wizard = (
            self.env["auto.mkt.sales.target.wizard"]
            .with_user(self.marketing_manager)
            .create(
                {
                    "forecast_id": self.forecast.id,
                    "per_model": per_model,
                    "line_ids": [
                        (0, 0, {"team_id": self.team_a.id, "share": share_a}),
                        (0, 0, {"team_id": self.team_b.id, "share": share_b}),
                    ],
                }
            )
        )
        action = wizard.action_apply()
        return self.env["auto.sales.target"].search(action["domain"])

    def _units(self, targets):
        return {
            (target.team_id.name, target.month.month, target.model_id.id or False): target.target_units
            for target in targets
        }

    def test_targets_per_team_month_and_model(self):
        targets = self._apply()
        model = self.model.id
        self.assertEqual(
            self._units(targets),
            {
                ("Showroom A", 7, False): 18,
                ("Showroom B", 7, False): 12,
                ("Showroom A", 8, False): 15,
                ("Showroom B", 8, False): 10,
                ("Showroom A", 7, model): 12,
                ("Showroom B", 7, model): 8,
                ("Showroom A", 8, model): 9,
                ("Showroom B", 8, model): 6,
            },
        )
        self.assertEqual(set(targets.mapped("origin")), {self.forecast.name})
        # the manager edits a target; applying again updates the same targets, no duplicates
        targets.filtered(lambda t: t.team_id == self.team_a and t.month.month == 7 and not t.model_id).with_user(
            self.marketing_manager
        ).target_units = 20
        again = self._apply(50.0, 50.0, per_model=False)
        self.assertEqual(len(again), 4)
        self.assertLess(again, targets)
        self.assertEqual(self._units(again)[("Showroom A", 7, False)], 15)
        self.assertEqual(
            self.env["auto.sales.target"].search_count([("team_id", "in", (self.team_a | self.team_b).ids)]), 8
        )

    def test_shares_must_make_100_and_targets_are_for_managers(self):
        with self.assertRaises(ValidationError):
            self._apply(60.0, 30.0)
        targets = self._apply()
        self.assertTrue(targets.with_user(self.consultant).read(["target_units"]))
        with self.assertRaises(AccessError):
            targets[0].with_user(self.consultant).target_units = 1
        with self.assertRaises(AccessError):
            targets[0].with_user(self.marketer).target_units = 1
        targets[0].with_user(self.manager).target_units = 3
        with self.assertRaises(ValidationError):
            targets[0].target_units = -1
