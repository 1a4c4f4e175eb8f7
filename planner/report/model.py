"""The document model: a letter as plain frozen data, built once and read by the PDF renderer, the app's preview
and the golden tests alike.

A :class:`Document` is a title and a sequence of blocks — headings, paragraphs, label/value facts, tables, lists,
a bar chart given by its figures, signature lines and page breaks. Every string in it is final text (already
worded by :mod:`planner.text` and formatted); nothing here computes a figure or knows Typst. :func:`document_json`
is what the renderer passes to the template; :func:`document_text` is the same document as plain text (the golden
tests, the app's preview); :func:`texts` lists every string with where it sits, so that a character the font lacks
is reported by its field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

ParagraphStyle = Literal["body", "plain", "strong", "note"]
ListKind = Literal["ordered", "bullet", "check"]


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading (level 1) or a sub-heading (level 2)."""

    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of running text; ``where`` names the field a user's own text came from (e.g. ``statement``)."""

    text: str
    style: ParagraphStyle = "body"
    where: str = ""


@dataclass(frozen=True, slots=True)
class Facts:
    """Label/value lines laid out as a two-column grid (申请人：张伟)."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row, body rows and an optional total row; ``align`` is ``l`` or ``r`` per column.

    Long tables break across pages and repeat their header. ``widths`` gives each column's share of the width
    (0: as wide as its content; none given: the renderer's default layout); ``long_words`` lets cells break after
    ``_ . / @`` (file names, account names) and hyphenates English words, except in the ``verbatim`` columns, so
    that a word without spaces never runs into the next column.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()
    caption: str = ""
    marked: tuple[int, ...] = ()  # rows drawn emphasised (the creditor's own row)
    widths: tuple[int, ...] = ()
    long_words: bool = False
    verbatim: tuple[int, ...] = ()  # with long_words: columns never hyphenated (file names, numbers)

    def __post_init__(self) -> None:
        width = len(self.columns)
        if self.widths and (len(self.widths) != width or any(w < 0 for w in self.widths)):
            msg = "widths gives one share (0 or more) per column"
            raise ValueError(msg)
        if any(len(row) != width for row in (*self.rows, *((self.footer,) if self.footer else ()))):
            msg = "every row of a table has one cell per column"
            raise ValueError(msg)
        if self.align and len(self.align) != width:
            msg = "align gives one letter per column"
            raise ValueError(msg)


@dataclass(frozen=True, slots=True)
class ItemList:
    """A list: numbered, bulleted, or with a box to tick (an attachments checklist)."""

    items: tuple[str, ...]
    kind: ListKind = "ordered"


@dataclass(frozen=True, slots=True)
class Series:
    """One stacked part of a bar chart: a name and one amount per bar."""

    name: str
    values: tuple[Decimal, ...]


@dataclass(frozen=True, slots=True)
class BarChart:
    """Stacked bars per month with a horizontal line (what the household can pay): drawn by the renderer from
    these figures, so the chart shows exactly the engine's amounts.

    ``labels`` names each bar (shown where ``ticks`` says), ``line`` is the threshold and ``line_label`` its
    legend; ``over`` marks the bars above the line.
    """

    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    line: Decimal
    line_label: str
    ticks: tuple[int, ...] = ()

    @property
    def totals(self) -> tuple[Decimal, ...]:
        """Return each bar's height: the sum of the series."""
        return tuple(sum(values, Decimal(0)) for values in zip(*(s.values for s in self.series), strict=True))


