"""The payoff engine's public functions: simulate, compare, the baselines, and plain rows for tables."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from planner.domain.options import Policy
from planner.engines.payoff.engine import prepare, resolve_order, run
from planner.engines.payoff.inputs import PayoffDebt
from planner.engines.payoff.results import PayoffResult
from planner.money import Money, round_fen

DEFAULT_HORIZON = 600
_ZERO = Decimal("0.00")


# ----------------------------------------------------------------------------------------------- public API

Extras = Iterable[tuple[int, int, Any]] | Mapping[tuple[int, int], Any]


def simulate(
    debts: Iterable[PayoffDebt],
    *,
    monthly_budget: Any,
    policy: Policy | str,
    order: Sequence[str] | None = None,
    extras: Extras = (),
    start: date,
    horizon: int = DEFAULT_HORIZON,
) -> PayoffResult:
    """Simulate paying ``debts`` with ``monthly_budget`` a month under ``policy`` (convention: module docstring).

    Args:
        debts: the debts, in input order (the order of summaries, rows and ties).
        monthly_budget: the amount paid every month, > 0.
        policy: a :class:`Policy` or its name.
        order: debt ids for the custom policy (unlisted debts follow in input order); checked for any policy.
        extras: one-off extra payments as ``(year, month, amount)`` triples or a mapping ``{(year, month):
            amount}``, paid in the month whose payment date falls in that calendar month.
        start: month 0; month ``k`` is paid on ``add_months(start, k)``.
        horizon: the most months simulated (1–1200).

    Returns:
        The plan, with its months, per-debt summaries, totals and findings.

    Raises:
        InvalidInput: no debts, repeated ids, a budget ≤ 0, an unknown policy, an unknown or repeated id in
            ``order``, an extra that is malformed or dated before month 1, a bad horizon.
    """
    chosen = Policy.coerce(policy)
    prepared = prepare(debts, monthly_budget=monthly_budget, extras=extras, start=start, horizon=horizon)
    return run(prepared, chosen, resolve_order(prepared, chosen, order))


def simulate_surplus(
    debts: Iterable[PayoffDebt],
    *,
    budgets: Sequence[Decimal],
    after: Decimal,
    policy: Policy | str,
    order: Sequence[str] | None = None,
    start: date,
    horizon: int = DEFAULT_HORIZON,
) -> PayoffResult:
    """Simulate ``debts`` with a budget that changes month by month: the surplus left by fixed plans.

    Scenarios use it: negotiated plans take their fixed installments first, every debt on contract terms is paid
    its minimum in full (even when the budget cannot cover it: the household's cash flow then shows the month as
    unaffordable, rather than the debts silently going underpaid), and what is left of disposable income each month
    goes to the debts that accept extra payments, under ``policy`` (same convention as :func:`simulate`).
    ``budgets[k - 1]`` is month ``k``'s budget (negative values count as 0: nothing is left); from month
    ``len(budgets) + 1`` on the budget is ``after``.

    Raises:
        InvalidInput: as :func:`simulate`; ``after`` must be > 0.
    """
    chosen = Policy.coerce(policy)
    prepared = prepare(debts, monthly_budget=after, extras=(), start=start, horizon=horizon)
    by_month = {k: Money(max(_ZERO, round_fen(b))) for k, b in enumerate(budgets, start=1)}
    prepared = dataclasses.replace(prepared, budget_by_month=by_month, minimums_first=True)
    return run(prepared, chosen, resolve_order(prepared, chosen, order))


def minimums_only(
    debts: Iterable[PayoffDebt],
    *,
    monthly_budget: Any = None,
    start: date,
    horizon: int = DEFAULT_HORIZON,
) -> PayoffResult:
    """Return the baseline path: every debt gets only its minimum (or its balance), no extras.

    Without ``monthly_budget`` the money available each month is exactly the minimums due; with it, a budget below
    the minimums is split as in rule 4 and anything above them is left unallocated.
    """
    prepared = prepare(debts, monthly_budget=monthly_budget, extras=(), start=start, horizon=horizon)
    return run(prepared, None, tuple(range(len(prepared.debts))))


def compare_policies(
    debts: Iterable[PayoffDebt],
    *,
    monthly_budget: Any,
    order: Sequence[str] | None = None,
    extras: Extras = (),
    start: date,
    horizon: int = DEFAULT_HORIZON,
) -> tuple[PayoffResult, ...]:
    """Return the plans of all four policies, in :class:`Policy` order, on the same debts, budget and extras.

    The custom policy uses ``order`` (input order when ``None``).
    """
    prepared = prepare(debts, monthly_budget=monthly_budget, extras=extras, start=start, horizon=horizon)
    return tuple(run(prepared, policy, resolve_order(prepared, policy, order)) for policy in Policy)


def interest_saved(result: PayoffResult, baseline: PayoffResult | None) -> Money | None:
    """Return what ``result`` saves against ``baseline`` (the minimums-only path): its interest plus fees less ours.

    ``None`` without a baseline, when ``result`` is the baseline itself, or when either plan is not debt-free
    (unfinished totals do not compare). Fees count with interest: paying a debt down sooner saves both (without
    a ``fee_rate`` this is the difference in total interest). The one rule behind the comparison table and the CLI.
    """
    if baseline is None or result is baseline:
        return None
    if baseline.months_to_debt_free is None or result.months_to_debt_free is None:
        return None
    return Money(baseline.cost - result.cost)


def comparison_rows(results: Iterable[PayoffResult], baseline: PayoffResult | None = None) -> list[dict[str, Any]]:
    """Return one plain row per plan, for a comparison table (the tables module makes it a DataFrame).

    Keys: ``policy`` (value, or ``"minimums-only"``), ``months_to_debt_free``, ``debt_free_date``,
    ``total_interest``, ``total_paid``, ``interest_saved`` (:func:`interest_saved`: the baseline's interest and
    fees minus this plan's; ``None`` without a baseline or when either plan is not debt-free), ``shortfall``,
    ``total_fees`` when any plan has fees, then ``payoff_month:<id>`` for each debt in input order.
    """
    results = list(results)
    with_fees = any(r.total_fees for r in results)
    rows = []
    for result in results:
        row: dict[str, Any] = {
            "policy": result.label,
            "months_to_debt_free": result.months_to_debt_free,
            "debt_free_date": result.debt_free_date,
            "total_interest": result.total_interest,
            "total_paid": result.total_paid,
            "interest_saved": interest_saved(result, baseline),
            "shortfall": result.shortfall,
        }
        if with_fees:
            row["total_fees"] = result.total_fees
        for summary in result.debts:
            row[f"payoff_month:{summary.id}"] = summary.payoff_month
        rows.append(row)
    return rows
