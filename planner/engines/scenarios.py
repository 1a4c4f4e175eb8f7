"""Scenarios against the household budget: month-by-month cash flow, totals, and the comparison window.

:func:`evaluate_case` computes what every scenario shares — the cap audit of each debt and the status-quo
baseline — then evaluates each scenario: one schedule per debt (:func:`planner.engines.schedules.build_schedule`),
the household's cash flow per month, the months where payments exceed disposable income, and per-creditor
figures. Results are frozen data that a table, a chart and a document all read; nothing here formats or draws.
The use case on top, with caching and budget fitting, is :func:`planner.engines.plan.plan_case`.

Conventions:

* **One window for the whole comparison.** Every scenario, the status quo included, is computed over the same
  ``window`` months from its start (:func:`window_months`): the horizon asked for, lengthened to the last payment
  of the longest negotiated plan (a restructure or a settlement is always listed in full). Month 0 is the start
  date (down payments, settlements due at once) and is a row of every scenario when any of them pays then;
  month ``k`` is ``add_months(start, k)``. No count can exceed the months compared.
* A month is **over budget** when something is due and the payments exceed disposable income.
* A debt's **cost** is what is paid within the window plus what is still owed at its end (the same definition for
  every scenario); the **saving** is the status quo's cost minus the scenario's.
* The **share of disposable income** is a payment divided by disposable income, in percent (2 places, half up);
  ``None`` when disposable income is not positive.
* Per-debt figures inside results are read-only mappings: results are immutable all the way down.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

from planner.caps import CapAudit, CapRules, LprTable, audit_debt
from planner.dates import add_months, months_between
from planner.domain.case import Case
from planner.domain.checks import rate_fraction
from planner.domain.model import Budget, Debt
from planner.domain.options import STATUS_QUO, Plan, Scenario
from planner.engines.payoff import MinPayment, PayoffDebt, simulate_surplus
from planner.engines.schedules import Installment, Schedule, build_schedule, restructure_rate, waiver_amount
from planner.engines.schedules.apr import meaningful_apr
from planner.engines.schedules.lines import MAX_HORIZON, due_dates_cached
from planner.findings import Finding, Scope, Severity
from planner.money import FEN, ZERO, Money, round_percent
from planner.rates import Rate

DEFAULT_HORIZON = 120  # months compared unless a negotiated plan runs longer
STATUS_QUO_NAME = "status-quo"  # the baseline's name (origin "status-quo"; planner.text names it 维持现状)


def share_percent(amount: Decimal, disposable: Decimal) -> Decimal | None:
    """Return ``amount`` as a percentage of ``disposable`` (2 places), or None when disposable ≤ 0."""
    if disposable <= 0:
        return None
    return round_percent(amount * 100 / disposable)


def plan_months(plan: Plan, start: date) -> int:
    """Return the last period of a negotiated plan listed in full (0 for a plan on contract terms).

    A settlement pays in ``months_between(start, pay_by)``; a restructure ends ``deferral + months`` after the
    start. Waivers and deferrals alone continue on contract terms and are cut at the window like the status quo.
    """
    if plan.settlement is not None:
        return max(0, months_between(start, plan.settlement.pay_by))
    if plan.restructure is not None:
        return (plan.deferral.months if plan.deferral is not None else 0) + plan.restructure.months
    return 0


def window_months(scenarios: Iterable[Scenario], horizon: int) -> int:
    """Return the months a comparison covers: ``horizon``, or the end of the longest negotiated plan."""
    longest = max((plan_months(p, s.start) for s in scenarios for _, p in s.plans), default=0)
    return min(MAX_HORIZON, max(horizon, longest))


class MonthFlow(NamedTuple):
    """One month of the household's cash flow under a scenario."""

    month: int
    date: date
    income: Money
    expenses: Money
    reserve: Money
    disposable: Money  # income − expenses − reserve
    payments: Money  # all debt payments due this month
    by_debt: Mapping[str, Money]
    surplus: Money  # disposable − payments; negative when the month is unaffordable
    balance: Money  # everything still owed after this month's payments

    @property
    def is_affordable(self) -> bool:
        """Return True unless something is due and the payments exceed disposable income."""
        return self.surplus >= 0 or not self.payments


