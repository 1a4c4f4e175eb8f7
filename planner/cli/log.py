"""The collection-conduct log's commands: ``planner log import CASE FILE``, ``planner log template -o FILE`` and
``planner log check CASE [--json]``.

``planner log`` holds its own subcommands (each a ``_register_*`` function adding to ``log``'s subparsers), so
another is one more function. Thin callers of :mod:`planner.io.conduct_import`: the case is read with
:func:`planner.io.casefile.load_case` and written back atomically with :func:`planner.io.casefile.write_case`
(the previous version kept as ``NAME.bak``) only when something was added. Every line comes from
:func:`planner.text.log_text` (or the shared messages); bad input is one line per problem on stderr and exit
code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from planner.cli import EXIT_BAD_INPUT
from planner.errors import InvalidInput
from planner.text import log_text, message


def _help(key: str) -> str:
    """Return a help text in both languages, English first as argparse's own words are (``… / 中文``)."""
    return f"{log_text(key, 'en')} / {log_text(key, 'zh')}"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``planner log`` with its subcommands."""
    log = sub.add_parser("log", help=_help("help.log"))
    commands = log.add_subparsers(dest="log_command", required=True, parser_class=type(log))
    _register_import(commands)
    _register_template(commands)
    _register_check(commands)
    commands.metavar = "{" + ",".join(commands.choices) + "}"  # named so in "required" errors
    for command in commands.choices.values():  # `planner log import CASE FILE --lang en`, as on every command
        command.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def _register_import(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("import", help=_help("help.import"))
    command.add_argument("case", help=_help("help.import.case"))
    command.add_argument("file", help=_help("help.import.file"))
    command.add_argument("--skip-invalid", action="store_true", help=_help("help.import.skip"))
    command.set_defaults(func=run_import)


def _register_template(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("template", help=_help("help.template"))
    command.add_argument("-o", "--output", required=True, help=_help("help.template.output"))
    command.add_argument("--force", action="store_true", help=_help("help.template.force"))
    command.set_defaults(func=run_template)


def _register_check(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("check", help=_help("help.check"))
    command.add_argument("case", help=_help("help.check.case"))
    command.add_argument("--json", action="store_true", help=_help("help.check.json"))
    command.add_argument("--creditor", help=_help("help.check.creditor"))
    command.add_argument("--rules", help=_help("help.check.rules"))
    command.set_defaults(func=run_check)


def run_import(args: argparse.Namespace) -> int:
    """Import a log table into a case and save it; say how many were added, already there and skipped.

    Exit code 0, or 2 when the file is refused (every problem on its own line; the case is not touched).
    """
    from planner.io.casefile import load_case, write_case
    from planner.io.conduct_import import LogRefused, import_log

    lang = args.lang
    case = load_case(args.case)
    try:
        result = import_log(args.file, case=case, skip_invalid=args.skip_invalid,
                            case_folder=Path(args.case).resolve().parent)
    except LogRefused as refused:
        for error in refused.errors:
            sys.stderr.write(f"planner: {error.message(lang)}\n")
        if refused.rows:
            line = log_text("import.refused", lang, file=args.file, count=len(refused.rows))
        else:
            line = log_text("import.refused_header", lang, file=args.file)
        sys.stderr.write(f"planner: {line}\n")
        return EXIT_BAD_INPUT
    if result.first_sheet is not None and result.sheet is not None:
        sys.stderr.write(f"planner: {message('import.sheet', lang, sheet=result.sheet)}\n")
    lines = [log_text("import.summary", lang, file=args.file, read=len(result.entries), added=result.added,
                      already=result.already)]
    if result.skipped_rows:
        rows = ", ".join(str(number) for number in result.skipped_rows)
        lines.append(log_text("import.skipped", lang, count=len(result.skipped_rows), rows=rows))
        lines += [f"  - {error.message(lang)}" for error in result.skipped]
    if result.added:
        saved = write_case(result.case, args.case)
        lines.append(log_text("import.saved", lang, path=saved.path, total=len(result.case.conduct)))
    else:
        lines.append(log_text("import.unchanged", lang, path=args.case))
    sys.stderr.write("".join(f"{line}\n" for line in lines))
    return 0


def run_template(args: argparse.Namespace) -> int:
    """Write the log template (CSV or .xlsx by the suffix)."""
    from planner.cli.casecmds import table_output
    from planner.io.conduct_import import write_log_template

    table_output(args.output, args.force, log_text("content.table", args.lang), example="催收记录.csv")
    write_log_template(args.output)
    sys.stderr.write(log_text("template.written", args.lang, path=args.output) + "\n")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Print the rule checks of the case's log per creditor, each creditor's complaint channels, and the note that
    this is information, not a legal conclusion; ``--json`` prints :func:`planner.io.export.conduct_findings_json`
    with a ``creditors`` list (key, name, entries, channels). Exit code 0: findings are information."""
    import json

    from planner.caps.conduct import (
        channels_for,
        check_log,
        creditor_index,
        load_conduct_rules,
        logged_creditor,
    )
    from planner.cli import finding_line, text_block
    from planner.io.casefile import load_case
    from planner.io.export import conduct_findings_json
    from planner.text import fmt

    lang = args.lang
    case = load_case(args.case)
    rules = load_conduct_rules(args.rules) if args.rules else load_conduct_rules()
    index = creditor_index(case)
    groups: dict[str, list[Any]] = {}
    for entry in case.conduct:
        groups.setdefault(logged_creditor(case, entry.creditor, index).key, []).append(entry)
    if args.creditor is not None:
        wanted = logged_creditor(case, args.creditor, index).key
        if wanted not in groups:
            known = ", ".join(groups) or "—"
            raise InvalidInput("creditor", "unknown_reference", args.creditor, params={"choices": known})
        groups = {wanted: groups[wanted]}
    findings = check_log(case, rules=rules, creditor=args.creditor)
    creditors = []
    for key, entries in groups.items():
        who = logged_creditor(case, key, index)
        own = [f for f in findings if f.subject == key]
        creditors.append((who, entries, own, channels_for(who.kind, own)))
    if args.json:
        document = conduct_findings_json(findings, lang)
        document["creditors"] = [{"creditor": who.key, "name": who.name, "entries": len(entries),
                                  "channels": [c.id for c in channels]}
                                 for who, entries, _, channels in creditors]
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not case.conduct:
        sys.stdout.write(text_block([log_text("check.empty", lang, path=args.case)]) + "\n")
        return 0
    lines: list[str] = []
    for who, entries, own, channels in creditors:
        values = {"name": who.name, "debt": who.key, "count": len(entries),
                  "first": fmt.moment(entries[0].time, lang), "last": fmt.moment(entries[-1].time, lang)}
        lines.append(log_text("check.creditor" if who.key != who.name else "check.creditor.name", lang, **values))
        lines += [finding_line(f, lang, indent="  ", group=who.key) for f in own] or [log_text("check.clean", lang)]
        shown = " \u2192 ".join(c.name(lang) for c in channels)
        lines.append(log_text("check.channels", lang, channels=shown))
        lines.append("")
    lines.append(log_text("check.note", lang))
    sys.stdout.write(text_block(lines) + "\n")
    return 0
