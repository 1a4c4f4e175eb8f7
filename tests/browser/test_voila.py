"""The planner served as an app with Voila, in a real browser: it shows the comparison, answers the restructure
slider and the reserve, says in Chinese when the reserve is not an amount, and draws Chinese with the bundled font."""

from __future__ import annotations

import time

import pytest
from browser import harness

pytestmark = pytest.mark.slow


def test_voila__the_app_answers_the_slider_and_the_reserve(app_folder, jupyter_env, browser_context, screenshots):
    """Served by Voila, the app's comparison follows the slider and the reserve, and ``abc`` gets a Chinese
    message."""
    started = time.monotonic()
    with harness.voila_server(app_folder, jupyter_env) as server:
        page = browser_context.new_page()
        page.goto(server.url, wait_until="domcontentloaded", timeout=harness.APP_MS)
        try:
            seen = harness.exercise_app(page, screenshots, "voila", app_folder / "example-case.json")
        except Exception:
            print("screenshot of the failure:", harness.screenshot(page, screenshots, "voila-failure"))
            print("Voila log:\n" + server.tail())
            raise
    print(f"voila: {time.monotonic() - started:.1f} s; slider {seen['slider'][0]} → {seen['slider'][1]}; reserve "
          f"{seen['reserve'][0]} → {seen['reserve'][1]}; 'abc' says {seen['message']!r}; status {seen['status']!r}")
    print("screenshots:", *seen["screenshots"])
