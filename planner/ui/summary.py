"""The comparison always in view below the tabs: one row per scenario and the payments chart.

Figures come from the app's :class:`~planner.engines.plan.CasePlan`; money is written by :mod:`planner.text.fmt`
(¥1,234.56); months over budget are highlighted. The chart is drawn in the browser (bqplot: only the numbers are
sent; see :class:`planner.ui.charts.LivePayments`), and only when its data changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from planner.engines.scenarios import Outcome
from planner.text import app_label, app_text, message, scenario_label
from planner.text import fmt as formats
from planner.ui import html

if TYPE_CHECKING:
    from planner.ui.app import PlannerApp

SUMMARY_COLUMNS = ("scenario", "largest_monthly_payment", "largest_share_of_disposable", "shortfall_months",
                   "total_paid", "remaining", "saving", "debt_free_date")


def column_label(column: str, locale: str) -> str:
    """Return a comparison column's header (the share of disposable income has its own: its cells carry the %)."""
    return app_text("col.share", locale) if column == "largest_share_of_disposable" else app_label(column, locale)


def comparison_rows(outcomes: tuple[Outcome, ...], locale: str) -> list[list[html.Cell]]:
    """Return the summary's rows: figures of each outcome, formatted for ``locale``."""
    rows: list[list[html.Cell]] = []
    for outcome in outcomes:
        share = outcome.largest_share_of_disposable
        over = len(outcome.shortfall_months)
        free = outcome.debt_free_date
        rows.append([
            scenario_label(outcome, locale),
            formats.money(outcome.largest_monthly_payment, locale),
            f"{formats.percent_2(share)}%" if share is not None else "—",
            (formats.number(over, locale), "over") if over else formats.number(over, locale),
            formats.money(outcome.total_paid, locale),
            formats.money(outcome.total_remaining, locale),
            formats.money(outcome.total_saving, locale),
            formats.month(free, locale) if free is not None else app_text("compare.not_free", locale),
        ])
    return rows


class Summary(widgets.VBox):
    """The comparison table (``.planner-comparison``) and the payments chart (``.planner-chart``)."""

    def __init__(self, app: PlannerApp) -> None:
        self.app = app
        self.heading = widgets.HTML()
        self.table = widgets.HTML()
        self.table.add_class("planner-comparison")
        from planner.ui.charts import LivePayments

        self.live = LivePayments()
        self.chart = self.live.figure
        self.chart.add_class("planner-chart")
        self.findings = widgets.HTML()
        self._chart_key: Any = None
        super().__init__([self.heading, self.table, self.chart, self.findings])
        self.add_class("planner-summary")

    def render(self) -> None:
        """Draw everything in the current language."""
        self._chart_key = None
        self.heading.value = f"<h4 style='margin:6px 0 2px'>{app_text('summary.title', self.app.locale)}</h4>"
        self.refresh()

    def refresh(self) -> None:
        """Update the table and the chart from the app's result."""
        locale = self.app.locale
        result = self.app.result
        headers = [column_label(c, locale) for c in SUMMARY_COLUMNS]
        rows = comparison_rows(result.all, locale)
        classes = ["base", *([""] * len(result.outcomes))]
        note = html.paragraph(app_text("summary.note", locale, disposable=formats.money(
            result.case.budget.disposable, locale), months=formats.number(result.window, locale)), muted=True)
        self.table.value = html.table(headers, rows, numeric=range(1, 8), row_classes=classes) + note
        key = (locale, tuple((o.name, o.months) for o in result.all))
        if key != self._chart_key:
            self.live.draw(result.all, title=message("chart.payments", locale),
                           names=[scenario_label(o, locale) for o in result.all],
                           disposable_label=app_label("disposable", locale))
            self._chart_key = key
        self.findings.value = html.findings(result.findings, locale)