@dataclass(frozen=True, slots=True)
class Signature:
    """Signature and date lines: a label with a blank to sign on, or with a value already written."""

    lines: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start a new page."""


Block = Heading | Paragraph | Facts | Table | ItemList | BarChart | Signature | PageBreak


@dataclass(frozen=True, slots=True)
class Document:
    """A document: its title, locale, date, blocks, and notes for whoever prepares it (not printed).

    Attributes:
        title: the title (also the PDF's metadata title).
        locale: ``zh`` or ``en``; decides the typesetting language (line breaking, quotes).
        date: the date the document is made (also the PDF's creation date, so output is reproducible).
        blocks: the content, in order.
        notes: what the preparer should know before sending (a missing ID number, an unaffordable plan); the app
            and the CLI show them, the PDF does not.
        header: a running header printed on every page after the first.
    """

    title: str
    locale: str
    date: date
    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = ()
    header: str = ""
    meta: tuple[tuple[str, str], ...] = field(default=())


def _number(value: Decimal) -> str:
    return f"{value:f}"


def block_json(block: Block) -> dict[str, Any]:
    """Return one block as JSON-ready data with its ``type``."""
    if isinstance(block, Heading):
        return {"type": "heading", "text": block.text, "level": block.level}
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text, "style": block.style}
    if isinstance(block, Facts):
        return {"type": "facts", "rows": [list(row) for row in block.rows]}
    if isinstance(block, Table):
        return {"type": "table", "columns": list(block.columns), "rows": [list(r) for r in block.rows],
                "align": list(block.align) or ["l"] * len(block.columns), "footer": list(block.footer),
                "caption": block.caption, "marked": list(block.marked), "widths": list(block.widths),
                "long_words": block.long_words, "verbatim": list(block.verbatim)}
    if isinstance(block, ItemList):
        return {"type": "list", "items": list(block.items), "kind": block.kind}
    if isinstance(block, BarChart):
        return {"type": "chart", "title": block.title, "labels": list(block.labels),
                "series": [{"name": s.name, "values": [_number(v) for v in s.values]} for s in block.series],
                "totals": [_number(t) for t in block.totals], "line": _number(block.line),
                "line_label": block.line_label, "ticks": list(block.ticks)}
    if isinstance(block, Signature):
        return {"type": "signature", "lines": [list(line) for line in block.lines]}
    return {"type": "pagebreak"}


def document_json(document: Document) -> dict[str, Any]:
    """Return the document as the template reads it (``json(bytes(sys.inputs.data))``)."""
    return {"title": document.title, "locale": document.locale, "date": document.date.isoformat(),
            "header": document.header, "blocks": [block_json(b) for b in document.blocks]}


def texts(document: Document) -> Iterator[tuple[str, str]]:
    """Yield ``(where, text)`` for every string the document prints: ``where`` is the section heading, then the
    row's label or the column, or the field a user's text came from."""
    section = document.title
    yield section, document.title
    for block in document.blocks:
        if isinstance(block, Heading):
            section = block.text
            yield section, block.text
        elif isinstance(block, Paragraph):
            yield (f"{section} > {block.where}" if block.where else section), block.text
        elif isinstance(block, Facts | Signature):
            for label, value in block.lines if isinstance(block, Signature) else block.rows:
                yield f"{section} > {label}", label
                yield f"{section} > {label}", value
        elif isinstance(block, Table):
            for column in block.columns:
                yield f"{section} > {column}", column
            for row in (*block.rows, block.footer):
                for column, cell in zip(block.columns, row, strict=False):
                    yield f"{section} > {column}", cell
        elif isinstance(block, ItemList):
            for item in block.items:
                yield section, item
        elif isinstance(block, BarChart):
            for text in (block.title, block.line_label, *block.labels, *(s.name for s in block.series)):
                yield f"{section} > {block.title}", text
    if document.header:  # the running header repeats what the blocks said first (the name)
        yield document.title, document.header


def document_text(document: Document) -> str:
    """Return the document as plain text, block by block (the golden tests; the app's preview)."""
    lines = [document.title, ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += ["", ("## " if block.level == 1 else "### ") + block.text]
        elif isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Facts):
            lines += [f"{label}：{value}" for label, value in block.rows]
        elif isinstance(block, Table):
            if block.caption:
                lines.append(block.caption)
            lines.append(" | ".join(block.columns))
            lines += [" | ".join(row) for row in block.rows]
            if block.footer:
                lines.append(" | ".join(block.footer))
        elif isinstance(block, ItemList):
            marks = {"ordered": None, "bullet": "-", "check": "☐"}
            lines += [f"{marks[block.kind] or f'{n}.'} {item}" for n, item in enumerate(block.items, 1)]
        elif isinstance(block, BarChart):
            lines.append(f"[{block.title}: {len(block.labels)} · {block.line_label}]")
        elif isinstance(block, Signature):
            lines += [f"{label}{value or '________'}" for label, value in block.lines]
        else:
            lines.append("---")
    return "\n".join(lines).strip() + "\n"
