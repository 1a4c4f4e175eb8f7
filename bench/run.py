"""Benchmarks for the engines (``make bench``): prints figures and ratios against the targets.

1. Scenario engine (issue 2): 20 debts × 5 scenarios × 60-month plans, planned from scratch (``plan_case``: the
   cap audit, status-quo baseline, schedules, APRs and monthly cash flow) — target ≤ 20 ms median; ratio to a
   numpy-financial pipeline that builds the same rounded schedule tables (pmt/ipmt/ppmt, rounded to the fen, one
   DataFrame per plan) — target ≤ 1.0; and the time at several sizes to show growth is linear.
2. Recomputing only what changed (issue 9): a ``PlanContext`` re-plans the same case after one debt's plan in one
   scenario changed — target ≤ 5 ms median — and after the budget changed — target ≤ 2 ms — with the number of
   schedules rebuilt (1 and 0).
3. Payoff policies (issue 6): 20 debts × 4 policies × up to 120 months — target ≤ 20 ms median; ratio to (1);
   growth with debts and months at three sizes.
4. The CLI (issue 9): ``planner plan`` on the example case as a whole process (interpreter start included), and
   ``import planner`` (time, and that it loads no pandas, matplotlib or ipywidgets).
5. The app (issue 10), in-process on the example case, median over 50 changes: a widget value change → the
   comparison table and the visible (live) chart updated — target ≤ 100 ms — for a restructure-months change and
   a budget (reserve) change separately; cold start (a new interpreter: import + the app built on the example
   case) — target ≤ 3 s; and, when Debian's Chromium is there, a key press on the restructure slider in the Voila
   app → the comparison table's text changed in the browser, median over 10 (reported, no target); an entry added
   on the 催收记录 tab to a 1,000-entry log → its table and timeline drawn again — target ≤ 100 ms.
6. The proposal (issue 11): one letter (a 60-row schedule, the chart) planned, built and compiled to PDF — target
   ≤ 0.3 s and ≤ 200 KB — and a caseload of 1,000 generated cases through ``planner proposal DIR --all --jobs 2``
   — target ≤ 5 minutes — with the time per proposal (see ``bench/proposal_bench.py``).
7. The conduct log (issue 12): the rule checks over 10,000 log entries — target ≤ 100 ms
   (``bench/conduct_bench.py``); the evidence package of 200 attachments of 1 MB, written and verified — time
   and memory reported, streamed (``bench/evidence_bench.py``).

Machines here are shared and noisy (2 cores): figures are medians of repeated runs; targets are reported, not
enforced (the exit code is 0 unless a benchmark crashes).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from planner.domain.case import Case
from planner.domain.model import Budget, Debt, ExpenseItem, IncomeItem
from planner.domain.options import (
    Deferral,
    Plan,
    RateChoice,
    RepaymentMethod,
    Restructure,
    Scenario,
    Waiver,
    WaiverMode,
)
from planner.engines.plan import PlanContext, plan_case

TARGET_MS = 20.0
KINDS = ["credit-card", "bank-loan", "consumer-finance", "online-platform", "microloan", "private"]


def median_ms(func: Callable[[], object], *, repeat: int = 25, warmup: int = 3) -> float:
    """Return the median wall time of ``func`` in milliseconds."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def make_case(debts: int, months: int) -> Case:
    """Return a synthetic case with ``debts`` overdue debts and 5 scenarios of ``months``-month plans."""
    items = tuple(
        Debt(
            id=f"d{i:03d}", creditor=f"债权人{i}", kind=KINDS[i % len(KINDS)], contract_date=date(2022, 1 + i % 12, 1),
            original_principal=Decimal(20000 + 1000 * i), outstanding_principal=Decimal(18000 + 900 * i),
            contract_rate=Decimal("18.25") if i % 3 else Decimal("7.2"), monthly_payment=Decimal(900 + 40 * i),
            accrued_interest=Decimal(300 + i), penalty_interest=Decimal(500 + 3 * i), liquidated_damages=Decimal(100),
            other_fees=Decimal(50 * (i % 4)), penalty_rate=Decimal("27.375") if i % 3 else Decimal("10.8"),
            overdue_since=date(2025, 6, 1),
        )
        for i in range(debts)
    )
    budget = Budget((IncomeItem("工资", Decimal(30000)),), (ExpenseItem("housing", Decimal(6000)),), Decimal(1000))
    start = date(2026, 12, 1)
    plans = [
        Plan(waiver=Waiver(WaiverMode.PENALTIES_AND_FEES), restructure=Restructure(months=months)),
        Plan(waiver=Waiver(WaiverMode.EXCESS),
             restructure=Restructure(months=months, rate=RateChoice.CAPPED, monthly_fee_percent=Decimal("0.3"))),
        Plan(deferral=Deferral(months=6, token_amount=Decimal(100)),
             restructure=Restructure(months=max(1, months - 6), rate=RateChoice.CONTRACT)),
        Plan(waiver=Waiver(WaiverMode.PERCENT, Decimal(50)),
             restructure=Restructure(months=months, method=RepaymentMethod.EQUAL_PRINCIPAL, rate=RateChoice.CONTRACT)),
        Plan(waiver=Waiver(WaiverMode.PRINCIPAL_ONLY),
             restructure=Restructure(months=months, down_payment=Decimal(1000))),
    ]
    scenarios = tuple(
        Scenario(f"方案{k + 1}", tuple((d.id, plan) for d in items), start) for k, plan in enumerate(plans)
    )
    return Case(budget, items, date(2026, 11, 23), scenarios)


