"""Debt negotiation planner: exact repayment options, legal-cap audit and cash-flow scenarios for borrowers in
mainland China (债务协商还款规划工具).

The names below are the public API, a contract for notebooks and scripts (names may be added; these stay). They
are loaded on first use, so ``import planner`` stays light (no pandas, matplotlib or ipywidgets)::

    import planner
    case = planner.example_case()                  # or planner.load_case("张伟.json")
    result = planner.plan_case(case, fit=True)     # audits, status quo, every scenario, fitted ones, findings
    for outcome in result.all:
        print(outcome.name, outcome.is_affordable, outcome.total_cost)

* cases: :func:`example_case`, :func:`load_case`, :func:`save_case`, :func:`import_debts`;
* use cases: :func:`plan_case` (and :class:`PlanContext`, which recomputes only what changed),
  :func:`evaluate_case`, :func:`audit_case`;
* the budget beside the NBS household survey: :func:`benchmark_budget` (one :class:`BenchmarkLine` per group of
  expenses, for the budget's members and :class:`BenchmarkArea`), :func:`load_spending_benchmarks`;
* engines: :func:`amortize`, :func:`apr_percent`, :func:`simulate`, :func:`compare_policies`;
* value types: :class:`Case`, :class:`Budget`, :class:`Debt`, :class:`Plan`, :class:`Scenario`, :class:`Waiver`,
  :class:`Deferral`, :class:`Restructure`, :class:`Settlement`, :class:`RepaymentMethod`, :class:`Rate`,
  :data:`Money`, :func:`money`;
* the app: :class:`PlannerApp` (JupyterLab and Voila; loads ipywidgets on first use);
* wording: :func:`render` (a finding's sentence for a locale and an audience); errors: :class:`InvalidInput`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# ``planner.money`` is both a module and the function the API promises: bind the function now (the module is
# tiny), so that importing the module later does not leave ``planner.money`` naming the module.
from planner.money import Money, money

_EXPORTS = {
    "example_case": "planner.io.examples",
    "load_case": "planner.io.casefile",
    "save_case": "planner.io.casefile",
    "import_debts": "planner.io.importing",
    "plan_case": "planner.engines.plan",
    "PlanContext": "planner.engines.plan",
    "PlannerApp": "planner.ui",
    "CasePlan": "planner.engines.plan",
    "evaluate_case": "planner.engines.scenarios",
    "audit_case": "planner.caps",
    "load_spending_benchmarks": "planner.caps.spending",
    "benchmark_budget": "planner.caps.spending",
    "BenchmarkLine": "planner.caps.spending",
    "amortize": "planner.engines.schedules",
    "apr_percent": "planner.engines.schedules",
    "simulate": "planner.engines.payoff",
    "compare_policies": "planner.engines.payoff",
    "Case": "planner.domain.case",
    "Budget": "planner.domain.model",
    "BenchmarkArea": "planner.domain.model",
    "Debt": "planner.domain.model",
    "IncomeItem": "planner.domain.model",
    "ExpenseItem": "planner.domain.model",
    "CreditorKind": "planner.domain.model",
    "Plan": "planner.domain.options",
    "Scenario": "planner.domain.options",
    "Waiver": "planner.domain.options",
    "WaiverMode": "planner.domain.options",
    "Deferral": "planner.domain.options",
    "Restructure": "planner.domain.options",
    "Settlement": "planner.domain.options",
    "RepaymentMethod": "planner.domain.options",
    "RateChoice": "planner.domain.options",
    "Policy": "planner.domain.options",
    "Rate": "planner.rates",
    "Finding": "planner.findings",
    "render": "planner.text",
    "InvalidInput": "planner.errors",
}

__all__ = [
    "BenchmarkArea",
    "BenchmarkLine",
    "Budget",
    "Case",
    "CasePlan",
    "CreditorKind",
    "Debt",
    "Deferral",
    "ExpenseItem",
    "Finding",
    "IncomeItem",
    "InvalidInput",
    "Money",
    "Plan",
    "PlanContext",
    "PlannerApp",
    "Policy",
    "Rate",
    "RateChoice",
    "RepaymentMethod",
    "Restructure",
    "Scenario",
    "Settlement",
    "Waiver",
    "WaiverMode",
    "amortize",
    "apr_percent",
    "audit_case",
    "benchmark_budget",
    "compare_policies",
    "evaluate_case",
    "example_case",
    "import_debts",
    "load_case",
    "load_spending_benchmarks",
    "money",
    "plan_case",
    "render",
    "save_case",
    "simulate",
]

if TYPE_CHECKING:  # for type checkers and editors; at run time the names load on first use
    from planner.caps import audit_case
    from planner.caps.spending import BenchmarkLine, benchmark_budget, load_spending_benchmarks
    from planner.domain.case import Case
    from planner.domain.model import BenchmarkArea, Budget, CreditorKind, Debt, ExpenseItem, IncomeItem
    from planner.domain.options import (
        Deferral,
        Plan,
        Policy,
        RateChoice,
        RepaymentMethod,
        Restructure,
        Scenario,
        Settlement,
        Waiver,
        WaiverMode,
    )
    from planner.engines.payoff import compare_policies, simulate
    from planner.engines.plan import CasePlan, PlanContext, plan_case
    from planner.engines.scenarios import evaluate_case
    from planner.engines.schedules import amortize, apr_percent
    from planner.errors import InvalidInput
    from planner.findings import Finding
    from planner.io.casefile import load_case, save_case
    from planner.io.examples import example_case
    from planner.io.importing import import_debts
    from planner.rates import Rate
    from planner.text import render
    from planner.ui import PlannerApp


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        msg = f"module 'planner' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
