"""The loan calculator: equal installments (等额本息) and equal principal (等额本金), exact to the fen."""


from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal, localcontext

from planner.choices import parse_choice
from planner.dates import parse_date
from planner.domain.options import (
    RepaymentMethod,
)
from planner.engines.schedules.lines import MAX_HORIZON, Installment, due_dates_cached, new_line
from planner.money import FEN, ROUNDING, ZERO, Money, money, to_int
from planner.rates import Rate

MAX_AMORTIZE_MONTHS = 1200


_ZERO = Decimal("0.00")
_ONE = Decimal(1)
_MONTHLY = Decimal(1200)  # annual percent -> monthly fraction
_SMALL_RATE = Decimal("1e-9")  # below this monthly rate, (1 + r)^n is computed with extra digits (see _level_payment)


# --------------------------------------------------------------------------------------------------------------
# Amortisation


def _level_payment(amount: Decimal, r: Decimal, months: int) -> Decimal:
    """Return the equal installment ``round_fen(P·r·(1 + r)^n / ((1 + r)^n − 1))`` for a monthly rate ``r > 0``.

    For a tiny ``r`` (below 1e-9 a month) ``(1 + r)^n`` lies so close to 1 that 28 digits leave few (or none) for
    ``(1 + r)^n − 1``: it is then computed with twice the digits, and a rate so small that even this gives exactly
    1 (``Rate.annual_percent("1e-60")``) pays like rate 0, ``round_fen(P / n)`` (its interest rounds to 0 anyway).
    """
    if r >= _SMALL_RATE:
        growth = (_ONE + r) ** months
        return (amount * r * growth / (growth - _ONE)).quantize(FEN, ROUNDING)
    with localcontext() as context:
        context.prec *= 2
        growth = (_ONE + r) ** months
        level = amount * r * growth / (growth - _ONE) if growth != _ONE else amount / months
    return level.quantize(FEN, ROUNDING)


def amortize_lines(
    amount: Decimal,
    pct: Decimal,
    months: int,
    method: RepaymentMethod,
    dates: list[date],
    first_period: int,
    fee: Decimal,
    held: Decimal,
    free: Decimal = _ZERO,
) -> list[Installment]:
    """Return the installments of ``amount`` at ``pct`` % a year (the hot loop; arguments already validated).

    ``held`` (deferral interest kept apart) is spread over the installments, floored to the fen, the residue in
    the last, and added to the interest column. ``free`` (charges that bear no interest) is spread the same way
    into the principal column and stays in the balance until repaid.
    """
    lines: list[Installment] = []
    append = lines.append
    last = months - 1
    equal_installment = method is RepaymentMethod.EQUAL_INSTALLMENT
    if equal_installment and pct:
        level = _level_payment(amount, pct / _MONTHLY, months)
    else:
        level = (amount / months).quantize(FEN, ROUNDING)
    share = (held / months).quantize(FEN, ROUND_DOWN) if held else _ZERO
    free_share = (free / months).quantize(FEN, ROUND_DOWN) if free else _ZERO
    free_left = free
    balance = amount
    period = first_period
    # Installments 1..n−1 (the common case, rate > 0 and nothing held, has the leanest loop body).
    for period in range(first_period, first_period + last):
        interest = (balance * pct / _MONTHLY).quantize(FEN, ROUNDING) if pct else _ZERO
        principal = level - interest if equal_installment else level
        if principal > balance:
            principal = balance
        elif principal < 0:
            principal = _ZERO
        balance -= principal
        if share:
            interest += share
        if free:  # charges repaid interest-free alongside; owed (in the balance) until repaid, even a fen
            principal += free_share
            free_left -= free_share
            append(new_line(Installment, (period, dates[period], principal + interest + fee, principal, interest,
                                       fee, balance + free_left)))
        else:
            append(new_line(Installment, (period, dates[period], principal + interest + fee, principal, interest,
                                       fee, balance)))
    # The last installment absorbs the residue: its principal is whatever balance is left.
    period = first_period + last
    interest = (balance * pct / _MONTHLY).quantize(FEN, ROUNDING) if pct else _ZERO
    if held:
        interest += held - share * last
    principal = balance + free_left
    append(new_line(Installment, (period, dates[period], principal + interest + fee, principal, interest, fee, _ZERO)))
    return lines


def amortize(
    principal: Decimal,
    *,
    rate: Rate,
    months: int,
    method: RepaymentMethod,
    start: date,
    monthly_fee: Money = ZERO,
    first_period: int = 1,
) -> tuple[Installment, ...]:
    """Return the installments repaying ``principal`` over ``months`` months.

    Formula, with ``r = rate.percent_per_year / 1200`` and ``P = principal``:

    * each month's interest = ``round_fen(balance × rate.percent_per_year / 1200)`` (multiplied first: exact
      half-fen cases such as ¥30 at 15.4 % = 0.385 round up to 0.39);
    * **equal installment** (等额本息): payment = ``round_fen(P·r / (1 − (1 + r)^−n))``, or ``round_fen(P / n)``
      when ``r = 0``; principal = payment − interest. A rate so tiny that ``(1 + r)^n`` cannot be told from 1
      even with 56 digits is paid like rate 0 (its interest rounds to 0 fen every month anyway);
    * **equal principal** (等额本金): principal = ``round_fen(P / n)``; interest on the balance;
    * the **last installment absorbs the residue**: its principal is the remaining balance, so the principal
      portions sum exactly to ``P`` (a rounded-up payment that would overshoot earlier stops at the balance);
    * ``fee`` (分期手续费) is added to every installment: ``payment = principal + interest + fee``;
    * installment ``j`` (``0 ≤ j < n``) has period ``first_period + j``, due ``add_months(start, period)``.

    Edge cases: ``months = 1`` pays everything with one month's interest; ``P = 0`` returns no installments;
    a start on the 29th–31st keeps its day where the month has it, else the month end.

    Checked against reference §6: ¥1,000,000 at 4.9 % over 360 months pays 5,307.27 a month (等额本息) and
    2,777.78 + 4,083.33 = 6,861.11 in the first month (等额本金).

    Raises:
        InvalidInput: a negative or non-fen principal or fee, months outside 1–1200, a negative first period, a
            start outside 1900-01-01 … 2199-12-31 (see :func:`planner.dates.parse_date`), an unknown method.
    """
    amount = money(principal, field="principal")
    fee = money(monthly_fee, field="monthly_fee")
    months = to_int(months, field="months", low=1, high=MAX_AMORTIZE_MONTHS, allow_text=False)
    first_period = to_int(first_period, field="first_period", low=0, high=MAX_HORIZON, allow_text=False)
    start = parse_date(start, field="start")
    if not amount:
        return ()
    dates = due_dates_cached(start, first_period + months)
    method = parse_choice(RepaymentMethod, method, "method")
    pct = rate.percent_per_year
    return tuple(amortize_lines(amount, pct, months, method, dates, first_period, fee, _ZERO))


