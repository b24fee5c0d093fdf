"""The worklist for today: how its items are ranked and why (no Odoo import).

A source of the worklist registry (``auto.worklist.registry``) gives :class:`WorkItem` objects; :func:`rank`
scores them, orders them and says in words-to-be why each is there and why in its place. The words are
``(key, params)`` pairs, which the registry translates (``_lt`` templates per key) and joins with " · ".

The score, higher first:
- the kind's weight (:data:`KIND_WEIGHTS`: a complaint before a birthday);
- lateness: ``LATE_POINTS`` a day late, up to ``LATE_CAP`` days; an item due today gets ``DUE_TODAY_POINTS``,
  one due later nothing (it is here to be prepared);
- the lead's grade (:data:`GRADE_POINTS`: an H-grade lead) and the customer's tier (:data:`TIER_POINTS`);
- the amount at stake: ``AMOUNT_POINTS`` per ``AMOUNT_STEP`` (in the company currency), up to ``AMOUNT_CAP``;
- SLA left (complaints): past it ``SLA_BREACHED_POINTS``, within ``SLA_NEAR_HOURS`` hours points falling
  as the time left grows.
Ties are broken by due date (earliest first), then by the source's order.
"""

from dataclasses import dataclass, field
from datetime import date

KIND_WEIGHTS = {
    "complaint": 60,
    "followup": 40,
    "receivable": 40,
    "lead": 35,
    "return_visit": 30,
    "maintenance": 25,
    "insurance": 25,
    "birthday": 10,
}
DEFAULT_KIND_WEIGHT = 20
LATE_POINTS = 5
LATE_CAP = 30
DUE_TODAY_POINTS = 8
GRADE_POINTS = {
    # lead grades (hot first)
    "O": 30,
    "H": 25,
    "A": 18,
    "B": 10,
    "C": 4,
}
TIER_POINTS = {"key": 15, "potential": 6}
AMOUNT_STEP = 10000.0
AMOUNT_POINTS = 1.0
AMOUNT_CAP = 30
SLA_NEAR_HOURS = 24.0
SLA_BREACHED_POINTS = 50


@dataclass
class WorkItem:
    """One thing a user should do today.

    ``kind``: a key of :data:`KIND_WEIGHTS` (or another, weighted :data:`DEFAULT_KIND_WEIGHT`); ``user_id``:
    whose work it is; ``res_model``/``res_id``: the record to open and act on; ``subject``: what it is about,
    ``(model, id)``: two items of one user about one subject (a lead's overdue follow-up and the lead itself)
    are one, the higher scored; ``date_due``: when it was due (a ``date``); ``grade``: a lead grade code;
    ``tier``: the customer's tier (``key``, ``potential``...); ``amount``: money at stake, company currency;
    ``sla_hours_left``: hours to an SLA deadline
    (negative when past); ``reasons``: what the source says of it, ``(key, params)`` pairs shown first.
    """

    kind: str
    user_id: int
    res_model: str
    res_id: int
    name: str = ""
    subject: tuple = None
    partner_id: int = None
    date_due: date = None
    grade: str = None
    tier: str = None
    amount: float = 0.0
    sla_hours_left: float = None
    reasons: list = field(default_factory=list)
    score: float = 0.0
    rank: int = 0
    explanation: list = field(default_factory=list)

    def key(self):
        return (self.user_id, self.subject or (self.res_model, self.res_id))


def days_late(due, today):
    """Days past ``due`` (0 on the day, negative before it)."""
    return (today - due).days if due else 0


def score(item, today):
    """``(score, explanation)`` of one item: its points and the ``(key, params)`` saying where they come from."""
    points = float(KIND_WEIGHTS.get(item.kind, DEFAULT_KIND_WEIGHT))
    words = list(item.reasons)
    late = days_late(item.date_due, today)
    if item.date_due and late > 0:
        points += LATE_POINTS * min(late, LATE_CAP)
        words.append(("overdue", {"days": late}))
    elif item.date_due and late == 0:
        points += DUE_TODAY_POINTS
        words.append(("due_today", {}))
    elif item.date_due:
        words.append(("due_in", {"days": -late}))
    if item.grade:
        grade_points = GRADE_POINTS.get(item.grade, 0)
        points += grade_points
        if grade_points:
            words.append(("grade", {"grade": item.grade}))
    if item.tier and TIER_POINTS.get(item.tier):
        points += TIER_POINTS[item.tier]
        words.append(("tier", {"tier": item.tier}))
    if item.amount:
        points += min(AMOUNT_CAP, AMOUNT_POINTS * item.amount / AMOUNT_STEP)
        words.append(("amount", {"amount": item.amount}))
    if item.sla_hours_left is not None:
        if item.sla_hours_left < 0:
            points += SLA_BREACHED_POINTS
            words.append(("sla_breached", {"hours": round(-item.sla_hours_left)}))
        elif item.sla_hours_left <= SLA_NEAR_HOURS:
            points += SLA_BREACHED_POINTS * (1 - item.sla_hours_left / SLA_NEAR_HOURS) / 2
            words.append(("sla_left", {"hours": round(item.sla_hours_left)}))
    return round(points, 2), words


def rank(items, today):
    """Score the items, keep one per user and subject (the higher scored), and number each user's from 1.

    Returns the items kept, ordered by user then rank; each carries ``score``, ``rank`` and ``explanation``
    (the source's reasons, then what put it in its place: lateness, grade or tier, amount, SLA).
    """
    best = {}
    for order, item in enumerate(items):
        item.score, item.explanation = score(item, today)
        sort_key = (-item.score, item.date_due or date.max, order)
        kept = best.get(item.key())
        if kept is None or sort_key < kept[0]:
            best[item.key()] = (sort_key, item)
    by_user = {}
    for sort_key, item in best.values():
        by_user.setdefault(item.user_id, []).append((sort_key, item))
    result = []
    for user_id in sorted(by_user):
        entries = sorted(by_user[user_id], key=lambda entry: entry[0])
        for position, (_sort_key, item) in enumerate(entries, start=1):
            item.rank = position
            result.append(item)
    return result
