"""Tests for planner.engines.payoff: the payoff convention checked to the fen on hand-computed cases.

Every expected figure below was worked out by hand from the convention in the module docstring: interest
``round_half_up(balance × rate / 1200)``, then minimums, then the rest in policy order with rollover.
"""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from planner.engines.payoff import (
    BASELINE,
    MinPayment,
    PayoffDebt,
    Policy,
    RateChange,
    compare_policies,
    comparison_rows,
    interest_saved,
    minimums_only,
    payoff_debts_from_case,
    simulate,
)
from planner.errors import InvalidInput
from planner.findings import Scope, Severity
from planner.io.export import payoff_json
from planner.rates import Rate
from planner.text import render

START = date(2026, 1, 15)
D = Decimal


def debt(debt_id, balance, rate, minimum, **changes):
    return PayoffDebt(debt_id, f"creditor {debt_id}", balance, rate, minimum, **changes)


def two_debts():
    """A: ¥1,000 at 24 % (2 % a month), minimum ¥100; B: ¥2,000 at 12 % (1 % a month), minimum ¥50."""
    return [debt("A", "1000", "24", "100"), debt("B", "2000", "12", "50")]


def codes(result):
    return [f.code for f in result.findings]


# ------------------------------------------------------------------------------------------- the convention


def test_simulate__two_debts_three_months_avalanche_by_hand():
    """Each step of three avalanche months (interest, minimums, extra to the highest rate) matches the hand figures."""
    result = simulate(two_debts(), monthly_budget="400", policy="avalanche", start=START)
    m1, m2, m3 = result.months[:3]
    # Month 1: interest A 1000×24/1200 = 20.00, B 2000×12/1200 = 20.00; minimums 100 + 50; 250 extra to A.
    assert (m1.month, m1.date) == (1, date(2026, 2, 15))
    assert m1.interest == {"A": D("20.00"), "B": D("20.00")}
    assert m1.payments == {"A": D("350.00"), "B": D("50.00")}
    assert m1.balances == {"A": D("670.00"), "B": D("1970.00")}
    # Month 2: A 670×2 % = 13.40 → 683.40 − 350; B 1970×1 % = 19.70 → 1989.70 − 50.
    assert m2.interest == {"A": D("13.40"), "B": D("19.70")}
    assert m2.balances == {"A": D("333.40"), "B": D("1939.70")}
    # Month 3: A 333.40×2 % = 6.668 → 6.67; B 1939.70×1 % = 19.397 → 19.40 (half up to the fen).
    assert m3.interest == {"A": D("6.67"), "B": D("19.40")}
    assert m3.date == date(2026, 4, 15)
    assert all(row.unallocated == 0 for row in (m1, m2, m3))


def test_simulate__rollover_month():
    """The month A is paid off, what A does not need goes to B in the same month."""
    result = simulate(two_debts(), monthly_budget="400", policy="avalanche", start=START)
    m3 = result.months[2]
    # A owes 333.40 + 6.67 = 340.07: it takes 100 + 240.07; the remaining 9.93 rolls over to B (50 + 9.93).
    assert m3.payments == {"A": D("340.07"), "B": D("59.93")}
    assert m3.balances == {"A": D("0.00"), "B": D("1899.17")}
    assert result.debt("A").payoff_month == 3
    assert result.debt("A").payoff_date == date(2026, 4, 15)
    # From month 4 B gets the whole budget.
    assert result.months[3].payments == {"A": D("0.00"), "B": D("400.00")}


def test_simulate__pro_rata_first_month_by_hand():
    """Pro-rata splits the rest over the balances after the minimums, floors each share and gives the residue to the largest."""
    result = simulate(two_debts(), monthly_budget="400", policy="pro-rata", start=START)
    m1 = result.months[0]
    # After interest and minimums: A 920, B 1970; 250 × 920/2890 = 79.584… → 79.58, 250 × 1970/2890 = 170.415…
    # → 170.41; residue 0.01 to B (the larger balance).
    assert m1.payments == {"A": D("179.58"), "B": D("220.42")}
    assert m1.balances == {"A": D("840.42"), "B": D("1799.58")}


def test_interest__exact_half_fen_rounds_up():
    """¥30.00 at 15.4 % accrues exactly ¥0.385, which rounds up to ¥0.39 (no pre-divided monthly rate)."""
    result = simulate([debt("X", "30", "15.4", "10")], monthly_budget="10", policy="avalanche", start=START)
    assert result.months[0].interest == {"X": D("0.39")}
    assert result.months[0].balances == {"X": D("20.39")}


def test_simulate__zero_rate_debt_waits_under_avalanche():
    """A 0 % debt gets only its minimum while a debt with interest is open."""
    debts = [debt("Z", "500", "0", "50"), debt("H", "1000", "24", "50")]
    result = simulate(debts, monthly_budget="300", policy=Policy.AVALANCHE, start=START)
    assert result.order == ("H", "Z")
    # H: 1000 + 20 interest; 50 minimum + 200 extra = 250 → 770; Z: 50 → 450.
    assert result.months[0].payments == {"Z": D("50.00"), "H": D("250.00")}
    assert result.months[0].balances == {"Z": D("450.00"), "H": D("770.00")}
    assert result.debt("H").payoff_month < result.debt("Z").payoff_month
    assert result.debt("Z").interest == 0


