"""ABC classification of parts by yearly consumption value, in plain Python."""


def abc_classify(values, a_share=80.0, b_share=95.0):
    """Classify items by their share of the total value.

    Items are sorted by value, largest first; the items that make up the first
    ``a_share`` percent of the cumulated value are 'a', up to ``b_share`` percent
    'b', and the rest 'c'. An item is in a class as soon as the cumulated value
    *before* it is below the limit, so the largest item is always 'a' when the
    total is positive. Items with no value are 'c'.

    :param values: dict ``{key: value}`` (value >= 0)
    :return: dict ``{key: 'a' | 'b' | 'c'}``
    """
    if not 0 < a_share <= b_share <= 100:
        raise ValueError("Expected 0 < a_share <= b_share <= 100.")
    total = sum(value for value in values.values() if value > 0)
    result = {}
    cumulated = 0.0
    for key, value in sorted(values.items(), key=lambda item: (-item[1], str(item[0]))):
        if value <= 0 or not total:
            result[key] = "c"
            continue
        share_before = cumulated * 100.0 / total
        if share_before < a_share:
            result[key] = "a"
        elif share_before < b_share:
            result[key] = "b"
        else:
            result[key] = "c"
        cumulated += value
    return result
