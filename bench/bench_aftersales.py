"""auto_crm_aftersales at dealership scale: maintenance reminders and service evaluation against their floors.

Data: 30,000 customer vehicles, 200,000 service orders (about one in five surveyed),
inserted with SQL (AUTOCRM_BENCH_SCALE scales it). Names, VINs and order references are this
file's own ("Aftersales Bench", BENCHA..., BENCH-AS/...), so that it runs before or after any other file.
- Maintenance-reminder generation (target 5x): the "maintenance due" rule's subjects
  (``auto.followup.rule._get_subjects``: last maintenance, average daily mileage, next due
  date of every vehicle) against one SQL query computing the same due dates; both must agree.
- Service evaluation (target 5x): the report's ``_read_group`` by advisor and month (orders,
  response and resolve hours, first-time fix, CSI, NPS) against one SQL query on the tables.
"""

from datetime import timedelta

import benchlib

from odoo import fields

VEHICLES = benchlib.scaled(30000)
ORDERS = benchlib.scaled(200000)
ADVISORS = 12


FLOOR_DUE_SQL = """
WITH vehicles AS (
    SELECT v.id FROM auto_vehicle v JOIN res_partner p ON p.id = v.partner_id
     WHERE v.active AND v.state != 'scrapped' AND v.model_id IS NOT NULL AND p.auto_customer_type IS NOT NULL
       AND v.company_id = %(company)s
), last_service AS (
    SELECT r.auto_vehicle_id AS vehicle_id, MAX(r.auto_date_done) AS done, MAX(r.auto_mileage_in) AS km
      FROM repair_order r JOIN vehicles ON vehicles.id = r.auto_vehicle_id
     WHERE r.state = 'done' AND r.auto_service_type = 'maintenance'
  GROUP BY r.auto_vehicle_id
), readings AS (
    SELECT o.vehicle_id, MIN(o.date) AS first_date, MAX(o.date) AS read_date, MIN(o.value) AS first_km,
           MAX(o.value) AS read_km
      FROM auto_vehicle_odometer o JOIN vehicles ON vehicles.id = o.vehicle_id
  GROUP BY o.vehicle_id
), base AS (
    SELECT v.id, v.mileage, v.mileage_date,
           m.service_interval_km AS every_km, m.service_interval_months AS every_months,
           COALESCE(ls.done::date, v.purchase_date) AS last_date, COALESCE(ls.km, 0) AS last_km,
           CASE WHEN v.purchase_date < r.first_date OR r.first_date IS NULL THEN v.purchase_date ELSE r.first_date END
               AS first_date,
           CASE WHEN v.purchase_date < r.first_date OR r.first_date IS NULL THEN 0 ELSE r.first_km END AS first_km,
           r.read_date, r.read_km
      FROM vehicles
      JOIN auto_vehicle v ON v.id = vehicles.id
      JOIN auto_vehicle_model m ON m.id = v.model_id
 LEFT JOIN last_service ls ON ls.vehicle_id = v.id
 LEFT JOIN readings r ON r.vehicle_id = v.id
), rates AS (
    SELECT *, CASE WHEN read_date IS NOT NULL AND first_date IS NOT NULL AND read_date > first_date
                   THEN GREATEST(read_km - first_km, 0)::float / (read_date - first_date) END AS daily_km
      FROM base
), due AS (
    SELECT id, LEAST(
               CASE WHEN every_months > 0 THEN (last_date + every_months * INTERVAL '1 month')::date END,
               CASE WHEN every_km > 0 AND daily_km > 0 THEN
                   (CASE WHEN mileage_date >= last_date THEN mileage_date ELSE last_date END)
                   + GREATEST(FLOOR((last_km + every_km - CASE WHEN mileage_date >= last_date
                                                               THEN mileage ELSE last_km END) / daily_km), 0)::int
               END) AS due_date
      FROM rates
)
SELECT id, due_date FROM due WHERE due_date BETWEEN %(date_from)s AND %(date_to)s
"""


FLOOR_EVALUATION_SQL = """
SELECT r.user_id, date_trunc('month', r.auto_date_done) AS month, COUNT(*),
       AVG(EXTRACT(EPOCH FROM (COALESCE(r.auto_date_started, r.auto_date_done) - r.auto_date_received)) / 3600.0),
       AVG(EXTRACT(EPOCH FROM (r.auto_date_done - r.auto_date_received)) / 3600.0),
       AVG(CASE WHEN r.auto_first_time_fix THEN 100.0 ELSE 0.0 END),
       AVG(s.csi), AVG(s.nps)
  FROM repair_order r
  LEFT JOIN (SELECT repair_id, AVG(csi) AS csi, AVG(nps_value) AS nps FROM auto_service_survey
              WHERE repair_id IS NOT NULL GROUP BY repair_id) s ON s.repair_id = r.id
 WHERE r.state = 'done' AND r.auto_date_done IS NOT NULL
 GROUP BY r.user_id, date_trunc('month', r.auto_date_done)
"""


