from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AutoCrmInventoryCase


@tagged("post_install", "-at_install")
class TestInventoryAccess(AutoCrmInventoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vin = cls._vin("LGXC16DF", 400)
        cls._receive([cls.vin], price=150000.0)
        cls.vehicle = cls.env["auto.vehicle"].search([("vin", "=", cls.vin)])

    def test_consultant_sees_stock_not_costs(self):
        vehicle = self.vehicle.with_user(self.consultant)
        self.assertEqual(vehicle.read(["state", "stock_location_id", "stock_age_days"])[0]["state"], "in_stock")
        self.assertNotIn("stock_value", vehicle.fields_get())
        with self.assertRaises(AccessError):
            vehicle.read(["stock_value"])
        with self.assertRaises(AccessError):
            vehicle.read(["carrying_cost"])
        Report = self.env["auto.vehicle.stock.report"].with_user(self.consultant)
        self.assertEqual(Report.search_count([("vehicle_id", "=", self.vehicle.id)]), 1)
        with self.assertRaises(AccessError):
            Report.search_read([("vehicle_id", "=", self.vehicle.id)], ["stock_value"])
        with self.assertRaises(AccessError):
            self.env["auto.stock.count"].with_user(self.consultant).search([])
        with self.assertRaises(AccessError):
            self.env["auto.vehicle.turnover.report"].with_user(self.consultant).search([])

    def test_clerk_counts_but_no_costs(self):
        vehicle = self.vehicle.with_user(self.clerk)
        self.assertEqual(vehicle.lot_id.name, self.vin)
        with self.assertRaises(AccessError):
            vehicle.read(["stock_value"])
        count = self.env["auto.stock.count"].with_user(self.clerk).create({"location_id": self.showroom.id})
        count.action_start()
        self.assertEqual(count.expected_count, 1)
        with self.assertRaises(AccessError):
            count.unlink()

    def test_inventory_manager_sees_costs(self):
        vehicle = self.vehicle.with_user(self.inventory_manager)
        self.assertAlmostEqual(vehicle.stock_value, 150000.0)
        rows = (
            self.env["auto.vehicle.stock.report"]
            .with_user(self.inventory_manager)
            .search_read([("vehicle_id", "=", self.vehicle.id)], ["stock_value"])
        )
        self.assertAlmostEqual(rows[0]["stock_value"], 150000.0)

    def test_advisor_reads_stock_report(self):
        Report = self.env["auto.vehicle.stock.report"].with_user(self.advisor)
        self.assertEqual(Report.search_count([("vehicle_id", "=", self.vehicle.id)]), 1)
        with self.assertRaises(AccessError):
            self.env["auto.alert.rule"].with_user(self.advisor).create(
                {
                    "name": "x",
                    "indicator": "vehicle_stock_age",
                    "threshold": 10,
                }
            )