def test_simulate__totals_and_summaries_add_up():
    """Totals are the sums of the rows, and each debt's payments are its balance plus its interest."""
    result = simulate(two_debts(), monthly_budget="400", policy="snowball", start=START)
    assert result.months_to_debt_free == len(result.months) == 8
    assert result.debt_free_date == date(2026, 9, 15)
    assert result.total_interest == sum(sum(row.interest.values()) for row in result.months)
    assert result.total_paid == sum(sum(row.payments.values()) for row in result.months)
    for original, summary in zip(two_debts(), result.debts, strict=True):
        # Independent of how the summary is computed: walk the month rows, balance by balance.
        carried = original.balance
        for row in result.months:
            assert row.balances[original.id] == carried + row.interest[original.id] - row.payments[original.id]
            carried = row.balances[original.id]
        assert summary.paid == sum(row.payments[original.id] for row in result.months)
        assert summary.interest == sum(row.interest[original.id] for row in result.months)
        assert carried == summary.balance == 0
    # Snowball pays A first (smallest balance): the same three months as the avalanche case worked by hand above.
    assert (result.debt("A").interest, result.debt("A").paid) == (D("40.07"), D("1040.07"))
    assert result.total_paid == D("3000.00") + result.total_interest
    assert result.remaining == 0
    assert result.findings == ()


# ---------------------------------------------------------------------------------------------------- ties


def test_avalanche__ties_smaller_balance_then_id():
    """Equal rates go smaller starting balance first, then by id."""
    debts = [debt("P", "2000", "18", "10"), debt("b", "1000", "18", "10"), debt("a", "1000", "18", "10")]
    result = simulate(debts, monthly_budget="500", policy="avalanche", start=START)
    assert result.order == ("a", "b", "P")


def test_snowball__ties_higher_rate_then_id():
    """Equal starting balances go higher rate first, then by id."""
    debts = [debt("x", "1000", "12", "10"), debt("y", "1000", "24", "10"), debt("w", "1000", "12", "10"),
             debt("big", "900", "0", "10")]
    result = simulate(debts, monthly_budget="500", policy="snowball", start=START)
    assert result.order == ("big", "y", "w", "x")


def test_pro_rata__residue_tie_goes_to_first_in_input_order():
    """With equal balances the fen left over goes to the debt listed first."""
    debts = [debt("m", "100", "0", "0"), debt("n", "100", "0", "0")]
    result = simulate(debts, monthly_budget="0.03", policy="pro-rata", start=START, horizon=1)
    # 0.03 × 100/200 = 0.015 → 0.01 each; residue 0.01 to m.
    assert result.months[0].payments == {"m": D("0.02"), "n": D("0.01")}


def test_pro_rata__share_above_balance_is_split_again():
    """A share that would exceed its balance is cut to it and the excess split again among the others."""
    debts = [debt("a", "0.01", "0", "0"), debt("b", "0.01", "0", "0"), debt("c", "0.01", "0", "0")]
    result = simulate(debts, monthly_budget="0.02", policy="pro-rata", start=START)
    # Round 1: floor(0.02 × 1/3) = 0 each, residue 0.02 to a, cut to 0.01; round 2: 0.01 over b, c → 0 each,
    # residue 0.01 to b.
    assert result.months[0].payments == {"a": D("0.01"), "b": D("0.01"), "c": D("0.00")}
    assert result.months[1].payments == {"a": D("0.00"), "b": D("0.00"), "c": D("0.01")}
    assert result.months[1].unallocated == D("0.01")
    assert result.months_to_debt_free == 2


def test_custom__order_given_then_unlisted_in_input_order():
    """Custom puts the named ids first and the others after them in input order."""
    debts = [debt("a", "100", "0", "0"), debt("b", "100", "0", "0"), debt("c", "100", "0", "0")]
    result = simulate(debts, monthly_budget="150", policy="custom", order=["c"], start=START)
    assert result.order == ("c", "a", "b")
    assert result.months[0].payments == {"a": D("50.00"), "b": D("0.00"), "c": D("100.00")}


def test_custom__unknown_or_repeated_id_is_refused():
    """An order naming an unknown id, or an id twice, raises InvalidInput on the order field."""
    with pytest.raises(InvalidInput) as err:
        simulate(two_debts(), monthly_budget="400", policy="custom", order=["A", "Q"], start=START)
    assert (err.value.field, err.value.code) == ("order", "unknown_reference")
    with pytest.raises(InvalidInput) as err:
        simulate(two_debts(), monthly_budget="400", policy="custom", order=["A", "A"], start=START)
    assert (err.value.field, err.value.code) == ("order", "duplicate")


def test_custom__without_order_uses_input_order():
    """Custom without an order pays the debts in input order."""
    result = simulate(two_debts()[::-1], monthly_budget="400", policy="custom", start=START)
    assert result.order == ("B", "A")


# ------------------------------------------------------------------------------------------------ minimums


