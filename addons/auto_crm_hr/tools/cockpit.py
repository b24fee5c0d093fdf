"""Period arithmetic of the general manager's cockpit: plain functions, no ORM.

A figure of the cockpit is shown for the day and for the month so far, and the month so far is compared
with the same span of the previous month (the 1st to the same day, cut at that month's end) and of the same
month last year. Spans are half-open: ``(start, stop)`` with ``start <= day < stop``.
"""

import calendar
from datetime import date, timedelta


def month_start(day):
    """The first day of the month of ``day``."""
    return day.replace(day=1)


def add_months(day, months):
    """``day`` moved by ``months`` months, the day of the month cut at the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def day_span(day):
    """Today: ``(day, day + 1)``."""
    return day, day + timedelta(days=1)


def month_to_date_span(day):
    """The month so far, today included."""
    return month_start(day), day + timedelta(days=1)


def previous_month_span(day):
    """The same span of the previous month: its 1st to the same day (cut at its last day), included."""
    same_day = add_months(day, -1)
    return month_start(same_day), same_day + timedelta(days=1)


def last_year_span(day):
    """The same span of the same month last year (29 February falls back to the 28th)."""
    same_day = add_months(day, -12)
    return month_start(same_day), same_day + timedelta(days=1)


def cockpit_spans(day):
    """Every span a figure is shown for, by key."""
    return {
        "today": day_span(day),
        "month": month_to_date_span(day),
        "previous": previous_month_span(day),
        "last_year": last_year_span(day),
    }


def snapshot_days(day):
    """The days a figure of the stock as it is now is compared at: the end of last month and the end of the same
    month last year, each as the first day after it (the stock "at the end of October" is the stock before
    1 November, 00:00)."""
    start = month_start(day)
    return {"previous": start, "last_year": add_months(start, -11)}


def span_of(day, spans):
    """The keys of the spans ``day`` falls in (today's day is in both 'today' and 'month')."""
    return [key for key, (start, stop) in spans.items() if start <= day < stop]


def delta(value, reference):
    """``(difference, percent)`` of ``value`` against ``reference``; percent is None without a reference."""
    if value is None or reference is None:
        return None, None
    difference = value - reference
    if not reference:
        return difference, None
    return difference, round(difference / abs(reference) * 100.0, 1)


def trend(value, reference, direction="higher"):
    """'up', 'down' or 'flat' for the arrow, and 'good', 'bad' or 'neutral' for the colour."""
    difference, _percent = delta(value, reference)
    if difference is None or not difference:
        return "flat", "neutral"
    arrow = "up" if difference > 0 else "down"
    good = (difference > 0) == (direction == "higher")
    return arrow, "good" if good else "bad"


def achievement(value, target):
    """Share of the monthly target reached, in percent (None without a target)."""
    if value is None or not target:
        return None
    return round(value / target * 100.0, 1)


def target_status(value, target, direction="higher"):
    """How a figure stands against its monthly target: ``(status, percent, colour)``.

    A figure where higher is better reads as the share of the target reached: ``("reached", 95.0, ...)``. One where
    lower is better (overdue receivables, aged stock, open complaints) reads as how far it is over or under the
    target: ``("over", 532.0, "bad")`` for 632 % of it, ``("under", 20.0, "good")`` for 80 %, ``("met", 0.0, "good")``
    at the target. No status without a value or a target (the colour is then the trend's).
    """
    colour = trend(value, target, direction)[1]
    if direction != "lower":
        percent = achievement(value, target)
        return ("reached" if percent is not None else None), percent, colour
    difference, percent = delta(value, target)
    if percent is None:
        return None, None, colour
    if difference > 0:
        return "over", percent, "bad"
    if difference < 0:
        return "under", -percent, "good"
    return "met", 0.0, "good"
