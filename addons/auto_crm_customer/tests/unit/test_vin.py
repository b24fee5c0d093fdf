"""Unit tests of tools/vin.py, without Odoo.

Run from the repository root:

    python3 -m pytest --import-mode=importlib addons/auto_crm_customer/tests/unit

This folder has no ``__init__.py`` on purpose: Odoo's test loader never sees
it, and the module under test is loaded by file path, so that importing it
does not import the addon (and Odoo) through ``addons/auto_crm_customer/__init__.py``.
"""

import importlib.util
import pathlib

import pytest

_VIN_PATH = pathlib.Path(__file__).resolve().parents[2] / "tools" / "vin.py"
_spec = importlib.util.spec_from_file_location("auto_crm_customer_tools_vin", _VIN_PATH)
vin = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vin)


# Real-world VINs whose position 9 is a check digit.
# (VIN, region, model year decoded with reference year 2025, what/where from)
VINS_WITH_CHECK_DIGIT = [
    # North America: the check digit is mandatory (49 CFR 565).
    ("1M8GDM9AXKP042788", "north_america", 1989, "MCI coach, worked example of 49 CFR 565"),
    ("11111111111111111", "north_america", 2001, "all ones: sum 89, 89 mod 11 = 1"),
    ("1HGCM82633A004352", "north_america", 2003, "Honda Accord 2003"),
    ("4T1BE46K19U856421", "north_america", 2009, "Toyota Camry 2009 (vPIC)"),
    ("3FAHP0JA0AR281181", "north_america", 2010, "Ford Fusion 2010, Mexico (vPIC)"),
    ("5YJSA1H12FFP71790", "north_america", 2015, "Tesla Model S 2015 (vPIC)"),
    ("5FNYF5H59HB011946", "north_america", 2017, "Honda Pilot 2017 (vPIC)"),
    ("2T1BURHEXJC119229", "north_america", 2018, "Toyota Corolla 2018, Canada"),
    ("4S4BSAJC9K3287952", "north_america", 2019, "Subaru Outback 2019"),
    ("5YFB4MDE8PP030258", "north_america", 2023, "Toyota Corolla 2023 (vPIC)"),
    # China: the check digit is mandatory (GB 16735).
    ("LSVFA49J232037048", "china", 2003, "SAIC Volkswagen 2003"),
    ("LFV2B21KXC3311106", "china", 2012, "FAW-Volkswagen 2012, check digit X"),
    ("LVSHCAMB1CE054249", "china", 2012, "Changan Ford 2012"),
    ("LFV3A23C6E3095934", "china", 2014, "FAW-Volkswagen 2014"),
    ("L6T7824ZXFN033628", "china", 2015, "Geely 2015, registered 2015-08"),
    ("LVGBPB9E7KG006111", "china", 2019, "GAC Toyota 2019"),
    ("LGXCH4CD3S2107503", "china", 2025, "BYD 2025"),
    # Europe, Japan, Korea: made for North America, so they carry one.
    ("WP0CB29874U669313", "europe", 2004, "Porsche Boxster S 2004 (vPIC)"),
    ("TRUWT28N251015796", "europe", 2005, "Audi TT 2005, Hungary (vPIC)"),
    ("WBSPM9C52BE209978", "europe", 2011, "BMW M3 2011 (vPIC)"),
    ("SCFFDECNXCGG14038", "europe", 2012, "Aston Martin Virage 2012, UK (vPIC)"),
    ("WAUFFGFF8F1068897", "europe", 2015, "Audi S3 2015 (vPIC)"),
    ("YT9NN1U14KA007175", "europe", 2019, "Koenigsegg Regera 2019, Sweden (vPIC)"),
    ("KM8JN72D07U585496", "asia", 2007, "Hyundai Tucson 2007 (vPIC)"),
    ("JTMBF4DV4A5037027", "asia", 2010, "Toyota RAV4 2010"),
    ("JM3KE4BY6G0636881", "asia", 2016, "Mazda CX-5 2016 (vPIC)"),
    ("KNAE55LC7J6018811", "asia", 2018, "Kia Stinger 2018 (vPIC)"),
]

