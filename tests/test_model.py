"""Tests for planner.model and planner.options: validated, frozen value objects."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from planner.case import Case
from planner.errors import InvalidInput
from planner.model import Budget, CreditorKind, Debt, ExpenseCategory, ExpenseItem, IncomeItem
from planner.options import Deferral, Plan, Restructure, Scenario, Settlement, Waiver, WaiverMode
from planner.rates import Rate


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
     ({"contract_date": "2021-02-30"}, "contract_date", "bad_date")],
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
