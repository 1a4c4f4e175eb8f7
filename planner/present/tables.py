"""The single boundary into pandas: engine results → DataFrames.

Columns are English snake_case; money columns stay ``Decimal`` (object dtype) so sums reconcile to the fen;
Chinese labels are applied only at presentation with :func:`localize`. Nothing here computes a figure that the
engines did not: every value is read from an :class:`~planner.engines.scenarios.Outcome`, a
:class:`~planner.engines.schedules.build.Schedule` or a :class:`~planner.caps.CapAudit`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

import pandas as pd

from planner.caps import CapAudit
from planner.engines.payoff import (
    Extras,
    PayoffDebt,
    PayoffResult,
    compare_policies,
    comparison_rows,
    minimums_only,
)
from planner.engines.scenarios import Comparison, Outcome
from planner.engines.schedules import Schedule
from planner.money import ZERO
from planner.text import label, scenario_label

COMPARISON_COLUMNS = [
    "scenario", "affordable", "shortfall_months", "total_paid", "total_interest", "total_fees", "total_waived",
    "remaining", "total_cost", "saving", "debt_free_date", "largest_monthly_payment",
    "largest_share_of_disposable",
]


def comparison_frame(outcomes: Comparison | Iterable[Outcome], *, locale: str = "zh") -> pd.DataFrame:
    """Return one row per scenario (the status quo first when a Comparison is given), named for ``locale``."""
    items = outcomes.all if isinstance(outcomes, Comparison) else tuple(outcomes)
    rows = [
        {
            "scenario": scenario_label(o, locale),
            "affordable": o.is_affordable,
            "shortfall_months": len(o.shortfall_months),
            "total_paid": o.total_paid,
            "total_interest": o.total_interest,
            "total_fees": o.total_fees,
            "total_waived": o.total_waived,
            "remaining": o.total_remaining,
            "total_cost": o.total_cost,
            "saving": o.total_saving,
            "debt_free_date": o.debt_free_date,
            "largest_monthly_payment": o.largest_monthly_payment,
            "largest_share_of_disposable": o.largest_share_of_disposable,
        }
        for o in items
    ]
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def creditor_frame(outcome: Outcome) -> pd.DataFrame:
    """Return one row per debt: what the scenario pays, saves and costs for each creditor."""
    rows = [
        {
            "debt_id": d.debt_id,
            "creditor": d.creditor,
            "total_paid": d.total_paid,
            "interest": d.interest,
            "fees": d.fees,
            "waived": d.waived,
            "remaining": d.remaining,
            "saving": d.saving,
            "debt_free_date": d.debt_free_date,
            "largest_payment": d.largest_payment,
            "share_of_disposable": d.share_of_disposable,
            "apr_percent": d.apr_percent,
        }
        for d in outcome.debts
    ]
    return pd.DataFrame(rows)


def cash_flow_frame(outcome: Outcome) -> pd.DataFrame:
    """Return the month-by-month cash flow with one payment column per debt, named ``payment:<id>`` (a debt id
    can never overwrite a household column such as ``balance``)."""
    ids = [d.debt_id for d in outcome.debts]
    rows = []
    for m in outcome.months:
        row = {
            "month": m.month, "date": m.date, "income": m.income, "expenses": m.expenses, "reserve": m.reserve,
            "disposable": m.disposable, "payments": m.payments, "surplus": m.surplus, "affordable": m.is_affordable,
            "balance": m.balance,
        }
        row.update({f"payment:{debt_id}": m.by_debt.get(debt_id, ZERO) for debt_id in ids})
        rows.append(row)
    return pd.DataFrame(rows)


def schedule_frame(schedule: Schedule) -> pd.DataFrame:
    """Return a schedule's installments."""
    return pd.DataFrame(
        [line._asdict() for line in schedule.lines],
        columns=["period", "due_date", "payment", "principal", "interest", "fee", "balance"],
    )


def audit_frame(audits: Sequence[CapAudit], *, locale: str = "zh") -> pd.DataFrame:
    """Return one row per debt's cap audit (the basis in ``locale``)."""
    rows = [
        {
            "debt_id": a.debt_id,
            "cap_rate": a.cap.rate.percent_per_year,
            "cost_rate_percent": a.cost_rate_percent,
            "supportable": a.supportable,
            "claimed": a.claimed,
            "excess": a.excess,
            "cap_basis": a.cap.basis_en if locale == "en" else a.cap.basis_zh,
            "status": a.cap.status,
            "standing": a.cap.standing,
        }
        for a in audits
    ]
    return pd.DataFrame(rows)


def localize(frame: pd.DataFrame, locale: str = "zh") -> pd.DataFrame:
    """Return a copy with display labels as column names (data unchanged)."""
    return frame.rename(columns={c: label(c, locale) for c in frame.columns})


def payoff_frame(results: Sequence[PayoffResult], baseline: PayoffResult | None = None) -> pd.DataFrame:
    """Return one row per payoff policy: months and date to debt-free, interest, paid, interest saved against
    the minimums-only path, shortfall, and each debt's payoff month (``payoff_month:<id>`` columns).
    """
    return pd.DataFrame(comparison_rows(results, baseline))


def compare_payoff(
    debts: Sequence[PayoffDebt],
    *,
    monthly_budget: Decimal | str | int,
    start: date,
    order: Sequence[str] | None = None,
    extras: Extras = (),
) -> pd.DataFrame:
    """Compare the four payoff policies on the same debts and budget in one call (for the app and notebooks).

    The minimums-only path is the baseline of ``interest_saved``.
    """
    results = compare_policies(debts, monthly_budget=monthly_budget, order=order, extras=extras, start=start)
    baseline = minimums_only(debts, monthly_budget=monthly_budget, start=start)
    return payoff_frame(results, baseline)
