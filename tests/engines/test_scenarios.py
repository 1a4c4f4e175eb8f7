"""Tests for planner.engines.scenarios: cash flow against the budget, totals, fit to budget."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from planner.caps import audit_debt
from planner.domain.case import Case
from planner.domain.model import Budget, ExpenseItem, IncomeItem
from planner.domain.options import STATUS_QUO, Plan, RateChoice, Restructure, Scenario, Waiver, WaiverMode
from planner.engines.fit import fitted_waiver, pro_rata_scenario, shortest_affordable_terms
from planner.engines.plan import PlanContext, plan_case
from planner.engines.scenarios import (
    STATUS_QUO_NAME,
    evaluate,
    evaluate_case,
    plan_months,
    share_percent,
    window_months,
)
from planner.engines.schedules import waiver_amount
from planner.errors import InvalidInput
from planner.findings import Severity
from planner.money import ZERO
from planner.text import render, scenario_label


@pytest.fixture(scope="module")
def case(example):
    """The shared example case (conftest)."""
    return example


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


def test_evaluate_case__status_quo_is_named_and_results_are_read_only(comparison):
    """The baseline is the "status-quo" scenario (origin status-quo, shown as 维持现状); per-debt month figures
    cannot be changed."""
    baseline = comparison.baseline
    assert (STATUS_QUO_NAME, baseline.name, baseline.origin, baseline.plans) == (
        "status-quo", "status-quo", "status-quo", ())
    assert scenario_label(baseline, "zh") == "维持现状"
    assert comparison.outcomes[0].origin == ""
    with pytest.raises(TypeError):
        baseline.months[0].by_debt["cmb-card"] = ZERO


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
    """With less to spare the term grows past 60 months (flagged), except for the credit cards, which stop at their
    60-month limit (FIT_TERM_LIMIT): only those 60 months exceed disposable income."""
    poorer = replace(case, budget=Budget((IncomeItem("工资", "2000"),)))
    scenario, findings = pro_rata_scenario(poorer, start=date(2026, 12, 1))
    outcome = evaluate(poorer, scenario)
    assert [(f.code, f.subject, f.param("needed"), f.param("limit"), f.param("installment")) for f in findings] == [
        ("FIT_TERM_LIMIT", "cmb-card", 78, 60, Decimal("774.37")),
        ("FIT_TERM_LIMIT", "citic-card", 78, 60, Decimal("478.95")),
    ]
    # ceil(155,914.58 / 2,000) = 78: the balances after the waivers (the private loan's ¥2,972.38 excess waived)
    assert {k: plan.restructure.months for k, plan in scenario.plans} == {
        "cmb-card": 60, "citic-card": 60, "cf-loan": 79, "online-loan": 78, "private-loan": 78}
    assert [m.month for m in outcome.shortfall_months] == list(range(1, 61))
    assert all(m.is_affordable for m in outcome.months[60:])
    assert {(f.subject, f.param("binding")) for f in outcome.findings if f.code == "TERM_OVER_60"} == {
        ("cf-loan", "custom"), ("online-loan", "custom"), ("private-loan", "custom")}


def test_pro_rata_scenario__tiny_share_gets_token_payments(case):
    """A share that cannot repay within 120 months becomes 12 months of token payments equal to the share; a credit
    card gets its 60-month limit instead (FIT_TERM_LIMIT), which is flagged as over budget, not hidden."""
    budget = Budget((IncomeItem("工资", "500"),))
    scenario, findings = pro_rata_scenario(replace(case, budget=budget), start=date(2026, 12, 1))
    assert {(f.code, f.subject) for f in findings} == {
        ("FIT_TERM_LIMIT", "cmb-card"), ("FIT_TERM_LIMIT", "citic-card"), ("TOKEN_PAYMENTS", "cf-loan"),
        ("TOKEN_PAYMENTS", "online-loan"), ("TOKEN_PAYMENTS", "private-loan")}
    shares = {f.subject: f.param("share") for f in findings}
    assert sum(shares.values(), ZERO) == Decimal("500.00")
    outcome = evaluate(replace(case, budget=budget), scenario)
    tokens = ("cf-loan", "online-loan", "private-loan")
    assert all(m.by_debt[k] == shares[k] for m in outcome.months[:12] for k in tokens)
    assert all(sum((m.by_debt[k] for k in tokens), ZERO) <= Decimal("500.00") for m in outcome.months[:12])
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
    assert "如果本意是 50%" in render(next(f for f in findings if f.code == "SETTLEMENT_PERCENT_LOW"), "zh")


# ------------------------------------------------------------------------------------------------- the window


def test_window_months__covers_the_longest_negotiated_plan(case):
    """The window is the horizon, lengthened to the last period of the longest negotiated plan: the example's
    12-month deferral then 48 installments ends in month 60; plans on contract terms do not lengthen it."""
    deferred = dict(case.scenarios[1].plans)["cmb-card"]
    settled = dict(case.scenarios[2].plans)["citic-card"]
    assert plan_months(deferred, case.as_of) == 60
    assert plan_months(settled, case.as_of) == 2  # 2026-11-23 → 2027-01-31
    assert plan_months(Plan(waiver=Waiver(WaiverMode.PENALTIES_AND_FEES)), case.as_of) == 0
    assert window_months(case.scenarios, 24) == 60
    assert window_months(case.scenarios, 120) == 120
    assert window_months((), 24) == 24


def test_evaluate_case__every_outcome_covers_the_same_window(case):
    """A horizon of 24 with a 60-month plan compares 60 months: every outcome, the status quo included, has
    months 1–60, and no over-budget count exceeds them."""
    comparison = evaluate_case(case, horizon=24)
    assert (comparison.window, comparison.horizon) == (60, 24)
    for outcome in comparison.all:
        assert outcome.window == 60
        assert [m.month for m in outcome.months] == list(range(1, 61))
        assert len(outcome.shortfall_months) <= len(outcome.months)
        for finding in outcome.findings:
            if finding.code == "PAYMENTS_EXCEED_DISPOSABLE":
                assert finding.param("shown") == 60
                assert finding.param("months") == len(outcome.shortfall_months)
    assert [len(o.shortfall_months) for o in comparison.all] == [13, 0, 48, 1]


def test_evaluate_case__month_0_is_a_row_of_every_outcome_when_a_plan_pays_then(case):
    """A down payment on the start date makes month 0 a row of every outcome (0..window), the status quo's with
    nothing due."""
    plan = Plan(waiver=Waiver(WaiverMode.PENALTIES_AND_FEES), restructure=Restructure(months=36, down_payment="1000"))
    scenario = Scenario("首付", (("cmb-card", plan),), case.as_of)
    comparison = evaluate_case(case, (scenario,), horizon=24)
    assert comparison.window == 36
    for outcome in comparison.all:
        assert [m.month for m in outcome.months] == list(range(37))
    assert comparison.baseline.months[0].payments == ZERO
    assert comparison.outcomes[0].months[0].by_debt == {"cmb-card": Decimal("1000.00")}
    assert comparison.outcomes[0].months[0].is_affordable


def test_plan_case__window_extended_once_for_the_case(case):
    """plan_case compares the window, not the horizon asked for, and says so once (WINDOW_EXTENDED)."""
    result = plan_case(case, horizon=24)
    assert (result.window, result.horizon) == (60, 24)
    assert {len(o.months) for o in result.all} == {60}
    assert [f.values for f in result.findings if f.code == "WINDOW_EXTENDED"] == [{"requested": 24, "months": 60}]
    assert "WINDOW_EXTENDED" not in {f.code for f in plan_case(case).findings}


def test_outcome__a_settlement_has_no_apr(comparison):
    """A settled debt shows no APR (a lump sum is not credit) and says why; a restructure shows its APR."""
    outcome = next(o for o in comparison.outcomes if o.name == "部分一次性结清")
    settled = outcome.debt("citic-card")
    assert (settled.apr_percent, settled.apr_note) == (None, "settlement")
    assert (outcome.debt("online-loan").apr_percent, outcome.debt("online-loan").apr_note) == (None, "settlement")
    assert (outcome.debt("cmb-card").apr_percent, outcome.debt("cmb-card").apr_note) == (Decimal("0.00"), None)


# ------------------------------------------------------------------------------------------------- caching


def test_plan_context__one_changed_plan_rebuilds_one_schedule(case):
    """Changing one debt's plan in one scenario rebuilds exactly that schedule (and that scenario's sums);
    changing only the budget rebuilds no schedule at all, and the figures equal a fresh plan's."""
    context = PlanContext()
    context.plan(case)
    built, summed = context.stats.schedule_builds, context.stats.totals_builds
    first = case.scenarios[0]
    plans = (("cmb-card", Plan(waiver=Waiver(WaiverMode.PENALTIES_AND_FEES), restructure=Restructure(months=48))),
             *first.plans[1:])
    changed = replace(case, scenarios=(replace(first, plans=plans), *case.scenarios[1:]))
    context.plan(changed)
    assert context.stats.schedule_builds == built + 1
    assert context.stats.totals_builds == summed + 1
    built, summed = context.stats.schedule_builds, context.stats.totals_builds
    richer = replace(changed, budget=replace(changed.budget,
                                             incomes=(*changed.budget.incomes, IncomeItem("兼职", "1000"))))
    cached = context.plan(richer)
    assert context.stats.schedule_builds == built
    assert context.stats.totals_builds == summed
    fresh = plan_case(richer)
    assert [(o.name, o.total_cost, len(o.shortfall_months)) for o in cached.all] == [
        (o.name, o.total_cost, len(o.shortfall_months)) for o in fresh.all]


