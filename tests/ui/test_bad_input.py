"""Bad input in every numeric and date field: a message beside the field (Chinese, then English), the model keeps
its last valid value, nothing is saved, and the app goes on working."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from ui.uitools import CJK, find, show_tab, strip, summary, type_into


def case_field(css: str) -> Callable[[Any], Any]:
    return lambda app: find(show_tab(app, "case"), css)


def row_field(rows: str, css: str) -> Callable[[Any], Any]:
    return lambda app: find(getattr(show_tab(app, "case"), rows).children[0], css)


def debt_field(name: str) -> Callable[[Any], Any]:
    return lambda app: find(show_tab(app, "debts").form, f"planner-debt-{name.replace('_', '-')}")


def option(css: str) -> Callable[[Any], Any]:
    return lambda app: find(show_tab(app, "options"), css)


def settlement(app: Any) -> None:
    show_tab(app, "options").kind.value = "settlement"


def custom_rate(app: Any) -> None:
    from planner.domain.options import RateChoice

    find(show_tab(app, "options"), "planner-rate-choice").input.value = RateChoice.CUSTOM


def percent_waiver(app: Any) -> None:
    from planner.domain.options import WaiverMode

    find(show_tab(app, "options"), "planner-waiver-mode").input.value = WaiverMode.PERCENT


def nothing(app: Any) -> None:
    pass


ENGLISH = re.compile(r"\b(must|not|is|write|between|more|less|at)\b")


def payoff_field(app: Any) -> Any:
    return find(show_tab(app, "payoff"), "planner-payoff-budget")


# (id, how to find the field, bad texts: each refused[, what to do first so that the field is the one in use])
FIELDS = [
    ("as_of", case_field("planner-as-of"), ["2026-02-30", "明天", "2026-13-01"]),
    ("members", case_field("planner-members"), ["0", "21", "abc", "2.5"]),
    ("reserve", case_field("planner-reserve"), ["abc", "1.2.3"]),
    ("income_amount", row_field("incomes", "planner-income-amount"), ["abc", "12,00x"]),
    ("expense_amount", row_field("expenses", "planner-expense-amount"), ["abc"]),
    ("debt_contract_date", debt_field("contract_date"), ["2026-02-30", "abc"]),
    ("debt_original_principal", debt_field("original_principal"), ["abc"]),
    ("debt_outstanding_principal", debt_field("outstanding_principal"), ["abc", "1.5万x"]),
    ("debt_accrued_interest", debt_field("accrued_interest"), ["abc"]),
    ("debt_penalty_interest", debt_field("penalty_interest"), ["abc"]),
    ("debt_liquidated_damages", debt_field("liquidated_damages"), ["abc"]),
    ("debt_other_fees", debt_field("other_fees"), ["abc"]),
    ("debt_monthly_payment", debt_field("monthly_payment"), ["abc"]),
    ("debt_contract_rate", debt_field("contract_rate"), ["abc", "年利率x%"]),
    ("debt_penalty_rate", debt_field("penalty_rate"), ["abc"]),
    ("debt_fee_rate", debt_field("fee_rate"), ["abc"]),
    ("debt_overdue_since", debt_field("overdue_since"), ["2026-02-30", "abc"]),
    ("waiver_percent", option("planner-waiver-percent"), ["150", "-1", "abc"], percent_waiver),
    ("token", option("planner-token"), ["abc"]),
    ("custom_rate", option("planner-custom-rate"), ["abc"], custom_rate),
    ("down_payment", option("planner-down-payment"), ["abc"]),
    ("fee", option("planner-fee"), ["20", "abc"]),
    ("settle_percent", option("planner-settle-percent"), ["150", "abc"], settlement),
    ("settle_date", option("planner-settle-date"), ["2026-02-30", "abc"], settlement),
    ("scenario_start", option("planner-scenario-start"), ["2026-02-30", "abc"]),
]


def reserve_works(app: Any, amount: str, shown: str) -> None:
    """A later valid change still updates the comparison."""
    before = summary(app)
    type_into(find(show_tab(app, "case"), "planner-reserve"), amount)
    assert str(app.case.budget.reserve) == amount + ".00"
    assert summary(app) != before
    assert f"{shown}" in strip(app.summary.table.value)


@pytest.mark.parametrize(("locate", "bad", "prepare"), [(*f[1:3], f[3] if len(f) > 3 else nothing) for f in FIELDS],
                         ids=[f[0] for f in FIELDS])
def test_bad_input__message_beside_field_model_kept(app, case_path, locate, bad, prepare):
    prepare(app)
    chinese = {}
    for text in bad:
        case, saved, table = app.case, case_path.read_bytes(), app.summary.table.value
        widget = locate(app)
        shown = widget.input.value
        type_into(widget, text)
        widget = locate(app)
        assert widget.error != "", text
        assert CJK.search(strip(widget.error)), widget.error  # in Chinese
        chinese[text] = strip(widget.error).strip()
        assert app.case == case
        assert case_path.read_bytes() == saved
        assert app.summary.table.value == table
        widget.input.value = shown  # a user retypes the valid value: the message goes
        assert locate(app).error == ""
        assert app.case == case
    reserve_works(app, "450", "¥3,050.00")
    find(app, "planner-language").value = "en"
    for text in bad:
        widget = locate(app)
        type_into(widget, text)
        message = strip(locate(app).error).strip()
        assert message != "", text
        assert ENGLISH.search(message), message  # in English (examples may quote 2026年1月15日)
        assert message != chinese[text]
    reserve_works(app, "350", "CN¥3,150.00")


@pytest.mark.parametrize("bad", ["abc", "0", "-100"])
def test_bad_input__payoff_budget(app, bad):
    tab = show_tab(app, "payoff")
    table = tab.table.value
    type_into(payoff_field(app), bad)
    assert payoff_field(app).error != ""
    assert CJK.search(strip(payoff_field(app).error))
    assert tab.budget is None
    assert tab.table.value == table
    type_into(payoff_field(app), "6000")
    assert payoff_field(app).error == ""
    assert "¥6,000.00" in strip(tab.table.value)
    find(app, "planner-language").value = "en"
    type_into(payoff_field(app), bad)
    assert payoff_field(app).error != ""
    assert ENGLISH.search(strip(payoff_field(app).error))
