"""Legacy data import (数据迁移) at dealership scale: service history validated and imported against a bulk insert.

Data: 100,000 customer vehicles (inserted with SQL) and a CSV of 1,000,000 legacy service-history lines,
ten per vehicle (AUTOCRM_BENCH_SCALE scales both): four cars in five last came years ago (lapsed, not
reminded), one in five within the last fourteen months (its next maintenance is reminded now when it is
overdue or due within the "Maintenance due" rule's window, later by that rule). VINs, order references and
names are this file's own ("Import Bench", BENCHI..., BENCHI-WX...).
- Validation and import (target 5x): ``auto.legacy.import`` validates the file (a dry run) then imports it
  in batches of 1,000 rows (history lines, odometer readings, customer value, maintenance reminders),
  against the floor: the same rows parsed with the csv module and COPY'd into ``auto_service_history``
  (the VIN looked up in one dict). Both must create the same number of lines.
- Memory (tracemalloc peak of a validation) at a quarter of the file and the whole file: the file is
  streamed row by row, so the peak must not grow with the file. The second row reports it as a ratio
  (the whole file's peak MB in "seconds", the quarter's in "floor s"; target 2x).
"""

import base64
import csv
import datetime
import io
import os
import resource
import tempfile
import time
import tracemalloc

import benchlib
from dateutil.relativedelta import relativedelta

from odoo import fields

VEHICLES = benchlib.scaled(100000)
LINES_PER_VEHICLE = 10
VISITS = LINES_PER_VEHICLE // 2  # two lines per visit
WORK = [("更换机油机滤", "480.00"), ("更换空气滤芯", "120.00"), ("四轮定位", "200.00"), ("更换刹车片", "860.00")]
HEADER = ["工单号", "行号", "车架号", "日期", "进厂里程", "类型", "项目", "金额"]


def _make_vehicles(env):
    brand = env["auto.vehicle.brand"].create({"name": "Import Bench Brand"})
    series = env["auto.vehicle.series"].create({"name": "Import Bench Series", "brand_id": brand.id})
    model = env["auto.vehicle.model"].create(
        {
            "name": "Import Bench Trim",
            "series_id": series.id,
            "service_interval_km": 10000,
            "service_interval_months": 12,
        }
    )
    owner = env["res.partner"].create(
        {"name": "Import Bench Owner", "auto_customer_type": "individual", "mobile": "13912340000"}
    )
    env.flush_all()
    owner_ids = benchlib.copy_rows(
        env,
        "res_partner",
        owner.id,
        VEHICLES,
        {"name": "'Import Bench Owner ' || n", "mobile": "NULL", "auto_mobile_normalized": "NULL"},
    )
    env.cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [owner_ids])
    vehicle = env["auto.vehicle"].create(
        {
            "vin": benchlib.valid_vin("LGXMB", 0),
            "model_id": model.id,
            "partner_id": owner.id,
            "state": "customer",
            "purchase_date": "2019-01-01",
        }
    )
    env.flush_all()
    vehicle_ids = benchlib.copy_rows(
        env, "auto_vehicle", vehicle.id, VEHICLES, {"vin": "'BENCHI' || lpad(n::text, 11, '0')"}
    )
    env.cr.execute(
        "UPDATE auto_vehicle v SET partner_id = p.owner FROM unnest(%s::int[], %s::int[]) AS p(vehicle, owner) "
        "WHERE v.id = p.vehicle",
        [vehicle_ids, owner_ids],
    )
    env.invalidate_all()
    # what autovacuum does after a bulk load: without statistics the planner takes the tables for empty
    env.cr.execute("ANALYZE auto_vehicle, res_partner")
    return [f"BENCHI{n:011d}" for n in range(1, VEHICLES + 1)]