# ------------------------------------------------------------------------------------------------- fitting limits


def test_shortest_affordable_terms__credit_cards_stop_at_60_months(case):
    """With ¥2,300 to spare the cards stop at their 60-month limit and the other debts take the shortest common
    term that then fits (78 months), every month within disposable income; the private loan waives its excess."""
    poorer = replace(case, budget=Budget((IncomeItem("工资", "2300"),)))
    scenario, findings = shortest_affordable_terms(poorer, start=date(2026, 12, 1))
    assert findings == ()
    assert (scenario.name, scenario.origin) == ("shortest-term-78", "shortest-term")
    assert {k: plan.restructure.months for k, plan in scenario.plans} == {
        "cmb-card": 60, "citic-card": 60, "cf-loan": 78, "online-loan": 78, "private-loan": 78}
    assert {k: plan.waiver.mode for k, plan in scenario.plans} == {
        "cmb-card": WaiverMode.PENALTIES_AND_FEES, "citic-card": WaiverMode.PENALTIES_AND_FEES,
        "cf-loan": WaiverMode.PENALTIES_AND_FEES, "online-loan": WaiverMode.PENALTIES_AND_FEES,
        "private-loan": WaiverMode.EXCESS}
    outcome = evaluate(poorer, scenario)
    assert outcome.is_affordable
    assert outcome.largest_monthly_payment == Decimal("2288.13")
    assert {(f.subject, f.severity) for f in outcome.findings if f.code == "TERM_OVER_60"} == {
        ("cf-loan", Severity.INFO), ("online-loan", Severity.INFO), ("private-loan", Severity.INFO)}
    none, found = shortest_affordable_terms(poorer, start=date(2026, 12, 1), max_months=60)
    assert none is None
    assert [(f.code, f.values) for f in found] == [("NO_AFFORDABLE_TERM", {"max_months": 60})]
    # Allowed 120 months, the cards stay at their 60-month limit; the finding says so.
    none, found = shortest_affordable_terms(replace(poorer, budget=Budget((IncomeItem("工资", "500"),))),
                                            start=date(2026, 12, 1), max_months=120)
    assert none is None
    assert [(f.code, f.values) for f in found] == [
        ("NO_AFFORDABLE_TERM", {"max_months": 120, "limited": ("cmb-card", "citic-card")})]
    assert render(found[0]).startswith("即使分 120 期（cmb-card、citic-card 按其类型的分期上限，期数更短），月还款额仍超过")


