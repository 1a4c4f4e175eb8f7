"""Helpers for driving the planner app without a kernel: find widgets by css class, read HTML tables, type."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from typing import Any

import ipywidgets as widgets

CJK = re.compile(r"[\u4e00-\u9fff]")
TAB = {"case": 0, "debts": 1, "options": 2, "compare": 3, "payoff": 4}

def walk(widget: Any) -> Iterator[Any]:
    """Yield ``widget`` and every widget inside it (children of boxes and tabs)."""
    yield widget
    for child in getattr(widget, "children", ()) or ():
        if isinstance(child, widgets.Widget):
            yield from walk(child)


def find_all(root: Any, css: str) -> list[Any]:
    """Return every widget under ``root`` carrying the css class ``css``."""
    return [w for w in walk(root) if css in getattr(w, "_dom_classes", ())]


def find(root: Any, css: str) -> Any:
    """Return the one widget under ``root`` carrying ``css`` (fails when there is none or several)."""
    found = find_all(root, css)
    assert len(found) == 1, f"{css}: {len(found)} widgets"
    return found[0]


def show_tab(app: Any, key: str) -> Any:
    """Put the tab ``key`` on screen and return it."""
    app.tabs.selected_index = TAB[key]
    return app.pages[TAB[key]]


def field(app: Any, key: str, css: str) -> Any:
    """Show tab ``key`` and return its field ``css`` (fetched anew: tabs rebuild)."""
    return find(show_tab(app, key), css)


def type_into(widget: Any, text: str) -> None:
    """Type ``text`` into a field (its ``.input``) or a plain input widget, firing its observers."""
    target = widget.input if hasattr(widget, "input") else widget
    if target.value == text:  # nothing would fire: type something else first, as a user would retype
        target.value = text + " "
    target.value = text


def click(root: Any, css: str) -> None:
    """Click the one button carrying ``css`` under ``root``."""
    find(root, css).click()


def strip(markup: str) -> str:
    """Return the visible text of ``markup`` (styles dropped, tags removed, entities decoded)."""
    markup = re.sub(r"<style>.*?</style>", "", markup, flags=re.DOTALL)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", markup))


def table_rows(markup: str) -> list[list[str]]:
    """Return the rows of the first HTML table in ``markup`` as cell texts (the header row first)."""
    markup = re.sub(r"<style>.*?</style>", "", markup, flags=re.DOTALL)
    body = markup.split("</table>")[0]
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.DOTALL):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.DOTALL)
        rows.append([htmllib.unescape(re.sub(r"<[^>]+>", "", c)) for c in cells])
    return rows


def summary(app: Any) -> dict[str, dict[str, str]]:
    """Return the always-visible comparison: scenario label → column header → cell text."""
    header, *rows = table_rows(app.summary.table.value)
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


def status(app: Any) -> str:
    """Return the status line's text."""
    return strip(app.boundary.status.value).strip()
