"""Proposals for a whole caseload: one function per case file, so any engine can map it over many files.

:func:`proposals_for_case` loads one case file, plans it, and writes one proposal PDF per creditor into a folder;
it never raises for a problem with the case — a bad file, an unknown scenario, a figure marked error, a character
the fonts lack — but returns a :class:`CaseResult` whose ``error`` says why, so that a caseload finishes and
reports. The CLI maps it over a folder with a process pool (``planner proposal CASES_DIR/ --all -o OUT/ --jobs
N``). Beyond one machine, the same function maps over files with an existing engine, e.g. Dask::

    import dask.bag as db
    results = db.from_sequence(paths, npartitions=64).map(
        proposals_for_case, out_dir="out/", today=date(2026, 12, 1)).compute()

(the output folder must then be on storage every worker writes to).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from planner.domain.model import Debt
from planner.engines.plan import CasePlan, plan_case
from planner.errors import InvalidInput, PlannerError
from planner.findings import Severity
from planner.io.casefile import load_case, write_atomically
from planner.report.pdf import Renderer, default_renderer
from planner.report.proposal import build_proposal, find_outcome
from planner.text import message, render, render_error

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')
MAX_NAME = 60  # characters of a creditor's name kept in a file name


@dataclass(frozen=True, slots=True)
class CaseResult:
    """What one case gave: the PDFs written, or why none were.

    Attributes:
        case: the case file.
        written: the files written, in the case's order of debts.
        scenario: the scenario the proposals follow.
        error: why the case failed (worded in the locale asked for); ``""`` when it did not.
        notes: what the preparer should know (a missing ID number, a scenario over budget), each once.
        seconds: the time the case took.
    """

    case: str
    written: tuple[str, ...] = ()
    scenario: str = ""
    error: str = ""
    notes: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Return True when the case gave its proposals."""
        return not self.error


def proposal_file_name(debt: Debt) -> str:
    """Return the file name of a debt's proposal: its id and its creditor, safe on every file system.

    >>> from planner.io.examples import example_case
    >>> proposal_file_name(example_case().debts[0])
    'cmb-card-招商银行信用卡中心.pdf'
    """
    creditor = _UNSAFE.sub("_", debt.creditor).strip("._")[:MAX_NAME]
    return f"{debt.id}-{creditor}.pdf" if creditor else f"{debt.id}.pdf"


def case_files(folder: str | Path) -> list[Path]:
    """Return the case files (``*.json``) directly in ``folder``, sorted by name (backups are not cases)."""
    return sorted(p for p in Path(folder).glob("*.json") if p.is_file() and not p.name.startswith("."))


def default_scenario(plan: CasePlan) -> str:
    """Return the scenario a caseload uses when none is named: the case's first.

    Raises:
        InvalidInput: ``empty`` on ``scenarios`` for a case without one.
    """
    if not plan.outcomes:
        raise InvalidInput("scenarios", "empty", 0)
    return plan.outcomes[0].name


def first_error(plan: CasePlan, locale: str) -> str:
    """Return the first finding marked error, worded (the case cannot be used as it is), or ``""``."""
    everything = [*plan.findings, *(f for a in plan.audits for f in a.findings),
                  *(f for o in plan.all for f in o.findings)]
    for finding in everything:
        if finding.severity is Severity.ERROR:
            subject = f"{finding.subject}: " if finding.subject else ""
            return subject + render(finding, locale)
    return ""


def write_proposals(plan: CasePlan, out_dir: str | Path, *, scenario: str, debt_ids: Iterable[str] | None = None,
                    locale: str = "zh", show_id: bool = False, today: date, renderer: Renderer | None = None,
                    force: bool = False) -> tuple[list[Path], list[str]]:
    """Write one proposal PDF per debt (all of them, or ``debt_ids``) into ``out_dir``; return the files and the
    preparer's notes.

    Every document is built and rendered before anything is written, so a character the fonts lack in one letter
    leaves no half-written set.

    Raises:
        InvalidInput: an unknown scenario or debt, a missing glyph, an existing file without ``force``, a folder
            that cannot be written.
    """
    renderer = renderer or default_renderer()
    folder = Path(out_dir)
    wanted = list(debt_ids) if debt_ids is not None else [d.id for d in plan.case.debts]
    debts = {d.id: d for d in plan.case.debts}
    targets, pdfs, notes = [], [], []
    for debt_id in wanted:
        document = build_proposal(plan, debt_id, scenario, locale=locale, show_id=show_id, today=today)
        target = folder / proposal_file_name(debts[debt_id])
        if target.exists() and not force:
            raise InvalidInput("file", "file_exists", str(target))
        pdfs.append(renderer.pdf(document))
        targets.append(target)
        notes += [n for n in document.notes if n not in notes]
    if pdfs:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            from planner.errors import os_error

            raise os_error(str(folder), err, writing=True) from err
    for target, pdf in zip(targets, pdfs, strict=True):
        write_atomically(target, pdf)
    return targets, notes


def proposals_for_case(case_path: str | Path, out_dir: str | Path, *, scenario: str | None = None,
                       locale: str = "zh", show_id: bool = False, today: date, font: str | None = None,
                       force: bool = False, debt_ids: Sequence[str] | None = None) -> CaseResult:
    """Load, plan and write the proposals of one case file into ``out_dir`` (one PDF per creditor).

    Never raises for the case's own problems: they come back as :attr:`CaseResult.error`.
    """
    started = time.perf_counter()
    path = str(case_path)
    try:
        plan = plan_case(load_case(path))
        problem = first_error(plan, locale)
        if problem:
            return CaseResult(path, error=problem, seconds=time.perf_counter() - started)
        chosen = find_outcome(plan, scenario).name if scenario else default_scenario(plan)
        renderer = default_renderer() if font is None else Renderer(font)
        written, notes = write_proposals(plan, out_dir, scenario=chosen, debt_ids=debt_ids, locale=locale,
                                         show_id=show_id, today=today, renderer=renderer, force=force)
    except InvalidInput as err:
        return CaseResult(path, error=render_error(err, locale), seconds=time.perf_counter() - started)
    except (PlannerError, OSError) as err:
        return CaseResult(path, error=str(err), seconds=time.perf_counter() - started)
    except Exception as err:  # noqa: BLE001 - one case's bug must not stop a caseload; it is reported
        detail = f"{type(err).__name__}: {err}"
        return CaseResult(path, error=message("internal", locale, error=detail), seconds=time.perf_counter() - started)
    return CaseResult(path, written=tuple(str(p) for p in written), scenario=chosen, notes=tuple(notes),
                      seconds=time.perf_counter() - started)
