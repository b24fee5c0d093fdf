from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AftersalesCase


@tagged("post_install", "-at_install")
class TestServicePricing(AftersalesCase):
    """A service order is priced and invoiced through Odoo's repair quotation: parts and labour operations are
    its lines, warranty lines cost nothing, and the order's amounts are the quotation's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.labour = cls.env["product.product"].create(
            {"name": "Labour (test)", "type": "service", "list_price": 200.0, "taxes_id": [Command.clear()]}
        )
        cls.env.company.auto_labour_product_id = cls.labour
        cls.part = cls.env["product.product"].create(
            {"name": "Oil filter (test)", "is_storable": True, "list_price": 80.0, "taxes_id": [Command.clear()]}
        )

    def _order_with_work(self, **vals):
        repair = self._order(auto_mileage_in=9000, **vals).with_user(self.advisor)
        repair.write(
            {
                "auto_labour_line_ids": [Command.create({"name": "Oil change", "hours": 1.5})],
                "move_ids": [
                    Command.create({"product_id": self.part.id, "product_uom_qty": 2, "repair_line_type": "add"})
                ],
            }
        )
        return repair

    def test_quotation_carries_parts_and_labour(self):
        repair = self._order_with_work()
        operation = repair.auto_labour_line_ids
        self.assertEqual((operation.product_id, operation.hourly_rate), (self.labour, 200.0), "the product's rate")
        self.assertEqual(repair.auto_amount_total, 460.0, "an estimate before the quotation: 2 x 80 + 1.5 h x 200")
        repair.action_create_sale_order()
        order = repair.sale_order_id
        self.assertTrue(order, "the advisor makes the quotation")
        self.assertEqual(operation.sale_line_id.order_id, order)
        self.assertEqual(
            (operation.sale_line_id.product_id, operation.sale_line_id.product_uom_qty), (self.labour, 1.5)
        )
        self.assertEqual(order.amount_untaxed, 460.0)
        self.assertEqual(
            (repair.auto_amount_parts, repair.auto_amount_labour, repair.auto_amount_total), (160.0, 300.0, 460.0)
        )
        # a discount given on the quotation is the service order's price
        order.order_line.filtered(lambda line: line.product_id == self.part).discount = 50.0
        self.assertEqual(repair.auto_amount_total, 380.0)

    def test_operations_stay_in_step_with_the_quotation(self):
        repair = self._order_with_work()
        repair.action_create_sale_order()
        order = repair.sale_order_id
        operation = repair.auto_labour_line_ids
        operation.hours = 2.0
        self.assertEqual(operation.sale_line_id.product_uom_qty, 2.0)
        self.assertEqual(repair.auto_amount_labour, 400.0)
        # the technician records an operation: it joins the quotation, which he may not edit himself
        extra = (
            self.env["auto.repair.labour"]
            .with_user(self.technician)
            .create({"repair_id": repair.id, "name": "Brake check", "hours": 0.5, "technician_id": self.technician.id})
        )
        self.assertEqual(extra.sale_line_id.order_id, order)
        self.assertEqual(repair.auto_amount_labour, 500.0)
        # an operation taken off leaves its line at nothing, as Odoo does with parts
        sale_line = extra.sale_line_id
        extra.with_user(self.advisor).unlink()
        self.assertEqual(sale_line.product_uom_qty, 0.0)
        self.assertEqual(repair.auto_amount_labour, 400.0)

    def test_warranty_work_costs_the_customer_nothing(self):
        repair = self._order_with_work(auto_service_type="warranty", under_warranty=True)
        self.assertEqual(repair.auto_amount_total, 0.0)
        repair.action_create_sale_order()
        self.assertEqual(repair.sale_order_id.amount_untaxed, 0.0, "parts and labour at nothing under warranty")
        self.assertEqual(repair.auto_labour_line_ids.sale_line_id.price_unit, 0.0)
        repair.under_warranty = False
        self.assertEqual(repair.auto_labour_line_ids.sale_line_id.price_unit, 200.0)

    def test_the_invoice_comes_from_the_quotation(self):
        repair = self._order_with_work()
        repair.action_create_sale_order()
        order = repair.sale_order_id
        order.action_confirm()
        invoice = order.sudo()._create_invoices()
        labour_lines = invoice.invoice_line_ids.filtered(lambda line: line.product_id == self.labour)
        self.assertEqual((labour_lines.quantity, labour_lines.price_subtotal), (1.5, 300.0))

    def test_operation_without_labour_product(self):
        self.env.company.auto_labour_product_id = False
        repair = self._order(auto_mileage_in=9000)
        repair.action_create_sale_order()
        with self.assertRaisesRegex(ValidationError, "labour product"):
            repair.auto_labour_line_ids = [Command.create({"name": "Diagnosis", "hours": 1.0, "hourly_rate": 150.0})]

    def test_locked_quotation_refuses_changes(self):
        repair = self._order_with_work()
        repair.action_create_sale_order()
        order = repair.sale_order_id
        order.action_confirm()
        order.action_lock()
        with self.assertRaisesRegex(ValidationError, "locked"):
            repair.auto_labour_line_ids.hours = 3.0
