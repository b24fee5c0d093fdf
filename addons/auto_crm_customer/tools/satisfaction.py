"""Customer satisfaction figures as the trade computes them (no ORM here)."""

FACTOR_MAX = 5


def csi(scores):
    """CSI of one survey: the average of its factor scores (1-5) scaled to 100; None without scores."""
    scores = [s for s in scores if s]
    if not scores:
        return None
    return round(sum(scores) / len(scores) / FACTOR_MAX * 100.0, 2)


def nps_category(score):
    """'promoter' (9-10), 'passive' (7-8) or 'detractor' (0-6) for a would-recommend score."""
    if score is None or score is False:
        return None
    if score >= 9:
        return "promoter"
    if score >= 7:
        return "passive"
    return "detractor"


def nps_value(score):
    """+100 for a promoter, 0 for a passive, -100 for a detractor: their average is the NPS."""
    return {"promoter": 100.0, "passive": 0.0, "detractor": -100.0}.get(nps_category(score))


def nps(scores):
    """Net promoter score of a set of answers: % promoters (9-10) minus % detractors (0-6)."""
    values = [nps_value(s) for s in scores if s is not None and s is not False]
    if not values:
        return None
    return round(sum(values) / len(values), 2)
