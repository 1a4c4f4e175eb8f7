"""The use case: plan a whole case — what ``planner plan`` prints, the app shows and the proposal states.

:func:`plan_case` returns a :class:`CasePlan`: the cap audit of each debt, the status-quo baseline, every
scenario's outcome (the case's own and, when asked, the budget-fitted ones), all over one comparison window, and
the case-level findings (data checks, the legal data, the budget and its expenses beside the household-survey
benchmarks, the fit, the window).

:class:`PlanContext` is the prepared context behind it, for callers that plan again and again (the app reruns on
every widget change). It keeps each debt's audit keyed by the debt and the as-of date, each schedule keyed by its
inputs (the debt, the plan, the start, the months computed for a contract path), and each scenario's payments per
month keyed by its schedules, so that changing one debt's plan in one scenario rebuilds that one schedule and the
sums, and changing the budget rebuilds no schedule at all. A user's own LPR table and cap rules, given to the
context, reach every figure. Entries not used by the latest plan are dropped, so memory stays at one plan's worth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.caps import (
    CapAudit,
    CapRules,
    LprTable,
    audit_debt,
    case_data_findings,
    load_cap_rules,
    load_lpr,
)
from planner.caps.spending import SpendingBenchmarks, load_spending_benchmarks, spending_findings
from planner.domain.case import Case
from planner.domain.checks import budget_checks, debt_checks
from planner.domain.model import Budget, Debt
from planner.domain.options import Plan, Scenario
from planner.engines.fit import pro_rata_scenario, shortest_affordable_terms
from planner.engines.scenarios import (
    DEFAULT_HORIZON,
    Comparison,
    MonthTotals,
    Outcome,
    compare,
    scenario_totals,
    window_months,
)
from planner.engines.schedules import Schedule, build_schedule
from planner.engines.schedules.lines import MAX_HORIZON
from planner.findings import Finding, Scope, Severity, unique
from planner.money import to_int

MAX_PLAN_HORIZON = 600  # months a comparison may be asked for (50 years)


@dataclass(frozen=True, slots=True)
class CasePlan:
    """Everything the planner computes for one case.

    Attributes:
        case: the case planned.
        audits: the cap audit of each debt, in the case's order.
        comparison: the status quo and every scenario's outcome over one window.
        fitted: the budget-fitted scenarios added to the comparison (after the case's own).
        fit_findings: what the budget fitting found (no affordable term, term limits, token payments …).
        findings: about the case as a whole: data checks of each debt and the audits' errors (a contract dated
            after the as-of date), the legal data (LPR_STALE), the budget (NO_BUDGET), the comparison window
            (WINDOW_EXTENDED).
        horizon: the months asked for.
    """

    case: Case
    audits: tuple[CapAudit, ...]
    comparison: Comparison
    fitted: tuple[Scenario, ...]
    fit_findings: tuple[Finding, ...]
    findings: tuple[Finding, ...]
    horizon: int

    @property
    def window(self) -> int:
        """Return the months every outcome covers."""
        return self.comparison.window

    @property
    def first_month(self) -> int:
        """Return the first month of the comparison: 0 when some plan pays on its start date, else 1."""
        months = self.comparison.baseline.months
        return months[0].month if months else 1

    @property
    def baseline(self) -> Outcome:
        """Return the status quo."""
        return self.comparison.baseline

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        """Return the scenarios' outcomes (the case's own, then the fitted ones)."""
        return self.comparison.outcomes

    @property
    def all(self) -> tuple[Outcome, ...]:
        """Return the status quo followed by every scenario."""
        return self.comparison.all

    def outcome(self, name: str) -> Outcome:
        """Return the outcome of the scenario called ``name``."""
        for outcome in self.all:
            if outcome.name == name:
                return outcome
        raise KeyError(name)

    def audit(self, debt_id: str) -> CapAudit:
        """Return the cap audit of ``debt_id``."""
        for audit in self.audits:
            if audit.debt_id == debt_id:
                return audit
        raise KeyError(debt_id)

    @property
    def has_errors(self) -> bool:
        """Return True when a finding anywhere is an error (the input cannot be used as it is)."""
        everything = [*self.findings, *self.fit_findings, *(f for a in self.audits for f in a.findings),
                      *(f for o in self.all for f in o.findings)]
        return any(f.severity is Severity.ERROR for f in everything)


@dataclass(slots=True)
class CacheStats:
    """How often the context recalled a result (hits) or computed it (builds), since it was made."""

    audit_hits: int = 0
    audit_builds: int = 0
    schedule_hits: int = 0
    schedule_builds: int = 0
    totals_hits: int = 0
    totals_builds: int = 0


class PlanContext:
    """A prepared context that plans cases and recomputes only what changed (see the module docstring).

    Args:
        lpr: the LPR table (default: the package's).
        rules: the cap rules (default: the package's).
        benchmarks: the household spending benchmarks the budget's expenses are shown beside (default: the
            package's, read once per process).
    """

    def __init__(self, *, lpr: LprTable | None = None, rules: CapRules | None = None,
                 benchmarks: SpendingBenchmarks | None = None) -> None:
        self.lpr = load_lpr() if lpr is None else lpr
        self.rules = load_cap_rules() if rules is None else rules
        self.benchmarks = load_spending_benchmarks() if benchmarks is None else benchmarks
        self._spending: tuple[Budget, tuple[Finding, ...]] | None = None  # the last budget's findings
        self.stats = CacheStats()
        self._audits: dict[tuple[Debt, date], CapAudit] = {}
        self._schedules: dict[tuple[Any, ...], Schedule] = {}
        self._totals: dict[tuple[Any, ...], tuple[MonthTotals, tuple[Schedule, ...]]] = {}
        self._used: tuple[set[Any], set[Any], set[Any]] = (set(), set(), set())

    # -- cached steps ------------------------------------------------------------------------------------------

    def audit(self, debt: Debt, as_of: date) -> CapAudit:
        """Return the cap audit of ``debt`` on ``as_of`` (recalled when the debt and the date are unchanged)."""
        key = (debt, as_of)
        self._used[0].add(key)
        found = self._audits.get(key)
        if found is not None:
            self.stats.audit_hits += 1
            return found
        self.stats.audit_builds += 1
        audit = audit_debt(debt, as_of, lpr=self.lpr, rules=self.rules)
        self._audits[key] = audit
        return audit

    def schedule(self, debt: Debt, plan: Plan, start: date, audit: CapAudit, horizon: int) -> Schedule:
        """Return the schedule of ``debt`` under ``plan`` (recalled when its inputs are unchanged).

        A negotiated plan (a restructure or a settlement) is listed in full whatever the horizon, so the horizon
        is part of the key only for plans on contract terms.
        """
        listed_in_full = plan.restructure is not None or plan.settlement is not None
        key = (debt, plan, start, audit.as_of, 0 if listed_in_full else horizon)
        self._used[1].add(key)
        found = self._schedules.get(key)
        if found is not None:
            self.stats.schedule_hits += 1
            return found
        self.stats.schedule_builds += 1
        schedule = build_schedule(debt, plan, start=start, cap_rate=audit.cap.rate, excess=audit.excess,
                                  horizon=horizon, term_limit=audit.term_limit)
        self._schedules[key] = schedule
        return schedule

    def totals(self, schedules: Sequence[Schedule], window: int, first: int) -> MonthTotals:
        """Return the payments and balances per month of ``schedules`` (recalled for the same schedules)."""
        key = (tuple(id(s) for s in schedules), window, first)
        self._used[2].add(key)
        found = self._totals.get(key)
        if found is not None:
            self.stats.totals_hits += 1
            return found[0]
        self.stats.totals_builds += 1
        totals = scenario_totals(schedules, window, first)
        self._totals[key] = (totals, tuple(schedules))  # keeping the schedules keeps their ids unique
        return totals

    def spending(self, budget: Budget) -> tuple[Finding, ...]:
        """Return the budget's expenses far above or below the spending benchmarks (recalled for the same budget)."""
        if self._spending is None or self._spending[0] != budget:
            self._spending = (budget, spending_findings(budget, self.benchmarks))
        return self._spending[1]

    def _forget_unused(self) -> None:
        audits, schedules, totals = self._used
        self._audits = {k: v for k, v in self._audits.items() if k in audits}
        self._schedules = {k: v for k, v in self._schedules.items() if k in schedules}
        self._totals = {k: v for k, v in self._totals.items() if k in totals}
        self._used = (set(), set(), set())

    # -- the use case ------------------------------------------------------------------------------------------

    def plan(self, case: Case, *, fit: bool | None = None, horizon: int = DEFAULT_HORIZON) -> CasePlan:
        """Return the plan of ``case`` (see :func:`plan_case`)."""
        horizon = to_int(horizon, field="horizon", low=1, high=MAX_PLAN_HORIZON)
        audits = {d.id: self.audit(d, case.as_of) for d in case.debts}
        scenarios = list(case.scenarios)
        fitted: list[Scenario] = []
        fit_findings: list[Finding] = []
        if (fit if fit is not None else not case.scenarios) and case.debts:
            fitted, fit_findings = self._fit(case, audits, scenarios)
        chosen = (*scenarios, *fitted)
        window = window_months(chosen, horizon)

        def schedule_for(debt: Debt, plan: Plan, start: date) -> Schedule:
            return self.schedule(debt, plan, start, audits[debt.id], window)

        def totals_for(schedules: Sequence[Schedule], first: int) -> MonthTotals:
            return self.totals(schedules, window, first)

        comparison = compare(case, chosen, audits, window=window, horizon=horizon, start=None,
                             schedule_for=schedule_for, totals_for=totals_for)
        findings = self._case_findings(case, tuple(audits.values()), window, horizon)
        self._forget_unused()
        return CasePlan(case, tuple(audits[d.id] for d in case.debts), comparison, tuple(fitted),
                        tuple(unique(fit_findings)), findings, horizon)

    def _fit(
        self, case: Case, audits: dict[str, CapAudit], scenarios: list[Scenario]
    ) -> tuple[list[Scenario], list[Finding]]:
        """Return the budget-fitted scenarios not already among ``scenarios``, and the fit's findings."""
        start = scenarios[0].start if scenarios else case.as_of

        def schedule_for(debt: Debt, plan: Plan, day: date) -> Schedule:
            return self.schedule(debt, plan, day, audits[debt.id], MAX_HORIZON)

        fitted: list[Scenario] = []
        findings: list[Finding] = []
        for scenario, found in (shortest_affordable_terms(case, start=start, audits=audits, schedule_for=schedule_for),
                                pro_rata_scenario(case, start=start, audits=audits)):
            findings += found
            if scenario is None:
                continue
            same = next((s for s in (*scenarios, *fitted) if s.name == scenario.name or s.plans == scenario.plans),
                        None)
            if same is not None:  # at 0 % the pro-rata split can give every debt the same term: the shortest again
                findings.append(Finding.of("FIT_SAME_AS", Severity.INFO, Scope.CASE, fitted=scenario.origin,
                                           same=same.origin or same.name))
                continue
            fitted.append(scenario)
        return fitted, findings

    def _case_findings(self, case: Case, audits: tuple[CapAudit, ...], window: int, horizon: int) -> tuple[Finding, ...]:
        findings: list[Finding] = [f for d in case.debts for f in debt_checks(d)]
        # An audit error (a contract after the as-of date) makes every figure of that debt doubtful: say so here.
        findings += [f for a in audits for f in a.findings if f.severity is Severity.ERROR]
        if not case.debts:
            findings.append(Finding.of("NO_DEBTS", Severity.WARNING, Scope.CASE))
        findings += budget_checks(case.budget)
        if case.budget.expenses:
            findings += self.spending(case.budget)
        findings += case_data_findings(audits, case.as_of, lpr=self.lpr)
        if window > horizon:
            findings.append(Finding.of("WINDOW_EXTENDED", Severity.INFO, Scope.CASE, requested=horizon,
                                       months=window))
        return tuple(unique(findings))


def plan_case(
    case: Case,
    *,
    fit: bool | None = None,
    horizon: int = DEFAULT_HORIZON,
    lpr: LprTable | None = None,
    rules: CapRules | None = None,
    benchmarks: SpendingBenchmarks | None = None,
    context: PlanContext | None = None,
) -> CasePlan:
    """Plan ``case``: audits, the status-quo baseline, every scenario's outcome, the fitted scenarios, findings.

    Args:
        case: the case.
        fit: add the budget-fitted scenarios (the shortest affordable common term, the pro-rata split); by
            default only when the case has no scenarios of its own.
        horizon: the months to compare at least (1–600); the window is longer when a negotiated plan is.
        lpr: the LPR table (default: the package's); ignored when ``context`` is given.
        rules: the cap rules (default: the package's); ignored when ``context`` is given.
        benchmarks: the household spending benchmarks (default: the package's); ignored when ``context`` is given.
        context: a :class:`PlanContext` to reuse across calls, so only what changed is recomputed.

    Raises:
        InvalidInput: a horizon outside 1–600, or an LPR-based cap needing an LPR before the table begins.

    >>> from planner.io.examples import example_case
    >>> result = plan_case(example_case())
    >>> [o.name for o in result.all][:2], result.window
    (['status-quo', '全部停息分期60期'], 120)
    """
    context = context or PlanContext(lpr=lpr, rules=rules, benchmarks=benchmarks)
    return context.plan(case, fit=fit, horizon=horizon)