def test_min_payment__percent_with_floor():
    """10 % of the balance with a ¥100 floor, half up to the fen, never above the balance."""
    rule = MinPayment.percent_of_balance("10", floor="100")
    assert rule.due(D("2000.00")) == D("200.00")
    assert rule.due(D("500.00")) == D("100.00")
    assert rule.due(D("80.00")) == D("80.00")
    assert rule.due(D("1234.55")) == D("123.46")
    assert MinPayment.fixed("300").due(D("120.50")) == D("120.50")


def test_min_payment__parse_forms():
    """Fixed amounts, percents and percents with a floor (also full-width) are parsed; others refused."""
    assert MinPayment.parse("500") == MinPayment.fixed("500")
    assert MinPayment.parse("10%") == MinPayment.percent_of_balance("10")
    assert MinPayment.parse("10%:100") == MinPayment.percent_of_balance("10", floor="100")
    assert MinPayment.parse("10\uff05\uff1a100") == MinPayment.percent_of_balance("10", floor="100")
    for bad in ("10%x", "abc", "0%", "150%", "-5", "10%:-1"):
        with pytest.raises(InvalidInput) as err:
            MinPayment.parse(bad)
        assert err.value.field == "min_payment"


def test_simulate__percent_minimum_uses_balance_after_interest():
    """The percent minimum is taken of the balance after that month's interest."""
    card = debt("card", "2000", "18", MinPayment.percent_of_balance("10", floor="100"), accepts_extra=False)
    result = simulate([card], monthly_budget="300", policy="avalanche", start=START, horizon=2)
    # 2000 + 30.00 interest = 2030; 10 % = 203.00 (above the floor); no extra accepted → 97 unallocated.
    assert result.months[0].payments == {"card": D("203.00")}
    assert result.months[0].unallocated == D("97.00")
    # 1827 + 27.405 → 27.41 interest = 1854.41; 10 % = 185.441 → 185.44.
    assert result.months[1].payments == {"card": D("185.44")}


# -------------------------------------------------------------------------------------- rates and extras


def test_rate_change__applies_from_first_payment_on_or_after_it():
    """A change effective on 2026-04-01 first applies to the month paid on 2026-04-15."""
    intro = debt("D", "1200", "0", "100", rate_changes=(RateChange(date(2026, 4, 1), Rate.annual_percent("24")),))
    result = simulate([intro], monthly_budget="100", policy="avalanche", start=START, horizon=3)
    assert [row.interest["D"] for row in result.months] == [D("0.00"), D("0.00"), D("20.00")]
    assert result.months[2].balances == {"D": D("920.00")}
    on_the_day = debt("D", "1200", "0", "100", rate_changes=((date(2026, 3, 15), "24"),))
    result = simulate([on_the_day], monthly_budget="100", policy="avalanche", start=START, horizon=2)
    assert [row.interest["D"] for row in result.months] == [D("0.00"), D("22.00")]


def test_rate_change__does_not_reorder_avalanche():
    """Avalanche ranks by the rate in force in month 1; a later rise does not move a debt up."""
    intro = debt("X", "5000", "0", "100", rate_changes=((date(2026, 3, 1), "36"),))
    debts = [intro, debt("Y", "5000", "12", "100")]
    result = simulate(debts, monthly_budget="1000", policy="avalanche", start=START)
    assert result.order == ("Y", "X")
    assert result.debt("Y").payoff_month > 4
    assert result.months[3].payments["X"] == D("100.00")


def test_rate_change__duplicate_dates_refused():
    """Two rate changes on the same date raise InvalidInput naming rate_changes."""
    with pytest.raises(InvalidInput) as err:
        debt("D", "100", "0", "10", rate_changes=((date(2026, 3, 1), "1"), (date(2026, 3, 1), "2")))
    assert err.value.field == "rate_changes"


def test_extras__paid_in_their_month_in_either_form():
    """A one-off extra goes out in its calendar month by the policy; triples and a mapping give the same plan."""
    debts = [debt("A", "1000", "0", "100")]
    as_tuples = simulate(debts, monthly_budget="100", policy="avalanche", extras=[(2026, 3, "500")], start=START)
    as_mapping = simulate(debts, monthly_budget="100", policy="avalanche", extras={(2026, 3): "500"}, start=START)
    assert as_tuples == as_mapping
    assert as_tuples.months[1].date == date(2026, 3, 15)
    assert as_tuples.months[1].available == D("600.00")
    assert as_tuples.months[1].payments == {"A": D("600.00")}
    assert as_tuples.months_to_debt_free == 5


def test_extras__before_month_one_refused_after_payoff_noted():
    """An extra dated before month 1 is an error; one dated after the debt-free month is reported unused."""
    debts = [debt("A", "200", "0", "100")]
    with pytest.raises(InvalidInput) as err:
        simulate(debts, monthly_budget="100", policy="avalanche", extras=[(2026, 1, "5")], start=START)
    assert (err.value.field, err.value.code) == ("extras", "out_of_range")
    with pytest.raises(InvalidInput) as err:
        simulate(debts, monthly_budget="100", policy="avalanche", extras=[(2026, 13, "5")], start=START)
    assert (err.value.field, err.value.code) == ("extras", "bad_month")
    result = simulate(debts, monthly_budget="100", policy="avalanche", extras=[(2030, 1, "5")], start=START)
    assert result.months_to_debt_free == 2
    assert codes(result) == ["PAYOFF_EXTRAS_UNUSED"]


