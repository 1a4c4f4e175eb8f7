"""Command-line interface: ``planner <command> …`` (also ``python -m planner``).

The commands, their options and their JSON keys are a contract for counsellors' scripts; see README.md. Each
command lives in its own module with ``register(subparsers)`` and is a thin caller of the core: it parses its
options with the shared parsers (:mod:`planner.io.values`, :mod:`planner.dates`, :mod:`planner.money`), calls the
use case, and prints text from :mod:`planner.text` or JSON from :mod:`planner.io.export`. This module owns the
shared plumbing: one error line on stderr in the chosen language (argparse's own messages included) and exit code
2 for bad input, never a traceback; exit code 1 when a finding is an error; tables laid out by rich, which
measures the width of Chinese characters and wraps to the terminal (100 columns when not a terminal).
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NoReturn

from planner.errors import InvalidInput, PlannerError, os_error
from planner.findings import Finding, Severity
from planner.money import yuan

EXIT_FINDINGS = 1  # the input reads, but a finding marked error must be corrected
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug of ours, reported in one line
WIDTH = 100  # columns when the output is not a terminal


class UsageError(Exception):
    """A usage complaint (argparse's, or a command's own), reported as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        text = f"{self.prog}: {_translated(message, _LANG[0])}"
        raise UsageError(text)


_LANG = ["zh"]  # the language of the current run, known before parsing


def _translated(message: str, lang: str) -> str:
    """Return an argparse message in ``lang`` (its patterns in :data:`planner.text.zh.ARGPARSE`)."""
    from planner.text import catalog

    for pattern, replacement in catalog(lang).ARGPARSE:
        if re.match(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


def to_json(value: Any) -> Any:
    """Return ``value`` with Decimals as strings, dates as ISO strings (for command objects built by hand)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


def print_json(value: Any) -> None:
    """Print ``value`` as indented UTF-8 JSON on stdout."""
    sys.stdout.write(json.dumps(to_json(value), ensure_ascii=False, indent=2) + "\n")


def amount(value: Decimal) -> str:
    """Return a money amount as the contract's decimal string ("5307.27")."""
    return yuan(value)


def width() -> int:
    """Return the output width: the terminal's, or 100 columns (``COLUMNS`` overrides both)."""
    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    return os.get_terminal_size().columns if sys.stdout.isatty() else WIDTH


def _console(columns: int | None = None) -> Any:
    from rich.console import Console

    return Console(file=io.StringIO(), width=columns or width(), color_system=None, force_terminal=False,
                   legacy_windows=False, emoji=False, highlight=False, markup=False)


_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
# A date written the Chinese way (2027年1月23日, 1月) stays whole, as a word does; any other CJK character is a unit.
_TOKENS = re.compile(rf"\s+|\d+年(?:\d+月(?:\d+日)?)?|\d+月(?:\d+日)?|[{_WIDE}]|[^\s{_WIDE}]+")
_OPENING = frozenset("（《「『“\u2018([【〔")
_CLOSING = frozenset("，。、；：！？）》」』”\u2019)]】〕%…,.;:!?")


def _tokens(text: str, room: int, *, groups: bool) -> list[str]:
    """Return ``text`` as break units: a run of spaces, one CJK character, or a word; with ``groups`` a bracketed
    ``（…）`` that fits in ``room`` is one unit."""
    from rich.cells import cell_len

    tokens = _TOKENS.findall(text)
    if not groups:
        return tokens
    merged: list[str] = []
    index = 0
    while index < len(tokens):
        if tokens[index] == "（" and "）" in tokens[index:]:
            close = tokens.index("）", index)
            group = "".join(tokens[index:close + 1])
            if cell_len(group) <= room:
                merged.append(group)
                index = close + 1
                continue
        merged.append(tokens[index])
        index += 1
    return merged


def break_lines(text: str, room: int, *, groups: bool = False) -> list[str]:
    """Return ``text`` broken into lines of at most ``room`` columns (CJK characters two wide): between words or
    between CJK characters, never before closing punctuation (，。）…) nor after an opening one (（《…), a word
    longer than a line folded; with ``groups``, a bracketed ``（…）`` that fits stays on one line.

    >>> break_lines("合同成立日的一年期LPR为 3.85%，上限 = 4 × 3.85%。", 20)
    ['合同成立日的一年期', 'LPR为 3.85%，上限 =', '4 × 3.85%。']
    >>> break_lines("最多超出 ¥25,864.25（2027年1月）。", 24)
    ['最多超出 ¥25,864.25', '（2027年1月）。']
    >>> break_lines("利率（LPR），每月", 11)
    ['利率', '（LPR），每', '月']
    >>> break_lines("最高月还款（元）", 8, groups=True)
    ['最高月还', '款（元）']
    """
    from rich.cells import cell_len

    lines: list[str] = []
    line: list[str] = []
    used = 0
    for token in _tokens(text, room, groups=groups):
        if token.isspace():
            if line and line[-1] != " ":
                line.append(" ")
                used += 1
            continue
        size = cell_len(token)
        if used + size <= room:
            line.append(token)
            used += size
            continue
        while line and line[-1] == " ":
            line.pop()
        carry: list[str] = []
        if token[0] in _CLOSING:  # the punctuation takes the character before it (and its own kind) along
            while line and line[-1][0] in _CLOSING:
                carry.insert(0, line.pop())
            if line:
                carry.insert(0, line.pop())
        while line and line[-1][-1] in _OPENING:
            carry.insert(0, line.pop())
        if line:
            lines.append("".join(line))
        current = "".join([*carry, token])
        while cell_len(current) > room:  # a word wider than a line: fold it
            cut = 1
            while cut < len(current) and cell_len(current[:cut + 1]) <= room:
                cut += 1
            lines.append(current[:cut])
            current = current[cut:]
        line, used = [current], cell_len(current)
    while line and line[-1] == " ":
        line.pop()
    if line:
        lines.append("".join(line))
    return lines


def _header_lines(header: str, room: int) -> str:
    """Return a header broken into lines of at most ``room`` columns, a ``（…）`` kept together where it fits."""
    from rich.cells import cell_len

    if cell_len(header) <= room:
        return header
    return "\n".join(break_lines(header, room, groups=True))


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, align_right: Sequence[bool] = ()) -> str:
    """Return a plain-text table laid out by rich: CJK widths measured, headers broken onto lines to the width of
    their column, text cells wrapped, number cells never broken. A table that cannot fit :func:`width` even so is
    written as one block per row (``header: value`` lines)."""
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table

    right = list(align_right) + [False] * (len(headers) - len(align_right))
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    widths = []
    for index, is_right in enumerate(right):
        widest = max((cell_len(row[index]) for row in cells), default=1)
        widths.append(max(4, widest if is_right else min(widest, 24)))
    spare = width() - sum(widths) - 3 * (len(widths) - 1)
    if spare < 0:  # too narrow for columns: one block per row instead
        return "\n\n".join("\n".join(f"{h}: {v}" for h, v in zip(headers, row, strict=True) if v) for row in cells)
    for index, header in enumerate(headers):  # room left over lets headers stay on one line, left to right
        grow = min(spare, max(0, cell_len(str(header)) - widths[index]))
        widths[index] += grow
        spare -= grow
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    for header, is_right, room in zip(headers, right, widths, strict=True):
        table.add_column(_header_lines(str(header), room), justify="right" if is_right else "left",
                         overflow="fold", min_width=room)
    for row in cells:
        table.add_row(*row)
    console = _console()
    console.print(table)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines())