# Real-world VINs of vehicles made for markets where position 9 is free:
# the manufacturer put a filler or a code there, not a check digit.
# (VIN, region, the check digit the formula would give)
VINS_WITHOUT_CHECK_DIGIT = [
    ("WP0ZZZ99ZTS392124", "europe", "8"),  # Porsche 911 (993) 1996, Z filler
    ("WVWZZZ1JZ3W386752", "europe", "9"),  # Volkswagen Golf IV 2003
    ("VF1BB05CF26010203", "europe", "1"),  # Renault 2002, Flins
    ("VR7ACYHZKML019510", "europe", "8"),  # Citroen C5 X 2021
    ("VF7RD5FV8FL507366", "europe", "1"),  # Citroen C5 2015: a digit, but not the check digit
    ("KNAPX81GBNK005247", "asia", "6"),  # Kia, Korean domestic market
    ("KMTG341ABLU064324", "asia", "X"),  # Genesis G70, Korean domestic market
]


# --- check digit -----------------------------------------------------------


@pytest.mark.parametrize("value, region, year, description", VINS_WITH_CHECK_DIGIT)
def test_check_digit_of_real_vins(value, region, year, description):
    assert vin.vin_check_digit(value) == value[8], description


def test_check_digit_by_hand():
    # 1M8GDM9AXKP042788, each character's value times its position's weight:
    #  1  M  8  G  D  M  9  A  X  K  P  0  4  2  7  8  8
    #  1  4  8  7  4  4  9  1  -  2  7  0  4  2  7  8  8
    #  8  7  6  5  4  3  2 10  0  9  8  7  6  5  4  3  2
    products = [8, 28, 48, 35, 16, 12, 18, 10, 0, 18, 56, 0, 24, 10, 28, 24, 16]
    assert sum(products) == 351
    assert 351 % 11 == 10  # 10 is written X
    assert vin.vin_check_digit("1M8GDM9AXKP042788") == "X"
    # LFV3A23C6E3095934 (FAW-VW): 24+42+30+15+4+6+6+30+0+45+24+0+54+25+36+9+8
    assert 24 + 42 + 30 + 15 + 4 + 6 + 6 + 30 + 0 + 45 + 24 + 0 + 54 + 25 + 36 + 9 + 8 == 358
    assert 358 % 11 == 6
    assert vin.vin_check_digit("LFV3A23C6E3095934") == "6"


def test_check_digit_ignores_position_9():
    assert vin.vin_check_digit("1M8GDM9A0KP042788") == "X"
    assert vin.vin_check_digit("1M8GDM9AZKP042788") == "X"


