"""Calendar arithmetic for schedules: due dates from an anchor, month keys, day counts.

Due dates are always computed from the anchor (``add_months(start, k)``), never from the previous due date, so a
plan starting on the 31st pays on the last day of shorter months and returns to the 31st afterwards. A start on
the last day of its month keeps every due date on a month end. Pure functions; the clock is never read.

Dates the planner accepts lie between :data:`FIRST_DATE` and :data:`LAST_DATE` (1900-01-01 … 2199-12-31): wide
enough for any contract or plan, and far enough from ``date.max`` (9999-12-31) that a schedule of up to 1200
months from any accepted date stays representable.
"""

from __future__ import annotations

import calendar
import re
from datetime import MAXYEAR, MINYEAR, date
from typing import Any

from planner.errors import InvalidInput

FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2199, 12, 31)
_RANGE = {"low": FIRST_DATE.isoformat(), "high": LAST_DATE.isoformat()}


def is_month_end(day: date) -> bool:
    """Return True when ``day`` is the last day of its month."""
    return day.day == calendar.monthrange(day.year, day.month)[1]


def add_months(anchor: date, months: int, *, field: str = "start") -> date:
    """Return the date ``months`` months after ``anchor``, keeping month ends.

    The day of the anchor is kept where the month has it; otherwise the month's last day is used. When the anchor
    is itself a month end, the result is the target month's last day.

    >>> add_months(date(2026, 1, 31), 1), add_months(date(2026, 1, 31), 2)
    (datetime.date(2026, 2, 28), datetime.date(2026, 3, 31))

    Raises:
        InvalidInput: ``out_of_range`` on ``field`` (the anchor) when the result would fall outside the calendar
            (before year 1 or after 9999); dates from :func:`parse_date` never get there.
    """
    index = anchor.year * 12 + anchor.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not MINYEAR <= year <= MAXYEAR:
        raise InvalidInput(field, "out_of_range", anchor.isoformat(), params=_RANGE)
    last = calendar.monthrange(year, month)[1]
    day = last if is_month_end(anchor) else min(anchor.day, last)
    return date(year, month, day)


def due_dates(start: date, count: int) -> list[date]:
    """Return ``count`` monthly due dates, the first one month after ``start``."""
    return [add_months(start, k) for k in range(1, count + 1)]


_WRITTEN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(value: Any, *, field: str) -> date:
    """Return a ``date`` between 1900-01-01 and 2199-12-31 from a ``date`` or text as people write it:
    ``2026-03-05``, ``2026-3-5``, ``2026/3/5``, ``2026.3.5`` or ``2026年3月5日``.

    Raises:
        InvalidInput: ``bad_date`` for anything else (datetimes included: the planner works in whole days);
            ``no_such_date`` for a day the month does not have (2026-02-30, with ``month`` and ``day``);
            ``out_of_range`` for a date outside :data:`FIRST_DATE` … :data:`LAST_DATE` (a typo such as 9999 or
            0202, which would otherwise overflow the calendar once months are added).
    """
    day: date | None = None
    if isinstance(value, date) and not hasattr(value, "hour"):
        day = value
    elif isinstance(value, str):
        match = _WRITTEN.match(value.strip())
        if match:
            year, month, number = (int(part) for part in match.groups())
            if 1 <= month <= 12 and number >= 1:
                if number > calendar.monthrange(year, month)[1]:
                    raise InvalidInput(field, "no_such_date", value, params={"month": month, "day": number})
                day = date(year, month, number)
    if day is None:
        raise InvalidInput(field, "required" if value in (None, "") else "bad_date", value)
    if not FIRST_DATE <= day <= LAST_DATE:
        shown = value if isinstance(value, str) else day.isoformat()
        raise InvalidInput(field, "out_of_range", shown, params=_RANGE)
    return day


_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")


def parse_month(value: Any, *, field: str) -> tuple[int, int]:
    """Return ``(year, month)`` from a month as people write it: ``2027-06``, ``2027/6``, ``2027.6``, ``2027年6月``.

    >>> parse_month("2027年6月", field="extras")
    (2027, 6)
    """
    if isinstance(value, str):
        found = _MONTH.fullmatch(value.strip())
        if found:
            year, month = int(found.group(1)), int(found.group(2))
            if 1900 <= year <= 9999 and 1 <= month <= 12:
                return year, month
    raise InvalidInput(field, "bad_month", value)


def months_between(start: date, end: date) -> int:
    """Return the whole months from ``start``'s month to ``end``'s month (calendar months, not days)."""
    return (end.year - start.year) * 12 + end.month - start.month