@dataclass(frozen=True, slots=True)
class DebtOutcome:
    """One debt under one scenario."""

    debt_id: str
    creditor: str
    plan: Plan
    schedule: Schedule
    status_quo_cost: Money
    disposable: Money

    @property
    def total_paid(self) -> Money:
        """Return the sum of all payments."""
        return self.schedule.total_payment

    @property
    def interest(self) -> Money:
        """Return the interest paid."""
        return self.schedule.total_interest

    @property
    def fees(self) -> Money:
        """Return the fees paid."""
        return self.schedule.total_fees

    @property
    def waived(self) -> Money:
        """Return the amount waived (减免) by the plan."""
        return self.schedule.waived

    @property
    def remaining(self) -> Money:
        """Return what is still owed at the end of the window."""
        return self.schedule.remaining

    @property
    def cost(self) -> Money:
        """Return total paid plus what is still owed at the end of the window."""
        return Money(self.total_paid + self.remaining)

    @property
    def saving(self) -> Money:
        """Return the status-quo cost minus this plan's cost."""
        return Money(self.status_quo_cost - self.cost)

    @property
    def debt_free_date(self) -> date | None:
        """Return the date of the last payment, or None when not repaid within the window."""
        return self.schedule.payoff_date

    @property
    def largest_payment(self) -> Money:
        """Return the largest single payment."""
        return self.schedule.largest_payment

    @property
    def share_of_disposable(self) -> Decimal | None:
        """Return the largest payment as a percentage of disposable income."""
        return share_percent(self.largest_payment, self.disposable)

    @property
    def apr_percent(self) -> Decimal | None:
        """Return the plan's true APR (IRR), percent a year; None where it means nothing (see ``apr_note``)."""
        return self.schedule.apr_percent

    @property
    def apr_note(self) -> str | None:
        """Return why no APR is shown (:attr:`planner.engines.schedules.Schedule.apr_note`)."""
        return self.schedule.apr_note


