"""Stock alerts and stock age (auto_crm_inventory) on 20,000 vehicles in stock and 50,000 parts.

Data: 20,000 vehicle serial numbers (VINs) of 20 trims, created through the ORM (so every VIN goes
through the registry), put in stock across three locations and a year of receipt dates with plain SQL;
50,000 parts copied in SQL from one ORM-made part, 10,000 of them with a reordering rule, all in stock
(AUTOCRM_BENCH_SCALE scales it). Names and VINs are this file's own ("Inventory Bench", LGXCB...), so that it
runs before or after any other file.

Measured against the cheapest honest way to get the same answer:
- a full evaluation of four stock alert rules (stock age, model level, parts below minimum, parts without
  movement) once their alerts exist (the nightly run: compare, update, resolve), against the SQL queries
  that give the same subjects and values;
- the stock age pivot (vehicles by model and age range, with carrying cost and value), against one
  GROUP BY query on the same table query.
"""

import datetime

import benchlib

from odoo import fields
from odoo.tools import SQL

VEHICLES = benchlib.scaled(20_000, minimum=20)
PARTS = benchlib.scaled(50_000)
ORDERPOINTS = benchlib.scaled(10_000)
TARGET = 5.0


def _make_vehicles(env):
    brand = env["auto.vehicle.brand"].create({"name": "Inventory Bench Brand"})
    series = env["auto.vehicle.series"].create({"name": "Inventory Bench Series", "brand_id": brand.id})
    models = env["auto.vehicle.model"].create(
        [{"name": f"Trim {i}", "series_id": series.id, "model_year": 2025} for i in range(20)]
    )
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    stock = warehouse.lot_stock_id
    locations = stock | env["stock.location"].create(
        [
            {"name": "Inventory Bench Showroom", "location_id": stock.id, "usage": "internal", "auto_area": "showroom"},
            {"name": "Inventory Bench Yard", "location_id": stock.id, "usage": "internal", "auto_area": "yard"},
        ]
    )
    lots = env["stock.lot"].create(
        [
            {
                "name": benchlib.valid_vin("LGXCB", i),
                "product_id": models[i % 20].product_id.id,
                "company_id": env.company.id,
            }
            for i in range(VEHICLES)
        ]
    )
    env.flush_all()
    now = fields.Datetime.now()
    env.cr.execute(
        """
        INSERT INTO stock_quant (product_id, company_id, location_id, lot_id, quantity, reserved_quantity, in_date,
                                 create_uid, write_uid, create_date, write_date)
        SELECT lot.product_id, lot.company_id, (%s::int[])[1 + lot.id %% 3], lot.id, 1, 0,
               %s::timestamp - (lot.id %% 365) * interval '1 day', 1, 1, %s, %s
          FROM stock_lot lot WHERE lot.id = ANY(%s)
        """,
        [locations.ids, now, now, now, lots.ids],
    )
    vehicles = env["auto.vehicle"].search([("lot_id", "in", lots.ids)])
    vehicles._auto_recompute_stock_fields()
    env.flush_all()
    return vehicles


