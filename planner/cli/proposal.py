"""``planner proposal``: the negotiation proposal as PDF, for one creditor, every creditor, or a caseload.

* ``planner proposal CASE --creditor ID --scenario NAME -o FILE.pdf [--show-id]`` — one letter;
* ``planner proposal CASE --scenario NAME --all -o DIR/`` — one PDF per creditor;
* ``planner proposal CASES_DIR/ --all -o OUT/ [--scenario NAME] [--jobs N]`` — a caseload: each case's PDFs go to
  ``OUT/<case name>/``; a process pool, a progress bar on stderr, a case that fails is reported with its reason
  and the others finish; a summary; exit code 1 when any case failed.

Without ``--scenario`` a case's first scenario is used. The reminder to get a written, sealed confirmation before
paying is printed after the files are written (it is also the last page of every PDF).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from planner.cli import EXIT_FINDINGS, UsageError, finding_line, text_block
from planner.errors import InvalidInput
from planner.findings import Severity
from planner.text import message

DEFAULT_JOBS = 2


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``proposal`` command."""
    cmd = sub.add_parser("proposal", help="write the negotiation proposal as PDF (one creditor, all, or a folder of "
                                          "cases) / 生成协商还款申请书（PDF）")
    cmd.add_argument("case", help="case file (.json), or a folder of case files with --all / 案例文件或案例文件夹")
    cmd.add_argument("--creditor", help="the debt id of the creditor to write to / 债务编号")
    cmd.add_argument("--all", action="store_true", help="one PDF per creditor (into the folder -o) / 每个债权人一份")
    cmd.add_argument("--scenario", help="the scenario proposed (default: the case's first) / 方案名称")
    cmd.add_argument("-o", "--output", required=True, help="FILE.pdf, or a folder with --all / 输出文件或文件夹")
    cmd.add_argument("--show-id", action="store_true",
                     help="print ID number, phone and address in full (masked by default) / 完整显示身份证号等")
    cmd.add_argument("--font", help="a font file (.otf/.ttf) tried first, for characters the bundled fonts lack / "
                                    "补充字体文件")
    cmd.add_argument("--date", help="date of the letter (default today) / 申请日期")
    cmd.add_argument("--jobs", default=str(DEFAULT_JOBS),
                     help=f"processes for a folder of cases (default {DEFAULT_JOBS}) / 并行进程数")
    cmd.add_argument("--force", action="store_true", help="replace existing PDFs / 覆盖已有文件")
    cmd.set_defaults(func=run_proposal)


def _today(args: argparse.Namespace) -> date:
    from planner.dates import parse_date

    return parse_date(args.date, field="date") if args.date else date.today()  # noqa: DTZ011 - the CLI is an edge


def run_proposal(args: argparse.Namespace) -> int:
    """Write the proposal(s) and print where, the preparer's notes and the reminder."""
    if args.creditor and args.all:
        msg = f"planner proposal: {message('proposal.both', args.lang)}"
        raise UsageError(msg)
    if Path(args.case).is_dir():
        if not args.all:
            msg = f"planner proposal: {message('proposal.needs_all', args.lang)}"
            raise UsageError(msg)
        return _caseload(args)
    return _one_case(args)


def _one_case(args: argparse.Namespace) -> int:
    from planner.engines.plan import plan_case
    from planner.io.casefile import load_case
    from planner.report.caseload import default_scenario, write_proposals
    from planner.report.model import Document, document_text
    from planner.report.pdf import Renderer, default_renderer
    from planner.report.proposal import find_debt, find_outcome, reminder_blocks

    lang = args.lang
    today = _today(args)
    case = load_case(args.case)
    if not case.debts:
        raise InvalidInput("debts", "empty", 0)
    plan = plan_case(case)
    if plan.has_errors:  # the figures cannot be sent as they are
        errors = [f for f in (*plan.findings, *(f for a in plan.audits for f in a.findings))
                  if f.severity is Severity.ERROR]
        sys.stderr.write(text_block(finding_line(f, lang) for f in errors) + "\n")
        return EXIT_FINDINGS
    scenario = find_outcome(plan, args.scenario).name if args.scenario else default_scenario(plan)
    if not args.all and not args.creditor:
        choices = ", ".join(d.id for d in case.debts)
        msg = f"planner proposal: {message('proposal.needs_creditor', lang, choices=choices)}"
        raise UsageError(msg)
    renderer = default_renderer() if args.font is None else Renderer(args.font)
    if args.all:
        written, notes = write_proposals(plan, args.output, scenario=scenario, locale=lang, show_id=args.show_id,
                                         today=today, renderer=renderer, force=args.force)
        first = case.debts[0].id
    else:
        first = find_debt(plan, args.creditor).id
        written, notes = _write_one(plan, args, scenario, first, today, renderer)
    sys.stderr.write(message("proposal.written", lang, count=len(written), scenario=scenario) + "\n")
    sys.stderr.write("".join(f"  {path}\n" for path in written))
    sys.stderr.write("".join(message("proposal.note", lang, note=n) + "\n" for n in notes))
    reminder = Document(title="", locale=lang, date=today,
                        blocks=reminder_blocks(plan, first, scenario, locale=lang, today=today))
    sys.stdout.write(text_block(document_text(reminder).splitlines()) + "\n")
    return 0