def test_transliteration_table():
    # 49 CFR 565.15 table I
    expected = {
        "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8,
        "J": 1, "K": 2, "L": 3, "M": 4, "N": 5, "P": 7, "R": 9,
        "S": 2, "T": 3, "U": 4, "V": 5, "W": 6, "X": 7, "Y": 8, "Z": 9,
    }  # fmt: skip
    for char, value in expected.items():
        assert vin.TRANSLITERATION[char] == value
    for digit in "0123456789":
        assert vin.TRANSLITERATION[digit] == int(digit)
    assert not set("IOQ") & set(vin.TRANSLITERATION)
    assert vin.WEIGHTS == (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


@pytest.mark.parametrize(
    "value",
    [
        "1M8GDM9AXKP04278",  # 16 characters
        "1M8GDM9AXKP0427888",  # 18 characters
        "1m8gdm9axkp042788",  # not normalized
        "1M8GDM9AXKP04278O",  # letter O
        "1M8GDM9AXKP04278*",
        "",
        None,
        12345678901234567,
    ],
)
def test_check_digit_rejects_bad_input(value):
    with pytest.raises(ValueError):
        vin.vin_check_digit(value)


# --- normalization ------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("lfv3a23c6e3095934", "LFV3A23C6E3095934"),
        ("  LFV3A23C6E3095934\n", "LFV3A23C6E3095934"),
        ("LFV 3A23C 6E30 95934", "LFV3A23C6E3095934"),
        ("LFV-3A23C-6E3-095934", "LFV3A23C6E3095934"),
        ("LFV\u30003A23C6E3095934", "LFV3A23C6E3095934"),  # full-width space
        ("LFV\uff0d3A23C\u20146E3095934", "LFV3A23C6E3095934"),  # full-width hyphen, em dash
        ("ＬＦＶ３Ａ２３Ｃ６Ｅ３０９５９３４", "LFV3A23C6E3095934"),  # full-width letters and digits
        ("lfv\u00a03a23c\t6e3095934", "LFV3A23C6E3095934"),  # no-break space, tab
        (None, ""),
        (False, ""),
        ("", ""),
        (" - ", ""),
    ],
)
def test_normalize_vin(value, expected):
    assert vin.normalize_vin(value) == expected


def test_validate_returns_normalized_vin():
    assert vin.validate_vin(" lfv3a23c6e3095934 ") == "LFV3A23C6E3095934"
    assert vin.validate_vin("1m8-gdm9a-xkp-042788") == "1M8GDM9AXKP042788"
    assert vin.validate_vin("ＬＦＶ３Ａ２３Ｃ６Ｅ３０９５９３４") == "LFV3A23C6E3095934"


# --- validation and the check digit policy ----------------------------------------


@pytest.mark.parametrize("value, region, year, description", VINS_WITH_CHECK_DIGIT)
def test_real_vins_are_valid_under_every_policy(value, region, year, description):
    for policy in (None, True, False):
        assert vin.validate_vin(value, check_digit=policy) == value
    assert vin.is_valid_vin(value)


@pytest.mark.parametrize("value, region, expected_digit", VINS_WITHOUT_CHECK_DIGIT)
def test_check_digit_is_optional_outside_north_america_and_china(value, region, expected_digit):
    assert vin.vin_region(value) == region
    assert not vin.vin_requires_check_digit(value)
    assert value[8] != expected_digit
    assert vin.validate_vin(value) == value
    assert vin.validate_vin(value, check_digit=False) == value
    with pytest.raises(vin.VinError) as caught:
        vin.validate_vin(value, check_digit=True)
    assert caught.value.code == "check_digit"
    assert caught.value.params["found"] == value[8]
    assert caught.value.params["expected"] == expected_digit


@pytest.mark.parametrize(
    "value, required",
    [
        ("1M8GDM9AXKP042788", True),
        ("2T1BURHEXJC119229", True),
        ("3FAHP0JA0AR281181", True),
        ("4S4BSAJC9K3287952", True),
        ("5YJSA1H12FFP71790", True),
        ("LFV3A23C6E3095934", True),
        ("lgxch4cd3s2107503", True),
        ("WP0ZZZ99ZTS392124", False),
        ("VF1BB05CF26010203", False),
        ("SCFFDECNXCGG14038", False),
        ("YT9NN1U14KA007175", False),
        ("JM3KE4BY6G0636881", False),
        ("KNAPX81GBNK005247", False),
        ("9BWZZZ377VT004251", False),  # Brazil (structure only)
        ("6T1BF3FK0CX000000", False),  # Australia (structure only)
        ("", False),
    ],
)
def test_vin_requires_check_digit(value, required):
    assert vin.vin_requires_check_digit(value) is required


def _with_position_9(value, char):
    return value[:8] + char + value[9:]


