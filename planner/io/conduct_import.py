"""Importing the collection-conduct log (催收记录) from a table (CSV or Excel .xlsx), and its template.

The table is read by the debts import's readers (:mod:`planner.io.tabular`: UTF-8, UTF-8 with BOM or GB18030, a
title row skipped, the template's sample row refused) and its rows through the same loop
(:func:`planner.io.tabular.read_rows`). One contact per row; the columns, a contract for scripts, are found by
their English identifier or their Chinese header, in any order (what is in brackets after a header is ignored):

============  ==========  ========  ================================================================================
identifier    中文表头     required  cell
============  ==========  ========  ================================================================================
time          时间         yes       2026-11-20 22:30, 2026/11/20 22:30, 2026年11月20日 晚上10点30 (China's local time)
channel       方式         yes       call, sms, wechat, app-message, visit, letter, email, other, or 电话, 短信, 微信 …
from          来电号码     no        the number or account it came from
contacted     联系对象     yes       debtor, guarantor, family, colleague, employer, friend, other, or 本人, 家人, 同事 …
creditor      债权人       yes       a debt id of the case (``cf-loan``), or a name (某平台委托第三方催收)
identity      自称身份     no        who the caller claimed to be (律师, 法院 …)
flags         标记         no        threat, insult, impersonation, fake-document, disclosure, doctored-image, visit,
                                     or 威胁, 辱骂, 冒充 …; several separated by ``;``, ``；``, ``、`` or a comma
duration_min  时长         no        minutes: 5, 5分钟, 3分20秒 (a started minute counts)
answered      接通         no        yes/no, 是/否, true/false, 1/0; empty: yes
note          备注         no        what was said or done
attachments   附件         no        evidence files separated by ``;``; a relative path is under the table's folder
============  ==========  ========  ================================================================================

A creditor cell that is a debt id of the case (any case) is that id; the name of the creditor of exactly one debt
is that debt's id; anything else is kept as written. Each attachment is read when imported (its size and SHA-256,
:func:`planner.io.attachments.attachment_for`); a file that cannot be read is a bad row. A column the table does
not know is an error naming it and the known ones (a misspelt header would otherwise drop a column silently).

A file with any bad row is refused whole (:class:`LogRefused`, one error per problem, each located ``row N``)
unless ``skip_invalid``: then the good rows are imported and the bad ones listed. Importing the same rows twice adds
nothing (:func:`planner.domain.conduct.merge_entries`). Never writes the case: the caller saves it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from planner.domain.case import Case
from planner.domain.conduct import Attachment, LogEntry, merge_entries, parse_time
from planner.errors import InvalidInput, PlannerError
from planner.io.attachments import attachment_for, resolve
from planner.io.tabular import SAMPLE_MARK, Columns, read_rows, read_sheet, write_template
from planner.io.values import parse_answered, parse_channel, parse_contacted, parse_flags, parse_minutes
from planner.text import conduct_zh

REQUIRED = ("time", "channel", "contacted", "creditor")

# Other headers people write for the same columns.
HEADER_ALIASES: dict[str, str] = {
    "日期时间": "time", "联系时间": "time", "催收时间": "time", "来电时间": "time", "日期": "time",
    "渠道": "channel", "联系方式": "channel", "催收方式": "channel",
    "sender": "from", "号码": "from", "电话号码": "from", "对方号码": "from", "来电/账号": "from", "号码或账号": "from",
    "对象": "contacted", "被联系人": "contacted", "联系人": "contacted",
    "机构": "creditor", "平台": "creditor", "债务": "creditor", "债务编号": "creditor",
    "身份": "identity", "对方身份": "identity",
    "标签": "flags", "情形": "flags", "flag": "flags",
    "时长": "duration_min", "通话时长": "duration_min", "duration": "duration_min", "minutes": "duration_min",
    "是否接通": "answered", "已接通": "answered",
    "说明": "note", "内容": "note", "notes": "note",
    "证据": "attachments", "证据文件": "attachments", "文件": "attachments", "attachment": "attachments",
}

LOG_COLUMNS = Columns(conduct_zh.COLUMNS, HEADER_ALIASES, REQUIRED)
"""The log table's columns."""

