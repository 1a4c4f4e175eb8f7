"""Tests for planner.tables and planner.charts: presentation reads engine results without changing them."""

import warnings
from decimal import Decimal

import pytest

from planner.examples import example_case
from planner.labels import LABELS_ZH, label
from planner.scenarios import evaluate_case


@pytest.fixture(scope="module")
def comparison():
    return evaluate_case(example_case())


def test_comparison_frame__one_row_per_scenario_with_decimals(comparison):
    """The comparison frame has the status quo first, English columns and Decimal money that sums exactly."""
    from planner.tables import COMPARISON_COLUMNS, comparison_frame

    frame = comparison_frame(comparison)
    assert list(frame.columns) == COMPARISON_COLUMNS
    assert frame["scenario"].tolist() == [o.name for o in comparison.all]
    assert frame["affordable"].tolist()[0] is False or not frame["affordable"].tolist()[0]
    assert isinstance(frame.loc[1, "total_paid"], Decimal)
    assert frame.loc[1, "total_paid"] == comparison.outcomes[0].total_paid


def test_cash_flow_frame__reconciles_with_outcome(comparison):
    """Per-debt payment columns add up to the month's payments and to each debt's total."""
    from planner.tables import cash_flow_frame

    outcome = comparison.outcomes[0]
    frame = cash_flow_frame(outcome)
    ids = [d.debt_id for d in outcome.debts]
    for _, row in frame.iterrows():
        assert sum((row[i] for i in ids), Decimal(0)) == row["payments"]
    for debt in outcome.debts:
        assert sum(frame[debt.debt_id], Decimal(0)) == debt.total_paid


def test_creditor_schedule_audit_frames(comparison):
    """Creditor, schedule and audit frames carry the engine's figures."""
    from planner.tables import audit_frame, creditor_frame, localize, schedule_frame

    outcome = comparison.outcomes[0]
    creditors = creditor_frame(outcome)
    assert creditors["saving"].tolist() == [d.saving for d in outcome.debts]
    schedule = outcome.debts[0].schedule
    lines = schedule_frame(schedule)
    assert sum(lines["payment"], Decimal(0)) == schedule.total_payment
    audits = audit_frame(comparison.audits)
    assert len(audits) == len(outcome.debts)
    zh = localize(audits)
    assert LABELS_ZH["excess"] in zh.columns and label("excess", "en") == "excess"


def test_charts__render_png_with_chinese_font_without_warnings(comparison):
    """The three charts render to PNG with the bundled CJK font and no missing-glyph warning."""
    from planner.charts import comparison_figure, figure_png, use_cjk_font

    assert use_cjk_font() == "Noto Sans SC"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = figure_png(comparison_figure(comparison), dpi=60)
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
