"""The worklist for today (auto_crm_customer's worklist registry and every addon's sources) at dealership scale.

Data: 50 consultants, 200,000 customers (AUTOCRM_BENCH_SCALE scales it) with birthdays spread over the year,
one follow-up in twenty customers (most due or overdue, some later), 20,000 graded leads of which a third had
a follow-up made recently; under this file's own names ("WL Bench ..."), rows inserted by SQL copies.
- Worklists of 50 users (target 5x): ``auto.worklist.registry._worklist_collect(users)`` (every source of every
  installed addon, the ranking and the explanations) against a plain SQL floor fetching the same items (the
  follow-ups due, the birthdays, the leads with their last contact); both must find the same items.
- Materialising them (target 20x): ``_worklist_refresh(users)`` (the collect plus one batched ORM create of
  the items) against the same floor plus one raw ``INSERT ... SELECT`` of as many rows. At full scale (17,000
  items at once, a manager of 50 users) it measured 14.5x: the ORM's create, not the sources; a user's own
  list (tens of items) takes milliseconds.
"""

import json
from collections import Counter
from datetime import date, timedelta

import benchlib

from odoo.tools import SQL

USERS = 50
CUSTOMERS = benchlib.scaled(200000)
LEADS = benchlib.scaled(20000)
FOLLOWUP_EVERY = 20


def _make_data(env):
    users = env["res.users"].create(
        [
            {
                "name": f"WL Bench consultant {i}",
                "login": f"wl_bench_consultant_{i}",
                "groups_id": [(6, 0, [env.ref("auto_crm_customer.group_sales_consultant").id])],
            }
            for i in range(USERS)
        ]
    )
    user_array = f"ARRAY[{','.join(str(uid) for uid in users.ids)}]"
    seed = env["res.partner"].create({"name": "WL Bench customer", "auto_customer_type": "individual"})
    env.flush_all()
    partner_ids = benchlib.copy_rows(
        env,
        "res_partner",
        seed.id,
        CUSTOMERS,
        {
            "name": "'WL Bench 客户 ' || n",
            "complete_name": "'WL Bench 客户 ' || n",
            "user_id": f"({user_array})[1 + n %% {USERS}]",
            "auto_birthday": "date '1980-01-01' + (n %% 366)",
            "auto_customer_tier": "(ARRAY['key', 'potential', 'ordinary'])[1 + n %% 3]",
        },
    )
    today = date.today()
    company = env.company.id
    # follow-ups: one customer in twenty; due 0-9 days ago, or in 5 days for one in ten of them
    env.cr.execute(
        """
        INSERT INTO auto_followup (name, partner_id, user_id, date_scheduled, state, channel, company_id,
                                   is_overdue, completion_rate, on_time_rate, create_uid, write_uid,
                                   create_date, write_date)
        SELECT 'WL Bench call ' || p.id, p.id, p.user_id,
               CASE WHEN (p.id / %(every)s) %% 10 = 0 THEN %(today)s + 5
                    ELSE %(today)s - ((p.id / %(every)s) %% 10)::int END,
               'open', 'call', %(company)s, (p.id / %(every)s) %% 10 > 0, 0, 0, 1, 1, now(), now()
          FROM res_partner p
         WHERE p.id = ANY(%(ids)s) AND p.id %% %(every)s = 0
        """,
        {"today": today, "company": company, "ids": partner_ids, "every": FOLLOWUP_EVERY},
    )
    grades = env["auto.lead.grade"].search([("is_lost", "=", False)]).filtered("cadence_days")
    lead = env["crm.lead"].create(
        {"name": "WL Bench lead", "user_id": users[0].id, "auto_grade_id": grades[0].id, "expected_revenue": 150000}
    )
    env.flush_all()
    grade_array = f"ARRAY[{','.join(str(gid) for gid in grades.ids)}]"
    codes = ",".join(f"'{code}'" for code in grades.mapped("code"))
    code_array = f"ARRAY[{codes}]"
    lead_ids = benchlib.copy_rows(
        env,
        "crm_lead",
        lead.id,
        LEADS,
        {
            "name": "'WL Bench lead ' || n",
            "user_id": f"({user_array})[1 + n %% {USERS}]",
            "auto_grade_id": f"({grade_array})[1 + n %% {len(grades)}]",
            "auto_grade_code": f"({code_array})[1 + n %% {len(grades)}]",
            "create_date": "now() - (n %% 15) * interval '1 day'",
            "expected_revenue": "80000 + (n %% 20) * 10000",
        },
    )
    # a third of the leads had a follow-up made 0-5 days ago
    env.cr.execute(
        """
        INSERT INTO auto_followup (name, res_model, res_id, user_id, date_scheduled, state, channel, company_id,
                                   date_done, is_overdue, completion_rate, on_time_rate, create_uid, write_uid,
                                   create_date, write_date)
        SELECT 'WL Bench lead call', 'crm.lead', l.id, l.user_id, %(today)s, 'done', 'call', %(company)s,
               now() - (l.id %% 6) * interval '1 day', false, 100, 100, 1, 1, now(), now()
          FROM crm_lead l
         WHERE l.id = ANY(%(ids)s) AND l.id %% 3 = 0
        """,
        {"today": today, "company": company, "ids": lead_ids + [lead.id]},
    )
    env.invalidate_all()
    return users


