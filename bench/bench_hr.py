"""auto_crm_hr at dealership scale: one month's scorecards of every employee against their SQL floor.

Data: 500 employees (consultants, service advisors, technicians, customer relations, stock clerks in
20 teams) and 12 months of their work inserted with SQL: leads, follow-ups, vehicle contracts with
their order lines, service orders with labour lines and satisfaction surveys (AUTOCRM_BENCH_SCALE scales
it; at full scale more than 200,000 source records). Names and logins are this file's own ("HR Bench",
hrbench_..., BENCH-HR/...), and the floor is limited to this file's employees, as the engine is (only
they have roles and employees in the bench database... and if others do, the floor counts the users the
engine scored).
- Scorecards of one month (target 5x): ``auto.hr.period._compute_scorecards`` (every KPI of every role,
  scores, weighted totals, team ranks, stored) against the same aggregates in one SQL query per source
  table, and the same storage: the period's KPI lines deleted and inserted again (the very rows the engine
  wrote, copied aside beforehand) and the totals updated from them.
"""

from datetime import timedelta

import benchlib

from odoo import fields

EMPLOYEES = benchlib.scaled(500, minimum=20)
LEADS = benchlib.scaled(80000)
FOLLOWUPS = benchlib.scaled(80000)
CONTRACTS = benchlib.scaled(20000)
SERVICE_ORDERS = benchlib.scaled(40000)
TEAMS = 20
ROLES = (
    # role, share of the employees (out of 20)
    ("auto_crm_customer.group_sales_consultant", 12),
    ("auto_crm_customer.group_service_advisor", 4),
    ("auto_crm_aftersales.group_technician", 2),
    ("auto_crm_aftersales.group_customer_relations", 1),
    ("auto_crm_inventory.group_stock_clerk", 1),
)

FLOOR_SQL = {
    "leads": """
        SELECT user_id, COUNT(*), AVG(auto_first_response_hours) FILTER (WHERE auto_date_first_response IS NOT NULL),
               COUNT(*) FILTER (WHERE type = 'opportunity'),
               COUNT(*) FILTER (WHERE type = 'opportunity' AND stage_id = ANY(%(won)s))
          FROM crm_lead WHERE create_date >= %(start)s AND create_date < %(stop)s AND user_id = ANY(%(users)s)
      GROUP BY user_id""",
    "followups": """
        SELECT f.user_id, COUNT(*), COUNT(*) FILTER (WHERE f.state = 'done'), AVG(f.on_time_rate),
               AVG(f.on_time_rate) FILTER (WHERE p.purpose = ANY(%(return_visits)s))
          FROM auto_followup f LEFT JOIN auto_followup_plan p ON p.id = f.plan_id
         WHERE f.date_scheduled BETWEEN %(date_from)s AND %(date_to)s AND f.state != 'cancelled'
           AND f.user_id = ANY(%(users)s)
      GROUP BY f.user_id""",
    "contracts": """
        SELECT o.user_id, SUM(o.auto_gross_profit), SUM(l.qty)
          FROM sale_order o
          JOIN (SELECT order_id, SUM(qty_delivered) AS qty FROM sale_order_line WHERE auto_lot_id IS NOT NULL
                 GROUP BY order_id) l ON l.order_id = o.id
         WHERE o.auto_is_vehicle_sale AND o.auto_contract_state IN ('delivered', 'closed')
           AND o.effective_date >= %(start)s AND o.effective_date < %(stop)s AND o.user_id = ANY(%(users)s)
      GROUP BY o.user_id""",
    "service": """
        SELECT user_id, COUNT(*), SUM(auto_amount_total), COUNT(*) FILTER (WHERE auto_first_time_fix)
          FROM repair_order
         WHERE state = 'done' AND auto_date_done >= %(start)s AND auto_date_done < %(stop)s AND user_id = ANY(%(users)s)
      GROUP BY user_id""",
    "surveys": """
        SELECT advisor_id, AVG(csi), AVG(nps_value) FROM auto_service_survey
         WHERE date BETWEEN %(date_from)s AND %(date_to)s AND advisor_id = ANY(%(users)s)
      GROUP BY advisor_id""",
    "labour": """
        SELECT l.technician_id, SUM(l.hours) FROM auto_repair_labour l JOIN repair_order r ON r.id = l.repair_id
         WHERE r.state = 'done' AND r.auto_date_done >= %(start)s AND r.auto_date_done < %(stop)s
           AND l.technician_id = ANY(%(users)s)
      GROUP BY l.technician_id""",
    "comebacks": """
        SELECT t.user_id, COUNT(*) FROM repair_order r JOIN repair_order_technician_rel t ON t.repair_id = r.id
         WHERE r.state = 'done' AND r.auto_date_done >= %(start)s AND r.auto_date_done < %(stop)s
           AND NOT r.auto_first_time_fix
           AND t.user_id = ANY(%(users)s)
      GROUP BY t.user_id""",
}


