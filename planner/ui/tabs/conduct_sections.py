"""The 催收记录 tab's sections beyond the log itself: the rule findings, the import, the complaint, the evidence.

Each section is a small object over the tab (:class:`~planner.ui.tabs.conduct.ConductTab`): ``build()`` returns
its widgets (the tab places them), ``draw()`` draws them from the case as it is now, cheaply when nothing it shows
changed. They call the core and nothing else computes here:

* :class:`FindingsSection` — :func:`planner.caps.conduct.check_log` per creditor (milliseconds, even for a long log),
  each finding's sentence, severity, count and source, the note that this is information and not a legal
  conclusion, and the creditor's complaint channels in order (:func:`planner.caps.conduct.channels_for`). Choosing a
  finding marks the entries it rests on in the log's table.
* :class:`ImportSection` — a CSV or .xlsx upload read by :func:`planner.io.conduct_import.import_log`: a file with a
  bad row is refused whole (one line per problem) unless "skip invalid" is ticked; what is new is added through an
  edit (undo, autosave); the template to fill in is offered for download.
* :class:`ComplaintSection` — :func:`planner.report.complaint.build_complaint` for the creditor and channel chosen
  (the suggested channels first), previewed live as HTML of the same document the PDF is made from
  (:func:`planner.report.pdf` compiles only when asked), plain text (:func:`planner.report.complaint.
  complaint_plain_text`), and "mark filed" (:func:`planner.caps.complaints.record_complaint` through an edit)
  showing the day the reply is due, with the note when working days beyond the holiday data are estimated.
* :class:`EvidenceSection` — :func:`planner.report.evidence.write_evidence` for one creditor or all, into a
  temporary folder, offered for download with the manifest's SHA-256 and every attachment missing or changed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html as htmllib
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from planner.domain import edits
from planner.errors import InvalidInput
from planner.findings import Finding, Severity
from planner.text import app_text, evidence_text, render, render_error, severity_label, source_text
from planner.text import fmt as formats
from planner.ui import html
from planner.ui.fields import TextField, button

if TYPE_CHECKING:
    from planner.caps.complaints import Recorded
    from planner.caps.conduct import LoggedCreditor
    from planner.domain.conduct import LogEntry
    from planner.io.conduct_import import LogImport
    from planner.report.evidence import EvidenceReport
    from planner.report.model import Document
    from planner.ui.tabs.conduct import ConductTab

ALL = "\x00all"  # the evidence chooser's "every creditor" option (no creditor key can be this)
NONE = "\x00none"  # the finding chooser's "mark nothing" option
TABLES = (".csv", ".xlsx")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MIME = "application/zip"
PDF_MIME = "application/pdf"
TEXT_MIME = "text/plain;charset=utf-8"
_UNSAFE = '\\/:*?"<>|'
SEVERITY_CLASS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
STYLE = (
    "<style>.planner-conduct-rules{border-collapse:collapse;font-size:13px;margin:2px 0 6px}"
    ".planner-conduct-rules th,.planner-conduct-rules td{border:1px solid #ddd;padding:3px 8px;vertical-align:top}"
    ".planner-conduct-rules th{background:#f3f3f3;text-align:left;white-space:nowrap}"
    ".planner-conduct-rules td.n{text-align:right;white-space:nowrap}"
    ".planner-conduct-rules td.sev{white-space:nowrap;font-weight:bold}"
    ".planner-conduct-rules tr.warning td.sev{color:#8a5a00}.planner-conduct-rules tr.error td.sev{color:#b00020}"
    ".planner-conduct-rules tr.info td.sev{color:#555}"
    ".planner-conduct-rules td.src{color:#666;font-size:12px;width:22em;min-width:14em}"
    ".planner-conduct-who{font-weight:bold;margin:10px 0 2px}"
    ".planner-conduct-channels{margin:2px 0 4px;padding-left:1.6em;font-size:13px}"
    ".planner-conduct-channels li{margin:1px 0}.planner-conduct-channels .how{color:#666;font-size:12px}"
    ".planner-conduct-note{border-left:4px solid #8a5a00;background:#fff8e1;padding:4px 12px;font-size:12px;"
    "margin:4px 0}"
    ".planner-conduct-problems{font-size:13px;margin:2px 0;padding-left:1.4em;color:#b00020}"
    ".planner-conduct-ok{color:#2e7d32;font-size:13px}"
    ".planner-conduct-digest{font-family:monospace;font-size:12px;word-break:break-all}</style>"
)


PREVIEW_ROWS = 200
"""The rows of a long table the complaint's live preview shows (the PDF and the text hold all): a 10,000-entry log
would otherwise be drawn as HTML on every change."""


def preview_document(document: Any, locale: str) -> Any:
    """Return ``document`` with each table longer than :data:`PREVIEW_ROWS` cut to its first rows, its caption
    saying how many are shown of how many (for the live preview only)."""
    from planner.report.model import Table

    blocks = []
    for block in document.blocks:
        if isinstance(block, Table) and len(block.rows) > PREVIEW_ROWS:
            note = app_text("conduct.preview_rows", locale, shown=PREVIEW_ROWS, total=len(block.rows))
            block = dataclasses.replace(block, rows=block.rows[:PREVIEW_ROWS], caption=f"{block.caption}{note}",
                                        marked=tuple(m for m in block.marked if m < PREVIEW_ROWS))
        blocks.append(block)
    return dataclasses.replace(document, blocks=tuple(blocks))


PREVIEW_STYLE = (  # the incident table across the preview, its times on one line
    "<style>.planner-conduct-complaint-preview .planner-doc table:not(.facts){width:100%}"
    ".planner-conduct-complaint-preview .planner-doc td:nth-child(2){white-space:nowrap}</style>"
)


def _e(text: str) -> str:
    return htmllib.escape(text)


def _safe(text: str) -> str:
    """Return ``text`` usable in a file name (characters Windows and macOS refuse dropped)."""
    return "".join(c for c in text if c not in _UNSAFE and c.isprintable()).strip()


def _error(text: str) -> str:
    return f'<p style="color:#b00020;margin:2px 0">{_e(text)}</p>'


def _lines(lines: list[str], css: str = "planner-conduct-problems") -> str:
    return f'<ul class="{css}">' + "".join(f"<li>{_e(t)}</li>" for t in lines) + "</ul>" if lines else ""


def _subheading(text: str) -> widgets.HTML:
    return widgets.HTML(f'<p style="font-weight:bold;font-size:14px;margin:12px 0 0">{_e(text)}</p>')


class Section:
    """A part of the 催收记录 tab: its widgets (:meth:`build`) and their drawing (:meth:`draw`)."""

    def __init__(self, tab: ConductTab) -> None:
        self.tab = tab

    @property
    def app(self) -> Any:
        """Return the app the tab belongs to."""
        return self.tab.app

    @property
    def locale(self) -> str:
        """Return the app's language."""
        return self.tab.locale

    def build(self) -> list[widgets.Widget]:
        """Return the section's widgets (subclasses)."""
        raise NotImplementedError

    def draw(self) -> None:
        """Draw the section from the case (subclasses)."""
        raise NotImplementedError

    def case_folder(self) -> Path | None:
        """Return the case file's folder (relative attachment paths start there), None before it is saved."""
        path = self.app.store.path
        return Path(path).parent if path is not None else None

    def creditors(self) -> list[tuple[LoggedCreditor, list[LogEntry]]]:
        """Return the creditors of the log in the order they first appear, each with its entries (log order)."""
        from planner.caps.conduct import creditor_index, logged_creditor

        case = self.app.case
        index = creditor_index(case)
        named: dict[str, LoggedCreditor] = {}
        groups: dict[str, tuple[LoggedCreditor, list[LogEntry]]] = {}
        for entry in case.conduct:
            who = named.get(entry.creditor)
            if who is None:
                who = named[entry.creditor] = logged_creditor(case, entry.creditor, index)
            groups.setdefault(who.key, (who, []))[1].append(entry)
        return list(groups.values())

    def busy(self, key: str, action: Callable[[], object], shown: widgets.HTML) -> Callable[[], None]:
        """Return ``action`` behind the error boundary, saying ``key`` on the status line while it runs; an input
        error is also said in ``shown`` (beside the button that was pressed)."""

        def run() -> None:
            boundary = self.app.boundary
            try:
                with boundary.busy(app_text(key, self.locale)):
                    action()
            except InvalidInput as err:  # an attachment that cannot be read, a folder that cannot be written
                shown.value = _error(render_error(err, self.locale))
                boundary.handle(err)
            except Exception as err:  # noqa: BLE001 - the boundary: every error is shown, none escapes
                shown.value = _error(app_text("error.unexpected", self.locale))
                boundary.handle(err)

        return run


