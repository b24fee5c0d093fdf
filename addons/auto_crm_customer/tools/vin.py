"""Vehicle identification number (VIN) rules, in plain Python.

Nothing here imports Odoo: the functions are tested on their own
(``tests/unit/test_vin.py``) and called from the models.

Standards used:

* ISO 3779 / 49 CFR 565 (United States) / GB 16735 (China): 17 characters,
  digits and the capital letters A-Z except I, O and Q;
* 49 CFR 565.15 and GB 16735: position 9 is a check digit computed from the
  other 16 characters (mandatory in North America and China, optional in the
  rest of the world, where manufacturers often put a letter or ``Z`` there);
* position 10 is the model year code, on a 30-year cycle.

Errors are raised as :class:`VinError`, which carries a machine ``code`` and
``params``. The English templates live in :data:`MESSAGES` (``error.template``)
so that the Odoo layer can pass the very same template through its translation
function and fill it with ``params``::

    except vin.VinError as error:
        raise ValidationError(env._(error.template, **error.params))
"""

import datetime
import unicodedata

VIN_LENGTH = 17
CHECK_DIGIT_POSITION = 9  # 1-based, as in the standards
MODEL_YEAR_POSITION = 10  # 1-based

# Letters never used in a VIN: they look like the digits 1 and 0.
FORBIDDEN_LETTERS = "IOQ"

# 49 CFR 565.15(c) table I / ISO 3779: value of each character.
TRANSLITERATION = {
    **{str(digit): digit for digit in range(10)},
    "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8,
    "J": 1, "K": 2, "L": 3, "M": 4, "N": 5, "P": 7, "R": 9,
    "S": 2, "T": 3, "U": 4, "V": 5, "W": 6, "X": 7, "Y": 8, "Z": 9,
}  # fmt: skip
ALLOWED_CHARACTERS = frozenset(TRANSLITERATION)

# 49 CFR 565.15(c) table II: weight of each position (position 9 itself: 0).
WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)

# Position 10: the code of the first year of each code in the 1980-2009
# cycle. The cycle repeats every 30 years (A = 1980, 2010, 2040...).
# I, O, Q, U, Z and 0 are not year codes.
MODEL_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"
MODEL_YEAR_FIRST_CYCLE = 1980
MODEL_YEAR_CYCLE = 30
_MODEL_YEAR_BASE = {code: MODEL_YEAR_FIRST_CYCLE + index for index, code in enumerate(MODEL_YEAR_CODES)}

# Dash-like characters users type or paste (ASCII hyphen-minus is NFKC of
# the full-width one); whitespace is removed separately with str.split().
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u30fc\uff70\u2e3a\u2e3b")
_NO_DASHES = str.maketrans(dict.fromkeys(_DASHES))

REGION_NORTH_AMERICA = "north_america"
REGION_CHINA = "china"


def _lt(message):
    """Mark ``message`` for translation and return it unchanged.

    Not Odoo's ``_lt``: this module imports nothing from Odoo. Odoo's term
    export extracts every ``_lt("...")`` literal of the addon's Python files,
    so the templates below land in the addon's .pot; the Odoo layer then
    translates them with ``env._(MESSAGES[code], **params)``.
    """
    return message


# English templates for VinError, keyed by VinError.code. Keep the
# placeholders in sync with the params passed in validate_vin().
MESSAGES = {
    "empty": _lt(
        "The VIN is empty. Enter the 17-character vehicle identification number "
        "shown on the vehicle registration certificate, the vehicle nameplate "
        "or at the bottom of the windscreen."
    ),
    "length": _lt(
        "The VIN %(vin)s has %(length)s characters, but a VIN has exactly "
        "%(required)s. Check for a missing or an extra character "
        "(spaces and dashes are ignored)."
    ),
    "forbidden_letters": _lt(
        "The VIN %(vin)s contains the letter(s) %(letters)s at position(s) "
        "%(positions)s. The letters I, O and Q are never used in a VIN because "
        "they look like the digits 1 and 0: type the digit 1 instead of I, and "
        "the digit 0 instead of O or Q."
    ),
    "bad_character": _lt(
        "The VIN %(vin)s contains the character(s) %(characters)s at "
        "position(s) %(positions)s, which cannot appear in a VIN. A VIN uses "
        "only the digits 0-9 and the capital letters A-Z except I, O and Q: "
        "remove or correct these characters."
    ),
    "check_digit": _lt(
        "The VIN %(vin)s is not valid: its check digit at position 9 is "
        "'%(found)s', but the other 16 characters give '%(expected)s'. One "
        "character was probably mistyped: compare the VIN character by "
        "character with the vehicle registration certificate or the vehicle "
        "nameplate."
    ),
}


