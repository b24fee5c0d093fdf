"""auto_crm_customer at dealership scale: tier recompute and follow-up generation against their floors.

Data: 20,000 customers, 30,000 vehicles, 100,000 value records (AUTOCRM_BENCH_SCALE scales it), under this
file's own names ("Customer Bench", VINs LGXCE...), so that it runs before or after any other file.
- Tier recompute (target 5x): ``res.partner._recompute_customer_tiers()`` against one SQL
  statement that computes the same RFM scores and tiers and writes them; both must agree.
- Follow-up generation (target 2x): ``auto.followup._open_due_followups()`` for one due
  follow-up per customer, against one bulk ``mail.activity`` create of the same activities
  (follow-ups that other bench files left due are opened first, untimed).
"""

import random
import time
import tracemalloc
from datetime import date, timedelta

import benchlib
from dateutil.relativedelta import relativedelta

from odoo.tools import SQL

CUSTOMERS = benchlib.scaled(20000)
VEHICLES = benchlib.scaled(30000)
VALUES = benchlib.scaled(100000)
BATCH = 2000

TIER_FIELDS = [
    "auto_tier_computed",
    "auto_rfm_recency_score",
    "auto_rfm_frequency_score",
    "auto_rfm_monetary_score",
    "auto_rfm_score",
    "auto_customer_tier",
]


def _make_data(env):
    rnd = random.Random(7)
    ctx = dict(tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True)
    Partner = env["res.partner"].with_context(**ctx)
    users = env["res.users"].create(
        [
            {
                "name": f"Bench consultant {i}",
                "login": f"bench_consultant_{i}",
                "groups_id": [(6, 0, [env.ref("auto_crm_customer.group_sales_consultant").id])],
            }
            for i in range(20)
        ]
    )
    partner_ids = []
    for start in range(0, CUSTOMERS, BATCH):
        partners = Partner.create(
            [
                {
                    "name": f"客户 {i}",
                    "auto_customer_type": "individual",
                    "mobile": f"13{i:09d}",
                    "user_id": users[i % len(users)].id,
                }
                for i in range(start, min(start + BATCH, CUSTOMERS))
            ]
        )
        partner_ids += partners.ids
        env.flush_all()
        env.invalidate_all()
    model = env["auto.vehicle.model"].create(
        {
            "name": "Customer Bench Trim",
            "series_id": env["auto.vehicle.series"]
            .create(
                {
                    "name": "Customer Bench Series",
                    "brand_id": env["auto.vehicle.brand"].create({"name": "Customer Bench Brand"}).id,
                }
            )
            .id,
        }
    )
    Vehicle = env["auto.vehicle"].with_context(**ctx)
    today = date.today()
    for start in range(0, VEHICLES, BATCH):
        Vehicle.create(
            [
                {
                    "vin": benchlib.valid_vin("LGXCE", i),
                    "model_id": model.id,
                    "partner_id": partner_ids[i % len(partner_ids)],
                    "state": "sold",
                    "purchase_date": today - timedelta(days=rnd.randint(30, 2000)),
                }
                for i in range(start, min(start + BATCH, VEHICLES))
            ]
        )
        env.flush_all()
        env.invalidate_all()
    Value = env["auto.customer.value"]
    for start in range(0, VALUES, BATCH * 5):
        Value.create(
            [
                {
                    "partner_id": partner_ids[rnd.randrange(len(partner_ids))],
                    "amount": rnd.choice([480.0, 980.0, 2360.0, 5600.0, 149800.0, 239800.0]),
                    "date": today - timedelta(days=rnd.randint(0, 1200)),
                    "value_type": "service",
                }
                for _i in range(start, min(start + BATCH * 5, VALUES))
            ]
        )
        env.flush_all()
        env.invalidate_all()
    return partner_ids


def _reset_tiers(env):
    env.flush_all()
    env.cr.execute("""
        UPDATE res_partner SET auto_tier_computed = NULL, auto_rfm_recency_score = 0, auto_rfm_frequency_score = 0,
               auto_rfm_monetary_score = 0, auto_rfm_score = 0, auto_customer_tier = 'ordinary'
         WHERE auto_customer_type IS NOT NULL
    """)
    env.cr.execute("DELETE FROM auto_customer_tier_history")
    env.invalidate_all()


def _tiers(env):
    env.cr.execute(
        "SELECT id, auto_tier_computed, auto_rfm_score FROM res_partner WHERE auto_tier_computed IS NOT NULL"
    )
    return dict((pid, (tier, score)) for pid, tier, score in env.cr.fetchall())


