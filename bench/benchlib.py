"""Helpers for bench/bench_*.py files (importable as ``import benchlib``; see README.md)."""

import os
import time
import tracemalloc

import psycopg2
from psycopg2 import sql as pgsql

from odoo import sql_db

SCALE = float(os.environ.get("AUTOCRM_BENCH_SCALE", "1"))
"""Factor applied to every bench file's data volume (env ``AUTOCRM_BENCH_SCALE``, default 1)."""


def scaled(count, minimum=10):
    """``count`` times ``AUTOCRM_BENCH_SCALE``, at least ``minimum`` (a tiny scale still makes some data)."""
    return max(int(count * SCALE), minimum)


def measure(function, *, repeat=3, memory=True):
    """Call ``function()`` ``repeat`` times; return (best seconds, peak memory in MB).

    The best of several runs hides one-off noise (a cold cache, another process).
    tracemalloc slows Python down, so the timed runs are not traced: with ``memory=True``
    one more, traced, call measures the peak memory (0.0 otherwise). A function that
    writes should leave the database as it found it (or use repeat=1, memory=False).
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    peak_mb = 0.0
    if memory:
        tracemalloc.start()
        try:
            function()
            peak_mb = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        finally:
            tracemalloc.stop()
    return best, peak_mb


def result(name, seconds, floor_seconds, target, peak_memory_mb):
    """Build one result dict of ``run(env)``; ratio = seconds / floor_seconds."""
    return {
        "name": name,
        "seconds": seconds,
        "floor_seconds": floor_seconds,
        "ratio": seconds / floor_seconds if floor_seconds else float("inf"),
        "target": target,
        "peak_memory_mb": peak_memory_mb,
    }


def valid_vin(prefix, index):
    """A valid, unique VIN for bench data: 5-character ``prefix`` (WMI + 2), ``index`` as serial, year code S."""
    from odoo.addons.auto_crm_customer.tools.vin import vin_check_digit  # noqa: PLC0415 - needs Odoo on the path

    draft = f"{prefix}{index // 1_000_000:03d}0S{index % 1_000_000:07d}"[:17]
    draft = draft[:8] + "0" + draft[9:]
    return draft[:8] + vin_check_digit(draft) + draft[9:]


def copy_rows(env, table, source_id, count, overrides):
    """Insert ``count`` copies of one row of ``table`` in one statement; return their ids.

    ``overrides`` maps a column to the SQL expression giving its value (``n`` is the copy's
    number, 1 to ``count``), e.g. ``{"vin": "'BENCH' || lpad(n::text, 12, '0')"}``. Bench data only.
    """
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name != 'id'",
        [table],
    )
    columns = [name for (name,) in env.cr.fetchall()]
    select = [overrides.get(column, f'"{column}"') for column in columns]
    env.cr.execute(
        f"""INSERT INTO "{table}" ({", ".join(f'"{c}"' for c in columns)})
            SELECT {", ".join(select)} FROM "{table}", generate_series(1, %s) AS n WHERE id = %s
            RETURNING id""",
        [count, source_id],
    )
    return [row[0] for row in env.cr.fetchall()]


def vacuum(env, *tables):
    """What autovacuum does after a bulk delete, done at once: the dead rows out of ``tables`` (their heap and
    their indexes) and their statistics fresh, so that what runs next meets them as a live database would. The
    transaction is committed first: VACUUM runs outside one, here on a connection of its own."""
    env.flush_all()
    env.cr.commit()
    _name, params = sql_db.connection_info_for(env.cr.dbname)
    connection = psycopg2.connect(**params)
    try:
        connection.autocommit = True
        with connection.cursor() as cr:
            for table in tables:
                cr.execute(pgsql.SQL("VACUUM (ANALYZE) {}").format(pgsql.Identifier(table)))
    finally:
        connection.close()
