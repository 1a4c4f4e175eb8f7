"""Tests for planner.present.tables and planner.present.charts: presentation reads engine results without changing them."""

import warnings
from decimal import Decimal

import pytest

from planner.engines.scenarios import evaluate_case
from planner.text import label, scenario_label
from planner.text.zh import LABELS as LABELS_ZH


@pytest.fixture(scope="module")
def comparison(example):
    return evaluate_case(example)


def test_comparison_frame__one_row_per_scenario_with_decimals(comparison):
    """The comparison frame has the status quo (维持现状) first, English columns and Decimal money that sums exactly."""
    from planner.present.tables import COMPARISON_COLUMNS, comparison_frame

    frame = comparison_frame(comparison)
    assert list(frame.columns) == COMPARISON_COLUMNS
    assert frame["scenario"].tolist() == [scenario_label(o, "zh") for o in comparison.all]
    assert frame.loc[0, "scenario"] == "维持现状"
    assert frame["scenario"].tolist()[1:] == [o.name for o in comparison.outcomes]
    assert frame["affordable"].tolist() == [o.is_affordable for o in comparison.all]
    assert not frame.loc[0, "affordable"]  # the status quo of the example is unaffordable
    assert isinstance(frame.loc[1, "total_paid"], Decimal)
    assert frame.loc[1, "total_paid"] == comparison.outcomes[0].total_paid


def test_cash_flow_frame__reconciles_with_outcome(comparison):
    """Per-debt payment columns add up to the month's payments and to each debt's total."""
    from planner.present.tables import cash_flow_frame

    outcome = comparison.outcomes[0]
    frame = cash_flow_frame(outcome)
    ids = [d.debt_id for d in outcome.debts]
    for _, row in frame.iterrows():
        assert sum((row[f"payment:{i}"] for i in ids), Decimal(0)) == row["payments"]
    for debt in outcome.debts:
        assert sum(frame[f"payment:{debt.debt_id}"], Decimal(0)) == debt.total_paid


def test_creditor_schedule_audit_frames(comparison):
    """Creditor, schedule and audit frames carry the engine's figures."""
    from planner.present.tables import audit_frame, creditor_frame, localize, schedule_frame

    outcome = comparison.outcomes[0]
    creditors = creditor_frame(outcome)
    assert creditors["saving"].tolist() == [d.saving for d in outcome.debts]
    schedule = outcome.debts[0].schedule
    lines = schedule_frame(schedule)
    assert sum(lines["payment"], Decimal(0)) == schedule.total_payment
    audits = audit_frame(comparison.audits)
    assert len(audits) == len(outcome.debts)
    zh = localize(audits)
    assert LABELS_ZH["excess"] in zh.columns
    assert label("excess", "en") == "excess"


def test_charts__render_png_with_chinese_font_without_warnings(comparison):
    """The three charts render to PNG with the bundled CJK font and no missing-glyph warning."""
    from planner.present.charts import comparison_figure, figure_png, use_cjk_font

    assert use_cjk_font() == "Noto Sans SC"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = figure_png(comparison_figure(comparison), dpi=60)
    assert png.startswith(b"\x89PNG")
    assert len(png) > 10_000


def test_payoff_frame_and_charts():
    """The payoff comparison is one call to a DataFrame, and both payoff charts render with Chinese labels."""
    from datetime import date

    from planner.engines.payoff import MinPayment, PayoffDebt, compare_policies
    from planner.present.charts import figure_png, new_figure, plot_payoff_balances, plot_payoff_months
    from planner.present.tables import compare_payoff

    debts = [
        PayoffDebt("card", "银行信用卡", "12000", "18.25", MinPayment.percent_of_balance("10", floor="100")),
        PayoffDebt("loan", "网贷平台", "8000", "36", MinPayment.fixed("400")),
        PayoffDebt("plan", "停息分期", "20000", "0", MinPayment.fixed("500")),
    ]
    frame = compare_payoff(debts, monthly_budget="3000", start=date(2026, 12, 1))
    assert frame["policy"].tolist() == ["pro-rata", "avalanche", "snowball", "custom"]
    assert {"interest_saved", "payoff_month:loan"} <= set(frame.columns)
    assert frame.loc[1, "total_interest"] <= frame.loc[2, "total_interest"]
    results = compare_policies(debts, monthly_budget="3000", start=date(2026, 12, 1))
    figure = new_figure(8, 6)
    top, bottom = figure.subplots(2, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lines = plot_payoff_balances(top, results)
        bars = plot_payoff_months(bottom, results)
        png = figure_png(figure, dpi=50)
    assert len(lines) == 4
    assert len(bars) == 4 * len(debts)
    assert lines[1].get_ydata()[0] == 40000.0
    assert png.startswith(b"\x89PNG")


def test_plot_payoff_months__unpaid_debt_is_hatched_not_zero():
    """A debt that is never paid off is drawn to the end of the plan, hatched and labelled, not as month 0."""
    from datetime import date

    from planner.engines.payoff import MinPayment, PayoffDebt, simulate
    from planner.present.charts import new_figure, plot_payoff_months

    debts = [PayoffDebt("grows", "网贷", "10000", "36", MinPayment.fixed("100")),
             PayoffDebt("small", "信用卡", "500", "18", MinPayment.fixed("100"))]
    result = simulate(debts, monthly_budget="200", policy="snowball", start=date(2026, 12, 1), horizon=24)
    assert result.debt("grows").payoff_month is None
    ax = new_figure().subplots()
    artists = plot_payoff_months(ax, [result])
    bars = [a for a in artists if hasattr(a, "get_hatch")]
    grows = bars[0]
    assert grows.get_width() == len(result.months)
    assert grows.get_hatch() == "//"
    assert any(getattr(a, "get_text", lambda: "")() == "未还清" for a in artists)
