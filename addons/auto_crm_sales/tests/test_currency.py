from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AutoCrmSalesCase

# the day the contracts are made, and the rates around it (units of the test currency per unit of the company's)
ORDER_DAY = "2025-03-15"
RATE_AT_ORDER = 0.5  # from 2025-03-01: 1 XTS = 2 in the company's currency
RATE_LATER = 0.25  # from 2025-04-01: 1 XTS = 4; never the rate of a contract made on ORDER_DAY


@tagged("post_install", "-at_install")
class TestCurrency(AutoCrmSalesCase):
    """Contracts priced in another currency than the company's meet company figures converted at the order date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_currency = cls.company.currency_id
        # a currency of the test's own (ISO's code for tests), with no rate but the test's
        cls.xts = cls.env["res.currency"].create({"name": "XTS", "symbol": "X$", "rounding": 0.01})
        cls.env["res.currency.rate"].create(
            [
                # the company's currency is the reference: 1, whatever rates the database holds
                {"currency_id": cls.company_currency.id, "name": "2025-01-01", "rate": 1.0},
                {"currency_id": cls.xts.id, "name": "2025-03-01", "rate": RATE_AT_ORDER},
                {"currency_id": cls.xts.id, "name": "2025-04-01", "rate": RATE_LATER},
            ]
        )
        cls.pricelist_xts = cls.env["product.pricelist"].create({"name": "Export (XTS)", "currency_id": cls.xts.id})

    @classmethod
    def _xts_order(cls, lot, price, lines=()):
        order_lines = [
            Command.create(
                {"product_id": lot.product_id.id, "auto_lot_id": lot.id, "price_unit": price, "tax_id": False}
            )
        ]
        order_lines += [Command.create(dict(line, tax_id=False)) for line in lines]
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.consultant.id,
                "pricelist_id": cls.pricelist_xts.id,
                "order_line": order_lines,
            }
        )

    def test_discount_limits_compare_the_converted_discount(self):
        with freeze_time(ORDER_DAY):
            # list price 150,000 in the company's currency = 75,000 XTS at the order date
            small = self._xts_order(self.lot1, 74000.0)
            medium = self._xts_order(self.lot2, 72000.0)
            large = self._xts_order(self.lot3, 60000.0)
        self.assertEqual(medium.currency_id, self.xts)
        self.assertEqual(medium.order_line.auto_list_price, 75000.0, "the list price in the order's currency")
        self.assertEqual(medium.auto_discount_total, 3000.0, "3,000 XTS off the list price")
        self.assertEqual(medium.auto_discount_total_company, 6000.0, "3,000 XTS at 2 = 6,000")
        # limits 5,000 (consultant) and 20,000 (manager) in the company's currency
        self.assertEqual(small.auto_discount_total_company, 2000.0)
        self.assertEqual(small.auto_approval_level, "none", "2,000 is within the consultant's limit")
        self.assertEqual(medium.auto_approval_level, "manager", "6,000 is above the consultant's 5,000")
        self.assertEqual(large.auto_discount_total_company, 30000.0)
        self.assertEqual(large.auto_approval_level, "general_manager", "30,000 is above the manager's 20,000")
        with freeze_time(ORDER_DAY):
            large.action_auto_generate_payment_plan()
            large.action_auto_submit_contract()
        self.assertEqual(large.auto_contract_state, "to_approve")
        with self.assertRaises(AccessError) as refused:
            large.with_user(self.manager).action_auto_approve_contract()
        self.assertIn("30,000.00", str(refused.exception), "the refusal shows the discount the limit was met with")
        large.with_user(self.general_manager).action_auto_approve_contract()
        self.assertEqual(large.auto_contract_state, "approved")

    def test_proposed_deposit_is_the_company_deposit_converted(self):
        with freeze_time(ORDER_DAY):
            order = self._xts_order(self.lot1, 74000.0)
            order.action_auto_generate_payment_plan()
        deposit, balance = order.auto_payment_plan_line_ids
        self.assertEqual((deposit.kind, deposit.amount), ("deposit", 2500.0), "5,000 in the company's currency")
        self.assertEqual((balance.kind, balance.amount), ("balance", 71500.0))

    def test_profit_and_customer_value_in_company_currency(self):
        vin = self._vin("LGXCE4CB", 910)
        self._receive([vin], price=120000.0)
        lot = self.env["stock.lot"].search([("name", "=", vin)])
        with freeze_time(ORDER_DAY):
            # 74,000 + 400 XTS (the floor mats' 800 at list price) = 74,400 XTS = 148,800
            order = self._sign(self._xts_order(lot, 74000.0, lines=[{"product_id": self.accessory.id}]))
        self.assertEqual(order.auto_contract_state, "signed")
        self.assertEqual(order.amount_untaxed, 74400.0)
        self.assertEqual(order.auto_cost_total, 120300.0, "stock cost 120,000 and the mats' 300, company currency")
        self.assertEqual(order.auto_gross_profit, 148800.0 - 120300.0)
        value = self.env["auto.customer.value"].search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
        self.assertEqual(value.amount, 148800.0, "the contract's 74,400 XTS at 2")
        self.assertEqual(value.currency_id, self.company_currency)
        self.env.flush_all()
        with freeze_time("2025-04-10"):  # today's rate is 4: the contract keeps the rate of its order date
            Report = self.env["auto.vehicle.profit.report"]
            vehicle_row = Report.search([("order_id", "=", order.id), ("line_kind", "=", "vehicle")])
            self.assertEqual(vehicle_row.currency_id, self.company_currency)
            self.assertEqual(vehicle_row.revenue, 148000.0, "74,000 XTS at 2")
            self.assertEqual(vehicle_row.gross_profit, 28000.0)
            ((revenue, cost, profit),) = Report._read_group(
                [("lot_id", "=", lot.id)], [], ["revenue:sum", "cost:sum", "gross_profit:sum"]
            )
            self.assertEqual((revenue, cost, profit), (148800.0, 120300.0, 28500.0))

    def test_receivables_in_company_currency(self):
        with freeze_time(ORDER_DAY):
            order = self._xts_order(self.lot1, 74000.0)
            order.auto_payment_plan_line_ids = [
                Command.create({"kind": "deposit", "amount": 2000.0, "due_date": date(2025, 3, 15), "sequence": 1}),
                Command.create({"kind": "balance", "amount": 72000.0, "due_date": date(2025, 4, 15), "sequence": 2}),
            ]
            order.action_auto_submit_contract()
            order.action_auto_sign_contract()
            self._pay(self._invoice(order), 2000.0)
            # a contract in the company's currency, to add up with
            local = self._order(self.lot2, price=150000.0)
            local.auto_payment_plan_line_ids = [
                Command.create({"kind": "balance", "amount": 150000.0, "due_date": date(2025, 4, 1)})
            ]
            local.action_auto_submit_contract()
            local.action_auto_sign_contract()
        deposit, balance = order.auto_payment_plan_line_ids
        self.assertEqual(deposit.state, "paid")
        self.assertEqual(
            (deposit.amount, deposit.amount_company, deposit.amount_paid_company, deposit.amount_residual_company),
            (2000.0, 4000.0, 4000.0, 0.0),
        )
        self.assertEqual((balance.amount_residual, balance.currency_id), (72000.0, self.xts), "what the customer owes")
        self.assertEqual(
            (balance.amount_company, balance.amount_residual_company, balance.company_currency_id),
            (144000.0, 144000.0, self.company_currency),
        )
        self.assertEqual(order.auto_amount_receivable, 72000.0)
        self.assertEqual(order.auto_amount_receivable_company, 144000.0)
        self.assertEqual(local.auto_amount_receivable_company, 150000.0)
        self.env.flush_all()

        with freeze_time("2025-05-20"):  # today's rate is 4: the receivables keep the rate of the order date
            Report = self.env["auto.receivable.report"]
            self.env.cr.execute(Report._query(date(2025, 5, 20)))
            rows = {(row["order_id"], row["kind"]): row for row in self.env.cr.dictfetchall()}
            row = rows[(order.id, "balance")]
            self.assertEqual(row["currency_id"], self.company_currency.id)
            self.assertEqual(row["order_currency_id"], self.xts.id)
            self.assertEqual((row["amount_currency"], row["amount_residual_currency"]), (72000.0, 72000.0))
            self.assertEqual((row["amount"], row["amount_residual"], row["amount_overdue"]), (144000.0,) * 3)
            self.assertEqual((row["ageing_bucket"], row["days_overdue"]), ("31_60", 35))
            self.assertEqual(rows[(order.id, "deposit")]["amount_paid"], 4000.0)
            # the ageing adds up both contracts in the company's currency: 144,000 + 150,000
            ageing = {}
            for (order_id, _kind), aged in rows.items():
                if order_id in (order + local).ids and aged["amount_residual"]:
                    ageing[aged["ageing_bucket"]] = ageing.get(aged["ageing_bucket"], 0.0) + aged["amount_overdue"]
            self.assertEqual(ageing, {"31_60": 294000.0})
            ((amount, paid),) = Report._read_group([("order_id", "=", order.id)], [], ["amount:sum", "amount_paid:sum"])
            self.assertEqual((amount, paid), (148000.0, 4000.0))

            rule = self.env["auto.alert.rule"].create(
                {"name": "Receivable overdue 20 days", "indicator": "receivable_overdue", "threshold": 20}
            )
            created, _resolved = rule._evaluate()
            alert = created.filtered(lambda a: a.res_id == balance.id)
            self.assertEqual(alert.value, 35)
            self.assertIn(f"144,000.00 {self.company_currency.name} (72,000.00 XTS)", alert.message)
            local_alert = created.filtered(lambda a: a.res_id == local.auto_payment_plan_line_ids.id)
            self.assertIn(f"150,000.00 {self.company_currency.name} of", local_alert.message)
