"""Serve the planner notebook on 127.0.0.1 (Voila or JupyterLab) and drive it in Debian's Chromium with Playwright.

Shared by the browser tests (``tests/browser/``) and the keypress benchmark (``bench/browser.py``). Everything a
run writes — the copied notebooks, the case file the app autosaves, Jupyter's config, runtime and data folders, the
fontconfig cache — lands in a temporary folder; servers listen on free ports on 127.0.0.1 only and are always
stopped with their kernels; the browser may fetch nothing beyond 127.0.0.1 (the Voila page links fonts and scripts
on outside CDNs: those requests are aborted).

Chinese text needs a CJK font, and none is assumed on the machine: Chromium gets a fontconfig file that adds the
folder of the bundled Noto Sans SC (``pylopdf_fonts_zh_cn``), passed to the browser process only.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK = "planner.ipynb"
BIN = Path(sys.executable).parent

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MISSING_CHROMIUM = (f"Debian's Chromium is missing ({CHROMIUM}): the browser tests and bench/browser.py need it. "
                    "Install it with `apt-get install -y --no-install-recommends chromium` (never `playwright install`).")
ANNOUNCEMENTS = "@jupyterlab/apputils-extension:announcements"

# The DOM contract of planner.ui.PlannerApp (ipywidgets add_class).
APP = ".planner-app"
TAB = ".lm-TabBar-tab, .p-TabBar-tab"
SLIDER = ".planner-restructure-months"
HANDLE = f"{SLIDER} .noUi-handle"
READOUT = f"{SLIDER} .widget-readout"
SUMMARY = ".planner-summary"
COMPARISON = ".planner-comparison"
CHART = ".planner-chart"
RESERVE = ".planner-reserve"
RESERVE_INPUT = f"{RESERVE} input"
STATUS = ".planner-status"
OPTIONS_TAB = "方案"
CASE_TAB = "案例"
CJK = re.compile(r"[\u4e00-\u9fff]")

SERVER_START_S = 90.0
"""Upper bound for a server to answer (Voila ~2 s, JupyterLab ~5 s here; CI machines are slower)."""
APP_MS = 90_000
"""Upper bound for the app to appear after the page loads or the cells run (kernel start, imports, first plan)."""
UPDATE_MS = 30_000
"""Upper bound for the comparison to change after an input changed (a re-plan takes milliseconds)."""


# ---------------------------------------------------------------------------------------------------------------
# The environment: ports, folders, fonts


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free now (bind to port 0 and let the system choose)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def font_folder() -> Path:
    """Return the folder of the bundled Noto Sans SC (``NotoSansSC-Regular.otf``)."""
    folder = Path(str(resources.files("pylopdf_fonts_zh_cn")))
    assert (folder / "NotoSansSC-Regular.otf").is_file(), f"no NotoSansSC-Regular.otf in {folder}"
    return folder


def write_fonts_conf(folder: Path, *, fonts: Path | None = None, system: bool = True) -> Path:
    """Write a fontconfig file that adds ``fonts`` (default: the bundled font's folder) to the system's fonts (or,
    with ``system=False``, offers that folder alone), and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fonts.conf"
    include = '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n' if system else ""
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"{include}  <dir>{fonts or font_folder()}</dir>\n  <cachedir>{folder / 'fc-cache'}</cachedir>\n"
        "</fontconfig>\n", encoding="utf-8")
    return path


def jupyter_env(folder: Path) -> dict[str, str]:
    """Return an environment whose HOME and Jupyter config, runtime and data folders are fresh ones under
    ``folder``; the config disables JupyterLab's announcements (the news toast, and its calls to jupyter.org)."""
    paths = {name: folder / name for name in ("home", "config", "runtime", "data", "mpl")}
    for path in paths.values():
        path.mkdir(parents=True, exist_ok=True)
    labconfig = paths["config"] / "labconfig"
    labconfig.mkdir(exist_ok=True)
    (labconfig / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {ANNOUNCEMENTS: True}}), encoding="utf-8")
    env = {**os.environ, "HOME": str(paths["home"]), "JUPYTER_CONFIG_DIR": str(paths["config"]),
           "JUPYTER_RUNTIME_DIR": str(paths["runtime"]), "JUPYTER_DATA_DIR": str(paths["data"]),
           "MPLCONFIGDIR": str(paths["mpl"]), "JUPYTER_PLATFORM_DIRS": "1", "PYTHONUNBUFFERED": "1"}
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    env.pop("JUPYTER_TOKEN", None)
    return env