def _make_data(env):
    cr = env.cr
    company = env.company
    today = fields.Date.context_today(env["res.users"])
    brand = env["auto.vehicle.brand"].create({"name": "Aftersales Bench Brand"})
    series = env["auto.vehicle.series"].create({"name": "Aftersales Bench Series", "brand_id": brand.id})
    model = env["auto.vehicle.model"].create(
        {
            "name": "Aftersales Bench Trim",
            "series_id": series.id,
            "service_interval_km": 10000,
            "service_interval_months": 12,
        }
    )
    partners = env["res.partner"].create(
        [{"name": f"Aftersales Bench Owner {i}", "auto_customer_type": "individual"} for i in range(500)]
    )
    advisors = env["res.users"].create(
        [{"name": f"Aftersales Bench Advisor {i}", "login": f"bench_advisor_{i}"} for i in range(ADVISORS)]
    )
    template = env["repair.order"].create({"name": "BENCH-AS-TEMPLATE"})
    env.flush_all()
    # vehicles bought 1 to 6 years ago, 20 to 120 km a day, read 0 to 120 days ago
    cr.execute(
        """
        INSERT INTO auto_vehicle (vin, model_id, series_id, brand_id, partner_id, state, company_id, active,
                                  purchase_date, mileage, mileage_date, create_uid, write_uid, create_date, write_date)
        SELECT 'BENCHA' || lpad(g::text, 11, '0'), %(model)s, %(series)s, %(brand)s, (%(partners)s)[1 + g %% 500],
               'customer', %(company)s, TRUE, %(today)s::date - (365 + g %% 1800),
               (20 + g %% 100) * (365 + g %% 1800 - g %% 120), %(today)s::date - g %% 120, 1, 1, now(), now()
          FROM generate_series(1, %(count)s) g
     RETURNING id
    """,
        {
            "model": model.id,
            "series": series.id,
            "brand": brand.id,
            "partners": partners.ids,
            "company": company.id,
            "today": today,
            "count": VEHICLES,
        },
    )
    vehicle_ids = sorted(row[0] for row in cr.fetchall())
    cr.execute(
        """
        INSERT INTO auto_vehicle_odometer (vehicle_id, date, value, source, company_id,
                                           create_uid, write_uid, create_date, write_date)
        SELECT id, mileage_date, mileage, 'service', company_id, 1, 1, now(), now()
          FROM auto_vehicle WHERE id = ANY(%(ids)s)
    """,
        {"ids": vehicle_ids},
    )
    # orders spread over the vehicles, done over the last 18 months; every fifth one surveyed
    cr.execute(
        """
        INSERT INTO repair_order (name, company_id, picking_type_id, location_id, product_location_src_id,
                                  product_location_dest_id, location_dest_id, parts_location_id, recycle_location_id,
                                  schedule_date, state, priority, auto_vehicle_id, partner_id, user_id,
                                    auto_service_type,
                                  auto_mileage_in, auto_date_received, auto_date_started, auto_date_done,
                                    auto_first_time_fix, auto_in_warranty,
                                  auto_amount_parts, auto_amount_labour, auto_amount_total,
                                  create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH-AS/' || g, t.company_id, t.picking_type_id, t.location_id, t.product_location_src_id,
               t.product_location_dest_id, t.location_dest_id, t.parts_location_id, t.recycle_location_id,
               d.received, 'done', '0', v.id, v.partner_id, (%(advisors)s)[1 + g %% %(n_advisors)s],
               CASE WHEN g %% 3 = 0 THEN 'repair' ELSE 'maintenance' END,
               GREATEST(v.mileage - (g %% 540) * 20, 0), d.received, d.received + INTERVAL '1 hour' * (g %% 3),
               d.received + INTERVAL '1 hour' * (2 + g %% 6), g %% 17 <> 0, FALSE, 0, 300, 300, 1, 1, now(), now()
          FROM generate_series(1, %(count)s) g
          JOIN repair_order t ON t.id = %(template)s
          JOIN auto_vehicle v ON v.id = (%(vehicles)s)[1 + g %% %(n_vehicles)s]
         CROSS JOIN LATERAL (SELECT (%(today)s::date - (g %% 540) - 1)::timestamp + INTERVAL '9 hours' AS received) d
     RETURNING id
    """,
        {
            "advisors": advisors.ids,
            "n_advisors": ADVISORS,
            "count": ORDERS,
            "template": template.id,
            "vehicles": vehicle_ids,
            "n_vehicles": len(vehicle_ids),
            "today": today,
        },
    )
    order_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        """
        INSERT INTO auto_service_survey (repair_id, partner_id, vehicle_id, advisor_id, date, company_id,
                                         score_service_quality, score_service_initiation, score_advisor,
                                         score_facility, score_vehicle_pickup, nps_score, csi, nps_category,
                                         nps_value, create_uid, write_uid, create_date, write_date)
        SELECT r.id, r.partner_id, r.auto_vehicle_id, r.user_id, r.auto_date_done::date, r.company_id,
               (3 + r.id %% 3)::text, (3 + r.id %% 3)::text, (2 + r.id %% 4)::text, '4', '5', r.id %% 11,
               ((3 + r.id %% 3) * 2 + (2 + r.id %% 4) + 9) / 25.0 * 100,
               CASE WHEN r.id %% 11 >= 9 THEN 'promoter' WHEN r.id %% 11 >= 7 THEN 'passive' ELSE 'detractor' END,
               CASE WHEN r.id %% 11 >= 9 THEN 100 WHEN r.id %% 11 >= 7 THEN 0 ELSE -100 END,
               1, 1, now(), now()
          FROM repair_order r
         WHERE r.id = ANY(%(orders)s) AND r.id %% 5 = 0
    """,
        {"orders": order_ids},
    )
    template.unlink()
    env.flush_all()
    # what autovacuum does after such a load: without statistics the planner guesses badly
    cr.execute("ANALYZE auto_vehicle, auto_vehicle_odometer, repair_order, auto_service_survey, res_partner")
    env.invalidate_all()
    return vehicle_ids, today


