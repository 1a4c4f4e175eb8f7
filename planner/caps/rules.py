"""Cap rules by creditor kind, contract date and interest date, read from ``cap_rules.json``."""


from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from planner.caps.datafiles import OBJECT_NEEDED as _OBJECT_NEEDED
from planner.caps.datafiles import date_range as _date_range
from planner.caps.datafiles import json_document, json_items, load_data_file
from planner.caps.datafiles import required_text as _required_text
from planner.choices import E, parse_choice
from planner.domain.model import CreditorKind
from planner.errors import InvalidInput, file_error
from planner.findings import CODES, Severity
from planner.money import to_decimal, to_int

RULES_FILE = "cap_rules.json"
_ONE_DAY = timedelta(days=1)

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


class LprOn(StrEnum):
    """Which date's one-year LPR an LPR-based cap uses."""

    CONTRACT_DATE = "contract_date"  # 法释[2020]6号 art. 25: at contract formation
    AS_OF = "as_of"  # art. 31: when the suit is filed; the planner's as-of date stands in for it


@dataclass(frozen=True, slots=True)
class CapNote:
    """An information note a rule carries: a finding code (declared in :data:`planner.findings.CODES`) given
    whenever the rule applies to a contract formed within ``contract_from`` … ``contract_to`` (inclusive, None
    open-ended) with a creditor kind in ``kinds`` (None: every kind the rule covers), citing ``source`` (the rule's own source when empty). Its wording lives in :mod:`planner.text`;
    its parameters are taken from the cap (``cap``, ``multiple``, ``lpr``, ``as_of``, ``contract_date``).
    """

    code: str
    severity: Severity
    source: str = ""
    contract_from: date | None = None
    contract_to: date | None = None
    kinds: frozenset[CreditorKind] | None = None

    def applies(self, kind: CreditorKind, contract_date: date) -> bool:
        """Return True when the note applies to a ``kind`` contract formed on ``contract_date``."""
        return (self.kinds is None or kind in self.kinds) and _within(contract_date, self.contract_from,
                                                                      self.contract_to)


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
class TermLimit:
    """The longest installment plan (个性化分期) a creditor kind allows, with its source."""

    kinds: frozenset[CreditorKind]
    months: int
    source: str
    status: RuleStatus = RuleStatus.FIRM


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
    term_limits: tuple[TermLimit, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", tuple(self.rules))
        object.__setattr__(self, "term_limits", tuple(self.term_limits))
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
                    raise file_error(self.source or "cap rules", "rules_coverage", count=len(hits),
                                     rules=", ".join(hits) or "—", kind=kind.value,
                                     contract_date=contract_day.isoformat(), day=day.isoformat())

    def term_limit(self, kind: CreditorKind) -> TermLimit | None:
        """Return the installment-term limit of ``kind``, or None when the rules set none."""
        for limit in self.term_limits:
            if kind in limit.kinds:
                return limit
        return None

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
        days: set[date] = set()
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
    return load_data_file(path, RULES_FILE, _parse_rules)


def _parse_rules(text: str, name: str) -> CapRules:
    document = json_document(text, name)
    rules = json_items(document, "rules", name, _parse_rule)
    limits = json_items(document, "term_limits", name, _parse_term_limit, required=False)
    return CapRules(tuple(rules), name, tuple(limits))


def _parse_term_limit(item: Any) -> TermLimit:
    if not isinstance(item, dict):
        raise InvalidInput("term_limits", "bad_file", item, params=_OBJECT_NEEDED)
    kinds = item.get("applies_to")
    if not isinstance(kinds, list) or not kinds:
        raise InvalidInput("applies_to", "empty", kinds)
    return TermLimit(
        kinds=frozenset(parse_kind(k) for k in kinds),
        months=to_int(item.get("months"), field="months", low=1, high=120),
        source=_required_text(item, "source"),
        status=_enum(RuleStatus, item.get("status", RuleStatus.FIRM.value), "status"),
    )


def _parse_rule(item: Any) -> CapRule:
    if not isinstance(item, dict):
        raise InvalidInput("rules", "bad_file", item, params=_OBJECT_NEEDED)
    kinds = item.get("applies_to")
    if not isinstance(kinds, list) or not kinds:
        raise InvalidInput("applies_to", "empty", kinds)
    applies_to = frozenset(parse_kind(k) for k in kinds)
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


_CAP_SHAPES = '{"percent": "24"} or {"lpr_multiple": "4", "lpr_on": "contract_date"|"as_of"}'


def _parse_note(item: Any) -> CapNote:
    if not isinstance(item, dict):
        raise InvalidInput("notes", "bad_file", item, params=_OBJECT_NEEDED)
    code = _required_text(item, "code")
    if code not in CODES:
        raise InvalidInput("code", "unknown_choice", code, params={"choices": ", ".join(sorted(CODES))})
    contract_from, contract_to = _date_range(item.get("contract_dates"), "contract_dates")
    kinds = item.get("applies_to")
    if kinds is not None and (not isinstance(kinds, list) or not kinds):
        raise InvalidInput("applies_to", "empty", kinds)
    return CapNote(
        code=code,
        severity=_enum(Severity, item.get("severity"), "severity"),
        source=str(item.get("source") or ""),
        contract_from=contract_from,
        contract_to=contract_to,
        kinds=None if kinds is None else frozenset(parse_kind(k) for k in kinds),
    )


def _positive(value: Any, key: str) -> Decimal:
    number = to_decimal(value, field=key)
    if number <= 0:
        raise InvalidInput(key, "not_positive", value)
    return number


def _enum(enum: type[E], value: Any, key: str) -> E:
    return parse_choice(enum, value, key)


def parse_kind(value: Any) -> CreditorKind:
    """Return the creditor kind named by its value (``"private"``, any case)."""
    return parse_choice(CreditorKind, value, "kind")

