"""Schedule lines and schedules (the engines' results), and the memoised due dates they use."""


from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from planner.dates import add_months
from planner.findings import Finding
from planner.money import Money

_ZERO = Decimal("0.00")



MAX_HORIZON = 1200  # months (100 years): a bound on the status-quo simulation, not a planning limit

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


new_line = tuple.__new__  # ``new_line(Installment, (...))`` skips NamedTuple's keyword-argument __new__ (about 2× faster)


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
        apr_percent: the true APR (IRR × 12, percent, 2 places); ``None`` where it would mean nothing.
        apr_note: why there is no APR: ``"settlement"`` (a lump sum is not credit), ``"pays_less"`` (less is
            repaid than owed, so the rate would be negative), ``"no_payments"``, ``"same_day"`` (the only payment
            is on the start date); ``None`` when the APR is shown.
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
    apr_note: str | None = None

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


def due_dates_cached(start: date, last_period: int) -> list[date]:
    """Return a list whose item ``k`` is ``add_months(start, k)``, for ``k`` up to at least ``last_period``."""
    dates = _DATE_CACHE.get(start)
    if dates is None or len(dates) <= last_period:
        if len(_DATE_CACHE) >= _DATE_CACHE_LIMIT:
            _DATE_CACHE.clear()
        dates = [add_months(start, k) for k in range(max(last_period, 120) + 1)]
        _DATE_CACHE[start] = dates
    return dates


