import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "tools" / "scoring.py"
_SPEC = importlib.util.spec_from_file_location("auto_crm_hr_scoring", _PATH)
scoring = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(scoring)


def test_higher_is_better_scores_the_achievement_capped():
    assert scoring.kpi_score(8, 10, "higher") == 80.0
    assert scoring.kpi_score(30, 10, "higher") == 120.0
    assert scoring.kpi_score(0, 10, "higher") == 0.0


def test_lower_is_better_scores_target_over_value():
    assert scoring.kpi_score(4, 2, "lower") == 50.0
    assert scoring.kpi_score(1, 2, "lower") == 120.0
    assert scoring.kpi_score(0, 2, "lower") == 120.0


def test_no_data_scores_zero_and_bad_direction_raises():
    assert scoring.kpi_score(0, 2, "lower", has_data=False) == 0.0
    with pytest.raises(ValueError):
        scoring.kpi_score(1, 1, "sideways")


def test_weighted_total_and_rank():
    assert scoring.weighted_total([(100, 3), (50, 1)]) == 87.5
    assert scoring.weighted_total([(100, 0)]) == 0.0
    assert scoring.rank({"a": 90, "b": 95, "c": 90, "d": 10}) == {"b": 1, "a": 2, "c": 2, "d": 4}
