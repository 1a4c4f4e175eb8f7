"""催收记录 Collection log: what collectors did, logged one contact at a time, with its evidence files.

The quick-entry form is a draft, not the case: what is typed stays in the widgets (across a language switch or an
undo) until 添加记录 parses every field at once — the time as people write it
(:func:`planner.domain.conduct.parse_time`), the duration, the creditor (a debt of the case, or a name typed) — and
adds the :class:`~planner.domain.conduct.LogEntry` through an edit (:func:`planner.domain.edits.add_conduct_entries`),
so undo, redo and autosave cover it. A bad value is said beside its field and nothing typed is cleared.

Attachments are taken by path (size and SHA-256, :func:`planner.io.attachments.attachment_for`; the file is never
moved or changed) or uploaded: an upload is kept in a folder beside the case file
(:func:`planner.io.attachments.store_upload`, never writing over a file) and then taken by that path. The log's
table shows each attachment's state now — unchanged, changed or missing — re-reading a file only when its size or
modification time differs from the last check. The timeline (:class:`planner.ui.charts.ContactTimeline`, drawn in
the browser) shows contacts per day per creditor and each contact's hour of the day, with the allowed hours shaded
from the conduct rules' data (:attr:`ConductTab.allowed_hours`, 08:00-22:00 in the package's rules). Beside the form: short guidance.

The tab is a list of sections (:meth:`ConductTab.build`): each is built by one ``_…_section`` method and drawn by
its own part of :meth:`ConductTab.update`, so another section is one more pair of methods, never a change to the
others. The rule findings (with the complaint channels), the import, the complaint draft (live preview, PDF and plain
text, marked filed with the reply due) and the evidence package are such sections,
kept in :mod:`planner.ui.tabs.conduct_sections` (each an object with ``build`` and ``draw``); choosing a finding
marks the entries it rests on in the log's table.
"""

from __future__ import annotations

import html as htmllib
import itertools
import os
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from planner.domain import edits
from planner.domain.conduct import CHINA, Attachment, Channel, Contacted, Flag, LogEntry, parse_time
from planner.errors import InvalidInput
from planner.io.attachments import AttachmentState, attachment_for, check_attachment, resolve, store_upload
from planner.text import app_field, app_text, choice_label, render_error
from planner.text import fmt as formats
from planner.ui import html
from planner.ui.fields import button
from planner.ui.tabs.base import Tab
from planner.ui.tabs.conduct_sections import (
    ComplaintSection,
    EvidenceSection,
    FindingsSection,
    ImportSection,
    Section,
)

if TYPE_CHECKING:
    from planner.ui.charts import ContactTimeline

OTHER = "\x00other"  # the creditor chooser's "a name typed" option (no debt id can be this)
LABEL_WIDTH = "9em"
MAX_ROWS = 200  # rows of the log's table (the newest); the count says how many there are
NOTE_CHARS = 40  # a note is cut there in the table (the entry chosen below it is shown whole)
MAX_SUGGESTIONS = 30  # numbers, names and identities offered from the log
GUIDANCE = ("contact", "proof", "court", "originals", "record")
FUTURE_SLACK = timedelta(minutes=5)  # a time this far past the clock is said to be in the future
STYLE = (
    "<style>.planner-conduct-log tr.third td{background:#fff3e0}"
    ".planner-conduct-log tr.marked td{background:#e3f2fd;font-weight:bold}"
    ".planner-conduct-log td.changed{background:#fde0e0;color:#8a0000;font-weight:bold}"
    ".planner-conduct-log td.missing{background:#fde0e0;color:#8a0000;font-weight:bold}"
    ".planner-conduct-scroll{max-height:26em;overflow:auto;display:inline-block;max-width:100%}"
    ".planner-conduct-scroll th{position:sticky;top:0;z-index:1}"
    ".planner-conduct-facts{font-size:13px;margin:4px 0 8px;border-collapse:collapse}"
    ".planner-conduct-facts td{padding:1px 10px 1px 0;vertical-align:top;white-space:pre-wrap;word-break:break-all}"
    ".planner-conduct-facts td.label{color:#555;white-space:nowrap}"
    ".planner-conduct-small{color:#666;font-size:12px;margin:2px 0;line-height:1.5}"
    ".planner-conduct-guide{border-left:4px solid #1976d2;background:#f3f8fd;padding:4px 14px;font-size:13px;"
    "line-height:1.55}.planner-conduct-guide li{margin:4px 0}</style>"
)


def china_now() -> datetime:
    """Return the time now in mainland China, to the minute, without a zone (as the log keeps times)."""
    return datetime.now(CHINA).replace(tzinfo=None, second=0, microsecond=0)


def show_time(moment: datetime) -> str:
    """Return a log time as the form and the table write it: ``2026-11-20 22:30``."""
    return moment.strftime("%Y-%m-%d %H:%M")


