"""The one module that touches Typst: a :class:`~planner.report.model.Document` → PDF bytes.

The layout is ``templates/document.typ``; the document arrives as JSON through ``sys_inputs``, so user text is
text by construction (never Typst source). Fonts are the bundled Noto Serif SC (body) and Noto Sans SC (headings)
from ``pylopdf-fonts-zh-cn`` — no system fonts — with a user's font file first when given (a rare character in a
name). Before compiling, every character is checked against the fonts' character maps: one the fonts lack raises
:class:`planner.errors.InvalidInput` (``missing_glyph``) naming the character and where it is, instead of printing
a blank box in a letter. An ``unknown font family`` warning is an error too. The PDF's date is the document's, so
the same document gives the same bytes.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import tempfile
import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_CEILING, Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

from planner.errors import InvalidInput
from planner.report.model import BarChart, Document, document_json, texts
from planner.text import fmt

FONT_PACKAGE = "pylopdf_fonts_zh_cn"
BODY_FONT = "NotoSerifSC-Regular.otf"
HEADING_FONT = "NotoSansSC-Regular.otf"
TEMPLATE = "document.typ"
# Bidirectional embedding, override and isolate controls: in a user's text they would reorder what follows them
# (an injected layout); they are dropped, so text prints in the order it was typed.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_SPECIAL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def bundled_font_dir() -> Path:
    """Return the folder of the bundled Noto fonts."""
    return Path(str(resources.files(FONT_PACKAGE) / BODY_FONT)).parent


def template_dir() -> Path:
    """Return the folder of the Typst templates."""
    return Path(str(resources.files("planner.report") / "templates"))


@dataclass(frozen=True, slots=True)
class FontSet:
    """The fonts a document is set in: files, and the family lists for the body and the headings."""

    files: tuple[str, ...]
    body: tuple[str, ...]
    heading: tuple[str, ...]


@cache
def _font_info(path: str) -> tuple[str, frozenset[int]]:
    """Return a font file's family name and the code points it has (read once per process)."""
    from fontTools.ttLib import TTFont

    # From bytes: fontTools leaves a file it fails to parse open; a BytesIO leaks nothing.
    with TTFont(io.BytesIO(Path(path).read_bytes()), lazy=True, fontNumber=0) as font:
        name = font["name"]
        family = name.getDebugName(16) or name.getDebugName(1)
        cmap = frozenset(font.getBestCmap())
    if not family:
        msg = f"no family name in {path}"
        raise ValueError(msg)
    return str(family), cmap


def _family(path: str) -> str:
    return _font_info(path)[0]


def _cmap(path: str) -> frozenset[int]:
    return _font_info(path)[1]


def font_set(extra_font: str | Path | None = None) -> FontSet:
    """Return the bundled fonts, with ``extra_font`` (a .otf / .ttf file) tried first when given.

    Raises:
        InvalidInput: ``bad_file`` when the extra font cannot be read as a font.
    """
    folder = bundled_font_dir()
    body_file, heading_file = str(folder / BODY_FONT), str(folder / HEADING_FONT)
    body, heading = _family(body_file), _family(heading_file)
    if extra_font is None:
        return FontSet((body_file, heading_file), (body, heading), (heading, body))
    path = str(Path(extra_font).expanduser())
    try:
        family = _family(path)
        _cmap(path)
    except Exception as err:
        raise InvalidInput("file", "bad_file", path, params={"reason": "not_a_font",
                                                             "detail": type(err).__name__}) from err
    return FontSet((path, body_file, heading_file), (family, body, heading), (family, heading, body))


def _clean(text: str) -> str:
    """Return user text as it prints: bidi controls dropped, tabs and other controls as spaces."""
    if not _SPECIAL.search(text):
        return text
    text = text.translate(_BIDI_CONTROLS)
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)


def _needs_glyph(char: str) -> bool:
    return unicodedata.category(char) not in {"Cc", "Cf", "Zl", "Zp"} and not char.isspace()


def check_glyphs(document: Document, fonts: FontSet) -> None:
    """Raise when the document holds a character none of the fonts has.

    Raises:
        InvalidInput: ``missing_glyph`` on the field (section > label) holding the first such character, with the
            character and its code point.
    """
    covered: set[int] = set()
    for path in fonts.files:
        covered |= _cmap(path)
    for where, text in texts(document):
        cleaned = _clean(text)
        for char in dict.fromkeys(cleaned):  # each character once, in reading order
            if ord(char) not in covered and _needs_glyph(char):
                raise InvalidInput(where, "missing_glyph", None, params={
                    "char": char, "codepoint": f"U+{ord(char):04X}",
                    "name": unicodedata.name(char, "").lower(), "fonts": "、".join(dict.fromkeys(fonts.body))})


def _nice_step(top: Decimal) -> Decimal:
    """Return a round step (1, 2 or 5 × 10^k) giving about four grid lines up to ``top``."""
    raw = top / 4
    power = Decimal(10) ** (len(str(int(raw))) - 1) if raw >= 1 else Decimal(1)
    for factor in (1, 2, 5, 10):
        if raw <= power * factor:
            return power * factor
    return power * 10


