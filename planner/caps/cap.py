"""The cap in force for one contract on one date, and the interest it supports."""


from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise

from planner.caps.lpr import LprTable, load_lpr
from planner.caps.rules import (
    CapNature,
    CapNote,
    CapRule,
    CapRules,
    CapScope,
    LprOn,
    RuleStatus,
    load_cap_rules,
    parse_kind,
)
from planner.dates import parse_date
from planner.domain.model import CreditorKind
from planner.errors import InvalidInput
from planner.money import Money, money, percent_text, round_fen
from planner.rates import DayCount, Rate

_DAYS_IN_YEAR = Decimal(365)
_HUNDRED = Decimal(100)

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
        notes: the rule's notes that apply to this contract; they become findings.
        nature: "legal" or "guidance" (a reference figure, not a limit binding on this creditor).
        multiple: for an LPR-based cap, the multiple of the LPR (4); else None.
        contract_date: the contract date the cap was looked up for.
        as_of: the as-of date the cap was looked up for.
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
    multiple: Decimal | None = None
    contract_date: date | None = None
    as_of: date | None = None

    @property
    def percent(self) -> Decimal:
        """Return the cap in percent a year."""
        return self.rate.percent_per_year

    @property
    def is_legal(self) -> bool:
        """Return True for a confirmed legal cap: status "firm" and nature "legal"."""
        return self.status is RuleStatus.FIRM and self.nature is CapNature.LEGAL

    @property
    def standing(self) -> str:
        """Return ``"legal"`` for a confirmed legal cap (法定上限), else ``"reference"`` (参考上限, guidance or
        unconfirmed): how findings and outputs name the cap."""
        return "legal" if self.is_legal else "reference"

    @property
    def reported_nature(self) -> str:
        """Return the nature as outputs report it: ``"legal"`` only for a confirmed legal rule, ``"guidance"`` for
        a guidance figure, ``"unconfirmed"`` for a legal rule still to be checked."""
        if self.nature is CapNature.GUIDANCE:
            return "guidance"
        return "legal" if self.status is RuleStatus.FIRM else "unconfirmed"


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


def fill(template: str, values: dict[str, str]) -> str:
    """Fill a rule's ``{placeholders}`` (its basis text in the data file); one without a value is left as written."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)


def plain_percent(value: Decimal) -> str:
    """Return a percentage for reading: 15.4, 24, 3.85 (never exponent notation)."""
    return f"{value.normalize():f}"


def _make_cap(rule: CapRule, kind: CreditorKind, contract_date: date, as_of: date, lpr: LprTable) -> Cap:
    values = {"as_of": as_of.isoformat(), "contract_date": contract_date.isoformat()}
    lpr_date = lpr_1y = None
    if rule.lpr_multiple is None:
        percent = rule.percent or Decimal(0)  # CapRule guarantees percent is set when lpr_multiple is not
    else:
        by_contract = rule.lpr_on is LprOn.CONTRACT_DATE
        lpr_date = contract_date if by_contract else as_of
        lpr_1y = lpr.one_year_on(lpr_date, field="contract_date" if by_contract else "as_of")
        effective_from = lpr.one_year_since(lpr_date, field="contract_date" if by_contract else "as_of")
        percent = rule.lpr_multiple * lpr_1y
        values |= {
            "multiple": plain_percent(rule.lpr_multiple),
            "lpr": percent_text(lpr_1y),  # LPR is quoted with two decimals: 3.85, 3.00
            "lpr_date": lpr_date.isoformat(),
            "lpr_from": effective_from.isoformat(),
        }
    values["cap"] = plain_percent(percent)
    notes = tuple(n for n in rule.notes if n.applies(kind, contract_date))
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
        multiple=rule.lpr_multiple,
        contract_date=contract_date,
        as_of=as_of,
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
    kind = parse_kind(kind)
    contract_date = parse_date(contract_date, field="contract_date")
    on = parse_date(on, field="as_of")
    return _make_cap(rules.rule_for(kind, contract_date, on), kind, contract_date, on, lpr)


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
    kind = parse_kind(kind)
    contract_date = parse_date(contract_date, field="contract_date")
    start = parse_date(start, field="start")
    end = parse_date(end, field="end")
    on = parse_date(on, field="as_of")
    if end < start:
        raise InvalidInput("end", "date_order", end.isoformat(), params={"other": "start"})
    bounds = [start, *(d for d in rules.changes(kind, contract_date) if start < d < end), end]
    return tuple(
        CapPeriod(a, b, _make_cap(rules.rule_for(kind, contract_date, a), kind, contract_date, on, lpr))
        for a, b in pairwise(bounds)
        if a < b
    )


def interest_over(principal: Decimal, periods: tuple[CapPeriod, ...]) -> Money:
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
    return interest_over(amount, cap_periods(kind, contract_date, start, end, on=on, lpr=lpr, rules=rules))