# ------------------------------------------------------------------------------------- shortfall, horizon


def test_shortfall__budget_split_over_minimums():
    """A budget below the minimums is split in proportion to them, residue to the largest; flagged with a finding."""
    debts = [debt("A", "1000", "0", "100"), debt("B", "3000", "0", "300")]
    result = simulate(debts, monthly_budget="100.01", policy="avalanche", start=START)
    # 100.01 × 100/400 = 25.0025 → 25.00; 100.01 × 300/400 = 75.0075 → 75.00; residue 0.01 to B.
    assert result.months[0].payments == {"A": D("25.00"), "B": D("75.01")}
    assert result.months[0].shortfall
    assert result.shortfall
    assert "PAYOFF_SHORTFALL" in codes(result)
    # Balances fall, so the plan still ends and has a date.
    assert result.months_to_debt_free is not None
    assert result.total_paid == D("4000.00")


def test_shortfall__residue_above_a_minimum_is_split_again():
    """In a shortfall the residue never lifts a share above its minimum: the excess goes to the next largest."""
    debts = [debt(x, "5", "0", "0.01") for x in "abc"]
    result = simulate(debts, monthly_budget="0.02", policy="snowball", start=START, horizon=1)
    assert result.months[0].payments == {"a": D("0.01"), "b": D("0.01"), "c": D("0.00")}


def test_shortfall__balances_never_fall_no_date():
    """When the budget does not even cover the interest, the plan runs to the 600-month horizon with no date."""
    debts = [debt("A", "10000", "24", "300")]
    result = simulate(debts, monthly_budget="150", policy="avalanche", start=START)
    assert len(result.months) == 600
    assert result.months_to_debt_free is None
    assert result.debt_free_date is None
    assert result.debt("A").payoff_month is None
    assert result.remaining > D("10000")
    assert codes(result) == ["PAYOFF_SHORTFALL", "PAYOFF_BALANCES_DO_NOT_FALL", "PAYOFF_HORIZON"]


def test_horizon__unfinished_plan_stops_with_finding():
    """A plan not done within the horizon stops there, with totals for those months and a horizon finding."""
    result = simulate([debt("A", "10000", "12", "200")], monthly_budget="200", policy="avalanche", start=START,
                      horizon=12)
    assert len(result.months) == 12
    assert result.months_to_debt_free is None
    assert codes(result) == ["PAYOFF_HORIZON"]
    assert result.total_paid == D("2400.00")
    assert result.remaining == D("10000") + result.total_interest - result.total_paid


def test_runaway__exploding_balance_stops_early():
    """A balance growing past ¥10¹⁵ stops the plan before the horizon, reported as not falling."""
    result = simulate([debt("A", "1000000", "1000", "0")], monthly_budget="1", policy="avalanche", start=START)
    assert len(result.months) < 600
    assert len(result.months) % 12 == 0
    assert {"PAYOFF_BALANCES_DO_NOT_FALL", "PAYOFF_HORIZON"} <= set(codes(result))


def test_minimum_below_interest__reported_per_debt():
    """A minimum that does not cover the month's interest is a finding on that debt; no minimum at all is another."""
    debts = [debt("trap", "10000", "36", "200"), debt("free", "100", "0", "0"), debt("ok", "100", "12", "50")]
    result = simulate(debts, monthly_budget="1000", policy="avalanche", start=START)
    found = {(f.code, f.subject) for f in result.findings}
    assert ("PAYOFF_MINIMUM_BELOW_INTEREST", "trap") in found
    assert ("PAYOFF_NO_MINIMUM", "free") in found
    assert all(subject != "ok" for _, subject in found)


def test_findings__plan_level_scope_is_the_policy_debt_level_the_debt():
    """Plan-level findings are about the scenario named by the policy (or minimums-only); per-debt ones about the
    debt; balances that do not fall are a warning, not an error."""
    runaway = simulate([debt("A", "1000000", "1000", "0")], monthly_budget="1", policy="avalanche", start=START)
    assert [(f.code, f.severity, f.scope, f.subject) for f in runaway.findings] == [
        ("PAYOFF_BALANCES_DO_NOT_FALL", Severity.WARNING, Scope.SCENARIO, "avalanche"),
        ("PAYOFF_HORIZON", Severity.WARNING, Scope.SCENARIO, "avalanche"),
        ("PAYOFF_MINIMUM_BELOW_INTEREST", Severity.WARNING, Scope.DEBT, "A"),
    ]
    short = simulate(two_debts(), monthly_budget="100", policy="snowball", start=START, horizon=3)
    assert [(f.code, f.scope, f.subject) for f in short.findings] == [
        ("PAYOFF_SHORTFALL", Scope.SCENARIO, "snowball"), ("PAYOFF_HORIZON", Scope.SCENARIO, "snowball")]
    base = minimums_only(two_debts(), start=START, horizon=3)
    assert [(f.code, f.scope, f.subject) for f in base.findings] == [
        ("PAYOFF_HORIZON", Scope.SCENARIO, "minimums-only")]


