"""Properties of scenario evaluation over generated debts."""

from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import debts, plans

from planner.domain.case import Case
from planner.domain.model import Budget, IncomeItem
from planner.domain.options import Plan, Restructure, Scenario, Waiver, WaiverMode
from planner.engines.scenarios import evaluate_case, plan_months, window_months
from planner.money import ZERO

AS_OF = date(2026, 11, 23)
WAIVERS = [Waiver(WaiverMode.EXCESS), Waiver(WaiverMode.PENALTIES_AND_FEES), Waiver(WaiverMode.PERCENT, Decimal(40)),
           Waiver(WaiverMode.PRINCIPAL_ONLY)]


def _case(items, income):
    unique = {d.id: d for d in items}
    return Case(Budget((IncomeItem("工资", income),)), tuple(unique.values()), AS_OF)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(debts(max_principal="200000.00"), min_size=1, max_size=4), st.sampled_from(WAIVERS),
       st.integers(0, 40000))
def test_status_quo__costs_at_least_as_much_as_any_waiver(items, waiver, income):
    """The status quo never costs less than the same debts with any waiver on contract terms."""
    case = _case(items, Decimal(income))
    scenario = Scenario("减免", tuple((d.id, Plan(waiver=waiver)) for d in case.debts), AS_OF)
    comparison = evaluate_case(case, (scenario,))
    assert comparison.outcomes[0].total_cost <= comparison.baseline.total_cost
    for debt in comparison.outcomes[0].debts:
        assert debt.saving >= ZERO


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(debts(max_principal="200000.00"), min_size=1, max_size=4), st.integers(1, 60),
       st.integers(0, 40000))
def test_cash_flow__reconciles_every_month(items, months, income):
    """Every month's payments equal the sum of the schedules' payments that month, and surplus closes exactly."""
    case = _case(items, Decimal(income))
    plan = Plan(waiver=Waiver(WaiverMode.PENALTIES_AND_FEES), restructure=Restructure(months=months))
    scenario = Scenario("分期", tuple((d.id, plan) for d in case.debts), AS_OF)
    outcome = evaluate_case(case, (scenario,)).outcomes[0]
    assert sum((m.payments for m in outcome.months), ZERO) == outcome.total_paid
    for month in outcome.months:
        assert month.surplus == month.disposable - month.payments
        assert month.balance >= ZERO
    assert outcome.is_affordable == all(m.payments <= case.budget.disposable for m in outcome.months)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(debts(max_principal="200000.00"), min_size=1, max_size=3), st.data(), st.integers(1, 60),
       st.integers(0, 40000))
def test_comparison__one_window_for_every_outcome(items, data, horizon, income):
    """Every outcome of a comparison covers the same months, the window: the horizon or the last period of the
    longest negotiated plan, whichever is later; no over-budget count exceeds the months compared."""
    case = _case(items, Decimal(income))
    scenarios = tuple(
        Scenario(f"方案{k}", tuple((d.id, data.draw(plans(start=AS_OF))) for d in case.debts), AS_OF)
        for k in range(2)
    )
    comparison = evaluate_case(case, scenarios, horizon=horizon)
    window = max([horizon, *(plan_months(p, AS_OF) for s in scenarios for _, p in s.plans)])
    assert comparison.window == window_months(scenarios, horizon) == window
    lengths = {len(o.months) for o in comparison.all}
    assert len(lengths) == 1
    first = comparison.baseline.months[0].month
    assert first in (0, 1)
    for outcome in comparison.all:
        assert [m.month for m in outcome.months] == list(range(first, window + 1))
        assert len(outcome.shortfall_months) <= len(outcome.months)
        for debt in outcome.debts:
            assert all(line.period <= window for line in debt.schedule.lines)
