"""The LPR table (贷款市场报价利率): dated one-year and five-year rates, read from a data file."""


from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

from planner.caps.datafiles import load_data_file
from planner.dates import parse_date
from planner.errors import InvalidInput
from planner.money import to_decimal

LPR_FILE = "lpr_1y.csv"
_LAST_DAY = "9999-12-31"

# --------------------------------------------------------------------------------------------------------------
# LPR table


LprEntry = tuple[date, Decimal, Decimal]
"""One LPR row: (effective_from, one-year LPR %, five-year LPR %)."""


@dataclass(frozen=True, slots=True)
class LprTable:
    """The LPR history: each row is valid from its date until the next row.

    Attributes:
        entries: ``(effective_from, lpr_1y, lpr_5y)`` rows in percent a year; sorted by date on creation.
        confirmed_through: the last date the table is known to be right; after it the planner warns (LPR_STALE).
        source: where the figures come from.
    """

    entries: tuple[LprEntry, ...]
    confirmed_through: date
    source: str = ""
    _dates: tuple[date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rows = []
        for index, row in enumerate(self.entries):
            where = f"entries[{index}]"
            try:
                effective_from, one_year, five_year = row
                rows.append(
                    (
                        parse_date(effective_from, field="effective_from"),
                        _lpr_percent(one_year, "lpr_1y"),
                        _lpr_percent(five_year, "lpr_5y"),
                    )
                )
            except InvalidInput as err:
                raise err.at(where) from None
            except (TypeError, ValueError):
                raise InvalidInput("entries", "bad_file", repr(row), params=_ROW_SHAPE, where=where) from None
        if not rows:
            raise InvalidInput("entries", "empty", None)
        rows.sort(key=lambda r: r[0])
        for earlier, later in pairwise(rows):
            if earlier[0] == later[0]:
                raise InvalidInput("effective_from", "duplicate", later[0].isoformat())
        object.__setattr__(self, "entries", tuple(rows))
        object.__setattr__(self, "confirmed_through", parse_date(self.confirmed_through, field="confirmed_through"))
        object.__setattr__(self, "source", str(self.source))
        object.__setattr__(self, "_dates", tuple(r[0] for r in rows))

    @property
    def first_date(self) -> date:
        """Return the date of the first row (no LPR exists before it)."""
        return self._dates[0]

    def entry_on(self, day: date, *, field: str = "contract_date") -> LprEntry:
        """Return the row in force on ``day``.

        Args:
            day: the date looked up.
            field: the field named in the error (``"contract_date"``, ``"as_of"`` …).

        Raises:
            InvalidInput: ``out_of_range`` when ``day`` is before the first row (the LPR began on 2019-08-20).
        """
        day = parse_date(day, field=field)
        index = bisect_right(self._dates, day)
        if index == 0:
            params = {"low": self.first_date.isoformat(), "high": _LAST_DAY}
            raise InvalidInput(field, "out_of_range", day.isoformat(), params=params)
        return self.entries[index - 1]

    def one_year_on(self, day: date, *, field: str = "contract_date") -> Decimal:
        """Return the one-year LPR in percent a year in force on ``day`` (see :meth:`entry_on`)."""
        return self.entry_on(day, field=field)[1]

    def one_year_since(self, day: date, *, field: str = "contract_date") -> date:
        """Return the date from which the one-year LPR in force on ``day`` has applied without a change.

        Rows also record changes of the five-year rate alone, so the row in force is not always where the one-year
        rate began: 3.45 % applies from 2023-08-21, though a row dated 2024-02-20 (only the five-year rate moved)
        comes later.

        >>> load_lpr().one_year_since(date(2024, 3, 1))
        datetime.date(2023, 8, 21)
        """
        day = parse_date(day, field=field)
        rate = self.entry_on(day, field=field)[1]  # out_of_range before the first row
        index = bisect_right(self._dates, day) - 1
        while index > 0 and self.entries[index - 1][1] == rate:
            index -= 1
        return self.entries[index][0]

    def with_entry(self, effective_from: Any, lpr_1y: Any, lpr_5y: Any) -> LprTable:
        """Return a table with one more row; a row on the same date is replaced.

        The new row's date counts as confirmed: ``confirmed_through`` moves up to it when it is later.

        >>> table = load_lpr().with_entry("2026-05-20", "2.90", "3.40")
        >>> table.one_year_on(date(2026, 6, 1)), table.confirmed_through
        (Decimal('2.90'), datetime.date(2026, 5, 20))
        """
        day = parse_date(effective_from, field="effective_from")
        row = (day, _lpr_percent(lpr_1y, "lpr_1y"), _lpr_percent(lpr_5y, "lpr_5y"))
        rows = (*(r for r in self.entries if r[0] != day), row)
        return LprTable(rows, max(self.confirmed_through, day), self.source)


_ROW_SHAPE = {"reason": "lpr_row_shape"}


def _lpr_percent(value: Any, field_name: str) -> Decimal:
    number = to_decimal(value, field=field_name)
    if not 0 <= number <= 100:
        raise InvalidInput(field_name, "out_of_range", value, params={"low": 0, "high": 100})
    return number


_CONFIRMED = re.compile(r"^#\s*confirmed_through:\s*(\d{4}-\d{2}-\d{2})")
_SOURCE = re.compile(r"^#\s*source:\s*(.+?)\s*$")
_LPR_COLUMNS = ("effective_from", "lpr_1y", "lpr_5y")


def load_lpr(path: str | Path | None = None) -> LprTable:
    """Return the LPR table from ``path``, or the package's table when ``path`` is None.

    The file is UTF-8 CSV with the columns ``effective_from,lpr_1y,lpr_5y`` (percent a year) after comment lines
    starting with ``#``. A comment ``# confirmed_through: YYYY-MM-DD`` sets the confirmed date (without it, the last
    row's date) and ``# source: …`` the source (without it, the file name). The package table is read once and
    cached.

    Raises:
        InvalidInput: the file cannot be read, lacks a column, or has a bad row (located as ``"<file> row N"``).
    """
    return load_data_file(path, LPR_FILE, _parse_lpr)


def _parse_lpr(text: str, name: str) -> LprTable:
    lines = text.splitlines()
    confirmed: date | None = None
    source = ""
    data: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("#"):
            if match := _CONFIRMED.match(line.strip()):
                confirmed = parse_date(match.group(1), field="confirmed_through")
            elif match := _SOURCE.match(line.strip()):
                source = match.group(1)
        elif line.strip():
            data.append((number, line))
    if not data:
        raise InvalidInput("file", "empty", name)
    header = next(csv.reader([data[0][1]]))
    header = [h.strip() for h in header]
    missing = [c for c in _LPR_COLUMNS if c not in header]
    if missing:
        params = {"choices": ",".join(_LPR_COLUMNS)}
        raise InvalidInput(missing[0], "missing_column", None, params=params, where=name)
    rows: list[LprEntry] = []
    for number, line in data[1:]:
        values = dict(zip(header, (v.strip() for v in next(csv.reader([line]))), strict=False))
        try:
            rows.append(
                (
                    parse_date(values.get("effective_from"), field="effective_from"),
                    _lpr_percent(values.get("lpr_1y"), "lpr_1y"),
                    _lpr_percent(values.get("lpr_5y"), "lpr_5y"),
                )
            )
        except InvalidInput as err:
            where = f"{name} row {number}"
            raise err.at(where) from None
    if not rows:
        raise InvalidInput("file", "empty", name)
    last = max(r[0] for r in rows)
    return LprTable(tuple(rows), confirmed or last, source or name)

