"""Maintenance interval maths: when is a vehicle's next service due? (no ORM here)"""

import calendar
from datetime import timedelta


def add_months(day, months):
    """``day`` plus ``months`` months, the day clamped to the end of a shorter month (31 Jan + 1 = 28 Feb).

    The same as dateutil's relativedelta(months=...), several times faster over thousands of vehicles.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def average_daily_km(first_date, first_km, last_date, last_km):
    """Average kilometres driven per day between two readings, or None when it cannot be told."""
    if not first_date or not last_date or last_date <= first_date or last_km is None or first_km is None:
        return None
    return max(last_km - first_km, 0) / (last_date - first_date).days


def next_service_due(last_service_date, last_service_km, interval_months, interval_km, mileage, mileage_date, daily_km):
    """The date the next service is due: every ``interval_km`` or ``interval_months``, whichever comes first.

    :param last_service_date: date of the last service (or of the purchase when never serviced)
    :param last_service_km: odometer at that service (0 for a new vehicle)
    :param mileage: latest odometer reading, read on ``mileage_date``
    :param daily_km: average kilometres a day (None when unknown: only the months count)
    :return: ``(due_date, due_km)``; due_date is None when nothing can be estimated
    """
    if not last_service_date:
        return None, None
    candidates = []
    if interval_months:
        candidates.append(add_months(last_service_date, interval_months))
    due_km = (last_service_km or 0) + interval_km if interval_km else None
    if due_km is not None and daily_km:
        base_date = mileage_date or last_service_date
        base_km = mileage if mileage_date and mileage is not None else (last_service_km or 0)
        if base_date < last_service_date:
            base_date, base_km = last_service_date, last_service_km or 0
        remaining_km = due_km - base_km
        candidates.append(base_date + timedelta(days=max(int(remaining_km / daily_km), 0)))
    if not candidates:
        return None, due_km
    return min(candidates), due_km
