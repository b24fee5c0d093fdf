"""Scoring of KPIs: plain functions, no ORM.

A KPI's score is its achievement of the target in percent, capped (a consultant who sells three times
the target does not make up for every other KPI); the scorecard's total is the weighted average of the
scores.
"""

SCORE_CAP = 120.0


def kpi_score(value, target, direction="higher", has_data=True, cap=SCORE_CAP):
    """Score in percent of one KPI value against its target.

    ``direction`` "higher": more is better (units sold), score = value / target.
    ``direction`` "lower": less is better (response hours, complaints), score = target / value; a value of 0
    reaches the cap. ``has_data`` False (a rate or an average over no record) scores 0: no work, no score.
    """
    if direction not in ("higher", "lower"):
        raise ValueError(f"unknown direction {direction!r}")
    if not has_data:
        return 0.0
    value = float(value or 0.0)
    target = float(target or 0.0)
    if direction == "higher":
        if target <= 0:
            return 100.0
        score = 100.0 * value / target
    else:
        if value <= 0:
            return float(cap)
        if target <= 0:
            return 0.0
        score = 100.0 * target / value
    return round(max(0.0, min(score, float(cap))), 2)


def weighted_total(scores_and_weights):
    """Weighted average of ``[(score, weight)]``; 0 when the weights add up to nothing."""
    total_weight = sum(weight for _score, weight in scores_and_weights if weight > 0)
    if not total_weight:
        return 0.0
    return round(sum(score * weight for score, weight in scores_and_weights if weight > 0) / total_weight, 2)


def rank(values):
    """Competition ranking ("1224") of ``{key: value}``, highest first: ``{key: rank}``."""
    ordered = sorted(values.items(), key=lambda item: -item[1])
    ranks = {}
    previous = None
    current = 0
    for position, (key, value) in enumerate(ordered, start=1):
        if value != previous:
            current = position
            previous = value
        ranks[key] = current
    return ranks
