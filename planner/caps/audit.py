"""The cap audit of a debt or a quick check of one loan, with findings."""


from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from planner.caps.cap import Cap, CapPeriod, cap_for, cap_periods, interest_over, percent_text, plain_percent
from planner.caps.lpr import LprTable, load_lpr
from planner.caps.rules import CAP_WORDING, CapRules, RuleStatus, load_cap_rules, parse_kind
from planner.dates import parse_date
from planner.domain.case import Case
from planner.domain.model import CreditorKind, Debt
from planner.errors import InvalidInput, fill
from planner.findings import Finding, Severity
from planner.money import ZERO, Money, money, round_fen, yuan
from planner.rates import Rate

_DAYS_IN_YEAR = Decimal(365)
_HUNDRED = Decimal(100)
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

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
                    f"所用规则“{cap.rule_id}”（上限 {plain_percent(cap.percent)}%）尚未依原文核实：请把它当作可修改的数据，"
                    f"并以原文为准：{cap.source}",
                    f"The rule applied, '{cap.rule_id}' ({plain_percent(cap.percent)}% cap), is not confirmed from the "
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
    values = {"rate": plain_percent(percent), "cap": plain_percent(cap.percent), "source": cap.source}
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
    values = {"cap": plain_percent(cap.percent), "source": cap.source}
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
    supportable = interest_over(debt.outstanding_principal, periods)
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
    kind = parse_kind(kind)
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
        legal = interest_over(amount, periods)
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
