"""The evidence package (证据包) of the conduct log: one .zip per creditor, or for all, and its later verification.

:func:`write_evidence` writes, in this order (the same inputs give the same bytes):

* ``附件/<YYYY-MM-DD>_<HHMM>_<entry id>_<original name>`` — every attachment of the selected entries, copied in
  1 MB blocks (stored as they are, never recompressed) and hashed while copying, so nothing is held whole in
  memory and the digest describes exactly the bytes packed;
* ``记录/log.csv`` — the entries (UTF-8 with BOM, Chinese headers in ``zh``: the import's columns, then the entry id,
  the packed names and each attachment's state);
* ``记录/log.pdf`` — the log as a document: title, borrower (ID number masked), period, the incident table, and the
  attachments with their size, SHA-256 and state (rendered by :func:`planner.report.pdf.render_pdf`);
* ``findings.json`` — the rule checks of the selected entries (:func:`planner.caps.conduct.check_log`);
* ``manifest.json`` — every other member's name, size and SHA-256; for an attachment also the entry id, the
  original path, the contact's time, the size and digest recorded when it was logged, and its ``state``.

**An attachment missing or changed since it was logged** is never packed as if fine: a changed one is included as
it is now (the manifest gives ``"state": "changed"`` with the digest logged and the digest packed), a missing one
is listed under ``missing`` in the manifest; both are in :attr:`EvidenceReport.problems`, in the PDF and the CSV,
and ``planner evidence`` exits 1. Including what is there keeps the evidence the borrower still has; marking it
keeps the package honest.

Member timestamps are fixed (an attachment's is its contact's time, the others' ``today`` at 00:00), the order is
the log's, and the zip is written atomically (a temporary file in the target's folder, then :func:`os.replace`),
readable by its owner only. :func:`verify_evidence` re-reads every member against the manifest: a member changed,
missing or not in the manifest fails. (The manifest itself is not signed: note its SHA-256, which the command
prints, to check later that it is the one exported.)
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from planner.caps.conduct import creditor_index, logged_creditor
from planner.domain.case import Case
from planner.domain.conduct import Attachment, Channel, LogEntry
from planner.domain.debtor import mask_id_number
from planner.errors import InvalidInput, file_error, os_error
from planner.io.attachments import BLOCK, AttachmentState, resolve
from planner.io.casefile import atomic_stream
from planner.report.model import Document, Facts, Heading, Paragraph, Table
from planner.text import choice_label, evidence_text, fmt

FORMAT = "debt-planner-evidence"
VERSION = 1
MANIFEST = "manifest.json"
LOG_CSV = "记录/log.csv"
LOG_PDF = "记录/log.pdf"
FINDINGS = "findings.json"
ATTACHMENTS = "附件/"
MAX_NAME = 80  # characters of an original file name kept in the packed name (its suffix always kept)
MAX_MANIFEST = 64 * 1024 * 1024  # bytes: a manifest larger than this is not one the planner wrote
_ZIP64_FROM = 1 << 30  # bytes: an attachment this large gets ZIP64 headers from the start
_EPOCH = datetime(1980, 1, 1)  # noqa: DTZ001 - the first time a zip entry can carry
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')
_FILE_MODE = (stat.S_IFREG | 0o600) << 16
_UNIX = 3  # the zip "made by" system: fixed, so the bytes do not depend on the platform


@dataclass(frozen=True, slots=True)
class PackedFile:
    """A member of the package as the manifest lists it: its name, size and SHA-256."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class AttachmentRecord:
    """An attachment as exported: the entry, its path and what was recorded when logged, its state, and (unless
    missing) its name in the package and the size and SHA-256 packed."""

    entry: str
    path: str
    time: datetime
    state: AttachmentState
    logged_size: int
    logged_sha256: str
    name: str = ""
    size: int | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class EvidenceReport:
    """What :func:`write_evidence` wrote.

    Attributes:
        path: the .zip written.
        creditor: the creditor selected (None: all).
        entries: the number of log entries in the package.
        files: every member but the manifest, in the zip's order.
        attachments: every attachment of the entries, packed or missing, in the log's order.
        findings: the number of rule findings in ``findings.json``.
        manifest_sha256: the SHA-256 of ``manifest.json`` (to note down and check the package later).
    """

    path: Path
    creditor: str | None
    entries: int
    files: tuple[PackedFile, ...]
    attachments: tuple[AttachmentRecord, ...]
    findings: int
    manifest_sha256: str

    @property
    def problems(self) -> tuple[AttachmentRecord, ...]:
        """Return the attachments missing or changed since they were logged."""
        return tuple(a for a in self.attachments if a.state is not AttachmentState.OK)

    @property
    def ok(self) -> bool:
        """Return True when every attachment was packed as it was logged."""
        return not self.problems

    @property
    def packed(self) -> int:
        """Return the number of attachments packed (a missing one is listed, not packed)."""
        return sum(1 for a in self.attachments if a.name)

    def problem_lines(self, locale: str = "zh") -> list[str]:
        """Return one line per attachment missing or changed, in ``locale`` (the CLI's stderr, the app's list)."""
        lines = []
        for record in self.problems:
            if record.sha256 is None:
                lines.append(evidence_text("cli.missing", locale, path=record.path, entry=record.entry))
            else:
                lines.append(evidence_text("cli.changed", locale, path=record.path, entry=record.entry,
                                           logged_size=record.logged_size, logged=record.logged_sha256,
                                           size=record.size, sha256=record.sha256))
        return lines


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """The result of :func:`verify_evidence`.

    Attributes:
        path: the package checked.
        checked: the number of members the manifest lists.
        changed: members whose size or SHA-256 differs from the manifest (or that cannot be read back).
        missing: members the manifest lists that the zip lacks.
        extra: members of the zip the manifest does not list.
        problem: why the package could not be checked at all: ``not_zip``, ``no_manifest``, ``bad_manifest``
            (empty when it could).
        marked: attachments the manifest marks as missing or changed at export: ``(path, entry, state)``.
        manifest_sha256: the SHA-256 of the manifest read (None when there is none).
    """

    path: Path
    checked: int = 0
    changed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    problem: str = ""
    marked: tuple[tuple[str, str, str], ...] = ()
    manifest_sha256: str | None = None

    @property
    def ok(self) -> bool:
        """Return True when every member is there, as the manifest lists it, and nothing else is."""
        return not (self.problem or self.changed or self.missing or self.extra)


