"""A calendar month written the way a dealership types it: ``2026-11``, ``2026/11``, ``2026.11`` or ``2026年11月``."""

import re

_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


def format_month(year, month):
    """``2026-11``: the label of a month, the same in every language and in date order when sorted as text."""
    return f"{year:04d}-{month:02d}"


def parse_month(text):
    """``(year, month)`` of a typed month, or ``None`` when the text is not a month of the years 1900-2999."""
    match = _MONTH.match(text or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1900 <= year <= 2999 and 1 <= month <= 12):
        return None
    return year, month