def _array(ids):
    return "ARRAY[" + ",".join(str(int(i)) for i in ids) + "]::int[]"


def _make_data(env):
    cr = env.cr
    today = fields.Date.context_today(env["res.users"])
    roles = [(env.ref(xmlid), share) for xmlid, share in ROLES]
    slots = [role.id for role, share in roles for _i in range(share)]
    teams = env["hr.department"].create([{"name": f"HR Bench Team {i}"} for i in range(TEAMS)])
    template_user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create({"name": "HR Bench Template", "login": "hrbench_template", "auto_role_id": roles[0][0].id})
    )
    template_employee = env["hr.employee"].create(
        {"name": "HR Bench Template", "user_id": template_user.id, "department_id": teams[0].id}
    )
    partner = env["res.partner"].create({"name": "HR Bench Customer", "auto_customer_type": "individual"})
    env.flush_all()
    # 500 users, their resources and employees: a role each, 20 teams
    user_ids = benchlib.copy_rows(
        env,
        "res_users",
        template_user.id,
        EMPLOYEES,
        {"login": "'hrbench_' || n", "auto_role_id": f"({_array(slots)})[1 + n %% {len(slots)}]"},
    )
    resource_ids = benchlib.copy_rows(
        env,
        "resource_resource",
        template_employee.resource_id.id,
        EMPLOYEES,
        {"name": "'HR Bench Employee ' || n", "user_id": f"({_array(user_ids)})[n]"},
    )
    benchlib.copy_rows(
        env,
        "hr_employee",
        template_employee.id,
        EMPLOYEES,
        {
            "name": "'HR Bench Employee ' || n",
            "resource_id": f"({_array(resource_ids)})[n]",
            "user_id": f"({_array(user_ids)})[n]",
            "work_contact_id": "NULL",
            "auto_role_id": f"({_array(slots)})[1 + n %% {len(slots)}]",
            "department_id": f"({_array(teams.ids)})[1 + n %% {TEAMS}]",
        },
    )
    env.invalidate_all()
    users_by_role = {}
    for index, user_id in enumerate(user_ids, start=1):
        users_by_role.setdefault(slots[index % len(slots)], []).append(user_id)
    consultants = users_by_role[roles[0][0].id]
    advisors = users_by_role[roles[1][0].id]
    technicians = users_by_role.get(roles[2][0].id) or advisors
    relations = users_by_role.get(roles[3][0].id) or advisors
    # templates of the source records
    lead = env["crm.lead"].create({"name": "HR Bench Lead", "type": "opportunity", "partner_id": partner.id})
    followup = env["auto.followup"].create({"name": "HR Bench Call", "partner_id": partner.id, "date_scheduled": today})
    product = env["product.product"].create({"name": "HR Bench Car", "type": "consu", "list_price": 150000})
    lot = env["stock.lot"].create({"name": "HRBENCHLOT", "product_id": product.id, "company_id": env.company.id})
    order = env["sale.order"].create(
        {"partner_id": partner.id, "order_line": [fields.Command.create({"product_id": product.id})]}
    )
    repair = env["repair.order"].create({"name": "BENCH-HR-TEMPLATE", "partner_id": partner.id})
    plan = env["auto.followup.plan"].search([("purpose", "=", "service_return_visit")], limit=1)
    won = env["crm.stage"].search([("is_won", "=", True)], limit=1)
    env.flush_all()
    day = "(n %% 365)"
    benchlib.copy_rows(
        env,
        "crm_lead",
        lead.id,
        LEADS,
        {
            "name": "'HR Bench Lead ' || n",
            "user_id": f"({_array(consultants)})[1 + n %% {len(consultants)}]",
            "create_date": f"(%(today)s::date - {day})::timestamp + INTERVAL '10 hours'".replace(
                "%(today)s", f"'{today}'"
            ),
            "auto_date_first_response": f"('{today}'::date - {day})::timestamp + INTERVAL '10 hours'"
            " + INTERVAL '1 hour' * (n %% 30)",
            "auto_first_response_hours": "(n %% 30)",
            "stage_id": f"CASE WHEN n %% 7 = 0 THEN {won.id} ELSE stage_id END",
        },
    )
    staff = consultants + relations
    benchlib.copy_rows(
        env,
        "auto_followup",
        followup.id,
        FOLLOWUPS,
        {
            "user_id": f"({_array(staff)})[1 + n %% {len(staff)}]",
            "date_scheduled": f"'{today}'::date - {day}",
            "state": "CASE WHEN n %% 5 = 0 THEN 'open' ELSE 'done' END",
            "completion_rate": "CASE WHEN n %% 5 = 0 THEN 0 ELSE 100 END",
            "on_time_rate": "CASE WHEN n %% 5 = 0 OR n %% 4 = 0 THEN 0 ELSE 100 END",
            "plan_id": f"CASE WHEN n %% 3 = 0 THEN {plan.id or 'NULL'} ELSE NULL END",
            "trigger_key": "NULL",
        },
    )
    order_ids = benchlib.copy_rows(
        env,
        "sale_order",
        order.id,
        CONTRACTS,
        {
            "name": "'BENCH-HR/' || n",
            "user_id": f"({_array(consultants)})[1 + n %% {len(consultants)}]",
            "state": "'sale'",
            "auto_contract_state": "'delivered'",
            "auto_is_vehicle_sale": "TRUE",
            "auto_gross_profit": "5000 + n %% 3000",
            "effective_date": f"('{today}'::date - {day})::timestamp + INTERVAL '15 hours'",
        },
    )
    line = order.order_line
    cr.execute(
        "UPDATE sale_order_line SET auto_lot_id = %s, auto_lot_reserved = FALSE, qty_delivered = 1 WHERE id = %s",
        [lot.id, line.id],
    )
    benchlib.copy_rows(env, "sale_order_line", line.id, CONTRACTS, {"order_id": f"({_array(order_ids)})[n]"})
    repair_ids = benchlib.copy_rows(
        env,
        "repair_order",
        repair.id,
        SERVICE_ORDERS,
        {
            "name": "'BENCH-HR/S' || n",
            "user_id": f"({_array(advisors)})[1 + n %% {len(advisors)}]",
            "state": "'done'",
            "auto_date_done": f"('{today}'::date - {day})::timestamp + INTERVAL '16 hours'",
            "auto_first_time_fix": "n %% 13 <> 0",
            "auto_amount_total": "300 + n %% 700",
        },
    )
    cr.execute(
        f"""
        INSERT INTO repair_order_technician_rel (repair_id, user_id)
        SELECT r, ({_array(technicians)})[1 + r %% {len(technicians)}] FROM unnest(%s::int[]) r;
        INSERT INTO auto_repair_labour (repair_id, sequence, name, technician_id, hours, hourly_rate, amount,
                                        company_id, create_uid, write_uid, create_date, write_date)
        SELECT r, 10, 'HR Bench Labour', ({_array(technicians)})[1 + r %% {len(technicians)}], 1 + r %% 3, 100,
               100 * (1 + r %% 3), %s, 1, 1, now(), now()
          FROM unnest(%s::int[]) r;
        INSERT INTO auto_service_survey (repair_id, partner_id, advisor_id, date, company_id,
                                         score_service_quality, score_service_initiation, score_advisor,
                                         score_facility, score_vehicle_pickup, nps_score, csi, nps_category,
                                         nps_value, create_uid, write_uid, create_date, write_date)
        SELECT r.id, r.partner_id, r.user_id, r.auto_date_done::date, r.company_id, '4', '4', '5', '4', '5', r.id %% 11,
               88, 'passive', CASE WHEN r.id %% 11 >= 9 THEN 100 WHEN r.id %% 11 >= 7 THEN 0 ELSE -100 END,
               1, 1, now(), now()
          FROM repair_order r WHERE r.id = ANY(%s::int[]) AND r.id %% 4 = 0
        """,
        [repair_ids, env.company.id, repair_ids, repair_ids],
    )
    env.invalidate_all()
    source_count = LEADS + FOLLOWUPS + 2 * CONTRACTS + SERVICE_ORDERS
    return user_ids, today, won, source_count


