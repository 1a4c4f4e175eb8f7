"""The planner notebook opened in JupyterLab and run top to bottom, in a real browser: the app it shows answers the
restructure slider and the reserve like the Voila app, and draws Chinese with the bundled font."""

from __future__ import annotations

import time

import pytest
from browser import harness

pytestmark = pytest.mark.slow


def test_jupyterlab__run_all_cells_shows_a_working_app(app_folder, jupyter_env, browser_context, screenshots):
    """Opened in JupyterLab, Run All Cells shows the app; its comparison follows the slider and the reserve."""
    started = time.monotonic()
    with harness.lab_server(app_folder, jupyter_env) as server:
        page = browser_context.new_page()
        page.goto(server.url, wait_until="domcontentloaded", timeout=harness.APP_MS)
        try:
            page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for(timeout=harness.APP_MS)
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            seen = harness.exercise_app(page, screenshots, "jupyterlab", app_folder / "example-case.json")
        except Exception:
            print("screenshot of the failure:", harness.screenshot(page, screenshots, "jupyterlab-failure"))
            print("JupyterLab log:\n" + server.tail())
            raise
    print(f"jupyterlab: {time.monotonic() - started:.1f} s; slider {seen['slider'][0]} → {seen['slider'][1]}; reserve "
          f"{seen['reserve'][0]} → {seen['reserve'][1]}; 'abc' says {seen['message']!r}; status {seen['status']!r}")
    print("screenshots:", *seen["screenshots"])