class VinError(ValueError):
    """A VIN failed validation.

    :ivar code: machine code, a key of :data:`MESSAGES`
        ('empty', 'length', 'forbidden_letters', 'bad_character', 'check_digit')
    :ivar params: dict of the values the message template refers to
    :ivar message: the English message
    """

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        self.message = MESSAGES[code] % params
        super().__init__(self.message)

    @property
    def template(self):
        """The untranslated English template of this error."""
        return MESSAGES[self.code]


def normalize_vin(value):
    """Return ``value`` as a VIN as it should be stored.

    Upper case; full-width characters (typed with a Chinese input method in
    full-width mode) turned into their ASCII equivalent; all whitespace
    (including the full-width space U+3000) and dashes removed.
    ``None``/``False``/empty give ``""``.
    """
    if value is None or value is False:
        return ""
    text = str(value)
    # ASCII is its own NFKC form: a million-line legacy import normalizes a VIN per line
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()).translate(_NO_DASHES).upper()


def _require_vin17(vin):
    if not isinstance(vin, str) or len(vin) != VIN_LENGTH:
        raise ValueError(f"A normalized 17-character VIN is expected, got {vin!r}")
    bad = [char for char in vin if char not in ALLOWED_CHARACTERS]
    if bad:
        raise ValueError(f"Invalid VIN character(s) {''.join(bad)!r} in {vin!r}")


