"""Fitting plans to the budget: the shortest affordable common term, and the pro-rata (debt-management) split.

Both build scenarios the planner itself would accept:

* **Term limits.** No debt gets more installments than its creditor kind allows (the cap audit's
  :attr:`~planner.caps.CapAudit.term_limit`: 60 for credit cards, 《商业银行信用卡业务监督管理办法》 art. 70); where the
  budget would need more, the plan stops at the limit and a finding says why it does not fit.
* **At least the excess.** Each debt's waiver is the one asked for (by default 罚息、违约金和费用), or the charges
  above the cap when those are larger (a private loan's interest above 4 × LPR is no penalty, but it is above the
  cap), so a fitted plan never keeps charging what the audit flagged.
* **Never above the cap.** A rate choice that would exceed the cap (the contract rate of a loan priced above it)
  is replaced by the capped rate, with a finding.

:func:`shortest_affordable_terms` finds the shortest common term that fits disposable income every month (more
months never raise an installment, so the search is a bisection); :func:`pro_rata_scenario` splits the affordable
amount in proportion to balances and repays each debt interest-free within its share, with token payments or a
pause where even that cannot (shortfall mode).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Any

from planner.caps import CapAudit, audit_debt
from planner.domain.case import Case
from planner.domain.model import Debt
from planner.domain.options import (
    MAX_RESTRUCTURE_MONTHS,
    Deferral,
    Plan,
    RateChoice,
    RepaymentMethod,
    Restructure,
    Scenario,
    Waiver,
    WaiverMode,
)
from planner.engines.scenarios import scenario_totals
from planner.engines.schedules import Schedule, build_schedule, waiver_amount
from planner.findings import Finding, Scope, Severity
from planner.money import ZERO, Money, floor_fen, round_fen

ScheduleFor = Callable[[Debt, Plan, date], Schedule]
_FITTED_WAIVER = Waiver(WaiverMode.PENALTIES_AND_FEES)
SHORTFALL_PAUSE = 12  # months of token payments or a pause when the budget cannot repay


def _audits(case: Case, audits: Mapping[str, CapAudit] | None) -> Mapping[str, CapAudit]:
    return audits if audits is not None else {d.id: audit_debt(d, case.as_of) for d in case.debts}


def _builder(audits: Mapping[str, CapAudit], horizon: int) -> ScheduleFor:
    def schedule_for(debt: Debt, plan: Plan, day: date) -> Schedule:
        audit = audits[debt.id]
        return build_schedule(debt, plan, start=day, cap_rate=audit.cap.rate, excess=audit.excess,
                              horizon=horizon, term_limit=audit.term_limit)

    return schedule_for


def fitted_waiver(debt: Debt, audit: CapAudit, waiver: Waiver = _FITTED_WAIVER) -> Waiver:
    """Return ``waiver``, or the waiver of the excess above the cap when that removes more."""
    if audit.excess > waiver_amount(debt, waiver, excess=audit.excess):
        return Waiver(WaiverMode.EXCESS)
    return waiver


def fitted_rate(debt: Debt, audit: CapAudit, rate: RateChoice) -> tuple[RateChoice, Finding | None]:
    """Return ``rate``, or the capped rate (with FIT_RATE_CAPPED) when the contract rate is above the cap."""
    if rate is RateChoice.CONTRACT and debt.contract_rate.percent_per_year > audit.cap.percent:
        return RateChoice.CAPPED, Finding.of("FIT_RATE_CAPPED", Severity.INFO, Scope.DEBT, debt.id,
                                             cap=audit.cap.percent)
    return rate, None


def term_limit(audit: CapAudit, max_months: int) -> int:
    """Return the most installments a debt may get: its kind's limit, and at most ``max_months``."""
    limit = audit.term_limit.months if audit.term_limit is not None else max_months
    return min(limit, max_months)


def _fits(schedules: Sequence[Schedule], disposable: Decimal, months: int) -> bool:
    totals = scenario_totals(schedules, months, 0)
    return all(not paid or paid <= disposable for paid in totals.payments)


def shortest_affordable_terms(
    case: Case,
    *,
    start: date,
    audits: Mapping[str, CapAudit] | None = None,
    waiver: Waiver = _FITTED_WAIVER,
    rate: RateChoice = RateChoice.ZERO,
    method: RepaymentMethod = RepaymentMethod.EQUAL_INSTALLMENT,
    max_months: int = MAX_RESTRUCTURE_MONTHS,
    schedule_for: ScheduleFor | None = None,
) -> tuple[Scenario | None, tuple[Finding, ...]]:
    """Return the restructure with the shortest common term that is affordable every month.

    Every debt gets the same waiver (at least its excess: :func:`fitted_waiver`), the same rate (never above the
    cap) and ``n`` installments, or its creditor kind's limit when that is shorter; ``n`` is the smallest value up
    to ``max_months`` whose every month fits disposable income. Returns ``(None, findings)`` when even the
    longest allowed terms do not fit (NO_AFFORDABLE_TERM, naming the debts held to a shorter term by their
    kind's limit).
    """
    if not case.debts:
        return None, ()
    audits = _audits(case, audits)
    build = schedule_for or _builder(audits, max_months + 1)
    findings: list[Finding] = []
    base: dict[str, tuple[Waiver, RateChoice, int]] = {}
    for debt in case.debts:
        audit = audits[debt.id]
        chosen, capped = fitted_rate(debt, audit, rate)
        if capped is not None:
            findings.append(capped)
        base[debt.id] = (fitted_waiver(debt, audit, waiver), chosen, term_limit(audit, max_months))

    def plans(months: int) -> tuple[tuple[str, Plan], ...]:
        return tuple(
            (debt.id, Plan(waiver=base[debt.id][0], restructure=Restructure(
                months=min(months, base[debt.id][2]), method=method, rate=base[debt.id][1])))
            for debt in case.debts
        )

    longest = max(limit for _, _, limit in base.values())
    disposable = case.budget.disposable

    def fits(months: int) -> bool:
        schedules = [build(debt, plan, start) for (_, plan), debt in zip(plans(months), case.debts, strict=True)]
        return _fits(schedules, disposable, months)

    if not fits(longest):
        held = tuple(debt.id for debt in case.debts if base[debt.id][2] < longest)  # at their kind's limit
        extra: dict[str, Any] = {"limited": held} if held else {}
        findings.append(Finding.of("NO_AFFORDABLE_TERM", Severity.WARNING, Scope.CASE, max_months=longest, **extra))
        return None, tuple(findings)
    low, high = 1, longest
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    scenario = Scenario(f"shortest-term-{low}", plans(low), start, origin="shortest-term")
    return scenario, tuple(findings)