@dataclass(frozen=True, slots=True)
class Outcome:
    """A scenario evaluated against the budget over the comparison's window."""

    name: str
    start: date
    budget: Budget
    debts: tuple[DebtOutcome, ...]
    months: tuple[MonthFlow, ...]
    findings: tuple[Finding, ...]
    scenario: Scenario | None = None
    window: int = DEFAULT_HORIZON

    @property
    def origin(self) -> str:
        """Return ``""`` for the user's scenario, else what the planner made (``status-quo`` …)."""
        return self.scenario.origin if self.scenario is not None else ""

    @property
    def plans(self) -> tuple[tuple[str, Plan], ...]:
        """Return the scenario's ``(debt id, plan)`` pairs."""
        return self.scenario.plans if self.scenario is not None else ()

    @property
    def shortfall_months(self) -> tuple[MonthFlow, ...]:
        """Return the months where payments exceed disposable income."""
        return tuple(m for m in self.months if not m.is_affordable)

    @property
    def is_affordable(self) -> bool:
        """Return True when every month's payments fit disposable income."""
        return not self.shortfall_months

    @property
    def total_paid(self) -> Money:
        """Return everything paid to all creditors."""
        return Money(sum((d.total_paid for d in self.debts), ZERO))

    @property
    def total_interest(self) -> Money:
        """Return all interest paid."""
        return Money(sum((d.interest for d in self.debts), ZERO))

    @property
    def total_fees(self) -> Money:
        """Return all fees paid."""
        return Money(sum((d.fees for d in self.debts), ZERO))

    @property
    def total_waived(self) -> Money:
        """Return everything waived."""
        return Money(sum((d.waived for d in self.debts), ZERO))

    @property
    def total_remaining(self) -> Money:
        """Return what is still owed at the end of the window."""
        return Money(sum((d.remaining for d in self.debts), ZERO))

    @property
    def total_cost(self) -> Money:
        """Return total paid plus the remaining balance."""
        return Money(self.total_paid + self.total_remaining)

    @property
    def total_saving(self) -> Money:
        """Return the saving against the status quo."""
        return Money(sum((d.saving for d in self.debts), ZERO))

    @property
    def debt_free_date(self) -> date | None:
        """Return the last payoff date, or None when some debt is not repaid within the window."""
        dates = [d.debt_free_date for d in self.debts]
        if not dates or any(d is None for d in dates):
            return None
        return max(d for d in dates if d is not None)

    @property
    def largest_monthly_payment(self) -> Money:
        """Return the largest total of payments in one month."""
        return max((m.payments for m in self.months), default=ZERO)

    @property
    def largest_share_of_disposable(self) -> Decimal | None:
        """Return the largest month's payments as a percentage of disposable income."""
        return share_percent(self.largest_monthly_payment, self.budget.disposable)

    @property
    def lowest_reserve_left(self) -> Money:
        """Return the reserve left in the tightest month: the budget's reserve, less that month's shortfall.

        Negative when a shortfall is larger than the reserve (the household would have to borrow or fall behind).
        """
        tightest = min((m.surplus for m in self.months), default=ZERO)
        return Money(self.budget.reserve + min(tightest, ZERO))

    def debt(self, debt_id: str) -> DebtOutcome:
        """Return the outcome of ``debt_id``."""
        for item in self.debts:
            if item.debt_id == debt_id:
                return item
        raise KeyError(debt_id)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The status-quo baseline and each scenario's outcome for one case, over one window.

    Attributes:
        baseline: the status quo.
        outcomes: one per scenario, in order.
        audits: the cap audit of each debt.
        window: the months every outcome covers (month 0 to ``window``).
        horizon: the months asked for (the window is longer when a negotiated plan is).
    """

    baseline: Outcome
    outcomes: tuple[Outcome, ...]
    audits: tuple[CapAudit, ...]
    window: int = DEFAULT_HORIZON
    horizon: int = DEFAULT_HORIZON

    @property
    def all(self) -> tuple[Outcome, ...]:
        """Return the baseline followed by the scenarios."""
        return (self.baseline, *self.outcomes)


# --------------------------------------------------------------------------------------------------------------
# Evaluation


ScheduleFor = Callable[[Debt, Plan, date], Schedule]


class MonthTotals(NamedTuple):
    """The budget-free part of a scenario's cash flow: payments and balances per month (cached by the planner)."""

    first: int
    payments: tuple[Money, ...]
    by_debt: tuple[Mapping[str, Money], ...]
    balances: tuple[Money, ...]


def scenario_totals(schedules: Sequence[Schedule], window: int, first: int) -> MonthTotals:
    """Return the payments and balances per month ``first..window`` of ``schedules`` (one pass over the lines).

    Each debt's balance is carried forward from its last line (its opening balance before the first one): the
    changes of all the debts' balances are summed per month and accumulated once.
    """
    span = window - first + 1
    by_debt: list[dict[str, Money]] = [{} for _ in range(span)]
    totals = [ZERO] * span
    changes = [ZERO] * span  # how the total balance owed changes in each month
    for schedule in schedules:
        carried = schedule.opening_balance
        changes[0] += carried
        key = schedule.debt_id
        for line in schedule.lines:
            index = line[0] - first
            if index >= span:
                break
            paid = by_debt[index]
            paid[key] = paid.get(key, ZERO) + line[2]
            totals[index] += line[2]
            changes[index] += line[6] - carried
            carried = line[6]
    balances = list(itertools.accumulate(changes))
    return MonthTotals(first, tuple(totals), tuple(MappingProxyType(d) for d in by_debt), tuple(balances))


def cash_flow(budget: Budget, start: date, totals: MonthTotals) -> tuple[MonthFlow, ...]:
    """Return the household's months: the budget against the payments of ``totals``."""
    income, expenses, reserve, disposable = budget.total_income, budget.total_expenses, budget.reserve, budget.disposable
    first = totals.first
    dates = due_dates_cached(start, first + len(totals.payments))
    return tuple(
        MonthFlow(first + k, dates[first + k], income, expenses, reserve, disposable, paid, totals.by_debt[k],
                  Money(disposable - paid), totals.balances[k])
        for k, paid in enumerate(totals.payments)
    )


