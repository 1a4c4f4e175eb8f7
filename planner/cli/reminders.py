"""``planner reminders``: the calendar (.ics) of a repayment scenario, for a phone's calendar.

``planner reminders CASE --scenario NAME -o FILE.ics [--creditor ID ...] [--sent-on YYYY-MM-DD] [--alarm-days N]
[--follow-up-days N] [--force]`` writes one all-day event per payment due under the scenario (an alarm
``--alarm-days`` before, at 09:00) and one follow-up per creditor ``--follow-up-days`` after the application was
sent, and one on the day each complaint recorded as filed (``planner complaint … --filed``) is due a reply, built by
:func:`planner.report.calendar.reminders_ics`. A thin caller: it parses the options with the shared
parsers, plans the case, and writes the file atomically (a temporary file in the same folder, then
:func:`os.replace`), readable by its owner only (it holds account numbers). An existing file is replaced only with
``--force``, the old one kept as ``NAME.bak``. One line on stderr says how many events went where, and that the
creditor's written confirmation comes before any payment under the new plan.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date
from pathlib import Path

from planner.cli.files import output_path
from planner.errors import InvalidInput, os_error
from planner.text import calendar_text

SUFFIX = ".ics"
BACKUP_SUFFIX = ".bak"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the reminders command."""
    from planner.report.calendar import MAX_ALARM_DAYS, MAX_FOLLOW_UP_DAYS

    parser = sub.add_parser(
        "reminders",
        help="calendar reminders (.ics) of a scenario's payments / 还款日历提醒（.ics）",
        description="Write a calendar file (.ics) with every payment due under one scenario and a follow-up on "
        "the creditor's written reply. 生成日历文件（.ics）：方案内的每一次还款，以及催问债权人书面答复的提醒。",
    )
    parser.add_argument("case", help="case file (.json) / 案例文件")
    parser.add_argument("--scenario", required=True, metavar="NAME", help="the scenario's name, as `planner plan` shows it / 方案名称")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.ics", help="the calendar file to write (.ics) / 要写入的日历文件")
    parser.add_argument("--creditor", action="append", dest="creditors", metavar="ID",
                        help="only this debt's creditor (its id, e.g. cmb-card); repeat for more; default all / "
                             "只为该笔债务生成（可重复；默认全部）")
    parser.add_argument("--sent-on", metavar="YYYY-MM-DD", help="date the application was sent, e.g. 2026-11-25 (default today) / "
                                          "申请寄出日期（默认今天）")
    parser.add_argument("--alarm-days", default="3", metavar="N",
                        help=f"days before each payment the alarm rings at 09:00, 0-{MAX_ALARM_DAYS} (default 3) / "
                             "提前几天提醒（默认 3）")
    parser.add_argument("--follow-up-days", default="14", metavar="N",
                        help=f"days after sending to check for the written reply, 1-{MAX_FOLLOW_UP_DAYS} "
                             "(default 14) / 寄出后几天查看书面答复（默认 14）")
    parser.add_argument("--force", action="store_true",
                        help="replace an existing file (the old one is kept as NAME.bak) / 覆盖已有文件（原文件另存备份）")
    parser.set_defaults(func=run_reminders)


def run_reminders(args: argparse.Namespace) -> int:
    """Plan the case, build the scenario's calendar and write it to ``--output``."""
    from planner.dates import parse_date
    from planner.engines.plan import plan_case
    from planner.io.casefile import load_case
    from planner.money import to_int
    from planner.report.calendar import MAX_ALARM_DAYS, MAX_FOLLOW_UP_DAYS, complaints_due, reminders_ics
    from planner.report.proposal import find_debt

    lang = args.lang
    alarm_days = to_int(str(args.alarm_days).strip(), field="--alarm-days", low=0, high=MAX_ALARM_DAYS)
    follow_up_days = to_int(str(args.follow_up_days).strip(), field="--follow-up-days", low=1,
                            high=MAX_FOLLOW_UP_DAYS)
    sent_on = (parse_date(args.sent_on, field="--sent-on") if args.sent_on is not None
               else date.today())  # noqa: DTZ011 - the CLI is an edge; the core never reads the clock
    target = _output(args.output, args.force, lang)
    case = load_case(args.case)
    if not case.debts:
        raise InvalidInput("debts", "empty", 0)
    plan = plan_case(case)
    data = reminders_ics(plan, args.scenario, sent_on=sent_on, debt_ids=args.creditors, alarm_days=alarm_days,
                         follow_up_days=follow_up_days, locale=lang)
    backup = _write(target, data)
    events = data.count(b"\r\nBEGIN:VEVENT\r\n")
    follow_ups = len({find_debt(plan, c).id for c in args.creditors}) if args.creditors else len(case.debts)
    complaints = len(complaints_due(case, args.creditors))
    line = calendar_text("cli.written", lang, count=events, payments=events - follow_ups - complaints,
                         follow_ups=follow_ups, path=args.output)
    if complaints:
        line += ("" if lang == "zh" else " ") + calendar_text("cli.complaints", lang, count=complaints)
    if backup is not None:
        line += ("" if lang == "zh" else " ") + calendar_text("cli.backup", lang, path=backup)
    sys.stderr.write(f"planner: {line}\n")
    return 0


def _output(path: str, force: bool, lang: str) -> Path:
    return output_path(path, suffix=SUFFIX, content=calendar_text("cli.content", lang), example="reminders", force=force,
                       exists="exists")


def _write(path: Path, data: bytes) -> Path | None:
    """Write ``data`` to ``path`` atomically, readable by its owner only; keep an existing file as ``NAME.bak``
    first. Return the backup's path, or None.

    Raises:
        InvalidInput: ``cannot_write`` (a missing or read-only folder, a full disk …).
    """
    backup: Path | None = None
    if path.exists():
        backup = path.with_name(path.name + BACKUP_SUFFIX)
        try:
            shutil.copy2(path, backup)
        except OSError as err:
            raise os_error(str(backup), err, writing=True) from err
    from planner.io.casefile import write_atomically

    write_atomically(path, data, mode=0o600)
    return backup
