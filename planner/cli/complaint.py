"""``planner complaint``: a complaint about a creditor's collection, drafted as PDF or plain text, or recorded as
filed.

* ``planner complaint CASE --creditor ID --channel creditor|12378|nifa|12321|12345|police -o FILE.pdf [--text]
  [--lang zh|en] [--show-id] [--date D] [--font F] [--force]`` — the draft (:func:`planner.report.complaint.
  build_complaint`) as PDF, or as plain text with ``--text`` (a web form, a call to 12378); ``-o -`` prints the
  plain text. An existing file is replaced only with ``--force``.
* ``planner complaint CASE --creditor ID --channel X --filed DATE [--reference REF] [--note TEXT]`` — records the
  complaint as filed in the case file (written atomically, the previous version kept as ``CASE.bak``) and prints
  the day its reply is due (:func:`planner.caps.complaints.record_complaint`: the channel's reply time on mainland
  China's working days, with a note when that is an estimate beyond the holiday data). ``-o`` and ``--filed``
  may be given together.

When the channel is not one suggested for that creditor (its own service, the body over its kind, what its
findings call for), a note on stderr says which are; it is not an error. Bad input is reported one line per
problem, exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from planner.cli import EXIT_BAD_INPUT, text_block
from planner.errors import InvalidInput
from planner.text import complaint_text, fmt, render

STDOUT = "-"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``complaint`` command."""
    from planner.caps.complaints import DRAFT_CHANNELS

    cmd = sub.add_parser(
        "complaint",
        help="draft a complaint about a creditor's collection (PDF or text), or record it as filed / "
             "生成催收投诉书，或记录已提交的投诉",
        description="Draft a complaint about a creditor's collection from the conduct log, or record one as filed "
                    "and see when its reply is due. 根据催收记录生成投诉书（PDF 或纯文本），或记录已提交的投诉并查看答复期限。",
    )
    cmd.add_argument("case", help="case file (.json) / 案例文件")
    cmd.add_argument("--creditor", required=True, metavar="ID",
                     help="the debt id, the creditor's name, or a name as logged / 债务编号、债权人名称或记录中的名称")
    cmd.add_argument("--channel", required=True, metavar="|".join(DRAFT_CHANNELS),
                     help="where the complaint goes / 投诉渠道")
    cmd.add_argument("-o", "--output", metavar="FILE.pdf",
                     help="the file to write (PDF; plain text with --text); - prints the plain text / 输出文件")
    cmd.add_argument("--text", action="store_true", help="write plain text instead of PDF / 输出纯文本")
    cmd.add_argument("--show-id", action="store_true",
                     help="print ID number, phone, address and evidence paths in full (masked by default) / "
                          "完整显示身份证号等")
    cmd.add_argument("--date", metavar="YYYY-MM-DD", help="date of the complaint (default today) / 投诉书日期")
    cmd.add_argument("--font", help="a font file (.otf/.ttf) tried first, for characters the bundled fonts lack / "
                                    "补充字体文件")
    cmd.add_argument("--force", action="store_true", help="replace an existing file / 覆盖已有文件")
    cmd.add_argument("--filed", metavar="YYYY-MM-DD",
                     help="record the complaint as filed on this day in the case file / 记录投诉提交日期")
    cmd.add_argument("--reference", default="", metavar="REF", help="the reference number given (with --filed) / "
                                                                    "受理编号")
    cmd.add_argument("--note", default="", help="a note kept with the record (with --filed) / 备注")
    cmd.set_defaults(func=run_complaint)


def _problems(args: argparse.Namespace) -> tuple[dict[str, Any], list[str]]:
    """Return the parsed options, and one line per option that is wrong (all of them, not only the first)."""
    from planner.caps.complaints import draft_channel
    from planner.dates import parse_date

    lang = args.lang
    parsed: dict[str, Any] = {}
    lines: list[str] = []

    def attempt(name: str, parse: Any) -> None:
        try:
            parsed[name] = parse()
        except InvalidInput as err:
            lines.append(f"planner: {err.message(lang)}")

    attempt("channel", lambda: draft_channel(args.channel))
    attempt("today", lambda: parse_date(args.date, field="--date") if args.date
            else date.today())  # noqa: DTZ011 - the CLI is an edge
    if args.filed is not None:
        attempt("filed", lambda: parse_date(args.filed, field="--filed"))
    if args.output is None and args.filed is None:
        lines.append(f"planner complaint: {complaint_text('cli.needs_output', lang)}")
    if (args.reference or args.note) and args.filed is None:
        lines.append(f"planner complaint: {complaint_text('cli.reference_needs_filed', lang)}")
    if args.output not in (None, STDOUT):
        target = Path(args.output)
        if target.exists() and not target.is_dir() and not args.force:
            lines.append(f"planner: {InvalidInput('file', 'file_exists', str(target)).message(lang)}")
    return parsed, lines


