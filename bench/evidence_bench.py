"""Benchmark of the evidence package (issue 12), run by ``bench/run.py``.

A conduct log of 100 entries over two weeks with 200 attachments of 1 MB each (random bytes, as recordings and
photos do not compress): ``write_evidence`` packs them (copied in 1 MB blocks and hashed while copying, the log as
CSV and PDF, the manifest) and ``verify_evidence`` re-hashes every member. Reported: the time of each (median of 3)
and the memory — the Python heap's peak while writing and verifying (tracemalloc) and the process's peak resident
size growth (``ru_maxrss``, which also counts Typst's PDF compilation) — to show the package is streamed, not held
in memory: a package held whole would need more than 200 MB.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ATTACHMENTS = 200
SIZE = 1024 * 1024
ENTRIES = 100
TODAY = date(2026, 12, 2)
MEMORY_TARGET_MB = 16.0  # streamed: a few 1 MB blocks plus the log's PDF, far below the 200 MB of attachments


def _case(folder: Path) -> tuple[Any, Path]:
    from planner.domain.conduct import Attachment, LogEntry
    from planner.io.casefile import save_case
    from planner.io.examples import example_case

    files = folder / "证据"
    files.mkdir()
    attachments = []
    for n in range(ATTACHMENTS):
        data = os.urandom(SIZE)
        name = f"录音{n:03d}.m4a"
        (files / name).write_bytes(data)
        attachments.append(Attachment(f"证据/{name}", SIZE, hashlib.sha256(data).hexdigest()))
    start = datetime(2026, 11, 10, 8, 0)  # noqa: DTZ001 - China's local time, naive as the log keeps it
    per = ATTACHMENTS // ENTRIES
    conduct = tuple(
        LogEntry(time=start + timedelta(hours=3 * n + 1), channel="call",
                 contacted=("debtor", "family", "colleague")[n % 3], creditor=("cmb-card", "某平台委托第三方催收")[n % 2],
                 sender=f"171 0000 {n:04d}", duration_min=n % 7, note=f"第 {n + 1} 次来电，要求今天还清。",
                 attachments=tuple(attachments[n * per:(n + 1) * per]))
        for n in range(ENTRIES))
    case = dataclasses.replace(example_case(), conduct=conduct)
    path = folder / "case.json"
    save_case(case, path)
    return case, path


def bench(report: Callable[..., None]) -> None:
    """Run the evidence-package benchmark."""
    from planner.report.evidence import verify_evidence, write_evidence
    from planner.report.pdf import default_renderer

    sys.stdout.write("== The evidence package (issue 12) ==\n")
    default_renderer()  # fonts loaded once, outside the figures
    with tempfile.TemporaryDirectory(prefix="planner-evidence-") as tmp:
        folder = Path(tmp)
        case, path = _case(folder)
        target = folder / "证据包.zip"
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        writes, verifies = [], []
        for _ in range(3):
            started = time.perf_counter()
            result = write_evidence(case, target, case_path=path, today=TODAY)
            writes.append(time.perf_counter() - started)
            started = time.perf_counter()
            checked = verify_evidence(target)
            verifies.append(time.perf_counter() - started)
        rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024  # KB on Linux
        if not (result.ok and checked.ok and len(result.attachments) == ATTACHMENTS):
            sys.stdout.write(f"evidence: written ok={result.ok}, verified ok={checked.ok}\n")
        tracemalloc.start()
        try:
            write_evidence(case, target, case_path=path, today=TODAY)
            _, write_peak = tracemalloc.get_traced_memory()
            tracemalloc.reset_peak()
            verify_evidence(target)
            _, verify_peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        size_mb = target.stat().st_size / SIZE
        label = f"{ATTACHMENTS} attachments of 1 MB"
        sys.stdout.write(f"{f'write: {label}, median of 3 (s)':<58} {statistics.median(writes):9.2f} s   "
                         f"({size_mb:.0f} MB zip, {size_mb / statistics.median(writes):.0f} MB/s)\n")
        sys.stdout.write(f"{'verify: every member re-hashed, median of 3 (s)':<58} {statistics.median(verifies):9.2f} s\n")
        report("write: Python heap peak (tracemalloc, MB)", write_peak / SIZE, MEMORY_TARGET_MB, "MB")
        report("verify: Python heap peak (tracemalloc, MB)", verify_peak / SIZE, MEMORY_TARGET_MB, "MB")
        sys.stdout.write(f"{'process peak RSS growth, writes + verifies (MB)':<58} {rss_growth:9.1f} MB  "
                         "(includes Typst compiling the log's PDF)\n")


if __name__ == "__main__":
    def _report(name: str, value: float, target: float, unit: str = "ms") -> None:
        verdict = "meets target" if value <= target else "MISSES target"
        sys.stdout.write(f"{name:<58} {value:9.2f} {unit:<3} (target ≤ {target:g}; {verdict})\n")

    bench(_report)