def test_fit__waives_at_least_the_excess(case):
    """A fitted plan never keeps charging the excess above the cap: the private loan (24 % against a 4 × LPR cap,
    no penalties) gets WaiverMode.EXCESS, which waives the audit's ¥2,972.38; the others keep the waiver asked for."""
    audits = {d.id: audit_debt(d, case.as_of) for d in case.debts}
    private = next(d for d in case.debts if d.id == "private-loan")
    assert audits["private-loan"].excess == Decimal("2972.38")
    assert fitted_waiver(private, audits["private-loan"]) == Waiver(WaiverMode.EXCESS)
    assert waiver_amount(private, Waiver(WaiverMode.EXCESS), excess=audits["private-loan"].excess) == Decimal(
        "2972.38")
    scenario, _ = pro_rata_scenario(case, start=date(2026, 12, 1), audits=audits)
    assert {k: plan.waiver.mode for k, plan in scenario.plans} == {
        "cmb-card": WaiverMode.PENALTIES_AND_FEES, "citic-card": WaiverMode.PENALTIES_AND_FEES,
        "cf-loan": WaiverMode.PENALTIES_AND_FEES, "online-loan": WaiverMode.PENALTIES_AND_FEES,
        "private-loan": WaiverMode.EXCESS}
    for debt in case.debts:
        waiver = dict(scenario.plans)[debt.id].waiver
        assert waiver_amount(debt, waiver, excess=audits[debt.id].excess) >= audits[debt.id].excess


