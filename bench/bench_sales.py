"""Receivables (auto_crm_sales) on 50,000 payment-plan instalments and 20,000 vehicles.

Data: 20,000 vehicles registered through the ORM (VIN rules) then copied in SQL; 10,000 signed contracts and their
50,000 instalments (deposit, down payment, loan, balance...) copied in SQL from ORM-made rows, due dates spread over a
year around today, a third of them paid (AUTOCRM_BENCH_SCALE scales it). Names, VINs and order references are
this file's own ("Sales Bench", LGXCS... and BENCHS..., BENCH-SO/...), so that it runs before or after any other file.

Measured against the cheapest honest way to get the same answer (one SQL query each):
- the receivable alert rule ("instalment overdue for more than N days") in its nightly steady state (alerts exist:
  compare, update, resolve), against the one query that lists the overdue instalments;
- the receivable reminder cron in its steady state (ladder scheduled), against the one query that lists the
  instalments entering the ladder;
- the ageing report (residual by consultant and ageing bucket, the pivot's read_group), against one GROUP BY query.
"""

import benchlib

from odoo import Command, fields
from odoo.tools import SQL

VEHICLES = benchlib.scaled(20_000)
ORDERS = benchlib.scaled(10_000)
LINES_PER_ORDER = 5
TARGET = 5.0


def _make_data(env):
    brand = env["auto.vehicle.brand"].create({"name": "Sales Bench Brand"})
    series = env["auto.vehicle.series"].create({"name": "Sales Bench Series", "brand_id": brand.id})
    model = env["auto.vehicle.model"].create({"name": "Sales Bench Trim", "series_id": series.id, "model_year": 2025})
    vehicle = env["auto.vehicle"].create({"vin": benchlib.valid_vin("LGXCS", 0), "model_id": model.id})
    env.flush_all()
    benchlib.copy_rows(env, "auto_vehicle", vehicle.id, VEHICLES - 1, {"vin": "'BENCHS' || lpad(n::text, 11, '0')"})

    users = env["res.users"].create(
        [
            {
                "name": f"Sales Bench Consultant {i}",
                "login": f"bench_sales_{i}",
                "groups_id": [Command.link(env.ref("auto_crm_customer.group_sales_consultant").id)],
            }
            for i in range(20)
        ]
    )
    partners = env["res.partner"].create(
        [
            {"name": f"Sales Bench Customer {i}", "auto_customer_type": "individual", "user_id": users[i % 20].id}
            for i in range(500)
        ]
    )
    service = env["product.product"].create({"name": "Sales Bench Contract", "type": "service", "list_price": 100000.0})
    order = env["sale.order"].create(
        {
            "partner_id": partners[0].id,
            "user_id": users[0].id,
            "order_line": [Command.create({"product_id": service.id, "price_unit": 100000.0, "tax_id": False})],
            "auto_payment_plan_line_ids": [
                Command.create({"kind": "deposit", "amount": 100000.0, "due_date": fields.Date.today()}),
            ],
        }
    )
    order.write({"auto_contract_state": "signed"})
    env.flush_all()
    # the partner and user ids are inlined in the copy (the copy helper takes no parameters for them)
    partner_array = "ARRAY[" + ",".join(map(str, partners.ids)) + "]"
    user_array = "ARRAY[" + ",".join(map(str, users.ids)) + "]"
    order_ids = benchlib.copy_rows(
        env,
        "sale_order",
        order.id,
        ORDERS,
        {
            "name": "'BENCH-SO/' || n",
            "partner_id": f"({partner_array})[1 + mod(n, {len(partners)})]",
            "partner_invoice_id": f"({partner_array})[1 + mod(n, {len(partners)})]",
            "partner_shipping_id": f"({partner_array})[1 + mod(n, {len(partners)})]",
            "user_id": f"({user_array})[1 + mod(n, {len(users)})]",
            "auto_amount_paid": "0",
        },
    )
    line = order.auto_payment_plan_line_ids
    env.cr.execute(
        """
        INSERT INTO auto_payment_plan_line (order_id, sequence, kind, amount, due_date, amount_paid, amount_residual,
                                            amount_company, amount_paid_company, amount_residual_company,
                                            state, reminder_scheduled, partner_id, user_id, contract_state, company_id,
                                            create_uid, write_uid, create_date, write_date)
        SELECT o.id, k, (ARRAY['deposit', 'down_payment', 'loan', 'balance', 'balance'])[k], 20000,
               CURRENT_DATE + ((o.id * 7 + k * 31) %% 365 - 200) * interval '1 day',
               CASE WHEN (o.id + k) %% 3 = 0 THEN 20000 ELSE 0 END,
               CASE WHEN (o.id + k) %% 3 = 0 THEN 0 ELSE 20000 END,
               20000,
               CASE WHEN (o.id + k) %% 3 = 0 THEN 20000 ELSE 0 END,
               CASE WHEN (o.id + k) %% 3 = 0 THEN 0 ELSE 20000 END,
               CASE WHEN (o.id + k) %% 3 = 0 THEN 'paid' ELSE 'pending' END,
               false, o.partner_id, o.user_id, 'signed', o.company_id, 1, 1, now(), now()
          FROM sale_order o, generate_series(1, %s) AS k
         WHERE o.id = ANY(%s)
        """,
        [LINES_PER_ORDER, order_ids],
    )
    env.cr.execute("DELETE FROM auto_payment_plan_line WHERE id = %s", [line.id])
    env.cr.execute("ANALYZE auto_payment_plan_line")
    env.invalidate_all()
    return users


