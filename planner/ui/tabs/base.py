"""What every tab shares: built from the app's state on :meth:`Tab.render`, its figures updated on
:meth:`Tab.refresh`; a tab not on screen is only marked, and drawn when it is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

if TYPE_CHECKING:
    from planner.ui.app import PlannerApp


class Tab(widgets.VBox):
    """A page of the app.

    Attributes:
        key: the tab's name (``case``, ``debts``, ``options``, ``compare``, ``payoff``).
        stale: its widgets must be built again (the structure changed, or the language).
        dirty: its figures must be updated.
    """

    key = ""

    def __init__(self, app: PlannerApp) -> None:
        self.app = app
        self.stale = True
        self.dirty = True
        super().__init__([])
        self.add_class(f"planner-tab-{self.key}")

    @property
    def locale(self) -> str:
        """Return the app's language."""
        return self.app.locale

    def heading(self, key: str) -> widgets.HTML:
        """Return a section heading: the app's text ``key`` in the current language."""
        from planner.text import app_text

        return widgets.HTML(f"<h4 style='margin:8px 0 2px'>{app_text(key, self.locale)}</h4>")

    def forget(self) -> None:
        """Drop what the tab keeps of the case on screen beyond the widgets (another case was opened)."""
        self.stale = True

    def render(self) -> None:
        """Build the tab's widgets from the app's state."""
        self.stale = False
        self.dirty = False
        self.build()

    def refresh(self) -> None:
        """Update the tab's figures (by default: build it again)."""
        self.dirty = False
        self.update()

    def build(self) -> None:
        """Build the widgets (subclasses)."""
        raise NotImplementedError

    def update(self) -> None:
        """Update the figures (subclasses; default: build again)."""
        self.build()