def _floor(env, users, today, cadence):
    """The same items in plain SQL: follow-ups due, birthdays within 3 days, leads past their cadence."""
    ids = users.ids
    cr = env.cr
    cr.execute(
        SQL(
            """
            SELECT f.id, f.user_id, f.name, f.partner_id, f.date_scheduled, plan.purpose, p.auto_customer_tier
              FROM auto_followup f
         LEFT JOIN auto_followup_plan plan ON plan.id = f.plan_id
         LEFT JOIN res_partner p ON p.id = f.partner_id
             WHERE f.user_id = ANY(%s) AND f.state IN ('planned', 'open') AND f.date_scheduled <= %s
            """,
            ids,
            today,
        )
    )
    items = [("auto.followup", row[0], row[1]) for row in cr.fetchall()]
    days = tuple((today + timedelta(days=offset)).strftime("%m-%d") for offset in range(4))
    cr.execute(
        SQL(
            """
            SELECT id, user_id, name, auto_birthday, auto_customer_tier FROM res_partner
             WHERE user_id = ANY(%s) AND active AND auto_customer_type IS NOT NULL AND auto_birthday IS NOT NULL
               AND to_char(auto_birthday, 'MM-DD') IN %s
            """,
            ids,
            days,
        )
    )
    items += [("res.partner", row[0], row[1]) for row in cr.fetchall()]
    cr.execute(
        SQL(
            """
            SELECT l.id, l.user_id, l.name, l.auto_grade_id, l.expected_revenue,
                   COALESCE(MAX(f.date_done), l.create_date)::date AS last_contact
              FROM crm_lead l
              JOIN auto_lead_grade g ON g.id = l.auto_grade_id AND NOT COALESCE(g.is_lost, false)
         LEFT JOIN auto_followup f ON f.res_model = 'crm.lead' AND f.res_id = l.id AND f.state = 'done'
             WHERE l.user_id = ANY(%s) AND l.active AND COALESCE(l.probability, 0) < 100
          GROUP BY l.id
            """,
            ids,
        )
    )
    # a lead without a stage has no probability: the ORM's "< 100" keeps it
    rows = cr.fetchall()
    for lead_id, user_id, _name, grade_id, _revenue, last in rows:
        if cadence.get(grade_id) and last + timedelta(days=cadence[grade_id]) <= today:
            items.append(("crm.lead", lead_id, user_id))
    return items


def run(env):
    users = _make_data(env)
    env.flush_all()
    env.cr.execute("ANALYZE res_partner; ANALYZE auto_followup; ANALYZE crm_lead")
    Registry = env["auto.worklist.registry"]
    today = date.today()
    cadence = {grade.id: grade.cadence_days for grade in env["auto.lead.grade"].search([])}

    def orm():
        env.invalidate_all()
        return Registry._worklist_collect(users, today)

    def floor():
        return _floor(env, users, today, cadence)

    seconds, peak = benchlib.measure(orm)
    floor_seconds, _peak = benchlib.measure(floor, memory=False)
    found = sorted((item.res_model, item.res_id, item.user_id) for item in orm())
    expected = sorted(floor())
    if found != expected:
        by_model = Counter(model for model, _id, _user in found)
        floor_by_model = Counter(model for model, _id, _user in expected)
        raise AssertionError(f"the worklists found {by_model} items, the SQL floor {floor_by_model}")
    print(f"    {len(found)} items for {USERS} users over {CUSTOMERS} customers and {LEADS} leads")
    results = [
        benchlib.result(
            f"worklists of {USERS} users, {CUSTOMERS} customers / {LEADS} leads", seconds, floor_seconds, 5.0, peak
        )
    ]

    Item = env["auto.worklist.item"]

    def refresh():
        Registry._worklist_refresh(users, today)
        env.flush_all()

    def refresh_floor():
        rows = floor()
        env.cr.execute("DELETE FROM auto_worklist_item WHERE user_id = ANY(%s)", [users.ids])
        env.cr.execute(
            """
            INSERT INTO auto_worklist_item (user_id, kind, rank, name, res_model, res_id, company_id, due_count)
            SELECT (r->>2)::int, 'followup', 1, 'x', r->>0, (r->>1)::int, %s, 1
              FROM jsonb_array_elements(%s::jsonb) r
            """,
            [env.company.id, json.dumps(rows)],
        )

    refresh_seconds, refresh_peak = benchlib.measure(refresh, repeat=2)
    refresh_floor_seconds, _peak = benchlib.measure(refresh_floor, repeat=2, memory=False)
    refresh()
    made = Item.search_count([("user_id", "in", users.ids)])
    if made != len(expected):
        raise AssertionError(f"the refresh made {made} items, {len(expected)} expected")
    results.append(
        benchlib.result(
            f"worklists of {USERS} users materialised ({made} items)",
            refresh_seconds,
            refresh_floor_seconds,
            20.0,
            refresh_peak,
        )
    )
    return results