def test_plan_case__fitted_scenarios_and_term_limit_findings(case):
    """A case without scenarios is fitted: the shortest term and the pro-rata split, each over the same window;
    the pro-rata split's credit cards stop at 60 months with FIT_TERM_LIMIT naming the installment they need."""
    poorer = replace(case, budget=Budget((IncomeItem("工资", "2300"),)), scenarios=())
    result = plan_case(poorer)
    assert [(o.name, o.origin) for o in result.all] == [
        ("status-quo", "status-quo"), ("shortest-term-78", "shortest-term"), ("pro-rata", "pro-rata")]
    assert [s.name for s in result.fitted] == ["shortest-term-78", "pro-rata"]
    assert {len(o.months) for o in result.all} == {result.window} == {120}
    limits = [f for f in result.fit_findings if f.code == "FIT_TERM_LIMIT"]
    assert [(f.subject, f.param("limit"), f.param("kind")) for f in limits] == [
        ("cmb-card", 60, "credit-card"), ("citic-card", 60, "credit-card")]
    assert all("第七十条" in f.source for f in limits)
    assert all(plan.restructure.months <= 60 for k, plan in result.outcome("pro-rata").plans if "card" in k)


def test_evaluate__negotiated_plan_above_the_cap_is_flagged(case):
    """A restructure whose true APR (fees included) is above its debt's cap gets PLAN_ABOVE_CAP; one at 0 % or at
    the capped rate does not."""
    dear = Plan(restructure=Restructure(24, rate=RateChoice.CUSTOM, custom_rate="30"))
    feed = Plan(restructure=Restructure(24, rate=RateChoice.ZERO, monthly_fee_percent="1.8"))
    fair = Plan(restructure=Restructure(24, rate=RateChoice.CAPPED))
    scenario = Scenario("协商", (("cf-loan", dear), ("online-loan", feed), ("cmb-card", fair)), case.as_of)
    found = [f for f in evaluate(case, scenario).findings if f.code == "PLAN_ABOVE_CAP"]
    assert [(f.subject, f.severity, f.param("what"), f.param("cap"), f.param("standing")) for f in found] == [
        ("cf-loan", Severity.WARNING, "rate", Decimal(24), "legal"),
        ("online-loan", Severity.WARNING, "apr", Decimal(24), "legal")]
    assert found[0].param("rate") == Decimal(30)  # the rate on the principal (the APR is lower: charges bear none)
    assert found[1].param("rate") > 24
    assert render(found[0]).startswith("按此方案，分期利率为年利率 30%，高于年利率 24% 的上限")
    assert render(found[1]).startswith("按此方案，真实年化利率（含手续费）为 ")
