from odoo import Command
from odoo.tests import tagged

from .common import AutoCrmInventoryCase


@tagged("post_install", "-at_install")
class TestParts(AutoCrmInventoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls.env["res.partner"].create({"name": "OEM Parts Supplier"})
        category = cls.env.ref("auto_crm_inventory.product_category_part")
        cls.parts = cls.env["product.product"].create(
            [
                {
                    "name": name,
                    "default_code": code,
                    "is_storable": True,
                    "type": "consu",
                    "standard_price": price,
                    "auto_product_kind": "part",
                    "categ_id": category.id,
                    "route_ids": [Command.link(cls.env.ref("purchase_stock.route_warehouse0_buy").id)],
                    "seller_ids": [Command.create({"partner_id": cls.vendor.id, "price": price})],
                }
                for name, code, price in (
                    ("Oil filter", "P-OF", 80.0),
                    ("Brake pads", "P-BP", 300.0),
                    ("Wiper blade", "P-WB", 50.0),
                    ("Spare mirror", "P-SM", 400.0),
                )
            ]
        )
        cls.oil_filter, cls.brake_pads, cls.wiper, cls.mirror = cls.parts
        Quant = cls.env["stock.quant"]
        for part in cls.parts:
            Quant._update_available_quantity(part, cls.stock_location, 100)

    def _consume(self, part, quantity, destination):
        move = self.env["stock.move"].create(
            {
                "name": part.name,
                "product_id": part.id,
                "product_uom_qty": quantity,
                "product_uom": part.uom_id.id,
                "location_id": self.stock_location.id,
                "location_dest_id": destination.id,
            }
        )
        move._action_confirm()
        move._action_assign()
        move.quantity = quantity
        move.picked = True
        move._action_done()
        return move

    def test_abc_classification(self):
        production = self.env["stock.location"].search([("usage", "=", "production")], limit=1)
        self._consume(self.oil_filter, 100, self.customer_location)  # 8000, sold over the counter
        self._consume(self.brake_pads, 5, production)  # 1500, used in service
        self._consume(self.wiper, 10, self.customer_location)  # 500
        self.env["product.template"]._cron_compute_part_abc()
        self.assertEqual(self.parts.mapped("auto_part_abc"), ["a", "b", "c", "c"])
        self.assertAlmostEqual(self.oil_filter.auto_part_consumption_value, 8000.0)
        self.assertEqual(self.oil_filter.qty_available, 0, "the counter sale drew from the parts stock")
        self.assertEqual(self.brake_pads.qty_available, 95, "service used the same stock")

    def test_part_below_minimum_alert_and_replenishment(self):
        orderpoint = self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.mirror.id,
                "warehouse_id": self.warehouse.id,
                "location_id": self.stock_location.id,
                "product_min_qty": 120,
                "product_max_qty": 150,
                "trigger": "auto",
            }
        )
        rule = self.env["auto.alert.rule"].create(
            {
                "name": "Parts below minimum",
                "indicator": "part_below_min",
                "severity": "high",
                "user_ids": [Command.link(self.inventory_manager.id)],
            }
        )
        created, _resolved = rule._evaluate()
        self.assertIn(orderpoint.id, created.mapped("res_id"))
        created = created.filtered(lambda a: a.res_id == orderpoint.id)  # demo parts below minimum fire too
        self.assertEqual(
            (created.res_model, created.res_id, created.value), ("stock.warehouse.orderpoint", orderpoint.id, 100.0)
        )
        action = created.with_user(self.inventory_manager).action_auto_replenish()
        purchase = self.env["purchase.order"].search(action["domain"])
        self.assertEqual(purchase.partner_id, self.vendor)
        self.assertEqual(purchase.order_line.product_qty, 50, "order up to the maximum")
        self.env["stock.quant"]._update_available_quantity(self.mirror, self.stock_location, 30)
        created, resolved = rule._evaluate()
        self.assertFalse(created)
        resolved = resolved.filtered(lambda a: a.res_id == orderpoint.id)
        self.assertEqual(resolved.state, "resolved")

    def test_part_without_movement_alert(self):
        self._consume(self.oil_filter, 1, self.customer_location)
        rule = self.env["auto.alert.rule"].create(
            {
                "name": "Dormant parts",
                "indicator": "part_no_movement",
                "threshold": 30,
            }
        )
        created, _resolved = rule._evaluate()
        subjects = {(alert.res_model, alert.res_id) for alert in created}
        self.assertNotIn(("product.product", self.oil_filter.id), subjects)
        self.assertIn(("product.product", self.mirror.id), subjects)