@pytest.mark.parametrize("value", ["1M8GDM9AXKP042788", "LFV2B21KXC3311106", "LVGBPB9E7KG006111"])
def test_wrong_check_digit_is_rejected_where_required(value):
    wrong = _with_position_9(value, "0")
    with pytest.raises(vin.VinError) as caught:
        vin.validate_vin(wrong)
    error = caught.value
    assert error.code == "check_digit"
    assert error.params == {"vin": wrong, "found": "0", "expected": value[8]}
    assert "position 9 is '0'" in str(error)
    assert f"give '{value[8]}'" in str(error)
    assert wrong in str(error)
    # the policy can switch the check off, or on for everyone
    assert vin.validate_vin(wrong, check_digit=False) == wrong
    with pytest.raises(vin.VinError):
        vin.validate_vin(wrong, check_digit=True)
    assert not vin.is_valid_vin(wrong)
    assert vin.is_valid_vin(wrong, check_digit=False)


def test_a_typo_anywhere_breaks_the_check_digit():
    # one character mistyped in the serial number: 4 instead of 5
    with pytest.raises(vin.VinError) as caught:
        vin.validate_vin("LFV3A23C6E3094934")
    assert caught.value.code == "check_digit"
    # two neighbours swapped
    with pytest.raises(vin.VinError) as caught:
        vin.validate_vin("LFV3A23C6E3095943")
    assert caught.value.code == "check_digit"


# --- error codes and messages ---------------------------------------------------


@pytest.mark.parametrize("value", [None, False, "", "   ", "\u3000", "--"])
def test_empty(value):
    with pytest.raises(vin.VinError) as caught:
        vin.validate_vin(value)
    error = caught.value
    assert error.code == "empty"
    assert error.params == {}
    assert "empty" in str(error)
    assert "17-character" in str(error)


@pytest.mark.parametrize(
    "value, length",
    [("LFV3A23C6E309593", 16), ("LFV3A23C6E30959344", 18), ("LFV3A", 5)],
)
def test_length(value, length):
    with pytest.raises(vin.VinError) as caught:
        vin.validate_vin(value)
    error = caught.value
    assert error.code == "length"
    assert error.params["length"] == length
    assert error.params["required"] == 17
    message = str(error)
    assert f"has {length} characters" in message
    assert "exactly 17" in message


def test_length_is_counted_after_normalization():
    assert vin.validate_vin("LFV 3A23C 6E30 95934") == "LFV3A23C6E3095934"
    with pytest.raises(vin.VinError) as caught:
        vin.validate_vin("LFV 3A23C 6E30 9593")
    assert caught.value.params["length"] == 16


def test_forbidden_letters():
    # O typed for 0 at position 12 and I for 1 at position 17 (1-based)
    with pytest.raises(vin.VinError) as caught:
        vin.validate_vin("LFV3A23C6E3O9593I")
    error = caught.value
    assert error.code == "forbidden_letters"
    assert error.params["letters"] == "O, I"
    assert error.params["positions"] == "12, 17"
    assert error.params["position_list"] == [12, 17]
    message = str(error)
    assert "O, I" in message
    assert "12, 17" in message
    assert "I, O and Q are never used" in message
    assert "1 and 0" in message


def test_forbidden_letters_lower_case_and_q():
    with pytest.raises(vin.VinError) as caught:
        vin.validate_vin("lfv3a23c6e3q95934")
    assert caught.value.code == "forbidden_letters"
    assert caught.value.params["letters"] == "Q"
    assert caught.value.params["positions"] == "12"


def test_forbidden_letters_are_reported_even_when_length_is_wrong_too():
    with pytest.raises(vin.VinError) as caught:
        vin.validate_vin("LFV3A23C6E3O959")
    assert caught.value.code == "forbidden_letters"