def copy_notebooks(dest: Path, source: Path = NOTEBOOKS) -> Path:
    """Copy the notebook folder to ``dest`` (the app writes its case file beside the notebook) and return it."""
    assert (source / NOTEBOOK).is_file(), f"{source / NOTEBOOK} is missing: the browser tests serve that notebook"
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "example-case*.json", "*.bak"))
    return dest


# ---------------------------------------------------------------------------------------------------------------
# Servers


@dataclass
class Server:
    """A Jupyter server (Voila or JupyterLab) running as a child process; ``stop()`` ends it and its kernels."""

    command: list[str]
    cwd: Path
    env: dict[str, str]
    log: Path
    port: int
    url: str
    process: subprocess.Popen[bytes] | None = None
    started: float = field(default=0.0)

    def start(self, probe: str, timeout: float = SERVER_START_S) -> Server:
        """Start the server and wait until ``probe`` (a path on it) answers 200, or fail with its log."""
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(self.command, cwd=self.cwd, env=self.env, stdout=log,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.started = time.monotonic()
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.command[0]} exited with {self.process.returncode}:\n{self.tail()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{probe}", timeout=5) as answer:
                    if answer.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise TimeoutError(f"{self.command[0]} did not answer {probe} within {timeout:.0f} s:\n{self.tail()}")

    def tail(self, lines: int = 40) -> str:
        """Return the end of the server's log."""
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, timeout: float = 15.0) -> None:
        """Stop the server (SIGTERM: it shuts its kernels down), then end any kernel it left, by process id."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        import psutil  # ipykernel's dependency: present wherever a kernel runs

        try:
            children = psutil.Process(process.pid).children(recursive=True)
        except psutil.Error:
            children = []
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        for child in children:
            with contextlib.suppress(psutil.Error):
                child.terminate()
        _, alive = psutil.wait_procs(children, timeout=5)
        for child in alive:
            with contextlib.suppress(psutil.Error):
                child.kill()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def voila_server(folder: Path, env: dict[str, str], *, notebook: str = NOTEBOOK, log: Path | None = None) -> Server:
    """Serve ``folder/notebook`` with Voila on a free port of 127.0.0.1; return the running server.

    Readiness is probed on ``/voila/static/voila.js``: every ``GET /`` starts a kernel."""
    port = free_port()
    command = [str(BIN / "voila"), notebook, "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
               "--show_tracebacks=True"]
    server = Server(command, folder, env, log or folder.parent / "voila.log", port, f"http://127.0.0.1:{port}/")
    return server.start("/voila/static/voila.js")


@contextlib.contextmanager
def voila_tab(folder: Path, env: dict[str, str], context: Any, tab: str, shots: Path, name: str) -> Iterator[Any]:
    """Serve ``folder`` with Voila, open the app in a new page of ``context`` on the tab titled ``tab`` and yield
    the page; a failure inside saves ``shots/name-failure.png`` and prints the Voila log before it propagates."""
    with voila_server(folder, env) as server:
        page = context.new_page()
        page.goto(server.url, wait_until="domcontentloaded", timeout=APP_MS)
        try:
            wait_for_app(page)
            open_tab(page, tab)
            yield page
        except Exception:
            print("screenshot of the failure:", screenshot(page, shots, f"{name}-failure"))
            print("Voila log:\n" + server.tail())
            raise


def lab_server(folder: Path, env: dict[str, str], *, log: Path | None = None) -> Server:
    """Start JupyterLab on ``folder`` on a free port of 127.0.0.1, with a random token and ``window.jupyterapp``."""
    port = free_port()
    token = os.urandom(16).hex()
    command = [str(BIN / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}",
               "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    server = Server(command, folder, env, log or folder.parent / "lab.log", port,
                    f"http://127.0.0.1:{port}/lab/tree/{NOTEBOOK}?token={token}")
    return server.start(f"/api/status?token={token}")


# ---------------------------------------------------------------------------------------------------------------
# The browser


def chromium_missing() -> str | None:
    """Return why the browser cannot run (Chromium is not installed), or None."""
    return None if os.access(CHROMIUM, os.X_OK) else MISSING_CHROMIUM


@contextlib.contextmanager
def chromium(fonts_conf: Path | None, *, width: int = 1280, height: int = 1000) -> Iterator[Any]:
    """Yield a Playwright browser context in Debian's Chromium that can reach 127.0.0.1 only and, given the
    fontconfig file of :func:`write_fonts_conf`, sees the bundled Chinese font."""
    from playwright.sync_api import sync_playwright

    env = {**os.environ, **({"FONTCONFIG_FILE": str(fonts_conf)} if fonts_conf else {})}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                             env=env, timeout=60_000)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
            context.route("**/*", _local_only)
            context.set_default_timeout(UPDATE_MS)
            yield context
        finally:
            browser.close()


def _local_only(route: Any) -> None:
    """Let requests to 127.0.0.1 through; abort the rest (the Voila page's CDN links, anything else)."""
    if urlparse(route.request.url).hostname in {"127.0.0.1", "localhost"}:
        route.continue_()
    else:
        route.abort("blockedbyclient")


# ---------------------------------------------------------------------------------------------------------------
# The app in the page


ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def wait_for_app(page: Any, timeout_ms: int = APP_MS) -> None:
    """Wait until the app's root and its comparison table are shown; fail at once, with the traceback, when a cell
    raised instead."""
    outcome = page.wait_for_function(
        """([app, table, errors]) => {
            if (document.querySelector(app) && document.querySelector(table)) return 'app';
            for (const el of document.querySelectorAll(errors))
                if (/Traceback|Error|There was an error/.test(el.innerText)) return el.innerText;
            return false;
        }""", arg=[APP, f"{APP} {COMPARISON} table", ERROR_OUTPUT], timeout=timeout_ms).json_value()
    assert outcome == "app", f"a cell of the notebook failed:\n{outcome}"
    page.locator(APP).first.wait_for(state="visible", timeout=timeout_ms)


def open_tab(page: Any, title: str) -> None:
    """Click the app's tab titled exactly ``title``."""
    tab = page.locator(APP).first.locator(TAB).filter(has_text=re.compile(rf"^\s*{re.escape(title)}\s*$"))
    tab.first.click()


def text_of(page: Any, selector: str) -> str:
    """Return the text of the first element matching ``selector`` ('' when there is none)."""
    return str(page.evaluate("sel => { const el = document.querySelector(sel); return el ? el.innerText : ''; }",
                             selector))


def wait_text_change(page: Any, selector: str, old: str, timeout_ms: int = UPDATE_MS) -> str:
    """Wait until the text of ``selector`` differs from ``old``; return the new text."""
    page.wait_for_function(
        "([sel, old]) => { const el = document.querySelector(sel); return el && el.innerText !== old; }",
        arg=[selector, old], timeout=timeout_ms)
    return text_of(page, selector)


def wait_stable(page: Any, selector: str, quiet_ms: int = 600, timeout_ms: int = UPDATE_MS) -> str:
    """Wait until the text of ``selector`` has not changed for ``quiet_ms`` (the updates of several key presses
    arrive one by one); return it."""
    page.wait_for_function(
        """([sel, quiet]) => {
            const text = (document.querySelector(sel) || {}).innerText, now = performance.now();
            const seen = (window.__plannerStable = window.__plannerStable || {});
            if (!seen[sel] || seen[sel].text !== text) { seen[sel] = {text, since: now}; return false; }
            return now - seen[sel].since >= quiet;
        }""", arg=[selector, quiet_ms], polling=100, timeout=timeout_ms)
    return text_of(page, selector)


def slider_value(page: Any) -> str:
    """Return the restructure slider's readout."""
    return page.locator(READOUT).first.inner_text().strip()


def move_restructure_slider(page: Any, presses: int = 3) -> tuple[str, str]:
    """Focus the restructure slider's handle and press ArrowLeft ``presses`` times (ArrowRight when it is at its
    minimum already); return the readout before and after."""
    handle = page.locator(HANDLE).first
    handle.wait_for(state="visible")
    before = slider_value(page)
    handle.focus()
    for key in ("ArrowLeft", "ArrowRight"):
        for _ in range(presses):
            page.keyboard.press(key)
        with contextlib.suppress(Exception):
            page.wait_for_function("([sel, old]) => document.querySelector(sel).innerText.trim() !== old",
                                   arg=[READOUT, before], timeout=2_000)
        if slider_value(page) != before:
            break
    return before, slider_value(page)


def reserve_input(page: Any) -> Any:
    """Return the locator of the reserve's text input."""
    return page.locator(RESERVE_INPUT).first


def type_reserve(page: Any, value: str) -> None:
    """Replace the reserve's text with ``value`` and press Enter."""
    field_ = reserve_input(page)
    field_.wait_for(state="visible")
    field_.click()
    field_.fill(value)
    field_.press("Enter")


MESSAGE_JS = """sel => {
    const reserve = document.querySelector(sel);
    if (!reserve) return null;
    let el = reserve.querySelector('.planner-msg');
    for (const sib of [reserve.nextElementSibling, reserve.previousElementSibling]) {
        if (!el && sib && sib.matches('.planner-msg')) el = sib;
        if (!el && sib) el = sib.querySelector('.planner-msg');
    }
    if (!el && reserve.parentElement) el = reserve.parentElement.querySelector('.planner-msg');
    return el ? el.innerText : null;
}"""


def reserve_message(page: Any) -> str | None:
    """Return the text of the reserve's message (``.planner-msg`` inside it or beside it), or None if none."""
    return page.evaluate(MESSAGE_JS, RESERVE)  # type: ignore[no-any-return]


def wait_chinese_message(page: Any, old: str | None, timeout_ms: int = UPDATE_MS) -> str:
    """Wait until the reserve's message holds Chinese text that differs from ``old``; return it."""
    page.wait_for_function(
        f"([sel, old]) => {{ const t = ({MESSAGE_JS})(sel); return t && t !== old && /[\\u4e00-\\u9fff]/.test(t); }}",
        arg=[RESERVE, old], timeout=timeout_ms)
    return str(reserve_message(page))


def rendering_fonts(page: Any, selector: str) -> list[dict[str, Any]]:
    """Return the platform fonts Chromium used to draw the text of the first ``selector`` element, with the number
    of glyphs each drew (DevTools ``CSS.getPlatformFontsForNode``): the proof that characters are not boxes."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, f"no element {selector!r}"
        return list(cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"])
    finally:
        cdp.detach()


def mark_tab_label(page: Any, title: str) -> str:
    """Tag the text element of the tab titled ``title`` (for :func:`rendering_fonts`); return its selector."""
    found = page.evaluate(
        """([root, tabs, title]) => {
            const app = document.querySelector(root);
            for (const tab of app.querySelectorAll(tabs)) {
                if (tab.innerText.trim() !== title) continue;
                const label = tab.querySelector('.lm-TabBar-tabLabel, .p-TabBar-tabLabel') || tab;
                label.setAttribute('data-planner-probe', title);
                const box = label.getBoundingClientRect();
                return [box.width, box.height];
            }
            return null;
        }""", [APP, TAB, title])
    assert found, f"no tab titled {title!r} in the app"
    width, height = found
    assert width > 0, f"the tab {title!r} is drawn {width} px wide"
    assert height > 0, f"the tab {title!r} is drawn {height} px high"
    return f'[data-planner-probe="{title}"]'


def chinese_is_drawn(page: Any, selector: str) -> list[dict[str, Any]]:
    """Assert that the Chinese text of ``selector`` was drawn with glyphs of a CJK font (Noto Sans SC, the bundled
    one) and not as boxes; return the fonts used."""
    fonts = rendering_fonts(page, selector)
    names = [f"{font['familyName']} ({font['glyphCount']})" for font in fonts]
    assert any("Noto Sans SC" in font["familyName"] or "Noto Sans CJK" in font["familyName"] for font in fonts), (
        f"the Chinese text of {selector} was drawn with {names}: no CJK font, so it shows as boxes")
    return fonts


def screenshot(page: Any, folder: Path, name: str) -> Path:
    """Save a screenshot of the page, tall enough to show the whole app, as ``folder/name.png``; return its path.

    (JupyterLab and Voila scroll inside the page, so a full-page screenshot stops at the viewport: the viewport is
    made as tall as the app for the shot.)"""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    size = page.viewport_size
    bottom = page.evaluate("""sel => { const el = document.querySelector(sel);
        return el ? el.getBoundingClientRect().bottom + window.scrollY : 0; }""", APP)
    tall = min(max(size["height"], int(bottom) + 400), 8000)
    page.set_viewport_size({"width": size["width"], "height": tall})
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)
    return path


def saved_reserve(case_file: Path) -> Decimal | None:
    """Return the reserve saved in the case file (``budget.reserve``), or None while it cannot be read."""
    try:
        return Decimal(json.loads(case_file.read_text(encoding="utf-8"))["budget"]["reserve"])
    except (OSError, ValueError, KeyError, TypeError, ArithmeticError):
        return None


def wait_saved_reserve(case_file: Path, value: Decimal, timeout_s: float = UPDATE_MS / 1000) -> Decimal | None:
    """Wait until the case file holds ``value`` as its reserve (saves are debounced); return what it holds."""
    deadline = time.monotonic() + timeout_s
    while (saved := saved_reserve(case_file)) != value and time.monotonic() < deadline:
        time.sleep(0.1)
    return saved


def wait_settled(page: Any, timeout_ms: int = UPDATE_MS) -> None:
    """Wait until the status line no longer says it is updating (no-op if the app has no status line)."""
    page.wait_for_function(
        "sel => { const el = document.querySelector(sel); return !el || !/updating|更新中|正在更新/i.test(el.innerText); }",
        arg=STATUS, timeout=timeout_ms)


# ---------------------------------------------------------------------------------------------------------------
# The walk-through both browser tests make


MONEY = re.compile(r"¥\d{1,3}(?:,\d{3})*\.\d{2}")


def exercise_app(page: Any, shots: Path, name: str, case_file: Path | None = None) -> dict[str, Any]:
    """Walk through the app as a user would, asserting each step; return what was seen (texts, fonts, screenshots).

    The comparison is shown with money written like ¥1,234.56 and the Chinese tab titles are drawn with the CJK
    font; moving the restructure slider (方案 tab, arrow keys on the focused handle) changes the comparison; a new
    reserve (案例 tab, typed and Enter) changes it again and, given ``case_file``, is autosaved there; ``abc`` as the
    reserve shows a Chinese message and is not saved."""
    seen: dict[str, Any] = {"screenshots": []}
    wait_for_app(page)
    first = text_of(page, COMPARISON)
    assert MONEY.search(first), f"no amount written like ¥1,234.56 in the comparison: {first!r}"
    seen["fonts"] = {title: chinese_is_drawn(page, mark_tab_label(page, title)) for title in (CASE_TAB, OPTIONS_TAB)}

    open_tab(page, OPTIONS_TAB)
    seen["slider"] = move_restructure_slider(page)
    assert seen["slider"][0] != seen["slider"][1], f"the restructure slider did not move: {seen['slider']}"
    wait_text_change(page, COMPARISON, first)
    wait_settled(page)
    second = wait_stable(page, COMPARISON)
    seen["screenshots"].append(screenshot(page, shots, f"{name}-options"))

    open_tab(page, CASE_TAB)
    old = reserve_input(page).input_value()
    new = "900" if re.sub(r"\D", "", old).startswith("1500") else "1500"
    type_reserve(page, new)
    wait_text_change(page, COMPARISON, second)
    wait_settled(page)
    third = wait_stable(page, COMPARISON)
    seen["reserve"] = (old, new)
    if case_file is not None:
        saved = wait_saved_reserve(case_file, Decimal(new))
        assert saved == Decimal(new), f"{case_file.name} holds the reserve {saved}, not the {new} typed"

    before = reserve_message(page)
    type_reserve(page, "abc")
    seen["message"] = wait_chinese_message(page, before)
    seen["after_bad_input"] = wait_stable(page, COMPARISON)
    seen["comparison"] = [first, second, third]
    seen["status"] = text_of(page, STATUS)
    if case_file is not None:
        assert saved_reserve(case_file) == Decimal(new), f"{case_file.name} changed after the bad reserve"
    seen["screenshots"].append(screenshot(page, shots, f"{name}-case"))
    return seen
