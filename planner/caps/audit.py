"""The cap audit of a debt or a quick check of one loan, with findings."""


from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from planner.caps.cap import Cap, CapPeriod, cap_for, cap_periods, interest_over
from planner.caps.lpr import LprTable, load_lpr
from planner.caps.rules import CapRules, RuleStatus, TermLimit, load_cap_rules, parse_kind
from planner.dates import parse_date
from planner.domain.case import Case
from planner.domain.model import CreditorKind, Debt
from planner.errors import InvalidInput
from planner.findings import CODES, Finding, Scope, Severity, ordered
from planner.money import ZERO, Money, money, round_fen
from planner.rates import Rate

_DAYS_IN_YEAR = Decimal(365)
_HUNDRED = Decimal(100)

# --------------------------------------------------------------------------------------------------------------
# Findings


def _distinct(caps: list[Cap]) -> list[Cap]:
    """Return the caps with one per rule, in order."""
    distinct: list[Cap] = []
    for cap in caps:
        if all(cap.rule_id != other.rule_id for other in distinct):
            distinct.append(cap)
    return distinct


def _note_params(code: str, cap: Cap) -> dict[str, Any]:
    """Return the parameters a rule note's code declares, taken from the cap it belongs to."""
    pool: dict[str, Any] = {"cap": cap.percent, "multiple": cap.multiple, "lpr": cap.lpr_1y,
                            "as_of": cap.as_of, "contract_date": cap.contract_date}
    return {name: pool[name] for name in CODES[code].params if pool.get(name) is not None}


def _situation_findings(
    scope: Scope, subject: str, contract_date: date, as_of: date, caps: list[Cap]
) -> list[Finding]:
    """Findings about the dates and the rules applied, common to debts and quick checks."""
    findings = []
    if contract_date > as_of:
        findings.append(Finding.of("CONTRACT_AFTER_AS_OF", Severity.ERROR, scope, subject,
                                   contract_date=contract_date, as_of=as_of))
    distinct = _distinct(caps)
    for cap in distinct:
        findings.extend(Finding.of(n.code, n.severity, scope, subject, source=n.source or cap.source,
                                   **_note_params(n.code, cap)) for n in cap.notes)
    for cap in distinct:
        if cap.status is RuleStatus.CHECK:
            findings.append(Finding.of("RULE_UNCONFIRMED", Severity.INFO, scope, subject, source=cap.source,
                                       rule=cap.rule_id, cap=cap.percent))
    return findings


def relies_on_unconfirmed_lpr(caps: list[Cap], lpr: LprTable) -> bool:
    """Return True when a cap used a one-year LPR dated after the table's ``confirmed_through``."""
    return any(c.lpr_date is not None and c.lpr_date > lpr.confirmed_through for c in caps)


def lpr_stale_finding(lpr: LprTable, as_of: date, relied: tuple[str, ...] = ()) -> Finding | None:
    """Return LPR_STALE (about the data) when ``as_of`` is after the LPR table's ``confirmed_through``, else None.

    One finding for a whole case: a warning naming the debts whose cap used an LPR dated after that date
    (``relied``), information when none did (a confirmed LPR, or caps such as the 24 % rules that use none).
    ``lpr_1y`` is the table's (unconfirmed) one-year LPR on the as-of date.
    """
    if as_of <= lpr.confirmed_through:
        return None
    params: dict[str, Any] = {"confirmed_through": lpr.confirmed_through, "as_of": as_of, "relied": relied}
    if as_of >= lpr.first_date:
        params["lpr_1y"] = lpr.one_year_on(as_of, field="as_of")
    return Finding.of("LPR_STALE", Severity.WARNING if relied else Severity.INFO, Scope.DATA, source=lpr.source,
                      **params)


def _rate_finding(code: str, scope: Scope, subject: str, percent: Decimal, cap: Cap, **what: str) -> Finding:
    return Finding.of(code, Severity.WARNING, scope, subject, source=cap.source, rate=percent, cap=cap.percent,
                      standing=cap.standing, **what)


