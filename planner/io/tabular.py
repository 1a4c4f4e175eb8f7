"""Reading tables that users bring: CSV (UTF-8 with or without BOM, or GB18030 as Chinese Excel writes it) and
Excel .xlsx workbooks (first sheet).

Returns rows as dictionaries of stripped strings keyed by the header cells, each with its spreadsheet row number
(the file's real row: the header is row 1 unless blank or title rows come first), so importers can report
"row 3: 'balance' …". Knows nothing about debts: importers map the headers (English identifiers or Chinese labels)
to fields.

The header is the first non-empty row, except that a **title row** is skipped: when the first non-empty row has
exactly one non-empty cell (``刘建国债务清单``, as Chinese Excel files often start) and the next non-empty row has two
or more, the first is the title (:attr:`Table.title`) and the next the header.

A CSV data row with a non-empty cell beyond the header's last column (an unquoted thousands comma: ``4,500`` read
as the two cells ``4`` and ``500``, which shifts every later cell) is not read into columns: its :attr:`Row.problem`
is a ``too_many_cells`` error located at the row, for the importer to report. Trailing empty cells are fine. Excel
cells cannot shift, so an .xlsx value in a column without a header is left out as an unknown column is.

Excel cells are turned into the text a user sees, not the number stored: a number whose format is a percentage
(``0.00%``) is stored as a fraction (0.1825) but shown as 18.25 %, so it is read as ``"18.25%"`` (exactly:
``Decimal(repr(value)) × 100``, with the sign kept so that each importer reads it as it reads a typed ``18.25%``:
a rate of 18.25 % a year, a minimum payment of 10 % of the balance, and a refused amount rather than ¥0.1825).
A literal percent sign in a format (quoted, ``0.00"%"``, or escaped with a backslash) does not scale the number
and is left alone.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
import os
import re
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from planner.errors import InvalidInput, file_error, os_error

# Units or notes in brackets after a header are ignored: "剩余本金（元）", "rate (%)", "余额【必填】".
_BRACKETS = re.compile(r"[（(\[【][^）)\]】]*[）)\]】]")

MAX_ROWS = 10_000
MAX_BYTES = 20 * 1024 * 1024


SAMPLE_MARK = "示例，导入前请删除此行"
"""Written into the sample row of every template (:func:`planner.io.importing.write_debts_template`): a row that
still holds it is refused, never imported as data."""

# A row shown back in an error is cut to this many characters (its middle elided).
_SHOWN_ROW = 80


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its 1-based spreadsheet row number and its cells by header.

    Attributes:
        number: the row's number in the file (as a spreadsheet shows it).
        cells: the stripped cells keyed by header ("" where the row is short).
        problem: ``None``, or an :class:`InvalidInput` (``file`` / ``too_many_cells``, located ``row N``) when the
            row has more cells than the header, so its cells do not line up with the columns and must not be used.
    """

    number: int
    cells: dict[str, str]
    problem: InvalidInput | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A table as read: its header, the header's row number, a title row above it if any, and its data rows.

    Attributes:
        header: the non-empty header cells, stripped.
        rows: the non-empty data rows.
        header_row: the header's row number in the file (1 unless blank or title rows come first).
        title: the title row's text when one was skipped, else ``None``.
        sheet: for a workbook, the name of the sheet read.
        first_sheet: for a workbook whose first sheet has no recognised header, that sheet's name (the table was
            found on :attr:`sheet`); else ``None``.
    """

    header: tuple[str, ...]
    rows: tuple[Row, ...]
    header_row: int = 1
    title: str | None = None
    sheet: str | None = None
    first_sheet: str | None = None


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


def _bad_file(path: Path, reason: str, **params: Any) -> InvalidInput:
    return file_error(str(path), reason, **params)


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
    raise _bad_file(path, "not_utf8_or_gb18030")


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
    if hasattr(value, "date") and hasattr(value, "hour"):  # a datetime: its date, and its time unless midnight
        if value.hour or value.minute:
            return f"{value.date().isoformat()} {value.hour:02d}:{value.minute:02d}"
        return str(value.date().isoformat())
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value).strip()


def _filled(raw: list[str]) -> int:
    return sum(1 for c in raw if c.strip())


def _width(raw: list[str]) -> int:
    """Return the number of cells up to the last non-empty one (trailing empty cells do not count)."""
    return next((i + 1 for i in range(len(raw) - 1, -1, -1) if raw[i].strip()), 0)


def _shown(raw: list[str]) -> str:
    text = ",".join(raw)
    if len(text) <= _SHOWN_ROW:
        return text
    head = _SHOWN_ROW // 3
    return f"{text[:head]}…{text[len(text) - (_SHOWN_ROW - head - 1):]}"


def _table_from_matrix(matrix: list[list[str]], *, path: Path, check_width: bool) -> Table:
    numbered = [(number, raw) for number, raw in enumerate(matrix, start=1) if _filled(raw)]
    if not numbered:
        raise _bad_file(path, "empty_table")
    title = None
    if len(numbered) > 1 and _filled(numbered[0][1]) == 1 and _filled(numbered[1][1]) >= 2:
        title = next(c.strip().lstrip("\ufeff") for c in numbered[0][1] if c.strip())
        numbered = numbered[1:]
    header_row, raw_header = numbered[0]
    header = [h.strip().lstrip("\ufeff") for h in raw_header]
    columns = _width(header)
    if len(numbered) - 1 > MAX_ROWS:
        raise _bad_file(path, "too_many_rows", limit=MAX_ROWS)
    rows = []
    for number, raw in numbered[1:]:
        cells = {name: (raw[i].strip() if i < len(raw) else "") for i, name in enumerate(header) if name}
        problem = None
        count = _width(raw)
        if check_width and count > columns:
            problem = InvalidInput("file", "too_many_cells", _shown(raw[:count]),
                                   params={"count": count, "high": columns}, where=f"row {number}")
        elif any(SAMPLE_MARK in cell for cell in raw):
            problem = InvalidInput("file", "sample_row", None, params={"mark": SAMPLE_MARK}, where=f"row {number}")
        rows.append(Row(number, cells, problem))
    return Table(tuple(h for h in header if h), tuple(rows), header_row, title)


def _semicolons(text: str) -> bool:
    """Return True when the table was saved with semicolons between its cells: in its first non-empty lines (a
    title row may come first) a line splits into more cells at ``;`` than at ``,`` (at least three), and all of
    them together do too. Judged on the raw lines, so an amount written ``7,100.00`` inside a cell does not hide
    it."""
    lines = [line for line in text.splitlines() if line.strip(" \t,;")][:3]
    if not lines:
        return False
    try:
        semi = [len(next(csv.reader([line], delimiter=";"))) for line in lines]
        comma = [len(next(csv.reader([line]))) for line in lines]
    except csv.Error:
        return False  # the CSV reader's own error is reported when the file is read
    return any(s >= 3 and s > c for s, c in zip(semi, comma, strict=True)) and sum(semi) > sum(comma)


def read_sheet(path: str | Path, *, recognised: Callable[[Sequence[str]], bool] | None = None) -> Table:
    """Read a .csv or .xlsx file into a :class:`Table`: its header (after any title row) and its non-empty rows.

    A row that still holds the template's sample mark (:data:`SAMPLE_MARK`) has a ``sample_row`` problem, so a
    filled-in template cannot import its fictional sample by mistake. A CSV whose cells are separated by
    semicolons is refused with a reason that says so (``semicolon_csv``).

    Args:
        path: the file; ``.xlsx`` is read as a workbook, anything else as CSV.
        recognised: tells whether a header row is the one the caller wants; a workbook whose first sheet's header
            is not is searched for the first sheet whose header is (:attr:`Table.sheet` names it,
            :attr:`Table.first_sheet` the sheet passed over). Without it, the first sheet is read.

    Raises:
        InvalidInput: ``bad_file`` (field ``file``) with a reason: the path is missing, unreadable or not a
            regular file (a folder); it is larger than 20 MB; a CSV that is neither UTF-8 nor GB18030, or that
            the CSV reader refuses (a cell over 131,072 characters); an .xlsx that is not a workbook or whose
            first sheet is damaged (truncated XML); no header row; more than 10,000 rows. A CSV row with too
            many cells is not raised: it is that row's :attr:`Row.problem`.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise os_error(str(path), err) from None
    if path.is_dir():
        raise _bad_file(path, "is_folder", example=str(path / "debts.csv"))
    if not path.is_file():
        raise _bad_file(path, "not_a_file")
    if size > MAX_BYTES:
        raise _bad_file(path, "too_large_file", limit=MAX_BYTES // (1024 * 1024))
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        sheets = _read_xlsx(path)
        tables = [(name, _table_from_matrix(matrix, path=path, check_width=False)) for name, matrix in sheets
                  if any(_filled(raw) for raw in matrix)]
        if not tables:
            raise _bad_file(path, "empty_table")
        first_name, first = tables[0]
        if recognised is not None and not recognised(first.header):
            for name, table in tables[1:]:
                if recognised(table.header):
                    return dataclasses.replace(table, sheet=name, first_sheet=first_name)
        return dataclasses.replace(first, sheet=first_name)
    else:
        try:
            data = path.read_bytes()
        except OSError as err:
            raise os_error(str(path), err) from None
        text = decode_text(data, path=path)
        if _semicolons(text):
            raise _bad_file(path, "semicolon_csv")
        try:
            matrix = [list(r) for r in csv.reader(io.StringIO(text))]
        except csv.Error as err:
            raise _bad_file(path, "csv_unreadable", detail=str(err)) from None
    return _table_from_matrix(matrix, path=path, check_width=True)


def read_table(path: str | Path) -> tuple[list[str], list[Row]]:
    """Return :func:`read_sheet`'s header and rows as ``(header, rows)`` (see there)."""
    table = read_sheet(path)
    return list(table.header), list(table.rows)


def _read_xlsx(path: Path) -> list[tuple[str, list[list[str]]]]:
    """Return every sheet of the workbook as ``(name, rows of cell text)``."""
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
        raise _bad_file(path, "xlsx_unreadable", detail=str(err)) from None
    try:
        return [(sheet.title, [[_cell(c.value, getattr(c, "number_format", None)) for c in row]
                               for row in sheet.iter_rows()])
                for sheet in workbook.worksheets]
    except damaged as err:
        raise _bad_file(path, "xlsx_sheet_damaged", detail=f"{type(err).__name__}: {err}") from None
    finally:
        workbook.close()


# ----------------------------------------------------------------------------------------------------------------
# Columns: the headers an importer knows, and its rows read through them (shared by the debts and the log imports)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Columns:
    """The columns an importer knows: each one's Chinese header, other headers accepted for it, and the required ones.

    Attributes:
        labels: column identifier (its English header) → its Chinese header, in the template's order.
        aliases: other accepted headers → column identifier.
        required: the columns a table must have.
    """

    labels: Mapping[str, str]
    aliases: Mapping[str, str] = dataclasses.field(default_factory=dict)
    required: tuple[str, ...] = ()
    lookup: Mapping[str, str] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lookup", header_lookup(self.labels, self.aliases))

    def column_for(self, header: str) -> str | None:
        """Return the column a header names (either spelling or an alias, compared as :func:`normalise_header`
        does), or None."""
        return self.lookup.get(normalise_header(header))

    def hint(self, names: Sequence[str] | None = None) -> str:
        """Return columns as a hint: ``编号 (id), 债权人 (creditor)`` (the required ones unless ``names``)."""
        return ", ".join(f"{self.labels[n]} ({n})" for n in (self.required if names is None else names))

    def map_header(self, header: Sequence[str], header_row: int = 1, *,
                   unknown_is_error: bool = False) -> tuple[dict[str, str], list[InvalidInput], tuple[str, ...]]:
        """Return each known column's header cell, the header's problems, and the headers that name no column.

        A column named twice is a ``duplicate`` error; a required one missing a ``missing_column`` error naming
        it; a header that names no column is returned among the ignored, or with ``unknown_is_error`` an
        ``unknown_column`` error naming it and every known column. Each error is located at ``header_row``.
        """
        where = f"row {header_row}"
        found: dict[str, str] = {}
        errors: list[InvalidInput] = []
        ignored: list[str] = []
        for name in header:
            column = self.column_for(name)
            if column is None:
                ignored.append(name)
                if unknown_is_error:
                    errors.append(InvalidInput("file", "unknown_column", name,
                                               params={"choices": self.hint(list(self.labels))}, where=where))
            elif column in found:
                errors.append(InvalidInput(column, "duplicate", name, where=where))
            else:
                found[column] = name
        for column in self.required:
            if column not in found:
                shown = f"{self.labels[column]} / {column}"
                errors.append(InvalidInput(column, "missing_column", None,
                                           params={"column": shown, "choices": self.hint()}, where=where))
        return found, errors, tuple(ignored)


def read_rows(
    rows: Sequence[Row], columns: Mapping[str, str], build: Callable[[int, dict[str, str]], tuple[T | None, list[InvalidInput]]]
) -> tuple[list[tuple[int, T]], list[InvalidInput]]:
    """Return what ``build`` makes of each row, with the row's number, and every problem found, located ``row N``.

    A row with a :attr:`Row.problem` (cells that do not line up, the template's sample) is reported and not read.
    ``build`` gets a row's number and its cells by column (``""`` where empty) and returns the item (or None) and
    the row's problems; a row with a problem gives no item.

    Args:
        rows: the table's data rows.
        columns: column → its header cell (as :meth:`Columns.map_header` returns).
        build: makes one item of a row's cells.
    """
    items: list[tuple[int, T]] = []
    errors: list[InvalidInput] = []
    for row in rows:
        if row.problem is not None:
            errors.append(row.problem)
            continue
        cells = {column: row.cells.get(name, "") for column, name in columns.items()}
        item, problems = build(row.number, cells)
        if item is not None and not problems:
            items.append((row.number, item))
        errors.extend(problem.at(f"row {row.number}") for problem in problems)
    return items, errors


def write_template(path: str | os.PathLike[str], header: Sequence[str], sample: Sequence[str], *, sheet: str, example: str) -> Path:
    """Write a table to fill in: ``header`` and one ``sample`` row, as an Excel workbook when ``path`` ends in
    ``.xlsx`` (every cell text, so Excel keeps dates, times and rates as written), else as CSV in UTF-8 with a
    byte-order mark (so Excel on Windows shows a Chinese header correctly). The sample should hold
    :data:`SAMPLE_MARK`, so that it is refused on import.

    Args:
        path: the file to write.
        header: the header cells.
        sample: the sample row's cells.
        sheet: the workbook's sheet name.
        example: a file name suggested when ``path`` is a folder.

    Returns:
        The path written.

    Raises:
        InvalidInput: ``cannot_write`` when ``path`` is a folder or cannot be written.
    """
    path = Path(path)
    if path.is_dir():
        raise file_error(str(path), "is_folder", code="cannot_write", example=str(path / example))
    try:
        if path.suffix.lower() == ".xlsx":
            _write_xlsx(path, list(header), list(sample), sheet)
        else:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(header)
            writer.writerow(sample)
            path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    except OSError as err:
        raise os_error(str(path), err, writing=True) from None
    return path


def _write_xlsx(path: Path, header: list[str], sample: list[str], title: str) -> None:
    from openpyxl import Workbook  # only needed for Excel files
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = title
    sheet.append(header)
    sheet.append(sample)
    for column in sheet.iter_cols(min_row=1, max_row=200):
        for cell in column:
            cell.number_format = "@"  # text: Excel keeps 2018-07-16 and 日万分之五 as typed
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(name) * 2 + 2)
    book.save(path)
