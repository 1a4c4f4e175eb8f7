"""方案 Options tab: choosers, every part of a plan, presets, apply-to-all, scenario settings, new and fitted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from ui.uitools import find, show_tab, strip, summary, type_into

from planner.domain.options import (
    DeferralInterest,
    Policy,
    RateChoice,
    RepaymentMethod,
    WaiverMode,
)
from planner.domain.presets import Preset, preset_plan
from planner.io.casefile import load_case
from planner.text import fmt, scenario_label

FIRST = "全部停息分期60期"
SETTLE = "部分一次性结清"


def plan(app):
    return app.case.scenario(app.selected_scenario).plan_for(app.selected_debt)


def ctl(app, css):
    return find(show_tab(app, "options"), css)


def row(app, name=None):
    """The always-visible comparison's row of scenario ``name`` (default: the one selected)."""
    outcome = app.result.outcome(name or app.selected_scenario)
    return summary(app)[scenario_label(outcome, app.locale)]


def test_scenario_and_debt_choosers(app):
    tab = show_tab(app, "options")
    assert (app.selected_scenario, app.selected_debt) == (FIRST, "cmb-card")
    assert tab.kind.value == "restructure"
    tab.scenario_chooser.value = SETTLE
    assert app.selected_scenario == SETTLE
    show_tab(app, "options").debt_chooser.value = "online-loan"
    assert app.selected_debt == "online-loan"
    tab = show_tab(app, "options")
    assert tab.kind.value == "settlement"
    assert ctl(app, "planner-settle-percent").input.value == "50"
    assert "50" in strip(tab.terms.value)


def test_waiver_mode_and_percent(app, case_path):
    before = row(app)
    ctl(app, "planner-waiver-mode").input.value = WaiverMode.PERCENT
    assert plan(app).waiver.mode is WaiverMode.PERCENT
    assert ctl(app, "planner-waiver-percent").layout.display == ""
    type_into(ctl(app, "planner-waiver-percent"), "50")
    assert plan(app).waiver.percent == Decimal(50)
    assert row(app) != before
    assert load_case(case_path).scenario(FIRST).plan_for("cmb-card").waiver.percent == Decimal(50)


def test_deferral_controls(app):
    before = row(app)
    ctl(app, "planner-deferral-months").input.value = 6
    assert plan(app).deferral.months == 6
    assert row(app) != before
    assert ctl(app, "planner-token").layout.display == ""
    type_into(ctl(app, "planner-token"), "200")
    assert plan(app).deferral.token_amount == Decimal("200.00")
    ctl(app, "planner-deferral-interest").input.value = DeferralInterest.CAPPED
    assert plan(app).deferral.interest is DeferralInterest.CAPPED
    ctl(app, "planner-capitalise").value = True
    assert plan(app).deferral.capitalise is True
    assert row(app) != before


def test_plan_kind_toggle(app):
    tab = show_tab(app, "options")
    restructured = row(app)
    tab.kind.value = "contract"
    assert (plan(app).restructure, plan(app).settlement) == (None, None)
    assert row(app) != restructured
    assert show_tab(app, "options").restructure_box.layout.display == "none"
    show_tab(app, "options").kind.value = "settlement"
    assert plan(app).restructure is None
    assert plan(app).settlement.percent == Decimal(100)
    assert show_tab(app, "options").settlement_box.layout.display == ""
    show_tab(app, "options").kind.value = "restructure"
    assert plan(app).settlement is None
    assert plan(app).restructure.months == 60


def test_restructure_controls_and_apr(app, case_path):
    before = row(app)
    ctl(app, "planner-restructure-months").input.value = 36
    assert plan(app).restructure.months == 36
    assert row(app) != before
    ctl(app, "planner-method").input.value = RepaymentMethod.EQUAL_PRINCIPAL
    assert plan(app).restructure.method is RepaymentMethod.EQUAL_PRINCIPAL
    ctl(app, "planner-rate-choice").input.value = RateChoice.CUSTOM
    assert plan(app).restructure.rate is RateChoice.CUSTOM
    assert ctl(app, "planner-custom-rate").layout.display == ""
    type_into(ctl(app, "planner-custom-rate"), "6%")
    assert plan(app).restructure.custom_rate.percent_per_year == Decimal(6)
    type_into(ctl(app, "planner-down-payment"), "1000")
    assert plan(app).restructure.down_payment == Decimal("1000.00")
    apr_before = ctl(app, "planner-apr").value
    type_into(ctl(app, "planner-fee"), "0.5")
    assert plan(app).restructure.monthly_fee_percent == Decimal("0.5")
    apr = strip(ctl(app, "planner-apr").value)
    assert "APR" in apr
    assert ctl(app, "planner-apr").value != apr_before
    outcome_apr = app.result.outcome(FIRST).debt("cmb-card").apr_percent
    assert outcome_apr > 6
    saved = load_case(case_path).scenario(FIRST).plan_for("cmb-card").restructure
    assert (saved.months, saved.down_payment, saved.monthly_fee_percent) == (36, Decimal(1000), Decimal("0.5"))


