"""Fixtures for the browser tests: Debian's Chromium (a missing one fails the tests, never skips them), a temporary
copy of notebooks/, fresh Jupyter folders, the fontconfig file that shows Chromium the bundled Chinese font, and the
folder for screenshots (``PLANNER_SCREENSHOTS``, or the test's temporary folder)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import harness


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's /usr/bin/chromium; fails (never skips) with the command to install it when it is missing."""
    reason = harness.chromium_missing()
    if reason:
        pytest.fail(reason)
    return harness.CHROMIUM


@pytest.fixture
def app_folder(tmp_path: Path) -> Path:
    """A temporary copy of notebooks/ (the app writes its case file there, never into the repository)."""
    return harness.copy_notebooks(tmp_path / "notebooks")


@pytest.fixture
def jupyter_env(tmp_path: Path) -> dict[str, str]:
    """The servers' environment: temporary HOME and Jupyter config, runtime and data folders."""
    return harness.jupyter_env(tmp_path / "jupyter")


@pytest.fixture
def fonts_conf(tmp_path: Path) -> Path:
    """A fontconfig file adding the bundled Noto Sans SC folder, for the browser process only."""
    return harness.write_fonts_conf(tmp_path / "fonts")


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """Where screenshots go: ``$PLANNER_SCREENSHOTS`` if set, else the test's temporary folder."""
    folder = os.environ.get("PLANNER_SCREENSHOTS")
    return Path(folder) if folder else tmp_path / "screenshots"


@pytest.fixture
def browser_context(chromium_path: Path, fonts_conf: Path) -> Iterator[Any]:
    """A Playwright context in Debian's Chromium that reaches 127.0.0.1 only."""
    with harness.chromium(fonts_conf) as context:
        yield context