_FIELDS = {"from": "sender"}  # a column whose LogEntry field (and error field) has another name
_PATHS = re.compile("[;；\n]")


class LogRefused(PlannerError, ValueError):
    """A log table that was not imported: its header is wrong, or rows are bad and ``skip_invalid`` was not given.

    Attributes:
        errors: every problem, each located ``row N``.
        rows: the numbers of the bad data rows (empty when the header is wrong).
    """

    def __init__(self, errors: Sequence[InvalidInput], rows: Sequence[int] = ()) -> None:
        self.errors = tuple(errors)
        self.rows = tuple(rows)
        super().__init__(self.errors)

    def message(self, locale: str = "zh") -> str:
        """Return one line per problem in ``locale``."""
        return "\n".join(error.message(locale) for error in self.errors)

    def __str__(self) -> str:
        return self.message("en")


@dataclass(frozen=True, slots=True)
class LogImport:
    """What a log table gave.

    Attributes:
        case: the case with the new entries merged into its log.
        entries: the entries read, in table order (those already in the case among them).
        added: how many entries were new.
        skipped: the problems of the rows left out (only with ``skip_invalid``), each located ``row N``.
        skipped_rows: the numbers of those rows.
        sheet: for a workbook, the sheet read.
        first_sheet: for a workbook whose log was not on the first sheet, the first sheet's name.
    """

    case: Case
    entries: tuple[LogEntry, ...]
    added: int
    skipped: tuple[InvalidInput, ...] = ()
    skipped_rows: tuple[int, ...] = ()
    sheet: str | None = None
    first_sheet: str | None = None

    @property
    def already(self) -> int:
        """Return how many entries read were in the case already (or twice in the table)."""
        return len(self.entries) - self.added


def is_log_header(header: Sequence[str]) -> bool:
    """Return True when ``header`` names at least the time and the channel columns."""
    return {"time", "channel"} <= {LOG_COLUMNS.column_for(h) for h in header}


def _creditor(text: str, case: Case) -> str:
    """Return the debt id a creditor cell names (an id in any case, or the creditor of exactly one debt), else the
    cell as written."""
    ids = {d.id.lower(): d.id for d in case.debts}
    if text.lower() in ids:
        return ids[text.lower()]
    named = [d.id for d in case.debts if d.creditor == text]
    return named[0] if len(named) == 1 else text


def _stored(path: Path, case_folder: Path | None) -> str:
    """Return the path kept for an attachment: relative to the case's folder when under it, else absolute."""
    absolute = path.resolve()
    if case_folder is not None:
        try:
            return absolute.relative_to(case_folder.resolve()).as_posix()
        except ValueError:
            pass
    return str(absolute)


def _attachments(text: str, folder: Path, case_folder: Path | None) -> tuple[list[Attachment], list[InvalidInput]]:
    found: list[Attachment] = []
    problems: list[InvalidInput] = []
    for written in (part.strip() for part in _PATHS.split(text)):
        if not written:
            continue
        target = resolve(written, folder)
        try:
            read = attachment_for(target)
        except InvalidInput as err:
            problems.append(err.named("attachments", written))
            continue
        found.append(Attachment(_stored(target, case_folder), read.size, read.sha256))
    return found, problems


def _entry(cells: dict[str, str], case: Case, folder: Path, case_folder: Path | None
           ) -> tuple[LogEntry | None, list[InvalidInput]]:
    """Convert each cell of a row on its own, so every bad cell is reported, not only the first."""
    values: dict[str, Any] = {}
    problems: list[InvalidInput] = []
    parsers: dict[str, Callable[..., Any]] = {"time": parse_time, "channel": parse_channel, "contacted": parse_contacted, "flags": parse_flags,
               "duration_min": parse_minutes, "answered": parse_answered}
    for column in LOG_COLUMNS.labels:
        text = cells.get(column, "").strip()
        field = _FIELDS.get(column, column)
        if not text:
            if column in REQUIRED:
                problems.append(InvalidInput(field, "required", None))
            continue
        try:
            if column in parsers:
                values[field] = parsers[column](text, field=field)
            elif column == "creditor":
                values[field] = _creditor(text, case)
            elif column == "attachments":
                values[field], bad = _attachments(text, folder, case_folder)
                problems += bad
            else:
                values[field] = text
        except InvalidInput as err:
            problems.append(InvalidInput(field, err.code, text, params=err.params))
    if problems:
        return None, problems
    try:
        return LogEntry(**values), []
    except InvalidInput as err:
        return None, [err]


