"""The proposal as PDF: text extracted with poppler, fonts embedded as subsets, ink on the pages, reproducible
bytes, user text printed literally, and a missing character named."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import matplotlib
import pytest
from report.docs import SCENARIO, STATEMENT, TODAY, with_debtor

from planner.engines.plan import plan_case
from planner.errors import InvalidInput
from planner.report.pdf import chart_axis, render_pages, render_pdf
from planner.report.proposal import build_proposal
from planner.text import render_error
from planner.text.fmt import amount, capital_rmb

pytestmark = pytest.mark.slow
POPPLER = shutil.which("pdftotext") is not None
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is installed by .ci/run")
LINE_START = "，。、；：？！）」"
DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"  # has Hebrew and Arabic


def _text(pdf: bytes, tmp_path: Path, *, layout: bool = False) -> str:
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _flat(text: str) -> str:
    """Return extracted text without whitespace (Typst spaces digits from Chinese; lines wrap)."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def proposal(filled_plan):
    return build_proposal(filled_plan, "cmb-card", SCENARIO, today=TODAY)


@pytest.fixture(scope="module")
def pdf(proposal):
    return render_pdf(proposal)


def test_pdf__a4_pages_numbered(pdf, tmp_path):
    """The file is a PDF of A4 pages, numbered n / N."""
    assert pdf.startswith(b"%PDF-")
    text = _text(pdf, tmp_path)
    pages = text.count("\f")
    assert pages >= 3
    assert re.search(rf"\b1\s*/\s*{pages}\b", text)


@needs_poppler
def test_text__every_section_and_the_engine_s_totals(pdf, filled_plan, tmp_path):
    """Every section is in the text layer, with the plan's total (and in 大写) to the fen."""
    flat = _flat(_text(pdf, tmp_path))
    for heading in ("协商还款申请书", "一、困难说明", "二、家庭收支情况", "三、欠款金额与利率上限", "四、还款方案",
                    "五、请求事项", "六、本人承诺", "附件清单", "先拿到书面确认"):
        assert heading in flat, heading
    outcome = filled_plan.outcome(SCENARIO)
    result = outcome.debt("cmb-card")
    assert f"¥{amount(result.total_paid)}" in flat
    assert capital_rmb(result.total_paid) in flat
    assert amount(outcome.total_paid) in flat  # the total offered to all creditors
    assert _flat(STATEMENT) in flat


@needs_poppler
def test_text__every_schedule_line(pdf, filled_plan, tmp_path):
    """Each installment's date and amount is in the text, so the table reconciles with the engine."""
    text = _text(pdf, tmp_path, layout=True)
    lines = filled_plan.outcome(SCENARIO).debt("cmb-card").schedule.lines
    for line in lines:
        assert re.search(rf"{line.due_date.isoformat()}\s+{re.escape(amount(line.payment))}", text), line


@needs_poppler
def test_line_breaking__no_line_starts_with_closing_punctuation(pdf, tmp_path):
    """Chinese line breaking: no line of the layout text begins with ，。、；：？！）」."""
    for line in _text(pdf, tmp_path, layout=True).splitlines():
        assert not line.strip()[:1] or line.strip()[0] not in LINE_START, line


@needs_poppler
def test_fonts__only_embedded_subsets(pdf, tmp_path):
    """pdffonts lists the bundled Noto faces, each embedded as a subset; nothing else."""
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert {row.split()[0].split("+")[1].rsplit("-Identity", 1)[0] for row in rows} == {
        "NotoSerifSC-Regular", "NotoSansSC-Regular"}
    for row in rows:
        assert re.search(r"\byes\s+yes\s+yes\b", row), row


@needs_poppler
def test_pages__ink_in_the_text_areas(pdf, tmp_path):
    """Rendered with pdftoppm, each page has dark pixels in its upper text area (no blank text)."""
    from PIL import Image

    path = tmp_path / "p.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    for page in pages:
        image = Image.open(page).convert("L")
        width, height = image.size
        top = image.crop((0, int(height * 0.05), width, int(height * 0.35)))
        dark = sum(1 for value in top.tobytes() if value < 160)
        assert dark > 100, page.name


def test_reproducible__same_document_same_bytes(proposal, pdf):
    """The same document and date give byte-identical PDFs; another date gives another file."""
    assert render_pdf(proposal) == pdf
    later = dataclasses.replace(proposal, date=TODAY.replace(day=3))
    assert render_pdf(later) != pdf


def test_png_pages__one_image_per_page(proposal):
    """The page images (the app's preview) are PNGs."""
    pages = render_pages(proposal, ppi=20)
    assert len(pages) >= 3
    assert all(p.startswith(b"\x89PNG") for p in pages)


@needs_poppler
def test_markup__user_text_prints_literally(example, tmp_path):
    """Typst, HTML and format markup in a name, a creditor and a statement is text, never formatting."""
    odd = '#panic("x") *bold* _em_ $x^2$ < > ] [ \\ @ref <lbl> // comment {you} %s'
    case = with_debtor(dataclasses.replace(example, borrower="王*五*"), statement=odd)
    debts = (dataclasses.replace(case.debts[0], creditor="#set text(red) 银行"), *case.debts[1:])
    plan = plan_case(dataclasses.replace(case, debts=debts))
    text = _text(render_pdf(build_proposal(plan, "cmb-card", SCENARIO, today=TODAY)), tmp_path)
    flat = _flat(text)
    assert _flat(odd) in flat
    assert "王*五*" in flat
    assert "#settext(red)银行" in flat