def _charges_finding(
    scope: Scope, subject: str, caps: list[Cap], start: date, days: int, principal: Decimal, claimed: Decimal,
    supportable: Decimal,
) -> Finding:
    """CHARGES_ABOVE_CAP; ``caps[0]`` is the cap named, the others the window's; a reference cap among them makes
    the whole finding a reference one."""
    cap = caps[0]
    standing = "legal" if all(c.is_legal for c in caps) else "reference"
    return Finding.of("CHARGES_ABOVE_CAP", Severity.WARNING, scope, subject, source=cap.source,
                      claimed=Money(claimed), supportable=Money(supportable), excess=Money(claimed - supportable),
                      principal=Money(principal), start=start, days=days, cap=cap.percent, standing=standing)


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
        term_limit: the longest installment plan the creditor kind allows (None: no legal limit).
        lpr_unconfirmed: True when a cap used a one-year LPR dated after the LPR table's ``confirmed_through``
            (the case's LPR_STALE finding names such debts; see :func:`lpr_stale_finding`).
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
    lpr_unconfirmed: bool = False
    term_limit: TermLimit | None = None

    @property
    def window_days(self) -> int:
        """Return the number of days in the window (0 when empty)."""
        return sum(p.days for p in self.periods)


def audit_debt(
    debt: Debt, as_of: date | str, *, lpr: LprTable | None = None, rules: CapRules | None = None
) -> CapAudit:
    """Return the cap audit of ``debt`` on ``as_of`` (see :class:`CapAudit` for the definitions).

    Findings (scope debt): CONTRACT_AFTER_AS_OF (error); WINDOW_EMPTY (warning: the overdue date is after the
    as-of date, so the window is empty, no cap comparison is possible and the excess is 0 — check the date; not
    repeated when the contract date itself is after the as-of date, which CONTRACT_AFTER_AS_OF reports and which
    also gives an excess of 0); RATE_ABOVE_CAP (contract rate + fee rate above the cap); PENALTY_RATE_ABOVE_CAP;
    CHARGES_ABOVE_CAP (excess > 0, with supportable / claimed / excess); the rule's notes (PRIVATE_TRANSITION,
    MICROLOAN_RULE, COST_DISCLOSURE …); RULE_UNCONFIRMED (a rule tagged "check"). The rate and charges findings
    carry the cap's ``standing``: a legal cap, or a reference cap (guidance, unconfirmed). Whether the LPR data is
    stale concerns the whole case, not one debt: :func:`lpr_stale_finding` (``lpr_unconfirmed`` says whether this
    debt's cap relies on an unconfirmed LPR).

    Raises:
        InvalidInput: a bad as-of date, or an LPR-based cap needing the LPR before the table begins.
    """
    lpr = load_lpr() if lpr is None else lpr
    rules = load_cap_rules() if rules is None else rules
    as_of = parse_date(as_of, field="as_of")
    cap = cap_for(debt.kind, debt.contract_date, on=as_of, lpr=lpr, rules=rules)
    start = debt.overdue_since or debt.contract_date
    periods = cap_periods(debt.kind, debt.contract_date, start, max(start, as_of), on=as_of, lpr=lpr, rules=rules)
    supportable = interest_over(debt.outstanding_principal, periods)
    claimed = debt.charges
    # A window starting after the as-of date (a mistyped date) supports nothing, but that is no excess either:
    # nothing can be compared, so the excess is 0 and a finding says why.
    excess = ZERO if start > as_of else Money(max(ZERO, claimed - supportable))
    caps = [cap, *(p.cap for p in periods)]
    scope, subject = Scope.DEBT, debt.id
    findings = _situation_findings(scope, subject, debt.contract_date, as_of, caps)
    if start > as_of and debt.contract_date <= as_of:  # a contract after the as-of date has CONTRACT_AFTER_AS_OF
        findings.append(Finding.of("WINDOW_EMPTY", Severity.WARNING, scope, subject, start=start, as_of=as_of,
                                   claimed=claimed))
    if debt.cost_rate_percent > cap.percent:
        what = "contract_rate" if debt.fee_rate is None else "cost_rate"
        findings.append(_rate_finding("RATE_ABOVE_CAP", scope, subject, debt.cost_rate_percent, cap, what=what))
    if debt.penalty_rate is not None and debt.penalty_rate.percent_per_year > cap.percent:
        findings.append(_rate_finding("PENALTY_RATE_ABOVE_CAP", scope, subject, debt.penalty_rate.percent_per_year,
                                      cap))
    if excess > 0:
        days = sum(p.days for p in periods)
        findings.append(_charges_finding(scope, subject, caps, start, days, debt.outstanding_principal, claimed,
                                         supportable))
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
        findings=ordered(findings),
        lpr_unconfirmed=relies_on_unconfirmed_lpr(caps, lpr),
        term_limit=rules.term_limit(debt.kind),
    )


