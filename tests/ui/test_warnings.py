"""The app builds under the project's warning policy (warnings are errors): no chart option is deprecated."""

from __future__ import annotations

import warnings

from planner.io.examples import example_case
from planner.ui.app import PlannerApp


def test_app__builds_with_warnings_as_errors():
    """Building the app raises no warning (planner/ui/charts.py must not pass deprecated bqplot arguments)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        app = PlannerApp(example_case(), autosave_delay=0)
    assert app.summary.live.lines.y.shape[0] == 4