def _months_within(balance: Decimal, share: Decimal) -> int:
    """Return the fewest 0 % installments of ``balance`` none of which exceeds ``share``.

    Starts from ``ceil(balance / share)`` (Decimal's ``//`` truncates toward zero, so the quotient is rounded up
    explicitly) and lengthens the term while the rounded installment, or the last one that absorbs the rounding
    residue, would still exceed the share.
    """
    months = int((balance / share).to_integral_value(rounding=ROUND_CEILING))
    while True:
        installment = round_fen(balance / months)
        if installment <= share and balance - (months - 1) * installment <= share:
            return months
        months += 1


def pro_rata_scenario(
    case: Case,
    *,
    start: date,
    audits: Mapping[str, CapAudit] | None = None,
    waiver: Waiver = _FITTED_WAIVER,
    max_months: int = MAX_RESTRUCTURE_MONTHS,
) -> tuple[Scenario | None, tuple[Finding, ...]]:
    """Split the affordable amount across creditors in proportion to their balances (debt-management plan).

    Each debt's balance after its waiver (at least its excess) gets ``share = floor_fen(disposable × balance /
    total)``, the residue going to the largest balance, and is repaid interest-free (停息) in the fewest
    installments that never exceed the share, so the plan fits disposable income every month. Where that term is
    longer than the creditor kind allows, the plan stops at the limit and FIT_TERM_LIMIT gives the installment it
    then needs. Shortfall mode: where even ``max_months`` installments of the share cannot repay a debt whose kind
    has no limit, it gets 12 months of token payments equal to its share, then installments (TOKEN_PAYMENTS);
    where nothing is available at all (disposable income ≤ 0), payments are paused for 12 months (SHORTFALL).
    """
    if not case.debts:
        return None, ()
    audits = _audits(case, audits)
    waivers = {d.id: fitted_waiver(d, audits[d.id], waiver) for d in case.debts}
    balances = {d.id: Money(d.balance - waiver_amount(d, waivers[d.id], excess=audits[d.id].excess))
                for d in case.debts}
    total = sum(balances.values(), ZERO)
    available = case.budget.disposable
    findings: list[Finding] = []
    shares = {d.id: ZERO for d in case.debts}
    if available > 0 and total > 0:
        shares = {k: floor_fen(available * b / total) for k, b in balances.items()}
        largest = max(balances, key=lambda k: balances[k])
        shares[largest] = Money(shares[largest] + available - sum(shares.values(), ZERO))
    else:
        findings.append(Finding.of("SHORTFALL", Severity.WARNING, Scope.CASE, months=SHORTFALL_PAUSE))
    plans = []
    for debt in case.debts:
        balance, share, chosen = balances[debt.id], shares[debt.id], waivers[debt.id]
        audit = audits[debt.id]
        if balance <= 0:
            plans.append((debt.id, Plan(waiver=chosen)))
            continue
        limit = term_limit(audit, max_months)
        if share > 0:
            months = _months_within(balance, share)
            if months <= limit:
                plans.append((debt.id, Plan(waiver=chosen, restructure=Restructure(months=months))))
                continue
            if audit.term_limit is not None and audit.term_limit.months < max_months:
                plans.append((debt.id, Plan(waiver=chosen, restructure=Restructure(months=limit))))
                findings.append(Finding.of("FIT_TERM_LIMIT", Severity.WARNING, Scope.DEBT, debt.id,
                                           source=audit.term_limit.source, needed=months, limit=limit,
                                           kind=debt.kind.value, share=share,
                                           installment=round_fen(balance / limit)))
                continue
        deferral = Deferral(months=SHORTFALL_PAUSE, token_amount=share)
        plans.append((debt.id, Plan(waiver=chosen, deferral=deferral, restructure=Restructure(months=limit))))
        if share > 0:
            findings.append(Finding.of("TOKEN_PAYMENTS", Severity.WARNING, Scope.DEBT, debt.id, share=share,
                                       max_months=limit))
    return Scenario("pro-rata", tuple(plans), start, origin="pro-rata"), tuple(findings)