def run(env):
    _make_data(env)
    today = fields.Date.context_today(env["auto.payment.plan.line"])
    results = []

    # 1. receivable alert rule, steady state
    rule = env["auto.alert.rule"].create(
        {
            "name": "Sales bench: instalment overdue",
            "indicator": "receivable_overdue",
            "threshold": 30,
        }
    )
    rule._evaluate()  # creates the alerts once
    env.flush_all()

    def alert_orm():
        env.invalidate_all()
        rule._evaluate()
        env.flush_all()

    def alert_floor():
        env.cr.execute(env["auto.payment.plan.line"]._receivable_overdue_sql(env.company.id, today, 30))
        return env.cr.fetchall()

    seconds, peak = benchlib.measure(alert_orm)
    floor, _peak = benchlib.measure(alert_floor, memory=False)
    results.append(
        benchlib.result(
            f"receivable alert rule on {ORDERS * LINES_PER_ORDER:,} instalments ({len(alert_floor()):,} overdue)",
            seconds,
            floor,
            TARGET,
            peak,
        )
    )

    # 2. receivable reminder cron, steady state (the ladder of the due instalments is scheduled once)
    Line = env["auto.payment.plan.line"]
    Line._cron_receivable_reminders()
    env.flush_all()
    # what autovacuum does after the ladder's bulk insert: without statistics the timing depends on
    # whether autovacuum has run yet (a plan on the empty-table estimates was 6x slower)
    env.cr.execute("ANALYZE auto_followup, auto_payment_plan_line")

    def cron_orm():
        env.invalidate_all()
        Line._cron_receivable_reminders()
        env.flush_all()

    def cron_floor():
        env.cr.execute(
            """SELECT id FROM auto_payment_plan_line
                WHERE state != 'paid' AND NOT reminder_scheduled AND due_date <= %s
                  AND contract_state IN ('signed', 'in_execution', 'delivered') AND company_id = %s""",
            [fields.Date.add(today, days=env.company.auto_receivable_reminder_days), env.company.id],
        )
        return env.cr.fetchall()

    seconds, peak = benchlib.measure(cron_orm)
    floor, _peak = benchlib.measure(cron_floor, memory=False)
    results.append(benchlib.result("receivable reminder cron (steady state)", seconds, floor, TARGET, peak))

    # 3. ageing report: residual by consultant and ageing bucket
    Report = env["auto.receivable.report"]

    def ageing_orm():
        env.invalidate_all()
        return Report._read_group([], ["user_id", "ageing_bucket"], ["amount_residual:sum", "amount_overdue:sum"])

    def ageing_floor():
        env.cr.execute(
            SQL(
                """SELECT line.user_id,
                      CASE WHEN line.amount_residual <= 0 OR CURRENT_DATE - line.due_date <= 0 THEN 'not_due'
                           WHEN CURRENT_DATE - line.due_date <= 30 THEN '1_30'
                           WHEN CURRENT_DATE - line.due_date <= 60 THEN '31_60'
                           WHEN CURRENT_DATE - line.due_date <= 90 THEN '61_90' ELSE 'over_90' END AS bucket,
                      SUM(line.amount_residual_company),
                      SUM(CASE WHEN CURRENT_DATE - line.due_date > 0 THEN line.amount_residual_company ELSE 0 END)
                 FROM auto_payment_plan_line line
                WHERE line.contract_state IN ('signed', 'in_execution', 'delivered', 'closed')
                GROUP BY 1, 2"""
            )
        )
        return env.cr.fetchall()

    seconds, peak = benchlib.measure(ageing_orm)
    floor, _peak = benchlib.measure(ageing_floor, memory=False)
    results.append(benchlib.result("ageing report by consultant and bucket", seconds, floor, TARGET, peak))
    return results
