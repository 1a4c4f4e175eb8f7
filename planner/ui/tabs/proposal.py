"""协商申请 Proposal: the letter to one creditor under one scenario, previewed live, exported as PDF and .ics.

The tab chooses the creditor (a debt) and the scenario, the hardship reasons and the borrower's own statement
(both saved into the case through an edit, so undo, redo and autosave cover them), whether the ID number, phone
and address are shown in full, and the date of the letter. The preview is the same
:class:`~planner.report.model.Document` the PDF is made from (:func:`planner.report.proposal.build_proposal`,
milliseconds), drawn here as HTML — the PDF is compiled only when asked for. Above it: what is missing before the
letter can be sent, and the reminder to get a sealed written confirmation before paying anything.
"""

from __future__ import annotations

import html as htmllib
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from planner.dates import parse_date
from planner.domain import edits
from planner.domain.debtor import HardshipReason
from planner.errors import InvalidInput
from planner.text import app_text, choice_label, doc_text, render_error, scenario_label
from planner.text import fmt as formats
from planner.ui import html
from planner.ui.fields import TextField, button
from planner.ui.tabs.base import Tab

if TYPE_CHECKING:
    from planner.report.model import BarChart, Block, Document, Table
    from planner.report.pdf import Renderer

PDF_MIME = "application/pdf"
ICS_MIME = "text/calendar"
CHART_HEIGHT = 120  # px: the preview's bar strip
LABEL_WIDTH = "7em"
_UNSAFE = '\\/:*?"<>|'

DOC_STYLE = (
    "<style>.planner-doc{background:#fff;border:1px solid #ccc;box-shadow:0 1px 4px rgba(0,0,0,.12);"
    "padding:18px 28px;max-height:70em;overflow:auto;font-size:13px;line-height:1.6;"
    "font-family:'Noto Serif SC','Songti SC',serif;color:#222}"
    ".planner-doc h2{text-align:center;font-size:19px;margin:4px 0 12px}"
    ".planner-doc h3{font-size:15px;margin:14px 0 4px}.planner-doc h4{font-size:14px;margin:10px 0 4px}"
    ".planner-doc p{margin:4px 0}.planner-doc p.body{text-indent:2em}"
    ".planner-doc p.strong{font-weight:bold}.planner-doc p.note{color:#666;font-size:12px}"
    ".planner-doc table{border-collapse:collapse;margin:6px 0;font-size:12px}"
    ".planner-doc th,.planner-doc td{border:1px solid #bbb;padding:2px 6px}"
    ".planner-doc th{background:#f3f3f3}.planner-doc td.r,.planner-doc th.r{text-align:right}"
    ".planner-doc tr.marked td{font-weight:bold;background:#fff8e1}"
    ".planner-doc tr.total td{font-weight:bold;border-top:2px solid #888}"
    ".planner-doc table.facts td{border:none;padding:1px 8px 1px 0}.planner-doc table.facts td.label{color:#555}"
    ".planner-doc .scroll{max-height:18em;overflow:auto;display:inline-block}"
    ".planner-doc ul.check{list-style:none;padding-left:1em}"
    ".planner-doc hr.page{border:none;border-top:1px dashed #999;margin:16px 0}"
    ".planner-doc .sign{margin:6px 0 6px 50%}"
    ".planner-doc .bars{position:relative;display:flex;align-items:flex-end;gap:1px;border-bottom:1px solid #888}"
    ".planner-doc .bar{flex:1;display:flex;flex-direction:column-reverse;min-width:1px}"
    ".planner-doc .bar.over{outline:1px solid #b00020}"
    ".planner-doc .line{position:absolute;left:0;right:0;border-top:1px dashed #b00020}"
    ".planner-doc .ticks{display:flex;gap:1px;font-size:9px;color:#666;height:1.4em}"
    ".planner-doc .ticks span{flex:1;min-width:1px;overflow:visible;white-space:nowrap}"
    ".planner-doc .key{font-size:11px;color:#555}.planner-doc .key i{display:inline-block;width:10px;height:10px;"
    "margin:0 3px 0 10px;vertical-align:middle}"
    ".planner-reminder{border-left:4px solid #e65100;background:#fff3e0;padding:4px 14px;margin:6px 0;"
    "font-size:13px}.planner-reminder p.note{color:#666;font-size:12px}"
    ".planner-reminder p.strong{font-weight:bold;color:#b00020}"
    "</style>"
)
SERIES_COLOURS = ("#1976d2", "#b0bec5", "#8d6e63", "#9ccc65")


