import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "tools" / "month.py"
_SPEC = importlib.util.spec_from_file_location("auto_crm_sales_month", _PATH)
month = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(month)


def test_format_month_pads_and_sorts_as_text():
    assert month.format_month(2026, 1) == "2026-01"
    assert month.format_month(2026, 11) == "2026-11"
    assert sorted([month.format_month(2026, 10), month.format_month(2026, 9)]) == ["2026-09", "2026-10"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-11", (2026, 11)),
        (" 2026/3 ", (2026, 3)),
        ("2026.07", (2026, 7)),
        ("2026年11月", (2026, 11)),
        ("2026年1", (2026, 1)),
    ],
)
def test_parse_month(text, expected):
    assert month.parse_month(text) == expected


@pytest.mark.parametrize("text", ["", None, "2026-13", "2026-00", "26-11", "November 2026", "2026-11-05", "0999-01"])
def test_parse_month_refuses_what_is_not_a_month(text):
    assert month.parse_month(text) is None
