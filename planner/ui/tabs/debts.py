"""债务 Debts: add, edit, duplicate and remove debts; import a CSV / Excel table; each debt's cap audit inline.

The form is made from the model's own field declarations (:func:`planner.domain.fields.fields_of`), so every
field of :class:`~planner.domain.model.Debt` is here with its unit; rates are typed as people write them (年 18%,
日万分之5, 月1.5%) and shown with their annual equivalent.
"""

from __future__ import annotations

import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from planner.dates import parse_date
from planner.domain import edits
from planner.domain.fields import FieldSpec, ValueKind, fields_of
from planner.domain.model import CreditorKind, Debt
from planner.errors import InvalidInput
from planner.io.importing import import_debts, replace_debts, write_debts_template
from planner.io.values import parse_rate
from planner.money import money
from planner.rates import Rate, RateUnit
from planner.text import app_field, app_text, choice_label, render_error, source_text
from planner.text import fmt as formats
from planner.ui import html
from planner.ui.fields import ChoiceField, TextField, button
from planner.ui.tabs.base import Tab

IMPORT_MODES = ("add", "replace")
UPLOADS = (".csv", ".xlsx")  # what the import reads (an old .xls is not a format it knows)
EVERY_TAB = ("case", "debts", "options", "compare", "payoff")  # the tabs a new or removed debt changes


def rate_input(rate: Rate | None) -> str:
    """Return ``rate`` as it is typed, in its own unit, so that :func:`parse_rate` reads it back unchanged.

    >>> rate_input(parse_rate("日万分之5", field="r")), rate_input(parse_rate("月1.5%", field="r"))
    ('日万分之5', '月1.5%')
    """
    if rate is None:
        return ""
    quoted = rate.quoted if rate.quoted is not None else rate.percent_per_year
    number = format(quoted.normalize(), "f") if quoted == quoted.to_integral() else format(quoted, "f")
    if rate.unit is RateUnit.DAILY_PER_TEN_THOUSAND:
        return f"日万分之{number}"
    if rate.unit is RateUnit.MONTHLY_PERCENT:
        return f"月{number}%"
    return f"{number}%"


def _rate_note(locale: str) -> Any:
    return lambda rate: html.paragraph(formats.rate(rate, locale)) if rate is not None else ""


def new_debt(case: Any, locale: str) -> Debt:
    """Return a new debt to fill in: a fresh id, the as-of date, 1,000 元 until the user types the real figures."""
    debt_id = edits.unique_name("debt-1" if not case.debts else f"debt-{len(case.debts) + 1}",
                                {d.id for d in case.debts})
    return Debt(id=debt_id, creditor=app_text("debt.new_creditor", locale), kind=CreditorKind.CREDIT_CARD,
                contract_date=case.as_of, original_principal=Decimal(1000), outstanding_principal=Decimal(1000),
                contract_rate=Rate.annual_percent(0), monthly_payment=Decimal(0))


