"""Run AutoCRM benchmark files inside an Odoo environment.

Usually started by ``bin/autocrm bench``, which first creates the database (every addon,
no demo data) and then calls::

    python bench/run.py --database autocrm_bench bench/bench_*.py -- <odoo-bin options>

Everything after ``--`` is given to Odoo's configuration parser (``-c odoo.conf``,
``--addons-path``, ``--db_host`` ...). Each bench file is imported by path and its
``run(env)`` is called with a superuser environment on a cursor of its own; the
transaction is committed after each file (rolled back if the file raises). ``run(env)``
returns a list of dicts::

    {"name": str, "seconds": float, "floor_seconds": float, "ratio": float | None,
     "target": float, "peak_memory_mb": float}

``ratio`` may be None: it is then ``seconds / floor_seconds``. A result passes when
``ratio <= target``. The runner prints a table, then ``N passed, N failed``, and exits 1
when a ratio exceeds its target or a bench file fails.

``--ignore-targets`` (used by ``bin/autocrm test``, which runs every file with
``AUTOCRM_BENCH_SCALE=0.01``): a ratio above its target is shown as ``slow (ignored)`` and
does not fail; only a bench file that raises (a crash, a failed consistency check) or
returns malformed results fails. At a tiny scale the timings are noise.
"""

import argparse
import importlib.util
import math
import sys
import traceback
from pathlib import Path

REQUIRED_KEYS = ("name", "seconds", "floor_seconds", "target", "peak_memory_mb")


def _split_argv(argv):
    if "--" in argv:
        index = argv.index("--")
        return argv[:index], argv[index + 1 :]
    return argv, []


def _load(path):
    """Import a bench file by path (bench/ has no __init__.py; benchlib is importable)."""
    bench_dir = str(path.parent)
    if bench_dir not in sys.path:
        sys.path.insert(0, bench_dir)
    spec = importlib.util.spec_from_file_location(f"autocrm_bench_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "run", None)):
        raise TypeError(f"{path.name} has no run(env) function")
    return module


def _check(result, source, ignore_targets=False):
    if not isinstance(result, dict):
        raise TypeError(f"{source}: run(env) must return a list of dicts, got {type(result).__name__}")
    missing = [key for key in REQUIRED_KEYS if key not in result]
    if missing:
        raise ValueError(f"{source}: result {result.get('name', '?')!r} lacks {', '.join(missing)}")
    row = dict(result)
    for key in ("seconds", "floor_seconds", "target", "peak_memory_mb"):
        row[key] = float(row[key])
    if row.get("ratio") is None:
        row["ratio"] = row["seconds"] / row["floor_seconds"] if row["floor_seconds"] > 0 else math.inf
    row["ratio"] = float(row["ratio"])
    row["slow"] = row["ratio"] > row["target"]
    row["ok"] = ignore_targets or not row["slow"]
    row["file"] = source
    return row


def _print_table(rows):
    headers = ("file", "benchmark", "seconds", "floor s", "ratio", "target", "peak MB", "status")
    lines = [
        (
            row["file"],
            str(row["name"]),
            f"{row['seconds']:.3f}",
            f"{row['floor_seconds']:.3f}",
            f"{row['ratio']:.2f}",
            f"{row['target']:.2f}",
            f"{row['peak_memory_mb']:.1f}",
            ("slow (ignored)" if row["ok"] else "TOO SLOW") if row["slow"] else "ok",
        )
        for row in rows
    ]
    widths = [max(len(cell) for cell in column) for column in zip(headers, *lines, strict=False)]
    for line in (headers, tuple("-" * width for width in widths), *lines):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())


def main(argv=None):
    own_argv, odoo_argv = _split_argv(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", "-d", required=True, help="database with the addons installed")
    parser.add_argument(
        "--ignore-targets",
        action="store_true",
        help="a ratio above its target does not fail (tiny-scale smoke run: only crashes fail)",
    )
    parser.add_argument("files", nargs="+", type=Path, help="bench/bench_*.py files")
    args = parser.parse_args(own_argv)

    import odoo  # noqa: PLC0415 - only importable once ODOO_PATH is on sys.path
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config([*odoo_argv, "--database", args.database], setup_logging=True)
    registry = Registry(args.database)

    rows, broken = [], []
    for path in args.files:
        print(f"[bench] {path.name}", flush=True)
        try:
            module = _load(path)
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                results = module.run(env)
                env.flush_all()
                # leaving the block commits (or rolls back if run() raised)
            if not results:
                raise ValueError(f"{path.name}: run(env) returned no result")
            rows.extend(_check(result, path.name, args.ignore_targets) for result in results)
        except Exception:  # noqa: BLE001 - report every file, then fail
            traceback.print_exc()
            broken.append(path.name)

    print()
    if rows:
        _print_table(rows)
    for name in broken:
        print(f"{name}: FAILED (traceback above)")
    failed = sum(not row["ok"] for row in rows) + len(broken)
    print(f"{len(rows) - sum(not row['ok'] for row in rows)} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