def test_payoff_month__figures_are_read_only():
    """A month's per-debt figures are read-only mappings: results are immutable all the way down."""
    month = simulate(two_debts(), monthly_budget="400", policy="avalanche", start=START).months[0]
    for figures in (month.payments, month.interest, month.balances):
        with pytest.raises(TypeError):
            figures["A"] = D("0.00")
    assert month.payments == {"A": D("350.00"), "B": D("50.00")}


# ------------------------------------------------------------------------------------- fixed plans, zero


def test_fixed_plan__takes_only_its_minimum_rest_unallocated():
    """A debt that accepts no extra gets only its minimum; money nobody can take is unallocated with a finding."""
    debts = [debt("F", "1200", "0", "100", accepts_extra=False), debt("G", "300", "0", "50")]
    result = simulate(debts, monthly_budget="400", policy="pro-rata", start=START)
    assert result.months[0].payments == {"F": D("100.00"), "G": D("300.00")}
    assert result.months[1].payments == {"F": D("100.00"), "G": D("0.00")}
    assert result.months[1].unallocated == D("300.00")
    assert result.months_to_debt_free == 12
    assert "PAYOFF_UNALLOCATED" in codes(result)


def test_zero_balance__paid_off_at_month_zero():
    """A debt that starts at 0 is paid off in month 0; if all do, the plan is debt-free at the start."""
    result = simulate([debt("Z", "0", "10", "5"), debt("A", "50", "0", "50")], monthly_budget="50",
                      policy="avalanche", start=START)
    assert result.debt("Z").payoff_month == 0
    assert result.months_to_debt_free == 1
    empty = simulate([debt("Z", "0", "10", "5")], monthly_budget="50", policy="snowball", start=START)
    assert (empty.months_to_debt_free, empty.debt_free_date, empty.months) == (0, START, ())


# ------------------------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("kwargs", "field", "code"),
    [
        ({"monthly_budget": "0"}, "monthly", "not_positive"),
        ({"monthly_budget": "-1"}, "monthly", "negative"),
        ({"monthly_budget": "1.001"}, "monthly", "too_many_decimals"),
        ({"policy": "fastest"}, "policy", "unknown_choice"),
        ({"horizon": 0}, "horizon", "out_of_range"),
        ({"horizon": "12"}, "horizon", "not_integer"),
        ({"extras": [(2026, 3, "-5")]}, "extras", "negative"),
        ({"start": "2026-02-30"}, "start", "no_such_date"),
    ],
)
def test_simulate__bad_arguments_name_the_field(kwargs, field, code):
    """Each bad argument raises InvalidInput naming its field and rule."""
    arguments = {"monthly_budget": "400", "policy": "avalanche", "start": START, **kwargs}
    with pytest.raises(InvalidInput) as err:
        simulate(two_debts(), **arguments)
    assert (err.value.field, err.value.code) == (field, code)


def test_simulate__bad_debt_lists_refused():
    """No debts, or two debts with one id, raise InvalidInput."""
    with pytest.raises(InvalidInput) as err:
        simulate([], monthly_budget="1", policy="avalanche", start=START)
    assert (err.value.field, err.value.code) == ("debts", "empty")
    with pytest.raises(InvalidInput) as err:
        simulate([debt("A", "1", "0", "1"), debt("A", "2", "0", "1")], monthly_budget="1", policy="avalanche",
                 start=START)
    assert (err.value.field, err.value.code, err.value.where) == ("id", "duplicate", "debts[1]")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": " "}, "id"),
        ({"balance": "-1"}, "balance"),
        ({"balance": 1.5}, "balance"),
        ({"rate": "-3"}, "annual_rate"),
        ({"minimum": "x"}, "min_payment"),
        ({"accepts_extra": "no"}, "accepts_extra"),
    ],
)
def test_payoff_debt__validation_names_the_field(changes, field):
    """Bad debt fields raise InvalidInput naming the field."""
    with pytest.raises(InvalidInput) as err:
        dataclasses.replace(debt("A", "100", "10", "10"), **changes)
    assert err.value.field == field


def test_payoff_debt__converts_inputs():
    """Text figures become Money, Rate and MinPayment values; "24%" is a percent a year."""
    made = debt("A", "1,000", "24%", "10%:100")
    assert made.balance == D("1000.00")
    assert made.rate == Rate.annual_percent("24")
    assert made.minimum == MinPayment.percent_of_balance("10", floor="100")


# ------------------------------------------------------------------------------------- comparison, JSON


def test_compare_policies__all_four_in_policy_order():
    """compare_policies returns one plan per policy, in Policy order, each equal to its own simulate()."""
    results = compare_policies(two_debts(), monthly_budget="400", order=["B"], start=START)
    assert [r.policy for r in results] == list(Policy)
    assert results[3] == simulate(two_debts(), monthly_budget="400", policy="custom", order=["B"], start=START)
    assert results[3].order == ("B", "A")


