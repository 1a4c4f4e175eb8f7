"""Benchmarks of the proposal (issue 11), run by ``bench/run.py``.

1. One proposal: the example case's letter to 招商银行信用卡中心 under the 60-installment scenario (a 60-row
   schedule, the chart, the reminder page), built from the plan and compiled to PDF, median over 20 letters —
   target ≤ 0.3 s and ≤ 200 KB. Each letter differs (its statement), so Typst's cache of identical inputs does
   not flatter the figure; the first letter in a process (fonts loaded) is reported apart.
2. A caseload: 1,000 generated case files with 2–5 creditors each, ``planner proposal CASES/ --all -o OUT/
   --jobs 2`` as a whole process on 2 cores — target ≤ 5 minutes — with the time per proposal.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

CASES = 1000
SCENARIO = "全部停息分期60期"


def bench_one(report: Callable[..., None]) -> None:
    from planner.domain.debtor import Debtor
    from planner.engines.plan import plan_case
    from planner.io.examples import example_case
    from planner.report.pdf import render_pdf
    from planner.report.proposal import build_proposal

    sys.stdout.write("== The proposal PDF (issue 11) ==\n")
    base = example_case()
    today = date(2026, 12, 2)

    def letter(n: int) -> bytes:
        debtor = Debtor(id_number="11010519491231002X", phone="138 0013 8000", hardship=("unemployment", "illness"),
                        statement=f"第{n}份：2026年6月公司裁员，本人失业至今。家人住院，医疗支出增加。")
        plan = plan_case(dataclasses.replace(base, debtor=debtor))
        return render_pdf(build_proposal(plan, "cmb-card", SCENARIO, today=today))

    started = time.perf_counter()
    first = letter(0)
    first_s = time.perf_counter() - started
    times = []
    for n in range(1, 21):
        started = time.perf_counter()
        pdf = letter(n)
        times.append(time.perf_counter() - started)
    pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type/Page")
    report("one proposal: plan + document + PDF, median of 20 (s)", statistics.median(times), 0.3, "s")
    report("one proposal: size (KB)", len(first) / 1024, 200, "KB")
    sys.stdout.write(f"{'  the first letter in a process (fonts loaded)':<58} {first_s:9.2f} s   ({pages} pages)\n")


def _write_cases(folder: Path) -> int:
    """Write :data:`CASES` case files varied from the example; return the number of creditors in all."""
    from planner.io.casefile import save_case
    from planner.io.examples import example_case

    base = example_case()
    creditors = 0
    for n in range(CASES):
        keep = 2 + n % 4  # 2–5 debts
        scale = Decimal(80 + n % 41) / 100
        debts = tuple(dataclasses.replace(d, outstanding_principal=(d.outstanding_principal * scale).quantize(
            Decimal("0.01")), original_principal=max(d.original_principal, (d.outstanding_principal * scale).quantize(
                Decimal("0.01")))) for d in base.debts[:keep])
        ids = {d.id for d in debts}
        scenarios = tuple(dataclasses.replace(s, plans=tuple((i, p) for i, p in s.plans if i in ids))
                          for s in base.scenarios)
        case = dataclasses.replace(base, borrower=f"客户{n:04d}", debts=debts, scenarios=scenarios)
        save_case(case, folder / f"case{n:04d}.json")
        creditors += keep
    return creditors


def bench_caseload(report: Callable[..., None]) -> None:
    with tempfile.TemporaryDirectory(prefix="planner-caseload-") as tmp:
        cases, out = Path(tmp) / "cases", Path(tmp) / "out"
        cases.mkdir()
        creditors = _write_cases(cases)
        planner = Path(sys.executable).with_name("planner")
        command = [str(planner), "proposal", str(cases), "--all", "-o", str(out), "--jobs", "2", "--scenario", SCENARIO]
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False,
                                env={**os.environ, "COLUMNS": "120"})
        seconds = time.perf_counter() - started
        written = sum(1 for _ in out.rglob("*.pdf"))
        if result.returncode != 0 or written != creditors:
            sys.stdout.write(f"caseload: exit {result.returncode}, {written} of {creditors} PDFs\n"
                             f"{result.stdout[-2000:]}{result.stderr[-2000:]}\n")
        report(f"caseload: {CASES} cases, {written} proposals, 2 processes (s)", seconds, 300, "s")
        sys.stdout.write(f"{'  per proposal, wall time on 2 cores':<58} {seconds / max(written, 1) * 1000:9.1f} ms\n")


def bench(report: Callable[..., None]) -> None:
    """Run the proposal benchmarks."""
    bench_one(report)
    bench_caseload(report)