# ----------------------------------------------------------------------------------------------------------------
# Selecting the entries


def select_entries(case: Case, creditor: str | None = None) -> tuple[LogEntry, ...]:
    """Return the log entries of ``creditor`` (a debt id or a name), or all of them, in the log's order.

    Raises:
        InvalidInput: ``empty`` on ``conduct`` when the log has no entry; ``unknown_reference`` on ``creditor``
            when no entry names that creditor (the creditors of the log listed).
    """
    if not case.conduct:
        raise InvalidInput("conduct", "empty", 0)
    entries = sorted(case.conduct, key=lambda e: (e.time, e.key))
    if creditor is None:
        return tuple(entries)
    index = creditor_index(case)
    wanted = logged_creditor(case, creditor, index).key
    chosen = tuple(e for e in entries if logged_creditor(case, e.creditor, index).key == wanted)
    if not chosen:
        known = ", ".join(dict.fromkeys(e.creditor for e in entries))
        raise InvalidInput("creditor", "unknown_reference", creditor, params={"choices": known})
    return chosen


def creditor_name(case: Case, creditor: str) -> str:
    """Return how a creditor is shown: a debt's creditor name for its id (or name), else the name as written."""
    return logged_creditor(case, creditor).name


# ----------------------------------------------------------------------------------------------------------------
# Names and timestamps


