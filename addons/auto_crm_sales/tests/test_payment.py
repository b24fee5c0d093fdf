from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AutoCrmSalesCase


@tagged("post_install", "-at_install")
class TestPayment(AutoCrmSalesCase):
    def test_plan_must_sum_to_contract_total(self):
        order = self._order(self.lot1)
        order.auto_payment_plan_line_ids = [
            Command.create({"kind": "deposit", "amount": 5000.0, "due_date": date.today()}),
            Command.create({"kind": "balance", "amount": 100000.0, "due_date": date.today() + timedelta(days=10)}),
        ]
        with self.assertRaises(ValidationError):
            order.action_auto_submit_contract()
        self.assertEqual(order.auto_contract_state, "draft")
        order.auto_payment_plan_line_ids[1].amount = 145000.0
        order.action_auto_submit_contract()
        self.assertEqual(order.auto_contract_state, "approved")
        with self.assertRaises(ValidationError):
            self.env["auto.payment.plan.line"].create(
                {"order_id": order.id, "kind": "balance", "amount": 1.0, "due_date": date.today()}
            )

    def test_payments_advance_the_plan(self):
        order = self._sign(self._order(self.lot1))
        deposit, balance = order.auto_payment_plan_line_ids
        invoice = self._invoice(order)
        self._pay(invoice, 5000.0)
        self.assertEqual(deposit.state, "paid")
        self.assertEqual(balance.state, "pending")
        self.assertEqual(order.auto_contract_state, "in_execution", "the first payment puts the contract in execution")
        self._pay(invoice, 45000.0)
        self.assertEqual(balance.state, "partial")
        self.assertEqual(balance.amount_residual, 100000.0)
        self.assertEqual(order.auto_amount_receivable, 100000.0)

    def test_overpayment_refused_or_kept_as_credit(self):
        order = self._sign(self._order(self.lot1))
        invoice = self._invoice(order)
        with self.assertRaises(UserError):
            self._pay(invoice, 160000.0)
        self.assertEqual(order.auto_amount_paid, 0.0)
        payment = self._pay(invoice, 160000.0, auto_keep_as_credit=True)
        self.assertTrue(payment)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertTrue(all(line.state == "paid" for line in order.auto_payment_plan_line_ids))
        credit = self.env["account.move.line"].search(
            [
                ("partner_id", "=", self.customer.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("reconciled", "=", False),
                ("amount_residual", "<", 0),
            ]
        )
        self.assertAlmostEqual(sum(credit.mapped("amount_residual")), -10000.0, msg="the excess is a customer credit")

    def _signed_with_due(self, due, amount=150000.0):
        order = self._order(self.lot1)
        order.auto_payment_plan_line_ids = [Command.create({"kind": "balance", "amount": amount, "due_date": due})]
        order.action_auto_submit_contract()
        order.action_auto_sign_contract()
        return order

    def test_reminder_ladder_without_duplicates(self):
        due = date(2025, 6, 30)
        with freeze_time("2025-06-20"):
            order = self._signed_with_due(due)
            line = order.auto_payment_plan_line_ids
            Followup = self.env["auto.followup"]
            Followup.search([("payment_plan_line_id", "=", line.id)]).unlink()
            line.reminder_scheduled = False
            self.env["auto.payment.plan.line"]._cron_receivable_reminders()
            self.assertFalse(Followup.search([("payment_plan_line_id", "=", line.id)]), "too early")

        def steps(state):
            return Followup.search([("payment_plan_line_id", "=", line.id), ("state", "=", state)])

        with freeze_time("2025-06-27"):
            self.env["auto.payment.plan.line"]._cron_receivable_reminders()
            self.env["auto.payment.plan.line"]._cron_receivable_reminders()
            self.assertEqual(len(Followup.search([("payment_plan_line_id", "=", line.id)])), 4, "one per step")
            opened = steps("open")
            self.assertEqual(len(opened), 1)
            self.assertEqual(opened.user_id, self.consultant, "the reminder goes to the consultant")
            self.assertEqual(len(opened.activity_ids), 1)
            self.assertIn("Payment reminder", order.message_ids[0].body)
        with freeze_time("2025-07-01"):
            self.env["auto.payment.plan.line"]._cron_receivable_reminders()
            self.assertEqual(len(steps("open")), 2)
        with freeze_time("2025-07-07"):
            self.env["auto.payment.plan.line"]._cron_receivable_reminders()
            self.env["auto.payment.plan.line"]._cron_receivable_reminders()
            opened = steps("open")
            self.assertEqual(len(opened), 3)
            self.assertEqual(opened.filtered(lambda f: f.plan_step_id.responsible == "manager").user_id, self.manager)
        with freeze_time("2025-07-30"):
            self.env["auto.payment.plan.line"]._cron_receivable_reminders()
            opened = steps("open")
            self.assertEqual(len(opened), 4)
            self.assertEqual(opened.filtered(lambda f: f.plan_step_id.responsible == "finance").user_id, self.finance)
            self.assertEqual(len(opened.activity_ids), 4, "no duplicate alert per step")
            self.assertEqual(len(Followup.search([("payment_plan_line_id", "=", line.id)])), 4)
            # paid: the ladder stops
            invoice = self._invoice(order)
            self._pay(invoice, 150000.0)
            self.assertEqual(line.state, "paid")
            self.assertFalse(steps("open"))

    def test_receivable_alert_rule(self):
        with freeze_time("2025-06-01"):
            order = self._signed_with_due(date(2025, 5, 1))
            rule = self.env["auto.alert.rule"].create(
                {
                    "name": "Receivable overdue 20 days",
                    "indicator": "receivable_overdue",
                    "threshold": 20,
                    "user_ids": [Command.set(self.finance.ids)],
                }
            )
            created, _resolved = rule._evaluate()
            self.assertEqual(len(created), 1)
            self.assertEqual(created.value, 31)
            created2, _resolved = rule._evaluate()
            self.assertFalse(created2, "one open alert per instalment")
            self._pay(self._invoice(order), 150000.0)
            _created, resolved = rule._evaluate()
            self.assertEqual(resolved, created)

    def test_ageing_report(self):
        with freeze_time("2025-06-30"):
            order = self._order(self.lot1)
            order.auto_payment_plan_line_ids = [
                Command.create({"kind": "deposit", "amount": 5000.0, "due_date": date(2025, 6, 1), "sequence": 1}),
                Command.create(
                    {"kind": "down_payment", "amount": 45000.0, "due_date": date(2025, 4, 15), "sequence": 2}
                ),
                Command.create({"kind": "loan", "amount": 60000.0, "due_date": date(2025, 3, 1), "sequence": 3}),
                Command.create({"kind": "balance", "amount": 40000.0, "due_date": date(2025, 7, 15), "sequence": 4}),
            ]
            order.action_auto_submit_contract()
            order.action_auto_sign_contract()
            self._pay(self._invoice(order), 5000.0)
            self.env.flush_all()
            Report = self.env["auto.receivable.report"]
            self.env.cr.execute(Report._query(date(2025, 6, 30)))
            rows = self.env.cr.dictfetchall()
            buckets = {
                row["kind"]: (row["ageing_bucket"], row["amount_overdue"])
                for row in rows
                if row["order_id"] == order.id
            }
            self.assertEqual(buckets["deposit"], ("not_due", 0.0), "paid")
            self.assertEqual(buckets["down_payment"], ("61_90", 45000.0))
            self.assertEqual(buckets["loan"], ("over_90", 60000.0))
            self.assertEqual(buckets["balance"], ("not_due", 0.0))
            groups = Report._read_group([("order_id", "=", order.id)], ["user_id"], ["amount:sum", "amount_paid:sum"])
            ((user, amount, paid),) = groups
            self.assertEqual(user, self.consultant)
            self.assertEqual(paid / amount, 5000.0 / 150000.0, "collection rate by consultant")

    def test_receivable_cron_query_count(self):
        service = self.env["product.product"].create(
            {"name": "Extended warranty", "type": "service", "list_price": 1000.0, "taxes_id": False}
        )
        due = date(2025, 6, 30)

        def make(count):
            orders = self.env["sale.order"].create(
                [
                    {
                        "partner_id": self.customer.id,
                        "user_id": self.consultant.id,
                        "order_line": [
                            Command.create({"product_id": service.id, "price_unit": 1000.0, "tax_id": False})
                        ],
                        "auto_payment_plan_line_ids": [
                            Command.create({"kind": "balance", "amount": 1000.0, "due_date": due})
                        ],
                    }
                    for _i in range(count)
                ]
            )
            orders.write({"auto_contract_state": "signed"})
            self.env.flush_all()
            self.env.invalidate_all()
            return orders

        Line = self.env["auto.payment.plan.line"]
        with freeze_time("2025-07-08"):
            Line._cron_receivable_reminders()  # whatever else is due is out of the way
            orders = make(10)
            before = self.cr.sql_log_count
            Line._cron_receivable_reminders()
            self.env.flush_all()
            count_10 = self.cr.sql_log_count - before
            opened = self.env["auto.followup"].search_count(
                [("sale_order_id", "in", orders.ids), ("state", "=", "open")]
            )
            self.assertEqual(opened, 30, "before due, 1 and 7 days overdue: three steps each")
        with freeze_time("2025-07-09"):
            Line._cron_receivable_reminders()
            make(100)
            # nothing per record: only the ORM's INSERTs of 100 rows each grow, 400 follow-ups and
            # 300 activities instead of 40 and 30 take 3 + 2 more INSERT statements
            with self.assertQueryCount(count_10 + 5):
                Line._cron_receivable_reminders()
                self.env.flush_all()

    def test_profit_per_vehicle(self):
        vin = self._vin("LGXCE4CB", 900)
        self._receive([vin], price=120000.0)
        lot = self.env["stock.lot"].search([("name", "=", vin)])
        order = self._sign(
            self._order(
                lot,
                price=150000.0,
                lines=[
                    {"product_id": self.accessory.id, "price_unit": 800.0},
                    {"product_id": self.fee.id, "price_unit": 500.0},
                ],
            )
        )
        vehicle_line = order.order_line.filtered(lambda line: line.auto_line_kind == "vehicle")
        self.assertEqual(vehicle_line.auto_cost, 120000.0, "the vehicle's stock cost")
        self.assertEqual(order.auto_gross_profit, 151300.0 - 120300.0)
        self.env.flush_all()
        ((revenue, cost, profit),) = self.env["auto.vehicle.profit.report"]._read_group(
            [("lot_id", "=", lot.id)], [], ["revenue:sum", "cost:sum", "gross_profit:sum"]
        )
        self.assertEqual((revenue, cost, profit), (151300.0, 120300.0, 31000.0))
