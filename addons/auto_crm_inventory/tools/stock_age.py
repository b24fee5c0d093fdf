"""Stock age (库龄) buckets, in plain Python (no Odoo import).

The one definition of the buckets: the vehicle's computed fields use these functions, and the stock
age report builds its SQL from the same constants.
"""

DEFAULT_LIMITS = (30, 60, 90)
# selection of the bucket fields (vehicle, stock age report)
AGE_BUCKETS = [("1", "Bucket 1"), ("2", "Bucket 2"), ("3", "Bucket 3"), ("4", "Bucket 4")]
BUCKETS = tuple(bucket for bucket, _label in AGE_BUCKETS)
# readable range of a bucket: ``RANGE_LABEL % (first day, last day)``, or ``OVER_LABEL % limit`` for the last
# one (%s only, so that PostgreSQL's format() renders them the same way)
RANGE_LABEL = "%s-%s"
OVER_LABEL = "> %s"


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
    for bucket, limit in zip(BUCKETS, limits, strict=False):
        if days <= limit:
            return bucket
    return BUCKETS[-1]


def bucket_label(bucket, limits=DEFAULT_LIMITS):
    """Readable range of a bucket, e.g. '31-60' or '> 90' (days)."""
    index = BUCKETS.index(bucket)
    if index == len(limits):
        return OVER_LABEL % limits[-1]
    first_day = limits[index - 1] + 1 if index else 0
    return RANGE_LABEL % (first_day, limits[index])