def _e(text: str) -> str:
    return htmllib.escape(text)


def _error_html(text: str) -> str:
    return f'<span style="color:#b00020">{_e(text)}</span>'


def _safe(text: str) -> str:
    """Return ``text`` usable in a file name (characters Windows and macOS refuse dropped)."""
    return "".join(c for c in text if c not in _UNSAFE and c.isprintable()).strip()


# -- the document as HTML ---------------------------------------------------------------------------------------


def _table_html(block: Table) -> str:
    align = block.align or ("l",) * len(block.columns)

    def cells(row: Iterable[str], tag: str) -> str:
        return "".join(f'<{tag}{" class=r" if a == "r" else ""}>{_e(c)}</{tag}>'
                       for c, a in zip(row, align, strict=True))

    rows = [f"<tr>{cells(block.columns, 'th')}</tr>"]
    marked = set(block.marked)
    rows += [f'<tr{" class=marked" if i in marked else ""}>{cells(r, "td")}</tr>' for i, r in enumerate(block.rows)]
    if block.footer:
        rows.append(f'<tr class="total">{cells(block.footer, "td")}</tr>')
    caption = f"<p class='strong'>{_e(block.caption)}</p>" if block.caption else ""
    table = f"<table>{''.join(rows)}</table>"
    return caption + (f'<div class="scroll">{table}</div>' if len(block.rows) > 14 else table)


def _chart_html(block: BarChart) -> str:
    """Return the chart as a strip of stacked CSS bars with the line of what the household can pay."""
    totals = block.totals
    top = max((*totals, block.line, Decimal(1))) * Decimal("1.1")

    def px(value: Decimal) -> str:
        return f"{float(value / top) * CHART_HEIGHT:.1f}px"

    bars = []
    for index, total in enumerate(totals):
        parts = "".join(f'<div style="height:{px(s.values[index])};background:{SERIES_COLOURS[n % 4]}"></div>'
                        for n, s in enumerate(block.series) if s.values[index] > 0)
        over = " over" if total > block.line else ""
        bars.append(f'<div class="bar{over}" title="{_e(block.labels[index])}">{parts}</div>')
    line = f'<div class="line" style="bottom:{px(block.line)}"></div>'
    ticks = set(block.ticks)
    labels = "".join(f"<span>{_e(label) if i in ticks else ''}</span>" for i, label in enumerate(block.labels))
    key = "".join(f'<i style="background:{SERIES_COLOURS[n % 4]}"></i>{_e(s.name)}'
                  for n, s in enumerate(block.series))
    key += f'<i style="border-top:1px dashed #b00020;height:0"></i>{_e(block.line_label)}'
    return (f"<p class='strong'>{_e(block.title)}</p>"
            f'<div class="bars" style="height:{CHART_HEIGHT}px">{"".join(bars)}{line}</div>'
            f'<div class="ticks">{labels}</div><div class="key">{key}</div>')


def block_html(block: Block) -> str:
    """Return one block of a document as HTML (text escaped; figures as the document gives them)."""
    from planner.report.model import BarChart, Facts, Heading, ItemList, Paragraph, Signature, Table

    if isinstance(block, Heading):
        tag = "h3" if block.level == 1 else "h4"
        return f"<{tag}>{_e(block.text)}</{tag}>"
    if isinstance(block, Paragraph):
        return f'<p class="{block.style}">{_e(block.text)}</p>'
    if isinstance(block, Facts):
        rows = "".join(f'<tr><td class="label">{_e(k)}</td><td>{_e(v)}</td></tr>' for k, v in block.rows)
        return f'<table class="facts">{rows}</table>'
    if isinstance(block, Table):
        return _table_html(block)
    if isinstance(block, ItemList):
        items = "".join(f"<li>{'☐ ' if block.kind == 'check' else ''}{_e(item)}</li>" for item in block.items)
        tag = "ol" if block.kind == "ordered" else "ul"
        return f'<{tag} class="{block.kind}">{items}</{tag}>'
    if isinstance(block, BarChart):
        return _chart_html(block)
    if isinstance(block, Signature):
        return "".join(f'<div class="sign">{_e(label)}{_e(value) if value else "____________"}</div>'
                       for label, value in block.lines)
    return '<hr class="page">'