def original_name(path: str) -> str:
    """Return an attachment's file name as it can sit in a zip: the last part of its path (``/`` or ``\\``),
    characters that no file system accepts replaced by ``_``, at most :data:`MAX_NAME` characters (suffix kept).

    >>> original_name("证据/11月20日/录音 22:30.m4a")
    '录音 22_30.m4a'
    """
    name = re.split(r"[\\/]", path.rstrip("/\\"))[-1]
    name = _UNSAFE.sub("_", name).strip(" .") or "file"
    if len(name) > MAX_NAME:
        stem, dot, suffix = name.rpartition(".")
        suffix = f"{dot}{suffix}" if dot and stem and len(suffix) <= 10 else ""
        name = name[:MAX_NAME - len(suffix)] + suffix
    return name


def packed_name(entry: LogEntry, attachment: Attachment, taken: set[str]) -> str:
    """Return the attachment's name in the package, ``附件/2026-11-20_2230_<entry id>_<name>``; a second file of
    the same entry with the same name gets ``_2``, ``_3`` … before its suffix. ``taken`` collects the names."""
    base = f"{ATTACHMENTS}{entry.time:%Y-%m-%d_%H%M}_{entry.id}_{original_name(attachment.path)}"
    name, number = base, 1
    while name in taken:
        number += 1
        stem, dot, suffix = base.rpartition(".")
        name = f"{stem}_{number}.{suffix}" if dot and "/" not in suffix else f"{base}_{number}"
    taken.add(name)
    return name


def _stamp(moment: datetime) -> tuple[int, int, int, int, int, int]:
    moment = max(moment, _EPOCH)
    return (min(moment.year, 2107), moment.month, moment.day, moment.hour, moment.minute, 0)


def _info(name: str, moment: datetime, *, deflate: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_stamp(moment))
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    info.external_attr = _FILE_MODE
    info.create_system = _UNIX
    return info


# ----------------------------------------------------------------------------------------------------------------
# The log as CSV and as a document


def _time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _channel_cell(entry: LogEntry, locale: str) -> str:
    channel = choice_label("channels", entry.channel, locale)
    if entry.channel is not Channel.CALL:
        return channel
    if not entry.answered:
        return evidence_text("channel.missed", locale, channel=channel)
    if entry.duration_min is not None:
        return evidence_text("channel.duration", locale, channel=channel, minutes=entry.duration_min)
    return channel


def _flags(entry: LogEntry, locale: str, separator: str) -> str:
    return separator.join(choice_label("flags", f, locale) for f in entry.flags)


def log_csv(entries: Iterable[LogEntry], records: Mapping[str, list[AttachmentRecord]], *,
            locale: str = "zh") -> bytes:
    """Return the entries as CSV (UTF-8 with BOM): the import's columns (``时间``, ``方式``, ``来电号码`` …, values in
    ``locale``; several flags joined by 、, attachments' paths by ``;``), then the entry id, the attachments' names
    in the package and their states (``ok``, ``changed``, ``missing``). Text is written exactly as logged."""
    keys = ("id", "time", "channel", "sender", "contacted", "creditor", "identity", "flags", "duration_min",
            "answered", "note", "attachments", "packed", "state")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([evidence_text(f"csv.{k}", locale) for k in keys])
    yes, no, separator = (evidence_text(k, locale) for k in ("csv.yes", "csv.no", "csv.separator"))
    for entry in entries:
        packed = records.get(entry.id, [])
        writer.writerow([
            entry.id, _time(entry.time), choice_label("channels", entry.channel, locale), entry.sender,
            choice_label("contacted", entry.contacted, locale), entry.creditor, entry.identity,
            _flags(entry, locale, separator), "" if entry.duration_min is None else entry.duration_min,
            yes if entry.answered else no, entry.note, ";".join(a.path for a in entry.attachments),
            ";".join(r.name for r in packed), ";".join(r.state.value for r in packed),
        ])
    return buffer.getvalue().encode("utf-8-sig")


def _digest_groups(sha256: str) -> str:
    """Return a digest in groups of 8 (so it wraps in a table cell and reads aloud)."""
    return " ".join(sha256[i:i + 8] for i in range(0, len(sha256), 8))