@pytest.mark.parametrize(
    "value, characters, positions",
    [
        ("LFV3A23C6E309593*", "'*'", "17"),
        ("LFV3A23C6E3_95934", "'_'", "12"),
        ("LFV3A23C6E3.9593#", "'.', '#'", "12, 17"),
        ("LFV3A23C6É3095934", "'É'", "10"),
        ("LFV3A23C6\x073095934", "U+0007", "10"),
    ],
)
def test_bad_character(value, characters, positions):
    with pytest.raises(vin.VinError) as caught:
        vin.validate_vin(value)
    error = caught.value
    assert error.code == "bad_character"
    assert error.params["characters"] == characters
    assert error.params["positions"] == positions
    message = str(error)
    assert characters in message
    assert f"position(s) {positions}" in message
    assert "0-9" in message


def test_plate_number_typed_in_the_vin_field():
    with pytest.raises(vin.VinError) as caught:
        vin.validate_vin("川A·12345")
    error = caught.value
    assert error.code == "bad_character"
    assert error.params["characters"] == "'川', '·'"
    assert error.params["positions"] == "1, 3"


def test_every_code_has_a_template_and_the_error_uses_it():
    assert set(vin.MESSAGES) == {"empty", "length", "forbidden_letters", "bad_character", "check_digit"}
    cases = {
        "empty": "",
        "length": "LFV3A",
        "forbidden_letters": "LFV3A23C6E3O95934",
        "bad_character": "LFV3A23C6E3/95934",
        "check_digit": "LFV3A23C0E3095934",
    }
    for code, value in cases.items():
        with pytest.raises(vin.VinError) as caught:
            vin.validate_vin(value)
        error = caught.value
        assert error.code == code
        assert error.template is vin.MESSAGES[code]
        # what the Odoo layer does with a translated template
        assert vin.MESSAGES[code] % error.params == str(error) == error.message
        assert isinstance(error, ValueError)


# --- model year -------------------------------------------------------------------


@pytest.mark.parametrize("value, region, year, description", VINS_WITH_CHECK_DIGIT)
def test_model_year_of_real_vins(value, region, year, description):
    assert vin.vin_model_year(value, reference_year=2025) == year, description


@pytest.mark.parametrize(
    "code, first_cycle",
    list(zip("ABCDEFGHJKLMNPRSTVWXY123456789", range(1980, 2010), strict=True)),
)
def test_model_year_codes(code, first_cycle):
    # a Chinese VIN (no position 7 rule) with the code at position 10
    value = "LFV3A23C6" + code + "3095934"
    assert vin.vin_model_year(value, reference_year=first_cycle) == first_cycle
    assert vin.vin_model_year(value, reference_year=first_cycle + 30) == first_cycle + 30
    assert vin.vin_model_year(value, reference_year=first_cycle + 60) == first_cycle + 60


def test_model_year_30_year_cycle_around_the_reference():
    # A = 1980/2010/2040; Y = 2000/2030; 9 = 2009/2039
    assert vin.vin_model_year("LFV3A23C6A3095934", reference_year=2025) == 2010
    assert vin.vin_model_year("LFV3A23C6Y3095934", reference_year=2025) == 2000
    assert vin.vin_model_year("LFV3A23C6Y3095934", reference_year=2029) == 2030  # next year's model
    assert vin.vin_model_year("LFV3A23C6T3095934", reference_year=2025) == 2026
    assert vin.vin_model_year("LFV3A23C6V3095934", reference_year=2025) == 1997
    assert vin.vin_model_year("LFV3A23C693095934", reference_year=2025) == 2009
    assert vin.vin_model_year("LFV3A23C6A3095934", reference_year=2045) == 2040
    # before the first cycle there is only one possible reading
    assert vin.vin_model_year("LFV3A23C6Y3095934", reference_year=1985) == 2000


def test_model_year_outside_north_america_follows_the_reference_year():
    # Porsche 993 of 1996: T is 1996 or 2026, only the reference year can tell
    assert vin.vin_model_year("WP0ZZZ99ZTS392124", reference_year=2000) == 1996
    assert vin.vin_model_year("WP0ZZZ99ZTS392124", reference_year=2025) == 2026
    # Acura Integra of 1994 (Japan): R is 1994 or 2024
    assert vin.vin_model_year("JH4DC4340RS003205", reference_year=1995) == 1994
    assert vin.vin_model_year("JH4DC4340RS003205", reference_year=2025) == 2024
    # a Chinese VIN with a digit at position 7 is not read with the US rule
    assert vin.vin_model_year("L6T7824ZXFN033628", reference_year=2025) == 2015
    assert vin.vin_model_year("LFV3A23C6K3095934", reference_year=2025) == 2019


