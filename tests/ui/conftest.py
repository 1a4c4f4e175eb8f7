"""Fixtures for the app tests: the planner app on a temporary copy of the example case, saving synchronously."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planner.ui.app import PlannerApp


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    """Where the app's case file lives (created from the example case by the ``app`` fixture)."""
    return tmp_path / "张伟.json"


@pytest.fixture
def make_app(case_path: Path) -> Callable[..., PlannerApp]:
    """Build an app on ``case_path`` (the example case when missing), saving synchronously."""

    def make(path: Path | None = None, **kwargs: Any) -> PlannerApp:
        kwargs.setdefault("autosave_delay", 0)
        return PlannerApp.for_file(path or case_path, example=True, **kwargs)

    return make


@pytest.fixture
def app(make_app: Callable[..., PlannerApp]) -> PlannerApp:
    """The planner app (Chinese) on a temporary copy of the example case."""
    return make_app()
