"""auto_crm_marketing at dealership scale: campaign results and churn against their SQL floors, and forecasts.

Data (AUTOCRM_BENCH_SCALE scales it): a company of this file's own ("Marketing Bench Company") with
200,000 customers and 400,000 value records (sales and services over three years) plus last visits;
200 campaigns and 500,000 documents attributed to them (250,000 leads, 50,000 test drives, 100,000
contracts, 100,000 service orders), inserted with SQL.
- Campaign results of the 200 campaigns (target 5x): ``utm.campaign._auto_campaign_results`` (one grouped
  ORM query per kind of document) against the same four aggregates in SQL.
- Churn over 12 months (target 5x): ``auto.mkt.churn.analysis._compute_churn`` (monthly rows by tier,
  consultant and advisor, stored, and the churned customers) against the same two SQL queries, without
  storing anything.
- Forecasts of 300 models x 60 months (target: under a second): ``tools.forecast.forecast_interval`` and
  ``backtest`` of every model; the floor is the one-second budget itself, so the ratio is the seconds.
"""

import time

import benchlib
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools import SQL

from odoo.addons.auto_crm_marketing.tools import forecast as forecast_tools

CUSTOMERS = benchlib.scaled(200000)
VALUES = benchlib.scaled(400000)
CAMPAIGNS = benchlib.scaled(200)
LEADS = benchlib.scaled(250000)
DRIVES = benchlib.scaled(50000)
CONTRACTS = benchlib.scaled(100000)
SERVICE_ORDERS = benchlib.scaled(100000)


def _array(ids):
    return "ARRAY[" + ",".join(map(str, ids)) + "]::int[]"


