"""Repayment schedules: exact to the fen, pure, and fast enough to rerun on every widget change.

One entry point, :func:`build_schedule`, turns a :class:`planner.domain.model.Debt` and a :class:`planner.domain.options.Plan`
into a :class:`Schedule`: one :class:`Installment` per payment, the amount waived, what is left at the horizon,
the true APR and the findings. :func:`amortize` is the plain loan calculator underneath (and behind
``planner schedule``); :func:`apr_percent` solves the annualised rate of any monthly cash flow.

Conventions (the README quotes them):

* **Amounts** are ``Decimal`` yuan on the fen. Interest accrues at full precision and is rounded half-up
  (四舍五入, :func:`planner.money.round_fen`) once per month; nothing else is rounded except where stated.
  Every amount in a schedule is positive "amount due" except ``principal`` in a month whose payment does not
  cover the interest charged (negative amortisation: the balance grows by the shortfall).
* **Monthly rate** ``r = annual % / 1200`` (月利率 = 年利率 / 12). Each month's interest is
  ``round_fen(balance × annual % / 1200)``, multiplied first and divided last: a pre-divided ``r`` does not
  terminate (``15.4 / 1200 = 0.01283…``), so ``30.00 × r`` would be ``0.38499…`` and round to 0.38 instead of the
  exact ``0.385`` → 0.39. ``r`` itself is used only in the level-payment formula and as the APR solver's guess.
* **Due dates** are ``add_months(start, k)`` for period ``k``, always from the start date (never cumulative), so
  the 31st falls on the last day of shorter months and a month-end start stays on month ends. Period 0 is the
  start date itself (down payment; a settlement due in the start month is period 0 on its own date).
* **Columns**: ``payment = principal + interest + fee`` exactly; ``principal`` is the reduction of the balance
  carried (for overdue debts it includes repaid charges); ``balance`` is what is carried after the payment, so
  ``balance = previous balance − principal`` on every line, starting from ``opening_balance``. The one thing the
  balance column leaves out is deferral interest held apart without capitalisation (see below), which is owed
  separately and shown in the interest column when it is paid.
* **Order of options** (per debt): waiver on the start date, then a down payment (period 0), then the deferral
  (periods ``1..d``), then the restructured installments (periods ``d+1..d+n``) or, without a restructure, the
  contract continuing from period ``d+1`` to the horizon. A settlement stands alone.
* **Waiver** (减免): see :func:`waiver_amount`. Charges are reduced in the order other fees, liquidated damages,
  penalty interest, accrued interest (:func:`split_waiver`); the principal is never waived.
* **Status quo and "contract continues"**: the principal part and the charges part are tracked separately. Each
  month: interest = ``round_fen(principal part × rate / 1200)`` with the debt's running rate (the penalty rate when
  overdue) for the status quo and the contract rate once any plan (waiver or deferral) is agreed; the recurring
  fee = ``round_fen(principal part × fee_rate / 1200)`` when ``debt.fee_rate`` is set. The payment is
  ``min(debt.monthly_payment, everything due)``, allocated to the fee, the interest, held deferral interest,
  the charges, then the principal. Unpaid interest and fees join the charges, which bear no interest (no
  compounding, 银保监规〔2022〕13号). The schedule stops when the debt is paid off or at ``horizon`` months;
  ``remaining`` is what is then still owed (finding ``UNPAID_AT_HORIZON``: not paid off *within the months
  shown*, with the date the contract would pay it off when that is within :data:`MAX_HORIZON` months). A
  payment that does not exceed the first contract month's interest and fee can never pay the debt off, since
  the principal part then never falls and neither do the interest and fee charged on it: finding
  ``NEVER_PAID_OFF`` (judged whatever the horizon, and instead of ``UNPAID_AT_HORIZON``).
* **Deferral** (延期): months ``1..d`` pay ``token_amount`` (or everything owed if smaller; 0 = paused).
  Deferral interest each month = ``round_fen(interest-bearing balance × rate / 1200)`` with rate 0, the contract
  rate, or ``min(contract, cap)``; the interest-bearing balance is the principal part (plus capitalised deferral
  interest): charges bear none. The token pays the deferral interest first, then held deferral interest, then
  the charges and the principal. ``capitalise=True`` adds unpaid deferral interest to the principal part (the
  interest column shows the interest charged, the balance grows); ``False`` holds it apart interest-free: with
  a restructure it is spread over the installments (floored to the fen per installment, the residue in the
  last) and shown in their interest column; when the contract continues it is repaid right after each month's
  interest. No recurring contract fee is charged during a deferral. A deferral never reduces the principal
  except by token payments. Followed by the contract (no restructure), the deferral is part of the open-ended
  contract path and is cut at the horizon like it; followed by a restructure, it is listed in full.
* **Restructure** (个性化分期): the balance after the waiver, the down payment and the deferral is amortised by
  :func:`amortize` over ``months`` installments at rate 0, the custom rate, the contract rate or
  ``min(contract, cap)``; the installment fee (分期手续费) each period is
  ``round_fen(amount restructured × monthly_fee_percent / 100)``. More than 60 months: finding ``TERM_OVER_60``.
  The horizon does not shorten a restructure: every installment is listed (see :func:`build_schedule`).
* **Settlement** (一次性结清): one payment ``round_fen(balance after waiver × percent / 100)`` on ``pay_by``
  (period ``months_between(start, pay_by)``, even after the horizon); the rest is added to ``waived``; nothing
  remains.
* **APR** (年化利率, 中国人民银行公告〔2021〕第3号): the internal rate of return of the borrower's cash flows
  (the amount financed at period 0, each payment, and any balance left at the horizon counted as due at the
  last period, so a debt that is never repaid does not look cheap), × 12, in percent, 2 places half-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal, localcontext
from typing import NamedTuple

from planner.dates import add_months, months_between, parse_date
from planner.domain.model import CreditorKind, Debt
from planner.domain.options import (
    CARD_RESTRUCTURE_LIMIT,
    DeferralInterest,
    Plan,
    RateChoice,
    RepaymentMethod,
    Restructure,
    Waiver,
    WaiverMode,
)
from planner.errors import InvalidInput
from planner.findings import Finding, Severity
from planner.money import FEN, ROUNDING, ZERO, Money, money, round_fen, to_int
from planner.rates import Rate

MAX_HORIZON = 1200  # months (100 years): a bound on the status-quo simulation, not a planning limit
MAX_AMORTIZE_MONTHS = 1200

CARD_RULE_SOURCE = "《商业银行信用卡业务监督管理办法》（原银监会令2011年第2号）第七十条"
APR_SOURCE = "中国人民银行公告〔2021〕第3号"

_ZERO = Decimal("0.00")
_ONE = Decimal(1)
_HUNDRED = Decimal(100)
_MONTHLY = Decimal(1200)  # annual percent -> monthly fraction
_APR_PLACES = Decimal("0.01")
_NEWTON_STEPS = 50
_NEWTON_TOLERANCE = Decimal("1e-8")  # on v; quadratic convergence leaves an error of ~1e-15 after such a step
_BISECTION_TOLERANCE = Decimal("1e-16")
_BISECTION_STEPS = 200
_SMALL_RATE = Decimal("1e-9")  # below this monthly rate, (1 + r)^n is computed with extra digits (see _level_payment)


class Installment(NamedTuple):
    """One line of a schedule (a NamedTuple: the engines build thousands per widget change).

    Attributes:
        period: 0 = paid on the start date (down payment, settlement in the start month); ``k`` = due
            ``add_months(start, k)``.
        due_date: the date the payment is due.
        payment: ``principal + interest + fee``, exactly.
        principal: the reduction of the balance carried (for overdue debts it includes repaid charges); negative
            when the payment does not cover the interest charged and the balance grows.
        interest: the interest of the line (see the module notes for deferral interest held apart).
        fee: recurring contract fee or installment fee (分期手续费).
        balance: the balance carried after this payment.
    """

    period: int
    due_date: date
    payment: Money
    principal: Money
    interest: Money
    fee: Money
    balance: Money


_line = tuple.__new__  # ``_line(Installment, (...))`` skips NamedTuple's keyword-argument __new__ (about 2× faster)


@dataclass(frozen=True, slots=True)
class Schedule:
    """A debt's payments under one plan.

    Attributes:
        debt_id: the debt the schedule belongs to.
        start: the plan's start date (period 0).
        opening_balance: owed on the start date after the waiver (principal plus remaining charges).
        waived: the amount waived: the waiver, plus the discount of a settlement.
        lines: the installments in period order.
        remaining: still owed at the horizon (0 when paid off), including deferral interest held apart; always 0
            for a restructure or settlement, which are listed in full.
        apr_percent: the true APR (IRR × 12, percent, 2 places), ``None`` when there is nothing to compute.
        findings: observations about the plan (clamped waiver or down payment, long term, never paid off,
            unpaid at or running beyond the horizon).
    """

    debt_id: str
    start: date
    opening_balance: Money
    waived: Money
    lines: tuple[Installment, ...]
    remaining: Money
    apr_percent: Decimal | None
    findings: tuple[Finding, ...] = ()

    @property
    def total_payment(self) -> Money:
        """Return the sum of all payments."""
        return Money(sum([line[2] for line in self.lines], _ZERO))

    @property
    def total_principal(self) -> Money:
        """Return the sum of the principal column (reduction of the balance carried)."""
        return Money(sum([line[3] for line in self.lines], _ZERO))

    @property
    def total_interest(self) -> Money:
        """Return the sum of the interest column."""
        return Money(sum([line[4] for line in self.lines], _ZERO))

    @property
    def total_fees(self) -> Money:
        """Return the sum of the fee column."""
        return Money(sum([line[5] for line in self.lines], _ZERO))

    @property
    def payoff_date(self) -> date | None:
        """Return the due date of the last payment, ``None`` when something remains at the horizon.

        A debt with nothing owed and nothing paid is paid off on the start date.
        """
        if self.remaining > 0:
            return None
        for line in reversed(self.lines):
            if line[2]:
                return line[1]
        return self.start

    @property
    def largest_payment(self) -> Money:
        """Return the largest single payment (0 without lines)."""
        return max([line[2] for line in self.lines], default=_ZERO)

    def payment_by_period(self) -> dict[int, Money]:
        """Return the total payment of each period that has a line."""
        totals: dict[int, Money] = {}
        for line in self.lines:
            totals[line[0]] = Money(totals.get(line[0], _ZERO) + line[2])
        return totals


# --------------------------------------------------------------------------------------------------------------
# Due dates (memoised per start date: the scenario engine asks for the same start for every debt).

_DATE_CACHE: dict[date, list[date]] = {}
_DATE_CACHE_LIMIT = 4096


def _due_dates(start: date, last_period: int) -> list[date]:
    """Return a list whose item ``k`` is ``add_months(start, k)``, for ``k`` up to at least ``last_period``."""
    dates = _DATE_CACHE.get(start)
    if dates is None or len(dates) <= last_period:
        if len(_DATE_CACHE) >= _DATE_CACHE_LIMIT:
            _DATE_CACHE.clear()
        dates = [add_months(start, k) for k in range(max(last_period, 120) + 1)]
        _DATE_CACHE[start] = dates
    return dates


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


def _amortize_lines(
    amount: Decimal,
    pct: Decimal,
    months: int,
    method: RepaymentMethod,
    dates: list[date],
    first_period: int,
    fee: Decimal,
    held: Decimal,
) -> list[Installment]:
    """Return the installments of ``amount`` at ``pct`` % a year (the hot loop; arguments already validated).

    ``held`` (deferral interest kept apart) is spread over the installments, floored to the fen, the residue in
    the last, and added to the interest column.
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
        append(_line(Installment, (period, dates[period], principal + interest + fee, principal, interest, fee,
                                   balance)))
    # The last installment absorbs the residue: its principal is whatever balance is left.
    period = first_period + last
    interest = (balance * pct / _MONTHLY).quantize(FEN, ROUNDING) if pct else _ZERO
    if held:
        interest += held - share * last
    append(_line(Installment, (period, dates[period], balance + interest + fee, balance, interest, fee, _ZERO)))
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
    dates = _due_dates(start, first_period + months)
    try:
        method = RepaymentMethod(method)
    except ValueError:
        choices = ", ".join(m.value for m in RepaymentMethod)
        raise InvalidInput("method", "unknown_choice", method, params={"choices": choices}) from None
    pct = rate.percent_per_year
    return tuple(_amortize_lines(amount, pct, months, method, dates, first_period, fee, _ZERO))


