"""Stock age (库龄) buckets, in plain Python (no Odoo import)."""

DEFAULT_LIMITS = (30, 60, 90)
BUCKETS = ("1", "2", "3", "4")


def check_limits(limits):
    """Raise ValueError unless ``limits`` are three increasing positive day counts."""
    if len(limits) != 3:
        raise ValueError("Three bucket limits are expected.")
    first, second, third = limits
    if not 0 < first < second < third:
        raise ValueError("Bucket limits must be positive and increasing.")
    return tuple(int(limit) for limit in limits)


def age_bucket(days, limits=DEFAULT_LIMITS):
    """Return the bucket key ('1' to '4') of a stock age in days.

    With the default limits: '1' is 0-30 days, '2' 31-60, '3' 61-90 and '4' over 90.
    """
    first, second, third = limits
    if days <= first:
        return "1"
    if days <= second:
        return "2"
    if days <= third:
        return "3"
    return "4"


def bucket_label(bucket, limits=DEFAULT_LIMITS):
    """Readable range of a bucket, e.g. '31-60' or '> 90' (days)."""
    first, second, third = limits
    return {
        "1": f"0-{first}",
        "2": f"{first + 1}-{second}",
        "3": f"{second + 1}-{third}",
        "4": f"> {third}",
    }[bucket]
