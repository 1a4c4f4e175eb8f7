"""Fixtures for the app tests: the planner app on a temporary copy of the example case, saving synchronously."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ui.uitools import CHART_WARNINGS

with warnings.catch_warnings():  # bqscales warns once, at import (third party): import it quietly here
    warnings.simplefilter("ignore", DeprecationWarning)
    import bqplot  # noqa: F401

from planner.ui.app import PlannerApp


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Ignore the two chart DeprecationWarnings (planner/ui/charts.py) in every app test but test_warnings.py."""
    for item in items:
        if "tests/ui/" in str(item.path).replace("\\", "/") and item.path.name != "test_warnings.py":
            for spec in CHART_WARNINGS:
                item.add_marker(pytest.mark.filterwarnings(spec))


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