def numpy_financial_pipeline(case: Case, months: int) -> Callable[[], object]:
    """Return a callable building, for each (debt, scenario), the rounded schedule table with numpy-financial."""
    import numpy as np
    import numpy_financial as npf
    import pandas as pd

    balances = [float(d.balance) for d in case.debts]  # float: the numpy pipeline is what we compare against
    rates = [float(d.contract_rate.percent_per_year) / 1200 for d in case.debts]
    due = pd.date_range("2027-01-01", periods=months, freq="MS")
    periods = np.arange(1, months + 1)

    def run() -> list[pd.DataFrame]:
        tables = []
        for _scenario in case.scenarios:
            for balance, rate in zip(balances, rates, strict=True):
                payment = np.round(-npf.pmt(rate, months, balance), 2)
                interest = np.round(-npf.ipmt(rate, periods, months, balance), 2)
                principal = np.round(payment - interest, 2)
                remaining = np.round(balance - np.cumsum(principal), 2)
                tables.append(pd.DataFrame({"period": periods, "due_date": due, "payment": payment,
                                            "principal": principal, "interest": interest, "balance": remaining}))
        return tables

    return run


def report(name: str, value: float, target: float, unit: str = "ms") -> None:
    verdict = "meets target" if value <= target else "MISSES target"
    sys.stdout.write(f"{name:<58} {value:9.2f} {unit:<3} (target ≤ {target:g}; {verdict})\n")


def bench_scenarios() -> float:
    sys.stdout.write("== Scenario engine (issue 2) ==\n")
    case = make_case(20, 60)
    engine = median_ms(lambda: plan_case(case, fit=False))
    report("20 debts × 5 scenarios × 60 months, median", engine, TARGET_MS)
    oracle = median_ms(numpy_financial_pipeline(case, 60), repeat=9)
    sys.stdout.write(f"{'numpy-financial pipeline (same rounded tables), median':<58} {oracle:9.2f} ms\n")
    report("ratio engine / numpy-financial", engine / oracle, 1.0, unit="×")
    sys.stdout.write("growth (debts × months → ms, ms per debt-month):\n")
    for debts, months in ((5, 60), (20, 60), (80, 60), (20, 15), (20, 120)):
        sized = make_case(debts, months)
        ms = median_ms(lambda sized=sized: plan_case(sized, fit=False), repeat=9)
        sys.stdout.write(f"  {debts:>3} × {months:>3}: {ms:8.2f} ms   {1000 * ms / (debts * months):7.2f} µs\n")
    return engine