# -- the rule findings ------------------------------------------------------------------------------------------


class FindingsSection(Section):
    """Per creditor of the log: the rules its collectors crossed, with sources, and where to complain, in order.

    Attributes:
        findings: the findings drawn last (every creditor's, in :func:`~planner.caps.conduct.check_log`'s order).
    """

    def __init__(self, tab: ConductTab) -> None:
        super().__init__(tab)
        self.findings: tuple[Finding, ...] = ()
        self._drawn: Any = None

    def build(self) -> list[widgets.Widget]:
        self._drawn = None
        self.box = widgets.HTML()
        self.box.add_class("planner-conduct-findings")
        self.pick = widgets.Dropdown(options=[], layout=widgets.Layout(width="46em", max_width="100%"))
        self.pick.add_class("planner-conduct-finding-pick")
        self.pick.observe(self.app.boundary.guard(lambda _ch: self._mark()), names="value")
        self.pick_row = widgets.HBox([widgets.HTML(app_text("conduct.findings_pick", self.locale),
                                                   layout=widgets.Layout(margin="0 8px 0 0")), self.pick])
        note = widgets.HTML(f'<div class="planner-conduct-note">{_e(app_text("conduct.findings_note", self.locale))}'
                            "</div>")
        note.add_class("planner-conduct-findings-note")
        return [self.tab.heading("conduct.findings"), note, self.box, self.pick_row]

    def draw(self) -> None:
        """Check the log again (when it or the debts changed) and draw each creditor's findings and channels."""
        from planner.caps.conduct import channels_for, check_log

        case, locale = self.app.case, self.locale
        drawn = (case.conduct, case.debts, locale)
        if drawn == self._drawn:
            return
        self._drawn = drawn
        self.findings = check_log(case) if case.conduct else ()
        parts: list[str] = [STYLE]
        choices: list[tuple[str, str]] = [(app_text("conduct.findings_pick_none", locale), NONE)]
        for who, entries in self.creditors():
            own = [f for f in self.findings if f.subject == who.key]
            span = app_text("conduct.findings_span", locale, count=len(entries),
                            first=formats.moment(entries[0].time, locale),
                            last=formats.moment(entries[-1].time, locale))
            name = who.name if who.name == who.key else app_text("conduct.findings_who", locale, name=who.name,
                                                                      debt=who.key)
            parts.append(f'<p class="planner-conduct-who">{_e(name)} · {_e(span)}</p>')
            parts.append(self._table(own) if own else html.paragraph(app_text("conduct.findings_clean", locale)))
            channels = channels_for(who.kind, own)
            items = "".join(f'<li>{_e(c.name(locale))} <span class="how">{_e(c.contact(locale))}</span></li>'
                            for c in channels)
            parts.append(f'<p style="margin:4px 0 0;font-size:13px">{_e(app_text("conduct.channels", locale))}</p>'
                         f'<ol class="planner-conduct-channels">{items}</ol>')
            for finding in own:
                choices.append(((f"{who.name} · {app_text(self.rule_key(finding), locale)} · "
                                f"{finding.param('count', '')}"), self._key(finding)))
        if not case.conduct:
            parts.append(html.paragraph(app_text("conduct.findings_empty", locale)))
        self.box.value = "".join(parts)
        chosen = self.pick.value
        self.pick.options = choices
        keys = {v for _, v in choices}
        self.pick.value = chosen if chosen in keys else NONE
        self.pick_row.layout.display = "flex" if len(choices) > 1 else "none"
        self._mark()  # the chosen finding may rest on other entries now

    @staticmethod
    def _key(finding: Finding) -> str:
        return f"{finding.subject}\x00{finding.code}\x00{finding.param('basis', '')}"

    @staticmethod
    def rule_key(finding: Finding) -> str:
        """Return the catalog key of a finding's short name (the two call limits share a code)."""
        basis = finding.param("basis")
        return f"conduct.rule.{finding.code}" + (f".{basis}" if basis else "")

    def _table(self, findings: list[Finding]) -> str:
        locale = self.locale
        head = "".join(f"<th>{_e(app_text(f'conduct.findings_col.{c}', locale))}</th>"
                       for c in ("severity", "finding", "count", "source"))
        rows = []
        for finding in findings:
            kind = SEVERITY_CLASS.get(finding.severity, "info")
            count = finding.param("count")
            source = source_text(finding.source, locale) if finding.source else ""
            rows.append(f'<tr class="{kind} planner-finding-{finding.code.lower().replace("_", "-")}">'
                        f'<td class="sev">{_e(severity_label(finding.severity, locale))}</td>'
                        f"<td>{_e(render(finding, locale))}</td>"
                        f'<td class="n">{_e("" if count is None else str(count))}</td>'
                        f'<td class="src">{_e(source)}</td></tr>')
        return f'<table class="planner-conduct-rules"><tr>{head}</tr>{"".join(rows)}</table>'

    def chosen(self) -> Finding | None:
        """Return the finding chosen in the list below the findings (None: none)."""
        return next((f for f in self.findings if self._key(f) == self.pick.value), None)

    def _mark(self) -> None:
        """Mark the chosen finding's entries in the log's table (drawn again only when they changed)."""
        finding = self.chosen()
        marked = frozenset(finding.param("entries", ())) if finding is not None else frozenset()
        if marked != self.tab.marked:
            self.tab.marked = marked
            self.tab.redraw_table()


