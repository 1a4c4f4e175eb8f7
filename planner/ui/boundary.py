"""The error boundary: no exception raised in a callback reaches the user as a traceback.

JupyterLab swallows what a widget callback prints, and a traceback is no message for a borrower. Every callback
of the app runs through :meth:`ErrorBoundary.guard`: a user-input error (:class:`planner.errors.PlannerError`)
becomes a sentence in the user's language on the status line; anything else becomes a short apology there, with
the traceback written to the collapsible log panel (details, for whoever helps the user) and to ``logging``.
"""

from __future__ import annotations

import contextlib
import functools
import html
import logging
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import ipywidgets as widgets

from planner.errors import InvalidInput, PlannerError
from planner.text import app_text, render_error

LOG = logging.getLogger("planner.ui")
MAX_LOG_ENTRIES = 50
BUSY_AFTER = 0.2  # seconds: anything slower shows "updating…" while it runs

_F = TypeVar("_F", bound=Callable[..., Any])


class ErrorBoundary:
    """Catches what callbacks raise and shows it: the message on ``status``, details in ``panel``.

    Attributes:
        status: an HTML widget the app shows at the top (also used for ordinary status).
        panel: an Accordion holding the log (collapsed).
        entries: the log entries, newest last (at most :data:`MAX_LOG_ENTRIES`).
    """

    def __init__(self, locale: Callable[[], str]) -> None:
        self._locale = locale
        self.status = widgets.HTML("")
        self.status.add_class("planner-status")
        self.log = widgets.HTML("")
        self.panel = widgets.Accordion(children=[self.log], selected_index=None)
        self.panel.add_class("planner-log")
        self.entries: list[str] = []
        self._depth = 0  # callbacks running (a guarded callback may call another)
        self.relabel()

    def relabel(self) -> None:
        """Set the panel's title in the current language."""
        self.panel.set_title(0, app_text("log.title", self._locale()))

    def say(self, text: str, *, kind: str = "ok") -> None:
        """Show ``text`` on the status line (``kind``: ok, busy, warning, error)."""
        colour = {"ok": "#2e7d32", "busy": "#555", "warning": "#a15c00", "error": "#b00020"}[kind]
        self.status.value = f'<span style="color:{colour}">{html.escape(text)}</span>'

    def record(self, text: str) -> None:
        """Add ``text`` to the log panel."""
        self.entries = [*self.entries, text][-MAX_LOG_ENTRIES:]
        self.log.value = "".join(f"<pre style='white-space:pre-wrap;font-size:11px'>{html.escape(e)}</pre>"
                                 for e in reversed(self.entries))

    def handle(self, err: BaseException) -> None:
        """Show ``err``: a user error as its message, anything else as an apology with details in the log."""
        locale = self._locale()
        if isinstance(err, PlannerError):
            text = render_error(err, locale) if isinstance(err, InvalidInput) else str(err)
            self.say(text, kind="error")
            self.record(text)
            return
        LOG.exception("unexpected error in the planner app", exc_info=err)
        self.say(app_text("error.unexpected", locale), kind="error")
        self.record("".join(traceback.format_exception(err)))

    @contextlib.contextmanager
    def busy(self, text: str | None = None) -> Iterator[None]:
        """Show ``text`` ("updating…") on the status line if the work inside takes longer than :data:`BUSY_AFTER`
        seconds; afterwards the status says what the work said, or what it said before."""
        self._depth += 1
        if self._depth > 1:  # the outermost callback keeps the timer
            try:
                yield
            finally:
                self._depth -= 1
            return
        shown = text or app_text("status.busy", self._locale())
        before: list[str] = []

        def show() -> None:
            before.append(self.status.value)
            self.say(shown, kind="busy")

        timer = threading.Timer(BUSY_AFTER, show)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            self._depth -= 1
            timer.cancel()
            timer.join()  # a timer already showing has finished showing before the status is restored
            if before and html.escape(shown) in self.status.value:
                self.status.value = before[0]

    def guard(self, fn: _F) -> _F:
        """Return ``fn`` wrapped so that nothing it raises escapes (see the module docstring), showing
        "updating…" when it is slow."""

        @functools.wraps(fn)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                with self.busy():
                    return fn(*args, **kwargs)
            except Exception as err:  # noqa: BLE001 (the boundary: every error is shown, none escapes)
                self.handle(err)
                return None

        return guarded  # type: ignore[return-value]
