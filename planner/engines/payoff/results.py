"""The payoff engine's results: one row per month, one summary per debt, the plan."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from planner.domain.options import Policy
from planner.engines.payoff.inputs import BASELINE
from planner.errors import InvalidInput
from planner.findings import Finding
from planner.money import ZERO, Money

# -------------------------------------------------------------------------------------------------- results


class PayoffMonth(NamedTuple):
    """One month of a plan (amounts in yuan, keyed by debt id, every debt present).

    The per-debt figures are read-only mappings. ``available`` is the budget plus that month's extras (for the minimums-only path without a budget: the sum
    of the minimums due); ``available == sum(payments) + unallocated`` exactly. ``fees`` is each debt's recurring
    fee that month (0 without a ``fee_rate``); per debt, previous balance + interest + fee − payment = balance.
    """

    month: int
    date: date
    available: Money
    payments: Mapping[str, Money]
    interest: Mapping[str, Money]
    balances: Mapping[str, Money]
    unallocated: Money
    shortfall: bool
    fees: Mapping[str, Money]


@dataclass(frozen=True, slots=True)
class DebtSummary:
    """One debt's outcome under a plan.

    Attributes:
        id: the debt's id.
        payoff_month: the month it is paid off (0 when it started at 0), ``None`` if never within the plan.
        payoff_date: that month's payment date.
        interest: the interest it accrued over the plan (fees not included).
        paid: what was paid to it over the plan (start balance + interest + fees − balance).
        balance: what it still owes at the end (0 when paid off).
        fees: the recurring fees it accrued over the plan (0 without a ``fee_rate``).
    """

    id: str
    payoff_month: int | None
    payoff_date: date | None
    interest: Money
    paid: Money
    balance: Money
    fees: Money = ZERO


@dataclass(frozen=True, slots=True)
class PayoffResult:
    """The outcome of one payoff policy on a set of debts.

    Attributes:
        policy: the policy, or ``None`` for the minimums-only baseline.
        order: the debt ids in the order extra money goes to them (input order for pro-rata and the baseline).
        start: the plan's start date (month 0).
        monthly_budget: the budget, or ``None`` for the minimums-only path without one.
        months: one row per month simulated.
        debts: one summary per debt, in input order.
        months_to_debt_free: the month the last debt is paid off; ``None`` if not within the plan.
        debt_free_date: that month's payment date.
        total_interest: interest accrued over the months simulated (fees not included).
        total_paid: payments over the months simulated (they pay interest, fees and balances).
        remaining: what is still owed at the end (0 when debt-free).
        shortfall: True when the budget was below the sum of the minimums in any month.
        findings: observations (shortfall, horizon reached, money left unallocated, extras not used).
        total_fees: recurring fees accrued over the months simulated (0 when no debt has a ``fee_rate``).
        opening_balance: everything owed at the start (month 0), charges included: where a balance chart starts.
    """

    policy: Policy | None
    order: tuple[str, ...]
    start: date
    monthly_budget: Money | None
    months: tuple[PayoffMonth, ...]
    debts: tuple[DebtSummary, ...]
    months_to_debt_free: int | None
    debt_free_date: date | None
    total_interest: Money
    total_paid: Money
    remaining: Money
    shortfall: bool
    findings: tuple[Finding, ...]
    total_fees: Money = ZERO
    opening_balance: Money = ZERO

    @property
    def cost(self) -> Money:
        """Return the cost of credit over the plan: total interest plus total fees."""
        return Money(self.total_interest + self.total_fees)

    @property
    def label(self) -> str:
        """Return the policy's value, or ``"minimums-only"`` for the baseline."""
        return BASELINE if self.policy is None else self.policy.value

    def debt(self, debt_id: str) -> DebtSummary:
        """Return the summary of ``debt_id``."""
        for summary in self.debts:
            if summary.id == debt_id:
                return summary
        raise InvalidInput("id", "unknown_reference", debt_id, params={"choices": ", ".join(d.id for d in self.debts)})


