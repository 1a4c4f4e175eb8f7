"""比较 Compare: scenarios made, renamed, copied and deleted; the full comparison with a plan-health line per
scenario; the three charts; the month-by-month schedule of any scenario and debt; CSV and Excel downloads."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from planner.domain import edits
from planner.errors import InvalidInput
from planner.present.tables import COMPARISON_COLUMNS
from planner.text import app_label, app_text, render_error, scenario_label
from planner.text import fmt as formats
from planner.ui import html
from planner.ui.fields import button
from planner.ui.summary import column_label
from planner.ui.tabs.base import Tab

CHARTS = ("payments", "balances", "total_cost")
SCHEDULE_COLUMNS = ("period", "due_date", "payment", "principal", "interest", "fee", "balance")


def _money_or(value: Any, locale: str) -> str:
    return "—" if value is None else formats.money(value, locale)


class CompareTab(Tab):
    """Everything about the scenarios side by side."""

    key = "compare"

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.chart_name = "payments"
        self.schedule_scenario: str | None = None
        self._charts: dict[str, Any] = {}
        self._chart_key: Any = None
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="860px"))  # kept across builds
        self.chart.add_class("planner-compare-chart")

    def forget(self) -> None:
        """Another case was opened: show its first scenario's schedule."""
        super().forget()
        self.schedule_scenario = None
        self._chart_key = None

    def build(self) -> None:
        app, locale, guard = self.app, self.locale, self.app.boundary.guard
        names = [(scenario_label(s, locale), s.name) for s in app.case.scenarios]
        self.chooser = widgets.Dropdown(options=names, value=app.selected_scenario if names else None,
                                        layout=widgets.Layout(width="20em"))
        self.chooser.add_class("planner-compare-scenario")
        self.chooser.observe(guard(lambda ch: app.select(scenario=ch["new"] or None)), names="value")
        self.new_name = widgets.Text(placeholder=app_text("compare.name_placeholder", locale),
                                     layout=widgets.Layout(width="14em"))
        self.new_name.add_class("planner-scenario-name")
        self.name_msg = widgets.HTML()
        self.name_msg.add_class("planner-msg")
        manage = widgets.HBox([
            self.chooser, self.new_name,
            button(app_text("button.new_scenario", locale), guard(self.create), css="planner-create-scenario"),
            button(app_text("button.rename", locale), guard(self.rename), css="planner-rename-scenario"),
            button(app_text("button.duplicate", locale), guard(self.duplicate), css="planner-duplicate-scenario"),
            button(app_text("button.delete", locale), guard(self.delete), css="planner-delete-scenario",
                   style="danger"),
            self.name_msg,
        ])
        self.table = widgets.HTML()
        self.table.add_class("planner-full-comparison")
        self.health = widgets.HTML()
        self.health.add_class("planner-health")
        self.chart_choice = widgets.ToggleButtons(
            options=[(app_text(f"chart.{c}", locale), c) for c in CHARTS], value=self.chart_name,
            style={"button_width": "auto"})
        self.chart_choice.add_class("planner-chart-choice")
        self.chart_choice.observe(guard(lambda ch: self._chart(ch["new"])), names="value")
        every = [(scenario_label(o, locale), o.name) for o in app.result.all]
        if self.schedule_scenario not in [n for _, n in every]:
            self.schedule_scenario = every[0][1]
        self.schedule_of = widgets.Dropdown(options=every, value=self.schedule_scenario,
                                            layout=widgets.Layout(width="20em"))
        self.schedule_of.add_class("planner-schedule-scenario")
        self.schedule_of.observe(guard(lambda ch: self._schedule(scenario=ch["new"])), names="value")
        debts = [(f"{d.id} · {d.creditor}", d.id) for d in app.case.debts]
        self.schedule_debt = widgets.Dropdown(options=debts, value=app.selected_debt,
                                              layout=widgets.Layout(width="24em"))
        self.schedule_debt.add_class("planner-schedule-debt")
        self.schedule_debt.observe(guard(lambda ch: self._schedule()), names="value")
        self.schedule = widgets.HTML()
        self.schedule.add_class("planner-schedule")
        self.downloads = widgets.HTML()
        self.downloads.add_class("planner-downloads")
        export = button(app_text("button.export", locale), guard(self.export), css="planner-export")
        self.children = [
            self.heading("compare.scenarios"), manage,
            self.heading("compare.table"), self.table, self.health,
            self.heading("compare.charts"), self.chart_choice, self.chart,
            self.heading("compare.schedule"), widgets.HBox([self.schedule_of, self.schedule_debt]), self.schedule,
            self.heading("compare.export"), widgets.HBox([export, self.downloads]),
        ]
        self.update()

    def update(self) -> None:
        locale, result = self.locale, self.app.result
        money_columns = {"total_paid", "total_interest", "total_fees", "total_waived", "remaining", "total_cost",
                         "saving", "largest_monthly_payment"}
        rows = []
        for outcome in result.all:
            row: list[html.Cell] = []
            for column in COMPARISON_COLUMNS:
                row.append(self._cell(outcome, column, money_columns))
            rows.append(row)
        self.table.value = html.table([column_label(c, locale) for c in COMPARISON_COLUMNS], rows,
                                      numeric=range(2, len(COMPARISON_COLUMNS)),
                                      row_classes=["base", *([""] * len(result.outcomes))])
        self.health.value = "".join(html.paragraph(self._health(o)) for o in result.all)
        self._draw_chart()
        self._schedule()
        self.downloads.value = ""

    def _cell(self, outcome: Any, column: str, money_columns: set[str]) -> html.Cell:
        locale = self.locale
        if column == "scenario":
            return scenario_label(outcome, locale)
        if column == "affordable":
            return app_text("compare.yes" if outcome.is_affordable else "compare.no", locale)
        if column == "shortfall_months":
            over = len(outcome.shortfall_months)
            return (formats.number(over, locale), "over") if over else formats.number(over, locale)
        if column == "debt_free_date":
            free = outcome.debt_free_date
            return formats.month(free, locale) if free else app_text("compare.not_free", locale)
        if column == "largest_share_of_disposable":
            share = outcome.largest_share_of_disposable
            return f"{formats.percent_2(share)}%" if share is not None else "—"
        values = {"total_paid": outcome.total_paid, "total_interest": outcome.total_interest,
                  "total_fees": outcome.total_fees, "total_waived": outcome.total_waived,
                  "remaining": outcome.total_remaining, "total_cost": outcome.total_cost,
                  "saving": outcome.total_saving, "largest_monthly_payment": outcome.largest_monthly_payment}
        return _money_or(values[column], locale)

    def _health(self, outcome: Any) -> str:
        locale = self.locale
        share = outcome.largest_share_of_disposable
        return app_text("compare.health", locale, name=scenario_label(outcome, locale),
                        over=formats.number(len(outcome.shortfall_months), locale),
                        share=f"{formats.percent_2(share)}%" if share is not None else "—",
                        reserve=self._reserve(outcome.lowest_reserve_left))

    def _reserve(self, left: Any) -> str:
        """Say what the tightest month leaves of the reserve, or, below zero, what is missing after all of it."""
        if left < 0:
            return app_text("compare.reserve_gap", self.locale, amount=formats.money(-left, self.locale))
        return app_text("compare.reserve_left", self.locale, amount=formats.money(left, self.locale))

    def _chart(self, name: str) -> None:
        self.chart_name = name
        self._draw_chart()

    def _draw_chart(self) -> None:
        from planner.present.charts import plot_balances, plot_payments_vs_disposable, plot_total_cost
        from planner.ui.charts import KeptChart

        result, locale = self.app.result, self.locale
        key = (self.chart_name, locale, tuple((o.name, o.months) for o in result.all))
        if key == self._chart_key:
            return
        draw = {"payments": lambda ax: plot_payments_vs_disposable(ax, result.all, locale=locale),
                "balances": lambda ax: plot_balances(ax, result.all, locale=locale),
                "total_cost": lambda ax: plot_total_cost(ax, result.comparison, locale=locale)}[self.chart_name]
        chart = self._charts.setdefault(self.chart_name, KeptChart(lambda ax, fn: fn(ax)))
        self.chart.value = chart.png(draw)
        self._chart_key = key

    def _schedule(self, *, scenario: str | None = None) -> None:
        locale, result = self.locale, self.app.result
        if scenario is not None:
            self.schedule_scenario = scenario
        debt_id = self.schedule_debt.value
        if debt_id is None or self.schedule_scenario is None:
            self.schedule.value = ""
            return
        outcome = result.outcome(self.schedule_scenario)
        schedule = outcome.debt(debt_id).schedule
        rows = [[str(line.period), formats.day(line.due_date, locale), formats.money(line.payment, locale),
                 formats.money(line.principal, locale), formats.money(line.interest, locale),
                 formats.money(line.fee, locale), formats.money(line.balance, locale)] for line in schedule.lines]
        headers = [app_label(c, locale) for c in SCHEDULE_COLUMNS]
        count = html.paragraph(app_text("compare.schedule_count", locale, n=len(rows)), muted=True)
        self.schedule.value = (f'{count}<div style="max-height:22em;overflow:auto">'
                               f"{html.table(headers, rows, numeric=range(2, 7))}</div>")

    # -- scenarios -------------------------------------------------------------------------------------------

    def _name(self) -> str:
        return str(self.new_name.value).strip()

    def _named(self, edit: Any, scenario: Any) -> bool:
        """Apply an edit that takes the typed name; a refused name is explained beside the name box."""
        try:
            self.app.change(edit, rebuild=("options", "compare"), scenario=scenario)
        except InvalidInput as err:
            self.name_msg.value = html.paragraph(render_error(err, self.locale))
            return False
        self.name_msg.value = ""
        return True

    def create(self) -> None:
        """Add a scenario named as typed (every debt on contract terms)."""
        app = self.app
        before = {s.name for s in app.case.scenarios}
        typed = self._name()
        name = typed or app_text("options.new_scenario_name", self.locale)
        if self._named(lambda c: edits.add_scenario(c, name), app.added_scenario(before)):
            made = app.selected_scenario or name
            if typed and made != name:  # the name typed was taken: say what the new one is called
                self.name_msg.value = html.paragraph(app_text("compare.renamed", self.locale, name=name, made=made))

    def rename(self) -> None:
        """Rename the chosen scenario to the name typed."""
        old = self.app.selected_scenario
        if old is None:
            return
        new = self._name()
        self._named(lambda c: edits.rename_scenario(c, old, new), new)

    def duplicate(self) -> None:
        """Copy the chosen scenario."""
        app, name = self.app, self.app.selected_scenario
        if name is None:
            return
        before = {s.name for s in app.case.scenarios}
        app.change(lambda c: edits.duplicate_scenario(c, name), rebuild=("options", "compare"),
                   scenario=app.added_scenario(before))

    def delete(self) -> None:
        """Delete the chosen scenario (undo brings it back)."""
        app, name = self.app, self.app.selected_scenario
        if name is None:
            return
        app.change(lambda c: edits.remove_scenario(c, name), rebuild=("options", "compare"))

    def export(self) -> None:
        """Offer the comparison (CSV), every schedule (CSV) and a workbook of everything (.xlsx) for download."""
        from planner.present.exports import comparison_csv, schedules_csv, workbook

        locale, result = self.locale, self.app.result
        case = self.app.case

        def name(what: str) -> str:  # the client and the date in the name: downloads never overwrite each other
            who = "".join(c for c in case.borrower if c not in '\\/:*?"<>|').strip() or app_text(
                "download.anonymous", locale)
            return app_text("download.name", locale, borrower=who, as_of=case.as_of.isoformat(),
                            what=app_text(f"download.what.{what}", locale))

        self.downloads.value = "".join([
            html.download_link(comparison_csv(result, locale=locale), name("comparison"), "text/csv",
                               app_text("download.comparison", locale)),
            html.download_link(schedules_csv(result, locale=locale), name("schedules"), "text/csv",
                               app_text("download.schedules", locale)),
            html.download_link(workbook(result, locale=locale), name("workbook"),
                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                               app_text("download.workbook", locale)),
        ])