def _make_parts(env):
    category = env.ref("auto_crm_inventory.product_category_part")
    part = env["product.product"].create(
        {
            "name": "Inventory bench part",
            "type": "consu",
            "is_storable": True,
            "auto_product_kind": "part",
            "categ_id": category.id,
            "standard_price": 10.0,
        }
    )
    env.flush_all()
    template_ids = benchlib.copy_rows(env, "product_template", part.product_tmpl_id.id, PARTS - 1, {})
    env.cr.execute(
        """
        INSERT INTO product_product (product_tmpl_id, active, create_uid, write_uid, create_date, write_date)
        SELECT t, true, 1, 1, now(), now() FROM unnest(%s::int[]) AS t RETURNING id
        """,
        [template_ids],
    )
    product_ids = [part.id] + [row[0] for row in env.cr.fetchall()]
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    stock = warehouse.lot_stock_id
    env.cr.execute(
        """
        INSERT INTO stock_quant (product_id, company_id, location_id, quantity, reserved_quantity, in_date,
                                 create_uid, write_uid, create_date, write_date)
        SELECT p, %s, %s, 1 + p %% 20, 0, now(), 1, 1, now(), now() FROM unnest(%s::int[]) AS p
        """,
        [env.company.id, stock.id, product_ids],
    )
    # nine parts in ten sold last month: the others are dormant
    customers = env.ref("stock.stock_location_customers")
    env.cr.execute(
        """
        INSERT INTO stock_move (name, product_id, product_uom, product_uom_qty, quantity, location_id,
                                location_dest_id, company_id, state, date, procure_method, create_uid, write_uid,
                                create_date, write_date)
        SELECT 'Bench sale', p, %s, 1, 1, %s, %s, %s, 'done', now() - interval '30 days', 'make_to_stock',
               1, 1, now(), now()
          FROM unnest(%s::int[]) AS p WHERE p %% 10 != 0
        """,
        [part.uom_id.id, stock.id, customers.id, env.company.id, product_ids],
    )
    orderpoint = env["stock.warehouse.orderpoint"].create(
        {
            "product_id": part.id,
            "warehouse_id": warehouse.id,
            "location_id": stock.id,
            "product_min_qty": 10,
            "product_max_qty": 30,
            "trigger": "manual",
        }
    )
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO stock_warehouse_orderpoint (name, product_id, warehouse_id, location_id, company_id, route_id,
               product_min_qty, product_max_qty, qty_multiple, trigger, active, create_uid, write_uid, create_date,
               write_date)
        SELECT 'OP/' || p, p, warehouse_id, location_id, company_id, route_id, 10, 30, qty_multiple, 'manual', true,
               1, 1, now(), now()
          FROM stock_warehouse_orderpoint, unnest(%s::int[]) AS p WHERE id = %s
        """,
        [product_ids[1:ORDERPOINTS], orderpoint.id],
    )
    env.invalidate_all()
    # what autovacuum does after a bulk load: without statistics the planner takes the tables for empty
    for table in (
        "stock_quant",
        "stock_move",
        "stock_lot",
        "auto_vehicle",
        "product_product",
        "product_template",
        "stock_warehouse_orderpoint",
    ):
        env.cr.execute(f'ANALYZE "{table}"')
    return product_ids


def _floor_subjects(env, rules, today):
    """The subjects and values of the four rules, straight from the tables."""
    results = []
    age_rule, level_rule, part_rule, dormant_rule = rules
    cutoff = datetime.datetime.combine(today - datetime.timedelta(days=int(age_rule.threshold)), datetime.time())
    env.cr.execute(
        """SELECT id, %s::date - stock_in_date::date FROM auto_vehicle
            WHERE state IN ('in_stock', 'reserved', 'demo') AND stock_in_date < %s AND company_id = %s""",
        [today, cutoff, env.company.id],
    )
    results.append(env.cr.fetchall())
    env.cr.execute(
        """SELECT m.id, COUNT(v.id) FROM auto_vehicle_model m
        LEFT JOIN auto_vehicle v ON v.model_id = m.id AND v.state IN ('in_stock', 'reserved', 'demo')
            WHERE m.product_id IS NOT NULL GROUP BY m.id HAVING COUNT(v.id) < %s""",
        [level_rule.threshold],
    )
    results.append(env.cr.fetchall())
    env.cr.execute(
        """
        SELECT op.id, COALESCE(SUM(q.quantity), 0)
          FROM stock_warehouse_orderpoint op
          JOIN product_product pp ON pp.id = op.product_id
          JOIN product_template pt ON pt.id = pp.product_tmpl_id
          JOIN stock_location ol ON ol.id = op.location_id
     LEFT JOIN stock_location ql ON starts_with(ql.parent_path, ol.parent_path) AND ql.usage = 'internal'
     LEFT JOIN stock_quant q ON q.location_id = ql.id AND q.product_id = op.product_id
         WHERE op.active AND op.company_id = %s AND pt.auto_product_kind = 'part'
      GROUP BY op.id, op.product_min_qty HAVING COALESCE(SUM(q.quantity), 0) < op.product_min_qty
        """,
        [env.company.id],
    )
    results.append(env.cr.fetchall())
    dormant_cutoff = datetime.datetime.combine(
        today - datetime.timedelta(days=int(dormant_rule.threshold)), datetime.time()
    )
    env.cr.execute(
        """
        WITH stocked AS (
            SELECT q.product_id, SUM(q.quantity) AS on_hand FROM stock_quant q
              JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
              JOIN product_product pp ON pp.id = q.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id AND pt.auto_product_kind = 'part'
             WHERE q.company_id = %s GROUP BY q.product_id HAVING SUM(q.quantity) > 0),
        last_moves AS (
            SELECT m.product_id, MAX(m.date) AS last_move FROM stock_move m
             WHERE m.state = 'done' AND m.company_id = %s AND m.product_id IN (SELECT product_id FROM stocked)
          GROUP BY m.product_id)
        SELECT s.product_id, s.on_hand, lm.last_move FROM stocked s
     LEFT JOIN last_moves lm ON lm.product_id = s.product_id
         WHERE lm.last_move IS NULL OR lm.last_move < %s
        """,
        [env.company.id, env.company.id, dormant_cutoff],
    )
    results.append(env.cr.fetchall())
    return results


def run(env):
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
    _make_vehicles(env)
    _make_parts(env)
    Rule = env["auto.alert.rule"]
    rules = Rule.create(
        [
            {"name": "Bench stock age", "indicator": "vehicle_stock_age", "threshold": 90},
            {"name": "Bench model level", "indicator": "model_stock_level", "comparison": "below", "threshold": 2000},
            {"name": "Bench parts below minimum", "indicator": "part_below_min"},
            {"name": "Bench dormant parts", "indicator": "part_no_movement", "threshold": 180},
        ]
    )
    created, _resolved = rules._evaluate()  # first run: the alerts are created (not timed)
    env.flush_all()
    today = fields.Date.context_today(rules)
    floor_results = _floor_subjects(env, rules, today)
    expected = sum(len(rows) for rows in floor_results)
    if len(created) != expected:
        raise AssertionError(f"the rules found {len(created)} subjects, the floor {expected}")

    def evaluate():
        env.invalidate_all()
        rules._evaluate()
        env.flush_all()

    def floor_evaluate():
        _floor_subjects(env, rules, today)

    results = []
    seconds, peak = benchlib.measure(evaluate, repeat=2)
    floor_seconds, _peak = benchlib.measure(floor_evaluate, memory=False)
    results.append(
        benchlib.result(
            f"alert evaluation, 4 rules, {len(created):,} open alerts",
            seconds,
            floor_seconds,
            TARGET,
            peak,
        )
    )

    Report = env["auto.vehicle.stock.report"]

    def pivot():
        env.invalidate_all()
        return Report._read_group(
            [], ["model_id", "age_bucket_label"], ["__count", "age_days:avg", "carrying_cost:sum", "stock_value:sum"]
        )

    def pivot_floor():
        env.cr.execute(
            SQL(
                "SELECT model_id, age_bucket_label, COUNT(*), AVG(age_days), SUM(carrying_cost), SUM(stock_value) "
                "FROM (%s) report GROUP BY model_id, age_bucket_label",
                Report._auto_stock_age_query(today),
            )
        )
        return env.cr.fetchall()

    if sum(count for _m, _b, count, *_rest in pivot()) != VEHICLES:
        raise AssertionError("the stock age report does not count every vehicle")
    seconds, peak = benchlib.measure(pivot)
    floor_seconds, _peak = benchlib.measure(pivot_floor, memory=False)
    results.append(
        benchlib.result(
            f"stock age pivot of {VEHICLES:,} vehicles",
            seconds,
            floor_seconds,
            TARGET,
            peak,
        )
    )

    return results