def start_findings(scenario: Scenario, as_of: date) -> list[Finding]:
    """Return findings on a start date that does not sit with the as-of date of the figures."""
    scope, subject = Scope.SCENARIO, scenario.name
    if scenario.origin == "status-quo":
        return []  # it starts with the scenarios it is compared with, which carry the finding
    if scenario.start < as_of:
        return [Finding.of("START_BEFORE_AS_OF", Severity.WARNING, scope, subject, start=scenario.start, as_of=as_of)]
    if scenario.start > add_months(as_of, 1):
        return [Finding.of("START_AFTER_AS_OF", Severity.WARNING, scope, subject, start=scenario.start, as_of=as_of)]
    return []


def above_cap_findings(debts: Sequence[Debt], outcomes: Iterable[DebtOutcome],
                       audits: Mapping[str, CapAudit]) -> list[Finding]:
    """Return PLAN_ABOVE_CAP for each negotiated installment plan above its debt's cap: its rate on the principal
    (``what`` "rate"), or else its true APR with the fees (``what`` "apr") — a plan the borrower should not accept
    as it stands (the contract terms are the audit's concern)."""
    found = []
    for debt, outcome in zip(debts, outcomes, strict=True):
        audit = audits.get(debt.id)
        restructure = outcome.plan.restructure
        if audit is None or restructure is None:
            continue
        cap = audit.cap
        rate = restructure_rate(debt, restructure, cap.rate)
        what, value = ("rate", rate) if rate > cap.percent else ("apr", outcome.apr_percent)
        if value is not None and value > cap.percent:
            found.append(_above_cap(debt.id, what, round_percent(value), cap.percent, cap.standing, cap.source))
    return found


@functools.lru_cache(maxsize=4096)
def _above_cap(debt_id: str, what: str, rate: Decimal, cap: Decimal, standing: str, source: str) -> Finding:
    """One PLAN_ABOVE_CAP, kept: a change of budget re-evaluates every scenario with the same schedules."""
    return Finding.of("PLAN_ABOVE_CAP", Severity.WARNING, Scope.DEBT, debt_id, source=source, what=what, rate=rate,
                      cap=cap, standing=standing)


def plan_findings(scenario: Scenario) -> list[Finding]:
    """Return findings on plan figures that are valid but probably mistyped: a 0.5 % settlement meant as 50 %, an
    installment fee or agreed rate that looks like a fraction (judged in its own unit, :func:`rate_fraction`)."""
    found = []
    for debt_id, plan in scenario.plans:
        restructure = plan.restructure
        if restructure is not None:
            fee = restructure.monthly_fee_percent
            rates = (("monthly_fee_percent", Rate.monthly_percent(fee) if 0 < fee < 1 else None),
                     ("custom_rate", restructure.custom_rate))
            for field, rate in rates:
                slip = rate_fraction(rate, field, debt_id)
                if slip is not None:
                    found.append(slip)
        if plan.settlement is not None and plan.settlement.percent < 5:
            percent = plan.settlement.percent
            found.append(Finding.of("SETTLEMENT_PERCENT_LOW", Severity.WARNING, Scope.DEBT, debt_id,
                                    percent=percent, meant_value=(percent * 100).normalize()))
    return found


def shortfall_finding(scenario_name: str, months: tuple[MonthFlow, ...]) -> Finding | None:
    """Return PAYMENTS_EXCEED_DISPOSABLE when some month is over budget."""
    short = [m for m in months if not m.is_affordable]
    if not short:
        return None
    worst = min(short, key=lambda m: m.surplus)
    return Finding.of("PAYMENTS_EXCEED_DISPOSABLE", Severity.WARNING, Scope.SCENARIO, scenario_name,
                      months=len(short), shown=len(months), gap=Money(-worst.surplus), worst=worst.date)


