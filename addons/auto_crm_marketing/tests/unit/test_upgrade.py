import importlib.util
from datetime import date
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "tools" / "upgrade.py"
_SPEC = importlib.util.spec_from_file_location("auto_crm_marketing_upgrade", _PATH)
upgrade = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(upgrade)

TABLE = [(1, 80.0), (3, 60.0), (5, 45.0), (8, 30.0)]


def test_age_in_years_counts_whole_years():
    assert upgrade.age_in_years(date(2020, 12, 1), date(2026, 11, 28)) == 5
    assert upgrade.age_in_years(date(2020, 11, 28), date(2026, 11, 28)) == 6
    assert upgrade.age_in_years(None, date(2026, 11, 28)) is None


def test_residual_percent_interpolates_between_points():
    assert upgrade.residual_percent(TABLE, 0) == 100.0
    assert upgrade.residual_percent(TABLE, 1) == 80.0
    assert upgrade.residual_percent(TABLE, 2) == 70.0
    assert upgrade.residual_percent(TABLE, 4) == 52.5
    assert upgrade.residual_percent(TABLE, 12) == 30.0
    assert upgrade.residual_percent([], 3) is None


def test_trade_in_value_rounds_to_the_yuan():
    assert upgrade.trade_in_value(150000, TABLE, 5) == 67500
    assert upgrade.trade_in_value(150000, TABLE, 4) == 78750
    assert upgrade.trade_in_value(0, TABLE, 4) is None
    assert upgrade.trade_in_value(150000, [], 4) is None


def test_add_months():
    assert upgrade.add_months(date(2023, 1, 31), 36) == date(2026, 1, 31)
    assert upgrade.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_reasons_in_a_fixed_order_and_thresholds_off_at_zero():
    today = date(2026, 11, 28)
    thresholds = {"age_years": 5, "mileage": 100000, "warranty_days": 60, "loan_days": 60, "repair_cost": 10000}
    facts = {
        "age_years": 6,
        "mileage": 120000,
        "warranty_end": date(2026, 12, 20),
        "loan_end": date(2026, 10, 1),
        "repair_cost": 12000,
    }
    assert upgrade.upgrade_reasons(facts, thresholds, today) == ["age", "mileage", "warranty", "loan", "repair_cost"]
    assert upgrade.upgrade_reasons({"age_years": 2, "mileage": 20000}, thresholds, today) == []
    assert upgrade.upgrade_reasons(facts, dict(thresholds, age_years=0, repair_cost=0), today) == [
        "mileage",
        "warranty",
        "loan",
    ]
    assert upgrade.upgrade_reasons({"warranty_end": date(2026, 6, 1)}, thresholds, today) == []
