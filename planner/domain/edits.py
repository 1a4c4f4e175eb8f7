"""Edits of a case, as pure functions: each returns a new :class:`~planner.domain.case.Case` (validated again).

The app keeps the case as an immutable value and every change the user makes is one of these calls, so undo is
keeping the previous value and no edit can leave a scenario pointing at a debt that is gone: removing a debt
removes its plans, renaming it renames them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from planner.domain.case import Case
from planner.domain.conduct import LogEntry, merge_entries
from planner.domain.model import Budget, Debt
from planner.domain.options import Plan, Scenario
from planner.errors import InvalidInput

PLANNERS_NAMES = frozenset({"status-quo", "pro-rata"})
"""Names of the scenarios the planner makes itself (the status quo, the fitted ones, also ``shortest-term-N``): a
scenario of the user's never takes one, or the comparison could not tell the two apart."""


def is_planners_name(name: str) -> bool:
    """Return True for a name the planner gives its own scenarios.

    >>> is_planners_name("status-quo"), is_planners_name("shortest-term-49"), is_planners_name("我的方案")
    (True, True, False)
    """
    return name in PLANNERS_NAMES or name.startswith("shortest-term-")


def _taken(case: Case) -> set[str]:
    return {s.name for s in case.scenarios} | PLANNERS_NAMES


def unique_name(wanted: str, taken: set[str] | frozenset[str]) -> str:
    """Return ``wanted``, or ``wanted-2``, ``wanted-3`` … the first not in ``taken``.

    >>> unique_name("card", {"card", "card-2"})
    'card-3'
    """
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    return f"{wanted}-{number}"


def set_budget(case: Case, budget: Budget) -> Case:
    """Return ``case`` with ``budget``."""
    return replace(case, budget=budget)


def set_fields(case: Case, **changes: Any) -> Case:
    """Return ``case`` with top-level fields changed (``borrower``, ``as_of``, ``notes``)."""
    return replace(case, **changes)


def add_debt(case: Case, debt: Debt) -> Case:
    """Return ``case`` with ``debt`` appended (its id must be new)."""
    return replace(case, debts=(*case.debts, debt))


def duplicate_debt(case: Case, debt_id: str) -> Case:
    """Return ``case`` with a copy of ``debt_id`` added after it, under a new id (``id-2``)."""
    debt = case.debt(debt_id)
    copy = debt.with_(id=unique_name(debt.id, {d.id for d in case.debts}))
    index = case.debts.index(debt)
    return replace(case, debts=(*case.debts[: index + 1], copy, *case.debts[index + 1 :]))


def remove_debt(case: Case, debt_id: str) -> Case:
    """Return ``case`` without ``debt_id``, and without its plans in every scenario."""
    case.debt(debt_id)  # raises for an unknown id
    scenarios = tuple(
        replace(s, plans=tuple((k, p) for k, p in s.plans if k != debt_id),
                surplus_order=tuple(k for k in s.surplus_order if k != debt_id))
        for s in case.scenarios
    )
    return replace(case, debts=tuple(d for d in case.debts if d.id != debt_id), scenarios=scenarios)


def replace_debt(case: Case, debt_id: str, debt: Debt) -> Case:
    """Return ``case`` with ``debt_id`` replaced by ``debt``; a new id is carried into every scenario's plans.

    Raises:
        InvalidInput: ``duplicate`` when the new id is another debt's.
    """
    old = case.debt(debt_id)
    debts = tuple(debt if d is old else d for d in case.debts)
    scenarios = case.scenarios
    if debt.id != debt_id:
        if debt.id in {d.id for d in case.debts}:
            raise InvalidInput("id", "duplicate", debt.id)
        scenarios = tuple(
            replace(s, plans=tuple((debt.id if k == debt_id else k, p) for k, p in s.plans),
                    surplus_order=tuple(debt.id if k == debt_id else k for k in s.surplus_order))
            for s in case.scenarios
        )
    return replace(case, debts=debts, scenarios=scenarios)


def _scenario_index(case: Case, name: str) -> int:
    case.scenario(name)  # raises for an unknown name
    return next(i for i, s in enumerate(case.scenarios) if s.name == name)


def _with_scenario(case: Case, name: str, scenario: Scenario) -> Case:
    index = _scenario_index(case, name)
    return replace(case, scenarios=(*case.scenarios[:index], scenario, *case.scenarios[index + 1 :]))