def parse_duration(text: str) -> int | None:
    """Return a call's length in minutes as typed (``3``, ``3分钟``, ``3 min``); None when left empty.

    >>> parse_duration("3分钟"), parse_duration(" "), parse_duration("12 min")
    (3, None, 12)

    Raises:
        InvalidInput: ``not_integer`` for anything but a whole number of minutes.
    """
    cleaned = str(text).strip().lower()
    for unit in ("分钟", "分", "minutes", "mins", "min"):
        if cleaned.endswith(unit):
            cleaned = cleaned[: -len(unit)].strip()
            break
    if not cleaned:
        return None
    if not cleaned.isdigit():
        raise InvalidInput("duration_min", "not_integer", text)
    return int(cleaned)


def size_text(size: int) -> str:
    """Return a file size for people: ``812 B``, ``3.4 KB``, ``12.0 MB``.

    >>> size_text(812), size_text(3500), size_text(12 * 1024 * 1024)
    ('812 B', '3.4 KB', '12.0 MB')
    """
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _error_html(err: InvalidInput, locale: str) -> str:
    unlocated = InvalidInput(err.field, err.code, err.value, params=err.params)
    return f'<span style="color:#b00020">{htmllib.escape(render_error(unlocated, locale))}</span>'


def _small(text: str) -> str:
    return f'<p class="planner-conduct-small">{htmllib.escape(text)}</p>'


def _label(text: str) -> widgets.HTML:
    return widgets.HTML(text, layout=widgets.Layout(width=LABEL_WIDTH, min_width=LABEL_WIDTH))


def _allowed_hours(day: date) -> tuple[time, time] | None:
    """Return the hours collectors may call on ``day``, from the conduct rules' quiet hours (their end to their
    start: 08:00 to 22:00 in the package data); None when the rules set none."""
    from planner.caps.conduct import load_conduct_rules

    quiet = load_conduct_rules().quiet_hours(day)
    return None if quiet is None else (quiet[1], quiet[0])


