"""Deferral months (延期还款): token payments, deferral interest capitalised or held apart."""


from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.domain.model import Debt
from planner.domain.options import (
    DeferralInterest,
)
from planner.engines.schedules.lines import Installment, new_line
from planner.money import FEN, ROUNDING
from planner.rates import Rate

_ZERO = Decimal("0.00")
_MONTHLY = Decimal(1200)  # annual percent -> monthly fraction


# --------------------------------------------------------------------------------------------------------------
# The engines behind build_schedule. State: principal part ``p``, charges ``c``, deferral interest held apart.


def defer(
    lines: list[Installment],
    p: Decimal,
    c: Decimal,
    *,
    months: int,
    token: Decimal,
    pct: Decimal,
    capitalise: bool,
    dates: list[date],
) -> tuple[Decimal, Decimal, Decimal]:
    """Append the deferral months 1..months at ``pct`` % a year and return ``(p, c, held)`` after them."""
    held = _ZERO
    quantize = Decimal.quantize
    for k in range(1, months + 1):
        owed = p + c + held
        if not owed:
            break
        accrued = quantize(p * pct / _MONTHLY, FEN, ROUNDING) if pct else _ZERO
        due = owed + accrued
        pay = token if token < due else due  # noqa: FURB136 (hot loop: 4× faster than min)
        rest = pay
        if capitalise:
            if rest >= accrued:
                rest -= accrued
            else:
                p += accrued - rest
                rest = _ZERO
            interest = accrued
        else:
            paid = accrued if accrued < rest else rest  # noqa: FURB136 (hot loop: 4× faster than min)
            rest -= paid
            held += accrued - paid
            interest = paid
            if held and rest:
                back = held if held < rest else rest  # noqa: FURB136 (hot loop: 4× faster than min)
                held -= back
                rest -= back
                interest += back
        if rest:
            if rest >= c:
                rest -= c
                c = _ZERO
                p -= rest
            else:
                c -= rest
        append_line = new_line(Installment, (k, dates[k], pay, pay - interest, interest, _ZERO, p + c))
        lines.append(append_line)
    return p, c, held


def deferral_rate(debt: Debt, choice: DeferralInterest, cap_rate: Rate) -> Decimal:
    if choice is DeferralInterest.NONE:
        return _ZERO
    contract = debt.contract_rate.percent_per_year
    if choice is DeferralInterest.CONTRACT:
        return contract
    return min(contract, cap_rate.percent_per_year)


