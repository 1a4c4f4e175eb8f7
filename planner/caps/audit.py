"""The legal-cap audit: which interest cap applies to a debt, what it supports, and what is claimed above it.

The legal numbers are **data, not code**. Two files in ``planner/caps/data`` hold them, each with its source and dates:

* ``lpr_1y.csv`` — the one-year and five-year Loan Prime Rate (LPR, 贷款市场报价利率) since 2019-08-20, published
  monthly by the National Interbank Funding Center, with the date through which the table is confirmed;
* ``cap_rules.json`` — the cap rules by creditor kind, contract date and interest date:

  - private loans: 4 × the one-year LPR at contract formation (法释[2020]6号 of 2020-08-20, amended by
    法释[2020]17号, art. 25); for contracts formed before 2020-08-20, 24 % a year for interest up to 2020-08-19 and
    4 × the one-year LPR at the time the suit is filed afterwards (same, art. 31) — the planner uses the as-of date
    in place of the unknown filing date and says so in a finding;
  - banks, credit cards, consumer-finance companies, online platforms: 24 % total annual cost of interest, compound
    interest, penalty interest, liquidated damages and fees (法发[2017]22号, art. 2);
  - microloan companies: 24 % total cost as a guidance figure only, since 法释[2020]27号 (2020-12-29) takes them out
    of the private-lending rule.

Both can be replaced: :func:`load_lpr` and :func:`load_cap_rules` read a user's file of the same shape, and
:meth:`LprTable.with_entry` adds a newer LPR row. Every figure here is a planner estimate presented as information
with its source, never a court's conclusion; findings word it that way. How a cap is named depends on the rule:
only a confirmed legal rule (status "firm", nature "legal") is a 法定上限 / legal cap; an unconfirmed rule or a
guidance figure is a 参考上限 / reference cap. That wording lives in one place, :data:`CAP_WORDING`, reached through
:attr:`Cap.wording`.

Interest under a cap is simple interest on a 365-day year (courts' usual count for private loans; see
``../shared/reference/README.md`` §2), accrued unrounded and rounded half-up to the fen once per result with
:func:`planner.money.round_fen`.

This module is part of the pure core: it imports only the standard library and ``planner`` core modules (never
pandas, matplotlib or ipywidgets), uses ``Decimal`` only, and never reads the clock.
"""

from __future__ import annotations

import csv
import json
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

from planner.dates import parse_date
from planner.domain.case import Case
from planner.domain.model import CreditorKind, Debt
from planner.errors import InvalidInput, fill
from planner.findings import Finding, Severity
from planner.money import ZERO, Money, money, round_fen, to_decimal, yuan
from planner.rates import DayCount, Rate

LPR_FILE = "lpr_1y.csv"
RULES_FILE = "cap_rules.json"
_DAYS_IN_YEAR = Decimal(365)
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_ONE_DAY = timedelta(days=1)
_LAST_DAY = "9999-12-31"
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


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

    def with_entry(self, effective_from: Any, lpr_1y: Any, lpr_5y: Any) -> LprTable:
        """Return a table with one more row; a row on the same date is replaced.

        The new row's date counts as confirmed: ``confirmed_through`` moves up to it when it is later.

        >>> table = load_lpr().with_entry("2026-02-20", "2.90", "3.40")
        >>> table.one_year_on(date(2026, 3, 1)), table.confirmed_through
        (Decimal('2.90'), datetime.date(2026, 2, 20))
        """
        day = parse_date(effective_from, field="effective_from")
        row = (day, _lpr_percent(lpr_1y, "lpr_1y"), _lpr_percent(lpr_5y, "lpr_5y"))
        rows = (*(r for r in self.entries if r[0] != day), row)
        return LprTable(rows, max(self.confirmed_through, day), self.source)


_ROW_SHAPE = {
    "reason": "an LPR row must be (effective_from, lpr_1y, lpr_5y)",
    "fix": "give three values per row",
    "fix_zh": "每行应有三项：生效日期、一年期LPR、五年期LPR",
}


def _lpr_percent(value: Any, field_name: str) -> Decimal:
    number = to_decimal(value, field=field_name)
    if not 0 <= number <= 100:
        raise InvalidInput(field_name, "out_of_range", value, params={"low": 0, "high": 100})
    return number


_T = TypeVar("_T")

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
    return _load(path, LPR_FILE, _parse_lpr)


def _load(path: str | Path | None, package_file: str, parse: Callable[[str, str], _T]) -> _T:
    """Parse ``path``, or the package's data file (read once per process) when ``path`` is None."""
    if path is None:
        return _package_data(package_file, parse)
    file = Path(path)
    return parse(_read_text(file), file.name)


@cache
def _package_data(package_file: str, parse: Callable[[str, str], _T]) -> _T:
    text = resources.files("planner.caps").joinpath("data", package_file).read_text(encoding="utf-8")
    return parse(text, package_file)