def surplus_schedules(
    debts: Sequence[Debt], budget: Budget, scenario: Scenario, fixed: Mapping[str, Schedule],
    audits: Mapping[str, CapAudit], window: int,
) -> tuple[dict[str, Schedule], tuple[Finding, ...]]:
    """Return schedules of the debts on contract terms when the surplus goes to them under a payoff policy.

    Month ``k``'s budget for those debts is disposable income minus the fixed plans' payments that month; the
    payoff engine pays each its contractual payment in full (a month where that exceeds the budget shows up as
    over budget, exactly as without a policy) and gives what is left, if anything, in the policy's order. The
    debts are costed as :mod:`planner.engines.schedules` costs the status quo (the shared contract month), so
    savings compare like with like.
    """
    flexible = [d for d in debts if scenario.plan_for(d.id).is_contract_terms]
    if not flexible or scenario.surplus_policy is None:
        return {}, ()
    disposable = budget.disposable
    fixed_by_month = [s.payment_by_period() for s in fixed.values()]
    budgets = [disposable - sum((p.get(k, ZERO) for p in fixed_by_month), ZERO) for k in range(1, window + 1)]
    payoff_debts, opening, waived = [], {}, {}
    for debt in flexible:
        plan = scenario.plan_for(debt.id)
        waived[debt.id] = waiver_amount(debt, plan.waiver, excess=audits[debt.id].excess)
        opening[debt.id] = Money(debt.balance - waived[debt.id])
        rate = debt.running_rate if plan.is_status_quo else debt.contract_rate
        payoff_debts.append(PayoffDebt(debt.id, debt.creditor, opening[debt.id], rate,
                                       MinPayment.fixed(debt.monthly_payment),
                                       charges=Money(debt.charges - waived[debt.id]), fee_rate=debt.fee_rate,
                                       compound=False))
    ids = {d.id for d in flexible}
    order = [i for i in scenario.surplus_order if i in ids] or None
    result = simulate_surplus(payoff_debts, budgets=budgets, after=max(disposable, FEN), start=scenario.start,
                              policy=scenario.surplus_policy, order=order, horizon=window)
    schedules = {}
    for debt in flexible:
        key = debt.id
        lines = tuple(
            Installment(m.month, m.date, m.payments[key], Money(m.payments[key] - m.interest[key] - m.fees[key]),
                        m.interest[key], m.fees[key], m.balances[key])
            for m in result.months
            if m.payments[key] or m.interest[key] or m.fees[key]
        )
        remaining = result.debt(key).balance
        apr, note = meaningful_apr(opening[key], lines, remaining, ZERO)
        findings = tuple(f for f in result.findings if f.subject == key)
        schedules[key] = Schedule(key, scenario.start, opening[key], waived[key], lines, remaining, apr, findings,
                                  note)
    plan_level = tuple(f.about(Scope.SCENARIO, scenario.name) for f in result.findings if f.subject not in ids)
    return schedules, plan_level


def evaluate_scenario(
    scenario: Scenario, debts: Sequence[Debt], budget: Budget, audits: Mapping[str, CapAudit], *,
    as_of: date, window: int, first: int, baseline_costs: Mapping[str, Money], schedule_for: ScheduleFor,
    totals_for: Callable[[Sequence[Schedule]], MonthTotals] | None = None,
) -> Outcome:
    """Evaluate one scenario over ``window`` months (``first``: 0 when month 0 is a row of the comparison).

    ``schedule_for(debt, plan, start)`` builds (or recalls) a schedule; ``totals_for`` may recall the payments
    per month of a set of schedules (the planner caches both, so a change of budget rebuilds no schedule).
    """
    surplus_findings: tuple[Finding, ...] = ()
    given = dict(scenario.plans)
    plans = [given.get(d.id, STATUS_QUO) for d in debts]
    if scenario.surplus_policy is None:
        schedules = [schedule_for(d, plan, scenario.start) for d, plan in zip(debts, plans, strict=True)]
    else:
        fixed = {d.id: schedule_for(d, plan, scenario.start)
                 for d, plan in zip(debts, plans, strict=True) if not plan.is_contract_terms}
        flexible, surplus_findings = surplus_schedules(debts, budget, scenario, fixed, audits, window)
        schedules = [fixed.get(d.id) or flexible[d.id] for d in debts]
    disposable = budget.disposable
    outcomes = tuple(
        DebtOutcome(debt.id, debt.creditor, plan, schedule, baseline_costs[debt.id], disposable)
        for debt, plan, schedule in zip(debts, plans, schedules, strict=True)
    )
    totals = totals_for(schedules) if totals_for is not None else scenario_totals(schedules, window, first)
    months = cash_flow(budget, scenario.start, totals)
    findings = start_findings(scenario, as_of) + plan_findings(scenario)
    findings += [f for s in schedules for f in s.findings]
    findings += above_cap_findings(debts, outcomes, audits)
    findings += surplus_findings
    short = shortfall_finding(scenario.name, months)
    if short is not None:
        findings.append(short)
    return Outcome(scenario.name, scenario.start, budget, outcomes, months, tuple(findings), scenario, window)


