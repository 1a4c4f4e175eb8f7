"""Tests for planner.domain.model and planner.domain.options (validated, frozen value objects) and
planner.domain.checks (valid figures that look mistyped)."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from planner.domain.case import Case
from planner.domain.checks import debt_checks, rate_fraction
from planner.domain.model import Budget, CreditorKind, Debt, ExpenseCategory, ExpenseItem, IncomeItem
from planner.domain.options import Deferral, Plan, Restructure, Scenario, Settlement, Waiver, WaiverMode
from planner.errors import InvalidInput
from planner.findings import Scope, Severity
from planner.rates import Rate, RateUnit
from planner.text import render


def make_debt(**changes):
    fields = {
        "id": "card", "creditor": "示例银行信用卡中心", "kind": "credit-card", "contract_date": "2021-05-01",
        "original_principal": "50000", "outstanding_principal": "48000", "contract_rate": "18.25",
        "monthly_payment": "2400", "accrued_interest": "800", "penalty_interest": "1200",
        "liquidated_damages": "300", "other_fees": "100", "overdue_since": "2025-09-01",
    }
    fields.update(changes)
    return Debt(**fields)


def test_debt__converts_and_derives():
    """Text input is converted once; balance and charges are derived exactly."""
    debt = make_debt()
    assert debt.kind is CreditorKind.CREDIT_CARD
    assert debt.contract_date == date(2021, 5, 1)
    assert debt.charges == Decimal("2400.00")
    assert debt.penalties_and_fees == Decimal("1600.00")
    assert debt.balance == Decimal("50400.00")
    assert debt.contract_rate == Rate.annual_percent("18.25")


def test_debt__is_frozen():
    """A debt cannot be changed in place; with_ returns a validated copy."""
    debt = make_debt()
    with pytest.raises(dataclasses.FrozenInstanceError):
        debt.creditor = "x"  # type: ignore[misc]
    assert debt.with_(other_fees="0").balance == Decimal("50300.00")
    with pytest.raises(InvalidInput):
        debt.with_(other_fees="-1")


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [({"id": " "}, "id", "required"), ({"kind": "loan shark"}, "kind", "unknown_choice"),
     ({"original_principal": "0"}, "original_principal", "not_positive"),
     ({"penalty_interest": "abc"}, "penalty_interest", "not_a_number"),
     ({"contract_rate": "NaN"}, "contract_rate", "not_finite"),
     ({"overdue_since": "2020-01-01"}, "overdue_since", "date_order"),
     ({"contract_date": "2021-02-30"}, "contract_date", "no_such_date"),
     ({"contract_date": "2021-30-02"}, "contract_date", "bad_date")],
)
def test_debt__bad_values_name_field(changes, field, code):
    """Each bad value names its field and rule."""
    with pytest.raises(InvalidInput) as err:
        make_debt(**changes)
    assert (err.value.field, err.value.code) == (field, code)


def test_invalid_input__chinese_message_from_fields():
    """The Chinese message is built from the structured fields, with the row located."""
    with pytest.raises(InvalidInput) as err:
        make_debt(overdue_since="2020-01-01")
    located = err.value.at("row 3")
    assert located.message_zh() == "第 3 行：逾期起始日不能早于合同日期（输入为 2020-01-01）；请检查这两个日期"
    assert located.message_en().startswith("row 3: 'overdue_since' must not be earlier than contract_date")


def test_budget__disposable_may_be_negative():
    """Disposable income is income minus expenses minus reserve, and may be negative."""
    budget = Budget(
        incomes=(IncomeItem("工资", "6000"),),
        expenses=(ExpenseItem("housing", "3000"), ExpenseItem(ExpenseCategory.FOOD, "2500")),
        reserve="800",
    )
    assert budget.disposable == Decimal("-300.00")
    assert budget.expenses_by_category()[ExpenseCategory.HOUSING] == Decimal("3000.00")
    with pytest.raises(InvalidInput):
        ExpenseItem("pets", "100")


def test_options__validate_ranges():
    """Option values outside their ranges are refused with the range in the error."""
    with pytest.raises(InvalidInput) as err:
        Deferral(months=37)
    assert err.value.params == {"low": 0, "high": 36}
    with pytest.raises(InvalidInput):
        Restructure(months=0)
    with pytest.raises(InvalidInput):
        Restructure(months=12, rate="custom")
    with pytest.raises(InvalidInput):
        Waiver(WaiverMode.PERCENT, "120")
    with pytest.raises(InvalidInput):
        Plan(settlement=Settlement("50", "2027-01-01"), restructure=Restructure(months=12))
    assert Plan().is_status_quo
    assert not Plan(waiver=Waiver("excess")).is_status_quo


def test_case__checks_references_and_duplicates():
    """A case refuses duplicate debt ids and scenarios naming unknown debts."""
    debt = make_debt()
    budget = Budget()
    scenario = Scenario("方案一", {"card": Plan(restructure=Restructure(months=24))}, "2026-12-01")
    case = Case(budget, (debt,), "2026-11-23", (scenario,))
    assert case.scenario("方案一").plan_for("card").restructure.months == 24
    assert case.scenario("方案一").plan_for("other").is_status_quo
    with pytest.raises(InvalidInput) as err:
        Case(budget, (debt, debt), "2026-11-23")
    assert err.value.code == "duplicate"
    with pytest.raises(InvalidInput) as err:
        Case(budget, (debt,), "2026-11-23", (Scenario("x", {"nope": Plan()}, "2026-12-01"),))
    assert err.value.code == "unknown_reference"
    assert Case(budget, (), "2026-11-23").debts == ()


@pytest.mark.parametrize(
    ("make", "field", "code"),
    [
        (lambda: Restructure(months=12, method="foo"), "method", "unknown_choice"),
        (lambda: Restructure(months=12, rate="foo"), "rate", "unknown_choice"),
        (lambda: Deferral(months=3, interest="foo"), "interest", "unknown_choice"),
        # A missing choice is "required" (planner.choices.parse_choice), still listing the values.
        (lambda: Restructure(months=12, method=None), "method", "required"),
    ],
)
def test_options__unknown_choice_names_the_field_and_lists_the_values(make, field, code):
    """An unknown method, rate choice or deferral interest is unknown_choice (a missing one required) naming the
    field, not ValueError."""
    with pytest.raises(InvalidInput) as err:
        make()
    assert (err.value.field, err.value.code) == (field, code)
    assert err.value.params["choices"]
    assert "foo" not in err.value.params["choices"]


def test_options__choices_listed_are_the_enum_values():
    """The unknown_choice error lists the accepted spellings."""
    with pytest.raises(InvalidInput) as err:
        Restructure(months=12, method="balloon")
    assert err.value.params == {"choices": "equal-installment, equal-principal"}
    assert err.value.value == "balloon"


@pytest.mark.parametrize(("given", "expected"), [(True, True), (False, False), ("true", True), (" False ", False)])
def test_deferral__capitalise_accepts_booleans_and_their_text(given, expected):
    """capitalise is a bool, or the text "true" / "false" (any case)."""
    assert Deferral(months=3, capitalise=given).capitalise is expected


@pytest.mark.parametrize("given", ["false-ish", "no", "0", 0, 1, None, "", [False]])
def test_deferral__capitalise_refuses_anything_else(given):
    """"false" no longer becomes True: anything but a bool or "true"/"false" is unknown_choice."""
    with pytest.raises(InvalidInput) as err:
        Deferral(months=3, capitalise=given)
    assert (err.value.field, err.value.code) == ("capitalise", "unknown_choice")


def test_deferral__capitalise_text_false_is_false():
    """The reproduced defect: Deferral(capitalise="false") was True."""
    assert Deferral(months=3, capitalise="false").capitalise is False


@pytest.mark.parametrize(
    "plans",
    [
        {"card": "restructure"},
        {"card": None},
        (("card", {"restructure": {"months": 12}}),),
        (("card",),),
        ((1, Plan()),),
        "card",
        None,
        42,
    ],
)
def test_scenario__plans_must_be_debt_id_plan_pairs(plans):
    """A scenario refuses plans that are not (debt id, Plan) pairs with unknown_choice on 'plans'."""
    with pytest.raises(InvalidInput) as err:
        Scenario("方案一", plans, "2026-12-01")
    assert (err.value.field, err.value.code) == ("plans", "unknown_choice")


def test_scenario__plans_as_dict_or_pairs_still_work():
    """A dict or a sequence of pairs (tuples or lists) of Plans is accepted and stored as pairs."""
    plan = Plan(restructure=Restructure(months=24))
    assert Scenario("a", {"card": plan}, "2026-12-01").plans == (("card", plan),)
    assert Scenario("b", [["card", plan]], "2026-12-01").plans == (("card", plan),)
    assert Scenario("c", (), "2026-12-01").plans == ()


@pytest.mark.parametrize("value", ["²", "1.5", "twelve", "9" * 5000, 12.0])
def test_options__months_text_refused_without_value_error(value):
    """Months given as text int() cannot read ("²", which str.isdigit() accepts) is not_integer, not ValueError."""
    with pytest.raises(InvalidInput) as err:
        Restructure(months=value)
    assert (err.value.field, err.value.code) == ("months", "not_integer")
    with pytest.raises(InvalidInput) as err:
        Deferral(months=value)
    assert err.value.code == "not_integer"


def test_options__months_as_text():
    """Months as text are read with int(): "12", " 12 " and full-width digits; "-1" and "0" are out of range."""
    assert Restructure(months="12").months == 12
    assert Restructure(months=" 12 ").months == 12
    assert Restructure(months="\uff11\uff12").months == 12
    for value in ("-1", "0", "121"):
        with pytest.raises(InvalidInput) as err:
            Restructure(months=value)
        assert (err.value.code, err.value.value) == ("out_of_range", value)


def test_restructure__custom_rate_error_names_custom_rate():
    """A bad custom rate is reported on 'custom_rate'."""
    with pytest.raises(InvalidInput) as err:
        Restructure(months=12, rate="custom", custom_rate="abc")
    assert err.value.field == "custom_rate"


@pytest.mark.parametrize("changes", [{"contract_date": "9999-01-01"}, {"overdue_since": "2200-01-01"},
                                     {"contract_date": "1899-12-31"}])
def test_debt__dates_outside_1900_2199_are_out_of_range(changes):
    """Debt dates outside 1900-01-01 … 2199-12-31 are out_of_range."""
    with pytest.raises(InvalidInput) as err:
        make_debt(**changes)
    assert err.value.code == "out_of_range"


def test_scenario__start_near_9999_is_out_of_range():
    """A scenario starting 9999-06-01 is refused when built, before any schedule overflows the calendar."""
    with pytest.raises(InvalidInput) as err:
        Scenario("方案一", {}, "9999-06-01")
    assert (err.value.field, err.value.code) == ("start", "out_of_range")


def test_debt_checks__flag_probable_typos():
    """Valid but suspicious figures get findings: a fractional rate, no payment, principal above the original."""
    debt = make_debt(contract_rate="0.18", monthly_payment="0", overdue_since="2027-01-01",
                     outstanding_principal="60000")
    codes = [f.code for f in debt_checks(debt)]
    # The overdue date after as-of is left to the cap audit's WINDOW_EMPTY (one finding, not two).
    assert codes == ["RATE_LOOKS_LIKE_FRACTION", "NO_MONTHLY_PAYMENT", "PRINCIPAL_ABOVE_ORIGINAL"]
    fraction = debt_checks(debt)[0]
    assert (fraction.scope, fraction.subject) == (Scope.DEBT, "card")
    assert (fraction.param("field"), fraction.param("meant_value")) == ("contract_rate", Decimal(18))
    message = render(fraction, "zh")
    assert "如果本意是年利率 18%，请填写 18" in message
    assert debt_checks(make_debt()) == ()


def test_rate_fraction__keeps_the_unit_of_the_rate():
    """0.0015 % a month looks like a fraction and suggests 0.15 % a month (never "15 %"); 0.15 % a month, i.e. 1.8 %
    a year, is a plausible installment fee and gives no finding."""
    finding = rate_fraction(Rate.monthly_percent("0.0015"), "fee_rate", "card")
    assert (finding.code, finding.severity, finding.scope, finding.subject) == (
        "RATE_LOOKS_LIKE_FRACTION", Severity.WARNING, Scope.DEBT, "card")
    assert (finding.param("field"), finding.param("meant_value")) == ("fee_rate", Decimal("0.15"))
    meant = finding.param("meant")
    assert (meant.unit, meant.quoted, meant.percent_per_year) == (RateUnit.MONTHLY_PERCENT, Decimal("0.15"),
                                                                   Decimal("1.8"))
    assert "如果本意是月利率 0.15%（折合年利率 1.8%），请填写 月0.15%" in render(finding, "zh")
    assert "if 0.15% a month (1.8% a year) was meant, enter 月0.15%" in render(finding, "en")
    assert "年利率 15%" not in render(finding, "zh")
    assert "15% a year" not in render(finding, "en")
    assert Rate.monthly_percent("0.15").percent_per_year == Decimal("1.80")
    assert rate_fraction(Rate.monthly_percent("0.15"), "fee_rate", "card") is None
    # An annual rate keeps its unit too: 0.18 % a year suggests 18 % a year; 1 % a year and 0 give nothing.
    annual = rate_fraction(Rate.annual_percent("0.18"), "contract_rate", "card")
    assert (annual.param("meant").unit, annual.param("meant_value")) == (RateUnit.ANNUAL_PERCENT, Decimal(18))
    assert rate_fraction(Rate.annual_percent("1"), "contract_rate", "card") is None
    assert rate_fraction(Rate.annual_percent("0"), "contract_rate", "card") is None
    assert rate_fraction(None, "fee_rate", "card") is None
    # Read a year, 0.5 may have been meant as 0.5 % a month (how fees are quoted): the finding suggests that too.
    fee = rate_fraction(Rate.annual_percent("0.5"), "fee_rate", "card")
    assert fee.param("monthly") == Decimal("0.5")
    assert render(fee, "zh").endswith("；如果本意是每月 0.5%，请写成 月0.5%。")
    assert "if 0.5% a month was meant, write 月0.5%" in render(fee, "en")
    assert finding.param("monthly") is None  # already a month: nothing more to suggest
    # The advice is written in the rate's own unit, so that following it gives that unit again.
    monthly = rate_fraction(Rate.monthly_percent("0.02"), "contract_rate", "card")
    assert "请填写 月2%" in render(monthly, "zh")
    # 0.05 "a year" on an interest rate is likelier 日万分之5, how cards quote: both readings are offered.
    card = rate_fraction(Rate.annual_percent("0.05"), "contract_rate", "card")
    assert render(card, "zh").endswith("请填写 5（利率按百分数填写）；如果本意是日利率万分之5，请写成 日万分之5。")
    assert rate_fraction(Rate.annual_percent("0.18"), "contract_rate", "card").param("daily") is None


def test_scenario__settlement_paid_before_the_start_is_refused_naming_the_debt():
    """A settlement's pay-by date before the scenario's start is refused when the scenario is made (not later,
    when it is planned), and the case file names the scenario."""
    plan = Plan(settlement=Settlement(Decimal(50), date(2026, 10, 1)))
    with pytest.raises(InvalidInput) as info:
        Scenario("结清", (("citic-card", plan),), date(2026, 11, 23))
    err = info.value
    assert (err.field, err.code, err.value) == ("pay_by", "date_order", "citic-card: 2026-10-01")
    assert err.message_zh() == "结清日期不能早于开始日期（输入为 citic-card: 2026-10-01）；请检查这两个日期"

    import json

    from planner.io.casefile import dumps_case, loads_case
    from planner.io.examples import example_case

    data = json.loads(dumps_case(example_case()))
    settle = data["scenarios"][2]
    settled = next(p for p in settle["plans"] if p["settlement"] is not None)
    settled["settlement"]["pay_by"] = "2026-10-01"
    with pytest.raises(InvalidInput) as info:
        loads_case(json.dumps(data, ensure_ascii=False))
    assert info.value.message_zh().startswith(f"scenarios[2]（{settle['name']}）：结清日期不能早于开始日期")
