"""Monthly sales forecast (市场预测) in plain Python, without Odoo.

``forecast`` is an additive Holt-Winters method with a damped trend whose smoothing constants are chosen
from a small grid by the in-sample one-step error; with fewer than two seasons of history it falls back
to a damped Holt (trend, no season) method, and with fewer than three values to their mean. Forecasts are
never negative (a dealership cannot sell fewer than zero cars).

``backtest`` holds the last ``horizon`` values out, forecasts them from the rest and measures the error
next to the seasonal naive forecast (the same month one season earlier), so that a forecast can be shown
with its own error and the error of the obvious method it has to beat.
"""

import math

METHOD_SEASONAL = "holt_winters_damped"
METHOD_TREND = "holt_damped"
METHOD_MEAN = "mean"

DAMPING = 0.98
Z_95 = 1.96
# smoothing constants tried (level, trend, season): small enough for 300 models x 60 months in a second
ALPHAS = (0.2, 0.5, 0.8)
BETAS = (0.05, 0.2)
GAMMAS = (0.1, 0.3)


def _check(history, horizon, season_length):
    if isinstance(horizon, bool) or not isinstance(horizon, int) or horizon < 1:
        raise ValueError(f"horizon must be a whole number of months of at least 1, not {horizon!r}")
    if isinstance(season_length, bool) or not isinstance(season_length, int) or season_length < 2:
        raise ValueError(f"season_length must be a whole number of at least 2, not {season_length!r}")
    values = []
    for index, value in enumerate(history):
        try:
            number = float(value)
        except (TypeError, ValueError) as error:
            raise ValueError(f"history[{index}] is not a number: {value!r}") from error
        if not math.isfinite(number):
            raise ValueError(f"history[{index}] is not a finite number: {value!r}")
        if number < 0:
            raise ValueError(f"history[{index}] is negative ({number}): unit sales cannot be negative")
        values.append(number)
    if not values:
        raise ValueError("history is empty: at least one month of sales is needed to forecast")
    return values


def _damped_sum(steps):
    return sum(DAMPING**k for k in range(1, steps + 1))


def _holt_winters(values, season_length, alpha, beta, gamma):
    """Fit; return (sse, residuals, level, trend, seasonals) after the last value."""
    m = season_length
    first = sum(values[:m]) / m
    second = sum(values[m : 2 * m]) / m
    trend = (second - first) / m
    # the first season's mean is the level at its middle: the seasonal indices are taken off that line
    middle = (m - 1) / 2
    seasonals = [values[i] - (first + trend * (i - middle)) for i in range(m)]
    level = first + trend * middle
    residuals = []
    for t in range(m, len(values)):
        season = seasonals[t % m]
        predicted = level + DAMPING * trend + season
        error = values[t] - predicted
        residuals.append(error)
        previous_level = level
        level = alpha * (values[t] - season) + (1 - alpha) * (previous_level + DAMPING * trend)
        trend = beta * (level - previous_level) + (1 - beta) * DAMPING * trend
        seasonals[t % m] = gamma * (values[t] - level) + (1 - gamma) * season
    sse = sum(e * e for e in residuals)
    return sse, residuals, level, trend, seasonals


def _holt(values, alpha, beta):
    level = values[0]
    trend = values[1] - values[0]
    residuals = []
    for value in values[1:]:
        predicted = level + DAMPING * trend
        residuals.append(value - predicted)
        previous_level = level
        level = alpha * value + (1 - alpha) * predicted
        trend = beta * (level - previous_level) + (1 - beta) * DAMPING * trend
    return sum(e * e for e in residuals), residuals, level, trend


