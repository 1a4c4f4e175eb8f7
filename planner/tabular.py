"""Reading tables that users bring: CSV (UTF-8 with or without BOM, or GB18030 as Chinese Excel writes it) and
Excel .xlsx workbooks (first sheet).

Returns rows as dictionaries of stripped strings keyed by the header cells, each with its spreadsheet row number
(the header is row 1), so importers can report "row 3: 'balance' …". Knows nothing about debts: importers map the
headers (English identifiers or Chinese labels) to fields.

Excel cells are turned into the text a user sees, not the number stored: a number whose format is a percentage
(``0.00%``) is stored as a fraction (0.1825) but shown as 18.25 %, so it is read as ``"18.25%"`` (exactly:
``Decimal(repr(value)) × 100``, with the sign kept so that each importer reads it as it reads a typed ``18.25%``:
a rate of 18.25 % a year, a minimum payment of 10 % of the balance, and a refused amount rather than ¥0.1825).
A literal percent sign in a format (quoted, ``0.00"%"``, or escaped with a backslash) does not scale the number
and is left alone.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from planner.errors import InvalidInput

# Units or notes in brackets after a header are ignored: "剩余本金（元）", "rate (%)", "余额【必填】".
_BRACKETS = re.compile(r"[（(\[【][^）)\]】]*[）)\]】]")

MAX_ROWS = 10_000
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its 1-based spreadsheet row number and its cells by header."""

    number: int
    cells: dict[str, str]


def normalise_header(header: str) -> str:
    """Return a header as compared: without a BOM, bracketed units, case, spaces, hyphens and underscores
    ("Annual Rate", "annual-rate" and "annual_rate" are one column)."""
    text = _BRACKETS.sub("", header.strip().lstrip("\ufeff"))
    return re.sub(r"[\s_-]+", "", text).lower()


def header_lookup(columns_zh: Mapping[str, str], aliases: Mapping[str, str]) -> dict[str, str]:
    """Return every accepted spelling of each column, normalised, mapped to its field.

    Args:
        columns_zh: field identifier → its Chinese header (both spellings are accepted).
        aliases: other accepted headers → field.
    """
    return {
        **{normalise_header(f): f for f in columns_zh},
        **{normalise_header(zh): f for f, zh in columns_zh.items()},
        **{normalise_header(alias): f for alias, f in aliases.items()},
    }


def _bad_file(path: Path, reason: str, fix: str, fix_zh: str) -> InvalidInput:
    return InvalidInput("file", "bad_file", str(path), params={"reason": reason, "fix": fix, "fix_zh": fix_zh})


def decode_text(data: bytes, *, path: Path) -> str:
    """Decode CSV bytes: UTF-8 (a BOM is dropped) first, then GB18030.

    Raises:
        InvalidInput: when neither encoding fits.
    """
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _bad_file(path, "not UTF-8 or GB18030 text", "save it as CSV UTF-8", "请另存为 CSV UTF-8 格式")


def _scales_by_100(number_format: str | None, value: float | Decimal) -> bool:
    """Return True when Excel shows ``value`` under ``number_format`` multiplied by 100 (an unquoted ``%``).

    The format's section that applies is used (``positive;negative;zero``); quoted text, backslash escapes and
    bracketed codes (``[Red]``, ``[$-804]``) are skipped, since a ``%`` there is printed as it is.
    """
    if not number_format or "%" not in number_format:
        return False
    sections: list[str] = []
    current: list[str] = []
    quoted = escaped = bracket = False
    for char in number_format:
        if escaped:
            escaped = False
        elif quoted:
            quoted = char != '"'
        elif bracket:
            bracket = char != "]"
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = True
        elif char == "[":
            bracket = True
        elif char == ";":
            sections.append("".join(current))
            current = []
        else:
            current.append(char)
    sections.append("".join(current))
    if value < 0 and len(sections) > 1:
        section = sections[1]
    elif value == 0 and len(sections) > 2:
        section = sections[2]
    else:
        section = sections[0]
    return "%" in section


def _percent_text(value: float | Decimal) -> str:
    """Return a fraction shown as a percentage as its percent value, exactly (0.1825 → "18.25%")."""
    number = (value if isinstance(value, Decimal) else Decimal(repr(value))) * 100
    return f"{number.normalize():f}%"


