"""The core stays pure: it imports no UI, plotting or data-frame library."""

import subprocess
import sys

CORE = ["money", "rates", "dates", "errors", "findings", "domain.model", "domain.options", "domain.case",
        "caps", "engines.schedules.build", "engines.scenarios", "engines.payoff"]


def test_core__imports_no_ui_plotting_or_pandas():
    """Importing every core module in a fresh interpreter loads neither ipywidgets, matplotlib nor pandas."""
    code = (
        "import sys\n"
        + "".join(f"import planner.{name}\n" for name in CORE)
        + "bad = sorted(m for m in ('ipywidgets', 'matplotlib', 'pandas', 'numpy') if m in sys.modules)\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