def _fit_and_forecast(values, horizon, season_length):
    """Return (method, point forecasts, one-step residuals)."""
    n = len(values)
    if n >= 2 * season_length:
        best = None
        for alpha in ALPHAS:
            for beta in BETAS:
                for gamma in GAMMAS:
                    fit = _holt_winters(values, season_length, alpha, beta, gamma)
                    if best is None or fit[0] < best[0]:
                        best = fit
        _sse, residuals, level, trend, seasonals = best
        points = [
            level + _damped_sum(h) * trend + seasonals[(n + h - 1) % season_length] for h in range(1, horizon + 1)
        ]
        return METHOD_SEASONAL, [max(p, 0.0) for p in points], residuals
    if n >= 3:
        best = None
        for alpha in ALPHAS:
            for beta in BETAS:
                fit = _holt(values, alpha, beta)
                if best is None or fit[0] < best[0]:
                    best = fit
        _sse, residuals, level, trend = best
        points = [level + _damped_sum(h) * trend for h in range(1, horizon + 1)]
        return METHOD_TREND, [max(p, 0.0) for p in points], residuals
    mean = sum(values) / n
    return METHOD_MEAN, [mean] * horizon, [v - mean for v in values]


def forecast(history, horizon, season_length=12):
    """Forecast the next ``horizon`` values of a monthly series of unit sales (never negative).

    :param history: the past values, oldest first (non-negative, finite)
    :raises ValueError: on an empty history, a negative or non-finite value, or ``horizon < 1``
    """
    values = _check(history, horizon, season_length)
    return _fit_and_forecast(values, horizon, season_length)[1]


def forecast_interval(history, horizon, season_length=12, z=Z_95):
    """The forecast with its method and an approximate 95 % interval (lower, upper) for each month.

    The interval widens with the square root of the step from the standard deviation of the one-step
    in-sample errors; its lower bound is never negative.
    """
    values = _check(history, horizon, season_length)
    method, points, residuals = _fit_and_forecast(values, horizon, season_length)
    sigma = math.sqrt(sum(e * e for e in residuals) / len(residuals)) if residuals else 0.0
    lower, upper = [], []
    for step, point in enumerate(points, start=1):
        width = z * sigma * math.sqrt(step)
        lower.append(max(point - width, 0.0))
        upper.append(point + width)
    return {"method": method, "forecast": points, "lower": lower, "upper": upper}


def seasonal_naive(history, horizon, season_length=12):
    """The same month one season earlier (the last value when the history is shorter than a season)."""
    values = _check(history, horizon, season_length)
    n = len(values)
    if n < season_length:
        return [values[-1]] * horizon
    return [values[n - season_length + (h % season_length)] for h in range(horizon)]


def smape(actual, predicted):
    """Symmetric mean absolute percentage error in percent; a term where both are 0 counts 0."""
    terms = []
    for a, f in zip(actual, predicted, strict=True):
        denominator = abs(a) + abs(f)
        terms.append(0.0 if denominator == 0 else 2 * abs(f - a) / denominator)
    return sum(terms) / len(terms) * 100


def mape(actual, predicted):
    """Mean absolute percentage error in percent, or None when an actual value is 0."""
    if any(a == 0 for a in actual):
        return None
    return sum(abs(f - a) / abs(a) for a, f in zip(actual, predicted, strict=True)) / len(actual) * 100


def backtest(history, horizon, season_length=12):
    """Hold out the last ``horizon`` values, forecast them from the rest and measure the errors.

    :return: ``{"method", "horizon", "smape", "mape", "baseline_smape", "baseline_mape"}`` in percent;
        the baseline is the seasonal naive forecast; ``mape`` is None when a held-out value is 0
    :raises ValueError: on bad input, or when the history is not longer than ``horizon``
    """
    values = _check(history, horizon, season_length)
    if len(values) <= horizon:
        raise ValueError(
            f"a backtest of {horizon} months needs more than {horizon} months of history (got {len(values)})"
        )
    train, actual = values[:-horizon], values[-horizon:]
    method, predicted, _residuals = _fit_and_forecast(train, horizon, season_length)
    baseline = seasonal_naive(train, horizon, season_length)
    return {
        "method": method,
        "horizon": horizon,
        "smape": smape(actual, predicted),
        "mape": mape(actual, predicted),
        "baseline_smape": smape(actual, baseline),
        "baseline_mape": mape(actual, baseline),
    }