def status_quo(start: date) -> Scenario:
    """Return the status-quo scenario starting on ``start``."""
    return Scenario(STATUS_QUO_NAME, (), start, origin="status-quo")


def first_month(scenarios: Iterable[Scenario]) -> int:
    """Return 0 when some plan pays on its start date (a down payment, a settlement in the start month), else 1."""
    for scenario in scenarios:
        for _, plan in scenario.plans:
            if plan.restructure is not None and plan.restructure.down_payment:
                return 0
            if plan.settlement is not None and months_between(scenario.start, plan.settlement.pay_by) <= 0:
                return 0
    return 1


def evaluate_case(
    case: Case,
    scenarios: Iterable[Scenario] | None = None,
    *,
    start: date | None = None,
    horizon: int = DEFAULT_HORIZON,
    lpr: LprTable | None = None,
    rules: CapRules | None = None,
) -> Comparison:
    """Evaluate the status quo and each scenario of ``case`` over one window (see the module conventions).

    Args:
        case: the household's budget and debts.
        scenarios: the scenarios to evaluate (default: the case's own).
        start: the status quo's start date (default: the first scenario's start, else the case's as-of date).
        horizon: the months to compare at least; the window is longer when a negotiated plan is.
        lpr: the LPR table (default: the package's).
        rules: the cap rules (default: the package's).

    Returns:
        A :class:`Comparison` whose baseline is the status quo.
    """
    chosen = tuple(case.scenarios if scenarios is None else scenarios)
    audits = {debt.id: audit_debt(debt, case.as_of, lpr=lpr, rules=rules) for debt in case.debts}
    window = window_months(chosen, horizon)

    built: dict[tuple[str, Plan, date], Schedule] = {}

    def schedule_for(debt: Debt, plan: Plan, day: date) -> Schedule:
        key = (debt.id, plan, day)
        if key not in built:
            audit = audits[debt.id]
            built[key] = build_schedule(debt, plan, start=day, cap_rate=audit.cap.rate, excess=audit.excess,
                                        horizon=window, term_limit=audit.term_limit)
        return built[key]

    return compare(case, chosen, audits, window=window, horizon=horizon, start=start, schedule_for=schedule_for)


def compare(
    case: Case, scenarios: tuple[Scenario, ...], audits: Mapping[str, CapAudit], *, window: int, horizon: int,
    start: date | None, schedule_for: ScheduleFor,
    totals_for: Callable[[Sequence[Schedule], int], MonthTotals] | None = None,
) -> Comparison:
    """Return the comparison of ``scenarios`` with the status quo over ``window`` months (the steps of
    :func:`evaluate_case`, given how to build schedules and per-month totals)."""
    base_start = start or (scenarios[0].start if scenarios else case.as_of)
    first = first_month(scenarios)

    def totals(schedules: Sequence[Schedule]) -> MonthTotals:
        return totals_for(schedules, first) if totals_for is not None else scenario_totals(schedules, window, first)

    baseline_schedules = [schedule_for(d, STATUS_QUO, base_start) for d in case.debts]
    costs = {s.debt_id: Money(s.total_payment + s.remaining) for s in baseline_schedules}

    def run(scenario: Scenario) -> Outcome:
        return evaluate_scenario(scenario, case.debts, case.budget, audits, as_of=case.as_of, window=window,
                                 first=first, baseline_costs=costs, schedule_for=schedule_for, totals_for=totals)

    baseline = run(status_quo(base_start))
    return Comparison(baseline, tuple(run(s) for s in scenarios), tuple(audits[d.id] for d in case.debts), window,
                      horizon)


def evaluate(case: Case, scenario: Scenario, *, horizon: int = DEFAULT_HORIZON) -> Outcome:
    """Evaluate one scenario of ``case`` (its savings are against the status quo from the same start)."""
    return evaluate_case(case, (scenario,), start=scenario.start, horizon=horizon).outcomes[0]