def test_minimums_only__baseline_pays_only_minimums():
    """The baseline pays only the minimums (with a budget, the rest is unallocated) and uses no extras."""
    base = minimums_only(two_debts(), start=START)
    assert base.policy is None
    assert base.label == BASELINE
    assert base.months[0].payments == {"A": D("100.00"), "B": D("50.00")}
    assert base.months[0].available == D("150.00")
    assert base.months[0].unallocated == 0
    with_budget = minimums_only(two_debts(), monthly_budget="400", start=START)
    assert with_budget.months[0].unallocated == D("250.00")
    assert with_budget.months_to_debt_free == base.months_to_debt_free


def test_comparison_rows__plain_data_with_interest_saved():
    """Rows carry the headline figures, interest saved against the baseline, and each debt's payoff month."""
    results = compare_policies(two_debts(), monthly_budget="400", start=START)
    base = minimums_only(two_debts(), start=START)
    rows = comparison_rows(results, base)
    assert [r["policy"] for r in rows] == ["pro-rata", "avalanche", "snowball", "custom"]
    avalanche = rows[1]
    assert set(avalanche) == {"policy", "months_to_debt_free", "debt_free_date", "total_interest", "total_paid",
                              "interest_saved", "shortfall", "payoff_month:A", "payoff_month:B"}
    assert avalanche["interest_saved"] == base.total_interest - results[1].total_interest
    assert avalanche["payoff_month:A"] == 3
    assert comparison_rows(results)[0]["interest_saved"] is None
    assert comparison_rows([base])[0]["policy"] == "minimums-only"


def test_payoff_json__contract_keys():
    """payoff_json gives exactly the CLI contract's keys, amounts as two-place strings, findings last."""
    result = simulate(two_debts(), monthly_budget="400", policy="avalanche", start=START)
    data = payoff_json(result)
    assert list(data) == ["months_to_debt_free", "debt_free_date", "total_interest", "total_paid", "debts", "months",
                          "findings"]
    assert data["findings"] == []
    assert data["debts"][0] == {"id": "A", "payoff_month": 3, "interest": "40.07", "paid": "1040.07"}
    assert data["months"][2] == {
        "month": 3,
        "date": "2026-04-15",
        "payments": {"A": "340.07", "B": "59.93"},
        "balances": {"A": "0.00", "B": "1899.17"},
        "unallocated": "0.00",
    }
    assert list(payoff_json(result, include_policy=True)) == ["policy", *data]
    unfinished = payoff_json(simulate(two_debts(), monthly_budget="400", policy="avalanche", start=START, horizon=2))
    assert (unfinished["months_to_debt_free"], unfinished["debt_free_date"]) == (None, None)
    assert [(f["code"], f["scope"], f["subject"], f["params"]) for f in unfinished["findings"]] == [
        ("PAYOFF_HORIZON", "scenario", "avalanche", {"months": 2, "remaining": "2273.10"})]


def test_payoff_debts_from_case__uses_balance_running_rate_and_payment():
    """A case's debts become payoff debts with their total balance, running rate and monthly payment."""
    from planner.io.examples import example_case

    case = example_case()
    debts = payoff_debts_from_case(case)
    assert [d.id for d in debts] == [d.id for d in case.debts]
    for source, made in zip(case.debts, debts, strict=True):
        assert made.balance == source.balance
        assert made.rate == source.running_rate
        assert made.minimum == MinPayment.fixed(source.monthly_payment)
        assert made.creditor == source.creditor
        assert made.accepts_extra


# ------------------------------------------------------------------------- charges, fees and compounding


def one(result, field):
    """Return the single debt's figures of ``field`` ("interest", "fees", "payments", "balances") month by month."""
    return [next(iter(getattr(row, field).values())) for row in result.months]


def test_charges__bear_no_interest_and_are_paid_first():
    """Interest accrues on balance − charges; a payment clears the charges before the interest-bearing part."""
    made = debt("C", "1000", "12", "100", charges="200")
    result = simulate([made], monthly_budget="100", policy="avalanche", start=START, horizon=3)
    # Month 1: bearing 800 × 12/1200 = 8.00 (compound: joins the bearing part, 808); 1008 − 100 → charges
    # 200 → 100, bearing 808, balance 908. Month 2: 808 × 1 % = 8.08 → 916.08 − 100: charges 0, bearing 816.08.
    # Month 3: 816.08 × 1 % = 8.1608 → 8.16; 824.24 − 100 = 724.24.
    assert one(result, "interest") == [D("8.00"), D("8.08"), D("8.16")]
    assert one(result, "balances") == [D("908.00"), D("816.08"), D("724.24")]
    assert one(result, "fees") == [D("0.00")] * 3
    # Without charges the whole balance bears interest (the issue-6 convention, unchanged): 10.00 in month 1.
    plain = simulate([debt("C", "1000", "12", "100")], monthly_budget="100", policy="avalanche", start=START,
                     horizon=1)
    assert one(plain, "interest") == [D("10.00")]


