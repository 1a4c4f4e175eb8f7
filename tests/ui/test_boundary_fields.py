"""The error boundary around field callbacks: an unexpected exception inside a text, choice or slider field's
callback shows the apology on the status line and the traceback in the log, and never raises out of ``.value =``."""

from __future__ import annotations

from ui.uitools import find, show_tab, status, type_into

import planner.domain.edits
from planner.domain.options import RepaymentMethod
from planner.text import app_text


def boom(*_args, **_kwargs):
    raise RuntimeError("boom from a test")


def assert_apology(app) -> None:
    assert status(app) == app_text("error.unexpected", "zh")
    assert "RuntimeError: boom from a test" in app.boundary.entries[-1]
    assert "Traceback" in app.boundary.entries[-1]


def reserve(app, amount: str) -> None:
    type_into(find(show_tab(app, "case"), "planner-reserve"), amount)


def test_boundary__field_callback_never_raises(app, monkeypatch):
    """A text field's callback that fails unexpectedly shows the apology; nothing escapes ``.value =``."""
    monkeypatch.setattr(planner.domain.edits, "set_fields", boom)
    case = app.case
    type_into(find(show_tab(app, "case"), "planner-borrower"), "王芳")
    assert_apology(app)
    assert app.case == case
    monkeypatch.undo()
    reserve(app, "600")
    assert "¥2,900.00" in app.summary.table.value


def test_boundary__core_plan_failure_in_a_field(app, monkeypatch):
    """The core failing (PlanContext.plan) during a field change shows the apology and keeps the case."""
    monkeypatch.setattr(app.context, "plan", boom)
    case = app.case
    reserve(app, "900")
    assert_apology(app)
    assert app.case == case


def test_boundary__choice_field_callback_never_raises(app, monkeypatch):
    monkeypatch.setattr(planner.domain.edits, "set_plan", boom)
    find(show_tab(app, "options"), "planner-method").input.value = RepaymentMethod.EQUAL_PRINCIPAL
    assert_apology(app)


def test_boundary__slider_field_callback_never_raises(app, monkeypatch):
    monkeypatch.setattr(planner.domain.edits, "set_plan", boom)
    find(show_tab(app, "options"), "planner-restructure-months").input.value = 24
    assert_apology(app)
    assert app.case.scenarios[0].plan_for("cmb-card").restructure.months == 60