class ConductTab(Tab):
    """The collection-conduct log: quick entry, the table with attachment states, the timeline, guidance.

    Attributes:
        clock: returns the time now, China's local time without a zone (the app's; tests pass a fixed one).
        allowed_hours: the hours collectors may call, ``(start, end)``, shaded on the timeline; None shows no band.
        pending: the attachments of the entry being typed.
        marked: the ids of the entries marked in the log's table (those of the finding chosen below it).
        sections: the sections after the log's own (findings, import, complaint, evidence), drawn in order.
    """

    key = "conduct"

    def __init__(self, app: Any, *, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(app)
        self.clock: Callable[[], datetime] = clock or china_now
        self.allowed_hours: tuple[time, time] | None = _allowed_hours(self.clock().date())
        self.pending: list[Attachment] = []
        self.timeline: ContactTimeline | None = None
        self._checks: dict[tuple[str, str, int], tuple[tuple[int, int], AttachmentState]] = {}
        self._draft: dict[str, Any] | None = None
        self._shape: Any = None
        self._drawn: Any = None  # what the timeline shows: the log, the debts and language, the allowed hours
        self._shown: dict[str, LogEntry] = {}  # the entries in the table (the newest), by id
        self._quiet_pick = False
        self.marked: frozenset[str] = frozenset()
        self.findings = FindingsSection(self)
        self.importer = ImportSection(self)
        self.complaint = ComplaintSection(self)
        self.evidence = EvidenceSection(self)
        self.sections: tuple[Section, ...] = (self.findings, self.importer, self.complaint, self.evidence)

    # -- building --------------------------------------------------------------------------------------------

    def _structure(self) -> Any:
        return (self.locale, tuple((d.id, d.creditor) for d in self.app.case.debts))

    def forget(self) -> None:
        super().forget()
        self.pending = []
        self._draft = {}  # another case: what was typed for the last one is not carried over
        self._checks = {}

    def build(self) -> None:
        """Build the sections, in order: quick entry (beside the guidance), the import, the log, the rule
        findings, the timeline, the complaint draft, the evidence package. Each section is a method (or a section object) returning
        its widgets, drawn by its own part of :meth:`update`."""
        draft = self._read_draft() if self._draft is None else self._draft
        self._draft = None
        self._shape = self._structure()
        findings, importer, complaint, evidence = (section.build() for section in self.sections)
        self.children = [widgets.HTML(STYLE), *self._entry_section(draft), *importer, *self._log_section(),
                         *findings, *self._chart_section(), *complaint, *evidence]
        self.update()

    def _entry_section(self, draft: dict[str, Any]) -> list[widgets.Widget]:
        self._build_form(draft)
        self.guide = widgets.HTML(self._guide_html(), layout=widgets.Layout(flex="0 1 26em", min_width="18em",
                                                                            margin="0 0 0 16px"))
        self.guide.add_class("planner-conduct-guide-box")
        entry = widgets.VBox([
            self.heading("conduct.entry"),
            widgets.HTML(html.paragraph(app_text("conduct.entry_help", self.locale), muted=True)),
            self.form,
        ], layout=widgets.Layout(flex="1 1 50em", min_width="30em"))
        return [widgets.HBox([entry, self.guide], layout=widgets.Layout(flex_flow="row wrap",
                                                                        align_items="flex-start"))]

    def _log_section(self) -> list[widgets.Widget]:
        guard = self.app.boundary.guard
        self.table = widgets.HTML()
        self.table.add_class("planner-conduct-log")
        self.count = widgets.HTML()
        self.count.add_class("planner-conduct-count")
        self.states = widgets.HTML()
        self.states.add_class("planner-conduct-states")
        self.delete_pick = widgets.Dropdown(options=[], layout=widgets.Layout(width="34em"))
        self.delete_pick.add_class("planner-conduct-pick")
        self.detail = widgets.HTML()
        self.detail.add_class("planner-conduct-detail")
        self.delete_pick.observe(guard(lambda _ch: None if self._quiet_pick else self._show_detail()), names="value")
        delete = button(app_text("button.delete", self.locale), guard(self.delete_selected),
                        css="planner-conduct-delete", style="danger")
        recheck = button(app_text("button.recheck", self.locale), guard(self.recheck), css="planner-conduct-recheck")
        self.delete_row = widgets.HBox([widgets.HTML(app_text("conduct.delete_pick", self.locale),
                                                     layout=widgets.Layout(margin="0 8px 0 0")),
                                        self.delete_pick, delete, recheck])
        return [self.heading("conduct.log"), self.count, self.states, self.table, self.delete_row, self.detail]

    def _chart_section(self) -> list[widgets.Widget]:
        self.chart_box = widgets.VBox()
        self.chart_box.add_class("planner-conduct-chart")
        self.legend = widgets.HTML()
        return [self.heading("conduct.chart"),
                widgets.HTML(html.paragraph(app_text("conduct.chart_help", self.locale), muted=True)),
                self.legend, self.chart_box]

    def _build_form(self, draft: dict[str, Any]) -> None:
        app, locale, guard = self.app, self.locale, self.app.boundary.guard
        self.msgs: dict[str, widgets.HTML] = {}

        def msg(name: str) -> widgets.HTML:
            widget = widgets.HTML("")
            widget.add_class("planner-msg")
            self.msgs[name] = widget
            return widget

        def row(name: str, *parts: widgets.Widget, wrap: bool = True) -> widgets.HBox:
            box = widgets.HBox([_label(app_field(name, locale)), *parts, msg(name)],
                               layout=widgets.Layout(align_items="center" if wrap else "flex-start",
                                                     flex_flow="row wrap" if wrap else "row nowrap"))
            box.add_class("planner-field")
            box.add_class(f"planner-conduct-{name.replace('_', '-')}")
            return box

        self._time_auto = bool(draft.get("time_auto", True))  # untouched: the time is "now" when added
        self._quiet_time = False
        self.time_input = widgets.Text(show_time(self.clock()) if self._time_auto else draft.get("time", ""),
                                       continuous_update=False, layout=widgets.Layout(width="13em"))
        self.time_input.observe(guard(lambda _ch: self._time_typed()), names="value")
        self.time_note = widgets.HTML()
        now = button(app_text("conduct.now", locale), guard(self.set_now), css="planner-conduct-now")
        self.channel = widgets.ToggleButtons(options=[(choice_label("channels", c, locale), c.value) for c in Channel],
                                             value=draft.get("channel", Channel.CALL.value),
                                             style={"button_width": "auto"})
        self.sender = widgets.Combobox(value=draft.get("sender", ""), ensure_option=False,
                                       placeholder=app_text("conduct.sender_placeholder", locale),
                                       layout=widgets.Layout(width="18em"))
        self.contacted = widgets.ToggleButtons(
            options=[(choice_label("contacted", c, locale), c.value) for c in Contacted],
            value=draft.get("contacted", Contacted.DEBTOR.value), style={"button_width": "auto"})
        debts = [(f"{d.creditor} · {d.id}", d.id) for d in app.case.debts]
        options = [*debts, (app_text("conduct.creditor_other", locale), OTHER)]
        wanted = draft.get("creditor")
        if wanted not in {v for _, v in options}:
            wanted = app.selected_debt if app.selected_debt in {v for _, v in debts} else options[0][1]
        self.creditor = widgets.Dropdown(options=options, value=wanted, layout=widgets.Layout(width="24em"))
        self.creditor_name = widgets.Combobox(value=draft.get("creditor_name", ""), ensure_option=False,
                                              placeholder=app_text("conduct.creditor_placeholder", locale),
                                              layout=widgets.Layout(width="20em"))
        self.creditor.observe(guard(lambda _ch: self._show_name()), names="value")
        self._show_name()
        self.identity = widgets.Combobox(value=draft.get("identity", ""), ensure_option=False,
                                         placeholder=app_text("conduct.identity_placeholder", locale),
                                         layout=widgets.Layout(width="22em"))
        ticked = set(draft.get("flags", ()))
        self.flags: dict[str, widgets.ToggleButton] = {}
        for flag in Flag:
            toggle = widgets.ToggleButton(flag.value in ticked, description=choice_label("flags", flag, locale),
                                          layout=widgets.Layout(width="auto"))
            toggle.add_class("planner-conduct-flag")
            toggle.add_class(f"planner-conduct-flag-{flag.value}")
            self.flags[flag.value] = toggle
        self.duration = widgets.Text(draft.get("duration", ""),
                                     placeholder=app_text("conduct.duration_placeholder", locale),
                                     layout=widgets.Layout(width="9em"))
        self.answered = widgets.Checkbox(draft.get("answered", True), description=app_text("conduct.answered", locale),
                                         indent=False, layout=widgets.Layout(width="auto", margin="0 0 0 2em"))
        self.answered.add_class("planner-conduct-answered")
        self.note = widgets.Textarea(draft.get("note", ""), placeholder=app_text("conduct.note_placeholder", locale),
                                     layout=widgets.Layout(width="40em", max_width="100%", height="4.5em"))
        self.path_input = widgets.Text(draft.get("path", ""),
                                       placeholder=app_text("conduct.attachment_placeholder", locale),
                                       layout=widgets.Layout(width="26em", max_width="100%"))
        self.path_input.add_class("planner-conduct-path")
        attach = button(app_text("button.add_attachment", locale), guard(self.attach_typed),
                        css="planner-conduct-attach")
        self.upload = widgets.FileUpload(multiple=True, description=app_text("button.upload_attachment", locale),
                                         layout=widgets.Layout(width="auto"))
        self.upload.add_class("planner-conduct-upload")
        self.upload.observe(guard(self._uploaded), names="value")
        self.pending_list = widgets.VBox()
        self.pending_list.add_class("planner-conduct-pending")
        self.attach_help = widgets.HTML()
        add = button(app_text("button.add_entry", locale), guard(self.add), css="planner-conduct-add",
                     style="primary")
        self.add_msg = widgets.HTML()
        self.add_msg.add_class("planner-conduct-add-msg")
        self.form = widgets.VBox([
            row("time", self.time_input, now, self.time_note),
            row("channel", self.channel),
            row("sender", self.sender),
            row("contacted", self.contacted),
            row("creditor", self.creditor, self.creditor_name),
            row("identity", self.identity),
            row("flags", widgets.HBox(list(self.flags.values()),
                                      layout=widgets.Layout(flex_flow="row wrap", flex="1 1 0", min_width="0")),
                wrap=False),
            row("duration_min", self.duration, self.answered),
            row("note", self.note),
            row("attachments", widgets.VBox([widgets.HBox([self.path_input, attach, self.upload],
                                                          layout=widgets.Layout(flex_flow="row wrap")),
                                             self.pending_list, self.attach_help],
                                            layout=widgets.Layout(flex="1 1 0", min_width="0")), wrap=False),
            widgets.HBox([_label(""), add, self.add_msg], layout=widgets.Layout(align_items="center")),
        ])
        self.form.add_class("planner-conduct-form")
        self._quiet_time = True
        try:
            self._time_typed()
        finally:
            self._quiet_time = False
        self._show_pending()

    def _read_draft(self) -> dict[str, Any]:
        """Return what the form holds now (kept when the tab is built again: a language switch, an undo)."""
        if not hasattr(self, "time_input"):
            return {}
        return {"time": self.time_input.value, "time_auto": self._time_auto, "channel": self.channel.value,
                "sender": self.sender.value, "contacted": self.contacted.value, "creditor": self.creditor.value,
                "creditor_name": self.creditor_name.value, "identity": self.identity.value,
                "flags": tuple(k for k, t in self.flags.items() if t.value), "duration": self.duration.value,
                "answered": self.answered.value, "note": self.note.value, "path": self.path_input.value}

    def _guide_html(self) -> str:
        locale = self.locale
        items = "".join(f"<li>{htmllib.escape(app_text(f'conduct.guide.{k}', locale))}</li>" for k in GUIDANCE)
        return (f'<div class="planner-conduct-guide"><h4 style="margin:6px 0 2px">'
                f'{htmllib.escape(app_text("conduct.guide", locale))}</h4><ul style="padding-left:1.2em">{items}'
                "</ul></div>")

    # -- drawing ---------------------------------------------------------------------------------------------

    def update(self) -> None:
        """Draw each section from the case: the form's suggestions, the log's table, counts and attachment
        states, and the timeline."""
        if self._structure() != self._shape:  # the debts changed on another tab: offer them as they are now
            self._draft = self._read_draft()
            self.build()
            return
        entries = self.app.case.conduct
        if self._time_auto:
            self.set_now()
        self._suggest(entries)
        self.attach_help.value = _small(self._attach_help())
        self._draw_log(entries)
        for section in self.sections:
            section.draw()
        self._draw_chart()

    def redraw_table(self) -> None:
        """Draw the log's table again (the entries marked changed)."""
        entries = self.app.case.conduct
        self.table.value = self._table_html(tuple(reversed(entries))[:MAX_ROWS]) if entries else ""

    def _draw_log(self, entries: tuple[LogEntry, ...]) -> None:
        locale = self.locale
        newest = tuple(reversed(entries))[:MAX_ROWS]
        third = sum(1 for e in entries if e.is_third_party)
        if not entries:
            self.count.value = html.paragraph(app_text("conduct.none", locale))
        elif len(entries) > MAX_ROWS:
            self.count.value = html.paragraph(app_text("conduct.count_shown", locale, count=len(entries),
                                                       third=third, shown=MAX_ROWS))
        else:
            self.count.value = html.paragraph(app_text("conduct.count", locale, count=len(entries), third=third))
        self.delete_row.layout.display = "flex" if entries else "none"
        chosen = self.delete_pick.value
        self._shown = {e.id: e for e in newest}  # an entry's id is a hash of its key: computed once a drawing
        self._quiet_pick = True  # replacing the options is no choice of the user's: the detail is drawn once below
        try:
            self.delete_pick.options = [(self._pick_label(n, e), i) for n, (i, e) in enumerate(
                self._shown.items(), start=1)]
            self.delete_pick.value = chosen if chosen in self._shown else next(iter(self._shown), None)
        finally:
            self._quiet_pick = False
        self._show_detail()
        self.table.value = self._table_html(newest) if entries else ""
        self.states.value = self._states_html(entries)

    def _states_html(self, entries: tuple[LogEntry, ...]) -> str:
        """Return the count of attachments unchanged, changed and missing over the whole log (older entries than
        the table shows too), when any is not as it was logged; '' when all are."""
        tally = dict.fromkeys(AttachmentState, 0)
        for entry in entries:
            for attachment in entry.attachments:
                tally[self.attachment_state(attachment)] += 1
        if not tally[AttachmentState.CHANGED] and not tally[AttachmentState.MISSING]:
            return ""
        return html.paragraph(app_text("conduct.states", self.locale, ok=tally[AttachmentState.OK],
                                       changed=tally[AttachmentState.CHANGED],
                                       missing=tally[AttachmentState.MISSING]))

    def _suggest(self, entries: tuple[LogEntry, ...]) -> None:
        """Offer the numbers, names and identities already logged (the most recent first) as the fields' choices."""
        ids = {d.id for d in self.app.case.debts}
        for widget, values in ((self.sender, (e.sender for e in reversed(entries))),
                               (self.identity, (e.identity for e in reversed(entries))),
                               (self.creditor_name, (e.creditor for e in reversed(entries) if e.creditor not in ids))):
            offered = tuple(itertools.islice(dict.fromkeys(v for v in values if v), MAX_SUGGESTIONS))
            if tuple(widget.options) != offered:
                widget.options = offered

    def _creditor_label(self, creditor: str) -> str:
        for debt in self.app.case.debts:
            if creditor in (debt.id, debt.creditor):
                return debt.creditor
        return creditor

    def _pick_label(self, number: int, entry: LogEntry) -> str:
        locale = self.locale
        return (f"{number} · {show_time(entry.time)} · {choice_label('channels', entry.channel, locale)} · "
                f"{choice_label('contacted', entry.contacted, locale)} · {self._creditor_label(entry.creditor)}")

    def _show_detail(self) -> None:
        """Show the entry chosen beside the table in full: every field, the whole note, each attachment's path,
        size, SHA-256 and state."""
        locale = self.locale
        entry = self._shown.get(self.delete_pick.value)
        if entry is None:
            self.detail.value = ""
            return
        rows = [
            (app_field("time", locale), show_time(entry.time)),
            (app_field("channel", locale), choice_label("channels", entry.channel, locale)),
            (app_field("sender", locale), entry.sender),
            (app_field("contacted", locale), choice_label("contacted", entry.contacted, locale)),
            (app_field("creditor", locale), self._creditor_label(entry.creditor)),
            (app_field("identity", locale), entry.identity),
            (app_field("flags", locale), formats.join((choice_label("flags", f, locale) for f in entry.flags),
                                                      locale)),
            (app_field("duration_min", locale), "" if entry.duration_min is None else str(entry.duration_min)),
            (app_field("answered", locale), app_text("conduct.yes" if entry.answered else "conduct.no", locale)),
            (app_field("note", locale), entry.note),
        ]
        for attachment in entry.attachments:
            state = app_text(f"conduct.state.{self.attachment_state(attachment).value}", locale)
            rows.append((app_field("attachments", locale), app_text(
                "conduct.attachment_full", locale, path=attachment.path, size=size_text(attachment.size),
                sha=attachment.sha256, state=state)))
        cells = "".join(f'<tr><td class="label">{htmllib.escape(k)}</td><td>{htmllib.escape(v)}</td></tr>'
                        for k, v in rows if v)
        self.detail.value = f'<table class="planner-conduct-facts">{cells}</table>'

    def attachment_state(self, attachment: Attachment) -> AttachmentState:
        """Return whether an attachment's file is unchanged, changed or missing; a file whose size and
        modification time are those of the last check is not read again."""
        base = self._base()
        target = resolve(attachment.path, base)
        key = (str(target), attachment.sha256, attachment.size)
        try:
            info = target.stat()
        except OSError:
            self._checks.pop(key, None)
            return AttachmentState.MISSING
        signature = (info.st_size, info.st_mtime_ns)
        cached = self._checks.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1]
        state = check_attachment(attachment, base=base).state
        self._checks[key] = (signature, state)
        return state

    def _table_html(self, entries: tuple[LogEntry, ...]) -> str:
        locale = self.locale
        yes, no = app_text("conduct.yes", locale), app_text("conduct.no", locale)
        headers = [app_text("conduct.col.n", locale),
                   *(app_field(f, locale) for f in ("time", "channel", "sender", "contacted", "creditor", "identity",
                                                    "flags", "duration_min", "answered", "note", "attachments"))]
        rows: list[list[Any]] = []
        classes = []
        for number, entry in enumerate(entries, start=1):
            states = [(a, self.attachment_state(a)) for a in entry.attachments]
            worst = next((s for s in (AttachmentState.MISSING, AttachmentState.CHANGED) if any(
                st is s for _a, st in states)), None)
            files = app_text("conduct.list_sep", locale).join(
                app_text("conduct.file_state", locale, name=Path(a.path).name,
                         state=app_text(f"conduct.state.{st.value}", locale)) for a, st in states)
            note = entry.note if len(entry.note) <= NOTE_CHARS else entry.note[:NOTE_CHARS] + "…"
            rows.append([
                str(number), show_time(entry.time), choice_label("channels", entry.channel, locale), entry.sender,
                choice_label("contacted", entry.contacted, locale), self._creditor_label(entry.creditor),
                entry.identity, formats.join((choice_label("flags", f, locale) for f in entry.flags), locale),
                "" if entry.duration_min is None else str(entry.duration_min), yes if entry.answered else no,
                note, (files, worst.value) if worst is not None else files,
            ])
            classes.append(" ".join(c for c in ("third" if entry.is_third_party else "",
                                                "marked" if entry.id in self.marked else "") if c))
        table = html.table(headers, rows, numeric=[0, 8], row_classes=classes, css="planner-conduct-table")
        return f'<div class="planner-conduct-scroll">{table}</div>'

    def _draw_chart(self) -> None:
        from planner.ui.charts import ContactTimeline, contact_series

        locale = self.locale
        drawn = (self.app.case.conduct, self._shape, self.allowed_hours)
        if self.timeline is not None and self._drawn == drawn and self.chart_box.children:
            return  # the same log (its entries are the same objects: comparing them costs next to nothing)
        if self.timeline is None:
            self.timeline = ContactTimeline()
        self._drawn = drawn
        series = contact_series(self.app.case.conduct, self._creditor_label)
        allowed = None
        if self.allowed_hours is not None:
            start, end = self.allowed_hours
            allowed = (start.hour + start.minute / 60, (end.hour + end.minute / 60) or 24.0)
        self.timeline.draw(series, titles=(app_text("conduct.chart.per_day", locale),
                                           app_text("conduct.chart.by_hour", locale)), allowed=allowed)
        self.legend.value = self._legend_html(series.creditors) if series.days else ""
        shown = [self.timeline.per_day, self.timeline.by_hour] if series.days else []
        if list(self.chart_box.children) != shown:
            self.chart_box.children = shown

    def _legend_html(self, creditors: tuple[str, ...]) -> str:
        """Return the charts' legend: each creditor's colour, the third-party marks, the allowed hours."""
        from planner.ui.charts import ALLOWED_COLOUR, CREDITOR_COLOURS, THIRD_PARTY_COLOUR

        locale = self.locale
        swatch = ('<span style="white-space:nowrap;margin-right:1.2em"><i style="display:inline-block;width:11px;'
                  'height:11px;background:{colour};margin-right:4px;vertical-align:-1px"></i>{text}</span>')
        parts = [swatch.format(colour=CREDITOR_COLOURS[n % len(CREDITOR_COLOURS)], text=htmllib.escape(name))
                 for n, name in enumerate(creditors)]
        parts.append(f'<span style="white-space:nowrap;margin-right:1.2em;color:{THIRD_PARTY_COLOUR}">▼ ▲ '
                     f'{htmllib.escape(app_text("conduct.chart.third_party", locale))}</span>')
        if self.allowed_hours is not None:
            start, end = self.allowed_hours
            text = app_text("conduct.chart.allowed", locale, start=start.strftime("%H:%M"),
                            end="24:00" if end == time(0) else end.strftime("%H:%M"))
            parts.append(swatch.format(colour=ALLOWED_COLOUR, text=htmllib.escape(text)))
        return f'<div class="planner-conduct-legend" style="font-size:12px;margin:2px 0 0 50px">{"".join(parts)}</div>'

    # -- the form --------------------------------------------------------------------------------------------

    def _show_name(self) -> None:
        self.creditor_name.layout.display = "flex" if self.creditor.value == OTHER else "none"

    def set_now(self) -> None:
        """Put the time now in the time field, and keep it following the clock until a time is typed."""
        self._quiet_time = True  # the field's observer redraws the note, and must not take this as typed
        try:
            self.time_input.value = show_time(self.clock())
        finally:
            self._quiet_time = False
        self._time_auto = True

    def _time_typed(self) -> None:
        if not self._quiet_time:
            self._time_auto = False
        locale = self.locale
        self.msgs["time"].value = ""
        try:
            moment = parse_time(self.time_input.value)
        except InvalidInput as err:
            self.time_note.value = ""
            self.msgs["time"].value = _error_html(err, locale)
            return
        shown = show_time(moment)
        if moment > self.clock() + FUTURE_SLACK:
            text, colour = app_text("conduct.time_future", locale, time=shown), "#a15c00"
        elif shown != self.time_input.value.strip():  # typed another way: say how it was read
            text, colour = app_text("conduct.time_read", locale, time=shown), "#555"
        else:
            text, colour = app_text("conduct.time_note", locale), "#777"
        self.time_note.value = f'<span style="color:{colour};font-size:12px">{htmllib.escape(text)}</span>'

    def _base(self) -> Path | None:
        """Return the folder relative attachment paths start at: the case file's (None before it is saved)."""
        path = self.app.store.path
        return Path(path).parent if path is not None else None

    def evidence_folder(self) -> Path | None:
        """Return the folder uploads are kept in (``NAME-evidence`` beside the case file ``NAME.json``), or None
        while the case has no file."""
        path = self.app.store.path
        if path is None or self.app.store.read_only:
            return None
        return Path(path).parent / f"{Path(path).stem}-evidence"

    def _attach_help(self) -> str:
        folder = self.evidence_folder()
        if folder is None:
            return app_text("conduct.attachment_help_unsaved", self.locale)
        return app_text("conduct.attachment_help", self.locale, folder=folder.name)

    def _show_pending(self) -> None:
        locale = self.locale
        rows: list[widgets.Widget] = []
        for index, attachment in enumerate(self.pending):
            text = app_text("conduct.attachment_line", locale, path=attachment.path, size=size_text(attachment.size),
                            sha=attachment.sha256[:12])
            remove = button("✕", self.app.boundary.guard(lambda i=index: self.drop_attachment(i)),
                            css="planner-conduct-drop", tooltip=app_text("button.remove", locale))
            rows.append(widgets.HBox([widgets.HTML(htmllib.escape(text)), remove],
                                     layout=widgets.Layout(align_items="center")))
        self.pending_list.children = rows or [widgets.HTML(_small(app_text("conduct.attachments_none", locale)))]

    def _keep(self, attachment: Attachment) -> None:
        if any(a.path == attachment.path and a.sha256 == attachment.sha256 for a in self.pending):
            self.msgs["attachments"].value = html.paragraph(app_text("conduct.attachment_duplicate", self.locale,
                                                                     path=attachment.path))
            return
        self.pending.append(attachment)
        self._show_pending()

    def attach_typed(self) -> None:
        """Take the file whose path is typed (its size and SHA-256 now) as an attachment of the entry."""
        self.msgs["attachments"].value = ""
        written = self.path_input.value.strip()
        if not written:
            self.msgs["attachments"].value = _error_html(InvalidInput("attachments", "required", ""), self.locale)
            return
        base = self._base()
        path = written
        if base is None and not Path(written).expanduser().is_absolute():
            path = str(Path(written).expanduser().resolve())  # no case file yet: kept where it is now
        try:
            attachment = attachment_for(path, base=base)
        except InvalidInput as err:
            self.msgs["attachments"].value = _error_html(err, self.locale)
            return
        self._keep(attachment)
        self.path_input.value = ""

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        self.upload.value = ()
        for item in files:
            self.keep_upload(str(item["name"]), bytes(item["content"]))

    def keep_upload(self, name: str, content: bytes) -> Attachment | None:
        """Keep an uploaded file in the folder beside the case file and attach it; None (and a message) when the
        case has no file to put it beside."""
        locale = self.locale
        folder = self.evidence_folder()
        shown = Path(name.replace("\\", "/")).name
        if folder is None:
            self.msgs["attachments"].value = html.paragraph(app_text("conduct.upload_unsaved", locale, name=shown))
            return None
        try:
            stored = store_upload(content, name, folder)
            base = self._base()
            relative = os.path.relpath(stored, base) if base is not None else str(stored)
            attachment = attachment_for(Path(relative).as_posix(), base=base)
        except InvalidInput as err:
            self.msgs["attachments"].value = _error_html(err, locale)
            return None
        self._keep(attachment)
        self.app.boundary.say(app_text("conduct.uploaded", locale, name=shown, path=attachment.path))
        return attachment

    def drop_attachment(self, index: int) -> None:
        """Take attachment ``index`` off the entry being typed (the file stays where it is)."""
        if 0 <= index < len(self.pending):
            del self.pending[index]
        self._show_pending()

    def read_entry(self) -> LogEntry | None:
        """Return the entry the form holds, or None after showing each bad field's message beside it."""
        for widget in self.msgs.values():
            widget.value = ""
        errors: dict[str, InvalidInput] = {}
        values: dict[str, Any] = {}
        try:
            values["time"] = parse_time(self.time_input.value)
        except InvalidInput as err:
            errors["time"] = err
        try:
            values["duration_min"] = parse_duration(self.duration.value)
        except InvalidInput as err:
            errors["duration_min"] = err
        creditor = (self.creditor_name.value if self.creditor.value == OTHER else self.creditor.value) or ""
        if not creditor.strip():
            errors["creditor"] = InvalidInput("creditor", "required", creditor)
        entry = None
        if not errors:
            try:
                entry = LogEntry(time=values["time"], channel=self.channel.value, contacted=self.contacted.value,
                                 creditor=creditor, sender=self.sender.value, identity=self.identity.value,
                                 flags=tuple(k for k, t in self.flags.items() if t.value),
                                 duration_min=values["duration_min"], answered=bool(self.answered.value),
                                 note=self.note.value, attachments=tuple(self.pending))
            except InvalidInput as err:
                errors[err.field if err.field in self.msgs else "note"] = err
        for name, problem in errors.items():
            self.msgs[name].value = _error_html(problem, self.locale)
        if errors:
            self.add_msg.value = f'<span style="color:#b00020">{htmllib.escape(app_text("conduct.fix_fields", self.locale))}</span>'
        return entry

    def add(self) -> LogEntry | None:
        """Add the entry the form holds to the log (undoable); return it, or None when a field is bad or the same
        contact is logged already (the form keeps everything typed)."""
        self.add_msg.value = ""
        if self._time_auto:  # left as it was: the contact is logged as happening now
            self.set_now()
        entry = self.read_entry()
        if entry is None:
            return None
        locale = self.locale
        if any(e.time == entry.time and e.key == entry.key for e in self.app.case.conduct):
            self.add_msg.value = html.paragraph(app_text("conduct.duplicate", locale))
            return None
        self.app.change(lambda case: edits.add_conduct_entries(case, (entry,)))
        if entry.id in self._shown:  # the likeliest to delete: a typo just made
            self.delete_pick.value = entry.id
        self.pending = []
        for toggle in self.flags.values():
            toggle.value = False
        self.note.value = self.duration.value = self.path_input.value = ""
        self.answered.value = True
        self.set_now()
        self._show_pending()
        done = app_text("conduct.added", locale, time=show_time(entry.time))
        self.add_msg.value = f'<span style="color:#2e7d32">{htmllib.escape(done)}</span>'
        self.app.boundary.say(done)
        return entry

    # -- the log ---------------------------------------------------------------------------------------------

    def delete_selected(self) -> None:
        """Delete the entry chosen beside the table (undo brings it back)."""
        entry = self._shown.get(self.delete_pick.value)
        if entry is None:
            return
        self.app.change(lambda case: edits.remove_conduct_entry(case, entry.id))
        self.app.boundary.say(app_text("conduct.deleted", self.locale, time=show_time(entry.time)))

    def recheck(self) -> None:
        """Read every attachment's file again (not only those whose size or time changed) and redraw."""
        self._checks = {}
        self.update()