def test_model_year_north_american_position_7():
    # digit at position 7: 1980-2009 even where the reference allows 2019
    assert vin.vin_model_year("1M8GDM9AXKP042788", reference_year=2025) == 1989
    assert vin.vin_model_year("1M8GDM9AXKP042788", reference_year=1990) == 1989
    # letter at position 7: 2010-2039
    assert vin.vin_model_year("3FAHP0JA0AR281181", reference_year=2025) == 2010
    assert vin.vin_model_year("5YJSA1H12FFP71790", reference_year=2025) == 2015
    # the reference year still rules out a year in the future
    assert vin.vin_model_year("3FAHP0JA0AR281181", reference_year=2005) == 1980
    # same code at position 10, different position 7
    assert vin.vin_model_year("1HGCM82633A004352", reference_year=2025) == 2003
    assert vin.vin_model_year("1HGCM8B63KA004352", reference_year=2025) == 2019
    assert vin.vin_model_year("1HGCM8263KA004352", reference_year=2025) == 1989


@pytest.mark.parametrize("code", ["I", "O", "Q", "U", "Z", "0", "*"])
def test_model_year_invalid_codes(code):
    assert vin.vin_model_year("LFV3A23C6" + code + "3095934", reference_year=2025) is None


def test_model_year_real_vins_without_year_code():
    # Toyota for Italy and Lexus for Taiwan: 0 at position 10
    assert vin.vin_model_year("JTMW53FV60D023016", reference_year=2025) is None
    assert vin.vin_model_year("JTHBYLFF305000302", reference_year=2025) is None


def test_model_year_short_or_empty():
    assert vin.vin_model_year("LFV3A23C6", reference_year=2025) is None
    assert vin.vin_model_year("", reference_year=2025) is None
    assert vin.vin_model_year(None, reference_year=2025) is None


def test_model_year_normalizes_and_defaults_to_this_year():
    import datetime

    this_year = datetime.date.today().year
    assert vin.vin_model_year("lfv3a23c6-e3095934", reference_year=2025) == 2014
    assert vin.vin_model_year("LFV3A23C6E3095934") <= this_year + 1
    assert vin.vin_model_year("LFV3A23C6E3095934") > this_year + 1 - 30


# --- WMI and region ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, wmi, region",
    [
        ("1M8GDM9AXKP042788", "1M8", "north_america"),
        ("2T1BURHEXJC119229", "2T1", "north_america"),
        ("3FAHP0JA0AR281181", "3FA", "north_america"),
        ("LFV3A23C6E3095934", "LFV", "china"),
        ("lgxch4cd3s2107503", "LGX", "china"),
        ("JM3KE4BY6G0636881", "JM3", "asia"),
        ("KNAE55LC7J6018811", "KNA", "asia"),
        ("WBSPM9C52BE209978", "WBS", "europe"),
        ("VF1BB05CF26010203", "VF1", "europe"),
        ("SCFFDECNXCGG14038", "SCF", "europe"),
        ("YT9NN1U14KA007175", "YT9", "europe"),
        ("TRUWT28N251015796", "TRU", "europe"),
        ("6T1BF3FK0CX000000", "6T1", "oceania"),
        ("9BWZZZ377VT004251", "9BW", "south_america"),
        ("AAVZZZ6RZBU000000", "AAV", "africa"),  # structure only
        ("", "", "other"),
    ],
)
def test_wmi_and_region(value, wmi, region):
    assert vin.vin_wmi(value) == wmi
    assert vin.vin_region(value) == region