def _cell(entry: LogEntry, column: str, locale: str, shown: Callable[[str], str]) -> str:
    """Return one cell of the incident table."""
    none = evidence_text("none", locale)
    if column == "time":
        return _time(entry.time)
    if column == "channel":
        return _channel_cell(entry, locale)
    if column == "contacted":
        return choice_label("contacted", entry.contacted, locale)
    if column == "flags":
        return _flags(entry, locale, "、" if locale == "zh" else ", ") or none
    if column == "evidence":
        return shown(fmt.join((original_name(a.path) for a in entry.attachments), locale)) or none
    text: str = getattr(entry, column)
    return shown(text) or none


def log_document(case: Case, entries: tuple[LogEntry, ...], records: Mapping[str, list[AttachmentRecord]], *,
                 creditor: str | None, locale: str = "zh", today: date,
                 shown: Callable[[str], str] = str) -> Document:
    """Return the log as a :class:`~planner.report.model.Document`: the title, the borrower (ID number masked),
    the creditor, the period, the incident table (time, channel, from, contacted, claimed identity, flags, note,
    evidence files; one per creditor in the package for all) and the attachments checked. ``shown`` is applied to the user's text (the PDF
    writes a character its fonts lack as its code point)."""
    def t(key: str, **values: Any) -> str:
        return evidence_text(key, locale, **values)

    debtor = case.debtor
    id_number = mask_id_number(debtor.id_number) + t("facts.masked") if debtor.id_number else t("facts.blank")
    creditors = list(dict.fromkeys(creditor_name(case, e.creditor) for e in entries))
    every = [r for e in entries for r in records.get(e.id, [])]
    facts = Facts(rows=(
        (t("facts.borrower"), shown(case.borrower) or t("facts.blank")),
        (t("facts.id_number"), id_number),
        (t("facts.creditor"), shown(creditor_name(case, creditor)) if creditor is not None
         else t("facts.all_creditors", creditors=shown(fmt.join(creditors, locale)))),
        (t("facts.period"), t("facts.period.value", first=fmt.day(entries[0].time.date(), locale),
                              last=fmt.day(entries[-1].time.date(), locale))),
        (t("facts.entries"), t("facts.entries.value", count=len(entries))),
        (t("facts.attachments"), t("facts.attachments.value", count=len(every))),
        (t("facts.created"), fmt.day(today, locale)),
    ))
    columns = ("time", "channel", "sender", "contacted", "identity", "flags", "note", "evidence")
    groups: dict[str, list[LogEntry]] = {}
    for entry in entries:  # the package for all: one table per creditor, in the order they first appear
        groups.setdefault(creditor_name(case, entry.creditor), []).append(entry)
    title = (t("doc.title.creditor", creditor=shown(creditor_name(case, creditor))) if creditor is not None
             else t("doc.title"))
    blocks: list[Any] = [facts, Paragraph(t("intro")), Heading(t("table.caption"))]
    for name, group in groups.items():
        if creditor is None:
            blocks.append(Heading(t("table.group", creditor=shown(name), count=len(group)), level=2))
        rows = tuple(tuple(_cell(entry, c, locale, shown) for c in columns) for entry in group)
        blocks.append(Table(columns=tuple(t(f"col.{c}") for c in columns), rows=rows))
    if every:
        problems = [r for r in every if r.state is not AttachmentState.OK]
        blocks.append(Heading(t("files.heading")))
        blocks.append(Paragraph(t("files.intro")))
        if problems:
            blocks.append(Paragraph(t("files.problems", count=len(problems)), style="strong"))
        file_rows = tuple((
            shown(r.name.removeprefix(ATTACHMENTS) or original_name(r.path)),
            t("size.bytes", size=fmt.number(r.size if r.size is not None else r.logged_size, locale)),
            _digest_groups(r.sha256 or r.logged_sha256),
            t(f"state.{r.state.value}"),
        ) for r in every)
        blocks.append(Table(columns=(t("col.file"), t("col.size"), t("col.sha256"), t("col.state")), rows=file_rows,
                            caption=t("files.caption"),
                            marked=tuple(i for i, r in enumerate(every) if r.state is not AttachmentState.OK)))
    blocks.append(Paragraph(t("keep"), style="note"))
    return Document(title=title, locale=locale, date=today, blocks=tuple(blocks),
                    header=t("doc.header", borrower=shown(case.borrower)) if case.borrower else title)