# --------------------------------------------------------------------------------------------------------------
# Waiver

_WAIVER_ORDER = ("other_fees", "liquidated_damages", "penalty_interest", "accrued_interest")


def _waiver_request(debt: Debt, waiver: Waiver, excess: Decimal) -> Decimal:
    mode = waiver.mode
    if mode is WaiverMode.NONE:
        return _ZERO
    if mode is WaiverMode.EXCESS:
        return excess
    if mode is WaiverMode.PENALTIES_AND_FEES:
        return debt.penalties_and_fees
    if mode is WaiverMode.PERCENT:
        return round_fen(debt.charges * waiver.percent / _HUNDRED)
    return debt.charges  # PRINCIPAL_ONLY


def waiver_amount(debt: Debt, waiver: Waiver, *, excess: Money) -> Money:
    """Return the amount a waiver removes from what ``debt`` owes on the start date.

    * ``NONE``: 0;
    * ``EXCESS``: ``min(excess, debt.charges)``; ``excess`` is the cap audit's excess, passed in;
    * ``PENALTIES_AND_FEES``: penalty interest + liquidated damages + other fees;
    * ``PERCENT``: ``round_fen(debt.charges × percent / 100)``;
    * ``PRINCIPAL_ONLY``: every charge (only the outstanding principal is repaid).

    Never more than the charges: the principal is not waived (:func:`build_schedule` reports a clamp with the
    finding ``WAIVER_CLAMPED``).

    Raises:
        InvalidInput: a negative or non-fen ``excess``.
    """
    request = _waiver_request(debt, waiver, money(excess, field="excess"))
    charges = debt.charges
    return Money(min(request, charges))


