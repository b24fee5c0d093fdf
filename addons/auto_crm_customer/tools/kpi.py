"""KPIs: where one comes from, and the rate maths (no Odoo import).

A :class:`KpiSource` says which records a KPI is computed from and how; the registry of the customer addon
(``auto.kpi.registry``) turns it into grouped queries, and into the drill-down that opens the same records.
"""

from dataclasses import dataclass, field


def rate(part, whole):
    """``part`` of ``whole`` in percent; None when ``whole`` is 0 (no data)."""
    if not whole:
        return None
    return round(100.0 * part / whole, 2)


@dataclass
class KpiSource:
    """Where one KPI comes from, for one period.

    ``model`` and ``domain``: the records the KPI is computed from (also what its drill-down opens);
    ``user_field``: the field of those records naming the employee's user (a many2one or many2many to
    res.users, or a path such as ``repair_id.user_id``); ``measure``: an aggregate of ``_read_group``
    (``__count``, ``amount_total:sum``, ``csi:avg``); ``success``: a domain (or a function of one record,
    when a domain cannot say it, e.g. resolved before its deadline) making the KPI the share in percent
    of the records that meet it; ``ratio``: aggregates of ``_read_group`` and ``formula`` the KPI computed
    from them (by default 100 * first / second), None when there is nothing to measure; ``fetch_fields``:
    the fields a ``success`` function reads.
    """

    model: str
    user_field: str
    domain: list
    measure: str = "__count"
    success: object = None
    ratio: tuple = None
    formula: object = rate
    fetch_fields: list = field(default_factory=list)

    @property
    def is_average(self):
        """A rate, a ratio or an average: over no record there is no value (and no score)."""
        return self.success is not None or self.ratio is not None or self.measure.endswith(":avg")