def _make_data(env):
    today = fields.Date.context_today(env["res.users"])
    company = env["res.company"].create({"name": "Marketing Bench Company", "currency_id": env.company.currency_id.id})
    env.user.company_ids |= company
    main_env = env
    env = env(context=dict(env.context, allowed_company_ids=[company.id] + env.user.company_ids.ids))
    consultant = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Marketing Bench Consultant",
                "login": "mktbench_consultant",
                "company_id": company.id,
                "company_ids": [fields.Command.link(company.id)],
            }
        )
    )
    partner = env["res.partner"].create(
        {
            "name": "Marketing Bench Customer",
            "auto_customer_type": "individual",
            "company_id": company.id,
            "user_id": consultant.id,
        }
    )
    value = env["auto.customer.value"].create(
        {"partner_id": partner.id, "amount": 500, "date": today, "value_type": "service", "company_id": company.id}
    )
    campaign = env["utm.campaign"].create(
        {"title": "Marketing Bench Campaign", "auto_campaign_type": "auto_show", "company_id": company.id}
    )
    lead = env["crm.lead"].create({"name": "Marketing Bench Lead", "partner_id": partner.id, "company_id": company.id})
    order = env["sale.order"].create({"partner_id": partner.id, "company_id": company.id})
    # a service order of the main company (the new company has no repair operation type): copies are moved
    repair = main_env["repair.order"].create({"name": "BENCH-MKT-TEMPLATE"})
    brand = env["auto.vehicle.brand"].create({"name": "Marketing Bench Brand"})
    series = env["auto.vehicle.series"].create({"name": "Marketing Bench Series", "brand_id": brand.id})
    model = env["auto.vehicle.model"].create({"name": "Marketing Bench Model", "series_id": series.id})
    demo_car = env["auto.vehicle"].create(
        {"vin": benchlib.valid_vin("LMKTB", 1), "model_id": model.id, "company_id": company.id}
    )
    env.flush_all()
    partner_ids = benchlib.copy_rows(
        env,
        "res_partner",
        partner.id,
        CUSTOMERS,
        {
            "name": "'Marketing Bench Customer ' || n",
            "complete_name": "'Marketing Bench Customer ' || n",
            "mobile": "NULL",
            "auto_mobile_normalized": "NULL",
            "auto_customer_tier": "(ARRAY['key','potential','ordinary','ordinary'])[1 + n %% 4]",
            "auto_last_visit_date": f"CASE WHEN n %% 3 = 0 THEN '{today}'::date - (n %% 900) ELSE NULL END",
        },
    )
    benchlib.copy_rows(
        env,
        "auto_customer_value",
        value.id,
        VALUES,
        {
            "partner_id": f"({_array(partner_ids)})[1 + n %% {len(partner_ids)}]",
            "date": f"'{today}'::date - ((n * 7) %% 1095)",
        },
    )
    campaign_ids = benchlib.copy_rows(
        env,
        "utm_campaign",
        campaign.id,
        CAMPAIGNS,
        {"name": "'Marketing Bench Campaign ' || n", "title": "jsonb_build_object('en_US', 'Marketing Bench ' || n)"},
    )
    pick = f"({_array(campaign_ids)})[1 + n %% {len(campaign_ids)}]"
    benchlib.copy_rows(env, "crm_lead", lead.id, LEADS, {"name": "'Marketing Bench Lead ' || n", "campaign_id": pick})
    benchlib.copy_rows(
        env,
        "sale_order",
        order.id,
        CONTRACTS,
        {
            "name": "'BENCH-MKT/' || n",
            "campaign_id": pick,
            "auto_contract_state": "'signed'",
            "auto_gross_profit": "5000 + n %% 3000",
        },
    )
    repair_ids = benchlib.copy_rows(
        env,
        "repair_order",
        repair.id,
        SERVICE_ORDERS,
        {
            "name": "'BENCH-MKT/S' || n",
            "campaign_id": pick,
            "state": "'done'",
            "company_id": str(company.id),
            "partner_id": f"({_array(partner_ids)})[1 + n %% {len(partner_ids)}]",
            "auto_date_done": f"('{today}'::date - (n %% 700))::timestamp",
        },
    )
    # test drives of one car (a test drive made with the ORM needs a car in stock): inserted directly
    env.cr.execute(
        """
        INSERT INTO auto_test_drive (name, partner_id, vehicle_id, user_id, date_start, duration, licence_number,
                                     licence_expiry, state, company_id, campaign_id, create_date, write_date)
        SELECT 'Marketing Bench Drive', %s, %s, %s, now(), 0.5, 'X', now()::date + 900, 'done', %s,
               (%s::int[])[1 + n %% %s], now(), now()
          FROM generate_series(1, %s) AS n
        """,
        [partner.id, demo_car.id, consultant.id, company.id, campaign_ids, len(campaign_ids), DRIVES],
    )
    # planner statistics, as autovacuum keeps them on a live database (rows inserted by SQL just now)
    env.cr.execute(
        "ANALYZE res_partner, auto_customer_value, crm_lead, sale_order, repair_order, auto_test_drive, utm_campaign"
    )
    env.invalidate_all()
    return env, company, env["utm.campaign"].browse(campaign_ids), repair_ids


RESULTS_FLOOR = [
    "SELECT campaign_id, count(*) FROM crm_lead WHERE campaign_id = ANY(%(ids)s) GROUP BY campaign_id",
    "SELECT campaign_id, count(*) FROM auto_test_drive WHERE campaign_id = ANY(%(ids)s) AND state != 'cancelled'"
    " GROUP BY campaign_id",
    "SELECT campaign_id, count(*), sum(auto_gross_profit) FROM sale_order WHERE campaign_id = ANY(%(ids)s)"
    " AND auto_contract_state IN ('signed', 'in_execution', 'delivered', 'closed') GROUP BY campaign_id",
    "SELECT campaign_id, count(*) FROM repair_order WHERE campaign_id = ANY(%(ids)s) AND state != 'cancel'"
    " GROUP BY campaign_id",
]


