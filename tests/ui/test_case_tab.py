"""案例 Case tab: every control changes the case, the comparison and the saved file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from ui.uitools import field, find, find_all, show_tab, strip, summary, type_into

from planner.domain.model import BenchmarkArea, ExpenseCategory
from planner.io.casefile import load_case
from planner.text import fmt


def disposable_note(app) -> str:
    return strip(app.summary.table.value).split("每月可用于还款：")[1].split("；")[0]


def test_borrower__changes_case_and_file(app, case_path):
    type_into(field(app, "case", "planner-borrower"), "王芳")
    assert app.case.borrower == "王芳"
    assert load_case(case_path).borrower == "王芳"


def test_as_of__changes_case_and_comparison(app, case_path):
    before = summary(app)
    type_into(field(app, "case", "planner-as-of"), "2027年1月5日")
    assert app.case.as_of == date(2027, 1, 5)
    assert load_case(case_path).as_of == date(2027, 1, 5)
    assert summary(app) != before


def test_members_and_area__change_the_benchmarks(app, case_path):
    tab = show_tab(app, "case")
    members = app.case.budget.members + 1
    benchmarks = tab.benchmarks.value
    type_into(field(app, "case", "planner-members"), str(members))
    assert app.case.budget.members == members
    assert tab.benchmarks.value != benchmarks
    assert str(members) in strip(tab.benchmarks.value)
    area = next(a for a in BenchmarkArea if a is not app.case.budget.area)
    before = tab.benchmarks.value
    field(app, "case", "planner-area").input.value = area
    assert app.case.budget.area is area
    assert tab.benchmarks.value != before
    saved = load_case(case_path).budget
    assert (saved.members, saved.area) == (members, area)


def test_reserve__changes_disposable_in_the_table(app):
    assert disposable_note(app) == "¥3,200.00"
    type_into(field(app, "case", "planner-reserve"), "500")
    assert app.case.budget.reserve == Decimal("500.00")
    assert disposable_note(app) == "¥3,000.00"
    assert "¥3,000.00" in strip(show_tab(app, "case").totals.value)


@pytest.mark.parametrize("index", [0, 1])
def test_income_row__name_and_amount(app, case_path, index):
    tab = show_tab(app, "case")
    row = tab.incomes.children[index]
    type_into(find(row, "planner-income-name"), "奖金")
    assert app.case.budget.incomes[index].name == "奖金"
    old = app.case.budget.incomes[index].amount
    type_into(find(row, "planner-income-amount"), str(old + 1000))
    assert app.case.budget.incomes[index].amount == old + 1000
    assert disposable_note(app) == "¥4,200.00"
    assert load_case(case_path).budget.incomes[index].amount == old + 1000


@pytest.mark.parametrize("index", range(7))
def test_expense_row__category_name_and_amount(app, case_path, index):
    tab = show_tab(app, "case")
    row = tab.expenses.children[index]
    category = ExpenseCategory.OTHER if app.case.budget.expenses[index].category != ExpenseCategory.OTHER \
        else ExpenseCategory.FOOD
    find(row, "planner-expense-category").input.value = category
    assert app.case.budget.expenses[index].category is category
    type_into(find(row, "planner-expense-name"), "杂项")
    assert app.case.budget.expenses[index].name == "杂项"
    old = app.case.budget.expenses[index].amount
    type_into(find(row, "planner-expense-amount"), str(old + 200))
    assert app.case.budget.expenses[index].amount == old + 200
    assert disposable_note(app) == "¥3,000.00"
    saved = load_case(case_path).budget.expenses[index]
    assert (saved.category, saved.name, saved.amount) == (category, "杂项", old + 200)


def test_add_and_remove_income(app):
    tab = show_tab(app, "case")
    find(tab, "planner-add-income").click()
    assert len(app.case.budget.incomes) == 3
    tab = show_tab(app, "case")
    assert len(tab.incomes.children) == 3
    type_into(find(tab.incomes.children[2], "planner-income-amount"), "800")
    assert app.case.budget.incomes[2].amount == Decimal("800.00")
    assert disposable_note(app) == "¥4,000.00"
    find(tab.incomes.children[0], "planner-remove-income").click()
    assert [i.amount for i in app.case.budget.incomes] == [Decimal("3500.00"), Decimal("800.00")]
    assert disposable_note(app) == fmt.money(Decimal(-5200), "zh")  # 4,300 − 9,200 − 300
    assert len(show_tab(app, "case").incomes.children) == 2


def test_add_and_remove_expense(app):
    tab = show_tab(app, "case")
    find(tab, "planner-add-expense").click()
    assert len(app.case.budget.expenses) == 8
    assert app.case.budget.expenses[7].category is ExpenseCategory.OTHER
    tab = show_tab(app, "case")
    type_into(find(tab.expenses.children[7], "planner-expense-amount"), "200")
    assert disposable_note(app) == "¥3,000.00"
    find(tab.expenses.children[0], "planner-remove-expense").click()  # rent 3,300 removed
    assert len(app.case.budget.expenses) == 7
    assert disposable_note(app) == "¥6,300.00"
    assert len(find_all(show_tab(app, "case"), "planner-remove-expense")) == 7


def test_notes__saved(app, case_path):
    show_tab(app, "case").notes.value = "已与招行电话沟通，待书面确认"
    assert app.case.notes == "已与招行电话沟通，待书面确认"
    assert load_case(case_path).notes == "已与招行电话沟通，待书面确认"


def test_debtor_identity__entered_checked_and_saved(app, case_path):
    """The ID number, phone and address the proposal needs: a wrong check digit is caught beside the field."""
    tab = show_tab(app, "case")
    type_into(find(tab, "planner-id-number"), "11010519491231002x")
    type_into(find(tab, "planner-phone"), "138 0013 8000")
    type_into(find(tab, "planner-address"), "浙江省杭州市西湖区某路 1 号")
    saved = load_case(case_path).debtor
    assert (saved.id_number, saved.phone, saved.address) == ("11010519491231002X", "138 0013 8000",
                                                            "浙江省杭州市西湖区某路 1 号")
    field_ = find(tab, "planner-id-number")
    type_into(field_, "110105194912310021")
    assert "校验码" in field_.error
    assert app.case.debtor.id_number == "11010519491231002X"
    type_into(find(tab, "planner-phone"), "call me")
    assert find(tab, "planner-phone").error
    assert load_case(case_path).debtor.phone == "138 0013 8000"
