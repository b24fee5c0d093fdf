"""Reading and normalising legacy data files (数据迁移), without Odoo.

A legacy file is a CSV (UTF-8 or GB18030, as Excel in China saves it) or an XLSX workbook whose first
row holds the column headers, in Chinese or English. :func:`iter_rows` streams it row by row (the csv
module, or openpyxl in read-only mode), so a file of a million lines is never loaded whole.

The ``parse_*`` functions turn what a legacy system exports into the values AutoCRM stores, or raise
:class:`RowError` with a code of :data:`MESSAGES` that the Odoo layer translates.
"""

import csv
import datetime
import io
import re
import unicodedata
import zipfile
from decimal import Decimal, InvalidOperation


def _lt(message):
    """Mark ``message`` for translation (extracted by Odoo's term export; see tools/vin.py)."""
    return message


MESSAGES = {
    "required": _lt("This column is required: fill it in."),
    "date": _lt("'%(value)s' is not a date: write it as 2024-05-31 (or 2024/5/31, 2024年5月31日)."),
    "future_date": _lt("The date %(value)s is in the future."),
    "integer": _lt("'%(value)s' is not a whole number."),
    "negative": _lt("'%(value)s' cannot be negative."),
    "amount": _lt("'%(value)s' is not an amount: write it as 1234.50 (currency signs and commas are ignored)."),
    "choice": _lt("'%(value)s' is not one of: %(choices)s."),
}

HEADER_MISSING = _lt("The file has no column %(columns)s: download the template and keep its headers.")

_BLANKS = {"", "-", "--", "/", "无", "N/A", "n/a", "NULL", "null", "None"}
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMBER_NOISE = re.compile(r"[,，\s¥￥元RMBCNYkmKM公里]")


class RowError(ValueError):
    """A cell that cannot be imported; ``code`` is a key of :data:`MESSAGES`."""

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(MESSAGES[code] % params if params else MESSAGES[code])

    @property
    def template(self):
        return MESSAGES[self.code]


class HeaderError(ValueError):
    """Required columns missing from the file's header row."""

    def __init__(self, columns):
        self.columns = columns
        super().__init__(HEADER_MISSING % {"columns": ", ".join(columns)})


def clean(value):
    """A cell as text: NFKC (full-width to half-width), stripped; blanks and placeholders give ""."""
    if value.__class__ is str and value.isascii():
        # the usual cell, first: NFKC cannot change ASCII (full-width digits and letters are not ASCII)
        text = value.strip()
    elif value is None:
        return ""
    else:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value)
        text = text.strip() if text.isascii() else unicodedata.normalize("NFKC", text).strip()
    return "" if text in _BLANKS else text


def is_xlsx(data, filename=""):
    """True for an XLSX workbook (a zip), by name or by content."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return True
    return data[:4] == b"PK\x03\x04" if isinstance(data, bytes | bytearray) else False


def _decode_csv(stream):
    head = stream.read(4096)
    stream.seek(0)
    encoding = "utf-8-sig"
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # a cut multi-byte character at the end of the sample is still UTF-8
        if error.start < len(head) - 3:
            encoding = "gb18030"
    # io's reader is C: the codecs module's is Python, line by line (a million-line file is read twice)
    return io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")


def _iter_raw(stream, xlsx):
    if xlsx:
        import openpyxl  # noqa: PLC0415 - only needed for workbooks; Odoo requires it

        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        try:
            yield from workbook.worksheets[0].iter_rows(values_only=True)
        finally:
            workbook.close()
    else:
        yield from csv.reader(_decode_csv(stream))


def iter_rows(source, filename="", columns=()):
    """Stream the data rows of a legacy file.

    :param source: the file's bytes or a binary file object
    :param filename: used to tell XLSX from CSV (the content is sniffed too)
    :param columns: ``(key, headers, required)`` triples: the key a value is returned under, the header
        texts (Chinese, English...) the column may carry, and whether the file must have the column.
    :return: generator of ``(row_number, {key: cleaned text or cell value})``; ``row_number`` is the
        spreadsheet row (the header is row 1). Rows with no value at all are skipped.
    :raise HeaderError: when a required column is missing.
    """
    if isinstance(source, bytes | bytearray):
        xlsx = is_xlsx(source, filename)
        stream = io.BytesIO(source)
    else:
        stream = source
        head = stream.read(4)
        stream.seek(0)
        xlsx = is_xlsx(head, filename)
    if xlsx and not zipfile.is_zipfile(stream):
        raise HeaderError(["XLSX"])
    stream.seek(0)
    rows = _iter_raw(stream, xlsx)
    header = next(rows, None) or ()
    names = [_header_key(cell) for cell in header]
    positions = {}
    missing = []
    for column in columns:
        key, headers = column[0], column[1]
        required = len(column) > 2 and column[2]
        wanted = {_header_key(h) for h in headers}
        index = next((i for i, name in enumerate(names) if name in wanted), None)
        if index is None:
            if required:
                missing.append(headers[0])
            continue
        positions[key] = index
    if missing:
        raise HeaderError(missing)
    columns = list(positions.items())
    width = max(positions.values(), default=-1) + 1
    # a CSV has text only: no date of a workbook to keep
    cell = _cell if xlsx else clean
    for number, row in enumerate(rows, start=2):
        if len(row) < width:
            row = (*row, *[None] * (width - len(row)))
        values = {key: cell(row[index]) for key, index in columns}
        # every value is text ("" when blank) or a date
        if any(values.values()):
            yield number, values


def _cell(value):
    """A cell's value as :func:`clean` gives it, a date of a workbook kept as it is."""
    return value if isinstance(value, datetime.date) else clean(value)


