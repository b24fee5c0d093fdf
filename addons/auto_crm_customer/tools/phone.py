"""Mobile number normalization for dealership customers (no Odoo import).

Mainland China mobiles are stored as their 11 bare digits (``13800138000``),
whatever way they were typed (``+86 138-0013-8000``, ``0086 13800138000``,
full-width digits from a Chinese input method). Other international numbers
keep their ``+`` and country code.
"""

import re
import unicodedata

CHINA_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


class MobileError(ValueError):
    """A mobile number that cannot be a real number; ``code`` says why."""

    def __init__(self, code, value):
        self.code = code
        self.value = value
        super().__init__(f"{code}: {value!r}")


def _digits_and_plus(value):
    text = unicodedata.normalize("NFKC", str(value)).strip()
    plus = text.startswith("+")
    digits = "".join(ch for ch in text if ch.isdigit())
    return plus, digits


def normalize_mobile(value):
    """Return the canonical form of a mobile number, or "" for an empty value.

    Never raises: a value that is not a valid number is returned as its digits,
    so that comparisons for duplicates still work; use :func:`validate_mobile`
    where a wrong number must be refused.
    """
    if not value:
        return ""
    plus, digits = _digits_and_plus(value)
    if not digits:
        return ""
    if digits.startswith("0086"):
        digits = digits[4:]
        plus = False
    elif digits.startswith("86") and (plus or len(digits) == 13) and CHINA_MOBILE_RE.match(digits[2:]):
        digits = digits[2:]
        plus = False
    if CHINA_MOBILE_RE.match(digits):
        return digits
    return f"+{digits}" if plus else digits


def validate_mobile(value):
    """Return the canonical mobile or raise :class:`MobileError`.

    Accepted: an 11-digit mainland mobile (1[3-9]xxxxxxxxx, with or without +86),
    or an international number written with ``+`` and 8 to 15 digits.
    """
    normalized = normalize_mobile(value)
    if not normalized:
        raise MobileError("empty", value)
    if CHINA_MOBILE_RE.match(normalized):
        return normalized
    if normalized.startswith("+"):
        if 8 <= len(normalized) - 1 <= 15:
            return normalized
        raise MobileError("international_length", value)
    raise MobileError("china_format", value)
