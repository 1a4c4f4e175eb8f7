"""Command-line interface: ``planner <command> …`` (also ``python -m planner``).

The commands, their options and their JSON keys are a contract for counsellors' scripts; see README.md. Each
command lives in its own module with ``register(subparsers)``; this module owns the shared plumbing: one error
line on stderr and exit code 2 for bad input (never a traceback), JSON with amounts as two-place decimal strings.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NoReturn

from planner.errors import InvalidInput, PlannerError
from planner.money import yuan

EXIT_FINDINGS = 1  # `check`: the file reads, but a finding marked error must be corrected
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug of ours, reported in one line


class UsageError(Exception):
    """An argparse complaint, reported as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        text = f"{self.prog}: {message}"
        raise UsageError(text)


def to_json(value: Any) -> Any:
    """Return ``value`` with Decimals as strings (amounts with two places), dates as ISO strings."""
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


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with every command registered."""
    from planner.cli import cap, casecmds, payoff, schedule  # commands register themselves

    parser = _Parser(prog="planner", description="债务协商还款规划工具 / debt negotiation planner")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of messages (default zh)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in (schedule, cap, casecmds, payoff):
        module.register(sub)
    for command in sub.choices.values():  # `planner plan CASE --lang en` works as well as `planner --lang en plan`
        command.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 ok, 2 bad input, 70 an internal error — reported in one line)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Known before parsing, so even a parse error is reported in the chosen language.
    lang = "en" if "--lang=en" in args_list or ("--lang", "en") in itertools.pairwise(args_list) else "zh"
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        lang = args.lang
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
        where = f" ({err.filename})" if err.filename else ""
        sys.stderr.write(f"planner: {err.strerror or err}{where}\n")
        return EXIT_BAD_INPUT
    except Exception as err:  # noqa: BLE001 - the last resort at the edge: one line, never a traceback
        sys.stderr.write(
            f"planner: 内部错误 / internal error: {type(err).__name__}: {err}. "
            "请把命令和输入文件（去掉个人信息）报告给开发者 / please report the command and input (without personal data)\n"
        )
        return EXIT_INTERNAL


def display_width(text: str) -> int:
    """Return the terminal width of ``text`` (CJK characters take two columns)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, align_right: Sequence[bool] = ()) -> str:
    """Return an aligned plain-text table; numbers right-aligned where ``align_right`` says so."""
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(headers))]
    right = list(align_right) + [False] * (len(headers) - len(align_right))
    lines = []
    for index, row in enumerate(cells):
        parts = []
        for i, value in enumerate(row):
            pad = " " * (widths[i] - display_width(value))
            parts.append(pad + value if right[i] and index else value + pad)
        lines.append("  ".join(parts).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