def import_log(path: str | os.PathLike[str], *, case: Case, skip_invalid: bool = False,
               case_folder: str | os.PathLike[str] | None = None) -> LogImport:
    """Read collection contacts from a CSV (UTF-8, UTF-8 with BOM, or GB18030) or .xlsx file into ``case``'s log.

    Args:
        path: the table (columns in the module docstring).
        case: the case the contacts are about (its debt ids name creditors; its log is merged into).
        skip_invalid: import the good rows and list the bad ones, instead of refusing the file.
        case_folder: the case file's folder: an attachment under it is kept by its path relative to it (the case
            and its evidence can move together), any other by its absolute path. Without it, absolute paths.

    Returns:
        The case with the new entries, the entries read, how many were new, and the rows skipped.

    Raises:
        InvalidInput: ``bad_file`` when the file cannot be read as a table at all.
        LogRefused: the header has an unknown, repeated or missing column; or rows are bad and not
            ``skip_invalid`` — every problem listed, nothing imported.
    """
    source = Path(path)
    table = read_sheet(source, recognised=is_log_header)
    columns, header_errors, _ = LOG_COLUMNS.map_header(table.header, table.header_row, unknown_is_error=True)
    if header_errors:
        raise LogRefused(header_errors)
    folder = source.parent
    home = Path(case_folder) if case_folder is not None else None
    read, errors = read_rows(table.rows, columns, lambda _number, cells: _entry(cells, case, folder, home))
    errors = [_sample(error) for error in errors]
    good = {number for number, _ in read}
    bad_rows = tuple(row.number for row in table.rows if row.number not in good)
    if errors and not skip_invalid:
        raise LogRefused(errors, bad_rows)
    entries = tuple(entry for _, entry in read)
    log, added = merge_entries(case.conduct, entries)
    return LogImport(replace(case, conduct=log), entries, added, tuple(errors), bad_rows, table.sheet,
                     table.first_sheet)


def _sample(error: InvalidInput) -> InvalidInput:
    """Return the template's sample-row error worded for the log (its fix names the note, not a debt's id)."""
    if error.code != "sample_row":
        return error
    return InvalidInput(error.field, "sample_log_row", error.value, params=error.params, where=error.where)


TEMPLATE_EXAMPLE: dict[str, str] = {
    "time": "2026-11-20 22:30",
    "channel": "电话",
    "from": "0571-5555 0000",
    "contacted": "家人",
    "creditor": "某平台委托第三方催收",
    "identity": "律师",
    "flags": "冒充、威胁",
    "duration_min": "3",
    "answered": "是",
    "note": f"（{SAMPLE_MARK}）给我母亲打电话，自称律师，说三天内起诉并上门",
    "attachments": "录音/2026-11-20-2230.m4a",
}


def write_log_template(path: str | os.PathLike[str]) -> Path:
    """Write the log table to fill in, with the Chinese header and one sample row: an Excel workbook when ``path``
    ends in ``.xlsx`` (every cell text, so Excel keeps times as typed), else CSV in UTF-8 with a byte-order mark.

    The sample row's note carries :data:`planner.io.tabular.SAMPLE_MARK`: left in place, it is refused on import
    with a message saying to delete it, so the fictional contact never becomes data.

    Returns:
        The path written.

    Raises:
        InvalidInput: ``cannot_write`` when ``path`` is a folder or cannot be written.
    """
    header = list(conduct_zh.COLUMNS.values())
    sample = [TEMPLATE_EXAMPLE[column] for column in conduct_zh.COLUMNS]
    return write_template(path, header, sample, sheet="催收记录", example="催收记录.csv")