def _read_text(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8-sig")
    except OSError as err:
        reason = err.strerror or type(err).__name__
        params = {"reason": reason, "fix": "check the path", "fix_zh": "请检查文件路径"}
        raise InvalidInput("file", "bad_file", str(file), params=params) from None
    except UnicodeDecodeError:
        params = {"reason": "not UTF-8 text", "fix": "save it as UTF-8", "fix_zh": "请另存为 UTF-8 编码"}
        raise InvalidInput("file", "bad_file", str(file), params=params) from None


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


# --------------------------------------------------------------------------------------------------------------
# Cap rules


class CapScope(StrEnum):
    """What a cap limits."""

    INTEREST_AND_CHARGES = "interest-and-charges"  # private loans: interest, overdue interest, damages, fees together
    TOTAL_COST = "total-cost"  # financial loans: interest + compound + penalty interest + damages + fees a year


class RuleStatus(StrEnum):
    """How sure the reference is of a rule (``../shared/reference/README.md`` tags)."""

    FIRM = "firm"  # well established and widely cited
    CHECK = "check"  # believed right, not confirmed from the primary text: show it as editable data


class CapNature(StrEnum):
    """What kind of figure a rule's cap is."""

    LEGAL = "legal"  # a limit set by law or a judicial interpretation / opinion
    GUIDANCE = "guidance"  # a reference figure borrowed or recommended, not a limit binding on this creditor


@dataclass(frozen=True, slots=True)
class CapWording:
    """How findings and outputs name a cap and what they say it may support.

    These are the only status-dependent texts (see :data:`CAP_WORDING`); the templates use ``{what}``, ``{rate}``,
    ``{cap}`` (percent) and ``{source}``.

    Attributes:
        legal: True for a confirmed legal cap, False for a reference (guidance or unconfirmed) figure.
        label_zh / label_en: the cap's name inside a sentence ("法定上限" / "legal cap").
        heading_zh / heading_en: the name as a heading ("法定利率上限" / "Legal cap").
        named_zh / named_en: the name with the figure ("法定上限（15.4%）").
        rate_above_zh / rate_above_en: the sentence of RATE_ABOVE_CAP and PENALTY_RATE_ABOVE_CAP.
        use_zh / use_en: what an excess above the cap may be used for, with the source (CHARGES_ABOVE_CAP).
    """

    legal: bool
    label_zh: str
    label_en: str
    heading_zh: str
    heading_en: str
    named_zh: str
    named_en: str
    rate_above_zh: str
    rate_above_en: str
    use_zh: str
    use_en: str


LEGAL_WORDING = CapWording(
    legal=True,
    label_zh="法定上限",
    label_en="legal cap",
    heading_zh="法定利率上限",
    heading_en="Legal cap",
    named_zh="法定上限（{cap}%）",
    named_en="legal cap ({cap}%)",
    rate_above_zh="{what} {rate}% 高于上限 {cap}%；依据{source}，可请求调减超出部分。",
    rate_above_en="{what} of {rate}% is above the {cap}% cap; under {source} a reduction of the part above it may be "
    "requested.",
    use_zh="依据{source}，可据此申请减免",
    use_en="under {source} this is a basis for a waiver request",
)
REFERENCE_WORDING = CapWording(
    legal=False,
    label_zh="参考上限（仅供参考，未经确认）",
    label_en="reference cap (guidance, unconfirmed)",
    heading_zh="参考利率上限（仅供参考，未经确认）",
    heading_en="Reference cap (guidance, unconfirmed)",
    named_zh="参考上限（{cap}%，仅供参考，未经确认）",
    named_en="reference cap ({cap}%; guidance, unconfirmed)",
    rate_above_zh="{what} {rate}% 高于参考上限 {cap}%（仅供参考，未经确认）；可作为协商减免的参考依据（依据{source}，"
    "该规则尚待核实）。",
    rate_above_en="{what} of {rate}% is above the {cap}% reference cap (guidance, unconfirmed); it may serve as a "
    "reference point when negotiating a waiver (under {source}; the rule is still to be checked).",
    use_zh="可作为协商减免的参考依据（依据{source}，该规则尚待核实）",
    use_en="this may serve as a reference point when negotiating a waiver (under {source}; the rule is still to be "
    "checked)",
)
CAP_WORDING = {True: LEGAL_WORDING, False: REFERENCE_WORDING}
"""The wording by whether a cap is a confirmed legal cap (status "firm" and nature "legal")."""


class LprOn(StrEnum):
    """Which date's one-year LPR an LPR-based cap uses."""

    CONTRACT_DATE = "contract_date"  # 法释[2020]6号 art. 25: at contract formation
    AS_OF = "as_of"  # art. 31: when the suit is filed; the planner's as-of date stands in for it


@dataclass(frozen=True, slots=True)
class CapNote:
    """An information note a rule carries; it becomes a finding whenever the rule applies.

    In a :class:`CapRule` the messages are templates (``{cap}``, ``{lpr}`` …); in a :class:`Cap` they are filled.
    """

    code: str
    severity: Severity
    message_zh: str
    message_en: str


@dataclass(frozen=True, slots=True)
class CapRule:
    """One cap rule as read from ``cap_rules.json``; all date bounds are inclusive, None is open-ended.

    Exactly one of ``percent`` and ``lpr_multiple`` is set; ``lpr_on`` goes with ``lpr_multiple``.
    """

    id: str
    applies_to: frozenset[CreditorKind]
    contract_from: date | None
    contract_to: date | None
    interest_from: date | None
    interest_to: date | None
    percent: Decimal | None
    lpr_multiple: Decimal | None
    lpr_on: LprOn | None
    scope: CapScope
    basis_zh: str
    basis_en: str
    source: str
    status: RuleStatus
    notes: tuple[CapNote, ...] = ()
    nature: CapNature = CapNature.LEGAL

    def __post_init__(self) -> None:
        if (self.percent is None) == (self.lpr_multiple is None) or (self.lpr_multiple is None) != (
            self.lpr_on is None
        ):
            raise InvalidInput("cap", "unknown_choice", self.id, params={"choices": _CAP_SHAPES})

    def covers_contract(self, day: date) -> bool:
        """Return True when a contract formed on ``day`` falls under the rule's contract dates."""
        return _within(day, self.contract_from, self.contract_to)

    def covers_interest(self, day: date) -> bool:
        """Return True when interest accruing on ``day`` falls under the rule's interest dates."""
        return _within(day, self.interest_from, self.interest_to)

    def applies(self, kind: CreditorKind, contract_date: date, day: date) -> bool:
        """Return True when the rule governs interest on ``day`` for a ``kind`` contract formed on ``contract_date``."""
        return kind in self.applies_to and self.covers_contract(contract_date) and self.covers_interest(day)


def _within(day: date, low: date | None, high: date | None) -> bool:
    return (low is None or low <= day) and (high is None or day <= high)


def _next_day(day: date | None) -> date | None:
    return None if day is None or day == date.max else day + _ONE_DAY


@dataclass(frozen=True, slots=True)
class CapRules:
    """The cap rules, checked on creation: every creditor kind has exactly one rule for every contract date and
    every interest date.

    Attributes:
        rules: the rules in file order.
        source: where they were read from.
    """

    rules: tuple[CapRule, ...]
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", tuple(self.rules))
        ids = [r.id for r in self.rules]
        for rule_id in ids:
            if ids.count(rule_id) > 1:
                raise InvalidInput("id", "duplicate", rule_id, where=self.source)
        for kind in CreditorKind:
            self._check_coverage(kind)

    def _check_coverage(self, kind: CreditorKind) -> None:
        # Rules are constant between their bounds, so checking every bound (and the earliest date) checks all dates.
        own = [r for r in self.rules if kind in r.applies_to]
        contract_points = {date.min} | {d for r in own for d in (r.contract_from, _next_day(r.contract_to)) if d}
        for contract_day in sorted(contract_points):
            matching = [r for r in own if r.covers_contract(contract_day)]
            points = {date.min} | {d for r in matching for d in (r.interest_from, _next_day(r.interest_to)) if d}
            for day in sorted(points):
                hits = [r.id for r in matching if r.covers_interest(day)]
                if len(hits) != 1:
                    reason = (
                        f"{len(hits)} rules ({', '.join(hits) or 'none'}) cover {kind.value} contracts formed "
                        f"{contract_day.isoformat()} for interest on {day.isoformat()}; exactly one must"
                    )
                    params = {
                        "reason": reason,
                        "fix": "make the rules' date ranges meet without gaps or overlaps",
                        "fix_zh": "请调整各规则的日期范围，使其既不重叠也不留空档",
                    }
                    raise InvalidInput("file", "bad_file", self.source or "cap rules", params=params)

    def rule_for(self, kind: CreditorKind, contract_date: date, day: date) -> CapRule:
        """Return the rule governing interest on ``day`` for a ``kind`` contract formed on ``contract_date``."""
        for rule in self.rules:
            if rule.applies(kind, contract_date, day):
                return rule
        # Unreachable for a CapRules that passed its coverage check.
        msg = f"no cap rule for {kind.value} on {day.isoformat()}"
        raise AssertionError(msg)

    def changes(self, kind: CreditorKind, contract_date: date) -> tuple[date, ...]:
        """Return the dates on which the rule for a ``kind`` contract formed on ``contract_date`` changes."""
        days = set()
        for rule in self.rules:
            if kind in rule.applies_to and rule.covers_contract(contract_date):
                days.update(d for d in (rule.interest_from, _next_day(rule.interest_to)) if d)
        return tuple(sorted(days))


def load_cap_rules(path: str | Path | None = None) -> CapRules:
    """Return the cap rules from ``path`` (JSON), or the package's rules when ``path`` is None.

    The file is an object with a ``rules`` list (or the list itself); see ``planner/caps/data/cap_rules.json`` for the
    fields. Decimal values are strings. The package rules are read once and cached.

    Raises:
        InvalidInput: unreadable JSON, a bad field (located as ``"<file> rules[i]"``), or rules that leave a gap or
        overlap for some creditor kind and date.
    """
    return _load(path, RULES_FILE, _parse_rules)


def _parse_rules(text: str, name: str) -> CapRules:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        params = {"reason": f"invalid JSON at line {err.lineno}", "fix": "fix the JSON syntax", "fix_zh": "请修正 JSON 语法"}
        raise InvalidInput("file", "bad_file", name, params=params) from None
    items = document.get("rules") if isinstance(document, dict) else document
    if not isinstance(items, list) or not items:
        raise InvalidInput("rules", "empty", None, where=name)
    rules = []
    for index, item in enumerate(items):
        try:
            rules.append(_parse_rule(item))
        except InvalidInput as err:
            where = f"{name} rules[{index}]"
            raise err.at(where) from None
    return CapRules(tuple(rules), name)


def _parse_rule(item: Any) -> CapRule:
    if not isinstance(item, dict):
        raise InvalidInput("rules", "bad_file", item, params=_OBJECT_NEEDED)
    kinds = item.get("applies_to")
    if not isinstance(kinds, list) or not kinds:
        raise InvalidInput("applies_to", "empty", kinds)
    applies_to = frozenset(_kind(k) for k in kinds)
    contract_from, contract_to = _date_range(item.get("contract_dates"), "contract_dates")
    interest_from, interest_to = _date_range(item.get("interest_dates"), "interest_dates")
    cap = item.get("cap")
    if not isinstance(cap, dict) or ("percent" in cap) == ("lpr_multiple" in cap):
        raise InvalidInput("cap", "unknown_choice", cap, params={"choices": _CAP_SHAPES})
    percent = lpr_multiple = None
    lpr_on = None
    if "percent" in cap:
        percent = _positive(cap["percent"], "percent")
    else:
        lpr_multiple = _positive(cap["lpr_multiple"], "lpr_multiple")
        lpr_on = _enum(LprOn, cap.get("lpr_on"), "lpr_on")
    notes = item.get("notes") or []
    if not isinstance(notes, list):
        raise InvalidInput("notes", "bad_file", notes, params=_OBJECT_NEEDED)
    return CapRule(
        id=_required_text(item, "id"),
        applies_to=applies_to,
        contract_from=contract_from,
        contract_to=contract_to,
        interest_from=interest_from,
        interest_to=interest_to,
        percent=percent,
        lpr_multiple=lpr_multiple,
        lpr_on=lpr_on,
        scope=_enum(CapScope, item.get("scope"), "scope"),
        basis_zh=_required_text(item, "basis_zh"),
        basis_en=_required_text(item, "basis_en"),
        source=_required_text(item, "source"),
        status=_enum(RuleStatus, item.get("status"), "status"),
        notes=tuple(_parse_note(n) for n in notes),
        nature=_enum(CapNature, item.get("nature", CapNature.LEGAL.value), "nature"),
    )


_OBJECT_NEEDED = {"reason": "a JSON object is expected", "fix": "see planner/caps/data/cap_rules.json", "fix_zh": "请参照 planner/caps/data/cap_rules.json"}
_CAP_SHAPES = '{"percent": "24"} or {"lpr_multiple": "4", "lpr_on": "contract_date"|"as_of"}'


def _parse_note(item: Any) -> CapNote:
    if not isinstance(item, dict):
        raise InvalidInput("notes", "bad_file", item, params=_OBJECT_NEEDED)
    return CapNote(
        code=_required_text(item, "code"),
        severity=_enum(Severity, item.get("severity"), "severity"),
        message_zh=_required_text(item, "message_zh"),
        message_en=_required_text(item, "message_en"),
    )


def _required_text(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(key, "required", value)
    return value.strip()


def _date_range(value: Any, key: str) -> tuple[date | None, date | None]:
    if value is None:
        return None, None
    if not isinstance(value, dict):
        raise InvalidInput(key, "bad_file", value, params=_OBJECT_NEEDED)
    from_field, to_field = f"{key}.from", f"{key}.to"
    low = None if value.get("from") is None else parse_date(value["from"], field=from_field)
    high = None if value.get("to") is None else parse_date(value["to"], field=to_field)
    if low and high and high < low:
        raise InvalidInput(to_field, "date_order", high.isoformat(), params={"other": from_field})
    return low, high


def _positive(value: Any, key: str) -> Decimal:
    number = to_decimal(value, field=key)
    if number <= 0:
        raise InvalidInput(key, "not_positive", value)
    return number


def _enum(enum: type[StrEnum], value: Any, key: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(m.value for m in enum)  # type: ignore[attr-defined]
        raise InvalidInput(key, "unknown_choice", value, params={"choices": choices}) from None


def _kind(value: Any) -> CreditorKind:
    return _enum(CreditorKind, value.strip() if isinstance(value, str) else value, "kind")  # type: ignore[no-any-return]


# --------------------------------------------------------------------------------------------------------------
# Caps and legal interest


@dataclass(frozen=True, slots=True)
class Cap:
    """The cap that applies to one contract on one date.

    Attributes:
        rate: the cap as an annual rate on a 365-day year.
        rule_id: the id of the rule in ``cap_rules.json``.
        scope: what the cap limits (interest and charges together, or the total annual cost).
        basis_zh: the rule and how the figure was reached, in Chinese.
        basis_en: the same in English.
        source: the document relied on (name, number, date, article), in Chinese.
        status: "firm" or "check" (unconfirmed: show as editable data).
        lpr_date: for an LPR-based cap, the date whose one-year LPR was used; else None.
        lpr_1y: that one-year LPR in percent a year; else None.
        notes: the rule's notes, filled in; they become findings.
        nature: "legal" or "guidance" (a reference figure, not a limit binding on this creditor).
    """

    rate: Rate
    rule_id: str
    scope: CapScope
    basis_zh: str
    basis_en: str
    source: str
    status: RuleStatus
    lpr_date: date | None = None
    lpr_1y: Decimal | None = None
    notes: tuple[CapNote, ...] = ()
    nature: CapNature = CapNature.LEGAL

    @property
    def percent(self) -> Decimal:
        """Return the cap in percent a year."""
        return self.rate.percent_per_year

    @property
    def is_legal(self) -> bool:
        """Return True for a confirmed legal cap: status "firm" and nature "legal"."""
        return self.status is RuleStatus.FIRM and self.nature is CapNature.LEGAL

    @property
    def wording(self) -> CapWording:
        """Return how to name this cap: 法定上限 / legal cap, or 参考上限 / reference cap (see :data:`CAP_WORDING`)."""
        return CAP_WORDING[self.is_legal]


@dataclass(frozen=True, slots=True)
class CapPeriod:
    """A stretch of days ``[start, end)`` (end exclusive) under one cap."""

    start: date
    end: date
    cap: Cap

    @property
    def days(self) -> int:
        """Return the number of days in the period."""
        return (self.end - self.start).days


def percent_text(value: Decimal) -> str:
    """Return a percentage as text with exactly two places, rounded half up: the detail and JSON form.

    >>> percent_text(Decimal("15.4")), percent_text(Decimal("3.845")), percent_text(Decimal(24))
    ('15.40', '3.85', '24.00')
    """
    return f"{value.quantize(_CENT, rounding=ROUND_HALF_UP):f}"


def _pct(value: Decimal) -> str:
    """Return a percentage for reading: 15.4, 24, 3.85 (never exponent notation)."""
    return f"{value.normalize():f}"


def _make_cap(rule: CapRule, contract_date: date, as_of: date, lpr: LprTable) -> Cap:
    values = {"as_of": as_of.isoformat(), "contract_date": contract_date.isoformat()}
    lpr_date = lpr_1y = None
    if rule.lpr_multiple is None:
        percent = rule.percent or Decimal(0)  # CapRule guarantees percent is set when lpr_multiple is not
    else:
        by_contract = rule.lpr_on is LprOn.CONTRACT_DATE
        lpr_date = contract_date if by_contract else as_of
        effective_from, lpr_1y, _ = lpr.entry_on(lpr_date, field="contract_date" if by_contract else "as_of")
        percent = rule.lpr_multiple * lpr_1y
        values |= {
            "multiple": _pct(rule.lpr_multiple),
            "lpr": percent_text(lpr_1y),  # LPR is quoted with two decimals: 3.85, 3.00
            "lpr_date": lpr_date.isoformat(),
            "lpr_from": effective_from.isoformat(),
        }
    values["cap"] = _pct(percent)
    notes = tuple(
        CapNote(n.code, n.severity, fill(n.message_zh, values), fill(n.message_en, values)) for n in rule.notes
    )
    return Cap(
        rate=Rate(percent, DayCount.ACT_365),
        rule_id=rule.id,
        scope=rule.scope,
        basis_zh=fill(rule.basis_zh, values),
        basis_en=fill(rule.basis_en, values),
        source=rule.source,
        status=rule.status,
        lpr_date=lpr_date,
        lpr_1y=lpr_1y,
        notes=notes,
        nature=rule.nature,
    )


def cap_for(
    kind: CreditorKind | str,
    contract_date: date | str,
    *,
    on: date | str,
    lpr: LprTable | None = None,
    rules: CapRules | None = None,
) -> Cap:
    """Return the cap in force on ``on`` for a ``kind`` contract formed on ``contract_date``.

    ``on`` is also the as-of date: rules that look up the LPR "when the suit is filed" use the LPR on ``on``.

    Args:
        kind: the creditor kind.
        contract_date: the date the contract was formed.
        on: the date the cap is wanted for (the as-of date).
        lpr: the LPR table; the package's table by default.
        rules: the cap rules; the package's rules by default.

    Raises:
        InvalidInput: an unknown kind, a bad date, or an LPR-based cap needing the LPR before the table begins.

    >>> cap_for("private", date(2021, 3, 1), on=date(2022, 3, 1)).percent
    Decimal('15.40')
    """
    lpr = load_lpr() if lpr is None else lpr
    rules = load_cap_rules() if rules is None else rules
    kind = _kind(kind)
    contract_date = parse_date(contract_date, field="contract_date")
    on = parse_date(on, field="as_of")
    return _make_cap(rules.rule_for(kind, contract_date, on), contract_date, on, lpr)


def cap_periods(
    kind: CreditorKind | str,
    contract_date: date | str,
    start: date | str,
    end: date | str,
    *,
    on: date | str,
    lpr: LprTable | None = None,
    rules: CapRules | None = None,
) -> tuple[CapPeriod, ...]:
    """Split the days ``[start, end)`` where the applicable rule changes, each with its cap.

    For a private loan formed before 2020-08-20, a span across 2020-08-20 gives two periods: 24 % up to
    2020-08-19, then 4 × the one-year LPR on ``on`` (standing in for the suit-filing date). Other contracts give
    one period. ``start == end`` gives no period.

    Raises:
        InvalidInput: ``end`` before ``start``, or as :func:`cap_for`.
    """
    lpr = load_lpr() if lpr is None else lpr
    rules = load_cap_rules() if rules is None else rules
    kind = _kind(kind)
    contract_date = parse_date(contract_date, field="contract_date")
    start = parse_date(start, field="start")
    end = parse_date(end, field="end")
    on = parse_date(on, field="as_of")
    if end < start:
        raise InvalidInput("end", "date_order", end.isoformat(), params={"other": "start"})
    bounds = [start, *(d for d in rules.changes(kind, contract_date) if start < d < end), end]
    return tuple(
        CapPeriod(a, b, _make_cap(rules.rule_for(kind, contract_date, a), contract_date, on, lpr))
        for a, b in pairwise(bounds)
        if a < b
    )


def _interest_over(principal: Decimal, periods: tuple[CapPeriod, ...]) -> Money:
    # Simple interest at each period's cap, summed unrounded, rounded half-up to the fen once.
    exact = sum(
        (principal * p.cap.percent * p.days / (_HUNDRED * _DAYS_IN_YEAR) for p in periods),
        Decimal(0),
    )
    return round_fen(exact)


def legal_interest(
    principal: Decimal | str | int,
    kind: CreditorKind | str,
    contract_date: date | str,
    start: date | str,
    end: date | str,
    *,
    on: date | str,
    lpr: LprTable | None = None,
    rules: CapRules | None = None,
) -> Money:
    """Return the most interest the caps support on ``principal`` over ``[start, end)``.

    Notes:
        interest = Σ over :func:`cap_periods` of principal × cap % / 100 × days / 365, summed unrounded and rounded
        half-up to the fen once (:func:`planner.money.round_fen`). Days = (end − start).days; ``start == end``
        gives 0.00. Simple interest: the caps do not compound.

    Raises:
        InvalidInput: a negative or non-numeric principal, ``end`` before ``start``, or as :func:`cap_for`.

    >>> legal_interest("100000", "private", date(2021, 3, 1), date(2021, 3, 1), date(2022, 3, 1), on=date(2022, 3, 1))
    Decimal('15400.00')
    """
    amount = money(principal, field="principal")
    return _interest_over(amount, cap_periods(kind, contract_date, start, end, on=on, lpr=lpr, rules=rules))


# --------------------------------------------------------------------------------------------------------------
# Findings


def _yuan(amount: Decimal) -> str:
    return f"{round_fen(amount):,}"


def _situation_findings(
    subject: str,
    contract_date: date,
    as_of: date,
    caps: list[Cap],
    lpr: LprTable,
) -> list[Finding]:
    """Findings about the dates, the data and the rules applied, common to debts and quick checks."""
    findings = []
    if contract_date > as_of:
        c, a = contract_date.isoformat(), as_of.isoformat()
        findings.append(
            Finding(
                "CONTRACT_AFTER_AS_OF",
                Severity.ERROR,
                subject,
                f"合同日期 {c} 晚于测算基准日 {a}：请检查这两个日期；在合同成立前无法测算上限内的利息。",
                f"The contract date {c} is after the as-of date {a}: check both dates; no capped interest can be "
                "estimated before the contract exists.",
            )
        )
    distinct: list[Cap] = []
    for cap in caps:
        if all(cap.rule_id != other.rule_id for other in distinct):
            distinct.append(cap)
    for cap in distinct:
        findings.extend(Finding(n.code, n.severity, subject, n.message_zh, n.message_en, cap.source) for n in cap.notes)
    for cap in distinct:
        if cap.status is RuleStatus.CHECK:
            findings.append(
                Finding(
                    "RULE_UNCONFIRMED",
                    Severity.INFO,
                    subject,
                    f"所用规则“{cap.rule_id}”（上限 {_pct(cap.percent)}%）尚未依原文核实：请把它当作可修改的数据，"
                    f"并以原文为准：{cap.source}",
                    f"The rule applied, '{cap.rule_id}' ({_pct(cap.percent)}% cap), is not confirmed from the "
                    f"primary text: treat it as editable data and check the source: {cap.source}",
                    cap.source,
                    (("cap_rate_percent", percent_text(cap.percent)),),
                )
            )
    if as_of > lpr.confirmed_through:
        lpr_dates = [c.lpr_date for c in distinct if c.lpr_date is not None]
        findings.append(_stale_finding(as_of, lpr, relied=any(d > lpr.confirmed_through for d in lpr_dates)))
    return findings


def _stale_finding(as_of: date, lpr: LprTable, *, relied: bool) -> Finding:
    """LPR_STALE about the data: the as-of date is after the LPR table's confirmed date.

    A warning when a cap relied on an LPR dated after ``confirmed_through`` (``relied``), information otherwise.
    Subject, message, source and detail depend only on the table and the as-of date, so the findings of all debts
    audited on one date are equal (one warning and / or one information) and a listing can show each once.
    """
    confirmed, day = lpr.confirmed_through.isoformat(), as_of.isoformat()
    detail: tuple[tuple[str, str], ...] = (("confirmed_through", confirmed), ("as_of", day))
    if as_of >= lpr.first_date:  # the table's (unconfirmed) one-year LPR on the as-of date
        detail += (("lpr_1y_percent", percent_text(lpr.one_year_on(as_of, field="as_of"))),)
    if relied:
        return Finding(
            "LPR_STALE",
            Severity.WARNING,
            "data",
            f"LPR 数据只核实到 {confirmed}，测算基准日 {day} 晚于此日期（数据可能已过时），而上限用到了 {confirmed} "
            "之后的一年期 LPR：此后若 LPR 有调整，上限会不同。请核对最新的一年期 LPR，必要时添加数据行。",
            f"The LPR data is confirmed only through {confirmed} and the as-of date {day} is later (the data may be "
            f"stale), and the cap uses a one-year LPR dated after {confirmed}: if the LPR has changed since, the cap "
            "differs. Check the latest one-year LPR and add a row if needed.",
            lpr.source,
            detail,
        )
    return Finding(
        "LPR_STALE",
        Severity.INFO,
        "data",
        f"LPR 数据只核实到 {confirmed}，测算基准日 {day} 晚于此日期（数据可能已过时）；这里的上限没有用到 {confirmed} "
        "之后的一年期 LPR，不受影响。需要按更新的 LPR 测算时，请核对最新数据，必要时添加数据行。",
        f"The LPR data is confirmed only through {confirmed} and the as-of date {day} is later (the data may be "
        f"stale); the cap here uses no one-year LPR dated after {confirmed}, so it is not affected. Check the latest "
        "LPR and add a row before relying on a newer one.",
        lpr.source,
        detail,
    )


def _rate_finding(code: str, subject: str, percent: Decimal, cap: Cap, what_zh: str, what_en: str) -> Finding:
    wording = cap.wording
    values = {"rate": _pct(percent), "cap": _pct(cap.percent), "source": cap.source}
    return Finding(
        code,
        Severity.WARNING,
        subject,
        fill(wording.rate_above_zh, {"what": what_zh, **values}),
        fill(wording.rate_above_en, {"what": what_en, **values}),
        cap.source,
        (("rate_percent", percent_text(percent)), ("cap_rate_percent", percent_text(cap.percent))),
    )


def _charges_finding(
    subject: str, caps: list[Cap], start: date, days: int, principal: Decimal, claimed: Decimal, supportable: Decimal
) -> Finding:
    """CHARGES_ABOVE_CAP; ``caps[0]`` is the cap named, the others the window's; a reference cap among them makes
    the whole finding use the reference wording."""
    cap = caps[0]
    wording = CAP_WORDING[all(c.is_legal for c in caps)]
    excess = claimed - supportable
    s = start.isoformat()
    values = {"cap": _pct(cap.percent), "source": cap.source}
    named_zh, named_en = fill(wording.named_zh, values), fill(wording.named_en, values)
    use_zh, use_en = fill(wording.use_zh, values), fill(wording.use_en, values)
    return Finding(
        "CHARGES_ABOVE_CAP",
        Severity.WARNING,
        subject,
        f"主张的利息及费用 ¥{_yuan(claimed)}，高于按{named_zh}对本金 ¥{_yuan(principal)} 自 {s} 起 {days} 天测算的 "
        f"¥{_yuan(supportable)}，超出 ¥{_yuan(excess)}；{use_zh}。（本工具测算，不是法院认定的金额。）",
        f"The interest and charges claimed, ¥{_yuan(claimed)}, are above the ¥{_yuan(supportable)} the {named_en} "
        f"supports on ¥{_yuan(principal)} over {days} days from {s}, by ¥{_yuan(excess)}; {use_en}. (A planner "
        "estimate, not a court's figure.)",
        cap.source,
        (
            ("supportable", yuan(supportable)),
            ("claimed", yuan(claimed)),
            ("excess", yuan(excess)),
            ("cap_rate_percent", percent_text(cap.percent)),
            ("days", str(days)),
        ),
    )


def _window_empty_finding(subject: str, start: date, as_of: date, claimed: Decimal) -> Finding:
    """WINDOW_EMPTY: the overdue date is after the as-of date, so no cap comparison is possible (excess 0)."""
    s, a = start.isoformat(), as_of.isoformat()
    return Finding.of(
        "WINDOW_EMPTY",
        Severity.WARNING,
        subject,
        f"逾期起始日 {s} 晚于测算基准日 {a}，测算区间为空：无法把主张的利息及费用 ¥{_yuan(claimed)} 与上限比较，"
        "超出上限的部分按 0 计（不作为减免依据）。请检查逾期起始日，可能是年份输错。",
        f"The overdue date {s} is after the as-of date {a}, so the window is empty and the charges claimed "
        f"(¥{_yuan(claimed)}) cannot be compared with the cap: the excess is taken as 0 (no basis for a waiver). "
        "Check the overdue date; the year may be mistyped.",
        window_start=s,
        as_of=a,
        claimed=yuan(claimed),
    )


def _ordered(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: _SEVERITY_ORDER[f.severity]))


# --------------------------------------------------------------------------------------------------------------
# Audits


@dataclass(frozen=True, slots=True)
class CapAudit:
    """The cap audit of one debt on one as-of date — a planner estimate, not a court's figure.

    Definitions:
        claimed: ``debt.charges`` — accrued interest + penalty interest + liquidated damages + other fees, all
            unpaid on the as-of date.
        window: ``[window_start, as_of)`` with ``window_start = debt.overdue_since or debt.contract_date`` (charges
            before default are taken as paid); empty when ``window_start`` is not before ``as_of``.
        supportable: :func:`legal_interest` on ``debt.outstanding_principal`` over the window, at the cap of each
            period (the cap may change inside the window, see :func:`cap_periods`).
        excess: ``max(0, claimed − supportable)`` — the basis of a waiver request (减免超出上限部分); 0 when
            ``window_start`` is after ``as_of`` (a date after the as-of date, usually mistyped: nothing can be
            compared, and the claimed charges are not an excess; finding WINDOW_EMPTY or CONTRACT_AFTER_AS_OF).
            A window starting on the as-of date itself has 0 days and supports 0.

    Attributes:
        debt_id: the debt audited.
        cap: the cap in force on the as-of date.
        periods: the window split where the rule changes.
        window_start: the first day of the window.
        as_of: the as-of date (the window's exclusive end).
        supportable: see above.
        claimed: see above.
        excess: see above; never negative.
        cost_rate_percent: the contract's comprehensive annual cost, ``debt.cost_rate_percent``.
        findings: what to notice, errors first.
    """

    debt_id: str
    cap: Cap
    periods: tuple[CapPeriod, ...]
    window_start: date
    as_of: date
    supportable: Money
    claimed: Money
    excess: Money
    cost_rate_percent: Decimal
    findings: tuple[Finding, ...]

    @property
    def window_days(self) -> int:
        """Return the number of days in the window (0 when empty)."""
        return sum(p.days for p in self.periods)


def audit_debt(
    debt: Debt, as_of: date | str, *, lpr: LprTable | None = None, rules: CapRules | None = None
) -> CapAudit:
    """Return the cap audit of ``debt`` on ``as_of`` (see :class:`CapAudit` for the definitions).

    Findings: CONTRACT_AFTER_AS_OF (error); WINDOW_EMPTY (warning: the overdue date is after the as-of date, so
    the window is empty, no cap comparison is possible and the excess is 0 — check the date; not repeated when
    the contract date itself is after the as-of date, which CONTRACT_AFTER_AS_OF reports and which also gives an
    excess of 0); RATE_ABOVE_CAP (contract rate + fee rate above the cap);
    PENALTY_RATE_ABOVE_CAP; CHARGES_ABOVE_CAP (excess > 0, with supportable / claimed / excess); the rule's notes
    (PRIVATE_TRANSITION, MICROLOAN_RULE); RULE_UNCONFIRMED (a rule tagged "check"); LPR_STALE (subject "data")
    whenever the as-of date is after the LPR table's ``confirmed_through`` (the data may be stale) — a warning when
    a cap used an LPR dated after that date (the as-of LPR of the 2020-08-20 transition, or a recent contract
    date), information otherwise (a confirmed LPR, or a cap such as the 24 % rules that uses none). Its wording and
    detail (``confirmed_through``, ``as_of``, ``lpr_1y_percent`` — the table's LPR on the as-of date) depend only
    on the table and the as-of date, so equal findings of several debts can be shown once. The rate and charges
    findings name the cap by :attr:`Cap.wording`: a legal cap, or a reference cap (guidance, unconfirmed).

    Raises:
        InvalidInput: a bad as-of date, or an LPR-based cap needing the LPR before the table begins.
    """
    lpr = load_lpr() if lpr is None else lpr
    rules = load_cap_rules() if rules is None else rules
    as_of = parse_date(as_of, field="as_of")
    cap = cap_for(debt.kind, debt.contract_date, on=as_of, lpr=lpr, rules=rules)
    start = debt.overdue_since or debt.contract_date
    periods = cap_periods(debt.kind, debt.contract_date, start, max(start, as_of), on=as_of, lpr=lpr, rules=rules)
    supportable = _interest_over(debt.outstanding_principal, periods)
    claimed = debt.charges
    # A window starting after the as-of date (a mistyped date) supports nothing, but that is no excess either:
    # nothing can be compared, so the excess is 0 and a finding says why.
    excess = ZERO if start > as_of else Money(max(ZERO, claimed - supportable))
    findings = _situation_findings(debt.id, debt.contract_date, as_of, [cap, *(p.cap for p in periods)], lpr)
    if start > as_of and debt.contract_date <= as_of:  # a contract after the as-of date has CONTRACT_AFTER_AS_OF
        findings.append(_window_empty_finding(debt.id, start, as_of, claimed))
    if debt.cost_rate_percent > cap.percent:
        what_zh, what_en = ("合同综合年化成本（利率 + 费率）", "The contract's comprehensive annual cost (rate + fees)")
        if debt.fee_rate is None:
            what_zh, what_en = ("合同年利率", "The contract rate")
        findings.append(_rate_finding("RATE_ABOVE_CAP", debt.id, debt.cost_rate_percent, cap, what_zh, what_en))
    if debt.penalty_rate is not None and debt.penalty_rate.percent_per_year > cap.percent:
        findings.append(
            _rate_finding(
                "PENALTY_RATE_ABOVE_CAP", debt.id, debt.penalty_rate.percent_per_year, cap, "罚息利率", "The penalty rate"
            )
        )
    if excess > 0:
        days = sum(p.days for p in periods)
        findings.append(
            _charges_finding(
                debt.id, [cap, *(p.cap for p in periods)], start, days, debt.outstanding_principal, claimed, supportable
            )
        )
    return CapAudit(
        debt_id=debt.id,
        cap=cap,
        periods=periods,
        window_start=start,
        as_of=as_of,
        supportable=supportable,
        claimed=claimed,
        excess=excess,
        cost_rate_percent=debt.cost_rate_percent,
        findings=_ordered(findings),
    )


def audit_case(case: Case, *, lpr: LprTable | None = None, rules: CapRules | None = None) -> tuple[CapAudit, ...]:
    """Return the cap audit of every debt of ``case`` on ``case.as_of``, in the case's order."""
    return tuple(audit_debt(debt, case.as_of, lpr=lpr, rules=rules) for debt in case.debts)


# --------------------------------------------------------------------------------------------------------------
# A quick check of one loan (the ``planner cap`` command)


@dataclass(frozen=True, slots=True)
class CapQuote:
    """The cap for one loan and, with a period, the interest it supports against the contract's.

    Attributes:
        kind: the creditor kind.
        contract_date: the date the contract was formed.
        as_of: the as-of date (the cap in force on it; the LPR stand-in for the suit-filing date).
        cap: the cap in force on ``as_of``.
        start: the first day of the period, when given.
        end: the end of the period (exclusive), when given.
        periods: ``[start, end)`` split where the rule changes; empty without a period.
        principal: the principal, when given.
        annual_rate: the contract's annual rate in percent, when given.
        legal_interest: :func:`legal_interest` over the period; None without a period.
        claimed_interest: principal × annual rate × days / 365, rounded half-up to the fen; None without a period.
        excess: ``max(0, claimed_interest − legal_interest)``; None without a period.
        findings: what to notice, errors first.
    """

    kind: CreditorKind
    contract_date: date
    as_of: date
    cap: Cap
    start: date | None = None
    end: date | None = None
    periods: tuple[CapPeriod, ...] = ()
    principal: Money | None = None
    annual_rate: Decimal | None = None
    legal_interest: Money | None = None
    claimed_interest: Money | None = None
    excess: Money | None = None
    findings: tuple[Finding, ...] = ()


def quote_cap(
    kind: CreditorKind | str,
    contract_date: date | str,
    *,
    as_of: date | str,
    annual_rate: Decimal | str | None = None,
    principal: Decimal | str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
    lpr: LprTable | None = None,
    rules: CapRules | None = None,
    subject: str = "loan",
) -> CapQuote:
    """Return the cap for one loan and, when ``start`` and ``end`` are given, the interest figures over them.

    Raises:
        InvalidInput: bad values; ``start`` without ``end`` or the reverse; a period without principal and rate.

    >>> q = quote_cap("private", "2021-03-01", as_of="2022-03-01", annual_rate="24", principal="100000",
    ...               start="2021-03-01", end="2022-03-01")
    >>> q.legal_interest, q.claimed_interest, q.excess
    (Decimal('15400.00'), Decimal('24000.00'), Decimal('8600.00'))
    """
    lpr = load_lpr() if lpr is None else lpr
    rules = load_cap_rules() if rules is None else rules
    kind = _kind(kind)
    contract_date = parse_date(contract_date, field="contract_date")
    as_of = parse_date(as_of, field="as_of")
    rate = None if annual_rate is None else Rate.annual_percent(annual_rate).percent_per_year
    amount = None if principal is None else money(principal, field="principal")
    cap = cap_for(kind, contract_date, on=as_of, lpr=lpr, rules=rules)
    if (start is None) != (end is None):
        raise InvalidInput("end" if end is None else "start", "required", None)
    periods: tuple[CapPeriod, ...] = ()
    figures: dict[str, Any] = {}
    extra: list[Finding] = []
    if start is not None and end is not None:
        first, last = parse_date(start, field="start"), parse_date(end, field="end")
        if amount is None:
            raise InvalidInput("principal", "required", None)
        if rate is None:
            raise InvalidInput("annual_rate", "required", None)
        periods = cap_periods(kind, contract_date, first, last, on=as_of, lpr=lpr, rules=rules)
        days = (last - first).days
        legal = _interest_over(amount, periods)
        claimed = round_fen(amount * rate * days / (_HUNDRED * _DAYS_IN_YEAR))
        excess = Money(max(ZERO, claimed - legal))
        figures = {"start": first, "end": last, "legal_interest": legal, "claimed_interest": claimed, "excess": excess}
        if excess > 0:
            extra.append(_charges_finding(subject, [cap, *(p.cap for p in periods)], first, days, amount, claimed, legal))
    findings = _situation_findings(subject, contract_date, as_of, [cap, *(p.cap for p in periods)], lpr)
    if rate is not None and rate > cap.percent:
        findings.append(_rate_finding("RATE_ABOVE_CAP", subject, rate, cap, "合同年利率", "The contract rate"))
    return CapQuote(
        kind=kind,
        contract_date=contract_date,
        as_of=as_of,
        cap=cap,
        periods=periods,
        principal=amount,
        annual_rate=rate,
        findings=_ordered(findings + extra),
        **figures,
    )
