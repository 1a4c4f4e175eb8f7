"""Cap rules by creditor kind, contract date and interest date, read from ``cap_rules.json``."""


from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from planner.caps.datafiles import load_data_file
from planner.dates import parse_date
from planner.domain.model import CreditorKind
from planner.errors import InvalidInput
from planner.findings import Severity
from planner.money import to_decimal

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
    return load_data_file(path, RULES_FILE, _parse_rules)


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


def parse_kind(value: Any) -> CreditorKind:
    return _enum(CreditorKind, value.strip() if isinstance(value, str) else value, "kind")  # type: ignore[no-any-return]