def _cell(value: Any, number_format: str | None = None) -> str:
    if value is None:
        return ""
    if (
        isinstance(value, float | int | Decimal)
        and not isinstance(value, bool)
        and _scales_by_100(number_format, value)
        and (not isinstance(value, float) or math.isfinite(value))
    ):
        return _percent_text(value)
    if isinstance(value, float):
        # openpyxl gives numbers typed in Excel as float; repr gives the shortest exact spelling ("1234.56").
        return repr(value) if not math.isfinite(value) or value != int(value) else str(int(value))
    if isinstance(value, Decimal | int):
        return str(value)
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def _rows_from_matrix(matrix: list[list[str]], *, path: Path) -> list[Row]:
    while matrix and not any(c.strip() for c in matrix[0]):
        matrix = matrix[1:]
    if not matrix:
        raise _bad_file(path, "it is empty", "add a header row and one row per item", "请添加表头和数据行")
    header = [h.strip().lstrip("\ufeff") for h in matrix[0]]
    rows = []
    for offset, raw in enumerate(matrix[1:], start=2):
        if not any(c.strip() for c in raw):
            continue
        if len(rows) >= MAX_ROWS:
            raise _bad_file(path, f"it has more than {MAX_ROWS} rows", "split the file", "请拆分文件")
        cells = {name: (raw[i].strip() if i < len(raw) else "") for i, name in enumerate(header) if name}
        rows.append(Row(offset, cells))
    return rows


def read_table(path: str | Path) -> tuple[list[str], list[Row]]:
    """Read a .csv or .xlsx file into its header and its non-empty rows.

    Args:
        path: the file; ``.xlsx`` is read as a workbook (first sheet), anything else as CSV.

    Returns:
        ``(header, rows)``.

    Raises:
        InvalidInput: ``bad_file`` (field ``file``) with a reason: the path is missing, unreadable or not a
            regular file (a folder); it is larger than 20 MB; a CSV that is neither UTF-8 nor GB18030, or that
            the CSV reader refuses (a cell over 131,072 characters); an .xlsx that is not a workbook or whose
            first sheet is damaged (truncated XML); no header row; more than 10,000 rows.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise _bad_file(path, err.strerror or "not found", "check the path", "请检查文件路径") from None
    if not path.is_file():
        raise _bad_file(path, "it is not a file (a folder?)", "give the path of a .csv or .xlsx file",
                        "请指定 .csv 或 .xlsx 文件的路径")
    if size > MAX_BYTES:
        raise _bad_file(path, "it is larger than 20 MB", "split the file", "请拆分文件")
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        matrix = _read_xlsx(path)
    else:
        try:
            data = path.read_bytes()
        except OSError as err:
            raise _bad_file(path, err.strerror or "cannot be opened", "check the path", "请检查文件路径") from None
        text = decode_text(data, path=path)
        try:
            matrix = [list(r) for r in csv.reader(io.StringIO(text))]
        except csv.Error as err:
            raise _bad_file(path, f"it is not a readable CSV table ({err})", "save it again as CSV UTF-8",
                            "请重新另存为 CSV UTF-8 格式") from None
    rows = _rows_from_matrix(matrix, path=path)
    header = [h.strip().lstrip("\ufeff") for h in next(r for r in matrix if any(c.strip() for c in r))]
    return [h for h in header if h], rows


def _read_xlsx(path: Path) -> list[list[str]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook  # only needed for Excel files
    from openpyxl.utils.exceptions import InvalidFileException

    # What openpyxl raises on a damaged workbook: a bad zip or member (BadZipFile, zlib.error, EOFError), broken
    # XML (ParseError is a SyntaxError), or missing or odd parts (KeyError, ValueError, TypeError, IndexError).
    damaged = (InvalidFileException, BadZipFile, zlib.error, EOFError, OSError, SyntaxError, KeyError, ValueError,
               TypeError, IndexError, AttributeError)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except damaged as err:
        raise _bad_file(path, f"not a readable .xlsx workbook ({err})", "save it again as .xlsx or CSV",
                        "请重新另存为 .xlsx 或 CSV") from None
    try:
        sheet = workbook.worksheets[0]
        return [[_cell(c.value, getattr(c, "number_format", None)) for c in row] for row in sheet.iter_rows()]
    except damaged as err:
        reason = f"its first sheet is damaged ({type(err).__name__}: {err})"
        raise _bad_file(path, reason, "open it in Excel and save it again as .xlsx or CSV",
                        "请用 Excel 打开后重新另存为 .xlsx 或 CSV") from None
    finally:
        workbook.close()