def run(env):
    main_env = env
    env, company, campaigns, _repairs = _make_data(env)
    results = []

    def orm_results():
        env.invalidate_all()
        return campaigns._auto_campaign_results()

    def floor_results():
        rows = []
        for query in RESULTS_FLOOR:
            env.cr.execute(query, {"ids": campaigns.ids})
            rows.append(env.cr.fetchall())
        return rows

    computed = orm_results()
    floor_rows = floor_results()
    assert sum(r.get("leads", 0) for r in computed.values()) == sum(n for _c, n in floor_rows[0]), "leads differ"
    assert sum(r.get("orders", 0) for r in computed.values()) == sum(n for _c, n, _p in floor_rows[2]), "orders differ"
    seconds, peak = benchlib.measure(orm_results)
    floor_seconds, _ = benchlib.measure(floor_results, memory=False)
    results.append(
        benchlib.result(
            f"results of {len(campaigns):,} campaigns over {LEADS + DRIVES + CONTRACTS + SERVICE_ORDERS:,} documents",
            seconds,
            floor_seconds,
            5.0,
            peak,
        )
    )

    analysis = (
        env["auto.mkt.churn.analysis"]
        .with_company(company)
        .create({"company_id": company.id, "inactive_days": 365, "month_count": 12})
    )

    def orm_churn():
        analysis._compute_churn()

    seconds, peak = benchlib.measure(orm_churn, repeat=2)

    # the honest floor: the monthly and the current query of the analysis, run by hand
    def floor_churn_queries():
        first = analysis.date.replace(day=1)
        starts = [first - relativedelta(months=k) for k in range(12, -1, -1)]
        env.cr.execute(
            SQL(
                """
                WITH act AS (%(activity)s),
                bounds AS (SELECT unnest(%(starts)s::date[]) AS t),
                member AS (SELECT active.t, active.partner_id,
                                  lead(active.t) OVER (PARTITION BY active.partner_id ORDER BY active.t) AS next_t
                             FROM (SELECT DISTINCT b.t, a.partner_id FROM bounds b
                                     JOIN act a ON a.date >= b.t - 365 AND a.date < b.t) active),
                advisor AS (SELECT DISTINCT ON (r.partner_id) r.partner_id, r.user_id FROM repair_order r
                             WHERE r.state = 'done' AND r.partner_id IS NOT NULL AND r.company_id = %(company)s
                             ORDER BY r.partner_id, r.auto_date_done DESC NULLS LAST, r.id DESC)
                SELECT m.t, p.auto_customer_tier, p.user_id, advisor.user_id, count(*),
                       count(*) FILTER (WHERE m.next_t IS DISTINCT FROM (m.t + interval '1 month')::date)
                  FROM member m
                  JOIN res_partner p ON p.id = m.partner_id AND p.auto_customer_type IS NOT NULL AND p.active
                  LEFT JOIN advisor ON advisor.partner_id = m.partner_id
                 WHERE m.t < %(last)s GROUP BY 1, 2, 3, 4
                """,
                activity=analysis._activity_sql(),
                starts=starts,
                company=company.id,
                last=starts[-1],
            )
        )
        env.cr.fetchall()
        env.cr.execute(
            SQL(
                """WITH act AS (%(activity)s)
                   SELECT act.partner_id, max(act.date) >= %(since)s FROM act
                     JOIN res_partner p ON p.id = act.partner_id AND p.auto_customer_type IS NOT NULL AND p.active
                    WHERE act.date <= %(today)s GROUP BY act.partner_id""",
                activity=analysis._activity_sql(),
                since=analysis.date - relativedelta(days=365),
                today=analysis.date,
            )
        )
        env.cr.fetchall()

    floor_seconds, _ = benchlib.measure(floor_churn_queries, repeat=2, memory=False)
    assert analysis.churned_count + analysis.active_count > 0, "the analysis saw the customers"
    results.append(
        benchlib.result(f"churn of {CUSTOMERS:,} customers over 12 months", seconds, floor_seconds, 5.0, peak)
    )

    season = [30, 18, 25, 28, 30, 32, 27, 29, 35, 40, 38, 45]
    series = [[(season[m % 12] * (1 + k % 7) + m) % 97 for m in range(60)] for k in range(300)]

    def forecasts():
        for history in series:
            forecast_tools.forecast_interval(history, 6)
            forecast_tools.backtest(history, 6)

    start = time.perf_counter()
    forecasts()
    seconds = time.perf_counter() - start
    results.append(benchlib.result("forecast and backtest of 300 models x 60 months", seconds, 1.0, 1.0, 0.0))
    results += _bench_upgrade(main_env)
    return results