def wrap(line: str) -> str:
    """Return one line of prose wrapped to :func:`width` (CJK widths measured), continuation lines hanging under
    the text of a ``- `` item and its indent."""
    from rich.cells import cell_len

    stripped = line.lstrip(" ")
    hang = len(line) - len(stripped) + (2 if stripped.startswith("- ") else 0)
    room = width()
    if cell_len(line) <= room or room <= hang + 10:
        return line
    first, *rest = break_lines(line[hang:], room - hang)
    return "\n".join([line[:hang] + first, *(" " * hang + part for part in rest)])


def text_block(lines: Iterable[str]) -> str:
    """Return output lines joined, each prose line wrapped (tables, which hold line breaks, are already laid out)."""
    return "\n".join(item if "\n" in item else wrap(item) for item in lines)


def finding_line(finding: Finding, lang: str, *, indent: str = "", group: str = "") -> str:
    """Return one finding as a line: ``- [注意] cf-loan: …`` (the subject left out inside its own group)."""
    from planner.text import render, severity_label, source_text

    message = render(finding, lang)
    shown = source_text(finding.source, lang)
    source = f" [{shown}]" if shown and finding.source not in message and shown not in message else ""
    subject = "" if not finding.subject or finding.subject == group else f"{finding.subject}: "
    return f"{indent}- [{severity_label(finding.severity, lang)}] {subject}{message}{source}"


def has_error(findings: Iterable[Finding]) -> bool:
    """Return True when a finding is an error (the command then exits with 1)."""
    return any(f.severity is Severity.ERROR for f in findings)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with every command registered."""
    from planner.cli import (  # commands register themselves
        cap,
        casecmds,
        complaint,
        evidence,
        log,
        payoff,
        proposal,
        reminders,
        schedule,
    )

    parser = _Parser(prog="planner", description="债务协商还款规划工具 / debt negotiation planner")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of messages (default zh)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in (schedule, cap, casecmds, payoff, proposal, reminders, log, complaint, evidence):
        module.register(sub)
    for command in sub.choices.values():  # `planner plan CASE --lang en` works as well as `planner --lang en plan`
        command.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 ok, 1 an error finding, 2 bad input, 70 an internal error)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Known before parsing, so even a parse error is reported in the chosen language.
    lang = "en" if "--lang=en" in args_list or ("--lang", "en") in itertools.pairwise(args_list) else "zh"
    _LANG[0] = lang
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        lang = _LANG[0] = args.lang
        return int(args.func(args) or 0)
    except UsageError as err:
        sys.stderr.write(f"{err}\n")
        return EXIT_BAD_INPUT
    except InvalidInput as err:
        sys.stderr.write(f"planner: {err.message(lang)}\n")
        return EXIT_BAD_INPUT
    except PlannerError as err:
        sys.stderr.write(f"planner: {err}\n")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
    except OSError as err:  # a file the user named cannot be read or written
        sys.stderr.write(f"planner: {os_error(str(err.filename or ''), err).message(lang)}\n")
        return EXIT_BAD_INPUT
    except Exception as err:  # noqa: BLE001 - the last resort at the edge: one line, never a traceback
        from planner.text import message

        sys.stderr.write(f"planner: {message('internal', lang, error=f'{type(err).__name__}: {err}')}\n")
        return EXIT_INTERNAL
