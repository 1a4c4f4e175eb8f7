"""Benchmark of the conduct-log rule checks (issue 12), run by ``bench/run.py``.

A log of 10,000 entries over 90 days from four creditors (calls answered and not, SMS and WeChat, family and
colleagues called, night calls, flags) checked against the package rules with ``check_log`` — target ≤ 100 ms,
median of repeated runs. The log is built once; the timing covers grouping the entries by creditor and every rule
(not the memory of the last logs checked, which makes a repeated check of the same log free).
"""

from __future__ import annotations

import dataclasses
import random
import sys
from collections.abc import Callable
from datetime import datetime, timedelta

ENTRIES = 10_000


def make_log(entries: int = ENTRIES) -> tuple:  # type: ignore[type-arg]
    from planner.domain.conduct import LogEntry

    rng = random.Random(12)
    start = datetime(2026, 9, 1)  # noqa: DTZ001 - log times are China-local, naive
    creditors = ["cmb-card", "cf-loan", "online-loan", "某平台委托第三方催收"]
    contacted = ["debtor"] * 8 + ["family", "colleague"]
    channels = ["call"] * 6 + ["sms", "wechat", "app-message"]
    flags = [(), (), (), (), (), (), ("threat",), ("impersonation",), ("disclosure",), ("insult", "doctored-image")]
    log = []
    for _ in range(entries):
        log.append(LogEntry(
            time=start + timedelta(minutes=rng.randrange(90 * 24 * 60)), channel=rng.choice(channels),
            contacted=rng.choice(contacted), creditor=rng.choice(creditors), sender=f"1{rng.randrange(10**10):010d}",
            flags=rng.choice(flags), answered=rng.random() < 0.4))
    return tuple(log)


def bench(median_ms: Callable[..., float], report: Callable[..., None]) -> None:
    from planner.caps.conduct import check_log, load_conduct_rules
    from planner.io.examples import example_case

    sys.stdout.write("== The conduct log (issue 12) ==\n")
    case = dataclasses.replace(example_case(), conduct=make_log())
    rules = load_conduct_rules()
    findings = check_log(case, rules=rules)
    sys.stdout.write(f"{len(case.conduct):,} entries, {len(findings)} findings\n")
    # entries= takes the uncached path: check_log remembers the last logs it checked (the app asks several times
    # per change), and the benchmark times the checks themselves.
    report(f"rule checks over {len(case.conduct):,} log entries",
           median_ms(lambda: check_log(case, rules=rules, entries=case.conduct), repeat=15, warmup=2), 100)
