"""Upgrade opportunities (置换/增购): why an owner may replace the car, and what it is worth on trade-in.

Plain functions, no ORM: the nightly job of ``auto.vehicle`` gathers the facts and calls them.
"""

import calendar
from datetime import date

REASON_AGE = "age"
REASON_MILEAGE = "mileage"
REASON_WARRANTY = "warranty"
REASON_LOAN = "loan"
REASON_REPAIR_COST = "repair_cost"
REASONS = (REASON_AGE, REASON_MILEAGE, REASON_WARRANTY, REASON_LOAN, REASON_REPAIR_COST)


def age_in_years(since, today):
    """Whole years from ``since`` to ``today`` (0 before the first anniversary; None without a date)."""
    if not since:
        return None
    years = today.year - since.year - ((today.month, today.day) < (since.month, since.day))
    return max(years, 0)


def add_months(day, months):
    """``day`` moved by ``months`` months, cut at the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def residual_percent(table, age_years):
    """The share of the new price a car keeps at ``age_years``, from a depreciation table.

    ``table`` is a list of ``(age_years, percent)`` points; between two points the value is interpolated
    linearly, before the first point it is interpolated from 100% at age 0, after the last one the last
    percentage holds. An empty table gives None (no estimate).
    """
    points = sorted(table)
    if not points or age_years is None:
        return None
    previous_age, previous_percent = 0, 100.0
    for point_age, point_percent in points:
        if age_years <= point_age:
            if point_age == previous_age:
                return float(point_percent)
            share = (age_years - previous_age) / (point_age - previous_age)
            return round(previous_percent + (point_percent - previous_percent) * share, 2)
        previous_age, previous_percent = point_age, float(point_percent)
    return float(points[-1][1])


def trade_in_value(new_price, table, age_years):
    """The trade-in estimate: the new price times the residual share, rounded to the yuan (None without one)."""
    percent = residual_percent(table, age_years)
    if percent is None or not new_price:
        return None
    return round(new_price * percent / 100.0)


def upgrade_reasons(facts, thresholds, today):
    """The reasons, in a fixed order, that make a replacement likely.

    ``facts``: ``age_years``, ``mileage``, ``warranty_end`` (date), ``loan_end`` (date), ``repair_cost``
    (last 12 months). ``thresholds``: ``age_years``, ``mileage``, ``warranty_days`` (warranty ending within
    or ended less than this many days ago), ``loan_days`` (loan ending within this many days or ended less
    than this many days ago), ``repair_cost``. A threshold of 0 switches its reason off.
    """
    reasons = []
    if thresholds.get("age_years") and (facts.get("age_years") or 0) >= thresholds["age_years"]:
        reasons.append(REASON_AGE)
    if thresholds.get("mileage") and (facts.get("mileage") or 0) >= thresholds["mileage"]:
        reasons.append(REASON_MILEAGE)
    warranty_end = facts.get("warranty_end")
    if thresholds.get("warranty_days") and warranty_end:
        if abs((warranty_end - today).days) <= thresholds["warranty_days"]:
            reasons.append(REASON_WARRANTY)
    loan_end = facts.get("loan_end")
    if thresholds.get("loan_days") and loan_end:
        if abs((loan_end - today).days) <= thresholds["loan_days"]:
            reasons.append(REASON_LOAN)
    if thresholds.get("repair_cost") and (facts.get("repair_cost") or 0) >= thresholds["repair_cost"]:
        reasons.append(REASON_REPAIR_COST)
    return reasons


def thousands(value):
    """A whole number with thousands separators, as a reason or a notice shows it: 120,000."""
    return f"{round(value or 0):,}"
