from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AutoCrmInventoryCase


@tagged("post_install", "-at_install")
class TestVehicleStock(AutoCrmInventoryCase):
    def test_model_gets_serial_product(self):
        product = self.model.product_id
        self.assertTrue(product)
        self.assertEqual(product.tracking, "serial")
        self.assertTrue(product.is_storable)
        self.assertEqual(product.auto_product_kind, "vehicle")
        self.assertIn("Qin PLUS", product.name)

    def test_receipt_good_vin_creates_vehicle(self):
        vin = self._vin("LGXC16DF", 1)
        typed = f" {vin[:8].lower()}-{vin[8:]} "
        picking = self._receive([typed])
        self.assertEqual(picking.state, "done")
        lot = picking.move_line_ids.lot_id
        self.assertEqual(lot.name, vin, "the VIN is stored normalized")
        vehicle = lot.auto_vehicle_id
        self.assertTrue(vehicle, "receiving creates the registry's vehicle")
        self.assertEqual(vehicle.vin, vin)
        self.assertEqual(vehicle.model_id, self.model)
        self.assertEqual(vehicle.state, "in_stock")
        self.assertEqual(vehicle.stock_location_id, self.showroom)
        self.assertEqual(vehicle.stock_area, "showroom")
        self.assertTrue(vehicle.stock_in_date)
        self.assertEqual(self._on_hand(), 1)

    def test_receipt_links_registered_vehicle(self):
        vin = self._vin("LGXC16DF", 2)
        vehicle = self.env["auto.vehicle"].create({"vin": vin, "model_id": self.model.id})
        self._receive([vin])
        self.assertEqual(vehicle.lot_id.name, vin)
        self.assertEqual(self.env["auto.vehicle"].search_count([("vin", "=", vin)]), 1)
        self.assertEqual(vehicle.state, "in_stock")

    def test_receipt_bad_vin_refused(self):
        vin = self._vin("LGXC16DF", 3)
        bad = vin[:8] + ("1" if vin[8] != "1" else "2") + vin[9:]
        with self.assertRaisesRegex(ValidationError, "check digit"):
            self._receive([bad])
        with self.assertRaisesRegex(ValidationError, "letters I, O and Q"):
            self._receive(["LGXC16DFOP0000001"])
        self.assertEqual(self._on_hand(), 0)
        self.assertFalse(self.env["auto.vehicle"].search([("vin", "=", bad)]))

    def test_receipt_duplicate_vin_refused(self):
        vin = self._vin("LGXC16DF", 4)
        self._receive([vin])
        with self.assertRaisesRegex(ValidationError, "already in stock"):
            self._receive([vin], location=self.yard)
        with self.assertRaisesRegex(ValidationError, "received twice"):
            self._receive([self._vin("LGXC16DF", 5), self._vin("LGXC16DF", 5)])
        self.assertEqual(self._on_hand(), 1)
        self.assertEqual(self._on_hand(location=self.yard), 0)

    def test_receipt_vin_sold_to_customer_refused(self):
        vin = self._vin("LGXC16DF", 6)
        self.env["auto.vehicle"].create(
            {
                "vin": vin,
                "model_id": self.model.id,
                "partner_id": self.customer.id,
                "state": "customer",
            }
        )
        with self.assertRaisesRegex(ValidationError, "already sold"):
            self._receive([vin])
        self.assertEqual(self._on_hand(), 0)

    def test_status_reserved_delivered(self):
        vin = self._vin("LGXC16DF", 7)
        self._receive([vin])
        vehicle = self.env["auto.vehicle"].search([("vin", "=", vin)])
        self.assertEqual(vehicle.state, "in_stock")
        picking = self._deliver(vehicle, validate=False)
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(vehicle.state, "reserved", "a delivery order holding the VIN reserves the vehicle")
        picking.move_ids.picked = True
        picking._action_done()
        self.assertEqual(vehicle.state, "delivered")
        self.assertFalse(vehicle.stock_location_id)
        with self.assertRaisesRegex(ValidationError, "already sold"):
            self._receive([vin])

    def test_status_demo_sold_in_transit(self):
        vin = self._vin("LGXC16DF", 8)
        self._receive([vin])
        vehicle = self.env["auto.vehicle"].search([("vin", "=", vin)])
        vehicle.auto_demo = True
        self.assertEqual(vehicle.state, "demo")
        vehicle.write({"auto_demo": False, "auto_sold": True})
        self.assertEqual(vehicle.state, "sold")
        announced = self.env["stock.lot"].create({"name": self._vin("LGXC16DF", 9), "product_id": self.product.id})
        self.assertEqual(announced.auto_vehicle_id.state, "in_transit")
        self.assertEqual(announced.auto_vehicle_id.model_id, self.model)

    def test_lot_bad_vin_refused(self):
        with self.assertRaisesRegex(ValidationError, "17"):
            self.env["stock.lot"].create({"name": "LGXC16", "product_id": self.product.id})

    def test_vin_of_stocked_vehicle_locked(self):
        vin = self._vin("LGXC16DF", 10)
        self._receive([vin])
        vehicle = self.env["auto.vehicle"].search([("vin", "=", vin)])
        with self.assertRaises(UserError):
            vehicle.vin = self._vin("LGXC16DF", 11)

    def test_customer_vehicle_without_lot_unchanged(self):
        vehicle = self.env["auto.vehicle"].create(
            {
                "vin": self._vin("LGXC16DF", 12),
                "model_id": self.model.id,
                "partner_id": self.customer.id,
                "state": "customer",
            }
        )
        self.assertEqual(vehicle.state, "customer")
        vehicle.color = "White"
        self.assertEqual(vehicle.state, "customer")
        plain = self.env["auto.vehicle"].create({"vin": self._vin("LGXC16DF", 13), "model_id": self.model.id})
        self.assertEqual(plain.state, "in_stock")

    def test_stock_value_and_history(self):
        vin = self._vin("LGXC16DF", 14)
        self._receive([vin], price=123456.0)
        vehicle = self.env["auto.vehicle"].search([("vin", "=", vin)])
        self.assertAlmostEqual(vehicle.stock_value, 123456.0)
        vehicle.invalidate_recordset(["stock_move_line_ids"])
        self.assertEqual(len(vehicle.stock_move_line_ids), 1)
        self._deliver(vehicle)
        vehicle.invalidate_recordset(["stock_move_line_ids"])
        self.assertEqual(len(vehicle.stock_move_line_ids), 2)
        turnover = self.env["auto.vehicle.turnover.report"].search([("vehicle_id", "=", vehicle.id)])
        self.assertEqual(turnover.days_to_sell, 0)