def vin_check_digit(vin):
    """Return the check digit ('0'-'9' or 'X') of a normalized 17-character VIN.

    The character at position 9 itself is ignored (its weight is 0).

    :raise ValueError: ``vin`` is not 17 characters long or contains a
        character that is not allowed in a VIN (including I, O, Q, lower case).
    """
    _require_vin17(vin)
    total = sum(TRANSLITERATION[char] * weight for char, weight in zip(vin, WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def vin_wmi(vin):
    """Return the world manufacturer identifier (first 3 characters)."""
    return normalize_vin(vin)[:3]


def vin_region(vin):
    """Return the region of the world manufacturer identifier.

    One of 'north_america', 'china', 'asia', 'europe', 'africa', 'oceania',
    'south_america' or 'other' (empty or unknown first character), from the
    first character as allocated by SAE/ISO 3780. China ('L') is reported on
    its own because its national standard makes the check digit mandatory.
    """
    first = normalize_vin(vin)[:1]
    if not first:
        return "other"
    if first in "12345":
        return REGION_NORTH_AMERICA
    if first == "L":
        return REGION_CHINA
    if first in "67":
        return "oceania"
    if first in "89":
        return "south_america"
    if "A" <= first <= "H":
        return "africa"
    if "J" <= first <= "R":
        return "asia"
    if "S" <= first <= "Z":
        return "europe"
    return "other"


def vin_requires_check_digit(vin):
    """True when the VIN's region makes the position-9 check digit mandatory.

    North America (49 CFR 565, WMI starting with 1-5) and China (GB 16735,
    WMI starting with L). Elsewhere the check digit is optional and many
    European and Japanese manufacturers do not use it.
    """
    return vin_region(vin) in (REGION_NORTH_AMERICA, REGION_CHINA)


def _positions(vin, predicate):
    return [(index, char) for index, char in enumerate(vin, start=1) if predicate(char)]


def _display_character(char):
    return f"'{char}'" if char.isprintable() else f"U+{ord(char):04X}"


def validate_vin(value, check_digit=None):
    """Return the normalized VIN or raise :class:`VinError`.

    :param value: the VIN as typed (any case, spaces and dashes allowed)
    :param check_digit: ``None`` checks position 9 only where the region
        requires it (:func:`vin_requires_check_digit`), ``True`` always,
        ``False`` never.
    :raise VinError: with ``code`` 'empty', 'forbidden_letters',
        'bad_character', 'length' or 'check_digit' (checked in that order).
    """
    vin = normalize_vin(value)
    if not vin:
        raise VinError("empty")

    forbidden = _positions(vin, lambda char: char in FORBIDDEN_LETTERS)
    if forbidden:
        raise VinError(
            "forbidden_letters",
            vin=vin,
            letters=", ".join(char for _index, char in forbidden),
            positions=", ".join(str(index) for index, _char in forbidden),
            position_list=[index for index, _char in forbidden],
        )

    bad = _positions(vin, lambda char: char not in ALLOWED_CHARACTERS)
    if bad:
        raise VinError(
            "bad_character",
            vin=vin,
            characters=", ".join(_display_character(char) for _index, char in bad),
            positions=", ".join(str(index) for index, _char in bad),
            position_list=[index for index, _char in bad],
        )

    if len(vin) != VIN_LENGTH:
        raise VinError("length", vin=vin, length=len(vin), required=VIN_LENGTH)

    if check_digit is None:
        check_digit = vin_requires_check_digit(vin)
    if check_digit:
        expected = vin_check_digit(vin)
        found = vin[CHECK_DIGIT_POSITION - 1]
        if found != expected:
            raise VinError("check_digit", vin=vin, found=found, expected=expected)
    return vin


def is_valid_vin(value, check_digit=None):
    """Boolean form of :func:`validate_vin`."""
    try:
        validate_vin(value, check_digit=check_digit)
    except VinError:
        return False
    return True


def vin_model_year(vin, reference_year=None):
    """Decode the model year from position 10, or return ``None``.

    Each code stands for one year in every 30-year cycle (A = 1980, 2010,
    2040...; 1 = 2001, 2031...). The most recent of these years that is not
    later than ``reference_year + 1`` is chosen (a model year goes on sale
    during the previous calendar year); ``reference_year`` defaults to the
    current year.

    North American VINs (WMI 1-5) get one refinement: under 49 CFR 565.15,
    position 7 of a passenger car, multipurpose vehicle or light truck is a
    letter for model years 2010-2039 and a digit for 1980-2009. Among the
    years allowed by the reference year, the one in that cycle is preferred;
    when none is (an older VIN that predates the rule, or a heavy vehicle the
    rule does not cover), the plain rule above applies. Other regions do not
    follow that convention and the reference year alone decides.

    Returns ``None`` when ``vin`` is shorter than 10 characters or
    position 10 is not a year code (I, O, Q, U, Z, 0 or anything else).
    """
    vin = normalize_vin(vin)
    if len(vin) < MODEL_YEAR_POSITION:
        return None
    base_year = _MODEL_YEAR_BASE.get(vin[MODEL_YEAR_POSITION - 1])
    if base_year is None:
        return None
    if reference_year is None:
        reference_year = datetime.date.today().year
    latest = reference_year + 1
    if base_year > latest:
        # The reference is before the code's first use: only one reading.
        return base_year

    candidates = list(range(base_year, latest + 1, MODEL_YEAR_CYCLE))
    second_cycle = MODEL_YEAR_FIRST_CYCLE + MODEL_YEAR_CYCLE  # 2010
    third_cycle = second_cycle + MODEL_YEAR_CYCLE  # 2040, not covered by the rule
    if vin_region(vin) == REGION_NORTH_AMERICA and latest < third_cycle:
        if vin[6] in "0123456789":
            in_cycle = [year for year in candidates if year < second_cycle]
        else:
            in_cycle = [year for year in candidates if year >= second_cycle]
        if in_cycle:
            return in_cycle[-1]
    return candidates[-1]