def _last_visit(index):
    """The last visit of an active vehicle (one in five): from today to 419 days ago, spread so that a small
    scale has some of each, and its next service (a year later) falls from 54 days overdue to a year ahead."""
    return datetime.date.today() - datetime.timedelta(days=index // 5 * 67 % 420)


def _visit_day(index, visit):
    """The day of a vehicle's visit (0 to 4, a year apart): four vehicles in five were last seen years ago
    (lapsed owners, not reminded), one in five lately (:func:`_last_visit`)."""
    if index % 5:
        return f"{2019 + visit}-{1 + index % 12:02d}-{1 + index % 28:02d}"
    return (_last_visit(index) - datetime.timedelta(days=365 * (VISITS - 1 - visit))).isoformat()


def _write_file(path, vins, prefix):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for index, vin in enumerate(vins):
            for visit in range(VISITS):
                day = _visit_day(index, visit)
                order = f"{prefix}-WX{index:07d}-{visit}"
                for line in range(2):
                    work, amount = WORK[(visit + line) % len(WORK)]
                    kind = "保养" if visit % 2 == 0 else "维修"
                    writer.writerow([order, line + 1, vin, day, 8000 * (visit + 1), kind, work, amount])


def _job(env, path):
    with open(path, "rb") as handle:
        data = base64.b64encode(handle.read())
    return env["auto.legacy.import"].create(
        {"template": "service_history", "file": data, "filename": os.path.basename(path), "batch_size": 1000}
    )


def _floor(env, path, company_id):
    """The same rows, parsed with the csv module and COPY'd in one statement."""
    env.cr.execute("SELECT vin, id, partner_id FROM auto_vehicle WHERE vin LIKE 'BENCHI%%'")
    vehicles = {vin: (vehicle_id, partner_id) for vin, vehicle_id, partner_id in env.cr.fetchall()}
    buffer = io.StringIO()
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for order, line, vin, day, mileage, kind, work, amount in reader:
            vehicle_id, partner_id = vehicles[vin]
            service_type = "maintenance" if kind == "保养" else "repair"
            buffer.write(
                f"FLOOR-{order}/{line}\t{vehicle_id}\t{partner_id}\t{order}\t{day}\t{mileage}\t{service_type}\t"
                f"{work}\t{amount}\t{company_id}\n"
            )
    buffer.seek(0)
    env.cr.copy_expert(
        "COPY auto_service_history (legacy_key, vehicle_id, partner_id, order_ref, date, mileage, service_type, "
        "description, amount, company_id) FROM STDIN",
        buffer,
    )
    return env.cr.rowcount


def _validation_peak(env, vins, directory, name):
    path = os.path.join(directory, name)
    _write_file(path, vins, "BENCHI-M")
    job = _job(env, path)
    tracemalloc.start()
    try:
        job.action_validate()
        peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()
    assert job.create_count == len(vins) * LINES_PER_VEHICLE, (job.create_count, job.refuse_count)
    return peak


def run(env):
    env = env(context=dict(env.context, tracking_disable=True, lang="en_US"))
    company_id = env.company.id
    vins = _make_vehicles(env)
    lines = len(vins) * LINES_PER_VEHICLE
    with tempfile.TemporaryDirectory(prefix="bench_import") as directory:
        path = os.path.join(directory, "service_history.csv")
        _write_file(path, vins, "BENCHI")

        start = time.perf_counter()
        floor_rows = _floor(env, path, company_id)
        env.cr.execute("DELETE FROM auto_service_history WHERE legacy_key LIKE 'FLOOR-%%'")
        floor_seconds = time.perf_counter() - start
        # what autovacuum does after a bulk delete: the import meets the table as the floor did, without the floor's
        # million dead lines in its indexes, and with statistics that no longer count them
        benchlib.vacuum(env, "auto_service_history")
        assert floor_rows == lines, (floor_rows, lines)

        job = _job(env, path)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        job.action_validate()
        job.action_import()
        seconds = time.perf_counter() - start
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        assert (job.state, job.create_count, job.refuse_count) == ("done", lines, 0), (
            job.state,
            job.create_count,
            job.refuse_count,
            job.line_ids[:3].mapped("reason"),
        )
        env.cr.execute("SELECT COUNT(*) FROM auto_service_history WHERE legacy_key LIKE 'BENCHI-WX%%'")
        assert env.cr.fetchone()[0] == lines
        # the cars seen lately whose next maintenance is overdue or due within the "Maintenance due" rule's
        # window are reminded now (the others by that rule, when their service comes near), the lapsed ones not
        plan = env["auto.followup.plan"]._for_purpose("maintenance_reminder", env.company)
        reminded = env["auto.followup"].search_count(
            [("plan_id", "=", plan.id), ("vehicle_id.vin", "=like", "BENCHI%")]
        )
        rule = env.ref("auto_crm_aftersales.auto_followup_rule_maintenance_due")
        horizon = fields.Date.context_today(rule) + datetime.timedelta(days=rule.days_ahead)
        due = [index for index in range(0, len(vins), 5) if _last_visit(index) + relativedelta(years=1) <= horizon]
        assert reminded == len(due) * len(plan.step_ids), (reminded, len(due))

        quarter = _validation_peak(env, vins[: max(len(vins) // 4, 1)], directory, "quarter.csv")
        whole = _validation_peak(env, vins, directory, "whole.csv")
    return [
        benchlib.result(
            f"validate + import {len(vins):,} vehicles' {lines:,} service lines "
            f"(peak RSS +{rss_after - rss_before:.0f} MB)",
            seconds,
            floor_seconds,
            5.0,
            whole,
        ),
        # memory, not time: the peak of the whole file over the peak of a quarter of it (flat: about 1)
        benchlib.result(
            f"validation peak memory (MB as seconds): {lines:,} lines vs {lines // 4:,} lines",
            whole,
            quarter,
            2.0,
            whole,
        ),
    ]