# ---------------------------------------------------------------------------------------------------------------
# Upgrade opportunities (置换/增购): the nightly job over the owners' cars
# ---------------------------------------------------------------------------------------------------------------
UPGRADE_VEHICLES = benchlib.scaled(300000)
UPGRADE_REPAIRS = benchlib.scaled(60000)

UPGRADE_FLOOR = """
    WITH costs AS (
        SELECT auto_vehicle_id AS vehicle_id, sum(auto_amount_total) AS cost
          FROM repair_order
         WHERE state = 'done' AND auto_date_done >= %(since)s AND company_id = %(company)s
           AND auto_vehicle_id IS NOT NULL
         GROUP BY auto_vehicle_id
    )
    SELECT v.id, v.purchase_date, v.mileage, v.warranty_end_date, c.cost
      FROM auto_vehicle v
      LEFT JOIN costs c ON c.vehicle_id = v.id
     WHERE v.company_id = %(company)s AND v.state IN ('customer', 'sold', 'delivered') AND v.partner_id IS NOT NULL
       AND (v.purchase_date <= %(born)s OR v.mileage >= %(km)s
            OR v.warranty_end_date BETWEEN %(warranty_from)s AND %(warranty_to)s OR c.cost >= %(cost)s)
       AND NOT EXISTS (
            SELECT 1 FROM crm_lead l LEFT JOIN crm_stage s ON s.id = l.stage_id
             WHERE l.auto_upgrade_vehicle_id = v.id AND l.active AND NOT coalesce(s.is_won, FALSE))
"""


