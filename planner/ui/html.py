"""Small HTML builders for the app's tables and finding lists (text escaped, figures formatted by the caller)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from planner.findings import Finding, Severity
from planner.text import render, severity_label, source_text

STYLE = (
    "<style>.planner-table{border-collapse:collapse;font-size:13px;margin:4px 0}"
    ".planner-table th,.planner-table td{border:1px solid #ccc;padding:3px 8px;white-space:nowrap}"
    ".planner-table th{background:#f3f3f3;text-align:left}.planner-table td.num{text-align:right}"
    ".planner-table td.over{background:#fde0e0;color:#8a0000;font-weight:bold}"
    ".planner-table tr.base td{color:#555}"
    ".planner-findings{font-size:13px;margin:2px 0;padding-left:1.2em}"
    ".planner-findings li.error{color:#b00020}.planner-findings li.warning{color:#8a5a00}"
    ".planner-findings .src{color:#777;font-size:11px}</style>"
)

Cell = str | tuple[str, str]  # text, or (text, css class)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, numeric: Iterable[int] = (),
          row_classes: Sequence[str] | None = None, css: str = "") -> str:
    """Return an HTML table; ``numeric`` columns are right-aligned, a ``(text, class)`` cell gets the class."""
    right = set(numeric)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = []
    for index, row in enumerate(rows):
        cells = []
        for column, cell in enumerate(row):
            text, extra = (cell, "") if isinstance(cell, str) else cell
            classes = " ".join(c for c in ("num" if column in right else "", extra) if c)
            attribute = f' class="{classes}"' if classes else ""
            cells.append(f"<td{attribute}>{html.escape(text)}</td>")
        row_class = f' class="{row_classes[index]}"' if row_classes and row_classes[index] else ""
        body.append(f"<tr{row_class}>{''.join(cells)}</tr>")
    return (f'{STYLE}<div style="overflow-x:auto;max-width:100%"><table class="planner-table {css}"><tr>{head}</tr>'
            f'{"".join(body)}</table></div>')


def findings(items: Iterable[Finding], locale: str, *, empty: str = "") -> str:
    """Return the findings as a list, each with its severity and its source."""
    lines = []
    for finding in items:
        kind = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(finding.severity, "info")
        source = source_text(finding.source, locale) if finding.source else ""
        tail = f' <span class="src">{html.escape(source)}</span>' if source else ""
        lines.append(f'<li class="{kind}">[{html.escape(severity_label(finding.severity, locale))}] '
                     f"{html.escape(render(finding, locale))}{tail}</li>")
    if not lines:
        return f"<p>{html.escape(empty)}</p>" if empty else ""
    return f'{STYLE}<ul class="planner-findings">{"".join(lines)}</ul>'


def paragraph(text: str, *, muted: bool = False) -> str:
    """Return ``text`` as an escaped paragraph."""
    style = ' style="color:#666;font-size:12px"' if muted else ""
    return f"<p{style}>{html.escape(text)}</p>"


def download_link(data: bytes, filename: str, mime: str, text: str) -> str:
    """Return a link that downloads ``data`` as ``filename`` (works in JupyterLab and in Voila: a data URL)."""
    import base64

    payload = base64.b64encode(data).decode("ascii")
    return (f'<a download="{html.escape(filename)}" href="data:{mime};base64,{payload}" '
            f'class="planner-download" style="margin-right:1em;padding:3px 10px;border:1px solid #1976d2;'
            f'border-radius:3px;color:#1976d2;text-decoration:none">⬇ {html.escape(text)}</a>')
escape_text = html.escape
