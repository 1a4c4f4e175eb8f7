"""还款策略 Payoff: the four payoff policies side by side for one monthly budget, with the balance under each
policy and the month each debt is paid off (computed only while this tab is on screen)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import ipywidgets as widgets

from planner.engines.payoff import compare_policies, minimums_only, payoff_debts_from_case
from planner.engines.payoff.api import interest_saved
from planner.money import money
from planner.text import app_label, app_text, choice_label
from planner.text import fmt as formats
from planner.ui import html
from planner.ui.fields import TextField
from planner.ui.tabs.base import Tab


def _month(value: int | None, locale: str) -> str:
    return "—" if value is None else formats.number(value, locale)


class PayoffTab(Tab):
    """Avalanche, snowball, pro-rata and custom order, for the budget typed (default: disposable income)."""

    key = "payoff"

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.budget: Decimal | None = None  # None: the case's disposable income

    def build(self) -> None:
        locale = self.locale
        shown = self.budget if self.budget is not None else max(self.app.case.budget.disposable, Decimal(0))
        self.amount = TextField(app_text("payoff.budget", locale), shown,
                                parse=lambda t: money(t, field="monthly", positive=True), show=str,
                                on_valid=self._set_budget, locale=locale, css="planner-payoff-budget",
                                note=app_text("unit.yuan_month", locale), width="9em", on_error=self.app.boundary.handle)
        self.table = widgets.HTML()
        self.table.add_class("planner-payoff-table")
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="860px"))
        self.chart.add_class("planner-payoff-chart")
        self.children = [widgets.HTML(html.paragraph(app_text("payoff.help", locale), muted=True)), self.amount,
                         self.table, self.chart]
        self.update()

    def forget(self) -> None:
        """Another case was opened: its own disposable income is the amount again."""
        super().forget()
        self.budget = None

    def _set_budget(self, value: Decimal) -> None:
        self.budget = value
        self.update()

    def update(self) -> None:
        from planner.present.charts import plot_payoff_balances
        from planner.ui.charts import KeptChart

        locale, case = self.locale, self.app.case
        budget = self.budget if self.budget is not None else case.budget.disposable
        if self.budget is None:  # nothing typed: the field follows the case's disposable income
            self.amount.show(max(budget, Decimal(0)))
        if not case.debts:
            self.table.value = html.paragraph(app_text("options.no_debts", locale))
            self.chart.value = b""
            return
        if budget <= 0:
            self.table.value = html.paragraph(app_text("payoff.no_budget", locale))
            self.chart.value = b""
            return
        debts = payoff_debts_from_case(case)
        results = compare_policies(debts, monthly_budget=budget, start=case.as_of)
        baseline = minimums_only(debts, monthly_budget=budget, start=case.as_of)
        ids = [d.id for d in case.debts]
        headers = [app_text("payoff.policy", locale), app_label("months_to_debt_free", locale),
                   app_label("debt_free_date", locale), app_label("total_interest", locale), app_label("total_paid", locale),
                   app_label("interest_saved", locale), *(app_text("payoff.month_of", locale, id=i) for i in ids)]
        rows = []
        for result in results:
            saved = interest_saved(result, baseline)
            months = result.months_to_debt_free
            rows.append([
                choice_label("policies", result.policy.value if result.policy else "minimums-only", locale),
                formats.number(months, locale) if months is not None else app_text("compare.not_free", locale),
                formats.month(result.debt_free_date, locale) if result.debt_free_date else "—",
                formats.money(result.total_interest, locale), formats.money(result.total_paid, locale),
                formats.money(saved, locale) if saved is not None else "—",
                *(_month(result.debt(i).payoff_month, locale) for i in ids),
            ])
        self.table.value = html.table(headers, rows, numeric=range(1, len(headers))) + html.paragraph(
            app_text("payoff.note", locale, budget=formats.money(budget, locale)), muted=True)
        if not hasattr(self, "_kept"):
            self._kept = KeptChart(plot_payoff_balances)
        self.chart.value = self._kept.png(results, locale=locale)