def run_complaint(args: argparse.Namespace) -> int:
    """Write the draft and/or record the complaint as filed; print the notes and the reply due."""
    from planner.caps.complaints import resolve_creditor, suggested_channels
    from planner.io.casefile import load_case

    lang = args.lang
    parsed, lines = _problems(args)
    case = None
    try:
        case = load_case(args.case)
        resolve_creditor(case, args.creditor)
    except InvalidInput as err:
        lines.append(f"planner: {err.message(lang)}")
    if lines or case is None:
        sys.stderr.write("\n".join(lines) + "\n")
        return EXIT_BAD_INPUT
    channel = parsed["channel"]
    if args.output is not None:
        _draft(case, args, channel, parsed["today"])
    else:  # the note the draft would carry: said once, here
        who = resolve_creditor(case, args.creditor)
        suggested = suggested_channels(case, who)
        if channel.id not in {c.id for c in suggested}:
            note = complaint_text("note.not_suggested", lang, channel=channel.name(lang),
                                  channels=fmt.join((f"{c.name(lang)} ({c.id})" for c in suggested), lang))
            sys.stderr.write(text_block([complaint_text("cli.note", lang, note=note)]) + "\n")
    if args.filed is not None:
        _record(case, args, channel, parsed["filed"])
    return 0


def _draft(case: Any, args: argparse.Namespace, channel: Any, today: date) -> None:
    from planner.io.casefile import write_atomically
    from planner.report.complaint import build_complaint, complaint_plain_text

    lang = args.lang
    document = build_complaint(case, args.creditor, channel, locale=lang, show_id=args.show_id, today=today)
    notes = [complaint_text("cli.note", lang, note=n) for n in document.notes]
    if args.output == STDOUT:
        sys.stdout.write(complaint_plain_text(document))
        sys.stderr.write(text_block([complaint_text("cli.printed", lang, title=document.title,
                                                    channel=channel.name(lang)), *notes]) + "\n")
        return
    if args.text:
        data = complaint_plain_text(document).encode("utf-8")
    else:
        from planner.report.pdf import render_pdf

        data = render_pdf(document, font=args.font)
    write_atomically(args.output, data)
    sys.stderr.write(text_block([complaint_text("cli.written", lang, title=document.title,
                                                channel=channel.name(lang), path=args.output), *notes]) + "\n")


def _record(case: Any, args: argparse.Namespace, channel: Any, filed: date) -> None:
    from planner.caps.complaints import record_complaint, resolve_creditor
    from planner.io.casefile import write_case
    from planner.report.complaint import cited_text, period_text

    lang = args.lang
    recorded = record_complaint(case, args.creditor, channel, filed=filed, reference=args.reference,
                                note=args.note)
    write_case(recorded.case, args.case)
    complaint = recorded.complaint
    reference = complaint_text("cli.reference", lang, reference=complaint.reference) if complaint.reference else ""
    line = complaint_text("cli.recorded", lang, date=fmt.day(filed, lang), channel=channel.name(lang),
                          creditor=resolve_creditor(recorded.case, complaint.creditor).name, reference=reference)
    if recorded.replaced:
        line = line.rstrip("。.") + complaint_text("cli.replaced", lang) + ("。" if lang == "zh" else ".")
    lines = [line]
    if complaint.reply_due is not None and channel.reply is not None:
        lines.append(complaint_text("cli.due", lang, due=fmt.day(complaint.reply_due, lang),
                                    period=period_text(channel.reply, lang), cited=cited_text(channel.reply, lang)))
    else:
        lines.append(complaint_text("cli.due.none", lang, channel=channel.name(lang)))
    lines += [render(f, lang) for f in recorded.findings]
    sys.stdout.write(text_block(lines) + "\n")