def log_pdf(case: Case, entries: tuple[LogEntry, ...], records: Mapping[str, list[AttachmentRecord]], *,
            creditor: str | None, locale: str, today: date) -> bytes:
    """Return the log's PDF; a character of the user's text that the fonts lack (an emoji copied from a message)
    is written as its code point, ``[U+1F621]`` (the CSV keeps the text exactly)."""
    from planner.report.pdf import check_glyphs, font_set, render_pdf

    fonts = font_set()
    missing: dict[int, str] = {}
    while True:
        document = log_document(case, entries, records, creditor=creditor, locale=locale, today=today,
                                shown=lambda text: text.translate(missing))
        try:
            check_glyphs(document, fonts)
        except InvalidInput as err:
            char = str(err.params.get("char", ""))
            if err.code != "missing_glyph" or len(char) != 1 or ord(char) in missing:
                raise
            missing[ord(char)] = f"[U+{ord(char):04X}]"
            continue
        return render_pdf(document)


def findings_json(case: Case, entries: tuple[LogEntry, ...], locale: str = "zh") -> tuple[bytes, int]:
    """Return ``findings.json`` — the rule checks (:func:`planner.caps.conduct.check_log`) of the packed entries
    alone, as ``planner log check --json`` writes them (``{"findings": [...]}``) — and the number of findings."""
    from planner.caps.conduct import check_log
    from planner.io.export import conduct_findings_json  # the io layer: imported when the package is written

    findings = check_log(replace(case, conduct=entries))
    return _json(conduct_findings_json(findings, locale)), len(findings)


# ----------------------------------------------------------------------------------------------------------------
# Writing the package


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _copy(source: Path, target: IO[bytes]) -> tuple[int, str]:
    """Copy ``source`` into ``target`` in 1 MB blocks; return the size and SHA-256 of what was copied."""
    hasher = hashlib.sha256()
    size = 0
    with source.open("rb") as stream:
        while block := stream.read(BLOCK):
            hasher.update(block)
            size += len(block)
            target.write(block)
    return size, hasher.hexdigest()


def _open_source(path: Path) -> int | None:
    """Return the size of a readable regular file, or None when it is missing (or a folder, or unreadable)."""
    try:
        if not path.is_file():
            return None
        size = path.stat().st_size
        with path.open("rb"):
            return size
    except OSError:
        return None


def _pack_attachment(archive: zipfile.ZipFile, entry: LogEntry, attachment: Attachment, *, base: Path,
                     taken: set[str]) -> AttachmentRecord:
    record = AttachmentRecord(entry=entry.id, path=attachment.path, time=entry.time, state=AttachmentState.MISSING,
                              logged_size=attachment.size, logged_sha256=attachment.sha256)
    source = resolve(attachment.path, base)
    expected = _open_source(source)
    if expected is None:
        return record
    name = packed_name(entry, attachment, taken)
    info = _info(name, entry.time, deflate=False)
    info.file_size = expected  # decides ZIP64 headers up front
    try:
        with archive.open(info, "w", force_zip64=expected >= _ZIP64_FROM) as target:
            size, sha = _copy(source, target)
    except OSError as err:
        raise os_error(str(source), err) from err
    same = size == attachment.size and sha == attachment.sha256
    return replace(record, name=name, size=size, sha256=sha,
                   state=AttachmentState.OK if same else AttachmentState.CHANGED)