def blocks_html(blocks: Iterable[Block]) -> str:
    """Return blocks as HTML, one after the other."""
    return "".join(block_html(b) for b in blocks)


def document_html(document: Document) -> str:
    """Return the document as the preview shows it: a page-like box holding the title and every block."""
    return (f'{DOC_STYLE}<div class="planner-doc" lang="{_e(document.locale)}"><h2>{_e(document.title)}</h2>'
            f"{blocks_html(document.blocks)}</div>")


# -- the tab ----------------------------------------------------------------------------------------------------


class ProposalTab(Tab):
    """The negotiation letter to the chosen creditor under the chosen scenario."""

    key = "proposal"

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.letter_date: date = date.today()  # noqa: DTZ011 - the app is an edge: the letter is dated today
        self.show_id = False
        self.font = ""
        self.document: Document | None = None
        self._renderers: dict[str, Renderer] = {}
        self._shape: Any = None  # what the widgets were built from: the creditors and scenarios offered

    # -- building --------------------------------------------------------------------------------------------

    def _structure(self) -> Any:
        case = self.app.case
        return (self.locale, tuple((d.id, d.creditor) for d in case.debts),
                tuple(scenario_label(s, self.locale) for s in case.scenarios),
                tuple(s.name for s in case.scenarios))

    def build(self) -> None:
        app, locale = self.app, self.locale
        case = app.case
        self.document = None
        self._shape = self._structure()
        if not case.debts or not case.scenarios:
            key = "proposal.no_debts" if not case.debts else "proposal.no_scenarios"
            self.children = [widgets.HTML(html.paragraph(app_text(key, locale)))]
            return
        handle = app.boundary.handle
        self.creditor = widgets.Dropdown(options=[(f"{d.creditor} · {d.id}", d.id) for d in case.debts],
                                         value=app.selected_debt, layout=widgets.Layout(width="24em"))
        self.creditor.add_class("planner-proposal-creditor")
        self.creditor.observe(app.boundary.guard(lambda ch: self._choose(debt=ch["new"])), names="value")
        self.scenario = widgets.Dropdown(options=[(scenario_label(s, locale), s.name) for s in case.scenarios],
                                         value=app.selected_scenario, layout=widgets.Layout(width="20em"))
        self.scenario.add_class("planner-proposal-scenario")
        self.scenario.observe(app.boundary.guard(lambda ch: self._choose(scenario=ch["new"])), names="value")
        self.date_field = TextField(app_text("proposal.date", locale), self.letter_date,
                                    parse=lambda t: parse_date(t, field=app_text("proposal.date", locale)),
                                    show=formats.iso, on_valid=self._dated, locale=locale,
                                    css="planner-proposal-date", note=app_text("unit.date", locale),
                                    label_width=LABEL_WIDTH, on_error=handle)
        self.show_id_box = widgets.Checkbox(self.show_id, description=app_text("proposal.show_id", locale),
                                            indent=False, layout=widgets.Layout(width="auto"))
        self.show_id_box.add_class("planner-proposal-show-id")
        self.show_id_box.observe(app.boundary.guard(lambda ch: self._show_id(bool(ch["new"]))), names="value")
        chosen = case.debtor.hardship
        self.reasons: dict[str, widgets.Checkbox] = {}
        for reason in HardshipReason:
            box = widgets.Checkbox(reason in chosen, description=choice_label("hardship", reason, locale),
                                   indent=False, layout=widgets.Layout(width="auto", margin="0 1.2em 0 0"))
            box.add_class("planner-hardship")
            box.add_class(f"planner-hardship-{reason.value}")
            box.observe(app.boundary.guard(lambda ch, r=reason: self._tick(r, bool(ch["new"]))), names="value")
            self.reasons[reason.value] = box
        self.statement = widgets.Textarea(case.debtor.statement, continuous_update=False,
                                          placeholder=app_text("proposal.statement_placeholder", locale),
                                          layout=widgets.Layout(width="60em", max_width="100%", height="9em"))
        self.statement.add_class("planner-statement")
        self.statement.observe(app.boundary.guard(self._stated), names="value")
        self.statement_msg = widgets.HTML()
        self.statement_msg.add_class("planner-msg")
        self.font_field = TextField(app_text("proposal.font", locale), self.font, parse=lambda t: t.strip(),
                                    show=str, on_valid=self._set_font, locale=locale, css="planner-proposal-font",
                                    width="34em", placeholder=app_text("proposal.font_placeholder", locale),
                                    label_width=LABEL_WIDTH, on_error=handle)
        pdf = button(app_text("button.proposal_pdf", locale),
                     self._busy("proposal.making_pdf", self.export_pdf), css="planner-proposal-pdf", style="primary")
        ics = button(app_text("button.proposal_ics", locale),
                     self._busy("proposal.making_ics", self.export_ics), css="planner-proposal-ics")
        self.downloads = widgets.HTML()
        self.downloads.add_class("planner-proposal-downloads")
        self.export_msg = widgets.HTML()
        self.export_msg.add_class("planner-proposal-msg")
        self.notes = widgets.HTML()
        self.notes.add_class("planner-proposal-notes")
        self.reminder = widgets.HTML()
        self.reminder.add_class("planner-proposal-reminder")
        self.preview = widgets.HTML(layout=widgets.Layout(flex="0 1 48em", min_width="24em"))
        self.preview.add_class("planner-proposal-preview")
        label = widgets.Layout(width=LABEL_WIDTH, min_width=LABEL_WIDTH)
        self.reminder.layout = widgets.Layout(flex="0 1 34em", min_width="22em", margin="0 0 0 16px")
        self.children = [
            self.heading("proposal.target"),
            widgets.HBox([widgets.HTML(app_text("proposal.creditor", locale), layout=label), self.creditor,
                          widgets.HTML(app_text("proposal.scenario", locale),
                                       layout=widgets.Layout(margin="0 0 0 1.5em")), self.scenario]),
            self.date_field,
            widgets.HBox([self.show_id_box, widgets.HTML(html.paragraph(app_text("proposal.show_id_note", locale),
                                                                        muted=True))]),
            self.heading("proposal.hardship"),
            widgets.HBox(list(self.reasons.values()), layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HTML(html.paragraph(app_text("proposal.statement_help", locale), muted=True)),
            self.statement, self.statement_msg,
            self.heading("proposal.notes"), self.notes,
            self.heading("proposal.export"),
            widgets.HBox([pdf, ics, self.downloads]), self.export_msg, self.font_field,
            self.heading("proposal.preview"),
            widgets.HTML(html.paragraph(app_text("proposal.preview_note", locale), muted=True)),
            widgets.HBox([self.preview, self.reminder],
                         layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start")),
        ]
        self.update()

    def update(self) -> None:
        """Build the document again (milliseconds) and draw the preview, the notes and the reminder."""
        app = self.app
        if not app.case.debts or not app.case.scenarios:
            if self._structure() != self._shape:
                self.build()
            return
        if self._structure() != self._shape or (self.creditor.value, self.scenario.value) != (
                app.selected_debt, app.selected_scenario):  # changed on another tab: offer what there is now
            self.build()
            return
        from planner.report.proposal import reminder_blocks

        locale = self.locale
        document = self.build_document()
        self.document = document
        notes = "".join(f"<li>{_e(n)}</li>" for n in document.notes)
        self.notes.value = (f'<ul class="planner-findings" style="color:#8a5a00">{notes}</ul>' if notes
                            else html.paragraph(app_text("proposal.notes_none", locale)))
        debt, scenario = self._chosen()
        reminder = reminder_blocks(self.app.result, debt, scenario, locale=locale, today=self.letter_date)
        self.reminder.value = f'{DOC_STYLE}<div class="planner-reminder">{blocks_html(reminder)}</div>'
        self.preview.value = document_html(document)
        self.downloads.value = ""  # a file made before this change no longer matches the letter
        self.export_msg.value = ""

    # -- the document ----------------------------------------------------------------------------------------

    def _chosen(self) -> tuple[str, str]:
        app = self.app
        if app.selected_debt is None or app.selected_scenario is None:
            raise InvalidInput("creditor", "required", None)
        return app.selected_debt, app.selected_scenario

    def build_document(self) -> Document:
        """Return the letter as it stands: the chosen creditor and scenario, the case's debtor, the tab's options."""
        from planner.report.proposal import build_proposal

        debt, scenario = self._chosen()
        return build_proposal(self.app.result, debt, scenario, locale=self.locale, show_id=self.show_id,
                              today=self.letter_date)

    def file_name(self, extension: str) -> str:
        """Return the download's name: the proposal's (creditor, borrower) or the reminders' (borrower)."""
        case, locale = self.app.case, self.locale
        borrower = _safe(case.borrower) or app_text("download.anonymous", locale)
        debt = case.debt(self._chosen()[0])
        creditor = _safe(debt.creditor) or debt.id
        if extension == ".ics":  # this creditor's payments only: one file per creditor
            base = doc_text("file.reminders", locale, borrower=borrower)
            return _safe(app_text("proposal.ics_name", locale, base=base, creditor=creditor)) + extension
        return _safe(doc_text("file.name", locale, creditor=creditor, borrower=borrower)) + extension

    def _renderer(self) -> Renderer:
        from planner.report.pdf import Renderer, default_renderer

        if not self.font:
            return default_renderer()
        path = str(Path(self.font).expanduser())
        if path not in self._renderers:
            self._renderers[path] = Renderer(path)  # raises bad_file for a file that is no font
        return self._renderers[path]

    # -- exports ---------------------------------------------------------------------------------------------

    def _busy(self, key: str, action: Callable[[], object]) -> Callable[[], None]:
        """Return ``action`` behind the error boundary, saying ``key`` on the status line while it runs."""

        def run() -> None:
            boundary = self.app.boundary
            try:
                with boundary.busy(app_text(key, self.locale)):
                    action()
            except InvalidInput as err:  # a character the fonts lack, a bad font file: said here and above
                self.export_msg.value = _error_html(render_error(err, self.locale))
                boundary.handle(err)
            except Exception as err:  # noqa: BLE001 - the boundary: every error is shown, none escapes
                boundary.handle(err)

        return run

    def export_pdf(self) -> bytes:
        """Compile the letter and offer it for download; return the PDF's bytes."""
        self.downloads.value = self.export_msg.value = ""
        data = self._renderer().pdf(self.build_document())
        name = self.file_name(".pdf")
        self.downloads.value = html.download_link(data, name, PDF_MIME,
                                                  app_text("proposal.download", self.locale, name=name))
        self.app.boundary.say(app_text("proposal.pdf_ready", self.locale, name=name))
        return data

    def export_ics(self) -> bytes:
        """Make the calendar of the chosen scenario's payments to this creditor (with a reminder to follow the
        letter up) and offer it for download; return its bytes."""
        from planner.report.calendar import reminders_ics

        self.downloads.value = self.export_msg.value = ""
        debt, scenario = self._chosen()
        data = reminders_ics(self.app.result, scenario, sent_on=self.letter_date, debt_ids=(debt,),
                             locale=self.locale)
        name = self.file_name(".ics")
        self.downloads.value = html.download_link(data, name, ICS_MIME,
                                                  app_text("proposal.download", self.locale, name=name))
        self.app.boundary.say(app_text("proposal.ics_ready", self.locale, name=name))
        return data

    # -- choices and edits -----------------------------------------------------------------------------------

    def _choose(self, *, debt: str | None = None, scenario: str | None = None) -> None:
        self.app.select(debt=debt or None, scenario=scenario or None)
        self.update()

    def _dated(self, value: date) -> None:
        self.letter_date = value
        self.update()

    def _show_id(self, value: bool) -> None:
        self.show_id = value
        self.update()

    def _set_font(self, value: str) -> None:
        self.font = value
        self.downloads.value = ""

    def _debtor(self, **changes: Any) -> None:
        self.app.change(lambda c: edits.set_fields(c, debtor=replace(c.debtor, **changes)))

    def _tick(self, reason: HardshipReason, ticked: bool) -> None:
        """Add a reason (after those ticked before: the letter names them in that order) or take it out."""
        others = tuple(r for r in self.app.case.debtor.hardship if r != reason)
        self._debtor(hardship=(*others, reason) if ticked else others)

    def _stated(self, change: dict[str, Any]) -> None:
        try:
            self._debtor(statement=str(change["new"]))
        except InvalidInput as err:  # too long: said beside the box; the case keeps the last statement taken
            self.statement_msg.value = _error_html(render_error(err, self.locale))
            return
        self.statement_msg.value = ""