def bench_incremental() -> None:
    """Re-plan after one plan changed, and after the budget changed, with a warm PlanContext."""
    sys.stdout.write("\n== Recomputing only what changed (issue 9) ==\n")
    case = make_case(20, 60)
    scenario = case.scenarios[2]
    debt_id, plan = scenario.plans[7]
    longer = replace(plan, restructure=replace(plan.restructure, months=plan.restructure.months - 1))
    variants = [
        replace(case, scenarios=tuple(
            replace(s, plans=tuple((d, longer if (s is scenario and d == debt_id and flip) else p) for d, p in s.plans))
            for s in case.scenarios))
        for flip in (False, True)
    ]
    context = PlanContext()
    context.plan(variants[0], fit=False)
    state = {"k": 0}

    def one_plan() -> None:
        state["k"] ^= 1
        context.plan(variants[state["k"]], fit=False)

    before = context.stats.schedule_builds
    one_plan()
    rebuilt = context.stats.schedule_builds - before
    ms = median_ms(one_plan)
    report(f"one debt's plan changed in one scenario ({rebuilt} schedule rebuilt), median", ms, 5.0)
    budgets = [case.budget, replace(case.budget, reserve=Decimal(1500))]
    cases = [replace(case, budget=b) for b in budgets]
    context.plan(cases[0], fit=False)

    def one_budget() -> None:
        state["k"] ^= 1
        context.plan(cases[state["k"]], fit=False)

    before = context.stats.schedule_builds
    one_budget()
    rebuilt = context.stats.schedule_builds - before
    ms = median_ms(one_budget)
    report(f"the budget changed ({rebuilt} schedules rebuilt), median", ms, 2.0)


def bench_cli() -> None:
    """Time ``planner plan`` on the example case and ``import planner`` as whole processes."""
    import subprocess
    import tempfile
    from pathlib import Path

    sys.stdout.write("\n== The CLI as a whole process (issue 9) ==\n")
    with tempfile.TemporaryDirectory() as folder:
        case = Path(folder) / "example.json"
        subprocess.run([sys.executable, "-m", "planner", "example", "-o", str(case)], check=True,
                       capture_output=True)

        def plan() -> None:
            subprocess.run([sys.executable, "-m", "planner", "plan", str(case)], check=True, capture_output=True)

        ms = median_ms(plan, repeat=7, warmup=1)
        sys.stdout.write(f"{'planner plan example.json (interpreter start included), median':<58} {ms:9.2f} ms\n")
    code = ("import sys, time; t = time.perf_counter(); import planner; planner.Case; "
            "print((time.perf_counter() - t) * 1000); "
            "print(','.join(m for m in ('pandas', 'matplotlib', 'ipywidgets', 'numpy') if m in sys.modules) or '-')")
    runs = [subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
            for _ in range(7)]
    ms = statistics.median(float(r[0]) for r in runs)
    sys.stdout.write(f"{'import planner (+ the value types), median':<58} {ms:9.2f} ms   heavy modules loaded: "
                     f"{runs[0][1]}\n")