def run(env):
    vehicle_ids, today = _make_data(env)
    rule = env.ref("auto_crm_aftersales.auto_followup_rule_maintenance_due")
    date_from, date_to = today, today + timedelta(days=rule.days_ahead)

    def orm_subjects():
        env.invalidate_all()
        return rule._get_subjects(date_from, date_to)

    def floor_subjects():
        env.cr.execute(FLOOR_DUE_SQL, {"company": env.company.id, "date_from": date_from, "date_to": date_to})
        return env.cr.fetchall()

    subjects = orm_subjects()
    floor_rows = floor_subjects()
    orm_due = {s["vehicle_id"]: s["trigger_date"] for s in subjects}
    floor_due = {vehicle_id: due for vehicle_id, due in floor_rows}
    assert orm_due and orm_due == floor_due, (
        f"the ORM and SQL due dates differ: {len(orm_due)} vs {len(floor_due)} vehicles"
    )
    seconds, peak_mb = benchlib.measure(orm_subjects, repeat=2)
    floor_seconds, _ = benchlib.measure(floor_subjects, repeat=2, memory=False)
    results = [
        benchlib.result(
            f"maintenance reminders of {len(vehicle_ids):,} vehicles ({len(orm_due):,} due)",
            seconds,
            floor_seconds,
            5.0,
            peak_mb,
        )
    ]

    Report = env["auto.service.evaluation.report"]

    def orm_evaluation():
        env.invalidate_all()
        return Report._read_group(
            [],
            ["advisor_id", "date_done:month"],
            [
                "order_count:sum",
                "response_hours:avg",
                "resolve_hours:avg",
                "first_time_fix_rate:avg",
                "csi:avg",
                "nps:avg",
            ],
        )

    def floor_evaluation():
        env.cr.execute(FLOOR_EVALUATION_SQL)
        return env.cr.fetchall()

    groups = orm_evaluation()
    assert len(groups) == len(floor_evaluation()), "the report and the SQL give different groups"
    seconds, peak_mb = benchlib.measure(orm_evaluation, repeat=2)
    floor_seconds, _ = benchlib.measure(floor_evaluation, repeat=2, memory=False)
    results.append(
        benchlib.result(
            f"service evaluation of {ORDERS:,} orders ({len(groups)} advisor-months)",
            seconds,
            floor_seconds,
            5.0,
            peak_mb,
        )
    )
    for result in results:
        print(
            f"{result['name']}: {result['seconds']:.3f}s vs floor {result['floor_seconds']:.3f}s "
            f"= {result['ratio']:.2f}x, peak {result['peak_memory_mb']:.1f} MB"
        )
    return results