def _attachment_json(record: AttachmentRecord) -> dict[str, Any]:
    return {"entry": record.entry, "path": record.path, "time": record.time.isoformat(timespec="minutes"),
            "state": record.state.value, "logged": {"size": record.logged_size, "sha256": record.logged_sha256}}


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def write_evidence(case: Case, target_zip: str | os.PathLike[str], *, case_path: str | os.PathLike[str],
                   creditor: str | None = None, locale: str = "zh", today: date) -> EvidenceReport:
    """Write the evidence package of ``creditor`` (a debt id or a name; None: every entry) to ``target_zip``.

    Args:
        case: the case, with its conduct log.
        target_zip: the .zip to write (replaced atomically when it exists: the caller decides whether it may be).
        case_path: the case file; attachments' relative paths are read under its folder.
        creditor: a debt id or a creditor's name as the entries give it.
        locale: the language of the CSV's headers and values, the PDF and the findings.
        today: the date the package is made (the PDF's date and the generated members' timestamps).

    Returns:
        What was written; :attr:`EvidenceReport.problems` lists the attachments missing or changed (a changed one
        is packed as it is now and marked, a missing one is listed in the manifest).

    Raises:
        InvalidInput: no entry to export (``empty``, ``unknown_reference``); ``conflict`` when ``target_zip`` is the
            case file or an attachment; ``cannot_write`` when the folder cannot be written; ``bad_file`` when an
            attachment cannot be read to its end.
    """
    locale = fmt.locale_of(locale)
    creditor = creditor.strip() if creditor is not None else None
    entries = select_entries(case, creditor)
    base = Path(case_path).parent
    target = Path(target_zip)
    if target.is_dir():
        raise file_error(str(target), "is_folder", code="cannot_write", example=str(target / "证据包.zip"))
    sources = [Path(case_path), *(resolve(a.path, base) for e in entries for a in e.attachments)]
    if any(_same_file(target, s) for s in sources):
        raise InvalidInput("file", "conflict", str(target), params={"other": "attachments"})
    stamp = datetime(today.year, today.month, today.day)  # noqa: DTZ001 - a zip timestamp is local and naive
    with (atomic_stream(target, mode=0o600, open_mode="w+b") as stream,  # readable by its owner only
          zipfile.ZipFile(stream, "w", allowZip64=True) as archive):
        report = _write_members(archive, case, entries, creditor=creditor, locale=locale, today=today,
                                stamp=stamp, base=base, target=target)
    return report


def _write_members(archive: zipfile.ZipFile, case: Case, entries: tuple[LogEntry, ...], *, creditor: str | None,
                   locale: str, today: date, stamp: datetime, base: Path, target: Path) -> EvidenceReport:
    taken: set[str] = set()
    records: dict[str, list[AttachmentRecord]] = {}
    for entry in entries:
        for attachment in entry.attachments:
            records.setdefault(entry.id, []).append(
                _pack_attachment(archive, entry, attachment, base=base, taken=taken))
    attachments = [r for e in entries for r in records.get(e.id, [])]
    files: list[tuple[PackedFile, AttachmentRecord | None]] = [
        (PackedFile(r.name, r.size or 0, r.sha256 or ""), r) for r in attachments if r.name]

    def add(name: str, data: bytes) -> None:
        archive.writestr(_info(name, stamp, deflate=True), data)
        files.append((PackedFile(name, len(data), hashlib.sha256(data).hexdigest()), None))

    add(LOG_CSV, log_csv(entries, records, locale=locale))
    add(LOG_PDF, log_pdf(case, entries, records, creditor=creditor, locale=locale, today=today))
    findings = findings_json(case, entries, locale)
    add(FINDINGS, findings[0])
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": today.isoformat(),
        "creditor": creditor,
        "entries": len(entries),
        "period": {"first": entries[0].time.isoformat(timespec="minutes"),
                   "last": entries[-1].time.isoformat(timespec="minutes")},
        "files": [{"name": f.name, "size": f.size, "sha256": f.sha256,
                   **(_attachment_json(r) if r is not None else {})} for f, r in files],
        "missing": [_attachment_json(r) for r in attachments if r.state is AttachmentState.MISSING],
    }
    data = _json(manifest)
    archive.writestr(_info(MANIFEST, stamp, deflate=True), data)
    return EvidenceReport(path=target, creditor=creditor, entries=len(entries), files=tuple(f for f, _ in files),
                          attachments=tuple(attachments), findings=findings[1],
                          manifest_sha256=hashlib.sha256(data).hexdigest())