def audit_case(case: Case, *, lpr: LprTable | None = None, rules: CapRules | None = None) -> tuple[CapAudit, ...]:
    """Return the cap audit of every debt of ``case`` on ``case.as_of``, in the case's order (the case's LPR_STALE
    finding: :func:`case_data_findings`)."""
    return tuple(audit_debt(debt, case.as_of, lpr=lpr, rules=rules) for debt in case.debts)


def case_data_findings(
    audits: tuple[CapAudit, ...], as_of: date, *, lpr: LprTable | None = None
) -> tuple[Finding, ...]:
    """Return the findings about the legal data for a whole case: one LPR_STALE at most, naming the debts whose cap
    relies on an LPR after the table's confirmed date."""
    lpr = load_lpr() if lpr is None else lpr
    finding = lpr_stale_finding(lpr, as_of, tuple(a.debt_id for a in audits if a.lpr_unconfirmed))
    return () if finding is None else (finding,)


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
    annual_rate: Rate | Decimal | str | None = None,
    principal: Decimal | str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
    lpr: LprTable | None = None,
    rules: CapRules | None = None,
    subject: str = "loan",
) -> CapQuote:
    """Return the cap for one loan and, when ``start`` and ``end`` are given, the interest figures over them.

    ``annual_rate`` is a :class:`Rate` (any unit) or a percent a year. Findings are about scope debt, ``subject``;
    LPR_STALE (scope data) is among them when the as-of date is after the LPR table's confirmed date.

    Raises:
        InvalidInput: bad values; ``start`` without ``end`` or the reverse; a period without principal and rate;
            a period starting before the contract date (``date_order``: no contract interest existed then).

    >>> q = quote_cap("private", "2021-03-01", as_of="2022-03-01", annual_rate="24", principal="100000",
    ...               start="2021-03-01", end="2022-03-01")
    >>> q.legal_interest, q.claimed_interest, q.excess
    (Decimal('15400.00'), Decimal('24000.00'), Decimal('8600.00'))
    """
    lpr = load_lpr() if lpr is None else lpr
    rules = load_cap_rules() if rules is None else rules
    kind = parse_kind(kind)
    contract_date = parse_date(contract_date, field="contract_date")
    as_of = parse_date(as_of, field="as_of")
    if annual_rate is None or isinstance(annual_rate, Rate):
        rate = None if annual_rate is None else annual_rate.percent_per_year
    else:
        rate = Rate.annual_percent(annual_rate).percent_per_year
    amount = None if principal is None else money(principal, field="principal")
    cap = cap_for(kind, contract_date, on=as_of, lpr=lpr, rules=rules)
    if (start is None) != (end is None):
        raise InvalidInput("end" if end is None else "start", "required", None)
    periods: tuple[CapPeriod, ...] = ()
    figures: dict[str, Any] = {}
    extra: list[Finding] = []
    if start is not None and end is not None:
        first, last = parse_date(start, field="start"), parse_date(end, field="end")
        if first < contract_date:
            raise InvalidInput("start", "date_order", first.isoformat(), params={"other": "contract_date"})
        if amount is None:
            raise InvalidInput("principal", "required", None)
        if rate is None:
            raise InvalidInput("annual_rate", "required", None)
        periods = cap_periods(kind, contract_date, first, last, on=as_of, lpr=lpr, rules=rules)
        days = (last - first).days
        legal = interest_over(amount, periods)
        claimed = round_fen(amount * rate * days / (_HUNDRED * _DAYS_IN_YEAR))
        excess = Money(max(ZERO, claimed - legal))
        figures = {"start": first, "end": last, "legal_interest": legal, "claimed_interest": claimed, "excess": excess}
        if excess > 0:
            extra.append(_charges_finding(Scope.DEBT, subject, [cap, *(p.cap for p in periods)], first, days, amount,
                                          claimed, legal))
    caps = [cap, *(p.cap for p in periods)]
    findings = _situation_findings(Scope.DEBT, subject, contract_date, as_of, caps)
    if rate is not None and rate > cap.percent:
        findings.append(_rate_finding("RATE_ABOVE_CAP", Scope.DEBT, subject, rate, cap, what="contract_rate"))
    stale = lpr_stale_finding(lpr, as_of, (subject,) if relies_on_unconfirmed_lpr(caps, lpr) else ())
    if stale is not None:
        findings.append(stale)
    return CapQuote(
        kind=kind,
        contract_date=contract_date,
        as_of=as_of,
        cap=cap,
        periods=periods,
        principal=amount,
        annual_rate=rate,
        findings=ordered(findings + extra),
        **figures,
    )
