"""Car-loan and receivable arithmetic (no Odoo import)."""

AGEING_BUCKETS = (
    ("not_due", None, 0),
    ("1_30", 1, 30),
    ("31_60", 31, 60),
    ("61_90", 61, 90),
    ("over_90", 91, None),
)


def monthly_payment(principal, annual_rate_percent, months):
    """Monthly instalment of an amortised loan (equal payments, French method).

    ``annual_rate_percent`` is the nominal yearly rate (e.g. 3.5); a rate of 0 gives
    ``principal / months``. Returns 0.0 when there is nothing to pay back.
    """
    if principal <= 0 or months <= 0:
        return 0.0
    rate = annual_rate_percent / 100.0 / 12.0
    if not rate:
        return round(principal / months, 2)
    factor = (1 + rate) ** months
    return round(principal * rate * factor / (factor - 1), 2)


def ageing_bucket(days_overdue):
    """Ageing bucket key of an amount overdue for ``days_overdue`` days (0 or less: not due)."""
    for key, low, high in AGEING_BUCKETS:
        if low is None and days_overdue <= high:
            return key
        if low is not None and days_overdue >= low and (high is None or days_overdue <= high):
            return key
    return "over_90"


def allocate_payments(amounts, paid):
    """Spread ``paid`` over instalments in order: returns the amount paid on each."""
    result = []
    left = max(paid, 0.0)
    for amount in amounts:
        share = min(amount, left) if amount > 0 else 0.0
        result.append(round(share, 2))
        left = round(left - share, 2)
    return result