def _floor_tiers(env):
    """The same classification and write as _recompute_customer_tiers, in one SQL statement."""
    company = env.company
    today = date.today()
    window_start = today - relativedelta(months=company.auto_tier_window_months)
    env.cr.execute(
        SQL(
            """
        WITH stats AS (
            SELECT v.partner_id, %(today)s - MAX(v.date) AS recency, COUNT(*) AS frequency, SUM(v.amount) AS monetary
              FROM auto_customer_value v JOIN res_partner p ON p.id = v.partner_id AND p.active
             WHERE v.company_id = %(company)s AND v.date >= %(start)s
             GROUP BY v.partner_id
        ), totals AS (
            SELECT COUNT(*) AS n, SUM(GREATEST(monetary, 0)) AS total FROM stats
        ), scored AS (
            SELECT s.partner_id, s.monetary,
                   1 + (5 * (RANK() OVER (ORDER BY s.recency DESC) - 1)) / t.n AS r,
                   1 + (5 * (RANK() OVER (ORDER BY s.frequency) - 1)) / t.n AS f,
                   1 + (5 * (RANK() OVER (ORDER BY s.monetary) - 1)) / t.n AS m,
                   COALESCE(SUM(s.monetary) OVER (ORDER BY s.monetary DESC, s.partner_id
                                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
                   ROW_NUMBER() OVER (ORDER BY s.monetary DESC, s.partner_id) - 1 AS position,
                   FLOOR(t.n * %(customer_share)s / 100.0 + 1e-9) AS max_key,
                   t.total * %(value_share)s / 100.0 AS target
              FROM stats s, totals t
        ), tiered AS (
            SELECT partner_id, r, f, m,
                   CASE WHEN position < max_key AND before < target - 1e-9 AND monetary > 0 THEN 'key'
                        WHEN r + f + m >= %(potential)s THEN 'potential'
                        ELSE 'ordinary' END AS tier
              FROM scored
        )
        UPDATE res_partner p
           SET auto_tier_computed = t.tier, auto_rfm_recency_score = t.r, auto_rfm_frequency_score = t.f,
               auto_rfm_monetary_score = t.m, auto_rfm_score = t.r + t.f + t.m,
               auto_customer_tier = COALESCE(p.auto_tier_override, t.tier)
          FROM tiered t
         WHERE p.id = t.partner_id
        """,
            today=today,
            company=company.id,
            start=window_start,
            customer_share=company.auto_tier_key_customer_share,
            value_share=company.auto_tier_key_value_share,
            potential=company.auto_tier_potential_min_score,
        )
    )


def _timed(function, reset, runs=2):
    best = float("inf")
    for _ in range(runs):
        reset()
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    reset()
    tracemalloc.start()
    try:
        function()
        peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()
    return best, peak


def _bench_tiers(env):
    Partner = env["res.partner"]

    def orm():
        Partner._recompute_customer_tiers()
        env.flush_all()

    def floor():
        _floor_tiers(env)

    seconds, peak = _timed(orm, lambda: _reset_tiers(env))
    orm_result = _tiers(env)
    floor_seconds, _peak = _timed(floor, lambda: _reset_tiers(env))
    floor_result = _tiers(env)
    if orm_result != floor_result:
        differing = [pid for pid in orm_result if orm_result[pid] != floor_result.get(pid)]
        raise AssertionError(f"tier recompute and its SQL floor disagree on {len(differing)} customers")
    counts = {}
    for tier, _score in orm_result.values():
        counts[tier] = counts.get(tier, 0) + 1
    print(f"    tiers of {len(orm_result)} valued customers: {counts}")
    return benchlib.result(
        f"tier recompute, {CUSTOMERS} customers / {VALUES} value records", seconds, floor_seconds, 5.0, peak
    )


def _bench_followups(env, partner_ids):
    Followup = env["auto.followup"]
    # follow-ups another bench file left due (e.g. receivable reminders) are opened now, untimed:
    # the measured run opens exactly this file's follow-ups
    while Followup._open_due_followups():
        pass
    plan = env["auto.followup.plan"].create(
        {
            "name": "Customer bench plan",
            "step_ids": [
                (
                    0,
                    0,
                    {
                        "name": "Call",
                        "offset_days": 0,
                        "channel": "call",
                        "script": "Thank the customer and ask about the first service.",
                    },
                )
            ],
        }
    )
    today = date.today()
    partners = env["res.partner"].browse(partner_ids)
    followups = Followup._schedule(
        plan, [{"partner_id": p.id, "user_id": p.user_id.id, "trigger_date": today} for p in partners]
    )
    env.flush_all()
    followup_ids = followups.ids
    model_id = env["ir.model"]._get_id("auto.followup")
    call_type = env.ref("mail.mail_activity_data_call").id

    def reset():
        env.flush_all()
        env.cr.execute(
            "DELETE FROM mail_activity WHERE res_model = 'auto.followup' AND res_id = ANY(%s)", [followup_ids]
        )
        env.cr.execute(
            "DELETE FROM mail_followers WHERE res_model = 'auto.followup' AND res_id = ANY(%s)", [followup_ids]
        )
        env.cr.execute("UPDATE auto_followup SET state = 'planned' WHERE id = ANY(%s)", [followup_ids])
        env.invalidate_all()

    def orm():
        while Followup._open_due_followups():
            pass
        env.flush_all()

    def floor():
        rows = Followup.browse(followup_ids).search_fetch(
            [("id", "in", followup_ids)], ["name", "date_scheduled", "user_id", "script"]
        )
        env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": f.id,
                    "activity_type_id": call_type,
                    "summary": f.name,
                    "note": f.script,
                    "date_deadline": f.date_scheduled,
                    "user_id": f.user_id.id,
                }
                for f in rows
            ]
        )
        env.flush_all()

    seconds, peak = _timed(orm, reset)
    own_activities = [("res_model", "=", "auto.followup"), ("res_id", "in", followup_ids)]
    opened = env["mail.activity"].search_count(own_activities)
    floor_seconds, _peak = _timed(floor, reset)
    made = env["mail.activity"].search_count(own_activities)
    if opened != made or opened != len(followup_ids):
        raise AssertionError(f"follow-up generation made {opened} activities, the floor {made}")
    reset()
    return benchlib.result(f"follow-up generation, {len(followup_ids)} activities", seconds, floor_seconds, 2.0, peak)


def run(env):
    env = env(context=dict(env.context, tracking_disable=True))
    start = time.perf_counter()
    partner_ids = _make_data(env)
    print(
        f"    data: {CUSTOMERS} customers, {VEHICLES} vehicles, {VALUES} value records "
        f"in {time.perf_counter() - start:.0f}s"
    )
    return [_bench_tiers(env), _bench_followups(env, partner_ids)]
