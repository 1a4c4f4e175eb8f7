"""Data checks: figures that are valid but probably mistyped, returned as findings for the user to confirm.

One check per kind of slip, used wherever such a figure is entered (the case file, the debts table, the payoff
table, the CLI's options), so a rate of 0.18 gets the same warning everywhere:

* :func:`rate_fraction` — a rate whose annual equivalent is above 0 and below 1 % a year, often a fraction typed
  for a percentage (0.18 for 18 %). The suggestion keeps the rate's unit: 0.0015 % a month suggests 0.15 % a month,
  never "15 %"; an installment fee of 0.15 % a month (1.8 % a year) is not flagged.
* :func:`debt_checks` — the rate check on each of a debt's rates, a monthly payment of 0 on a debt with a balance,
  and outstanding principal above the original.

An overdue or contract date after the as-of date is reported by the cap audit (``WINDOW_EMPTY``,
``CONTRACT_AFTER_AS_OF``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from planner.domain.model import Budget, Debt
from planner.findings import Finding, Scope, Severity
from planner.money import Money
from planner.rates import Rate, RateUnit

_HUNDRED = Decimal(100)


_WRITTEN = {RateUnit.ANNUAL_PERCENT: "{}", RateUnit.MONTHLY_PERCENT: "月{}%",
            RateUnit.DAILY_PER_TEN_THOUSAND: "日万分之{}"}
"""How a rate of each unit is written so that it is read in that unit again."""
_DAILY_AT_MOST = Decimal("0.1")  # 0.05 "a year" is far likelier 日0.05% (日万分之5) than 5 % a year


def rate_fraction(rate: Rate | None, field: str, subject: str, *, scope: Scope = Scope.DEBT) -> Finding | None:
    """Return ``RATE_LOOKS_LIKE_FRACTION`` when ``rate`` is above 0 and below 1 % a year, else None.

    The finding names the rate as it was quoted, the rate meant (the quoted number × 100, same unit) and how to
    write it (``write``: ``2`` a year, ``月2%`` a month, ``日万分之5`` a day — a bare number is read as percent a
    year); a fee rate quoted a year also gets ``monthly``, the same number read as percent a month (``0.5`` meant
    as 月0.5%, the usual way to quote a fee); an interest rate quoted a year at most 0.1 gets ``daily``, the number
    read as percent a day in ten-thousandths (``0.05`` meant as 日0.05%, i.e. 日万分之5, how cards quote).
    """
    if rate is None or not 0 < rate.percent_per_year < 1:
        return None
    quoted = rate.quoted if rate.quoted is not None else rate.percent_per_year
    meant_value = (quoted * _HUNDRED).normalize()
    meant = Rate(rate.percent_per_year * _HUNDRED, rate.day_count, rate.unit, meant_value)
    annual = rate.unit is RateUnit.ANNUAL_PERCENT
    extra: dict[str, Any] = {}
    if annual and field == "fee_rate":
        extra["monthly"] = quoted.normalize()
    elif annual and quoted <= _DAILY_AT_MOST:
        extra["daily"] = meant_value
    return Finding.of("RATE_LOOKS_LIKE_FRACTION", Severity.WARNING, scope, subject, field=field, rate=rate,
                      meant=meant, meant_value=meant_value, write=_WRITTEN[rate.unit].format(f"{meant_value:f}"), **extra)


def budget_checks(budget: Budget) -> tuple[Finding, ...]:
    """Return the budget's data checks: no income or expenses at all (NO_BUDGET), or a disposable income below
    zero (DISPOSABLE_NEGATIVE: essential expenses and the reserve exceed the income — worth checking)."""
    if not budget.incomes and not budget.expenses:
        return (Finding.of("NO_BUDGET", Severity.WARNING, Scope.CASE),)
    if budget.disposable < 0:
        return (Finding.of("DISPOSABLE_NEGATIVE", Severity.WARNING, Scope.CASE, income=budget.total_income,
                           outgoing=Money(budget.total_expenses + budget.reserve), disposable=budget.disposable),)
    return ()


def debt_checks(debt: Debt) -> tuple[Finding, ...]:
    """Return the data checks of one debt (see the module docstring)."""
    found: list[Finding] = []
    for name in ("contract_rate", "penalty_rate", "fee_rate"):
        finding = rate_fraction(getattr(debt, name), name, debt.id)
        if finding is not None:
            found.append(finding)
    if debt.monthly_payment == 0 and debt.balance > 0:
        found.append(Finding.of("NO_MONTHLY_PAYMENT", Severity.INFO, Scope.DEBT, debt.id))
    if debt.outstanding_principal > debt.original_principal:
        found.append(Finding.of("PRINCIPAL_ABOVE_ORIGINAL", Severity.INFO, Scope.DEBT, debt.id,
                                outstanding=debt.outstanding_principal, original=debt.original_principal))
    return tuple(found)