def _bench_upgrade(env):
    """The nightly upgrade job over a fleet of its own company: the first night opens the leads, the nights
    after find the same cars blocked by their open lead (what the job does on most nights)."""
    today = fields.Date.context_today(env["res.users"])
    # the locations of the service orders are the main company's: the job reads their car, state, date and total
    template = env["repair.order"].create({"name": "BENCH-UP-TEMPLATE"})
    company = env["res.company"].create({"name": "Upgrade Bench Company", "currency_id": env.company.currency_id.id})
    env.user.company_ids |= company
    env = env(context=dict(env.context, allowed_company_ids=[company.id] + env.user.company_ids.ids))
    company.write(
        {
            "auto_upgrade_age_years": 5,
            "auto_upgrade_mileage_km": 100000,
            "auto_upgrade_warranty_days": 3,
            "auto_upgrade_loan_days": 30,
            "auto_upgrade_repair_cost": 10000,
        }
    )
    brand = env["auto.vehicle.brand"].create({"name": "Upgrade Bench Brand"})
    series = env["auto.vehicle.series"].create({"name": "Upgrade Bench Series", "brand_id": brand.id})
    models = env["auto.vehicle.model"].create(
        [
            {"name": f"Upgrade Bench Trim {price}", "series_id": series.id, "list_price": price, "model_year": 2024}
            for price in (100000, 150000, 200000)
        ]
    )
    env["auto.mkt.depreciation"].create(
        {
            "brand_id": brand.id,
            "company_id": company.id,
            "line_ids": [
                fields.Command.create({"age_years": age, "residual_percent": pct})
                for age, pct in ((1, 80), (3, 60), (5, 45), (8, 30))
            ],
        }
    )
    partners = env["res.partner"].create(
        [{"name": f"Upgrade Bench Owner {i}", "auto_customer_type": "individual"} for i in range(200)]
    )
    env.flush_all()
    cr = env.cr
    # cars bought up to 1,700 days ago (none five years old), a warranty of three years, one in 400 over
    # 100,000 km: about 1% of the fleet qualifies
    cr.execute(
        """
        INSERT INTO auto_vehicle (vin, model_id, series_id, brand_id, partner_id, user_id, state, company_id, active,
                                  purchase_date, warranty_end_date, mileage, create_uid, write_uid, create_date,
                                  write_date)
        SELECT 'BENCHU' || lpad(g::text, 11, '0'), (%(models)s)[1 + g %% 3], %(series)s, %(brand)s,
               (%(partners)s)[1 + g %% 200], %(user)s, 'customer', %(company)s, TRUE,
               %(today)s::date - (g %% 1700), %(today)s::date - (g %% 1700) + INTERVAL '3 years',
               CASE WHEN g %% 400 = 0 THEN 130000 ELSE (g %% 1000) * 99 END, 1, 1, now(), now()
          FROM generate_series(1, %(count)s) g
     RETURNING id
    """,
        {
            "models": models.ids,
            "series": series.id,
            "brand": brand.id,
            "partners": partners.ids,
            "user": env.user.id,
            "company": company.id,
            "today": today,
            "count": UPGRADE_VEHICLES,
        },
    )
    vehicle_ids = sorted(row[0] for row in cr.fetchall())
    # finished service orders of the last year: 300 each, 12,000 for one car in 1,500
    cr.execute(
        """
        INSERT INTO repair_order (name, company_id, picking_type_id, location_id, product_location_src_id,
                                  product_location_dest_id, location_dest_id, parts_location_id, recycle_location_id,
                                  schedule_date, state, priority, auto_vehicle_id, partner_id, auto_date_done,
                                    auto_amount_total,
                                  auto_service_type, auto_date_received, create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH-UP/' || g, %(company)s, t.picking_type_id, t.location_id, t.product_location_src_id,
               t.product_location_dest_id, t.location_dest_id, t.parts_location_id, t.recycle_location_id,
               now(), 'done', '0', v.id, v.partner_id, now() - INTERVAL '1 day' * (g %% 400),
               CASE WHEN v.id %% 1500 = 0 THEN 12000 ELSE 300 END, 'repair', now() - INTERVAL '1 day' * (g %% 400),
               1, 1, now(), now()
          FROM generate_series(1, %(count)s) g
          JOIN repair_order t ON t.id = %(template)s
          JOIN auto_vehicle v ON v.id = (%(vehicles)s)[1 + (g * 7) %% %(n_vehicles)s]
    """,
        {
            "template": template.id,
            "company": company.id,
            "vehicles": vehicle_ids,
            "n_vehicles": len(vehicle_ids),
            "count": UPGRADE_REPAIRS,
        },
    )
    cr.execute("ANALYZE auto_vehicle")
    cr.execute("ANALYZE repair_order")
    Vehicle = env["auto.vehicle"].with_company(company)
    params = {
        "company": company.id,
        "since": today - relativedelta(days=365),
        "born": today - relativedelta(years=5),
        "km": 100000,
        "warranty_from": today - relativedelta(days=3),
        "warranty_to": today + relativedelta(days=3),
        "cost": 10000,
    }

    def floor():
        cr.execute(UPGRADE_FLOOR, params)
        return cr.fetchall()

    expected = len(floor())
    start = time.perf_counter()
    first = Vehicle._upgrade_run()
    env.flush_all()
    first_seconds = time.perf_counter() - start
    assert len(first) == expected, f"the first night opened {len(first)} leads, the floor finds {expected}"
    assert not floor(), "every qualifying car has its lead"

    def nightly():
        env.invalidate_all()
        leads = Vehicle._upgrade_run()
        assert not leads, "a second night opens no lead"

    seconds, peak = benchlib.measure(nightly)
    floor_seconds, _ = benchlib.measure(floor, memory=False)
    return [
        benchlib.result(
            f"upgrade job over {len(vehicle_ids):,} cars, a night after the first "
            f"(first night: {expected:,} leads opened in {first_seconds:.1f} s)",
            seconds,
            floor_seconds,
            5.0,
            peak,
        ),
    ]
