"""Unit tests of tools/legacy_import.py (reading and normalising legacy files), without Odoo; loaded by file
path as test_vin.py explains."""

import datetime
import importlib.util
import io
import pathlib

import pytest

_PATH = pathlib.Path(__file__).resolve().parents[2] / "tools" / "legacy_import.py"
_spec = importlib.util.spec_from_file_location("auto_crm_customer_tools_legacy_import", _PATH)
legacy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(legacy)

COLUMNS = [("name", ("姓名", "Name"), True), ("mobile", ("手机", "Mobile"), True), ("note", ("备注",), False)]


def test_csv_utf8_with_bom_and_chinese_headers():
    data = "\ufeff姓名*,手机（必填）,其他\n张三, 138 0013 8000 ,x\n,,\n李四,13900139000,\n".encode()
    rows = list(legacy.iter_rows(data, "customers.csv", COLUMNS))
    assert rows == [(2, {"name": "张三", "mobile": "138 0013 8000"}), (4, {"name": "李四", "mobile": "13900139000"})]


def test_csv_gb18030_as_excel_saves_it():
    data = "姓名,手机\n王五,13700137000\n".encode("gb18030")
    assert list(legacy.iter_rows(io.BytesIO(data), "x.csv", COLUMNS)) == [
        (2, {"name": "王五", "mobile": "13700137000"})
    ]


def test_english_headers_and_missing_required_column():
    assert list(legacy.iter_rows(b"Name,Mobile\nA,1\n", "x.csv", COLUMNS)) == [(2, {"name": "A", "mobile": "1"})]
    with pytest.raises(legacy.HeaderError) as error:
        list(legacy.iter_rows("姓名\n张三\n".encode(), "x.csv", COLUMNS))
    assert error.value.columns == ["手机"]


def test_xlsx_streamed_with_dates_and_numbers():
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "手机", "备注"])
    sheet.append(["张三", 13800138000, datetime.datetime(2024, 5, 31)])
    stream = io.BytesIO()
    workbook.save(stream)
    rows = list(legacy.iter_rows(stream.getvalue(), "x.xlsx", COLUMNS))
    assert rows == [(2, {"name": "张三", "mobile": "13800138000", "note": datetime.datetime(2024, 5, 31)})]


def test_parse_date_formats():
    expected = datetime.date(2024, 5, 31)
    for text in ("2024-05-31", "2024/5/31", "2024.5.31", "20240531", "2024年5月31日", "2024-05-31 10:00:00", "45443"):
        assert legacy.parse_date(text) == expected, text
    assert legacy.parse_date(datetime.datetime(2024, 5, 31, 9)) == expected
    assert legacy.parse_date("") is None
    for text in ("31/05/2024", "2024-02-30", "soon"):
        with pytest.raises(legacy.RowError) as error:
            legacy.parse_date(text)
        assert error.value.code == "date"
    with pytest.raises(legacy.RowError) as error:
        legacy.parse_date("2030-01-01", today=expected)
    assert error.value.code == "future_date"
    with pytest.raises(legacy.RowError):
        legacy.parse_date(" ", required=True)


def test_parse_integer_mileage():
    assert legacy.parse_integer("12,345") == 12345
    assert legacy.parse_integer("12345 km") == 12345
    assert legacy.parse_integer("1.2万") == 12000
    assert legacy.parse_integer(12345.0) == 12345
    assert legacy.parse_integer("") is None
    for text, code in (("12.5", "integer"), ("abc", "integer"), ("-5", "negative")):
        with pytest.raises(legacy.RowError) as error:
            legacy.parse_integer(text)
        assert error.value.code == code


def test_parse_amount():
    assert legacy.parse_amount("¥1,234.5") == 1234.5
    assert legacy.parse_amount("1234.505元") == 1234.5 or legacy.parse_amount("1234.505元") == 1234.51
    assert legacy.parse_amount("１２３") == 123.0
    with pytest.raises(legacy.RowError):
        legacy.parse_amount("-1")
    assert legacy.parse_amount("-1", allow_negative=True) == -1.0
    with pytest.raises(legacy.RowError):
        legacy.parse_amount("十块")


def test_parse_choice():
    choices = {"individual": ("个人", "Individual"), "company": ("企业", "公司", "Company")}
    assert legacy.parse_choice("公司", choices) == "company"
    assert legacy.parse_choice("INDIVIDUAL", choices) == "individual"
    assert legacy.parse_choice("", choices, default="individual") == "individual"
    with pytest.raises(legacy.RowError) as error:
        legacy.parse_choice("车队x", choices)
    assert "个人 / 企业" in str(error.value)


def test_batched_is_lazy():
    assert list(legacy.batched(iter(range(5)), 2)) == [[0, 1], [2, 3], [4]]