@needs_poppler
def test_long_statement__flows_onto_new_pages_untruncated(example, tmp_path):
    """A 10,000-character statement wraps and flows onto further pages; its last characters are printed."""
    long = "".join(f"第{n}句：本人收入下降，无法按期还款。" for n in range(1, 700))[:10_000] + "全文完"
    plan = plan_case(with_debtor(example, statement=long))
    short = render_pdf(build_proposal(plan_case(with_debtor(example)), "cmb-card", SCENARIO, today=TODAY))
    pdf = render_pdf(build_proposal(plan, "cmb-card", SCENARIO, today=TODAY))
    text = _text(pdf, tmp_path)
    assert text.count("\f") > _text(short, tmp_path).count("\f") + 3
    body = [line for line in text.replace("\f", "\n").splitlines()
            if not re.fullmatch(r"\s*\d+\s*/\s*\d+\s*", line) and "协商还款申请书 · " not in line]
    flat = _flat("\n".join(body))  # without the running header and the page numbers between pages
    assert "全文完" in flat
    for n in range(1, 507):  # every sentence, in order (headers and footers may sit between pages)
        assert f"第{n}句：" in flat, n
    assert flat.count("本人收入下降，无法按期还款。") >= long.count("本人收入下降，无法按期还款。")


@needs_poppler
def test_bidi_controls__cannot_reorder_the_letter(example, tmp_path):
    """A right-to-left override in a name is dropped: the text prints in the order typed."""
    plan = plan_case(dataclasses.replace(with_debtor(example), borrower="\u202e张伟\u202c"))
    text = _text(render_pdf(build_proposal(plan, "cmb-card", SCENARIO, today=TODAY)), tmp_path)
    assert "本人张伟，因" in _flat(text)
    assert "\u202e" not in text


@needs_poppler
def test_right_to_left__with_a_font_that_has_it(example, tmp_path):
    """Hebrew in a statement prints with a user's font that has it (DejaVu Sans here), right to left."""
    plan = plan_case(with_debtor(example, statement="שלום 你好"))
    pdf = render_pdf(build_proposal(plan, "cmb-card", SCENARIO, today=TODAY), font=DEJAVU)
    flat = _flat(_text(pdf, tmp_path))
    assert "你好" in flat
    assert "שלום" in flat or "םולש" in flat  # poppler may give visual order


def test_blank_fields__a_letter_with_nothing_filled_in(example):
    """No name, no debtor, no account numbers: the PDF still builds."""
    debts = tuple(dataclasses.replace(d, account_number="") for d in example.debts)
    plan = plan_case(dataclasses.replace(example, borrower="", debts=debts))
    assert render_pdf(build_proposal(plan, "cmb-card", SCENARIO, today=TODAY)).startswith(b"%PDF")


def test_missing_glyph__names_the_character_and_the_field(example):
    """An emoji in the statement is refused with the character, its code point and the field, and how to fix."""
    plan = plan_case(with_debtor(example, statement="实在没办法了😭"))
    document = build_proposal(plan, "cmb-card", SCENARIO, today=TODAY)
    with pytest.raises(InvalidInput) as caught:
        render_pdf(document)
    message = render_error(caught.value, "zh")
    assert "😭" in message
    assert "U+1F62D" in message
    assert "困难说明" in message
    assert "--font" in message


def test_missing_glyph__a_rare_name_outside_the_font(example):
    """A name with a character beyond the font (𠮷, U+20BB7) is named as the applicant's."""
    plan = plan_case(dataclasses.replace(with_debtor(example), borrower="𠮷田"))
    with pytest.raises(InvalidInput) as caught:
        render_pdf(build_proposal(plan, "cmb-card", SCENARIO, today=TODAY))
    assert caught.value.params["codepoint"] == "U+20BB7"
    assert "申请人" in caught.value.field


def test_font__a_file_that_is_no_font_is_refused(proposal, tmp_path):
    """--font pointing at something else gives bad_file, not a crash."""
    fake = tmp_path / "x.otf"
    fake.write_text("not a font", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        render_pdf(proposal, font=fake)
    assert caught.value.code == "bad_file"
    assert "字体" in render_error(caught.value, "zh")


def test_chart_axis__round_steps_above_the_highest_bar(proposal):
    """The y axis ends on a round step above the tallest bar and the line."""
    from planner.report.model import BarChart

    chart = next(b for b in proposal.blocks if isinstance(b, BarChart))
    top, ticks = chart_axis(chart, "zh")
    assert top > max(*chart.totals, chart.line)
    assert ticks[0] == ("0", "¥0")
    assert Decimal(ticks[-1][0]) == top


def test_fonts__an_unknown_family_is_an_error_not_a_fallback(proposal):
    """A family the renderer did not load stops the PDF (Typst would only warn and fall back)."""
    import dataclasses as dc

    from planner.report.pdf import Renderer, _refuse_warnings

    renderer = Renderer()
    renderer.fonts = dc.replace(renderer.fonts, body=("Noto Serif XX", *renderer.fonts.body))
    with pytest.raises(RuntimeError, match="Noto Serif XX"):
        renderer.pdf(proposal)

    class Warning_:
        message = "unknown font family: noto serif xx"

    with pytest.raises(RuntimeError, match="unknown font family"):
        _refuse_warnings([Warning_()])