def run(env):
    user_ids, today, won, source_count = _make_data(env)
    # a month in the middle of the data, this file's own period (the demo data, if any, has the last three)
    date_from = (today - timedelta(days=180)).replace(day=1)
    Period = env["auto.hr.period"]
    period = Period.search([("period_type", "=", "month"), ("date_from", "=", date_from)], limit=1)
    period = period or Period.create({"period_type": "month", "date_from": date_from})
    date_to = period.date_to
    start, stop = env["auto.kpi.registry"]._kpi_datetime_bounds(date_from, date_to)
    params = {
        "start": start,
        "stop": stop,
        "date_from": date_from,
        "date_to": date_to,
        "won": won.ids,
        "return_visits": ["service_return_visit", "delivery_return_visit", "ticket_return_visit"],
    }

    def orm():
        env.invalidate_all()
        period._compute_scorecards()
        env.flush_all()

    def floor():
        # the users the engine scored: every employee with a role of this company
        env.cr.execute(
            "SELECT user_id FROM hr_employee WHERE active AND user_id IS NOT NULL AND auto_role_id IS NOT NULL"
        )
        users = [row[0] for row in env.cr.fetchall()]
        rows = 0
        for query in FLOOR_SQL.values():
            env.cr.execute(query, dict(params, users=users))
            rows += len(env.cr.fetchall())
        # the same storage: the period's KPI lines replaced by the same rows, the totals computed from them
        env.cr.execute("DELETE FROM auto_hr_scorecard_line WHERE period_id = %s", [period.id])
        env.cr.execute("INSERT INTO auto_hr_scorecard_line SELECT * FROM hr_bench_lines")
        env.cr.execute(
            """
            UPDATE auto_hr_scorecard card
               SET computed_score = total.score, total_score = total.score + card.adjustment
              FROM (SELECT scorecard_id, ROUND((SUM(score * weight) / NULLIF(SUM(weight), 0))::numeric, 2) AS score
                      FROM auto_hr_scorecard_line WHERE period_id = %s AND weight > 0 GROUP BY scorecard_id) total
             WHERE total.scorecard_id = card.id
            """,
            [period.id],
        )
        return rows

    orm()
    env.cr.execute(
        "CREATE TEMP TABLE hr_bench_lines AS SELECT * FROM auto_hr_scorecard_line WHERE period_id = %s", [period.id]
    )
    cards = env["auto.hr.scorecard"].search([("period_id", "=", period.id)])
    assert len(cards) >= len(user_ids), f"{len(cards)} scorecards for {len(user_ids)} employees"
    env.cr.execute(FLOOR_SQL["leads"], dict(params, users=user_ids))
    floor_leads = {user_id: count for user_id, count, *_rest in env.cr.fetchall()}
    lines = cards.line_ids.filtered(lambda line: line.code == "leads_handled" and line.user_id.id in floor_leads)
    assert lines and all(line.value == floor_leads[line.user_id.id] for line in lines), "leads differ from SQL"
    seconds, peak_mb = benchlib.measure(orm, repeat=2)
    floor_seconds, _ = benchlib.measure(floor, repeat=2, memory=False)
    return [
        benchlib.result(
            f"scorecards of {len(user_ids):,} employees for one month ({source_count:,} source records)",
            seconds,
            floor_seconds,
            5.0,
            peak_mb,
        )
    ]
