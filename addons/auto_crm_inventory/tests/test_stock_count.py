from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AutoCrmInventoryCase


@tagged("post_install", "-at_install")
class TestStockCount(AutoCrmInventoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vin_found = cls._vin("LGXC16DF", 201)
        cls.vin_missing = cls._vin("LGXC16DF", 202)
        cls.vin_elsewhere = cls._vin("LGXC16DF", 203)
        cls.vin_unknown = cls._vin("LGXC16DF", 204)
        cls._receive([cls.vin_found, cls.vin_missing], location=cls.showroom)
        cls._receive([cls.vin_elsewhere], location=cls.yard)

    def _counted_session(self):
        count = self.env["auto.stock.count"].with_user(self.clerk).create({"location_id": self.showroom.id})
        count.action_start()
        self.assertEqual(count.state, "in_progress")
        self.assertEqual(count.expected_count, 2)
        count.action_scan(self.vin_found.lower())
        count.action_scan(self.vin_elsewhere)
        count.action_scan(self.vin_unknown)
        return count

    def _quantity(self, vin, location):
        lot = self.env["stock.lot"].search([("name", "=", vin)])
        return (
            sum(
                self.env["stock.quant"]
                .search([("lot_id", "=", lot.id), ("location_id", "=", location.id)])
                .mapped("quantity")
            )
            if lot
            else 0
        )

    def test_count_lists_discrepancies(self):
        count = self._counted_session()
        results = {line.vin: line.result for line in count.line_ids}
        self.assertEqual(
            results,
            {
                self.vin_found: "found",
                self.vin_missing: "missing",
                self.vin_elsewhere: "misplaced",
                self.vin_unknown: "unexpected",
            },
        )
        self.assertEqual((count.missing_count, count.unexpected_count, count.misplaced_count), (1, 1, 1))
        line = count.line_ids.filtered(lambda item: item.vin == self.vin_found)
        self.assertEqual(line.counted_by_id, self.clerk)
        self.assertTrue(line.date_counted)
        self.assertEqual(line.counted_location_id, self.showroom)

    def test_scan_twice_and_bad_vin_refused(self):
        count = self._counted_session()
        with self.assertRaisesRegex(UserError, "already scanned"):
            count.action_scan(self.vin_found)
        with self.assertRaisesRegex(ValidationError, "17"):
            count.action_scan("LGXC16")
        self.assertEqual(count.counted_count, 3)

    def test_no_adjustment_without_approval(self):
        count = self._counted_session()
        count.line_ids.filtered(lambda line: line.vin == self.vin_unknown).product_id = self.product
        count.action_submit()
        self.assertEqual(count.state, "to_approve")
        self.assertIn("1 missing", count.message_ids[0].body)
        with self.assertRaisesRegex(AccessError, "inventory manager"):
            count.with_user(self.clerk).action_approve()
        # the clerk cannot go around the count with Odoo's own inventory adjustment either
        quant = self.env["stock.quant"].search([("lot_id.name", "=", self.vin_missing)])
        quant.with_user(self.clerk).with_context(inventory_mode=True).inventory_quantity = 0
        with self.assertRaisesRegex(UserError, "approved by an inventory manager"):
            quant.with_user(self.clerk).with_context(inventory_mode=True).action_apply_inventory()
        self.assertEqual(self._quantity(self.vin_missing, self.showroom), 1)
        self.assertEqual(self._quantity(self.vin_elsewhere, self.yard), 1)
        self.assertEqual(self._quantity(self.vin_unknown, self.showroom), 0)
        self.assertEqual(count.state, "to_approve")

    def test_approval_adjusts_stock(self):
        count = self._counted_session()
        count.action_submit()
        with self.assertRaisesRegex(UserError, "Choose the model"):
            count.with_user(self.inventory_manager).action_approve()
        count.line_ids.filtered(lambda line: line.vin == self.vin_unknown).product_id = self.product2
        count.with_user(self.inventory_manager).action_approve()
        self.assertEqual(count.state, "done")
        self.assertEqual(count.approved_by_id, self.inventory_manager)
        self.assertTrue(count.date_approved)
        self.assertEqual(self._quantity(self.vin_missing, self.showroom), 0)
        self.assertEqual(self._quantity(self.vin_elsewhere, self.yard), 0)
        self.assertEqual(self._quantity(self.vin_elsewhere, self.showroom), 1)
        self.assertEqual(self._quantity(self.vin_unknown, self.showroom), 1)
        self.assertEqual(self._quantity(self.vin_found, self.showroom), 1)
        Vehicle = self.env["auto.vehicle"]
        self.assertEqual(Vehicle.search([("vin", "=", self.vin_elsewhere)]).stock_location_id, self.showroom)
        new_vehicle = Vehicle.search([("vin", "=", self.vin_unknown)])
        self.assertEqual((new_vehicle.state, new_vehicle.model_id), ("in_stock", self.model2))
        self.assertEqual(Vehicle.search([("vin", "=", self.vin_missing)]).state, "scrapped")
        moves = self.env["stock.move"].search([("reference", "ilike", count.name)])
        self.assertEqual(len(moves), 4, "one adjustment move per missing, misplaced (out and in) and unexpected VIN")
        with self.assertRaises(UserError):
            count.unlink()
