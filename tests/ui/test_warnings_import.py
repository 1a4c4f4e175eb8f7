"""The app builds in a fresh process with warnings as errors (the project's policy), imports included."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from planner.io.examples import example_case
from planner.ui.app import PlannerApp
app = PlannerApp(example_case(), autosave_delay=0)
print(len(app.summary.live.lines.y))
"""


def test_app__fresh_process_with_warnings_as_errors():
    """Importing and building the app in ``python -W error`` raises no warning (bqplot's scales included)."""
    done = subprocess.run([sys.executable, "-W", "error", "-c", SCRIPT], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-1500:]
    assert done.stdout.strip() == "4"
