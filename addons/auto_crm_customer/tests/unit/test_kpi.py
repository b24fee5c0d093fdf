"""Unit tests of tools/kpi.py (the KPI source and the rate maths), without Odoo; loaded by file path as
test_vin.py explains."""

import importlib.util
import pathlib
import sys

_PATH = pathlib.Path(__file__).resolve().parents[2] / "tools" / "kpi.py"
_spec = importlib.util.spec_from_file_location("auto_crm_customer_tools_kpi", _PATH)
kpi = importlib.util.module_from_spec(_spec)
# a dataclass looks its module up by name
sys.modules[_spec.name] = kpi
_spec.loader.exec_module(kpi)


def test_rate_in_percent_and_none_without_data():
    assert kpi.rate(1, 4) == 25.0
    assert kpi.rate(2, 3) == 66.67
    assert kpi.rate(1, 0) is None
    assert kpi.rate(0, 0) is None


def test_a_count_or_a_sum_has_a_value_over_no_record():
    assert not kpi.KpiSource("crm.lead", "user_id", []).is_average
    assert not kpi.KpiSource("sale.order", "user_id", [], measure="amount_total:sum").is_average


def test_a_rate_a_ratio_or_an_average_has_none_over_no_record():
    assert kpi.KpiSource("repair.order", "user_id", [], success=[("auto_first_time_fix", "=", True)]).is_average
    assert kpi.KpiSource("auto.service.survey", "advisor_id", [], measure="csi:avg").is_average
    source = kpi.KpiSource("auto.payment.plan.line", "user_id", [], ratio=("a:sum", "b:sum"))
    assert source.is_average
    assert source.formula(30.0, 40.0) == 75.0
    assert source.fetch_fields == []