def add_scenario(case: Case, name: str, *, start: date | None = None, plans: tuple[tuple[str, Plan], ...] = ()) -> Case:
    """Return ``case`` with a new scenario (on contract terms for every debt unless ``plans`` say otherwise),
    starting on ``start`` (default: the as-of date). A name already used gets a number (``name-2``)."""
    wanted = name.strip() or "scenario"
    name = unique_name(f"{wanted}-1" if is_planners_name(wanted) else wanted, _taken(case))
    scenario = Scenario(name=name, plans=plans, start=start or case.as_of)
    return replace(case, scenarios=(*case.scenarios, scenario))


def add_scenarios(case: Case, scenarios: tuple[Scenario, ...]) -> Case:
    """Return ``case`` with ``scenarios`` appended, each renamed when its name is taken."""
    taken = _taken(case)
    added = []
    for scenario in scenarios:
        name = unique_name(f"{scenario.name}-1" if is_planners_name(scenario.name) else scenario.name, taken)
        taken.add(name)
        added.append(replace(scenario, name=name))
    return replace(case, scenarios=(*case.scenarios, *added))


def rename_scenario(case: Case, name: str, new_name: str) -> Case:
    """Return ``case`` with scenario ``name`` renamed (``duplicate`` when ``new_name`` is another's)."""
    new_name = new_name.strip()
    if not new_name:
        raise InvalidInput("name", "required", new_name)
    if new_name != name and (new_name in {s.name for s in case.scenarios} or is_planners_name(new_name)):
        raise InvalidInput("name", "duplicate", new_name)  # the planner's own scenarios are in every comparison
    return _with_scenario(case, name, replace(case.scenario(name), name=new_name))


def duplicate_scenario(case: Case, name: str) -> Case:
    """Return ``case`` with a copy of scenario ``name`` added after it (``name-2``)."""
    index = _scenario_index(case, name)
    scenario = case.scenarios[index]
    copy = replace(scenario, name=unique_name(scenario.name, _taken(case)), origin="")
    return replace(case, scenarios=(*case.scenarios[: index + 1], copy, *case.scenarios[index + 1 :]))


def remove_scenario(case: Case, name: str) -> Case:
    """Return ``case`` without scenario ``name``."""
    _scenario_index(case, name)
    return replace(case, scenarios=tuple(s for s in case.scenarios if s.name != name))


def set_plan(case: Case, name: str, debt_id: str, plan: Plan) -> Case:
    """Return ``case`` with ``plan`` for ``debt_id`` in scenario ``name``."""
    case.debt(debt_id)
    scenario = case.scenario(name)
    plans = dict(scenario.plans)
    plans[debt_id] = plan
    ordered = tuple((d.id, plans[d.id]) for d in case.debts if d.id in plans)
    return _with_scenario(case, name, replace(scenario, plans=ordered))


def set_plan_for_all(case: Case, name: str, plan: Plan) -> Case:
    """Return ``case`` with the same ``plan`` for every debt in scenario ``name``."""
    scenario = case.scenario(name)
    return _with_scenario(case, name, replace(scenario, plans=tuple((d.id, plan) for d in case.debts)))


def set_scenario_fields(case: Case, name: str, **changes: Any) -> Case:
    """Return ``case`` with fields of scenario ``name`` changed (``start``, ``note``, ``surplus_policy``,
    ``surplus_order``)."""
    return _with_scenario(case, name, replace(case.scenario(name), **changes))


def add_conduct_entries(case: Case, entries: tuple[LogEntry, ...]) -> Case:
    """Return ``case`` with ``entries`` added to its collection-conduct log (those already logged, by
    :attr:`~planner.domain.conduct.LogEntry.key`, are skipped); the log stays sorted by time."""
    conduct, _added = merge_entries(case.conduct, tuple(entries))
    return replace(case, conduct=conduct)


def remove_conduct_entry(case: Case, entry_id: str) -> Case:
    """Return ``case`` without the log entry whose :attr:`~planner.domain.conduct.LogEntry.id` is ``entry_id``.

    Raises:
        InvalidInput: ``unknown_reference`` when no entry has that id.
    """
    kept = tuple(e for e in case.conduct if e.id != entry_id)
    if len(kept) == len(case.conduct):
        raise InvalidInput("conduct", "unknown_reference", entry_id, params={"choices": "-"})
    return replace(case, conduct=kept)
