"""RFM scoring and customer tiers (no Odoo import).

The dealership rule (Toyota e-CRB practice): the customers who together bring
the largest share of value (by default the top 20% of valued customers,
stopping once they reach 80% of all value) are the key tier; among the others,
those whose recency, frequency and monetary scores add up to at least a
threshold are the potential tier; everybody else is ordinary.
"""

import math
from dataclasses import dataclass

TIER_KEY = "key"
TIER_POTENTIAL = "potential"
TIER_ORDINARY = "ordinary"


@dataclass(frozen=True)
class TierSettings:
    key_value_share: float = 80.0  # percent of total value the key tier brings at most
    key_customer_share: float = 20.0  # percent of valued customers the key tier holds at most
    potential_min_score: int = 10  # minimum R+F+M (3..15) for the potential tier


@dataclass(frozen=True)
class CustomerScore:
    tier: str
    recency: int
    frequency: int
    monetary: int

    @property
    def score(self):
        return self.recency + self.frequency + self.monetary


def quintile_scores(values, higher_is_better=True):
    """Score each value 1..5 by its rank among ``values`` (ties share a score).

    The score of a value is ``1 + 5 * worse // n`` where ``worse`` is how many
    values are strictly worse than it, so the best fifth scores 5.
    """
    n = len(values)
    if not n:
        return []
    ordered = sorted(values, reverse=not higher_is_better)
    first_position = {}
    for position, value in enumerate(ordered):
        first_position.setdefault(value, position)
    return [1 + (5 * first_position[value]) // n for value in values]


def classify_customers(stats, settings=None):
    """Classify customers from their value statistics.

    :param stats: dict ``{customer_id: (recency_days, frequency, monetary)}`` for
        customers that have value records (recency in days since the last one).
    :param settings: :class:`TierSettings`
    :return: dict ``{customer_id: CustomerScore}``
    """
    settings = settings or TierSettings()
    if not 0 <= settings.key_value_share <= 100 or not 0 <= settings.key_customer_share <= 100:
        raise ValueError("Shares are percentages between 0 and 100.")
    ids = list(stats)
    if not ids:
        return {}
    recency = quintile_scores([stats[i][0] for i in ids], higher_is_better=False)
    frequency = quintile_scores([stats[i][1] for i in ids])
    monetary = quintile_scores([stats[i][2] for i in ids])

    key_ids = set()
    total = sum(max(stats[i][2], 0.0) for i in ids)
    if total > 0:
        max_key = math.floor(len(ids) * settings.key_customer_share / 100.0 + 1e-9)
        target = total * settings.key_value_share / 100.0
        cumulated = 0.0
        # highest value first; the id breaks ties so the result is deterministic
        for customer_id in sorted(ids, key=lambda i: (-stats[i][2], i)):
            if len(key_ids) >= max_key or cumulated >= target - 1e-9 or stats[customer_id][2] <= 0:
                break
            key_ids.add(customer_id)
            cumulated += stats[customer_id][2]

    result = {}
    for index, customer_id in enumerate(ids):
        r, f, m = recency[index], frequency[index], monetary[index]
        if customer_id in key_ids:
            tier = TIER_KEY
        elif r + f + m >= settings.potential_min_score:
            tier = TIER_POTENTIAL
        else:
            tier = TIER_ORDINARY
        result[customer_id] = CustomerScore(tier, r, f, m)
    return result
