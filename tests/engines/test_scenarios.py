"""Tests for planner.engines.scenarios: cash flow against the budget, totals, fit to budget."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from planner.domain.case import Case
from planner.domain.model import Budget, ExpenseItem, IncomeItem
from planner.domain.options import STATUS_QUO, Plan, Restructure, Scenario, Waiver, WaiverMode
from planner.engines.scenarios import (
    STATUS_QUO_NAME,
    evaluate,
    evaluate_case,
    pro_rata_scenario,
    share_percent,
    shortest_affordable_terms,
)
from planner.errors import InvalidInput
from planner.io.examples import example_case
from planner.money import ZERO


@pytest.fixture(scope="module")
def case():
    return example_case()


@pytest.fixture(scope="module")
def comparison(case):
    return evaluate_case(case)


def test_evaluate_case__status_quo_unaffordable_and_one_scenario_fits(comparison):
    """The example's status quo is unaffordable and at least one of its scenarios fits every month."""
    assert comparison.baseline.name == STATUS_QUO_NAME
    assert not comparison.baseline.is_affordable
    assert any(o.is_affordable for o in comparison.outcomes)
    codes = {f.code for f in comparison.baseline.findings}
    assert "PAYMENTS_EXCEED_DISPOSABLE" in codes


def test_evaluate_case__cash_flow_reconciles_to_the_fen(comparison):
    """Monthly payments add up to each schedule's total, and surplus is disposable minus payments exactly."""
    for outcome in comparison.all:
        assert sum((m.payments for m in outcome.months), ZERO) == outcome.total_paid
        for month in outcome.months:
            assert month.payments == sum(month.by_debt.values(), ZERO)
            assert month.surplus == month.disposable - month.payments
        for debt in outcome.debts:
            assert debt.total_paid == sum((m.by_debt.get(debt.debt_id, ZERO) for m in outcome.months), ZERO)


def test_evaluate_case__balance_column_matches_schedules(comparison):
    """The month's total balance is the sum of each schedule's balance carried to that month."""
    outcome = comparison.outcomes[0]
    last = outcome.months[-1]
    assert last.balance == outcome.total_remaining


def test_evaluate_case__savings_against_status_quo(comparison):
    """Each debt's saving is the status-quo cost minus its cost; the baseline saves nothing."""
    assert comparison.baseline.total_saving == ZERO
    for outcome in comparison.outcomes:
        for debt in outcome.debts:
            assert debt.saving == debt.status_quo_cost - (debt.total_paid + debt.remaining)
        assert outcome.total_cost <= comparison.baseline.total_cost


def test_evaluate__single_scenario_same_as_in_comparison(case, comparison):
    """Evaluating one scenario alone gives the same figures as within the comparison."""
    alone = evaluate(case, case.scenarios[0])
    inside = comparison.outcomes[0]
    assert alone.total_paid == inside.total_paid
    assert alone.total_saving == inside.total_saving
    assert [m.payments for m in alone.months] == [m.payments for m in inside.months]


def test_share_percent__none_when_no_disposable():
    """A share of a non-positive disposable income is undefined."""
    assert share_percent(Decimal(500), Decimal(2000)) == Decimal("25.00")
    assert share_percent(Decimal(1), Decimal(3)) == Decimal("33.33")
    assert share_percent(Decimal(500), Decimal(0)) is None


def test_shortest_affordable_terms__is_shortest(case):
    """The fitted term fits every month and one month fewer does not."""
    start = date(2026, 12, 1)
    scenario, findings = shortest_affordable_terms(case, start=start)
    assert scenario is not None
    assert findings == ()
    months = scenario.plans[0][1].restructure.months
    assert evaluate(case, scenario).is_affordable
    shorter = Scenario("shorter", tuple((k, replace(p, restructure=Restructure(months=months - 1)))
                                         for k, p in scenario.plans), start)
    assert not evaluate(case, shorter).is_affordable


def test_shortest_affordable_terms__none_when_income_too_low(case):
    """A household that cannot pay even over 60 months gets a finding instead of a scenario."""
    poor = replace(case, budget=Budget((IncomeItem("工资", "3000"),), (ExpenseItem("housing", "2900"),)))
    scenario, findings = shortest_affordable_terms(poor, start=date(2026, 12, 1))
    assert scenario is None
    assert [f.code for f in findings] == ["NO_AFFORDABLE_TERM"]


def test_pro_rata_scenario__shares_fit_disposable(case):
    """Pro-rata installments stay within disposable income every month and repay every debt."""
    scenario, findings = pro_rata_scenario(case, start=date(2026, 12, 1))
    outcome = evaluate(case, scenario)
    assert outcome.is_affordable
    assert outcome.debt_free_date is not None
    assert findings == ()


