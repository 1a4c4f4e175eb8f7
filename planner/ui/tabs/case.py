"""案例 Case: the borrower, the household, income and essential expenses, the reserve and the as-of date.

Disposable income and the reserve are shown live (the budget's own figures); each expense group stands beside the
National Bureau of Statistics benchmark for that many people, as information with its source and date.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import ipywidgets as widgets

from planner.dates import parse_date
from planner.domain import edits
from planner.domain.debtor import Debtor, parse_id_number, parse_phone
from planner.domain.model import BenchmarkArea, ExpenseCategory, ExpenseItem, IncomeItem
from planner.money import ZERO, money, to_int
from planner.text import app_field, app_label, app_text, choice_label, source_text
from planner.text import fmt as formats
from planner.ui import html
from planner.ui.fields import ChoiceField, TextField, button
from planner.ui.tabs.base import Tab


def _text(value: str) -> str:
    return value


class CaseTab(Tab):
    """The household: borrower, members, incomes, expenses, reserve, as-of date, notes."""

    key = "case"

    def build(self) -> None:
        app, locale = self.app, self.locale
        case, budget = app.case, app.case.budget
        guard = app.boundary.guard
        self.borrower = TextField(app_field("borrower", locale), case.borrower, parse=_text, show=_text,
                                  on_valid=lambda v: app.change(lambda c: edits.set_fields(c, borrower=v)),
                                  locale=locale, css="planner-borrower", width="16em", on_error=self.app.boundary.handle)
        self.as_of = TextField(app_field("as_of", locale), case.as_of,
                               parse=lambda t: parse_date(t, field="as_of"), show=formats.iso,
                               on_valid=lambda v: app.change(lambda c: edits.set_fields(c, as_of=v)),
                               locale=locale, css="planner-as-of", note=app_text("unit.date", locale), on_error=self.app.boundary.handle)
        self.members = TextField(app_field("members", locale), budget.members,
                                 parse=lambda t: to_int(t.strip(), field="members", low=1, high=20), show=str,
                                 on_valid=lambda v: self._budget(members=v), locale=locale,
                                 css="planner-members", note=app_text("unit.people", locale), width="5em", on_error=self.app.boundary.handle)
        self.area = ChoiceField(app_field("area", locale), budget.area,
                                [(choice_label("benchmark_areas", a, locale), a) for a in BenchmarkArea],
                                on_valid=lambda v: self._budget(area=v), locale=locale, css="planner-area", on_error=self.app.boundary.handle)
        debtor = case.debtor
        self.id_number = TextField(app_field("id_number", locale), debtor.id_number, parse=parse_id_number,
                                   show=_text, on_valid=lambda v: self._debtor(id_number=v), locale=locale,
                                   css="planner-id-number", width="16em", on_error=self.app.boundary.handle,
                                   note=app_text("case.private_note", locale))
        self.phone = TextField(app_field("phone", locale), debtor.phone, parse=parse_phone, show=_text,
                               on_valid=lambda v: self._debtor(phone=v), locale=locale, css="planner-phone",
                               width="16em", on_error=self.app.boundary.handle)
        self.address = TextField(app_field("address", locale), debtor.address,
                                 parse=lambda t: Debtor(address=t).address, show=_text,
                                 on_valid=lambda v: self._debtor(address=v), locale=locale, css="planner-address",
                                 width="32em", on_error=self.app.boundary.handle)
        self.reserve = TextField(app_field("reserve", locale), budget.reserve,
                                 parse=lambda t: money(t, field="reserve"), show=str,
                                 on_valid=lambda v: self._budget(reserve=v), locale=locale, css="planner-reserve",
                                 note=app_text("unit.yuan_month", locale), on_error=self.app.boundary.handle)
        self.incomes = widgets.VBox([self._income_row(i, item) for i, item in enumerate(budget.incomes)])
        self.expenses = widgets.VBox([self._expense_row(i, item) for i, item in enumerate(budget.expenses)])
        add_income = button(app_text("button.add_income", locale), guard(self._add_income), css="planner-add-income")
        add_expense = button(app_text("button.add_expense", locale), guard(self._add_expense),
                             css="planner-add-expense")
        self.notes = widgets.Textarea(case.notes, continuous_update=False,
                                      layout=widgets.Layout(width="60em", height="5em"))
        self.notes.observe(guard(lambda ch: app.change(lambda c: edits.set_fields(c, notes=ch["new"]))),
                           names="value")
        self.totals = widgets.HTML()
        self.totals.add_class("planner-totals")
        self.benchmarks = widgets.HTML()
        self.benchmarks.add_class("planner-benchmarks")
        self.children = [
            self.heading("case.who"), self.borrower, self.id_number, self.phone, self.address, self.as_of,
            self.members, self.area,
            self.heading("case.incomes"), self.incomes, widgets.HBox([add_income]),
            self.heading("case.expenses"), self.expenses, widgets.HBox([add_expense]),
            self.heading("case.reserve"), self.reserve, self.totals,
            self.heading("case.benchmarks"), self.benchmarks,
            self.heading("case.notes"), self.notes,
        ]
        self.update()

    def update(self) -> None:
        locale = self.locale
        budget = self.app.case.budget
        rows: list[list[Any]] = [
            [app_label("income", locale), formats.money(budget.total_income, locale)],
            [app_label("expenses", locale), formats.money(budget.total_expenses, locale)],
            [app_label("reserve", locale), formats.money(budget.reserve, locale)],
            [(app_label("disposable", locale), ""),
             (formats.money(budget.disposable, locale), "over" if budget.disposable < 0 else "")],
        ]
        self.totals.value = html.table([app_text("case.budget_item", locale), app_text("case.per_month", locale)],
                                       rows, numeric=[1])
        self.benchmarks.value = self._benchmark_html()

    def _benchmark_html(self) -> str:
        from planner.caps.spending import benchmark_budget, load_spending_benchmarks

        locale = self.locale
        data = load_spending_benchmarks()
        lines = benchmark_budget(self.app.case.budget, data)
        rows = []
        for line in lines:
            status = app_text(f"benchmark.{line.status.value if line.status else 'none'}", locale)
            rows.append([
                choice_label("benchmark_groups", line.group, locale),
                formats.money(line.amount, locale),
                formats.money(line.benchmark, locale),
                app_text("benchmark.times", locale, ratio=formats.number(line.ratio, locale)) if line.ratio is not None
                else "—",
                (status, "over" if line.status in {"above", "below"} else ""),
            ])
        headers = [app_text(f"benchmark.{k}", locale) for k in ("group", "yours", "reference", "ratio", "status")]
        note = app_text("benchmark.note", locale, members=formats.number(self.app.case.budget.members, locale),
                        area=choice_label("benchmark_areas", self.app.case.budget.area, locale))
        about = data.note_en if locale == "en" else data.note_zh
        source = source_text(data.source, locale)
        return (html.table(headers, rows, numeric=[1, 2, 3]) + html.paragraph(note, muted=True)
                + html.paragraph(f"{about} {source}", muted=True))

    # -- edits -----------------------------------------------------------------------------------------------

    def _debtor(self, **changes: Any) -> None:
        self.app.change(lambda c: edits.set_fields(c, debtor=replace(c.debtor, **changes)))

    def _budget(self, **changes: Any) -> None:
        self.app.change(lambda c: edits.set_budget(c, replace(c.budget, **changes)))

    def _set_incomes(self, incomes: tuple[IncomeItem, ...], *, rebuild: bool = False) -> None:
        self.app.change(lambda c: edits.set_budget(c, replace(c.budget, incomes=incomes)),
                        rebuild=("case",) if rebuild else ())

    def _set_expenses(self, expenses: tuple[ExpenseItem, ...], *, rebuild: bool = False) -> None:
        self.app.change(lambda c: edits.set_budget(c, replace(c.budget, expenses=expenses)),
                        rebuild=("case",) if rebuild else ())

    def _income_row(self, index: int, item: IncomeItem) -> widgets.HBox:
        locale, guard = self.locale, self.app.boundary.guard

        def change(**parts: Any) -> None:
            items = list(self.app.case.budget.incomes)
            items[index] = replace(items[index], **parts)
            self._set_incomes(tuple(items))

        def remove() -> None:
            items = list(self.app.case.budget.incomes)
            del items[index]
            self._set_incomes(tuple(items), rebuild=True)

        name = TextField(app_text("case.income_name", locale), item.name, parse=lambda t: IncomeItem(t, ZERO).name,
                         show=_text, on_valid=lambda v: change(name=v), locale=locale, css="planner-income-name",
                         label_width="4em", on_error=self.app.boundary.handle)
        amount = TextField(app_text("case.amount", locale), item.amount, parse=lambda t: money(t, field="income"),
                           show=str, on_valid=lambda v: change(amount=v), locale=locale,
                           css="planner-income-amount", note=app_text("unit.yuan_month", locale),
                           label_width="4em", on_error=self.app.boundary.handle)
        return widgets.HBox([name, amount, button("✕", guard(remove), css="planner-remove-income",
                                                  tooltip=app_text("button.remove", locale))])

    def _expense_row(self, index: int, item: ExpenseItem) -> widgets.HBox:
        locale, guard = self.locale, self.app.boundary.guard

        def change(**parts: Any) -> None:
            items = list(self.app.case.budget.expenses)
            items[index] = replace(items[index], **parts)
            self._set_expenses(tuple(items))

        def remove() -> None:
            items = list(self.app.case.budget.expenses)
            del items[index]
            self._set_expenses(tuple(items), rebuild=True)

        category = ChoiceField(app_text("case.category", locale), item.category,
                               [(choice_label("expenses", c, locale), c) for c in ExpenseCategory],
                               on_valid=lambda v: change(category=v), locale=locale, css="planner-expense-category",
                               width="10em", label_width="4em", on_error=self.app.boundary.handle)
        name = TextField(app_text("case.expense_name", locale), item.name,
                         parse=lambda t: ExpenseItem(ExpenseCategory.OTHER, ZERO, t).name, show=_text,
                         on_valid=lambda v: change(name=v), locale=locale, css="planner-expense-name", width="15em",
                         label_width="4em", on_error=self.app.boundary.handle)
        amount = TextField(app_text("case.amount", locale), item.amount,
                           parse=lambda t: money(t, field="expenses"), show=str,
                           on_valid=lambda v: change(amount=v), locale=locale, css="planner-expense-amount",
                           note=app_text("unit.yuan_month", locale), label_width="4em", on_error=self.app.boundary.handle)
        return widgets.HBox([category, name, amount, button("✕", guard(remove), css="planner-remove-expense",
                                                            tooltip=app_text("button.remove", locale))])

    def _add_income(self) -> None:
        name = app_text("case.new_income", self.locale)
        self._set_incomes((*self.app.case.budget.incomes, IncomeItem(name, ZERO)), rebuild=True)

    def _add_expense(self) -> None:
        self._set_expenses((*self.app.case.budget.expenses, ExpenseItem(ExpenseCategory.OTHER, ZERO)), rebuild=True)