# -- the import -------------------------------------------------------------------------------------------------


class ImportSection(Section):
    """A log table (CSV or .xlsx) uploaded and imported through an edit; the template to fill in.

    Attributes:
        last: what the last import read (None before one, or when the file was refused).
    """

    def __init__(self, tab: ConductTab) -> None:
        super().__init__(tab)
        self.last: LogImport | None = None

    def build(self) -> list[widgets.Widget]:
        locale, guard = self.locale, self.app.boundary.guard
        self.upload = widgets.FileUpload(accept=",".join(TABLES), multiple=False,
                                         description=app_text("button.import_log", locale),
                                         layout=widgets.Layout(width="auto"))
        self.upload.add_class("planner-conduct-import")
        self.upload.observe(guard(self._uploaded), names="value")
        self.skip = widgets.Checkbox(False, description=app_text("conduct.import_skip", locale), indent=False,
                                     layout=widgets.Layout(width="auto", margin="0 0 0 1.5em"))
        self.skip.add_class("planner-conduct-skip")
        template = button(app_text("button.log_template", locale), guard(self.offer_templates),
                          css="planner-conduct-template")
        self.templates = widgets.HTML()
        self.templates.add_class("planner-conduct-templates")
        self.report = widgets.HTML()
        self.report.add_class("planner-conduct-import-report")
        return [self.tab.heading("conduct.import"),
                widgets.HTML(html.paragraph(app_text("conduct.import_help", locale), muted=True)),
                widgets.HBox([self.upload, self.skip, template, self.templates],
                             layout=widgets.Layout(flex_flow="row wrap", align_items="center")),
                self.report]

    def draw(self) -> None:
        """Nothing to draw from the case: the report stays until the next import."""

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        self.upload.value = ()  # the same file can be uploaded again (after fixing it)
        self.import_file(str(item["name"]), bytes(item["content"]), skip_invalid=bool(self.skip.value))

    def offer_templates(self) -> None:
        """Offer the log table to fill in, as CSV and as Excel (the import's columns and a sample row that cannot
        be imported by mistake)."""
        from planner.io.conduct_import import write_log_template

        links = []
        with tempfile.TemporaryDirectory() as folder:
            for suffix, mime in ((".csv", "text/csv"), (".xlsx", XLSX_MIME)):
                name = app_text("conduct.template_name", self.locale) + suffix
                path = write_log_template(Path(folder) / name)
                links.append(html.download_link(path.read_bytes(), name, mime, name))
        self.templates.value = "".join(links)

    def import_file(self, name: str, content: bytes, *, skip_invalid: bool = False) -> LogImport | None:
        """Import the log table ``content`` (a .csv or .xlsx named ``name``) into the case through an edit; return
        what was read, or None when the file was refused (one line per problem shown; the case is unchanged).

        The table is read from a temporary file in the case file's folder (removed afterwards), so an attachment
        given by a relative path is found where the case's own attachments are.
        """
        from planner.io.conduct_import import LogRefused, import_log

        locale = self.locale
        shown = Path(name.replace("\\", "/")).name or "upload.csv"
        self.last = None
        suffix = Path(shown).suffix.lower()
        if suffix not in TABLES:
            self.report.value = _error(app_text("conduct.import_suffix", locale, name=shown))
            return None
        home = self.case_folder()
        try:
            handle, temporary = tempfile.mkstemp(prefix=".planner-import-", suffix=suffix,
                                                 dir=home if home is not None and home.is_dir() else None)
        except OSError:  # the case's folder cannot be written: relative attachment paths will not be found
            handle, temporary = tempfile.mkstemp(prefix=".planner-import-", suffix=suffix)
        path = Path(temporary)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            result = import_log(path, case=self.app.case, skip_invalid=skip_invalid, case_folder=home)
        except LogRefused as refused:
            lines = [e.message(locale).replace(str(path), shown) for e in refused.errors]
            key = "conduct.import_refused" if refused.rows else "conduct.import_refused_header"
            self.report.value = _error(app_text(key, locale, name=shown, count=len(refused.rows))) + _lines(lines)
            return None
        except InvalidInput as err:  # the file as a whole (its encoding, its layout), named as the user named it
            self.report.value = _error(render_error(err, locale).replace(str(path), shown))
            return None
        finally:
            with contextlib.suppress(OSError):
                path.unlink()
        if result.added:
            self.app.change(lambda case: edits.add_conduct_entries(case, result.entries))
        done = app_text("conduct.import_done", locale, name=shown, read=len(result.entries), added=result.added,
                        already=result.already, skipped=len(result.skipped_rows))
        parts = [f'<p class="planner-conduct-ok">{_e(done)}</p>']
        if result.first_sheet is not None and result.sheet is not None:
            parts.append(html.paragraph(app_text("conduct.import_sheet", locale, sheet=result.sheet), muted=True))
        if result.skipped:
            parts.append(html.paragraph(app_text("conduct.import_skipped", locale, count=len(result.skipped_rows))))
            parts.append(_lines([e.message(locale).replace(str(path), shown) for e in result.skipped]))
        self.report.value = "".join(parts)
        self.app.boundary.say(done)
        self.last = result
        return result