def test_pro_rata_scenario__longer_terms_still_fit(case):
    """With less to spare the term grows past 60 months (flagged) and every month still fits."""
    poorer = replace(case, budget=Budget((IncomeItem("工资", "2000"),)))
    scenario, findings = pro_rata_scenario(poorer, start=date(2026, 12, 1))
    outcome = evaluate(poorer, scenario)
    assert findings == ()
    assert {plan.restructure.months for _, plan in scenario.plans} == {80}  # ceil(158,886.96 / 2,000)
    assert outcome.is_affordable
    assert "TERM_OVER_60" in {f.code for f in outcome.findings}


def test_pro_rata_scenario__tiny_share_gets_token_payments(case):
    """A share that cannot repay within 120 months becomes 12 months of token payments equal to the share."""
    budget = Budget((IncomeItem("工资", "500"),))
    scenario, findings = pro_rata_scenario(replace(case, budget=budget), start=date(2026, 12, 1))
    assert {f.code for f in findings} == {"TOKEN_PAYMENTS"}
    outcome = evaluate(replace(case, budget=budget), scenario)
    assert all(m.payments <= Decimal("500.00") for m in outcome.months[:12])
    assert not outcome.is_affordable  # what follows the tokens is flagged, not hidden


def test_pro_rata_scenario__shortfall_pauses_payments(case):
    """With nothing left after essential expenses, payments pause for a year and a finding says so."""
    broke = replace(case, budget=Budget((IncomeItem("工资", "3000"),), (ExpenseItem("housing", "3500"),)))
    scenario, findings = pro_rata_scenario(broke, start=date(2026, 12, 1))
    assert [f.code for f in findings] == ["SHORTFALL"]
    outcome = evaluate(broke, scenario)
    assert all(m.payments == ZERO for m in outcome.months[:12])
    assert all(plan.deferral.months == 12 for _, plan in scenario.plans)


def test_evaluate_case__empty_case_and_no_scenarios():
    """A case without debts evaluates to empty outcomes rather than failing."""
    empty = Case(Budget(), (), "2026-11-23")
    comparison = evaluate_case(empty)
    assert comparison.baseline.total_paid == ZERO
    assert comparison.outcomes == ()


def test_evaluate_case__waiver_scenario_never_costs_more_than_status_quo(case):
    """A waiver of penalties on contract terms never costs more than the status quo."""
    plan = Plan(waiver=Waiver(WaiverMode.PENALTIES_AND_FEES))
    scenario = Scenario("减免", tuple((d.id, plan) for d in case.debts), case.as_of)
    comparison = evaluate_case(case, (scenario,))
    assert comparison.outcomes[0].total_cost <= comparison.baseline.total_cost
    assert STATUS_QUO.is_status_quo


def test_evaluate_case__monthly_balance_matches_naive_carry(comparison):
    """Each month's balance equals the sum over debts of the last schedule balance on or before that month."""
    for outcome in comparison.all:
        for month in outcome.months:
            expected = ZERO
            for debt in outcome.debts:
                lines = [line for line in debt.schedule.lines if line.period <= month.month]
                expected += lines[-1].balance if lines else debt.schedule.opening_balance
            assert month.balance == expected


def _mixed_scenario(case, policy):
    """Cards and the consumer loan restructured; the online and private loans stay on contract terms."""
    fixed = Plan(waiver=Waiver(WaiverMode.PENALTIES_AND_FEES), restructure=Restructure(months=60))
    plans = [(d, fixed) for d in ("cmb-card", "citic-card", "cf-loan")]
    plans += [("online-loan", Plan(waiver=Waiver(WaiverMode.PENALTIES_AND_FEES))),
              ("private-loan", Plan(waiver=Waiver(WaiverMode.EXCESS)))]
    return Scenario(f"混合-{policy}", tuple(plans), case.as_of, surplus_policy=policy)


@pytest.fixture(scope="module")
def richer_case(case):
    """The example household with a second income, so a surplus is left after the fixed installments."""
    return replace(case, budget=replace(case.budget, incomes=(*case.budget.incomes, IncomeItem("兼职", "4000"))))


def test_surplus_policy__fixed_plans_unchanged_and_months_fit(richer_case):
    """With a surplus policy, negotiated plans keep their schedules and no month exceeds disposable income."""
    plain = evaluate(richer_case, _mixed_scenario(richer_case, None))
    for policy in ("avalanche", "snowball", "pro-rata", "custom"):
        outcome = evaluate(richer_case, _mixed_scenario(richer_case, policy))
        for before, after in zip(plain.debts[:3], outcome.debts[:3], strict=True):
            assert before.schedule.lines == after.schedule.lines
        assert all(m.payments <= m.disposable for m in outcome.months)
        for debt in outcome.debts[3:]:
            lines = debt.schedule.lines
            assert sum((line.principal for line in lines), ZERO) + debt.remaining == debt.schedule.opening_balance