def _write_one(plan: Any, args: argparse.Namespace, scenario: str, debt_id: str, today: date,
               renderer: Any) -> tuple[list[Path], list[str]]:
    from planner.io.casefile import write_atomically
    from planner.report.caseload import proposal_file_name
    from planner.report.proposal import build_proposal, find_debt

    target = Path(args.output)
    if target.is_dir():
        target = target / proposal_file_name(find_debt(plan, debt_id))
    if target.exists() and not args.force:
        raise InvalidInput("file", "file_exists", str(target))
    document = build_proposal(plan, debt_id, scenario, locale=args.lang, show_id=args.show_id, today=today)
    pdf = renderer.pdf(document)
    write_atomically(target, pdf)
    return [target], list(document.notes)


def _warm() -> None:
    """Load the fonts once per worker process, before its first case."""
    from planner.report.pdf import default_renderer

    default_renderer()


def _caseload(args: argparse.Namespace) -> int:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from planner.money import to_int
    from planner.report.caseload import CaseResult, case_files, proposals_for_case

    lang = args.lang
    jobs = to_int(str(args.jobs).strip(), field="jobs", low=1, high=max(64, os.cpu_count() or 1))
    today = _today(args)
    files = case_files(args.case)
    if not files:
        msg = f"planner proposal: {message('proposal.no_cases', lang, folder=args.case)}"
        raise UsageError(msg)
    out = Path(args.output)
    options: dict[str, Any] = {"scenario": args.scenario, "locale": lang, "show_id": args.show_id, "today": today,
                               "font": args.font, "force": args.force}
    started = time.perf_counter()
    results: list[CaseResult] = []
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=not console.is_terminal) as progress:
        task = progress.add_task(message("proposal.progress", lang), total=len(files))
        if jobs == 1:
            for path in files:
                results.append(proposals_for_case(path, out / path.stem, **options))
                progress.advance(task)
        else:
            # Workers start from a fresh interpreter (forkserver, or spawn): a forked copy of a process that has
            # already compiled a document could inherit the compiler's locks held by its threads.
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            with ProcessPoolExecutor(max_workers=min(jobs, len(files)), initializer=_warm,
                                     mp_context=context) as pool:
                futures = {pool.submit(proposals_for_case, path, out / path.stem, **options): path for path in files}
                for future in as_completed(futures):
                    results.append(future.result())
                    progress.advance(task)
    seconds = time.perf_counter() - started
    results.sort(key=lambda r: r.case)
    failed = [r for r in results if not r.ok]
    pdfs = sum(len(r.written) for r in results)
    lines = [message("proposal.summary", lang, cases=len(results), ok=len(results) - len(failed),
                     failed=len(failed), pdfs=pdfs, seconds=f"{seconds:.1f}",
                     each=f"{seconds / pdfs:.3f}" if pdfs else "—")]
    if failed:
        lines += [message("proposal.failed", lang),
                  *(message("proposal.case_line", lang, case=Path(r.case).name, reason=r.error) for r in failed)]
    noted = [r for r in results if r.ok and r.notes]
    if noted:
        lines += [message("proposal.notes_heading", lang),
                  *(message("proposal.case_notes", lang, case=Path(r.case).name, notes=("" if lang == "zh" else " ").join(r.notes))
                    for r in noted)]
    lines.append(message("proposal.each_reminder", lang))
    sys.stdout.write(text_block(lines) + "\n")
    return EXIT_FINDINGS if failed else 0
