import importlib.util
import math
import time
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "tools" / "forecast.py"
_SPEC = importlib.util.spec_from_file_location("auto_crm_marketing_forecast", _PATH)
fc = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fc)

# a dealership's monthly sales: slow growth, a peak before the Spring Festival and in autumn
SEASON = [30, 18, 25, 28, 30, 32, 27, 29, 35, 40, 38, 45]


def seasonal_series(years, growth=0.5):
    return [value + growth * i for i, value in enumerate(SEASON * years)]


def test_seasonal_series_is_followed_month_by_month():
    history = seasonal_series(3)
    result = fc.forecast(history, 12)
    assert len(result) == 12
    expected = [value + 0.5 * (36 + i) for i, value in enumerate(SEASON)]
    assert fc.smape(expected, result) < 8, "the seasonal shape is kept"
    assert result[1] < result[0] and result[11] > result[10], "February dips, December peaks"


def test_seasonal_method_beats_the_seasonal_naive_on_a_growing_series():
    result = fc.backtest(seasonal_series(4, growth=1.0), 12)
    assert result["method"] == fc.METHOD_SEASONAL
    assert result["smape"] < result["baseline_smape"]


def test_short_history_falls_back_and_still_returns_horizon_values():
    result = fc.forecast([10, 12, 11, 13, 14], 6)
    assert len(result) == 6
    assert all(v >= 0 for v in result)
    assert fc.forecast_interval([10, 12, 11, 13, 14], 6)["method"] == fc.METHOD_TREND
    assert fc.forecast([7], 3) == [7.0, 7.0, 7.0]
    assert fc.forecast([4, 6], 2) == [5.0, 5.0]


def test_falling_series_never_goes_negative():
    result = fc.forecast([50, 40, 30, 20, 10, 5, 1, 0], 12)
    assert all(v >= 0 for v in result)
    result = fc.forecast([max(0, 40 - 2 * i) for i in range(30)], 12)
    assert all(v >= 0 for v in result)


def test_zeros():
    assert fc.forecast([0] * 30, 6) == [0.0] * 6
    result = fc.backtest([0] * 30, 6)
    assert result["smape"] == 0.0 and result["baseline_smape"] == 0.0
    assert result["mape"] is None and result["baseline_mape"] is None


@pytest.mark.parametrize(
    "history, horizon",
    [
        ([1, 2, -3], 2),
        ([1, float("nan"), 3], 2),
        ([1, float("inf"), 3], 2),
        ([1, 2, 3], 0),
        ([1, 2, 3], -1),
        ([], 3),
        ([1, "x", 3], 2),
        ([1, 2, 3], 1.5),
    ],
)
def test_bad_input_raises_a_clear_error(history, horizon):
    with pytest.raises(ValueError) as error:
        fc.forecast(history, horizon)
    assert str(error.value)


def test_backtest_needs_more_history_than_its_horizon():
    with pytest.raises(ValueError, match="more than 6 months"):
        fc.backtest([1, 2, 3, 4, 5, 6], 6)


def test_backtest_equals_a_recomputation_by_hand():
    history = seasonal_series(3)
    horizon = 6
    result = fc.backtest(history, horizon)
    train, actual = history[:-horizon], history[-horizon:]
    predicted = fc.forecast(train, horizon)
    pairs = list(zip(actual, predicted, strict=True))
    by_hand_smape = sum(2 * abs(f - a) / (abs(a) + abs(f)) for a, f in pairs) / horizon * 100
    by_hand_mape = sum(abs(f - a) / a for a, f in zip(actual, predicted, strict=True)) / horizon * 100
    naive = [train[len(train) - 12 + i] for i in range(horizon)]
    naive_smape = sum(2 * abs(f - a) / (abs(a) + abs(f)) for a, f in zip(actual, naive, strict=True)) / horizon * 100
    naive_mape = sum(abs(f - a) / a for a, f in zip(actual, naive, strict=True)) / horizon * 100
    assert set(result) == {"method", "horizon", "smape", "mape", "baseline_smape", "baseline_mape"}
    assert result["horizon"] == horizon
    assert math.isclose(result["smape"], by_hand_smape)
    assert math.isclose(result["mape"], by_hand_mape)
    assert math.isclose(result["baseline_smape"], naive_smape)
    assert math.isclose(result["baseline_mape"], naive_mape)


def test_smape_counts_zero_over_zero_as_no_error():
    assert fc.smape([0, 10], [0, 10]) == 0.0
    assert fc.smape([0, 10], [5, 10]) == 100.0
    assert fc.mape([0, 10], [0, 10]) is None


def test_interval_contains_the_forecast_and_widens():
    result = fc.forecast_interval(seasonal_series(3), 6)
    for low, point, high in zip(result["lower"], result["forecast"], result["upper"], strict=True):
        assert 0 <= low <= point <= high
    widths = [h - lo for lo, h in zip(result["lower"], result["upper"], strict=True)]
    assert widths[-1] >= widths[0]


def test_300_models_of_60_months_in_under_a_second():
    series = [[(v * (1 + k % 7)) % 97 for v in seasonal_series(5)] for k in range(300)]
    start = time.perf_counter()
    for history in series:
        fc.forecast(history, 12)
    assert time.perf_counter() - start < 1.0
