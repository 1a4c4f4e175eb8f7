"""The contract continuing month by month (the status quo, or after a waiver or a deferral).

Each month is the shared contract month of :mod:`planner.engines.contract` — :func:`~planner.engines.contract.accrue`
interest and the recurring fee on the principal part, then :func:`~planner.engines.contract.settle` the payment
``min(debt.monthly_payment, everything due)`` — with one addition of the schedules: deferral interest held apart
(not capitalised) is repaid right after the month's interest and fee, before the older charges, and shown in the
interest column.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.domain.model import Debt
from planner.engines.contract import accrue, settle
from planner.engines.schedules.lines import MAX_HORIZON, Installment, due_dates_cached, new_line
from planner.findings import Finding, Scope, Severity
from planner.money import Money
from planner.rates import Rate

_ZERO = Decimal("0.00")


def _fee_percent(debt: Debt) -> Decimal:
    return debt.fee_rate.percent_per_year if debt.fee_rate is not None else _ZERO


def never_paid_off(debt: Debt, p: Decimal, c: Decimal, held: Decimal, rate: Rate) -> Finding | None:
    """Return ``NEVER_PAID_OFF`` when the contract's monthly payment cannot reduce the balance, else None.

    Judged on the state ``(p, c, held)`` the contract resumes from, whatever the horizon: interest and the
    recurring fee are charged on the principal part only, and the principal part falls only by what the payment
    leaves over them, so a first contract month whose payment ``min(debt.monthly_payment, everything due)`` does
    not exceed ``interest + fee`` repeats itself every month after: the balance never falls. A warning, not an
    error: the figures are right, the contract simply cannot be repaid at that payment.
    """
    owed = p + c + held
    if not owed:
        return None
    interest, fee = accrue(p, rate.percent_per_year, _fee_percent(debt))
    charged = interest + fee
    pay = min(debt.monthly_payment, owed + charged)
    if pay > charged:
        return None
    return Finding.of("NEVER_PAID_OFF", Severity.WARNING, Scope.DEBT, debt.id, payment=Money(pay),
                      charged=Money(charged))


def continue_contract(
    debt: Debt,
    lines: list[Installment],
    p: Decimal,
    c: Decimal,
    held: Decimal,
    *,
    first: int,
    horizon: int,
    rate: Rate,
    dates: list[date],
) -> tuple[Decimal, Decimal, Decimal]:
    """Append the contract months ``first..horizon`` and return ``(p, c, held)`` at the end.

    ``first`` may lie beyond the horizon (a deferral longer than it): no month is appended then.
    """
    pct = rate.percent_per_year
    fee_pct = _fee_percent(debt)
    cap = debt.monthly_payment
    append = lines.append
    for k in range(first, horizon + 1):
        if not p + c + held:
            break
        interest, fee = accrue(p, pct, fee_pct)
        due = p + c + held + interest + fee
        pay = cap if cap < due else due  # noqa: FURB136 (hot loop: 4× faster than min)
        back = _ZERO
        if held:
            rest = pay - interest - fee
            if rest > 0:
                back = held if held < rest else rest  # noqa: FURB136
                held -= back
        p, c = settle(p, c + interest + fee, pay - back)
        shown = interest + back
        append(new_line(Installment, (k, dates[k], pay, pay - shown - fee, shown, fee, p + c)))
    return p, c, held


def projected_payoff(
    debt: Debt, start: date, p: Decimal, c: Decimal, held: Decimal, *, first: int, rate: Rate
) -> tuple[int, date] | None:
    """Return ``(period, due date)`` of the last contract payment from ``first`` on (unlisted), or None when the
    debt is not paid off by period :data:`MAX_HORIZON`."""
    if first > MAX_HORIZON:
        return None
    scratch: list[Installment] = []
    dates = due_dates_cached(start, MAX_HORIZON)
    p, c, held = continue_contract(debt, scratch, p, c, held, first=first, horizon=MAX_HORIZON, rate=rate,
                                   dates=dates)
    if p + c + held or not scratch:
        return None
    return scratch[-1][0], scratch[-1][1]