def split_waiver(debt: Debt, amount: Money) -> tuple[tuple[str, Money], ...]:
    """Return how a waiver of ``amount`` reduces each charge, in the order other fees, liquidated damages,
    penalty interest, accrued interest (field name, amount waived; charges left untouched are omitted).
    """
    left = money(amount, field="amount")
    parts: list[tuple[str, Money]] = []
    for name in _WAIVER_ORDER:
        if left <= 0:
            break
        owed: Decimal = getattr(debt, name)
        take = min(owed, left)
        if take:
            parts.append((name, Money(take)))
            left -= take
    return tuple(parts)


# --------------------------------------------------------------------------------------------------------------
# Findings


# --------------------------------------------------------------------------------------------------------------
# The engines behind build_schedule. State: principal part ``p``, charges ``c``, deferral interest held apart.


def _defer(
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
        append_line = _line(Installment, (k, dates[k], pay, pay - interest, interest, _ZERO, p + c))
        lines.append(append_line)
    return p, c, held


def _never_paid_off(debt: Debt, p: Decimal, c: Decimal, held: Decimal, rate: Rate) -> Finding | None:
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


def _continue_contract(
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
        append(_line(Installment, (k, dates[k], pay, pay - shown - fee, shown, fee, p + c)))
    return p, c, held


def _restructure_rate(debt: Debt, restructure: Restructure, cap_rate: Rate) -> Decimal:
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


def build_schedule(
    debt: Debt,
    plan: Plan,
    *,
    start: date,
    cap_rate: Rate,
    excess: Money = ZERO,
    horizon: int = 120,
) -> Schedule:
    """Return the schedule of ``debt`` under ``plan`` from ``start`` (see the module notes for every convention).

    Args:
        debt: the debt as stated on the start date.
        plan: waiver, deferral, restructure or settlement; :data:`planner.domain.options.STATUS_QUO` for the baseline.
        start: the plan's first day (period 0); the first monthly payment falls one month later.
        cap_rate: the legal cap rate of the debt (from the cap audit), used by the "capped" rate choices.
        excess: the charges above the legal cap (from the cap audit), used by ``WaiverMode.EXCESS``.
        horizon: months simulated when the contract continues (status quo, waiver or deferral only).

    The horizon cuts only the open-ended contract path: without a restructure or settlement the contract (and a
    deferral before it) runs from period 1 to ``horizon`` at most, and a debt not paid off by then has
    ``remaining > 0``, no :attr:`Schedule.payoff_date` and the finding ``UNPAID_AT_HORIZON`` ("not paid off
    within the N months shown", with the date it would be paid off later) — never ``NEVER_PAID_OFF``, which is
    reported only when the payment does not exceed the first contract month's interest and fee, so the balance
    cannot fall at all. Restructure installments (with the deferral and down payment before them) and a
    settlement are always listed in full, however far beyond the horizon they run: their payoff date may then
    fall after it, and the finding ``PLAN_BEYOND_HORIZON`` (information, subject ``"horizon"``, equal for every
    debt) says that this rule applies.

    Returns:
        The schedule, with the APR and findings.

    Raises:
        InvalidInput: ``horizon`` outside 1–1200, a negative ``excess``, a settlement ``pay_by`` before
            ``start``.
    """
    start = parse_date(start, field="start")
    horizon = to_int(horizon, field="horizon", low=1, high=MAX_HORIZON, allow_text=False)
    excess = money(excess, field="excess")
    findings: list[Finding] = []
    subject = debt.id

    charges = debt.charges
    request = _waiver_request(debt, plan.waiver, excess)
    waived = request
    if request > charges:
        waived = charges
        findings.append(
            Finding.of(
                "WAIVER_CLAMPED",
                Severity.INFO,
                subject,
                f"申请减免 {request} 元超过利息、罚息和费用合计 {charges} 元，按 {charges} 元计算（本金不减免）。",
                f"The waiver asked for ({request}) exceeds the charges ({charges}); {charges} is used "
                "(principal is never waived).",
                requested=request,
                charges=charges,
            )
        )
    p: Decimal = debt.outstanding_principal
    c: Decimal = charges - waived
    opening = p + c
    lines: list[Installment] = []
    remaining = _ZERO
    guess = _ZERO

    if plan.settlement is not None:
        settlement = plan.settlement
        if settlement.pay_by < start:
            raise InvalidInput("pay_by", "date_order", settlement.pay_by.isoformat(), params={"other": "start"})
        pay = round_fen(opening * settlement.percent / _HUNDRED)
        waived = waived + opening - pay
        if opening:
            lines.append(_line(Installment, (months_between(start, settlement.pay_by), settlement.pay_by, pay, pay,
                                             _ZERO, _ZERO, _ZERO)))
    elif plan.restructure is not None:
        restructure = plan.restructure
        deferral = plan.deferral
        deferred = deferral.months if deferral is not None else 0
        dates = _due_dates(start, deferred + restructure.months)
        down = restructure.down_payment
        if down > opening:
            findings.append(
                Finding.of(
                    "DOWN_PAYMENT_CLAMPED",
                    Severity.INFO,
                    subject,
                    f"首付款 {down} 元超过减免后欠款 {opening} 元，按 {opening} 元计算。",
                    f"The down payment ({down}) exceeds the balance after the waiver ({opening}); {opening} is used.",
                    down_payment=down,
                    balance=opening,
                )
            )
            down = opening
        if down:
            if down >= c:
                p -= down - c
                c = _ZERO
            else:
                c -= down
            lines.append(_line(Installment, (0, start, down, down, _ZERO, _ZERO, p + c)))
        held = _ZERO
        if deferral is not None and deferral.months:
            p, c, held = _defer(
                lines,
                p,
                c,
                months=deferral.months,
                token=deferral.token_amount,
                pct=_deferral_rate(debt, deferral.interest, cap_rate),
                capitalise=deferral.capitalise,
                dates=dates,
            )
        amount = p + c
        rate = _restructure_rate(debt, restructure, cap_rate)
        guess = rate / _MONTHLY
        if amount:
            fee = round_fen(amount * restructure.monthly_fee_percent / _HUNDRED)
            lines.extend(
                _amortize_lines(amount, rate, restructure.months, restructure.method, dates, deferred + 1, fee, held)
            )
            guess += restructure.monthly_fee_percent / 50  # a flat fee costs about twice its rate
        if restructure.months > CARD_RESTRUCTURE_LIMIT:
            card = debt.kind is CreditorKind.CREDIT_CARD
            findings.append(
                Finding.of(
                    "TERM_OVER_60",
                    Severity.WARNING if card else Severity.INFO,
                    subject,
                    f"分期 {restructure.months} 期超过 60 期："
                    + ("信用卡个性化分期最长 5 年（60 期），银行通常不会同意。" if card
                       else "60 期是信用卡个性化分期的上限，其他债权人可自行约定期限。"),
                    f"{restructure.months} installments exceed 60: "
                    + ("a credit-card personalised installment plan may last at most 5 years (60 months)." if card
                       else "60 months is the credit-card limit; other lenders set their own terms."),
                    CARD_RULE_SOURCE,
                    months=restructure.months,
                    limit=CARD_RESTRUCTURE_LIMIT,
                )
            )
    else:
        deferral = plan.deferral
        deferred = deferral.months if deferral is not None else 0
        dates = _due_dates(start, max(horizon, deferred))
        rate = debt.running_rate if plan.is_status_quo else debt.contract_rate
        guess = rate.percent_per_year / _MONTHLY
        held = _ZERO
        resume = (p, c, held)  # what the contract resumes from after the whole deferral, shown or not
        if deferral is not None and deferred:
            before = (p, c)
            pct = _deferral_rate(debt, deferral.interest, cap_rate)
            p, c, held = _defer(lines, p, c, months=min(deferred, horizon), token=deferral.token_amount, pct=pct,
                                capitalise=deferral.capitalise, dates=dates)
            resume = (p, c, held)
            if deferred > horizon:  # the horizon cuts the deferral: play it out (unlisted) to judge what follows
                resume = _defer([], *before, months=deferred, token=deferral.token_amount, pct=pct,
                                capitalise=deferral.capitalise, dates=dates)
        stuck = _never_paid_off(debt, *resume, rate)
        if stuck is not None:
            findings.append(stuck)
        p, c, held = _continue_contract(
            debt, lines, p, c, held, first=deferred + 1, horizon=horizon, rate=rate, dates=dates
        )
        remaining = p + c + held
        if remaining and stuck is None:
            if deferred < horizon:
                later = _projected_payoff(debt, start, p, c, held, first=horizon + 1, rate=rate)
            else:
                later = _projected_payoff(debt, start, *resume, first=deferred + 1, rate=rate)
            findings.append(_unpaid_at_horizon(subject, remaining, horizon, deferred, later))

    if plan.settlement is not None or plan.restructure is not None:
        beyond = _beyond_horizon(lines, horizon)
        if beyond is not None:
            findings.append(beyond)

    return Schedule(
        debt_id=debt.id,
        start=start,
        opening_balance=Money(opening),
        waived=Money(waived),
        lines=tuple(lines),
        remaining=Money(remaining),
        apr_percent=_schedule_apr(opening, lines, remaining, guess),
        findings=tuple(findings),
    )


def _projected_payoff(
    debt: Debt, start: date, p: Decimal, c: Decimal, held: Decimal, *, first: int, rate: Rate
) -> tuple[int, date] | None:
    """Return ``(period, due date)`` of the last contract payment from ``first`` on (unlisted), or None when the
    debt is not paid off by period :data:`MAX_HORIZON`."""
    if first > MAX_HORIZON:
        return None
    scratch: list[Installment] = []
    dates = _due_dates(start, MAX_HORIZON)
    p, c, held = _continue_contract(debt, scratch, p, c, held, first=first, horizon=MAX_HORIZON, rate=rate,
                                    dates=dates)
    if p + c + held or not scratch:
        return None
    return scratch[-1][0], scratch[-1][1]


def _unpaid_at_horizon(
    subject: str, remaining: Decimal, horizon: int, deferred: int, later: tuple[int, date] | None
) -> Finding:
    """UNPAID_AT_HORIZON: payments on contract terms are shown only for ``horizon`` months; the debt is not
    paid off within them, which is not the same as never (that is NEVER_PAID_OFF)."""
    if deferred >= horizon:
        cut_zh = f"延期 {deferred} 个月，已到显示的 {horizon} 个月末，延期后按合同继续还款的部分不在显示范围内"
        cut_en = (f"the {deferred}-month deferral reaches the end of the {horizon} months shown, so the payments on "
                  "contract terms after it are not shown")
    else:
        cut_zh = "按合同继续还款的部分只测算到此为止"
        cut_en = "payments on contract terms are projected only that far"
    when: dict[str, object] = {}
    if later is None and horizon >= MAX_HORIZON:
        when_zh = when_en = ""
    elif later is None:
        when_zh = f"按目前的还款额，{MAX_HORIZON} 个月内也还不清。"
        when_en = f" At the current payment it is not paid off within {MAX_HORIZON} months either."
    else:
        period, day = later
        when_zh = f"按目前的还款额欠款在逐月减少，预计 {day.isoformat()}（第 {period} 个月）还清。"
        when_en = (f" At the current payment the balance does fall: it would be paid off on {day.isoformat()} "
                   f"(month {period}).")
        when = {"payoff_month": period, "payoff_date": day.isoformat()}
    return Finding.of(
        "UNPAID_AT_HORIZON",
        Severity.WARNING,
        subject,
        f"在显示的 {horizon} 个月内未还清，第 {horizon} 个月末仍欠 {remaining} 元（{cut_zh}，"
        f"还清日期因此显示为空）。{when_zh}",
        f"Not paid off within the {horizon} months shown: {remaining} is still owed at the end of month {horizon} "
        f"({cut_en}, so no debt-free date is shown).{when_en}",
        remaining=Money(remaining),
        horizon=horizon,
        **when,
    )


HORIZON_SUBJECT = "horizon"  # the subject of PLAN_BEYOND_HORIZON, equal for every debt so a listing shows it once


def _beyond_horizon(lines: list[Installment], horizon: int) -> Finding | None:
    """PLAN_BEYOND_HORIZON when a negotiated plan's last payment falls after the horizon (it is listed anyway).

    Its subject, wording and detail depend only on the horizon, so the findings of several debts are equal and a
    listing can show the rule once; each debt's own last date is its schedule's :attr:`Schedule.payoff_date`.
    """
    if not lines or lines[-1][0] <= horizon:
        return None
    return Finding.of(
        "PLAN_BEYOND_HORIZON",
        Severity.INFO,
        HORIZON_SUBJECT,
        f"协商的分期或一次性结清有还款在显示的 {horizon} 个月之后：协商方案总是完整列出，测算月数只截断按合同继续"
        "还款的部分，所以协商方案的还清日期可以晚于显示的月数，还款总额也包括全部分期。",
        f"A negotiated installment plan or settlement has payments after the {horizon} months shown: negotiated "
        "plans are always listed in full and the horizon cuts only payments on contract terms, so a negotiated "
        "plan's debt-free date may fall after the months shown and its totals include every installment.",
        horizon=horizon,
    )


def _deferral_rate(debt: Debt, choice: DeferralInterest, cap_rate: Rate) -> Decimal:
    if choice is DeferralInterest.NONE:
        return _ZERO
    contract = debt.contract_rate.percent_per_year
    if choice is DeferralInterest.CONTRACT:
        return contract
    return min(contract, cap_rate.percent_per_year)


# --------------------------------------------------------------------------------------------------------------
# APR


def _schedule_apr(opening: Decimal, lines: list[Installment], remaining: Decimal, guess: Decimal) -> Decimal | None:
    """Return the APR of a schedule: +opening at period 0, −payments, −remaining at the last period."""
    if not lines:
        return None
    last = lines[-1][0]
    flows = [_ZERO] * (last + 1)
    flows[0] = opening
    for line in lines:
        flows[line[0]] -= line[2]
    flows[last] -= remaining
    return _apr_from_flows(flows, guess)


def apr_percent(cashflows: Sequence[tuple[int, Decimal]], *, guess: Decimal | None = None) -> Decimal | None:
    """Return the annual percentage rate (年化利率) of monthly cash flows, as the PBoC 2021 No. 3 notice asks.

    The monthly rate ``i`` solves ``Σ amount_k · (1 + i)^−period_k = 0``; the APR is ``12 × i × 100``, rounded
    to 2 places half-up. Solved in ``Decimal`` (no float anywhere): Newton's method on ``v = 1 / (1 + i)`` with
    Horner evaluation, starting from ``guess`` (a monthly fraction, e.g. the nominal rate / 1200) or a
    simple-interest estimate, at most 50 steps, then bisection if Newton did not converge. For the borrower's
    pattern (money received first, payments after) the NPV is concave and decreasing in ``v``, so Newton
    converges from any start and the root is unique.

    Args:
        cashflows: ``(period, amount)`` pairs, signed from the borrower's side: + received (the amount financed at
            period 0), − paid. Several flows in one period are added.
        guess: optional starting monthly rate (a fraction).

    Returns:
        The APR in percent with 2 places; negative when less is paid back than was financed (a settlement);
        exactly 0 for a zero-rate zero-fee plan; ``None`` when there is nothing to compute (no money received or
        no payment).

    Raises:
        InvalidInput: a negative period.
    """
    if not cashflows:
        return None
    checked = [(to_int(period, field="period", low=0, high=100000, allow_text=False), value) for period, value in cashflows]
    flows = [_ZERO] * (max(period for period, _ in checked) + 1)
    for period, value in checked:
        flows[period] += value
    return _apr_from_flows(flows, _ZERO if guess is None else guess)


def _runs(flows: list[Decimal]) -> list[tuple[int, Decimal]]:
    """Return dense flows as ``(count, amount)`` runs of equal amounts, from the last period to the first."""
    runs: list[tuple[int, Decimal]] = []
    count = 0
    current = flows[-1]
    for value in reversed(flows):
        if value == current:
            count += 1
        else:
            runs.append((count, current))
            current = value
            count = 1
    runs.append((count, current))
    return runs


_NEAR_ONE = Decimal("1e-9")  # closer to v = 1 than this, runs are stepped one by one (no 1 / (1 − v))


def _npv_slope(runs: list[tuple[int, Decimal]], v: Decimal) -> tuple[Decimal, Decimal]:
    """Return ``f(v) = Σ flows[k]·v^k`` and ``f'(v)`` by Horner's rule over runs of equal flows.

    One Horner step is ``f ← f·v + c`` (and ``f' ← f'·v + f``). ``m`` equal steps at once are
    ``f ← f·v^m + c·S`` and ``f' ← f'·v^m + f·m·v^(m−1) + c·S'``, with the geometric sum ``S = Σ_{j<m} v^j =
    (1 − v^m)/(1 − v)`` and ``S' = (S − m·v^(m−1))/(1 − v)``; a 60-installment plan then costs 3 runs, not 61 steps.
    Near ``v = 1`` (a rate near 0) the steps are taken one by one to avoid the cancellation in ``1 − v``.
    """
    f = _ZERO
    d = _ZERO
    w = _ONE - v
    stepwise = -_NEAR_ONE < w < _NEAR_ONE
    for m, c in runs:
        if m < 4 or stepwise:
            for _ in range(m):
                d = d * v + f
                f = f * v + c
            continue
        vm1 = v ** (m - 1)
        vm = vm1 * v
        d = d * vm + f * m * vm1
        f = f * vm
        if c:
            geometric = (_ONE - vm) / w
            d += c * ((geometric - m * vm1) / w)
            f += c * geometric
    return f, d


def _npv(flows: list[Decimal], v: Decimal) -> Decimal:
    """Return ``Σ flows[k]·v^k`` by plain Horner steps (used by the bisection fallback)."""
    f = _ZERO
    for value in reversed(flows):
        f = f * v + value
    return f


def _apr_from_flows(flows: list[Decimal], guess: Decimal) -> Decimal | None:
    """Return the APR of dense monthly net flows (index = period), or None without money in both directions."""
    # Leading empty periods do not change the rate: drop them (v = 0 would otherwise be a spurious root).
    first = 0
    while first < len(flows) and not flows[first]:
        first += 1
    flows = flows[first:]
    if not any(value > 0 for value in flows) or not any(value < 0 for value in flows):
        return None
    monthly = _solve_monthly(flows, guess)
    if monthly is None:
        return None
    apr = (monthly * _MONTHLY).quantize(_APR_PLACES, ROUNDING)
    return apr if apr else _ZERO  # never "-0.00"


def _solve_monthly(flows: list[Decimal], guess: Decimal) -> Decimal | None:
    """Return the monthly IRR of dense flows (Newton on v from the guess, bisection fallback)."""
    if not guess:
        guess = _simple_guess(flows)
    runs = _runs(flows)
    v = _ONE / (_ONE + guess) if guess > -1 else _ONE
    for _ in range(_NEWTON_STEPS):
        f, d = _npv_slope(runs, v)
        if not f:
            return _ONE / v - _ONE
        if not d:
            break
        step = f / d
        v -= step
        if v <= 0:
            break
        if -_NEWTON_TOLERANCE <= step <= _NEWTON_TOLERANCE:
            return _ONE / v - _ONE
    return _bisect(flows)


def _simple_guess(flows: list[Decimal]) -> Decimal:
    """Return a simple-interest estimate of the monthly rate (close for amortising loans)."""
    received = sum([value for value in flows if value > 0], _ZERO)
    paid = -sum([value for value in flows if value < 0], _ZERO)
    weighted = -sum([k * value for k, value in enumerate(flows) if value < 0], _ZERO)
    if not received or not weighted:
        return _ZERO
    estimate = (paid - received) / received / (weighted / paid)
    return max(estimate, Decimal("-0.9"))


def _bisect(flows: list[Decimal]) -> Decimal | None:
    """Return the monthly IRR by bisection on v in (0, hi], or None without a sign change."""
    lo = Decimal("1e-9")
    f_lo = _npv(flows, lo)
    hi = Decimal(2)
    f_hi = _npv(flows, hi)
    while (f_lo > 0) == (f_hi > 0):
        hi *= 2
        if hi > Decimal("1e12"):
            return None
        f_hi = _npv(flows, hi)
    for _ in range(_BISECTION_STEPS):
        mid = (lo + hi) / 2
        f_mid = _npv(flows, mid)
        if not f_mid or hi - lo <= _BISECTION_TOLERANCE:
            lo = hi = mid
            break
        if (f_mid > 0) == (f_lo > 0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
    return _ONE / ((lo + hi) / 2) - _ONE