# -- the evidence package ---------------------------------------------------------------------------------------


class EvidenceSection(Section):
    """The evidence package (.zip) of one creditor or all, offered for download.

    Attributes:
        data: the last package's bytes (None before one is made, or after the log changed).
        report: what :func:`~planner.report.evidence.write_evidence` said of it.
    """

    def __init__(self, tab: ConductTab) -> None:
        super().__init__(tab)
        self.data: bytes | None = None
        self.report: EvidenceReport | None = None
        self._made_for: Any = None
        self._offered: Any = None

    def build(self) -> list[widgets.Widget]:
        locale = self.locale
        self._offered = None
        self.creditor = widgets.Dropdown(options=[(app_text("conduct.evidence_all", locale), ALL)], value=ALL,
                                         layout=widgets.Layout(width="24em"))
        self.creditor.add_class("planner-conduct-evidence-creditor")
        self.msg = widgets.HTML()
        self.msg.add_class("planner-conduct-evidence-msg")
        make = button(app_text("button.evidence", locale), self.busy("conduct.making_evidence", self.export, self.msg),
                      css="planner-conduct-evidence", style="primary")
        self.downloads = widgets.HTML()
        self.downloads.add_class("planner-conduct-evidence-download")
        self.row = widgets.HBox([widgets.HTML(app_text("conduct.evidence_for", locale),
                                              layout=widgets.Layout(margin="0 8px 0 0")),
                                 self.creditor, make, self.downloads],
                                layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        self.empty = widgets.HTML(html.paragraph(app_text("conduct.evidence_empty", locale)))
        return [self.tab.heading("conduct.evidence"),
                widgets.HTML(html.paragraph(app_text("conduct.evidence_help", locale), muted=True)),
                self.empty, self.row, self.msg]

    def draw(self) -> None:
        """Offer the log's creditors; a package made before the log changed is withdrawn."""
        case, locale = self.app.case, self.locale
        has_log = bool(case.conduct)
        self.empty.layout.display = "none" if has_log else "flex"
        self.row.layout.display = "flex" if has_log else "none"
        if self._made_for is not None and self._made_for != (case.conduct, case.debts):
            self.data = self.report = self._made_for = None
            self.downloads.value = self.msg.value = ""
        offered = (case.conduct, case.debts, locale)
        if offered == self._offered:
            return
        self._offered = offered
        options = [(app_text("conduct.evidence_all", locale), ALL)]
        options += [(who.name if who.name == who.key else f"{who.name} · {who.key}", who.key)
                    for who, _ in self.creditors()]
        chosen = self.creditor.value
        self.creditor.options = options
        self.creditor.value = chosen if chosen in {v for _, v in options} else ALL

    def file_name(self) -> str:
        """Return the download's name: the borrower, the creditor (or all) and the day."""
        case, locale = self.app.case, self.locale
        borrower = _safe(case.borrower) or app_text("download.anonymous", locale)
        chosen = self.creditor.value
        if chosen == ALL:
            creditor = app_text("conduct.evidence_all_short", locale)
        else:
            creditor = next((_safe(who.name) for who, _ in self.creditors() if who.key == chosen), "") or _safe(chosen)
        return _safe(app_text("conduct.evidence_name", locale, borrower=borrower, creditor=creditor,
                              day=self.tab.clock().date().isoformat())) + ".zip"

    def export(self) -> bytes:
        """Write the package into a temporary folder and offer it for download; return its bytes."""
        from planner.report.evidence import write_evidence

        case, locale = self.app.case, self.locale
        self.downloads.value = self.msg.value = ""
        creditor = None if self.creditor.value == ALL else str(self.creditor.value)
        name = self.file_name()
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "evidence.zip"
            case_path = self.app.store.path or Path(folder) / "case.json"  # unsaved: attachments are absolute
            report = write_evidence(case, target, case_path=case_path, creditor=creditor, locale=locale,
                                    today=self.tab.clock().date())
            data = target.read_bytes()
        self.data, self.report, self._made_for = data, report, (case.conduct, case.debts)
        self.downloads.value = html.download_link(data, name, ZIP_MIME,
                                                  app_text("proposal.download", locale, name=name))
        packed = report.packed
        lines = report.problem_lines(locale)
        made = app_text("conduct.evidence_done", locale, name=name, entries=report.entries, packed=packed,
                        findings=report.findings)
        parts = [f'<p class="planner-conduct-ok">{_e(made)}</p>',
                 (f'<p style="font-size:13px;margin:2px 0">{_e(app_text("conduct.evidence_digest", locale))} '
                 f'<span class="planner-conduct-digest">{_e(report.manifest_sha256)}</span></p>')]
        if lines:
            parts.append(_error(evidence_text("cli.problems", locale, count=len(lines))) + _lines(lines))
        self.msg.value = STYLE + "".join(parts)
        self.app.boundary.say(made, kind="ok" if report.ok else "warning")
        return data


# -- the complaint ----------------------------------------------------------------------------------------------


class ComplaintSection(Section):
    """A complaint about one creditor's collection to one channel: previewed live, exported as PDF or plain text,
    and marked filed (the day, the reference number) with the day its reply is due.

    Attributes:
        document: the draft drawn last (None when the log has no entry).
        letter_date: the date the draft carries (today by the tab's clock until another is typed).
        filed_date: the day the complaint was filed, for "mark filed" (today until another is typed).
        show_id: print the ID number, phone and address in full (masked by default).
        pdf: the last PDF made (None after a change).
        recorded: what the last "mark filed" recorded.
    """

    def __init__(self, tab: ConductTab) -> None:
        super().__init__(tab)
        self.document: Document | None = None
        self.letter_date: date | None = None
        self.filed_date: date | None = None
        self.show_id = False
        self.pdf: bytes | None = None
        self.recorded: Recorded | None = None
        self._drawn: Any = None
        self._quiet = False
        self.chosen: tuple[str | None, str | None] = (None, None)  # the creditor and channel the user chose

    def build(self) -> list[widgets.Widget]:
        from planner.dates import parse_date

        locale, guard, handle = self.locale, self.app.boundary.guard, self.app.boundary.handle
        today = self.tab.clock().date()
        self._drawn = None
        self.creditor = widgets.Dropdown(options=[], layout=widgets.Layout(width="24em"))
        self.creditor.add_class("planner-conduct-complaint-creditor")
        self.creditor.observe(guard(lambda _ch: self._changed()), names="value")
        self.channel = widgets.Dropdown(options=[], layout=widgets.Layout(width="30em"))
        self.channel.add_class("planner-conduct-complaint-channel")
        self.channel.observe(guard(lambda _ch: self._changed()), names="value")
        self.show_id_box = widgets.Checkbox(self.show_id, description=app_text("proposal.show_id", locale),
                                            indent=False, layout=widgets.Layout(width="auto"))
        self.show_id_box.add_class("planner-conduct-complaint-show-id")
        self.show_id_box.observe(guard(lambda ch: self._set(show_id=bool(ch["new"]))), names="value")
        self.date_field = TextField(app_text("conduct.complaint_date", locale), self.letter_date or today,
                                    parse=lambda t: parse_date(t, field=app_text("conduct.complaint_date", locale)),
                                    show=formats.iso, on_valid=lambda d: self._set(letter_date=d), locale=locale,
                                    css="planner-conduct-complaint-date", note=app_text("unit.date", locale),
                                    label_width="7em", on_error=handle)
        self._msg = widgets.HTML()
        self._msg.add_class("planner-conduct-complaint-msg")
        pdf = button(app_text("button.complaint_pdf", locale),
                     self.busy("proposal.making_pdf", self.export_pdf, self._msg),
                     css="planner-conduct-complaint-pdf", style="primary")
        text = button(app_text("button.complaint_text", locale),
                      self.busy("conduct.making_text", self.export_text, self._msg),
                      css="planner-conduct-complaint-text")
        self.downloads = widgets.HTML()
        self.downloads.add_class("planner-conduct-complaint-downloads")
        self.notes = widgets.HTML()
        self.notes.add_class("planner-conduct-complaint-notes")
        self.preview = widgets.HTML(layout=widgets.Layout(width="100%", max_width="66em"))
        self.preview.add_class("planner-conduct-complaint-preview")
        self.filed_field = TextField(app_text("conduct.filed_date", locale), self.filed_date or today,
                                     parse=lambda t: parse_date(t, field=app_text("conduct.filed_date", locale)),
                                     show=formats.iso, on_valid=lambda d: setattr(self, "filed_date", d),
                                     locale=locale, css="planner-conduct-filed-date",
                                     note=app_text("unit.date", locale), label_width="7em", on_error=handle)
        self.reference = widgets.Text("", placeholder=app_text("conduct.reference_placeholder", locale),
                                      layout=widgets.Layout(width="16em"))
        self.reference.add_class("planner-conduct-reference")
        mark = button(app_text("button.mark_filed", locale), guard(self.mark_filed), css="planner-conduct-mark-filed")
        self.filed = widgets.HTML()
        self.filed.add_class("planner-conduct-filed")
        self.history = widgets.HTML()
        self.history.add_class("planner-conduct-complaints")
        label = widgets.Layout(width="7em", min_width="7em")
        self.body = widgets.VBox([
            widgets.HBox([widgets.HTML(app_text("proposal.creditor", locale), layout=label), self.creditor,
                          widgets.HTML(app_text("conduct.complaint_channel", locale),
                                       layout=widgets.Layout(margin="0 8px 0 1.5em")), self.channel],
                         layout=widgets.Layout(flex_flow="row wrap", align_items="center")),
            self.date_field,
            widgets.HBox([self.show_id_box, widgets.HTML(html.paragraph(
                app_text("conduct.complaint_show_id_note", locale), muted=True))]),
            self.notes,
            widgets.HBox([pdf, text, self.downloads], layout=widgets.Layout(flex_flow="row wrap",
                                                                            align_items="center")),
            self._msg,
            _subheading(app_text("conduct.mark_filed", locale)),
            widgets.HTML(html.paragraph(app_text("conduct.mark_filed_help", locale), muted=True)),
            widgets.HBox([self.filed_field, widgets.HTML(app_text("conduct.reference", locale),
                                                         layout=widgets.Layout(margin="0 8px 0 1em")),
                          self.reference, mark], layout=widgets.Layout(flex_flow="row wrap", align_items="center")),
            self.filed, self.history,
            _subheading(app_text("proposal.preview", locale)),
            widgets.HTML(html.paragraph(app_text("proposal.preview_note", locale), muted=True)),
            self.preview,
        ])
        self.empty = widgets.HTML(html.paragraph(app_text("conduct.complaint_empty", locale)))
        return [self.tab.heading("conduct.complaint"),
                widgets.HTML(html.paragraph(app_text("conduct.complaint_help", locale), muted=True)),
                self.empty, self.body]

    def _changed(self) -> None:
        if not self._quiet:  # a choice of the user's, not the options offered anew
            self.chosen = (self.creditor.value, self.channel.value)
            self.draw()

    def _set(self, **changes: Any) -> None:
        for name, value in changes.items():
            setattr(self, name, value)
        self.draw()

    def _offer(self) -> None:
        """Offer the log's creditors, and for the one chosen the draft channels, those suggested first."""
        from planner.caps.complaints import DRAFT_CHANNELS, resolve_creditor, suggested_channels
        from planner.caps.conduct import channel_by_id

        case, locale = self.app.case, self.locale
        creditors = [(who.name if who.name == who.key else f"{who.name} · {who.key}", who.key)
                     for who, _ in self.creditors()]
        if tuple(self.creditor.options) != tuple(creditors):
            chosen = self.creditor.value or self.chosen[0]  # kept across a rebuild (a language switch, an undo)
            self.creditor.options = creditors
            keys = [v for _, v in creditors]
            self.creditor.value = chosen if chosen in keys else (
                self.app.selected_debt if self.app.selected_debt in keys else keys[0])
        who = resolve_creditor(case, str(self.creditor.value))
        suggested = [c.id for c in suggested_channels(case, who)]
        order = [*suggested, *(c for c in DRAFT_CHANNELS if c not in suggested)]
        options = []
        for channel_id in order:
            name = channel_by_id(channel_id).name(locale)
            key = "conduct.channel_suggested" if channel_id in suggested else "conduct.channel_other"
            options.append((app_text(key, locale, channel=name), channel_id))
        if tuple(self.channel.options) != tuple(options):
            chosen = self.channel.value or self.chosen[1]
            self.channel.options = options
            self.channel.value = chosen if chosen in order else order[0]  # the creditor's own service first

    def draw(self) -> None:
        """Draw the draft again when the log, the debtor, the creditor, the channel or an option changed."""
        from planner.report.complaint import build_complaint
        from planner.ui.tabs.proposal import document_html

        case, locale = self.app.case, self.locale
        self.empty.layout.display = "none" if case.conduct else "flex"
        self.body.layout.display = "flex" if case.conduct else "none"
        if not case.conduct:
            self.document = None
            return
        self._quiet = True
        try:
            self._offer()
        finally:
            self._quiet = False
        today = self.letter_date or self.tab.clock().date()
        drawn = (case.conduct, case.debts, case.debtor, case.borrower, self.creditor.value, self.channel.value,
                 self.show_id, today, locale)
        self._draw_history()
        if drawn == self._drawn:
            return
        self._drawn = drawn
        document = build_complaint(case, str(self.creditor.value), str(self.channel.value), locale=locale,
                                   show_id=self.show_id, today=today)
        self.document = document
        notes = "".join(f"<li>{_e(n)}</li>" for n in document.notes)
        self.notes.value = (f'<ul class="planner-findings" style="color:#8a5a00;font-size:13px">{notes}</ul>'
                            if notes else "")
        self.preview.value = PREVIEW_STYLE + document_html(preview_document(document, locale))
        self.pdf = None
        self.downloads.value = self._msg.value = ""  # a file made before this change no longer matches

    def file_name(self, extension: str) -> str:
        """Return a download's name: the borrower, the document's title, the creditor and the channel."""
        from planner.caps.complaints import resolve_creditor

        case, locale = self.app.case, self.locale
        document = self.document
        borrower = _safe(case.borrower) or app_text("download.anonymous", locale)
        creditor = _safe(resolve_creditor(case, str(self.creditor.value)).name) or _safe(str(self.creditor.value))
        title = _safe(document.title) if document is not None else ""
        return _safe(app_text("conduct.complaint_name", locale, borrower=borrower, title=title, creditor=creditor,
                              channel=str(self.channel.value))) + extension

    def _current(self) -> Document:
        self.draw()
        if self.document is None:
            raise InvalidInput("conduct", "empty", 0)
        return self.document

    def export_pdf(self) -> bytes:
        """Compile the draft and offer it for download; return the PDF's bytes."""
        from planner.report.pdf import default_renderer

        document = self._current()
        self.downloads.value = self._msg.value = ""
        data = default_renderer().pdf(document)
        self.pdf = data
        name = self.file_name(".pdf")
        self.downloads.value = html.download_link(data, name, PDF_MIME,
                                                  app_text("proposal.download", self.locale, name=name))
        self.app.boundary.say(app_text("conduct.complaint_ready", self.locale, name=name))
        return data

    def export_text(self) -> str:
        """Offer the draft as plain text (a web form; reading it out on a call); return the text."""
        from planner.report.complaint import complaint_plain_text

        document = self._current()
        self.downloads.value = self._msg.value = ""
        text = complaint_plain_text(document)
        name = self.file_name(".txt")
        self.downloads.value = html.download_link(text.encode("utf-8"), name, TEXT_MIME,
                                                  app_text("proposal.download", self.locale, name=name))
        self.app.boundary.say(app_text("conduct.complaint_ready", self.locale, name=name))
        return text

    def mark_filed(self) -> Recorded | None:
        """Record the complaint to the chosen channel as filed on the day typed, with the reference number typed
        (an edit: undo takes it back); say the day its reply is due. None when the filing day is not valid."""
        from planner.caps.complaints import record_complaint

        locale = self.locale
        self.filed.value = ""
        if self.filed_field.msg.value:  # the day typed is not a date: said beside it
            self.filed.value = _error(app_text("conduct.filed_fix", locale))
            return None
        filed = self.filed_date or self.tab.clock().date()
        creditor, channel = str(self.creditor.value), str(self.channel.value)
        reference = self.reference.value.strip()
        recorded = record_complaint(self.app.case, creditor, channel, filed=filed, reference=reference)
        self.app.change(lambda case: record_complaint(case, creditor, channel, filed=filed,
                                                      reference=reference).case)
        self.recorded = recorded
        self.filed.value = self._filed_html(recorded)
        self.reference.value = ""
        self.app.boundary.say(app_text("conduct.filed_done", locale, channel=self._channel_name(channel),
                                       date=formats.day(filed, locale)))
        return recorded

    def _channel_name(self, channel_id: str) -> str:
        from planner.caps.conduct import channel_by_id

        try:
            return channel_by_id(channel_id).name(self.locale)
        except InvalidInput:  # a channel of a case file written elsewhere: shown by its id
            return channel_id

    def _filed_html(self, recorded: Recorded) -> str:
        from planner.caps.conduct import channel_by_id
        from planner.report.complaint import cited_text, period_text

        locale = self.locale
        complaint = recorded.complaint
        channel = channel_by_id(complaint.channel)
        lines = []
        if complaint.reply_due is not None and channel.reply is not None:
            lines.append(app_text("conduct.reply_due", locale, due=formats.day(complaint.reply_due, locale),
                                  period=period_text(channel.reply, locale), cited=cited_text(channel.reply, locale)))
        else:
            lines.append(app_text("conduct.reply_due_none", locale, channel=channel.name(locale)))
        notes = [render(f, locale) for f in recorded.findings]  # working days estimated beyond the holiday data
        return (f'<p class="planner-conduct-ok" style="font-weight:bold">{_e(lines[0])}</p>'
                + "".join(f'<p class="planner-conduct-estimate" style="color:#a15c00;font-size:12px;margin:2px 0">'
                          f"{_e(n)}</p>" for n in notes))

    def _draw_history(self) -> None:
        """List the complaints recorded about the chosen creditor: channel, filed, reference, reply due."""
        from planner.caps.complaints import resolve_creditor

        case, locale = self.app.case, self.locale
        try:
            key = resolve_creditor(case, str(self.creditor.value)).key
        except InvalidInput:
            key = str(self.creditor.value)
        rows = [[self._channel_name(c.channel), formats.day(c.filed, locale) if c.filed else "", c.reference,
                 formats.day(c.reply_due, locale) if c.reply_due else "—"]
                for c in case.complaints if c.creditor == key]
        if not rows:
            self.history.value = ""
            return
        headers = [app_text(f"conduct.complaints_col.{k}", locale) for k in ("channel", "filed", "reference", "due")]
        self.history.value = (f'<p style="margin:6px 0 0;font-size:13px">{_e(app_text("conduct.complaints", locale))}'
                              f"</p>{html.table(headers, rows, css='planner-conduct-complaints-table')}")