def bench_app() -> None:
    """The app: a widget change → the table and the live chart updated; cold start; the browser round trip."""
    import subprocess
    import tempfile
    from pathlib import Path

    from planner.ui import PlannerApp

    sys.stdout.write("\n== The app (issue 10) ==\n")
    with tempfile.TemporaryDirectory() as folder:
        app = PlannerApp.for_file(Path(folder) / "example-case.json", example=True, autosave_delay=60)
        app.tabs.selected_index = 2  # 方案 Options: the restructure slider
        months = app.options_tab.months.input
        values = iter([30 + (k % 30) for k in range(1, 200)])
        builds = app.context.stats.schedule_builds

        def restructure() -> None:
            before = app.summary.table.value
            months.value = next(values)
            assert app.summary.table.value != before

        restructure_ms = median_ms(restructure, repeat=50, warmup=3)
        per_change = (app.context.stats.schedule_builds - builds) / 53
        report("app: restructure months changed → table + chart updated, median", restructure_ms, 100.0)
        sys.stdout.write(f"{'   schedules rebuilt per change':<58} {per_change:9.2f}\n")
        app.tabs.selected_index = 0  # 案例 Case: the reserve field
        reserves = iter(range(100, 400))

        def budget() -> None:
            before = app.summary.table.value
            app.case_tab.reserve.input.value = str(next(reserves))
            assert app.summary.table.value != before

        report("app: budget (reserve) changed → table + chart updated, median", median_ms(budget, repeat=50), 100.0)
        app.store.cancel()
    bench_conduct_tab()
    code = ("import time, tempfile, pathlib; t = time.perf_counter(); from planner.ui import PlannerApp; "
            "d = tempfile.mkdtemp(); "
            "app = PlannerApp.for_file(pathlib.Path(d) / 'c.json', example=True); "
            "print(time.perf_counter() - t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
                  .stdout.split()[-1]) for _ in range(3)]
    report("app: cold start (import + the app on the example), median", statistics.median(runs), 3.0, "s")
    from browser import browser_keypress_ms

    browser_keypress_ms(10)  # prints its median (or why it could not run: no Chromium)


def bench_conduct_tab(size: int = 1000) -> None:
    """The 催收记录 tab on a log of ``size`` entries: an entry added → the case re-planned, the log's table and the
    timeline drawn again (the save is debounced, as in the app)."""
    import tempfile
    from datetime import datetime, timedelta
    from pathlib import Path

    from planner.domain import edits
    from planner.domain.conduct import LogEntry
    from planner.io.examples import example_case
    from planner.ui import PlannerApp

    start = datetime(2026, 1, 1, 8, 0)  # noqa: DTZ001 - the log keeps China-local times without a zone
    log = tuple(LogEntry(time=start + timedelta(minutes=37 * n), channel="call", sender=str(1000 + n % 50),
                         contacted="family" if n % 9 == 0 else "debtor",
                         creditor="cmb-card" if n % 3 else "某平台委托第三方催收") for n in range(size))
    with tempfile.TemporaryDirectory() as folder:
        app = PlannerApp(edits.add_conduct_entries(example_case(), log), autosave_delay=60,
                         clock=lambda: datetime(2027, 6, 1, 10, 0))  # noqa: DTZ001 - China-local
        app.store.open(Path(folder) / "case.json", default=app.case)
        app.tabs.selected_index = app.pages.index(app.conduct_tab)
        tab = app.conduct_tab
        minutes = iter(range(10_000))

        def add() -> None:
            count = len(app.case.conduct)
            tab.time_input.value = (datetime(2027, 6, 1) + timedelta(minutes=next(minutes))).strftime(  # noqa: DTZ001
                "%Y-%m-%d %H:%M")
            tab.add()
            assert len(app.case.conduct) == count + 1

        report(f"app: an entry added to a {size:,}-entry collection log, median", median_ms(add, repeat=25), 100.0)
        app.store.cancel()


def main() -> int:
    from conduct_bench import bench as bench_conduct
    from evidence_bench import bench as bench_evidence
    from payoff_bench import bench as bench_payoff  # bench/ is on sys.path when run as a script
    from proposal_bench import bench as bench_proposal

    engine = bench_scenarios()
    bench_incremental()
    bench_payoff(engine, median_ms, report)
    bench_cli()
    bench_app()
    bench_proposal(report)
    bench_conduct(median_ms, report)
    bench_evidence(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