class DebtsTab(Tab):
    """The debts of the case, one form for the debt chosen, the cap audit of each."""

    key = "debts"
    _quiet = False  # True while the chooser's options are replaced (not a choice of the user's)

    def build(self) -> None:
        app, locale, guard = self.app, self.locale, self.app.boundary.guard
        ids = [(f"{d.id} · {d.creditor}", d.id) for d in app.case.debts]
        self.chooser = widgets.Dropdown(options=ids, value=app.selected_debt, layout=widgets.Layout(width="28em"))
        self.chooser.add_class("planner-debt-chooser")
        self.chooser.observe(guard(lambda ch: self._choose(ch["new"])), names="value")
        actions = widgets.HBox([
            self.chooser,
            button(app_text("button.add_debt", locale), guard(self.add), css="planner-add-debt", style="success"),
            button(app_text("button.duplicate", locale), guard(self.duplicate), css="planner-duplicate-debt"),
            button(app_text("button.remove", locale), guard(self.remove), css="planner-remove-debt",
                   style="danger"),
        ])
        self.form = widgets.VBox(self._form())
        self.audit = widgets.HTML()
        self.audit.add_class("planner-audit")
        self.all_audits = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".csv,.xlsx", multiple=False,
                                         description=app_text("button.upload", locale),
                                         layout=widgets.Layout(width="auto"))
        self.upload.add_class("planner-upload")
        self.upload.observe(guard(self._uploaded), names="value")
        self.import_mode = widgets.ToggleButtons(
            options=[(app_text(f"import.{m}", locale), m) for m in IMPORT_MODES], value="add",
            style={"button_width": "auto"})
        self.import_report = widgets.HTML()
        self.import_report.add_class("planner-import-report")
        self.templates = widgets.HTML()
        self.templates.add_class("planner-templates")
        template = button(app_text("button.template", locale), guard(self.offer_templates), css="planner-template")
        empty = [] if app.case.debts else [widgets.HTML(html.paragraph(app_text("debt.none", locale)))]
        self.children = [
            self.heading("debts.title"), actions, *empty, self.form,
            self.heading("debts.audit"), self.audit,
            self.heading("debts.all_audits"), self.all_audits,
            self.heading("debts.import"), widgets.HBox([widgets.HTML(app_text("import.mode", locale)), self.import_mode, self.upload]),
            widgets.HTML(html.paragraph(app_text("import.help", locale), muted=True)),
            widgets.HBox([template, self.templates]), self.import_report,
        ]
        self.update()

    def update(self) -> None:
        self.audit.value = self._audit_html()
        self.all_audits.value = self._all_audits_html()

    # -- the form --------------------------------------------------------------------------------------------

    def _form(self) -> list[widgets.Widget]:
        debt_id = self.app.selected_debt
        if debt_id is None:
            return []
        debt = self.app.case.debt(debt_id)
        fields = [self._field(spec, debt) for spec in fields_of(Debt)]
        if debt.creditor == app_text("debt.new_creditor", self.locale):  # still the placeholder of new_debt
            note = widgets.HTML(html.paragraph(app_text("debt.fill_in", self.locale)))
            note.add_class("planner-fill-in")
            return [note, *fields]
        return fields

    def _field(self, spec: FieldSpec, debt: Debt) -> widgets.Widget:
        locale = self.locale
        name = spec.name
        value = getattr(debt, name)
        css = f"planner-debt-{name.replace('_', '-')}"
        label = app_field(name, locale)

        def set_value(new: Any) -> None:
            self._set(debt.id, name, new)

        if spec.kind is ValueKind.CHOICE:
            options = [(choice_label("kinds", k, locale), k) for k in CreditorKind]
            return ChoiceField(label, value, options, on_valid=set_value, locale=locale, css=css, on_error=self.app.boundary.handle)
        if spec.kind is ValueKind.MONEY:
            return TextField(label, value, parse=lambda t: money(t, field=name), show=str, on_valid=set_value,
                             locale=locale, css=css, note=app_text("unit.yuan", locale), on_error=self.app.boundary.handle)
        if spec.kind is ValueKind.RATE:
            def parse(text: str) -> Rate | None:
                if spec.nullable and not text.strip():
                    return None
                return parse_rate(text, field=name)

            return TextField(label, value, parse=parse, show=rate_input, on_valid=set_value, locale=locale,
                             css=css, note=_rate_note(locale), placeholder=app_text("unit.rate_hint", locale),
                             width="17em", on_error=self.app.boundary.handle)
        if spec.kind is ValueKind.DATE:
            def parse_day(text: str) -> date | None:
                if spec.nullable and not text.strip():
                    return None
                return parse_date(text, field=name)

            return TextField(label, value, parse=parse_day, show=lambda v: formats.iso(v), on_valid=set_value,
                             locale=locale, css=css, note=app_text("unit.date", locale), on_error=self.app.boundary.handle)
        return TextField(label, value, parse=lambda t: t.strip(), show=lambda v: str(v or ""),
                         on_valid=set_value, locale=locale, css=css, width="18em", on_error=self.app.boundary.handle)

    def _set(self, debt_id: str, name: str, value: Any) -> None:
        app = self.app
        structural = name in {"id", "creditor", "kind"}

        def edit(case: Any) -> Any:
            return edits.replace_debt(case, debt_id, case.debt(debt_id).with_(**{name: value}))

        if name == "id":
            app.change(edit, rebuild=EVERY_TAB, debt=value)
        else:
            app.change(edit, rebuild=("options", "compare") if structural else ())
            if structural:  # the chooser shows the new name; replacing its options must not choose another debt
                self._quiet = True
                try:
                    self.chooser.options = [(f"{d.id} · {d.creditor}", d.id) for d in app.case.debts]
                    self.chooser.value = app.selected_debt
                finally:
                    self._quiet = False

    def _choose(self, debt_id: str | None) -> None:
        if debt_id is None or self._quiet:
            return
        self.app.select(debt=debt_id)
        self.form.children = self._form()
        self.update()

    # -- add, duplicate, remove, import ----------------------------------------------------------------------

    def add(self) -> None:
        """Add a debt to fill in, and show it."""
        debt = new_debt(self.app.case, self.locale)
        self.app.change(lambda c: edits.add_debt(c, debt), rebuild=EVERY_TAB, debt=debt.id)

    def duplicate(self) -> None:
        """Copy the debt shown under a new id."""
        if self.app.selected_debt is None:
            return
        before = {d.id for d in self.app.case.debts}
        self.app.change(lambda c: edits.duplicate_debt(c, self.app.selected_debt or ""), rebuild=EVERY_TAB,
                        debt=self.app.added_debt(before))

    def remove(self) -> None:
        """Remove the debt shown (and its plans); undo brings it back."""
        if self.app.selected_debt is None:
            return
        debt_id = self.app.selected_debt
        self.app.change(lambda c: edits.remove_debt(c, debt_id), rebuild=EVERY_TAB)

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        self.upload.value = ()  # the same file can be uploaded again (after fixing it, or in the other mode)
        self.import_file(str(item["name"]), bytes(item["content"]), mode=str(self.import_mode.value))

    def offer_templates(self) -> None:
        """Offer the debts table to fill in, as CSV and as Excel (the columns the import reads, with a sample row
        that cannot be imported by mistake)."""
        links = []
        with tempfile.TemporaryDirectory() as folder:
            for suffix, mime in ((".csv", "text/csv"),
                                 (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")):
                name = app_text("template.name", self.locale) + suffix
                path = write_debts_template(Path(folder) / name)
                links.append(html.download_link(path.read_bytes(), name, mime, name))
        self.templates.value = "".join(links)

    def import_file(self, name: str, content: bytes, *, mode: str = "add") -> bool:
        """Import the debts table ``content`` (a .csv or .xlsx named ``name``): ``add`` them, or ``replace`` the
        debts. A table with any bad row changes nothing and lists one line per problem."""
        locale = self.locale
        shown = Path(name).name or "upload.csv"
        if Path(shown).suffix.lower() not in UPLOADS:
            self.import_report.value = html.paragraph(app_text("import.bad_suffix", locale, name=shown))
            return False
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / shown
            path.write_bytes(content)
            try:
                result = import_debts(path)
            except InvalidInput as err:  # the whole file (its encoding, its layout): named as the user named it
                self.import_report.value = html.paragraph(render_error(err, locale).replace(str(path), shown))
                return False
        if not result.ok:
            lines = [render_error(e, locale).replace(str(path), shown) for e in result.errors]
            self.import_report.value = (html.paragraph(app_text("import.refused", locale, name=name,
                                                                count=len(lines)))
                                        + "<ul>" + "".join(f"<li>{html.escape_text(t)}</li>" for t in lines)
                                        + "</ul>")
            return False

        def edit(case: Any) -> Any:
            if mode == "replace":
                return replace_debts(case, result.debts)
            for debt in result.debts:
                case = edits.add_debt(case, debt)
            return case

        try:
            self.app.change(edit, rebuild=EVERY_TAB, debt=self.app.added_debt({d.id for d in self.app.case.debts}))
        except InvalidInput as err:
            self.import_report.value = html.paragraph(render_error(err, locale))
            return False
        self.import_report.value = html.paragraph(app_text("import.done", locale, name=name,
                                                           count=len(result.debts)))
        return True

    # -- the audit -------------------------------------------------------------------------------------------

    def _audit_html(self) -> str:
        locale = self.locale
        debt_id = self.app.selected_debt
        if debt_id is None:
            return ""
        audit = self.app.result.audit(debt_id)
        cap = audit.cap
        basis = cap.basis_en if locale == "en" else cap.basis_zh
        rows: list[list[Any]] = [
            [app_text("audit.cap", locale), f"{formats.rate(cap.rate, locale)} · {basis}"],
            [app_text("audit.standing", locale), choice_label("standing", cap.standing, locale)],
            [app_text("audit.status", locale), choice_label("rule_status", cap.status, locale)],
            [app_text("audit.claimed", locale), formats.money(audit.claimed, locale)],
            [app_text("audit.supportable", locale), formats.money(audit.supportable, locale)],
            [app_text("audit.excess", locale), (formats.money(audit.excess, locale), "over" if audit.excess else "")],
            [app_text("audit.cost_rate", locale), formats.percent(audit.cost_rate_percent, locale)],
            [app_text("audit.source", locale), source_text(cap.source, locale)],
        ]
        return html.table([app_text("audit.item", locale), app_text("audit.value", locale)], rows) + html.findings(
            audit.findings, locale)

    def _all_audits_html(self) -> str:
        locale = self.locale
        rows = []
        for debt, audit in zip(self.app.case.debts, self.app.result.audits, strict=True):
            rows.append([
                debt.id, debt.creditor, choice_label("kinds", debt.kind, locale),
                formats.money(debt.balance, locale), formats.money(audit.claimed, locale),
                formats.money(audit.supportable, locale),
                (formats.money(audit.excess, locale), "over" if audit.excess else ""),
                formats.rate(audit.cap.rate, locale), choice_label("rule_status", audit.cap.status, locale),
            ])
        headers = [app_text(f"audit.col.{k}", locale) for k in
                   ("id", "creditor", "kind", "balance", "claimed", "supportable", "excess", "cap", "status")]
        return html.table(headers, rows, numeric=[3, 4, 5, 6])
