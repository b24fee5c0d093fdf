import importlib.util
from datetime import date
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "tools" / "cockpit.py"
_SPEC = importlib.util.spec_from_file_location("auto_crm_hr_cockpit", _PATH)
cockpit = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(cockpit)


def test_month_to_date_includes_today():
    assert cockpit.month_to_date_span(date(2026, 11, 28)) == (date(2026, 11, 1), date(2026, 11, 29))
    assert cockpit.day_span(date(2026, 11, 30)) == (date(2026, 11, 30), date(2026, 12, 1))


def test_previous_month_is_cut_at_its_last_day():
    assert cockpit.previous_month_span(date(2026, 3, 31)) == (date(2026, 2, 1), date(2026, 3, 1))
    assert cockpit.previous_month_span(date(2026, 1, 15)) == (date(2025, 12, 1), date(2025, 12, 16))


def test_last_year_of_a_leap_day_falls_back_to_the_28th():
    assert cockpit.last_year_span(date(2028, 2, 29)) == (date(2027, 2, 1), date(2027, 3, 1))
    assert cockpit.last_year_span(date(2026, 11, 28)) == (date(2025, 11, 1), date(2025, 11, 29))


def test_add_months_across_years():
    assert cockpit.add_months(date(2026, 1, 31), -2) == date(2025, 11, 30)
    assert cockpit.add_months(date(2026, 12, 5), 1) == date(2027, 1, 5)


def test_span_of_a_day():
    spans = cockpit.cockpit_spans(date(2026, 11, 28))
    assert cockpit.span_of(date(2026, 11, 28), spans) == ["today", "month"]
    assert cockpit.span_of(date(2026, 10, 28), spans) == ["previous"]
    assert cockpit.span_of(date(2026, 10, 29), spans) == []
    assert cockpit.span_of(date(2025, 11, 1), spans) == ["last_year"]


def test_delta_and_trend():
    assert cockpit.delta(120, 100) == (20, 20.0)
    assert cockpit.delta(5, 0) == (5, None)
    assert cockpit.delta(None, 3) == (None, None)
    assert cockpit.trend(120, 100) == ("up", "good")
    assert cockpit.trend(120, 100, "lower") == ("up", "bad")
    assert cockpit.trend(80, 100, "lower") == ("down", "good")
    assert cockpit.trend(100, 100) == ("flat", "neutral")


def test_achievement():
    assert cockpit.achievement(45, 60) == 75.0
    assert cockpit.achievement(45, 0) is None


def test_snapshot_days_are_the_ends_of_last_month_and_of_the_month_last_year():
    assert cockpit.snapshot_days(date(2026, 11, 28)) == {"previous": date(2026, 11, 1), "last_year": date(2025, 12, 1)}
    assert cockpit.snapshot_days(date(2026, 12, 1)) == {"previous": date(2026, 12, 1), "last_year": date(2026, 1, 1)}


def test_target_status_reads_by_direction():
    # higher is better: the share of the target reached
    assert cockpit.target_status(95, 100) == ("reached", 95.0, "bad")
    assert cockpit.target_status(120, 100, "higher") == ("reached", 120.0, "good")
    # lower is better: how far over or under the target (632 % of it is 532 % over)
    assert cockpit.target_status(632, 100, "lower") == ("over", 532.0, "bad")
    assert cockpit.target_status(80, 100, "lower") == ("under", 20.0, "good")
    assert cockpit.target_status(100, 100, "lower") == ("met", 0.0, "good")
    # no value or no target: no status
    assert cockpit.target_status(None, 100, "lower") == (None, None, "neutral")
    assert cockpit.target_status(5, 0, "lower") == (None, None, "bad")
