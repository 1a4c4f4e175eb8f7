"""Reading tables that users bring: CSV (UTF-8 with or without BOM, or GB18030 as Chinese Excel writes it) and
Excel .xlsx workbooks (first sheet).

Returns rows as dictionaries of stripped strings keyed by the header cells, each with its spreadsheet row number
(the header is row 1), so importers can report "row 3: 'balance' …". Knows nothing about debts: importers map the
headers (English identifiers or Chinese labels) to fields.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from planner.errors import InvalidInput

MAX_ROWS = 10_000
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its 1-based spreadsheet row number and its cells by header."""

    number: int
    cells: dict[str, str]


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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # openpyxl gives numbers typed in Excel as float; repr gives the shortest exact spelling ("1234.56").
        return repr(value) if value != int(value) else str(int(value))
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
        InvalidInput: the file is missing, too large, not decodable, or empty.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise _bad_file(path, err.strerror or "not found", "check the path", "请检查文件路径") from None
    if size > MAX_BYTES:
        raise _bad_file(path, "it is larger than 20 MB", "split the file", "请拆分文件")
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        matrix = _read_xlsx(path)
    else:
        text = decode_text(path.read_bytes(), path=path)
        matrix = [list(r) for r in csv.reader(io.StringIO(text))]
    rows = _rows_from_matrix(matrix, path=path)
    header = [h.strip().lstrip("\ufeff") for h in next(r for r in matrix if any(c.strip() for c in r))]
    return [h for h in header if h], rows


def _read_xlsx(path: Path) -> list[list[str]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook  # only needed for Excel files
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as err:
        raise _bad_file(path, f"not a readable .xlsx workbook ({err})", "save it again as .xlsx or CSV",
                        "请重新另存为 .xlsx 或 CSV") from None
    try:
        sheet = workbook.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
