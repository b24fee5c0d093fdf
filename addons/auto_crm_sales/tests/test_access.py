from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AutoCrmSalesCase


@tagged("post_install", "-at_install")
class TestAccess(AutoCrmSalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order1 = cls._sign(cls._order(cls.lot1))
        cls.order2 = cls._order(cls.lot2, partner=cls.customer2, user=cls.consultant2)
        cls.order2.action_auto_generate_payment_plan()
        cls.lead1 = cls.env["crm.lead"].create({"name": "Lead of Li", "user_id": cls.consultant.id})
        cls.lead2 = cls.env["crm.lead"].create({"name": "Lead of Zhao", "user_id": cls.consultant2.id})
        drive_vals = {
            "vehicle_id": cls.demo_vehicle.id,
            "licence_number": "L1",
            "licence_expiry": date(2030, 1, 1),
        }
        cls.drive1 = cls.env["auto.test.drive"].create(
            dict(
                drive_vals, partner_id=cls.customer.id, user_id=cls.consultant.id, date_start=datetime(2025, 5, 1, 9, 0)
            )
        )
        cls.drive2 = cls.env["auto.test.drive"].create(
            dict(
                drive_vals,
                partner_id=cls.customer2.id,
                user_id=cls.consultant2.id,
                date_start=datetime(2025, 5, 1, 14, 0),
            )
        )

    def test_consultant_sees_own_records(self):
        env = self.env(user=self.consultant)
        self.assertEqual(env["sale.order"].search([("id", "in", (self.order1 | self.order2).ids)]), self.order1)
        self.assertEqual(env["crm.lead"].search([("id", "in", (self.lead1 | self.lead2).ids)]), self.lead1)
        drives = self.drive1 | self.drive2
        self.assertEqual(env["auto.test.drive"].search([("id", "in", drives.ids)]), self.drive1)
        plans = env["auto.payment.plan.line"].search([("order_id", "in", (self.order1 | self.order2).ids)])
        self.assertEqual(plans.order_id, self.order1)
        with self.assertRaises(AccessError):
            self.order2.with_user(self.consultant).read(["name"])
        with self.assertRaises(AccessError):
            self.drive2.with_user(self.consultant).write({"route": "Ring road"})
        with self.assertRaises(AccessError):
            self.env["auto.vehicle.profit.report"].with_user(self.consultant).search([])

    def test_sales_manager_sees_the_team(self):
        env = self.env(user=self.manager)
        orders = self.order1 | self.order2
        self.assertEqual(env["sale.order"].search([("id", "in", orders.ids)]), orders)
        drives = self.drive1 | self.drive2
        self.assertEqual(env["auto.test.drive"].search([("id", "in", drives.ids)]), drives)
        self.assertEqual(env["auto.payment.plan.line"].search([("order_id", "in", orders.ids)]).order_id, orders)
        env["auto.vehicle.profit.report"].search([])

    def test_finance_sees_receivables_but_cannot_change_prices(self):
        env = self.env(user=self.finance)
        orders = self.order1 | self.order2
        self.assertEqual(env["auto.payment.plan.line"].search([("order_id", "in", orders.ids)]).order_id, orders)
        env["auto.receivable.report"].search([])
        self.order1.with_user(self.finance).read(["amount_total", "auto_contract_state"])
        with self.assertRaises(AccessError):
            self.order2.order_line.with_user(self.finance).write({"price_unit": 1.0})
        with self.assertRaises(AccessError):
            self.order1.order_line.with_user(self.finance).write({"discount": 10.0})
        with self.assertRaises(AccessError):
            self.order1.auto_payment_plan_line_ids[:1].with_user(self.finance).write({"amount": 1.0})
        with self.assertRaises(AccessError):
            env["auto.test.drive"].search([])

    def test_general_manager_sees_all(self):
        env = self.env(user=self.general_manager)
        orders = self.order1 | self.order2
        self.assertEqual(env["sale.order"].search([("id", "in", orders.ids)]), orders)
        self.assertEqual(env["crm.lead"].search([("id", "in", (self.lead1 | self.lead2).ids)]), self.lead1 | self.lead2)
        env["auto.receivable.report"].search([])
        env["auto.vehicle.profit.report"].search([])
