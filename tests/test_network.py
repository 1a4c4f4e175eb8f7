"""The planner holds people's private financial data and never calls out: every CLI command on the example case
runs with outbound connections blocked, and none is even attempted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from netguard import guard_env

pytestmark = pytest.mark.slow


@pytest.fixture
def guarded(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The network log and an environment whose processes may open no connection at all (the CLI needs none)."""
    return guard_env(tmp_path, block_loopback=True)


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planner", *args], check=False, capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


def test_cli__every_command_runs_without_calling_out(guarded, tmp_path):
    """example, template, import, check, plan, payoff, schedule and cap succeed and attempt no connection."""
    log, env = guarded
    case = tmp_path / "case.json"
    table = tmp_path / "debts.csv"
    commands = [
        ["example", "-o", str(case)],
        ["template", "-o", str(table)],
        ["check", str(case)],
        ["check", str(case), "--json"],
        ["plan", str(case), "--fit"],
        ["plan", str(case), "--json", "--detail"],
        ["--lang", "en", "plan", str(case)],
        ["payoff", str(case), "--monthly", "3200", "--compare"],
        ["payoff", str(case), "--monthly", "3200", "--policy", "avalanche", "--json"],
        ["schedule", "--principal", "100000", "--annual-rate", "日万分之五", "--months", "12", "--start",
         "2026-01-15"],
        ["cap", "--kind", "民间借贷", "--contract-date", "2021/3/1", "--principal", "100000", "--annual-rate", "24",
         "--from", "2021-03-01", "--to", "2022-03-01", "--json"],
    ]
    for args in commands:
        result = _run(args, env, tmp_path)
        assert result.returncode == 0, (args, result.stderr)
    # The template's sample row, made into a real debt, imports into a new case.
    text = table.read_text(encoding="utf-8-sig").replace("（示例，导入前请删除此行）", "")
    table.write_text(text, encoding="utf-8-sig")
    result = _run(["import", str(table), "-o", str(tmp_path / "new.json"), "--income", "9000", "--expenses",
                   "6000", "--as-of", "2026-11-23"], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert log.read_text(encoding="utf-8") == ""


def test_guard__would_notice_a_connection(guarded, tmp_path):
    """The guard itself works: a connection attempt is refused and recorded."""
    log, env = guarded
    code = "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\nexcept OSError:\n    pass\n"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert "create_connection" in log.read_text(encoding="utf-8")


def test_library__plan_export_and_charts_run_without_calling_out(guarded, tmp_path):
    """The public API, the JSON export, the tables and a chart rendered to PNG make no connection either."""
    log, env = guarded
    code = (
        "import planner\n"
        "from planner.io.export import plan_json\n"
        "from planner.present.charts import comparison_figure, figure_png\n"
        "from planner.present.tables import comparison_frame\n"
        "result = planner.plan_case(planner.example_case(), fit=True)\n"
        "plan_json(result, detail=True)\n"
        "comparison_frame(result.comparison)\n"
        "assert figure_png(comparison_figure(result.comparison)).startswith(b'\\x89PNG')\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120, cwd=tmp_path)
    assert log.read_text(encoding="utf-8") == ""
