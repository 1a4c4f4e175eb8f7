"""The 催收记录 tab's sections beyond the log itself: the rule findings, the import, the evidence package.

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
* :class:`EvidenceSection` — :func:`planner.report.evidence.write_evidence` for one creditor or all, into a
  temporary folder, offered for download with the manifest's SHA-256 and every attachment missing or changed.
"""

from __future__ import annotations

import contextlib
import html as htmllib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from planner.domain import edits
from planner.errors import InvalidInput
from planner.findings import Finding, Severity
from planner.text import app_text, evidence_text, render, render_error, severity_label, source_text
from planner.text import fmt as formats
from planner.ui import html
from planner.ui.fields import button

if TYPE_CHECKING:
    from planner.caps.conduct import LoggedCreditor
    from planner.domain.conduct import LogEntry
    from planner.io.conduct_import import LogImport
    from planner.report.evidence import EvidenceReport
    from planner.ui.tabs.conduct import ConductTab

ALL = "\x00all"  # the evidence chooser's "every creditor" option (no creditor key can be this)
NONE = "\x00none"  # the finding chooser's "mark nothing" option
TABLES = (".csv", ".xlsx")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MIME = "application/zip"
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
    ".planner-conduct-rules td.src{color:#666;font-size:12px;max-width:26em}"
    ".planner-conduct-who{font-weight:bold;margin:10px 0 2px}"
    ".planner-conduct-channels{margin:2px 0 4px;padding-left:1.6em;font-size:13px}"
    ".planner-conduct-channels li{margin:1px 0}.planner-conduct-channels .how{color:#666;font-size:12px}"
    ".planner-conduct-note{border-left:4px solid #8a5a00;background:#fff8e1;padding:4px 12px;font-size:12px;"
    "margin:4px 0}"
    ".planner-conduct-problems{font-size:13px;margin:2px 0;padding-left:1.4em;color:#b00020}"
    ".planner-conduct-ok{color:#2e7d32;font-size:13px}"
    ".planner-conduct-digest{font-family:monospace;font-size:12px;word-break:break-all}</style>"
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
        self._mark(redraw=False)

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

    def _mark(self, *, redraw: bool = True) -> None:
        """Mark the chosen finding's entries in the log's table."""
        finding = self.chosen()
        marked = frozenset(finding.param("entries", ())) if finding is not None else frozenset()
        if marked != self.tab.marked:
            self.tab.marked = marked
            if redraw:
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
        folder = home if home is not None and home.is_dir() else None
        handle, temporary = tempfile.mkstemp(prefix=".planner-import-", suffix=suffix, dir=folder)
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
        packed = sum(1 for a in report.attachments if a.name)
        lines = []
        for record in report.problems:
            if record.sha256 is None:
                lines.append(evidence_text("cli.missing", locale, path=record.path, entry=record.entry))
            else:
                lines.append(evidence_text("cli.changed", locale, path=record.path, entry=record.entry,
                                           logged_size=record.logged_size, logged=record.logged_sha256,
                                           size=record.size, sha256=record.sha256))
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
