"""Edits of a case are pure: each returns a new, valid case, and no scenario is left pointing at a missing debt."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from planner.domain import edits
from planner.domain.model import CreditorKind
from planner.domain.options import Plan, Restructure, Waiver, WaiverMode
from planner.domain.presets import Preset, preset_plan
from planner.errors import InvalidInput
from planner.io.examples import example_case


def test_remove_debt__drops_its_plans_everywhere():
    case = example_case()
    edited = edits.remove_debt(case, "cmb-card")
    assert "cmb-card" not in {d.id for d in edited.debts}
    assert all("cmb-card" not in dict(s.plans) for s in edited.scenarios)
    assert case.debt("cmb-card")  # the original is unchanged


def test_replace_debt__a_new_id_is_carried_into_every_scenario():
    case = example_case()
    edited = edits.replace_debt(case, "cmb-card", case.debt("cmb-card").with_(id="zhaohang"))
    assert edited.debts[0].id == "zhaohang"
    for before, after in zip(case.scenarios, edited.scenarios, strict=True):
        assert after.plan_for("zhaohang") == before.plan_for("cmb-card")


def test_replace_debt__refuses_another_debts_id():
    case = example_case()
    with pytest.raises(InvalidInput) as info:
        edits.replace_debt(case, "cmb-card", case.debt("cmb-card").with_(id="citic-card"))
    assert info.value.code == "duplicate"


def test_duplicate_debt__comes_after_the_original_under_a_new_id():
    edited = edits.duplicate_debt(example_case(), "cf-loan")
    ids = [d.id for d in edited.debts]
    assert ids[ids.index("cf-loan") + 1] == "cf-loan-2"
    assert edited.debt("cf-loan-2").with_(id="cf-loan") == edited.debt("cf-loan")


def test_scenarios__add_rename_duplicate_remove():
    case = example_case()
    added = edits.add_scenario(case, "全部停息分期60期")
    assert added.scenarios[-1].name == "全部停息分期60期-2"
    assert added.scenarios[-1].start == case.as_of
    assert added.scenarios[-1].plans == ()  # every debt on contract terms
    renamed = edits.rename_scenario(added, "全部停息分期60期-2", "我的方案")
    assert [s.name for s in renamed.scenarios][-1] == "我的方案"
    with pytest.raises(InvalidInput) as info:
        edits.rename_scenario(renamed, "我的方案", "延期12个月后分期")
    assert info.value.code == "duplicate"
    with pytest.raises(InvalidInput) as info:
        edits.rename_scenario(renamed, "我的方案", "  ")
    assert info.value.code == "required"
    copied = edits.duplicate_scenario(renamed, "延期12个月后分期")
    names = [s.name for s in copied.scenarios]
    assert names[names.index("延期12个月后分期") + 1] == "延期12个月后分期-2"
    assert copied.scenario("延期12个月后分期-2").plans == copied.scenario("延期12个月后分期").plans
    assert [s.name for s in edits.remove_scenario(copied, "我的方案").scenarios] == [
        n for n in names if n != "我的方案"]


def test_set_plan__one_debt_and_all_debts_in_case_order():
    case = example_case()
    plan = Plan(waiver=Waiver(WaiverMode.EXCESS), restructure=Restructure(24))
    one = edits.set_plan(case, "全部停息分期60期", "online-loan", plan)
    assert one.scenario("全部停息分期60期").plan_for("online-loan") == plan
    assert [k for k, _ in one.scenario("全部停息分期60期").plans] == [d.id for d in case.debts]
    every = edits.set_plan_for_all(case, "延期12个月后分期", plan)
    assert {p for _, p in every.scenario("延期12个月后分期").plans} == {plan}


def test_presets__fit_the_creditor_kind_and_its_term_limit():
    start = date(2026, 12, 1)
    card = preset_plan(Preset.STOP_INTEREST_60, CreditorKind.CREDIT_CARD, start=start, term_limit=60)
    assert (card.waiver.mode, card.restructure.months, card.restructure.rate.value) == (
        WaiverMode.PENALTIES_AND_FEES, 60, "zero")
    private = preset_plan(Preset.STOP_INTEREST_60, CreditorKind.PRIVATE, start=start)
    assert (private.waiver.mode, private.restructure.rate.value) == (WaiverMode.EXCESS, "zero")  # 停息 for all
    private_deferred = preset_plan(Preset.DEFER_12_THEN_INSTALLMENTS, CreditorKind.PRIVATE, start=start)
    assert (private_deferred.deferral.interest.value, private_deferred.restructure.rate.value) == ("capped", "capped")
    limited = preset_plan(Preset.STOP_INTEREST_60, CreditorKind.CREDIT_CARD, start=start, term_limit=36)
    assert limited.restructure.months == 36
    deferred = preset_plan(Preset.DEFER_12_THEN_INSTALLMENTS, CreditorKind.CONSUMER_FINANCE, start=start)
    assert (deferred.deferral.months, deferred.deferral.token_amount, deferred.restructure.months) == (
        12, Decimal("0.00"), 48)
    settle = preset_plan(Preset.SETTLE_ONCE, CreditorKind.ONLINE_PLATFORM, start=start)
    assert (settle.settlement.percent, settle.settlement.pay_by) == (Decimal(100), date(2027, 1, 1))
    waive = preset_plan(Preset.WAIVE_EXCESS_INSTALLMENTS, CreditorKind.MICROLOAN, start=start)
    assert (waive.waiver.mode, waive.restructure.months) == (WaiverMode.EXCESS, 36)


def test_scenarios__never_take_a_name_the_planner_gives_its_own():
    """A user's scenario called status-quo would be read as the baseline (found in review)."""
    case = example_case()
    with pytest.raises(InvalidInput) as info:
        edits.rename_scenario(case, "全部停息分期60期", "status-quo")
    assert info.value.code == "duplicate"
    with pytest.raises(InvalidInput):
        edits.rename_scenario(case, "全部停息分期60期", "shortest-term-49")
    assert edits.add_scenario(case, "pro-rata").scenarios[-1].name == "pro-rata-1"
    assert edits.add_scenario(case, "status-quo").scenarios[-1].name == "status-quo-1"


def _contact(**changes):
    from planner.domain.conduct import LogEntry

    values = {"time": "2026-11-20 22:30", "channel": "call", "contacted": "family", "creditor": "cmb-card"}
    return LogEntry(**{**values, **changes})


def test_add_conduct_entries__sorted_and_the_same_contact_once():
    """Entries join the log in time order; one already logged (same time, channel, number, who, creditor) is
    skipped."""
    case = dataclasses.replace(example_case(), conduct=())
    late, early = _contact(), _contact(time="2026-11-19 09:00")
    edited = edits.add_conduct_entries(case, (late, early))
    assert edited.conduct == (early, late)
    assert edits.add_conduct_entries(edited, (_contact(note="again"),)) == edited
    assert case.conduct == ()


def test_remove_conduct_entry__by_id_and_unknown_is_refused():
    case = edits.add_conduct_entries(dataclasses.replace(example_case(), conduct=()),
                                     (_contact(), _contact(time="2026-11-19 09:00")))
    first = case.conduct[0]
    assert edits.remove_conduct_entry(case, first.id).conduct == case.conduct[1:]
    with pytest.raises(InvalidInput) as info:
        edits.remove_conduct_entry(case, "0000000000")
    assert info.value.code == "unknown_reference"
