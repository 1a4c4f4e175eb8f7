"""The contract continuing month by month (status quo, or after a waiver or deferral)."""


from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.domain.model import Debt
from planner.engines.schedules.lines import MAX_HORIZON, Installment, due_dates_cached, new_line
from planner.findings import Finding, Severity
from planner.money import FEN, ROUNDING, round_fen
from planner.rates import Rate

_ZERO = Decimal("0.00")
_MONTHLY = Decimal(1200)  # annual percent -> monthly fraction


def never_paid_off(debt: Debt, p: Decimal, c: Decimal, held: Decimal, rate: Rate) -> Finding | None:
    """Return ``NEVER_PAID_OFF`` when the contract's monthly payment cannot reduce the balance, else None.

    Judged on the state ``(p, c, held)`` the contract resumes from, whatever the horizon: interest and the
    recurring fee are charged on the principal part only, and the principal part falls only by what the payment
    leaves over them, so a first contract month whose payment ``min(debt.monthly_payment, everything due)`` does
    not exceed ``interest + fee`` repeats itself every month after: the balance never falls.
    """
    owed = p + c + held
    if not owed:
        return None
    interest = round_fen(p * rate.percent_per_year / _MONTHLY)
    fee = round_fen(p * debt.fee_rate.percent_per_year / _MONTHLY) if debt.fee_rate is not None else _ZERO
    charged = interest + fee
    pay = min(debt.monthly_payment, owed + charged)
    if pay > charged:
        return None
    return Finding.of(
        "NEVER_PAID_OFF",
        Severity.ERROR,
        debt.id,
        f"每月还款 {pay} 元不超过当月利息和费用 {charged} 元：本金不会减少，欠款只会持平或增加，按此还款永远无法还清"
        "（与显示的月数无关）。需要提高每月还款额，或与债权人协商停息、减免或分期。",
        f"The monthly payment of {pay} does not exceed the month's interest and fees of {charged}: the principal "
        "never falls and the balance only stays level or grows, so at this payment the debt is never paid off "
        "(however many months are shown). A higher payment, or a negotiated rate freeze, waiver or installment "
        "plan, is needed.",
        payment=pay,
        interest_and_fees=charged,
    )


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
    fee_pct = debt.fee_rate.percent_per_year if debt.fee_rate is not None else _ZERO
    cap = debt.monthly_payment
    quantize = Decimal.quantize
    append = lines.append
    for k in range(first, horizon + 1):
        owed = p + c + held
        if not owed:
            break
        interest = quantize(p * pct / _MONTHLY, FEN, ROUNDING) if pct else _ZERO
        fee = quantize(p * fee_pct / _MONTHLY, FEN, ROUNDING) if fee_pct else _ZERO
        charged = interest + fee
        due = owed + charged
        pay = cap if cap < due else due  # noqa: FURB136 (hot loop: 4× faster than min)
        rest = pay - charged
        shown = interest
        if rest < 0:
            c -= rest  # unpaid interest and fees join the charges (no interest on them)
            rest = _ZERO
        elif rest:
            if held:
                back = held if held < rest else rest  # noqa: FURB136 (hot loop: 4× faster than min)
                held -= back
                rest -= back
                shown = interest + back
            if rest >= c:
                rest -= c
                c = _ZERO
                p -= rest
            else:
                c -= rest
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


