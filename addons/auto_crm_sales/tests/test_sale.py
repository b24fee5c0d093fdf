from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AutoCrmSalesCase


@tagged("post_install", "-at_install")
class TestSale(AutoCrmSalesCase):
    def test_vin_picker_offers_in_stock_unreserved_vehicles(self):
        SaleLine = self.env["sale.order.line"]
        available = SaleLine._auto_available_lots(self.product)
        self.assertEqual(available, self.lot1 | self.lot2 | self.lot3, "the demo car is not for sale")
        order = self._order(self.lot1)
        self._sign(order)
        self.assertEqual(self.lot1.auto_vehicle_id.state, "sold")
        self.assertEqual(SaleLine._auto_available_lots(self.product), self.lot2 | self.lot3)
        # the VIN field's domain gives the same choice
        domain = [("product_id", "=", self.product.id), ("auto_available_for_sale", "=", True)]
        self.assertEqual(self.env["stock.lot"].search(domain), self.lot2 | self.lot3)
        self.assertFalse(self.lot1.auto_available_for_sale)
        self.assertTrue(self.lot2.auto_available_for_sale)

    def test_vin_picker_query_count(self):
        SaleLine = self.env["sale.order.line"]
        products = self.env["product.product"]
        for count in (10, 100):
            model = self.env["auto.vehicle.model"].create(
                {"name": f"Picker {count}", "series_id": self.series.id, "model_year": 2025}
            )
            vins = [self._vin("LGXCE4CC", count * 1000 + i) for i in range(count)]
            self._stock_quickly(vins, product=model.product_id)
            products |= model.product_id
        small, large = products
        self.env.flush_all()
        self.env.invalidate_all()
        self.cr.sql_log_count = 0
        queries_before = self.cr.sql_log_count
        lots = SaleLine._auto_available_lots(small)
        lots.mapped("display_name")
        queries_small = self.cr.sql_log_count - queries_before
        self.assertEqual(len(lots), 10)
        self.env.invalidate_all()
        with self.assertQueryCount(queries_small):
            lots = SaleLine._auto_available_lots(large)
            lots.mapped("display_name")
        self.assertEqual(len(lots), 100)

    def test_confirming_reserves_the_vin(self):
        order = self._order(self.lot1)
        order.action_auto_submit_contract()
        self.assertEqual(order.auto_contract_state, "approved", "no discount: no approval needed")
        order.action_confirm()
        line = order.order_line
        self.assertTrue(line.auto_lot_reserved)
        move_lines = order.picking_ids.move_ids.move_line_ids
        self.assertEqual(move_lines.lot_id, self.lot1, "the delivery reserves the very VIN sold")
        self.assertEqual(self.lot1.auto_vehicle_id.state, "reserved")
        other = self._order(self.lot1, partner=self.customer2, user=self.consultant2)
        other.action_auto_submit_contract()
        with self.assertRaises(UserError):
            other.action_confirm()
        with self.assertRaises(UserError):
            line.auto_lot_id = self.lot2
        order.action_auto_sign_contract()
        self.assertEqual(order.auto_contract_state, "signed")
        self.assertEqual(self.lot1.auto_vehicle_id.state, "sold")
        self.assertEqual(self.lot1.auto_vehicle_id.partner_id, self.customer)
        value = self.env["auto.customer.value"].search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
        self.assertEqual(value.amount, order.amount_total, "the sale feeds the customer's value")
        order._action_cancel()
        self.assertEqual(order.auto_contract_state, "cancelled")
        self.assertFalse(line.auto_lot_reserved)
        self.assertEqual(self.lot1.auto_vehicle_id.state, "in_stock", "cancelling frees the vehicle")

    def test_unapproved_vehicle_order_cannot_be_confirmed(self):
        order = self._order(self.lot1, price=140000.0)
        with self.assertRaises(UserError):
            order.action_confirm()

    def test_approval_thresholds(self):
        small = self._order(self.lot1, price=147000.0)
        self.assertEqual(small.auto_discount_total, 3000.0)
        small.action_auto_generate_payment_plan()
        small.action_auto_submit_contract()
        self.assertEqual(small.auto_contract_state, "approved")

        medium = self._order(self.lot2, price=140000.0)
        medium.action_auto_generate_payment_plan()
        self.assertEqual(medium.auto_approval_level, "manager")
        medium.with_user(self.consultant).action_auto_submit_contract()
        self.assertEqual(medium.auto_contract_state, "to_approve")
        self.assertTrue(medium.activity_ids.filtered(lambda a: a.user_id == self.manager))
        with self.assertRaises(AccessError):
            medium.with_user(self.consultant).action_auto_approve_contract()
        medium.with_user(self.manager).action_auto_approve_contract()
        self.assertEqual(medium.auto_contract_state, "approved")
        self.assertEqual(medium.auto_approved_by_id, self.manager)

        large = self._order(self.lot3, price=125000.0)
        large.action_auto_generate_payment_plan()
        self.assertEqual(large.auto_approval_level, "general_manager")
        large.action_auto_submit_contract()
        with self.assertRaises(AccessError):
            large.with_user(self.manager).action_auto_approve_contract()
        large.with_user(self.general_manager).action_auto_approve_contract()
        self.assertEqual(large.auto_contract_state, "approved")

    def test_accessories_fees_trade_in_and_financing(self):
        trade_in = self.env.ref("auto_crm_sales.product_trade_in_credit")
        order = self._order(
            self.lot1,
            lines=[
                {"product_id": self.accessory.id, "product_uom_qty": 2, "price_unit": 800.0},
                {"product_id": self.fee.id, "price_unit": 500.0},
                {"product_id": trade_in.id, "price_unit": -30000.0},
            ],
        )
        self.assertEqual(order.auto_amount_vehicle, 150000.0)
        self.assertEqual(order.auto_amount_accessories, 1600.0)
        self.assertEqual(order.auto_amount_fees, 500.0)
        self.assertEqual(order.auto_amount_trade_in, 30000.0)
        self.assertEqual(order.amount_total, 122100.0)
        order.write(
            {
                "auto_payment_method": "loan",
                "auto_loan_amount": 100000.0,
                "auto_loan_term_months": 36,
                "auto_loan_rate": 3.6,
            }
        )
        self.assertEqual(order.auto_down_payment, 22100.0)
        self.assertAlmostEqual(order.auto_monthly_payment, 2934.64)
        order.action_auto_generate_payment_plan()
        plan = order.auto_payment_plan_line_ids
        self.assertEqual(plan.mapped("kind"), ["deposit", "down_payment", "loan"])
        self.assertEqual(sum(plan.mapped("amount")), order.amount_total)

    def test_amendment_versions(self):
        order = self._sign(self._order(self.lot1, lines=[{"product_id": self.accessory.id, "price_unit": 800.0}]))
        self.assertEqual(order.auto_version, 1)
        first = order.auto_version_ids
        self.assertEqual(first.snapshot["amount_total"], 150800.0)
        with self.assertRaises(UserError):
            order.order_line[1].price_unit = 600.0
        action = order.action_auto_amend_contract()
        wizard = (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"reason": "Customer adds a second accessory"})
        )
        wizard.action_amend()
        self.assertEqual(order.auto_contract_state, "draft")
        order.order_line = [Command.create({"product_id": self.accessory.id, "price_unit": 700.0, "tax_id": False})]
        self.assertIn("Added", order.auto_amendment_diff)
        order.auto_payment_plan_line_ids.filtered(lambda p: p.kind == "balance").amount += 700.0
        order.action_auto_submit_contract()
        self.assertEqual(order.auto_contract_state, "to_approve", "an amendment is always approved again")
        with self.assertRaises(AccessError):
            order.with_user(self.consultant).action_auto_approve_contract()
        order.with_user(self.manager).action_auto_approve_contract()
        order.action_auto_sign_contract()
        self.assertEqual(order.auto_contract_state, "signed")
        self.assertEqual(order.auto_version, 2)
        second = order.auto_version_ids.filtered(lambda v: v.version == 2)
        self.assertEqual(second.reason, "Customer adds a second accessory")
        self.assertIn("Added", second.diff_html)
        self.assertIn("150800", second.diff_html.replace(",", "").replace(".0", ""))
        # the signed version stays readable as it was
        self.assertEqual(first.snapshot["amount_total"], 150800.0)
        self.assertEqual(len(first.snapshot["lines"]), 2)
        self.assertIn("Floor Mats", first.content_html)
        with self.assertRaises(UserError):
            first.write({"snapshot": {}})

    def test_contract_pdf_renders_in_chinese(self):
        order = self._sign(self._order(self.lot1))
        html, _type = self.env["ir.actions.report"]._render_qweb_html("auto_crm_sales.report_sale_contract", order.ids)
        html = html.decode()
        self.assertIn("汽车销售合同", html)
        self.assertIn(self.lot1.name, html)
        self.assertIn("回款计划", html)

    def test_delivery_hands_the_vehicle_over(self):
        """Delivering the contract's vehicle starts the owner's life with it: purchase date, warranty, odometer."""
        order = self._sign(self._order(self.lot1))
        vehicle = self.lot1.auto_vehicle_id
        self.assertFalse(vehicle.purchase_date, "signed, not yet delivered")
        self.assertFalse(order.auto_delivery_checklist_done)
        with self.assertRaisesRegex(UserError, "delivery checklist"):
            order._auto_demo_deliver()
        self._complete_delivery_checklist(order)
        order.auto_delivery_keys_handed = False
        with self.assertRaisesRegex(UserError, "Keys Handed Over"):
            order._auto_demo_deliver()
        self.assertEqual(order.auto_contract_state, "signed", "nothing delivered while the checklist is incomplete")
        order.auto_delivery_keys_handed = True
        self.assertTrue(order.auto_delivery_checklist_done)
        order._auto_demo_deliver()
        today = fields.Date.context_today(order)
        self.assertEqual(order.auto_contract_state, "delivered")
        self.assertEqual(vehicle.state, "delivered")
        self.assertEqual(vehicle.partner_id, self.customer)
        self.assertEqual(vehicle.purchase_date, today)
        self.assertEqual(vehicle.warranty_end_date, today + relativedelta(years=3))
        self.assertEqual(vehicle.warranty_end_km, 100000)
        self.assertTrue(vehicle.in_warranty)
        reading = vehicle.odometer_ids.filtered(lambda r: r.source == "sale")
        self.assertEqual((reading.date, reading.note), (today, order.name))
        self.assertEqual(self.customer.auto_last_visit_date, today)
        self.assertEqual(vehicle.ownership_ids.filtered(lambda o: not o.date_end).partner_id, self.customer)