def test_surplus_policy__surplus_buys_earlier_payoff(richer_case):
    """Giving the surplus to the contract-terms debts pays them off no later and for less interest."""
    plain = evaluate(richer_case, _mixed_scenario(richer_case, None))
    avalanche = evaluate(richer_case, _mixed_scenario(richer_case, "avalanche"))
    snowball = evaluate(richer_case, _mixed_scenario(richer_case, "snowball"))
    assert plain.debts[4].debt_free_date is None  # 600 a month only pays the private loan's interest
    assert avalanche.debts[4].debt_free_date is not None
    assert avalanche.total_interest <= snowball.total_interest
    # Avalanche sends extra to the private loan (24 %) before the online loan (23.9 %); snowball the reverse.
    assert avalanche.debts[4].debt_free_date <= snowball.debts[4].debt_free_date
    assert snowball.debts[3].debt_free_date <= avalanche.debts[3].debt_free_date


def test_surplus_policy__custom_order_and_validation(richer_case):
    """A custom order is followed, and an unknown policy name is refused."""
    scenario = replace(_mixed_scenario(richer_case, "custom"), surplus_order=("online-loan", "private-loan"))
    outcome = evaluate(richer_case, scenario)
    assert outcome.debts[3].debt_free_date <= outcome.debts[4].debt_free_date
    with pytest.raises(InvalidInput):
        Scenario("x", (), "2026-12-01", surplus_policy="random")


def test_surplus_policy__status_quo_with_no_surplus_reproduces_the_baseline(case):
    """Each debt alone, with disposable income exactly its monthly payment, costs the same to the fen with a
    surplus policy as in the status quo: the two paths share one costing convention, so the saving is 0.
    """
    for debt in case.debts:
        alone = Case(Budget((IncomeItem("工资", debt.monthly_payment),)), (debt,), case.as_of)
        scenario = Scenario("维持现状+策略", (), case.as_of, surplus_policy="avalanche")
        comparison = evaluate_case(alone, (scenario,))
        base, outcome = comparison.baseline.debts[0], comparison.outcomes[0].debts[0]
        assert [line.payment for line in outcome.schedule.lines] == [line.payment for line in base.schedule.lines]
        assert outcome.interest + outcome.fees == base.interest + base.fees
        assert outcome.remaining == base.remaining
        assert outcome.saving == ZERO


def test_surplus_policies__mirror_payoff_policies():
    """The policy names a scenario accepts are exactly the payoff engine's policies."""
    from planner.domain.options import SURPLUS_POLICIES
    from planner.engines.payoff import Policy

    assert tuple(p.value for p in Policy) == SURPLUS_POLICIES


def test_evaluate__start_dates_against_as_of(case):
    """A start before the as-of date is a warning; one months later notes the interest not included."""
    plan = Plan(waiver=Waiver(WaiverMode.PENALTIES_AND_FEES), restructure=Restructure(months=60))
    early = Scenario("早", tuple((d.id, plan) for d in case.debts), date(2025, 1, 1))
    late = Scenario("晚", tuple((d.id, plan) for d in case.debts), date(2027, 3, 1))
    on_time = Scenario("准时", tuple((d.id, plan) for d in case.debts), case.as_of)
    codes = {o.name: {f.code for f in o.findings} for o in evaluate_case(case, (early, late, on_time)).outcomes}
    assert "START_BEFORE_AS_OF" in codes["早"]
    assert "START_AFTER_AS_OF" in codes["晚"]
    assert not codes["准时"] & {"START_BEFORE_AS_OF", "START_AFTER_AS_OF"}


def test_evaluate__low_settlement_percent_is_flagged(case):
    """A settlement of 0.5 % (meant as 50 %) gets a finding naming the debt."""
    from planner.domain.options import Settlement

    scenario = Scenario("结清", (("cmb-card", Plan(settlement=Settlement("0.5", "2027-01-31"))),), case.as_of)
    findings = evaluate(case, scenario).findings
    assert [(f.code, f.subject) for f in findings if f.code == "SETTLEMENT_PERCENT_LOW"] == [
        ("SETTLEMENT_PERCENT_LOW", "cmb-card")]
    assert "如果本意是 50%" in next(f.message_zh for f in findings if f.code == "SETTLEMENT_PERCENT_LOW")