def chart_axis(chart: BarChart, locale: str) -> tuple[Decimal, list[tuple[str, str]]]:
    """Return the top of the chart's y axis and its grid lines ``(value, label)``, from the bars and the line."""
    highest = max((*chart.totals, chart.line, Decimal(1)))
    step = _nice_step(highest)
    top = (highest / step).to_integral_value(ROUND_CEILING) * step
    if top == highest:
        top += step
    ticks = []
    value = Decimal(0)
    while value <= top:
        ticks.append((f"{value:f}", fmt.money(value, locale).replace(".00", "")))
        value += step
    return top, ticks


def _payload(document: Document) -> dict[str, Any]:
    data = document_json(document)

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return _clean(value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    data = cast(dict[str, Any], clean(data))
    charts = iter(b for b in document.blocks if isinstance(b, BarChart))
    for block in data["blocks"]:
        if block["type"] == "chart":
            top, ticks = chart_axis(next(charts), document.locale)
            block["top"] = f"{top:f}"
            block["yticks"] = [list(t) for t in ticks]
    return data


class Renderer:
    """A prepared Typst compiler (fonts loaded once) for many documents: the caseload and the app reuse one."""

    def __init__(self, font: str | Path | None = None) -> None:
        import typst

        self.fonts = font_set(font)
        folder = template_dir()
        # Typst loads fonts by folder: a user's font file is copied into a folder of its own (kept while the
        # renderer lives), so that nothing else in the folder it came from is loaded.
        folders = [str(bundled_font_dir())]
        if font is not None:
            own = tempfile.mkdtemp(prefix="planner-font-")
            weakref.finalize(self, shutil.rmtree, own, ignore_errors=True)
            shutil.copy(self.fonts.files[0], Path(own) / Path(self.fonts.files[0]).name)
            folders.insert(0, own)
        self._fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=folders)
        self._compiler = typst.Compiler(str(folder / TEMPLATE), root=str(folder), font_paths=self._fonts,
                                        ignore_system_fonts=True)
        self._families = {f.lower() for f in self._fonts.families()}

    def _inputs(self, document: Document) -> dict[str, str]:
        fonts = {"body": list(self.fonts.body), "heading": list(self.fonts.heading)}
        return {"data": json.dumps(_payload(document), ensure_ascii=False),
                "fonts": json.dumps(fonts, ensure_ascii=False)}

    def _compile(self, document: Document, **options: Any) -> Any:
        check_glyphs(document, self.fonts)
        missing = [f for f in (*self.fonts.body, *self.fonts.heading) if f.lower() not in self._families]
        if missing:
            msg = f"font families not loaded: {', '.join(missing)}"
            raise RuntimeError(msg)
        stamp = datetime(document.date.year, document.date.month, document.date.day, tzinfo=UTC)
        result, warnings = self._compiler.compile_with_warnings(sys_inputs=self._inputs(document),
                                                                timestamp=stamp, **options)
        _refuse_warnings(warnings)
        return result

    def pdf(self, document: Document) -> bytes:
        """Return the document as PDF bytes (A4, numbered pages, fonts embedded as subsets)."""
        return bytes(self._compile(document, format="pdf", pdf_tags=False))

    def png_pages(self, document: Document, *, ppi: float = 60) -> list[bytes]:
        """Return each page as a PNG image (the app's preview, visual checks)."""
        pages = self._compile(document, format="png", ppi=ppi)
        return [bytes(p) for p in pages] if isinstance(pages, list) else [bytes(pages)]


def _refuse_warnings(warnings: Iterable[Any]) -> None:
    """Raise on a Typst warning that would change the letter silently (an unknown font family above all)."""
    for warning in warnings:
        text = str(getattr(warning, "message", warning))
        if "unknown font family" in text or "font" in text.lower():
            msg = f"Typst: {text}"
            raise RuntimeError(msg)


@cache
def default_renderer() -> Renderer:
    """Return this process's renderer with the bundled fonts (compiled documents share its font cache)."""
    return Renderer()


def render_pdf(document: Document, *, font: str | Path | None = None) -> bytes:
    """Return ``document`` as PDF bytes.

    Args:
        document: the document model (e.g. :func:`planner.report.proposal.build_proposal`).
        font: a font file (.otf / .ttf) to try before the bundled ones, for characters they lack.

    Raises:
        InvalidInput: ``missing_glyph`` naming a character no font has and where it is; ``bad_file`` for a font
            file that cannot be read.
    """
    renderer = default_renderer() if font is None else Renderer(font)
    return renderer.pdf(document)


def render_pages(document: Document, *, font: str | Path | None = None, ppi: float = 60) -> Sequence[bytes]:
    """Return the pages of ``document`` as PNG images."""
    renderer = default_renderer() if font is None else Renderer(font)
    return renderer.png_pages(document, ppi=ppi)
