"""Browser benchmark: how long the Voila app takes to show a new comparison after a key press on the slider.

``browser_keypress_ms(samples=10)`` serves notebooks/planner.ipynb with Voila on 127.0.0.1 (a temporary copy, fresh
Jupyter folders), opens it in Debian's Chromium, focuses the restructure slider's handle (方案 tab) and presses
ArrowRight ``samples`` times. Each timing is taken in the page with ``performance.now()``: from the keydown event
to the moment the ``.planner-comparison`` text differs from what it was (a MutationObserver), so the round trip
browser → kernel → re-plan → browser is measured without Playwright's or Python's overhead. Run alone:
``python bench/browser.py [samples]``.

Without /usr/bin/chromium, Playwright or the notebook it prints why and returns an empty list.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import tempfile
from pathlib import Path
from types import ModuleType

HARNESS = Path(__file__).resolve().parent.parent / "tests" / "browser" / "harness.py"

ARM = """([sel, old]) => {
    window.__plannerT0 = undefined;
    window.__plannerT1 = undefined;
    window.__plannerArmed = true;
    if (!window.__plannerKeydown) {
        window.__plannerKeydown = true;
        document.addEventListener('keydown', () => {
            if (window.__plannerArmed) { window.__plannerArmed = false; window.__plannerT0 = performance.now(); }
        }, true);
    }
    const observer = new MutationObserver(() => {
        const el = document.querySelector(sel);
        if (window.__plannerT0 !== undefined && el && el.textContent !== old) {
            window.__plannerT1 = performance.now();
            observer.disconnect();
        }
    });
    observer.observe(document.body, {subtree: true, childList: true, characterData: true});
}"""
"""Arm the page for one sample: note the time of the next keydown and of the first change of the comparison."""


def _harness() -> ModuleType:
    """Load tests/browser/harness.py (servers, browser, the app's DOM contract), shared with the browser tests."""
    name = "planner_browser_harness"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HARNESS)
    assert spec is not None
    assert spec.loader is not None
    module = sys.modules[name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _unavailable(harness: ModuleType, notebooks: Path) -> str | None:
    """Return why the benchmark cannot run here, or None."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed (pip install -e '.[test]')"
    if not (notebooks / harness.NOTEBOOK).is_file():
        return f"{notebooks / harness.NOTEBOOK} is missing"
    return harness.chromium_missing()  # type: ignore[no-any-return]


def browser_keypress_ms(samples: int = 10, *, timeout_ms: int = 30_000, notebooks: Path | None = None) -> list[float]:
    """Return ``samples`` timings in milliseconds, each from an ArrowRight keydown on the restructure slider's
    handle to the change of the comparison text, in the Voila app in Chromium; print their median.

    Returns an empty list, and prints why, when Chromium, Playwright or the notebook is missing. Each wait is
    bounded by ``timeout_ms`` (a timeout raises Playwright's TimeoutError). ``notebooks`` is the folder to copy
    and serve (default: the project's notebooks/)."""
    harness = _harness()
    notebooks = notebooks or harness.NOTEBOOKS
    reason = _unavailable(harness, notebooks)
    if reason:
        print(f"browser keypress: not measured: {reason}")
        return []
    timings: list[float] = []
    with tempfile.TemporaryDirectory(prefix="planner-bench-") as tmp:
        root = Path(tmp)
        folder = harness.copy_notebooks(root / "notebooks", notebooks)
        env = harness.jupyter_env(root / "jupyter")
        fonts = harness.write_fonts_conf(root / "fonts")
        with harness.voila_server(folder, env, log=root / "voila.log") as server, \
                harness.chromium(fonts) as context:
            page = context.new_page()
            page.goto(server.url, wait_until="domcontentloaded", timeout=harness.APP_MS)
            harness.wait_for_app(page)
            harness.open_tab(page, harness.OPTIONS_TAB)
            handle = page.locator(harness.HANDLE).first
            handle.wait_for(state="visible", timeout=timeout_ms)
            now, top = (float(handle.get_attribute(name) or "nan") for name in ("aria-valuenow", "aria-valuemax"))
            handle.focus()
            if not now + samples <= top:  # too close to the end (or unknown): start from the slider's minimum
                before = harness.text_of(page, harness.COMPARISON)
                page.keyboard.press("Home")
                if handle.get_attribute("aria-valuenow") != str(now):
                    harness.wait_text_change(page, harness.COMPARISON, before, timeout_ms)
            for _ in range(samples):
                harness.wait_settled(page, timeout_ms)
                harness.wait_stable(page, harness.COMPARISON, quiet_ms=300, timeout_ms=timeout_ms)
                old = page.evaluate("sel => document.querySelector(sel).textContent", harness.COMPARISON)
                page.evaluate(ARM, [harness.COMPARISON, old])
                handle.focus()
                page.keyboard.press("ArrowRight")
                page.wait_for_function("() => window.__plannerT1 !== undefined", timeout=timeout_ms)
                timings.append(float(page.evaluate("() => window.__plannerT1 - window.__plannerT0")))
    print(f"browser keypress → new comparison (Voila, Chromium): median {statistics.median(timings):.0f} ms "
          f"(min {min(timings):.0f}, max {max(timings):.0f}, {len(timings)} presses)")
    return timings


if __name__ == "__main__":
    browser_keypress_ms(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