def test_rate_choices(app):
    for choice in (RateChoice.CAPPED, RateChoice.CONTRACT, RateChoice.ZERO):
        ctl(app, "planner-rate-choice").input.value = choice
        assert plan(app).restructure.rate is choice


def test_settlement_controls(app):
    show_tab(app, "options").kind.value = "settlement"
    before = row(app)
    type_into(ctl(app, "planner-settle-percent"), "40")
    assert plan(app).settlement.percent == Decimal(40)
    assert row(app) != before
    type_into(ctl(app, "planner-settle-date"), "2027-03-31")
    assert plan(app).settlement.pay_by == date(2027, 3, 31)


@pytest.mark.parametrize("preset", list(Preset))
def test_each_preset_button(app, preset):
    show_tab(app, "options").debt_chooser.value = "private-loan"
    others = {d.id: app.case.scenario(FIRST).plan_for(d.id) for d in app.case.debts if d.id != "private-loan"}
    ctl(app, f"planner-preset-{preset.value}").click()
    limit = app.result.audit("private-loan").term_limit
    expected = preset_plan(preset, app.case.debt("private-loan").kind, start=app.case.scenario(FIRST).start,
                           term_limit=limit.months if limit else None)
    assert plan(app) == expected
    assert {i: app.case.scenario(FIRST).plan_for(i) for i in others} == others  # only the debt shown


def test_preset_to_all_debts(app):
    ctl(app, "planner-presets-to-all").value = True
    ctl(app, "planner-preset-settle-once").click()
    scenario = app.case.scenario(FIRST)
    assert all(scenario.plan_for(d.id).settlement is not None for d in app.case.debts)
    assert {scenario.plan_for(d.id).settlement.percent for d in app.case.debts} == {Decimal(100)}


def test_apply_to_all_button(app):
    type_into(ctl(app, "planner-down-payment"), "500")
    before = row(app)
    ctl(app, "planner-apply-all").click()
    scenario = app.case.scenario(FIRST)
    assert {scenario.plan_for(d.id) for d in app.case.debts} == {plan(app)}
    assert row(app) != before


def test_scenario_start_and_surplus_policy(app, case_path):
    before = row(app)
    type_into(ctl(app, "planner-scenario-start"), "2027-01-01")
    assert app.case.scenario(FIRST).start == date(2027, 1, 1)
    assert row(app) != before
    ctl(app, "planner-surplus-policy").input.value = Policy.AVALANCHE
    assert app.case.scenario(FIRST).surplus_policy is Policy.AVALANCHE
    ctl(app, "planner-surplus-policy").input.value = Policy.CUSTOM
    assert app.case.scenario(FIRST).surplus_order == tuple(d.id for d in app.case.debts)
    chooser = ctl(app, "planner-surplus-policy").input
    chooser.value = chooser.options[0][1]  # 不额外还款 / no extra payments
    assert app.case.scenario(FIRST).surplus_policy is None
    assert load_case(case_path).scenario(FIRST).start == date(2027, 1, 1)


def test_new_scenario_button(app):
    names = [s.name for s in app.case.scenarios]
    ctl(app, "planner-new-scenario").click()
    assert len(app.case.scenarios) == len(names) + 1
    added = app.case.scenarios[-1]
    assert app.selected_scenario == added.name
    assert show_tab(app, "options").scenario_chooser.value == added.name
    assert row(app, added.name)["还款总额"] == summary(app)["维持现状"]["还款总额"]  # contract terms