# ----------------------------------------------------------------------------------------------------------------
# Verifying a package


@dataclass(slots=True)
class _Listed:
    name: str
    size: int
    sha256: str
    extra: dict[str, Any] = field(default_factory=dict)


def _listed(manifest: Any) -> list[_Listed] | None:
    """Return the members a manifest lists, or None when it is not a package manifest."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), list):
        return None
    listed = []
    for item in manifest["files"]:
        if not isinstance(item, dict):
            return None
        name, size, sha = item.get("name"), item.get("size"), item.get("sha256")
        if not isinstance(name, str) or isinstance(size, bool) or not isinstance(size, int) or not isinstance(sha, str):
            return None
        listed.append(_Listed(name, size, sha.lower(), item))
    return listed


def _marked(manifest: dict[str, Any]) -> tuple[tuple[str, str, str], ...]:
    marked = []
    for item in [*manifest.get("files", []), *(manifest.get("missing") or [])]:
        if isinstance(item, dict) and item.get("state") not in (None, AttachmentState.OK.value):
            marked.append((str(item.get("path", "")), str(item.get("entry", "")), str(item.get("state"))))
    return tuple(marked)


def _hash_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, str] | None:
    """Return the size and SHA-256 of a member, read in 1 MB blocks; None when it cannot be read back (a bad
    CRC, a damaged stream)."""
    hasher = hashlib.sha256()
    size = 0
    try:
        with archive.open(info) as stream:
            while block := stream.read(BLOCK):
                hasher.update(block)
                size += len(block)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError):
        return None
    return size, hasher.hexdigest()


def verify_evidence(zip_path: str | os.PathLike[str]) -> VerifyReport:
    """Check a package against its manifest: every member listed is there with its size and SHA-256, and nothing
    else is.

    Raises:
        InvalidInput: ``bad_file`` when ``zip_path`` is a folder or cannot be opened (a damaged zip is not bad
            input: it is a package that fails, :attr:`VerifyReport.problem` says why).
    """
    path = Path(zip_path)
    if path.is_dir():
        raise file_error(str(path), "is_folder", example=str(path / "证据包.zip"))
    try:
        stream = path.open("rb")
    except OSError as err:
        raise os_error(str(path), err) from err
    with stream:
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, OSError, ValueError):
            return VerifyReport(path, problem="not_zip")
        with archive:
            return _verify(archive, path)


def _verify(archive: zipfile.ZipFile, path: Path) -> VerifyReport:
    members = archive.infolist()
    manifests = [m for m in members if m.filename == MANIFEST]
    if not manifests:
        return VerifyReport(path, problem="no_manifest")
    if len(manifests) > 1 or manifests[0].file_size > MAX_MANIFEST:
        return VerifyReport(path, problem="bad_manifest")
    try:
        data = archive.read(manifests[0])
        manifest = json.loads(data.decode("utf-8"))
    except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError, ValueError, RuntimeError,
            NotImplementedError):
        return VerifyReport(path, problem="bad_manifest")
    digest = hashlib.sha256(data).hexdigest()
    listed = _listed(manifest)
    if listed is None:
        return VerifyReport(path, problem="bad_manifest", manifest_sha256=digest)
    by_name: dict[str, zipfile.ZipInfo] = {}
    extra: list[str] = []
    for member in members:
        if member is manifests[0]:
            continue
        if member.filename in by_name:  # a second member of the same name: not what was exported
            extra.append(member.filename)
        else:
            by_name[member.filename] = member
    names = {item.name for item in listed}
    extra += [name for name in by_name if name not in names]
    changed: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()
    for item in listed:
        info = by_name.get(item.name)
        if info is None or item.name in seen:
            missing.append(item.name)
            continue
        seen.add(item.name)
        found = _hash_member(archive, info)
        if found != (item.size, item.sha256):
            changed.append(item.name)
    return VerifyReport(path, checked=len(listed), changed=tuple(changed), missing=tuple(missing),
                        extra=tuple(extra), marked=_marked(manifest), manifest_sha256=digest)
