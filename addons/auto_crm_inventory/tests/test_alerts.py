from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import AutoCrmInventoryCase


@tagged("post_install", "-at_install")
class TestStockAlerts(AutoCrmInventoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock_group = cls.env.ref("auto_crm_inventory.group_stock_clerk")
        cls.old_vins = [cls._vin("LGXC16DF", 300 + i) for i in range(2)]
        with freeze_time("2025-01-10 09:00:00"):
            cls._receive(cls.old_vins)
        with freeze_time("2025-04-20 09:00:00"):
            cls._receive([cls._vin("LGXC16DF", 310)])
        cls.rule = cls.env["auto.alert.rule"].create(
            {
                "name": "Stock age over 90 days",
                "indicator": "vehicle_stock_age",
                "threshold": 90,
                "severity": "high",
                "group_ids": [Command.link(cls.stock_group.id)],
            }
        )

    @freeze_time("2025-05-01 08:00:00")
    def test_fires_once_then_resolves(self):
        created, resolved = self.rule._evaluate()
        self.assertEqual(sorted(created.mapped("subject_name")), sorted(self.old_vins))
        self.assertFalse(resolved)
        self.assertEqual(created.mapped("value"), [111.0, 111.0])
        self.assertIn("111 days", created[0].message)
        # pushed: an activity for every recipient, and a message on the rule
        self.assertIn(self.clerk, created.activity_ids.user_id)
        self.assertIn(self.clerk.partner_id, self.rule.message_ids[0].partner_ids)
        # a second run creates no duplicate
        created_again, resolved_again = self.rule._evaluate()
        self.assertFalse(created_again)
        self.assertFalse(resolved_again)
        self.assertEqual(self.env["auto.alert"].search_count([("rule_id", "=", self.rule.id)]), 2)
        # one of them is delivered: its alert resolves itself
        vehicle = self.env["auto.vehicle"].search([("vin", "=", self.old_vins[0])])
        self._deliver(vehicle)
        _created, resolved = self.rule._evaluate()
        self.assertEqual(resolved.subject_name, self.old_vins[0])
        self.assertTrue(resolved.auto_resolved)
        self.assertEqual(self.rule.open_alert_count, 1)

    @freeze_time("2025-05-01 08:00:00")
    def test_model_stock_level_and_count_discrepancy(self):
        below = self.env["auto.alert.rule"].create(
            {
                "name": "Low stock",
                "indicator": "model_stock_level",
                "comparison": "below",
                "threshold": 1,
            }
        )
        created, _resolved = below._evaluate()
        self.assertIn(("auto.vehicle.model", self.model2.id), {(a.res_model, a.res_id) for a in created})
        self.assertNotIn(self.model.id, created.mapped("res_id"))
        above = self.env["auto.alert.rule"].create(
            {
                "name": "Too many",
                "indicator": "model_stock_level",
                "comparison": "above",
                "threshold": 2,
            }
        )
        created, _resolved = above._evaluate()
        mine = created.filtered(lambda a: a.res_id in (self.model + self.model2).ids)  # demo models may fire too
        self.assertEqual([(a.res_id, a.value) for a in mine], [(self.model.id, 3.0)])

        count = self.env["auto.stock.count"].create({"location_id": self.showroom.id})
        count.action_start()
        count.action_submit()
        discrepancy = self.env["auto.alert.rule"].create(
            {
                "name": "Count discrepancies",
                "indicator": "count_discrepancy",
                "threshold": 0,
            }
        )
        created, _resolved = discrepancy._evaluate()
        created = created.filtered(lambda a: a.res_id == count.id)
        self.assertEqual((created.res_model, created.res_id, created.value), ("auto.stock.count", count.id, 3.0))

    def test_bad_threshold_and_rights(self):
        with self.assertRaisesRegex(ValidationError, "negative"):
            self.rule.threshold = -5
        with self.assertRaises(AccessError):
            self.env["auto.alert.rule"].with_user(self.clerk).create(
                {
                    "name": "Clerk rule",
                    "indicator": "vehicle_stock_age",
                    "threshold": 30,
                }
            )
        sales_manager_rule = self.env["auto.alert.rule"].with_user(self.manager)
        with self.assertRaisesRegex(AccessError, "inventory manager"):
            sales_manager_rule.create({"name": "Not mine", "indicator": "vehicle_stock_age", "threshold": 30})
        rule = (
            self.env["auto.alert.rule"]
            .with_user(self.inventory_manager)
            .create(
                {
                    "name": "Manager rule",
                    "indicator": "vehicle_stock_age",
                    "threshold": 30,
                }
            )
        )
        rule.with_user(self.inventory_manager).active = False
        self.assertFalse(rule.active)

    def _queries(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - start

    @freeze_time("2025-05-01 08:00:00")
    def test_evaluation_query_count(self):
        """Evaluating a rule costs the same queries with 10 and 100 aged vehicles (first run and next run)."""

        def new_rule(name):
            return self.rule.copy(
                {"name": name, "user_ids": [Command.set([self.clerk.id])], "group_ids": [Command.clear()]}
            )

        self._queries(new_rule("Warm-up")._evaluate)
        with freeze_time("2025-01-02 09:00:00"):
            # with the 2 aged vehicles of the set-up: 10 aged vehicles
            self._stock_quickly([self._vin("LGXD16DF", i) for i in range(8)], location=self.yard)
        self.env.flush_all()
        rule_small = new_rule("Small stock")
        first_run = self._queries(rule_small._evaluate)
        next_run = self._queries(rule_small._evaluate)
        self.assertEqual(len(rule_small.alert_ids), 10)

        with freeze_time("2025-01-02 09:00:00"):
            self._stock_quickly([self._vin("LGXE16DF", i) for i in range(90)], location=self.yard)
        self.env.flush_all()
        # the digest names 20 alerts and counts the others: warm that path up too
        self._queries(new_rule("Warm-up with many alerts")._evaluate)
        rule_large = new_rule("Large stock")
        self.env.invalidate_all()
        with self.assertQueryCount(first_run):
            rule_large._evaluate()
        self.env.invalidate_all()
        with self.assertQueryCount(next_run):
            rule_large._evaluate()
        self.assertEqual(len(rule_large.alert_ids), 100)