def test_compound_false__no_interest_on_interest():
    """With compound=False unpaid interest joins the charges and bears none; with compounding it does."""
    simple = debt("S", "1000", "24", "10", compound=False)
    result = simulate([simple], monthly_budget="10", policy="avalanche", start=START, horizon=3)
    # Month 1: 1000 × 2 % = 20.00 → charges 20, balance 1020 − 10 → 1010 (charges 10). Month 2: bearing still
    # 1000 → 20.00 → 1030 − 10 = 1020 (charges 20). Month 3: 20.00 → 1030.
    assert one(result, "interest") == [D("20.00")] * 3
    assert one(result, "balances") == [D("1010.00"), D("1020.00"), D("1030.00")]
    compounding = simulate([debt("S", "1000", "24", "10")], monthly_budget="10", policy="avalanche", start=START,
                           horizon=3)
    # 1000 → 20.00, 1010 → 20.20, 1020.20 → 20.404 → 20.40.
    assert one(compounding, "interest") == [D("20.00"), D("20.20"), D("20.40")]


def test_fee_rate__accrues_on_bearing_part_reported_apart():
    """A recurring fee accrues monthly on the interest-bearing part, into the charges, and is counted apart."""
    made = debt("F", "10000", "12", "1000", fee_rate="6", compound=False)
    result = simulate([made], monthly_budget="1000", policy="avalanche", start=START, horizon=3)
    # Month 1: interest 10000 × 12/1200 = 100.00, fee 10000 × 6/1200 = 50.00 → 10150 − 1000 = 9150 (all bearing).
    # Month 2: 91.50 and 45.75 → 9287.25 − 1000 = 8287.25. Month 3: 82.8725 → 82.87 and 41.43625 → 41.44
    # → 8411.56 − 1000 = 7411.56.
    assert one(result, "interest") == [D("100.00"), D("91.50"), D("82.87")]
    assert one(result, "fees") == [D("50.00"), D("45.75"), D("41.44")]
    assert one(result, "balances") == [D("9150.00"), D("8287.25"), D("7411.56")]
    summary = result.debt("F")
    assert (summary.interest, summary.fees, summary.paid) == (D("274.37"), D("137.19"), D("3000.00"))
    assert (result.total_interest, result.total_fees, result.total_paid) == (D("274.37"), D("137.19"), D("3000.00"))
    assert result.cost == D("411.56")
    assert summary.paid == made.balance + summary.interest + summary.fees - summary.balance


def test_fee_rate__half_fen_rounds_up():
    """¥30.00 at a 15.4 % fee accrues exactly ¥0.385 of fee, rounded up to ¥0.39 (multiply first)."""
    made = debt("X", "30", "0", "10", fee_rate="15.4")
    result = simulate([made], monthly_budget="10", policy="avalanche", start=START, horizon=1)
    assert one(result, "fees") == [D("0.39")]
    assert one(result, "interest") == [D("0.00")]
    assert one(result, "balances") == [D("20.39")]


def test_fee_rate__joins_the_charges_even_when_compounding():
    """With compound=True the interest joins the bearing part but the fee always joins the charges."""
    compounding = debt("K", "10000", "12", "20", fee_rate="6")
    result = simulate([compounding], monthly_budget="20", policy="avalanche", start=START, horizon=3)
    # Month 1: interest 100.00 → bearing 10100; fee 50.00 → charges 50; 10150 − 20 → charges 30, balance 10130.
    # Month 2: bearing 10100 → interest 101.00 (→ 10201), fee 50.50 (→ charges 80.50); 10281.50 − 20 = 10261.50
    # (charges 60.50). Month 3: bearing 10201 → 102.01, fee 51.005 → 51.01; 10414.52 − 20 = 10394.52.
    assert one(result, "interest") == [D("100.00"), D("101.00"), D("102.01")]
    assert one(result, "fees") == [D("50.00"), D("50.50"), D("51.01")]
    assert one(result, "balances") == [D("10130.00"), D("10261.50"), D("10394.52")]
    simple = simulate([dataclasses.replace(compounding, compound=False)], monthly_budget="20", policy="avalanche",
                      start=START, horizon=3)
    # Without compounding the bearing part stays 10000: 100.00 and 50.00 every month.
    assert one(simple, "interest") == [D("100.00")] * 3
    assert one(simple, "fees") == [D("50.00")] * 3
    assert one(simple, "balances") == [D("10130.00"), D("10260.00"), D("10390.00")]


def test_charges__two_debts_rollover_pays_charges_first():
    """Extra money rolled over to a debt with charges clears the charges first, so its interest does not fall."""
    debts = [debt("A", "100", "0", "50"), debt("B", "1000", "12", "0", charges="500", compound=False)]
    result = simulate(debts, monthly_budget="400", policy="custom", order=["A", "B"], start=START, horizon=2)
    # Month 1: B bearing 500 → 5.00 (charges 505, balance 1005); A takes 100, B the other 300 (all charges → 205).
    # Month 2: B bearing still 500 → 5.00 again; 710 − 400 = 310 (charges 0, bearing 310).
    assert result.months[0].payments == {"A": D("100.00"), "B": D("300.00")}
    assert [row.interest["B"] for row in result.months] == [D("5.00"), D("5.00")]
    assert [row.balances["B"] for row in result.months] == [D("705.00"), D("310.00")]
    # Month 3 (a longer plan): bearing 310 → 3.10.
    longer = simulate(debts, monthly_budget="400", policy="custom", order=["A", "B"], start=START, horizon=3)
    assert longer.months[2].interest["B"] == D("3.10")
    assert longer.debt("B").payoff_month == 3


