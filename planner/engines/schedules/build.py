"""``build_schedule``: one debt under one plan (waiver, deferral, restructure or settlement), in named steps.

:func:`build_schedule` waives first (:func:`_waive`), then follows one of three paths — a settlement
(:func:`_settle`), a restructure with its down payment and deferral (:func:`_restructure`), or the contract
continuing after any deferral (:func:`_continue`) — and finishes with the true APR (:func:`_apr`). The conventions
are in the package docstring (:mod:`planner.engines.schedules`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from planner.caps import TermLimit, load_cap_rules
from planner.dates import months_between, parse_date
from planner.domain.model import CreditorKind, Debt
from planner.domain.options import Deferral, Plan, RateChoice, Restructure, Settlement
from planner.engines.contract import settle
from planner.engines.schedules.amortize import amortize_lines
from planner.engines.schedules.apr import meaningful_apr
from planner.engines.schedules.contract import continue_contract, never_paid_off, projected_payoff
from planner.engines.schedules.deferral import defer, deferral_rate
from planner.engines.schedules.lines import MAX_HORIZON, Installment, Schedule, due_dates_cached, new_line
from planner.engines.schedules.waiver import waiver_request
from planner.errors import InvalidInput
from planner.findings import Finding, Scope, Severity
from planner.money import ZERO, Money, money, round_fen, to_int
from planner.rates import Rate

_ZERO = Decimal("0.00")
_HUNDRED = Decimal(100)
_MONTHLY = Decimal(1200)  # annual percent -> monthly fraction
_DEFAULT = object()  # the term limit from the package's cap rules


@dataclass(slots=True)
class _Path:
    """What one path of :func:`build_schedule` produced: the lines, what remains, and a starting guess for the
    APR solver (a monthly rate)."""

    lines: list[Installment] = field(default_factory=list)
    remaining: Decimal = _ZERO
    guess: Decimal = _ZERO
    findings: list[Finding] = field(default_factory=list)


def restructure_rate(debt: Debt, restructure: Restructure, cap_rate: Rate) -> Decimal:
    """Return the percent a year a restructure charges on the principal: 0, the custom rate, the contract rate,
    or the contract rate held to the cap."""
    choice = restructure.rate
    if choice is RateChoice.ZERO:
        return _ZERO
    if choice is RateChoice.CUSTOM:
        assert restructure.custom_rate is not None  # Restructure checks it on creation
        return restructure.custom_rate.percent_per_year
    contract = debt.contract_rate.percent_per_year
    if choice is RateChoice.CONTRACT:
        return contract
    return min(contract, cap_rate.percent_per_year)


def _waive(debt: Debt, plan: Plan, excess: Decimal) -> tuple[Decimal, Decimal, Finding | None]:
    """Return the amount waived, the charges left and WAIVER_CLAMPED when the request exceeds the charges."""
    charges = debt.charges
    request = waiver_request(debt, plan.waiver, excess)
    if request <= charges:
        return request, charges - request, None
    clamped = Finding.of("WAIVER_CLAMPED", Severity.INFO, Scope.DEBT, debt.id, requested=Money(request),
                         charges=charges)
    return charges, _ZERO, clamped


def _settle(settlement: Settlement, start: date, opening: Decimal) -> tuple[_Path, Decimal]:
    """The settlement path: one payment of ``percent`` % of the opening balance on ``pay_by``; returns the path
    and the discount (added to the amount waived)."""
    if settlement.pay_by < start:
        raise InvalidInput("pay_by", "date_order", settlement.pay_by.isoformat(), params={"other": "start"})
    pay = round_fen(opening * settlement.percent / _HUNDRED)
    path = _Path()
    if opening:
        period = months_between(start, settlement.pay_by)
        path.lines.append(new_line(Installment, (period, settlement.pay_by, pay, pay, _ZERO, _ZERO, _ZERO)))
    return path, opening - pay


def _term_finding(debt: Debt, months: int, limit: TermLimit | None, card: TermLimit | None) -> Finding | None:
    """TERM_OVER_60: a term beyond the creditor kind's limit (a warning), or beyond the credit-card limit for a
    kind without one (information citing the card rule: other lenders set their own terms)."""
    if limit is not None and months > limit.months:
        return Finding.of("TERM_OVER_60", Severity.WARNING, Scope.DEBT, debt.id, source=limit.source,
                          months=months, limit=limit.months, kind=debt.kind.value, binding="limit")
    if limit is None and card is not None and months > card.months:
        return Finding.of("TERM_OVER_60", Severity.INFO, Scope.DEBT, debt.id, source=card.source, months=months,
                          limit=card.months, kind=debt.kind.value, binding="custom")
    return None


def _restructure(
    debt: Debt, restructure: Restructure, deferral: Deferral | None, start: date, cap_rate: Rate,
    p: Decimal, c: Decimal,
) -> _Path:
    """The restructure path: the down payment (period 0), the deferral (periods ``1..d``), then ``months``
    installments of what is left (periods ``d+1..d+n``), all listed in full."""
    path = _Path()
    deferred = deferral.months if deferral is not None else 0
    dates = due_dates_cached(start, deferred + restructure.months)
    opening = p + c
    down = restructure.down_payment
    if down > opening:
        path.findings.append(Finding.of("DOWN_PAYMENT_CLAMPED", Severity.INFO, Scope.DEBT, debt.id,
                                        down_payment=down, balance=Money(opening)))
        down = opening
    if down:
        p, c = settle(p, c, down)
        path.lines.append(new_line(Installment, (0, start, down, down, _ZERO, _ZERO, p + c)))
    held = _ZERO
    if deferral is not None and deferral.months:
        p, c, held = defer(path.lines, p, c, months=deferral.months, token=deferral.token_amount,
                           pct=deferral_rate(debt, deferral.interest, cap_rate), capitalise=deferral.capitalise,
                           dates=dates)
    amount = p + c
    rate = restructure_rate(debt, restructure, cap_rate)
    path.guess = rate / _MONTHLY
    if amount:
        fee = round_fen(amount * restructure.monthly_fee_percent / _HUNDRED)
        # At a rate, interest runs on the principal part only: the charges left (interest already owed, fees)
        # are repaid interest-free alongside, so no interest is charged on interest (法释〔2020〕6号 art. 27-28 for
        # private loans; 银发〔2016〕111号 §三 for cards). At 0 % the whole balance is simply split.
        bearing, free = (p, c) if rate else (amount, _ZERO)
        path.lines.extend(amortize_lines(bearing, rate, restructure.months, restructure.method, dates, deferred + 1,
                                         fee, held, free))
        path.guess += restructure.monthly_fee_percent / 50  # a flat fee costs about twice its rate
    return path


def _continue(debt: Debt, plan: Plan, start: date, cap_rate: Rate, horizon: int, p: Decimal, c: Decimal) -> _Path:
    """The contract path: any deferral, then the contract continuing, both cut at ``horizon`` months.

    Interest runs at the debt's running rate (the penalty rate when overdue) for the status quo and at the
    contract rate once any plan (a waiver or a deferral) is agreed. NEVER_PAID_OFF is judged on the state the
    contract resumes from after the whole deferral, shown or not; UNPAID_AT_HORIZON otherwise says the debt is not
    repaid within the months computed, and when it would be.
    """
    path = _Path()
    deferral = plan.deferral
    deferred = deferral.months if deferral is not None else 0
    dates = due_dates_cached(start, max(horizon, deferred))
    rate = debt.running_rate if plan.is_status_quo else debt.contract_rate
    path.guess = rate.percent_per_year / _MONTHLY
    held = _ZERO
    resume = (p, c, held)  # what the contract resumes from after the whole deferral
    if deferral is not None and deferred:
        before = (p, c)
        pct = deferral_rate(debt, deferral.interest, cap_rate)
        p, c, held = defer(path.lines, p, c, months=min(deferred, horizon), token=deferral.token_amount, pct=pct,
                           capitalise=deferral.capitalise, dates=dates)
        resume = (p, c, held)
        if deferred > horizon:  # the horizon cuts the deferral: play it out (unlisted) to judge what follows
            resume = defer([], *before, months=deferred, token=deferral.token_amount, pct=pct,
                           capitalise=deferral.capitalise, dates=dates)
    stuck = never_paid_off(debt, *resume, rate)
    if stuck is not None:
        path.findings.append(stuck)
    p, c, held = continue_contract(debt, path.lines, p, c, held, first=deferred + 1, horizon=horizon, rate=rate,
                                   dates=dates)
    path.remaining = p + c + held
    if path.remaining and stuck is None:
        if deferred < horizon:
            later = projected_payoff(debt, start, p, c, held, first=horizon + 1, rate=rate)
        else:
            later = projected_payoff(debt, start, *resume, first=deferred + 1, rate=rate)
        path.findings.append(_unpaid_at_horizon(debt.id, path.remaining, horizon, deferred, later))
    return path


def _unpaid_at_horizon(
    subject: str, remaining: Decimal, horizon: int, deferred: int, later: tuple[int, date] | None
) -> Finding:
    """UNPAID_AT_HORIZON: payments on contract terms are computed only for ``horizon`` months; the debt is not
    paid off within them, which is not the same as never (that is NEVER_PAID_OFF)."""
    when: dict[str, Any] = {}
    if later is not None:
        outlook = "falls"
        when = {"payoff_month": later[0], "payoff_date": later[1]}
    else:
        outlook = "unknown" if horizon >= MAX_HORIZON else "not_within"
    return Finding.of("UNPAID_AT_HORIZON", Severity.WARNING, Scope.DEBT, subject, remaining=Money(remaining),
                      months=horizon, deferral_months=deferred, cut="deferral" if deferred >= horizon else "contract",
                      outlook=outlook, max_months=MAX_HORIZON, **when)


def build_schedule(
    debt: Debt,
    plan: Plan,
    *,
    start: date,
    cap_rate: Rate,
    excess: Money = ZERO,
    horizon: int = 120,
    term_limit: TermLimit | object | None = _DEFAULT,
) -> Schedule:
    """Return the schedule of ``debt`` under ``plan`` from ``start`` (see the package notes for every convention).

    Args:
        debt: the debt as stated on the start date.
        plan: waiver, deferral, restructure or settlement; :data:`planner.domain.options.STATUS_QUO` for the
            baseline.
        start: the plan's first day (period 0); the first monthly payment falls one month later.
        cap_rate: the legal cap rate of the debt (from the cap audit), used by the "capped" rate choices.
        excess: the charges above the legal cap (from the cap audit), used by ``WaiverMode.EXCESS``.
        horizon: months computed when the contract continues (status quo, waiver or deferral only).
        term_limit: the longest installment plan the debt's creditor kind allows (the cap audit's
            :attr:`~planner.caps.CapAudit.term_limit`); by default the package rules' limit for its kind.

    The horizon cuts only the open-ended contract path: without a restructure or settlement the contract (and a
    deferral before it) runs from period 1 to ``horizon`` at most, and a debt not paid off by then has
    ``remaining > 0``, no :attr:`Schedule.payoff_date` and the finding ``UNPAID_AT_HORIZON`` ("not paid off
    within the N months computed", with the date it would be paid off later) — never ``NEVER_PAID_OFF``, which
    is reported only when the payment does not exceed the first contract month's interest and fee, so the balance
    cannot fall at all. Restructure installments (with the deferral and down payment before them) and a
    settlement are always listed in full: a comparison of scenarios covers them by running every scenario over
    the same, long enough, number of months (:func:`planner.engines.scenarios.window_months`).

    Returns:
        The schedule, with the APR (or why none is shown) and the findings.

    Raises:
        InvalidInput: ``horizon`` outside 1–1200, a negative ``excess``, a settlement ``pay_by`` before
            ``start``.
    """
    start = parse_date(start, field="start")
    horizon = to_int(horizon, field="horizon", low=1, high=MAX_HORIZON, allow_text=False)
    excess = money(excess, field="excess")
    waived, c, clamped = _waive(debt, plan, excess)
    p: Decimal = debt.outstanding_principal
    opening = p + c
    if plan.settlement is not None:
        path, discount = _settle(plan.settlement, start, opening)
        waived += discount
    elif plan.restructure is not None:
        path = _restructure(debt, plan.restructure, plan.deferral, start, cap_rate, p, c)
        limit = load_cap_rules().term_limit(debt.kind) if term_limit is _DEFAULT else term_limit
        card = load_cap_rules().term_limit(CreditorKind.CREDIT_CARD)
        term = _term_finding(debt, plan.restructure.months, limit if isinstance(limit, TermLimit) else None, card)
        if term is not None:
            path.findings.append(term)
    else:
        path = _continue(debt, plan, start, cap_rate, horizon, p, c)
    apr, note = meaningful_apr(opening, path.lines, path.remaining, path.guess, settlement=plan.settlement is not None)
    findings = ([clamped] if clamped is not None else []) + path.findings
    return Schedule(
        debt_id=debt.id,
        start=start,
        opening_balance=Money(opening),
        waived=Money(waived),
        lines=tuple(path.lines),
        remaining=Money(path.remaining),
        apr_percent=apr,
        findings=tuple(findings),
        apr_note=note,
    )