def test_fit_to_budget_button(app):
    count = len(app.case.scenarios)
    ctl(app, "planner-fit").click()
    assert len(app.case.scenarios) > count
    fitted = app.case.scenarios[count:]
    assert all(s.origin == "" for s in fitted)
    assert app.selected_scenario == fitted[0].name
    for scenario in fitted:
        assert scenario_label(app.result.outcome(scenario.name), "zh") in summary(app)


def test_plan_kind__settlement_follows_the_scenario_start_and_a_refusal_is_said_beside(app):
    """Found in review: after a later start, 一次性结清 was refused on the status line and the toggle stayed on it."""
    tab = show_tab(app, "options")
    type_into(find(tab, "planner-scenario-start"), "2027-06-01")
    tab = show_tab(app, "options")
    tab.kind.value = "settlement"
    plan = tab.plan
    assert plan.settlement is not None
    assert plan.settlement.pay_by == date(2027, 7, 1)
    assert tab.kind_msg.value == ""
    type_into(find(tab, "planner-settle-date"), "2027-05-01")  # before the start: refused beside the date
    assert find(tab, "planner-settle-date").error
    tab.kind.value = "restructure"
    tab.settle_date.value = date(2027, 5, 1)  # as if the hidden field held an old date
    tab.kind.value = "settlement"
    assert tab.kind_msg.value  # said beside the toggle
    assert tab.kind.value == "restructure"  # which shows the plan as it is
    assert tab.plan.restructure is not None


@pytest.mark.parametrize("typed", ["0.15", "月0.15%", "年1.8%", "0.15%"])
def test_fee__typed_as_people_write_rates(app, typed):
    """The installment fee reads the forms the case file and the debts table read (found in review)."""
    tab = show_tab(app, "options")
    type_into(find(tab, "planner-fee"), typed)
    assert find(tab, "planner-fee").error == ""
    assert tab.plan.restructure.monthly_fee_percent == Decimal("0.15")
    assert "APR" in tab.apr.value  # the true APR with the fee beside it


def test_surplus_custom_order__typed_as_debt_ids(app):
    """The custom payoff policy's order is the user's to give (found in review: it was fixed to the list order)."""
    tab = show_tab(app, "options")
    find(tab, "planner-surplus-policy").input.value = Policy.CUSTOM
    name = app.selected_scenario
    assert app.case.scenario(name).surplus_order == tuple(d.id for d in app.case.debts)
    order = find(tab, "planner-surplus-order")
    type_into(order, "private-loan、online-loan, cmb-card")
    assert app.case.scenario(name).surplus_order == ("private-loan", "online-loan", "cmb-card")
    type_into(order, "no-such-debt")
    assert order.error  # the case refuses an unknown id, beside the field
    assert app.case.scenario(name).surplus_order == ("private-loan", "online-loan", "cmb-card")


def test_figures__show_the_first_payment_beside_the_largest(app):
    tab = show_tab(app, "options")
    debt = app.result.outcome(app.selected_scenario).debt(app.selected_debt)
    text = " ".join(strip(tab.figures.value).split())
    assert f"第一期还款 ¥{debt.schedule.lines[0].payment:,.2f}" in text


def test_a_refused_value__its_message_names_no_internal_location(app):
    """Found in a trial: 'scenarios[0]：…' beside the custom-order field."""
    tab = show_tab(app, "options")
    find(tab, "planner-surplus-policy").input.value = Policy.CUSTOM
    order = find(tab, "planner-surplus-order")
    type_into(order, "no-such-debt")
    assert order.error
    assert "scenarios[" not in order.error


def test_rate_choice__shows_the_rate_it_resolves_to(app):
    """上限利率 is the contract rate when that is lower than the cap (found in a trial: it read as the cap)."""
    from planner.domain.options import RateChoice
    from planner.engines.schedules.build import restructure_rate

    tab = show_tab(app, "options")
    find(tab, "planner-rate-choice").input.value = RateChoice.CAPPED
    debt = app.case.debt(app.selected_debt)
    used = restructure_rate(debt, tab.plan.restructure, app.result.audit(debt.id).cap.rate)
    assert used == min(debt.contract_rate.percent_per_year, app.result.audit(debt.id).cap.rate.percent_per_year)
    assert tab.rate_used.value == f"即年利率 {fmt.percent(used)}"
