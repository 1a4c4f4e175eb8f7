"""Tests for planner.io.export: the plan's JSON with detail reconciles to the fen."""

from decimal import Decimal

import pytest

from planner.engines.plan import plan_case
from planner.io.examples import example_case
from planner.io.export import plan_json


@pytest.fixture(scope="module")
def detailed():
    return plan_json(plan_case(example_case()), detail=True)


def _sum(values) -> Decimal:
    return sum((Decimal(v) for v in values), Decimal(0))


def test_plan_json__detail_has_every_scenario_with_months_and_schedules(detailed):
    """With detail, every scenario (the status quo first) has one month per month compared and each debt a
    schedule."""
    names = [s["name"] for s in detailed["scenarios"]]
    assert names == ["维持现状", "全部停息分期60期", "延期12个月后分期", "部分一次性结清"]
    assert detailed["window"] == 120
    for scenario in detailed["scenarios"]:
        assert len(scenario["months"]) == scenario["months_compared"] == 120
        assert [d["id"] for d in scenario["debts"]] == [d.id for d in example_case().debts]
        assert all(d["schedule"] for d in scenario["debts"])


def test_plan_json__months_payments_sum_to_total_paid(detailed):
    """For every scenario the months' payments add up to its total_paid, and each month's by_debt to its payments."""
    totals = {s["name"]: s["total_paid"] for s in detailed["scenarios"]}
    assert totals == {"维持现状": "240323.13", "全部停息分期60期": "168547.82", "延期12个月后分期": "170285.11",
                      "部分一次性结清": "154898.99"}
    for scenario in detailed["scenarios"]:
        assert _sum(m["payments"] for m in scenario["months"]) == Decimal(scenario["total_paid"]), scenario["name"]
        for month in scenario["months"]:
            assert _sum(month["by_debt"].values()) == Decimal(month["payments"]), (scenario["name"], month["month"])


def test_plan_json__each_debts_schedule_sums_to_its_total_paid(detailed):
    """Each debt's schedule payments, and its column of the months, add up to the debt's total_paid."""
    for scenario in detailed["scenarios"]:
        for debt in scenario["debts"]:
            where = (scenario["name"], debt["id"])
            assert _sum(line["payment"] for line in debt["schedule"]) == Decimal(debt["total_paid"]), where
            assert _sum(m["by_debt"].get(debt["id"], "0") for m in scenario["months"]) == Decimal(
                debt["total_paid"]), where
        assert _sum(d["total_paid"] for d in scenario["debts"]) == Decimal(scenario["total_paid"]), scenario["name"]


def test_plan_json__origin_and_start_of_each_scenario(detailed):
    """Every scenario says where it comes from ("case" for the file's own) and when it starts."""
    assert [(s["origin"], s["start"]) for s in detailed["scenarios"]] == [
        ("status-quo", "2026-11-23"), ("case", "2026-11-23"), ("case", "2026-11-23"), ("case", "2026-11-23")]
