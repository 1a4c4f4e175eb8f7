"""The planner app: a compound widget (a ``VBox`` with tabs) over the core.

Every callback does three things — parse (the fields), call the core (an edit of the immutable
:class:`~planner.domain.case.Case`, then :meth:`~planner.engines.plan.PlanContext.plan`, which recomputes only what
changed), render (the summary and the tab on screen) — behind one error boundary. The app computes no figure
itself: every number comes from the :class:`~planner.engines.plan.CasePlan`, every word from :mod:`planner.text`.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from planner.domain.case import Case
from planner.engines.plan import CasePlan, PlanContext
from planner.errors import InvalidInput
from planner.io.examples import example_case
from planner.text import app_text, render_error
from planner.text import fmt as formats
from planner.ui.boundary import ErrorBoundary
from planner.ui.fields import button
from planner.ui.store import AUTOSAVE_DELAY, CaseStore, History
from planner.ui.summary import Summary
from planner.ui.tabs import CaseTab, CompareTab, DebtsTab, OptionsTab, PayoffTab, Tab
from planner.ui.tabs.conduct import ConductTab
from planner.ui.tabs.proposal import ProposalTab

LOCALES = (("简体中文", "zh"), ("English", "en"))
Edit = Callable[[Case], Case]
Pick = str | Callable[[Case], str | None] | None  # what an edit selects: a name, or a function of the new case


def empty_case(as_of: Any = None) -> Case:
    """Return a case with no budget, debts or scenarios, as of ``as_of`` (default: today)."""
    from datetime import date

    from planner.domain.model import Budget

    return Case(budget=Budget(), debts=(), as_of=as_of or date.today())  # noqa: DTZ011 (a local calendar day)


def example_case_for(path: str | Path) -> Case:
    """Return the example case for a new case file ``path``, its evidence photo written into the folder beside it
    (:func:`planner.io.examples.write_example_evidence`); a photo already there is never written over (it is
    checked like any attachment). When the folder cannot be written, the example case as it is (the file cannot be
    created either, and the app says so)."""
    from planner.io.examples import LETTER_FILE, evidence_folder_for, write_example_evidence

    folder = evidence_folder_for(path)
    if (Path(path).parent / folder / LETTER_FILE).exists():
        return example_case(evidence=folder)
    try:
        return write_example_evidence(path).case
    except InvalidInput:
        return example_case()


class PlannerApp(widgets.VBox):
    """The debt negotiation planner: 案例 · 债务 · 方案 · 比较 · 还款策略 · 协商申请 · 催收记录, with the comparison
    always in view.

    Args:
        case: the case to start from (default: the built-in example, unless ``path`` holds one).
        path: the case file to open and to save to after each change; created from ``case`` when missing. A
            file that cannot be read is shown as a message and never written over.
        locale: ``zh`` (default) or ``en``; switchable in the app.
        context: a :class:`PlanContext` (default: a new one with the package's LPR table and cap rules).
        autosave_delay: seconds to wait after a change before saving (changes within it are saved once).
        clock: returns the time now in mainland China without a zone, for the collection log's default time
            (default: the system clock; tests pass a fixed time).

    Attributes:
        case: the case as it is now (an immutable value).
        result: the core's plan of :attr:`case`; every figure on screen comes from it.
        history: the undo history.
        store: the case file.
    """

    def __init__(self, case: Case | None = None, *, path: str | Path | None = None, locale: str = "zh",
                 context: PlanContext | None = None, autosave_delay: float = AUTOSAVE_DELAY,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.locale = formats.locale_of(locale)
        self.context = context or PlanContext()
        self.history = History()
        self.boundary = ErrorBoundary(lambda: self.locale)
        self.store = CaseStore(None, on_saved=self._saved, delay=autosave_delay)
        self.selected_debt: str | None = None
        self.selected_scenario: str | None = None
        self.last_ms = 0.0
        self.problem_error: InvalidInput | None = None  # the case file could not be read (shown until saved elsewhere)
        start = case
        if path is not None:
            opened = self.store.open(path, default=case or example_case())
            self.problem_error = opened.error  # unreadable, or a file that cannot be created: said on the status line
            start = opened.case if opened.case is not None else empty_case()
        self.case: Case = start if start is not None else example_case()
        self.result: CasePlan = self.context.plan(self.case)
        self._select_defaults()
        self._header = widgets.VBox()
        self.summary = Summary(self)
        self.tabs = widgets.Tab()
        self.case_tab = CaseTab(self)
        self.debts_tab = DebtsTab(self)
        self.options_tab = OptionsTab(self)
        self.compare_tab = CompareTab(self)
        self.payoff_tab = PayoffTab(self)
        self.proposal_tab = ProposalTab(self)
        self.conduct_tab = ConductTab(self, clock=clock)
        self.pages: tuple[Tab, ...] = (self.case_tab, self.debts_tab, self.options_tab, self.compare_tab,
                                       self.payoff_tab, self.proposal_tab, self.conduct_tab)
        self.tabs.children = list(self.pages)
        self.tabs.observe(self.boundary.guard(self._tab_changed), names="selected_index")
        super().__init__([self._header, self.tabs, self.summary, self.boundary.panel])
        self.add_class("planner-app")
        self._render_all()
        self._say_where()

    # -- opening ---------------------------------------------------------------------------------------------

    @classmethod
    def for_file(cls, path: str | Path, *, example: bool = False, locale: str = "zh", **kwargs: Any) -> PlannerApp:
        """Return the app on the case file ``path``, saved to after each change.

        Args:
            path: the case file. When it does not exist it is created: from the built-in example when
                ``example`` is True, else as an empty case.
            example: start a missing file from the built-in example case, with its evidence photo written into
                the folder beside it (as ``planner example -o FILE`` does), so the log's attachment is found.
            locale: ``zh`` or ``en``.
        """
        start = example_case_for(path) if example and not Path(path).exists() else (
            example_case() if example else empty_case())
        return cls(start, path=path, locale=locale, **kwargs)

    # -- state changes ---------------------------------------------------------------------------------------

    def change(self, edit: Edit, *, rebuild: tuple[str, ...] = (), debt: Pick = None,
               scenario: Pick = None) -> None:
        """Apply ``edit`` to the case, re-plan, save (debounced), then redraw what is on screen once.

        ``rebuild`` names the tabs whose widgets depend on the change's structure (a debt added, a scenario
        renamed): they are built again; the others only update their figures. ``debt`` and ``scenario`` select
        what the edit made (a name, or a function of the new case giving it) before anything is drawn.

        Raises:
            InvalidInput: the edit refused the value (the field that called shows the message).
        """
        new = edit(self.case)
        if new == self.case:
            return
        self._apply(new, record=True, rebuild=rebuild, debt=debt, scenario=scenario)

    def _apply(self, new: Case, *, record: bool, rebuild: tuple[str, ...] | None, debt: Pick = None,
               scenario: Pick = None) -> None:
        started = time.perf_counter()
        with self.boundary.busy(app_text("status.busy", self.locale)):
            result = self.context.plan(new)
            if record:
                self.history.push(self.case)
            self.case, self.result = new, result
            self.store.request(new)  # saved whatever happens while drawing
            if debt is not None:
                self.selected_debt = debt(new) if callable(debt) else debt
            if scenario is not None:
                self.selected_scenario = scenario(new) if callable(scenario) else scenario
            self._select_defaults()
            if rebuild is None:
                self._render_all()
            else:
                self._redraw(rebuild)
        self.last_ms = (time.perf_counter() - started) * 1000
        self._refresh_header()
        self._say_where()

    def undo(self) -> None:
        """Go back one change."""
        before = self.history.undo(self.case)
        if before is not None:
            self._apply(before, record=False, rebuild=None)

    def redo(self) -> None:
        """Make the last undone change again."""
        after = self.history.redo(self.case)
        if after is not None:
            self._apply(after, record=False, rebuild=None)

    def set_locale(self, locale: str) -> None:
        """Switch every label to ``locale`` (``zh`` or ``en``)."""
        self.locale = formats.locale_of(locale)
        self._render_all()
        self._say_where()

    def open_file(self, path: str | Path) -> bool:
        """Open another case file (saving the current one first); return False when it cannot be read, or when
        the current case could not be saved (it stays on screen, its change pending)."""
        self.store.flush()
        if self.store.last_error is not None:
            self.boundary.say(app_text("status.not_opened_unsaved", self.locale,
                                       error=self._error_text(self.store.last_error)), kind="error")
            return False
        previous = (self.store.path, self.store.read_only)
        opened = self.store.open(path)
        if opened.case is None:
            self.store.path, self.store.read_only = previous  # the case on screen keeps saving where it did
            text = render_error(opened.error, self.locale) if opened.error else ""
            self.boundary.say(app_text("status.not_opened", self.locale, error=text), kind="error")
            self.boundary.record(text)
            return False
        self.problem_error = None
        self.history.clear()
        self.case, self.result = opened.case, self.context.plan(opened.case)
        self.selected_debt = self.selected_scenario = None
        for page in self.pages:
            page.forget()
        self._select_defaults()
        self._render_all()
        self._say_where()
        return True

    def save_as(self, path: str | Path) -> Path:
        """Save the case to ``path`` now and keep saving there."""
        written = self.store.save_as(self.case, path)
        self.problem_error = None
        self._render_header()
        self.boundary.say(app_text("status.saved_as", self.locale, path=str(written)))
        return written

    def flush(self) -> Path | None:
        """Save a pending change now (the app does this on its own after the autosave delay)."""
        return self.store.flush()

    # -- selection -------------------------------------------------------------------------------------------

    def _select_defaults(self) -> None:
        ids = [d.id for d in self.case.debts]
        if self.selected_debt not in ids:
            self.selected_debt = ids[0] if ids else None
        names = [s.name for s in self.case.scenarios]
        if self.selected_scenario not in names:
            self.selected_scenario = names[0] if names else None

    def select(self, *, debt: str | None = None, scenario: str | None = None) -> None:
        """Select the debt and/or scenario the 债务, 方案, 比较 and 协商申请 tabs show (the tab on screen, which
        asked, draws its own part; the others are drawn when shown)."""
        if debt is not None:
            self.selected_debt = debt
        if scenario is not None:
            self.selected_scenario = scenario
        for page in (self.debts_tab, self.options_tab, self.compare_tab, self.proposal_tab):
            if page is not self.visible:
                page.stale = True

    @staticmethod
    def added_scenario(before: set[str]) -> Callable[[Case], str | None]:
        """Return a picker of the first scenario whose name is not in ``before`` (the one an edit made)."""
        return lambda case: next((s.name for s in case.scenarios if s.name not in before), None)

    @staticmethod
    def added_debt(before: set[str]) -> Callable[[Case], str | None]:
        """Return a picker of the first debt whose id is not in ``before`` (the one an edit made)."""
        return lambda case: next((d.id for d in case.debts if d.id not in before), None)

    # -- drawing ---------------------------------------------------------------------------------------------

    @property
    def visible(self) -> Tab:
        """Return the tab on screen."""
        return self.pages[self.tabs.selected_index or 0]

    def _render_all(self) -> None:
        self._render_header()
        for index, page in enumerate(self.pages):
            self.tabs.set_title(index, app_text(f"tab.{page.key}", self.locale))
            page.stale = True
        self.boundary.relabel()
        self.visible.render()
        self.summary.render()

    def _redraw(self, rebuild: tuple[str, ...]) -> None:
        for page in self.pages:
            if page.key in rebuild:
                page.stale = True
            else:
                page.dirty = True
        page = self.visible
        if page.stale:
            page.render()
        else:
            page.refresh()
        self.summary.refresh()

    def _tab_changed(self, _change: dict[str, Any]) -> None:
        page = self.visible
        if page.stale:
            page.render()
        elif page.dirty:
            page.refresh()

    def _render_header(self) -> None:
        language = widgets.ToggleButtons(options=list(LOCALES), value=self.locale,
                                         style={"button_width": "6em"})
        language.add_class("planner-language")
        language.observe(self.boundary.guard(lambda change: self.set_locale(change["new"])), names="value")
        self.undo_button = button(app_text("button.undo", self.locale), self.boundary.guard(self.undo),
                                  css="planner-undo")
        self.redo_button = button(app_text("button.redo", self.locale), self.boundary.guard(self.redo),
                                  css="planner-redo")
        # an unreadable file's own path is never offered to Save as
        path_text = str(self.store.path) if self.store.path and not self.store.read_only else ""
        self.path_input = widgets.Text(path_text, placeholder=app_text("file.placeholder", self.locale),
                                       layout=widgets.Layout(width="28em"))
        self.path_input.add_class("planner-path")
        open_button = button(app_text("button.open", self.locale),
                             self.boundary.guard(lambda: self._with_path(self.open_file)), css="planner-open")
        save_button = button(app_text("button.save_as", self.locale),
                             self.boundary.guard(lambda: self._with_path(self.save_as)), css="planner-save-as")
        title = widgets.HTML(f"<h3 style='margin:4px 0'>{app_text('app.title', self.locale)}</h3>")
        self._header.children = [
            widgets.HBox([title, language]),
            widgets.HBox([self.undo_button, self.redo_button, self.path_input, open_button, save_button]),
            self.boundary.status,
        ]
        self._refresh_header()

    def _with_path(self, action: Callable[[str], Any]) -> None:
        """Call ``action`` with the path typed at the top; nothing typed is said, not tried."""
        path = str(self.path_input.value).strip()
        if not path:
            self.boundary.say(app_text("file.empty_path", self.locale), kind="warning")
            return
        action(path)

    def _refresh_header(self) -> None:
        self.undo_button.disabled = not self.history.can_undo
        self.redo_button.disabled = not self.history.can_redo

    @property
    def problem(self) -> str:
        """Return why the case file could not be read, in the app's language ('' when it was)."""
        return render_error(self.problem_error, self.locale) if self.problem_error is not None else ""

    def _error_text(self, error: BaseException) -> str:
        return render_error(error, self.locale) if isinstance(error, InvalidInput) else app_text(
            "error.unexpected", self.locale)

    def _say_where(self) -> None:
        locale = self.locale
        if self.store.read_only and self.problem_error is not None:
            self.boundary.say(self.problem + " " + app_text("status.read_only", locale), kind="error")
        elif self.store.last_error is not None:
            self.boundary.say(app_text("status.save_failed", locale, error=self._error_text(self.store.last_error)),
                              kind="error")
        elif self.store.path is None:
            problem = self.problem + " " if self.problem_error is not None else ""
            self.boundary.say(problem + app_text("status.not_saved", locale), kind="warning")
        elif self.store.pending:
            self.boundary.say(app_text("status.will_save", locale, path=str(self.store.path)))
        else:
            self.boundary.say(app_text("status.saved", locale, path=str(self.store.path)))

    def _saved(self, path: Path | None, error: BaseException | None) -> None:
        if error is not None:  # runs in the autosave thread: report, never raise
            if isinstance(error, InvalidInput):
                self.boundary.record(render_error(error, self.locale))
            else:
                self.boundary.record("".join(traceback.format_exception(error)))
            self.boundary.say(app_text("status.save_failed", self.locale, error=self._error_text(error)),
                              kind="error")
            return
        stamp = time.strftime("%H:%M:%S")
        self.boundary.say(app_text("status.autosaved", self.locale, path=str(path), time=stamp))