def test_fee_rate__counts_in_avalanche_and_snowball_ranking():
    """Avalanche ranks by the annual rate plus the fee rate: 18 % + 12 % of fees comes before 24 %."""
    debts = [debt("Y", "1000", "24", "10"), debt("X", "2000", "18", "10", fee_rate="12")]
    assert simulate(debts, monthly_budget="500", policy="avalanche", start=START, horizon=1).order == ("X", "Y")
    same_balance = [debt("Y", "1000", "24", "10"), debt("X", "1000", "18", "10", fee_rate="12")]
    assert simulate(same_balance, monthly_budget="500", policy="snowball", start=START, horizon=1).order == ("X", "Y")


def test_minimum_below_interest_and_fee__reported():
    """A minimum above the interest but not above interest + fee is still reported, naming the fee."""
    made = debt("T", "10000", "12", "120", fee_rate="6")
    result = simulate([made], monthly_budget="500", policy="avalanche", start=START)
    finding = next(f for f in result.findings if f.code == "PAYOFF_MINIMUM_BELOW_INTEREST")
    assert finding.subject == "T"
    assert finding.values == {"minimum": D("120.00"), "interest": D("150.00"), "fee": "yes"}
    assert "interest and fee (CN¥150.00)" in render(finding, "en")
    assert "利息和费用 ¥150.00" in render(finding, "zh")


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"charges": "100.01"}, "charges", "out_of_range"),
        ({"charges": "-1"}, "charges", "negative"),
        ({"charges": "1.001"}, "charges", "too_many_decimals"),
        ({"fee_rate": "-1"}, "fee_rate", "negative"),
        ({"compound": "no"}, "compound", "unknown_choice"),
    ],
)
def test_payoff_debt__charges_fee_compound_validated(changes, field, code):
    """Charges must be on the fen and within the balance; the fee rate a rate; compound a bool."""
    with pytest.raises(InvalidInput) as err:
        dataclasses.replace(debt("A", "100", "10", "10"), **changes)
    assert (err.value.field, err.value.code) == (field, code)


def test_payoff_debt__defaults_keep_issue_6_convention():
    """The new fields default to no charges, no fee and compounding; charges may be the whole balance."""
    made = debt("A", "100", "10", "10")
    assert (made.charges, made.fee_rate, made.compound) == (D("0.00"), None, True)
    whole = debt("A", "100", "10", "10", charges="100", fee_rate="3.6")
    assert whole.charges == D("100.00")
    assert whole.fee_rate == Rate.annual_percent("3.6")
    # All charges: nothing bears interest or fees.
    result = simulate([whole], monthly_budget="10", policy="avalanche", start=START, horizon=1)
    assert (one(result, "interest"), one(result, "fees")) == ([D("0.00")], [D("0.00")])


def test_payoff_json__fees_only_when_the_plan_has_them():
    """A plan with recurring fees adds total_fees and per-debt and per-month fees; one without keeps the contract."""
    made = debt("F", "10000", "12", "1000", fee_rate="6", compound=False)
    data = payoff_json(simulate([made], monthly_budget="1000", policy="avalanche", start=START, horizon=3))
    assert list(data) == ["months_to_debt_free", "debt_free_date", "total_interest", "total_paid", "total_fees",
                          "debts", "months", "findings"]
    assert data["total_fees"] == "137.19"
    assert data["debts"][0] == {"id": "F", "payoff_month": None, "interest": "274.37", "paid": "3000.00",
                                "fees": "137.19"}
    assert data["months"][2]["fees"] == {"F": "41.44"}
    plain = payoff_json(simulate(two_debts(), monthly_budget="400", policy="avalanche", start=START))
    assert "total_fees" not in plain
    assert "fees" not in plain["debts"][0]
    assert "fees" not in plain["months"][0]


def test_interest_saved__counts_fees_and_needs_finished_plans():
    """Saved = the baseline's interest + fees − the plan's; None for the baseline itself or an unfinished plan."""
    debts = [debt("F", "10000", "12", "1000", fee_rate="6", compound=False), debt("G", "1000", "24", "100")]
    base = minimums_only(debts, start=START)
    plan = simulate(debts, monthly_budget="2000", policy="avalanche", start=START)
    saved = interest_saved(plan, base)
    assert saved == base.total_interest + base.total_fees - plan.total_interest - plan.total_fees
    assert saved > base.total_interest - plan.total_interest > 0  # the fees saved count too
    assert interest_saved(base, base) is None
    assert interest_saved(plan, None) is None
    short = simulate(debts, monthly_budget="2000", policy="avalanche", start=START, horizon=2)
    assert interest_saved(short, base) is None
    rows = comparison_rows([plan], base)
    assert rows[0]["interest_saved"] == saved
    assert rows[0]["total_fees"] == plan.total_fees


def test_payoff_debts_from_case__status_quo_mechanics():
    """Case debts hold their charges apart, carry the fee rate and do not compound: the status quo's convention."""
    from planner.io.examples import example_case

    case = example_case()
    for source, made in zip(case.debts, payoff_debts_from_case(case), strict=True):
        assert made.charges == source.charges
        assert made.fee_rate == source.fee_rate
        assert made.compound is False
    assert any(d.fee_rate is not None for d in case.debts)