def _header_key(cell):
    text = clean(cell).lower()
    # "手机*" or "手机 (必填)" are the same column as "手机"
    text = re.sub(r"[*＊]|[（(].*?[)）]", "", text)
    return "".join(text.split())


def parse_date(value, today=None, required=False):
    """A date from a cell: a date/datetime of a workbook, ISO, 2024/5/31, 2024.5.31, 20240531, 2024年5月31日,
    or an Excel serial number. Empty gives None (or RowError 'required'); a date after ``today`` is refused."""
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    else:
        text = clean(value)
        if not text:
            if required:
                raise RowError("required")
            return None
        try:
            if len(text) == 10 and text[4] == text[7] == "-" and text.isascii():
                day = datetime.date.fromisoformat(text)  # the common case first: 2024-05-31
            elif match := _DATE_RE.match(text) or _COMPACT_DATE_RE.match(text):
                day = datetime.date(*(int(part) for part in match.groups()))
            elif re.fullmatch(r"\d{5}(\.0+)?", text):
                day = datetime.date(1899, 12, 30) + datetime.timedelta(days=int(float(text)))
            else:
                raise RowError("date", value=text)
        except ValueError as error:
            if isinstance(error, RowError):
                raise
            raise RowError("date", value=text) from error
    if today and day > today:
        raise RowError("future_date", value=day.isoformat())
    return day


def parse_integer(value, required=False):
    """A whole number such as a mileage: '12,345', '12345 km', '1.2万' (ten thousands), 12345.0."""
    text = clean(value)
    if not text:
        if required:
            raise RowError("required")
        return None
    factor = 1
    if text.endswith(("万", "w", "W")):
        text, factor = text[:-1], 10000
    text = _NUMBER_NOISE.sub("", text)
    try:
        number = Decimal(text) * factor
    except InvalidOperation as error:
        raise RowError("integer", value=clean(value)) from error
    if number != number.to_integral_value():
        raise RowError("integer", value=clean(value))
    if number < 0:
        raise RowError("negative", value=clean(value))
    return int(number)


def parse_amount(value, required=False, allow_negative=False):
    """An amount in yuan, rounded to the fen: '¥1,234.5', '1234.50元', 1234.5."""
    text = clean(value)
    if not text:
        if required:
            raise RowError("required")
        return None
    try:
        number = Decimal(_NUMBER_NOISE.sub("", text))
    except InvalidOperation as error:
        raise RowError("amount", value=text) from error
    if not number.is_finite():
        raise RowError("amount", value=text)
    if number < 0 and not allow_negative:
        raise RowError("negative", value=text)
    return float(round(number, 2))


def parse_choice(value, choices, required=False, default=None):
    """The key of a selection from its key or any of its labels (Chinese or English), case-insensitive.

    :param choices: ``{key: (label, label...)}``
    """
    text = clean(value)
    if not text:
        if required:
            raise RowError("required")
        return default
    wanted = text.lower()
    for key, labels in choices.items():
        if wanted == key.lower() or wanted in (label.lower() for label in labels):
            return key
    raise RowError("choice", value=text, choices=" / ".join(labels[0] for labels in choices.values()))


def batched(iterable, size):
    """Lists of at most ``size`` items of ``iterable``, consumed lazily."""
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
