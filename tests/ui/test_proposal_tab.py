"""协商申请 Proposal tab: the creditor and scenario chosen, the hardship and statement saved into the case (undo
covers them), a live preview of the letter, and the PDF and .ics downloads with their figures to the fen."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from datetime import date

import pytest
from ui.uitools import find, show_tab, status, strip, table_rows, type_into

from planner.domain.debtor import HardshipReason
from planner.io.casefile import load_case
from planner.io.examples import example_case
from planner.text import app_text, doc_list, doc_text, scenario_label
from planner.ui.app import PlannerApp
from planner.ui.summary import column_label

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
TWO_SENTENCES = "去年三月公司裁员，本人至今没有找到工作。\n现在家里只靠配偶的兼职收入维持生活。"


def proposal(app: PlannerApp):
    """Put the 协商申请 tab on screen and return it."""
    app.tabs.selected_index = app.pages.index(app.proposal_tab)
    return app.proposal_tab


def preview(app: PlannerApp) -> str:
    return strip(app.proposal_tab.preview.value)


def downloaded(tab, extension: str) -> tuple[str, bytes]:
    """Return the name and the bytes behind the tab's download link for ``extension``."""
    links = re.findall(r'<a download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', tab.downloads.value)
    found = [(name, base64.b64decode(data)) for name, data in links if name.endswith(extension)]
    assert len(found) == 1, tab.downloads.value[:300]
    return found[0]


def pdf_text(data: bytes) -> str:
    result = subprocess.run([PDFTOTEXT, "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


# -- the tab ---------------------------------------------------------------------------------------------------


def test_tab__is_titled_and_drawn_only_when_shown(app):
    """The tab is the sixth, titled 协商申请; nothing of it is built (no letter made) until it is shown."""
    index = app.pages.index(app.proposal_tab)
    assert app.tabs.get_title(index) == "协商申请"
    assert app.proposal_tab.document is None
    assert app.proposal_tab.children == ()
    tab = proposal(app)
    assert tab.document is not None
    assert "致：招商银行信用卡中心" in preview(app)


def test_tab__is_not_redrawn_while_another_tab_is_on_screen(app):
    """A change made on another tab only marks the proposal; it is drawn again when shown."""
    tab = proposal(app)
    before = tab.preview.value
    show_tab(app, "case")
    type_into(find(app.case_tab, "planner-borrower"), "王芳")
    assert tab.preview.value == before
    assert tab.dirty
    proposal(app)
    assert "本人王芳" in preview(app)


def test_creditor__updates_the_preview_and_the_selection(app):
    tab = proposal(app)
    second = app.case.debts[1]
    tab.creditor.value = second.id
    assert app.selected_debt == second.id
    assert f"致：{second.creditor}" in preview(app)
    assert f"{second.creditor}（本申请）" in preview(app)
    show_tab(app, "options")
    assert app.options_tab.debt_chooser.value == second.id


def test_scenario__updates_the_preview_and_the_reminder(app):
    tab = proposal(app)
    first_text = preview(app)
    other = app.case.scenarios[1]
    tab.scenario.value = other.name
    assert app.selected_scenario == other.name
    label = scenario_label(other, "zh")
    assert f"本申请按方案“{label}”生成" in preview(app)
    assert f"本申请按方案“{label}”生成" in strip(tab.reminder.value)
    assert preview(app) != first_text


def test_a_selection_made_on_another_tab__is_the_proposal_s(app):
    """Choosing a debt on the Options tab addresses the proposal to its creditor."""
    proposal(app)
    show_tab(app, "options")
    third = app.case.debts[2]
    app.options_tab.debt_chooser.value = third.id
    tab = proposal(app)
    assert tab.creditor.value == third.id
    assert f"致：{third.creditor}" in preview(app)


def test_reminder_and_notes__are_in_the_tab(app):
    """The written-confirmation reminder and what is missing (ID number, phone, hardship) are shown."""
    tab = proposal(app)
    reminder = strip(tab.reminder.value)
    assert doc_text("reminder.heading", "zh") in reminder
    assert "书面" in reminder
    notes = strip(tab.notes.value)
    for key in ("missing.id_number", "missing.phone", "missing.hardship"):
        assert doc_text(key, "zh") in notes


def test_unaffordable_scenario__is_a_note(app):
    """A scenario whose payments exceed the budget says so above the preview."""
    tab = proposal(app)
    before = tab.notes.value.count("<li>")
    show_tab(app, "case")
    type_into(find(app.case_tab, "planner-reserve"), "3000")
    tab = proposal(app)
    outcome = app.result.outcome(app.selected_scenario)
    assert not outcome.is_affordable
    assert tab.notes.value.count("<li>") == before + 1
    assert f"{len(outcome.shortfall_months)} 个月" in strip(tab.notes.value)


# -- hardship and statement --------------------------------------------------------------------------------------


def test_reasons_and_statement__change_the_case_the_file_and_the_preview(app, case_path):
    tab = proposal(app)
    tab.reasons["illness"].value = True
    tab.reasons["unemployment"].value = True
    type_into(tab.statement, TWO_SENTENCES)
    debtor = app.case.debtor
    assert debtor.hardship == (HardshipReason.ILLNESS, HardshipReason.UNEMPLOYMENT)
    assert debtor.statement == TWO_SENTENCES
    saved = load_case(case_path).debtor
    assert saved == debtor
    text = preview(app)
    sentences = doc_list("HARDSHIP_SENTENCES", "zh")
    assert sentences["illness"] + sentences["unemployment"] in text
    for line in TWO_SENTENCES.splitlines():
        assert line in text
    assert doc_text("missing.hardship", "zh") not in strip(tab.notes.value)


def test_unticking__takes_the_reason_out(app):
    tab = proposal(app)
    tab.reasons["illness"].value = True
    tab.reasons["family-burden"].value = True
    tab.reasons["illness"].value = False
    assert app.case.debtor.hardship == (HardshipReason.FAMILY_BURDEN,)


def test_undo__restores_statement_and_reasons(app):
    tab = proposal(app)
    tab.reasons["illness"].value = True
    tab.reasons["unemployment"].value = True
    type_into(tab.statement, TWO_SENTENCES)
    app.undo()
    assert app.case.debtor.statement == ""
    tab = app.proposal_tab
    assert tab.statement.value == ""
    assert TWO_SENTENCES.splitlines()[0] not in preview(app)
    app.undo()
    app.undo()
    assert app.case.debtor.hardship == ()
    assert not any(box.value for box in app.proposal_tab.reasons.values())
    assert doc_list("HARDSHIP_SENTENCES", "zh")["illness"] not in preview(app)
    app.redo()
    assert app.case.debtor.hardship == (HardshipReason.ILLNESS,)
    assert app.proposal_tab.reasons["illness"].value


def test_too_long_statement__is_said_beside_the_box(app):
    tab = proposal(app)
    type_into(tab.statement, "难" * 20_001)
    assert app.case.debtor.statement == ""
    assert "20000" in strip(tab.statement_msg.value).replace(",", "")


# -- options of the letter -----------------------------------------------------------------------------------


def test_show_id__prints_the_id_number_in_full(make_app, case_path):
    from dataclasses import replace

    from planner.domain.debtor import Debtor

    case = example_case()
    case = replace(case, debtor=Debtor(id_number="11010519491231002X", phone="138 0013 8000"))
    app = PlannerApp(case, path=case_path, autosave_delay=0)
    tab = proposal(app)
    assert "110***********002X" in preview(app)
    assert "11010519491231002X" not in preview(app)
    tab.show_id_box.value = True
    assert "11010519491231002X" in preview(app)
    assert "138 0013 8000" in preview(app)


def test_letter_date__is_today_by_default_and_can_be_typed(app):
    tab = proposal(app)
    assert tab.letter_date == date.today()  # noqa: DTZ011 - the app dates the letter on the local day
    type_into(tab.date_field, "2027年1月5日")
    assert tab.letter_date == date(2027, 1, 5)
    assert "2027年1月5日" in preview(app)
    type_into(tab.date_field, "abc")
    assert "申请日期" in strip(tab.date_field.error)
    assert tab.letter_date == date(2027, 1, 5)


# -- exports ---------------------------------------------------------------------------------------------------


def test_pdf__holds_the_statement_and_the_comparison_s_figures(app):
    """The downloaded PDF holds the statement, the scenario's total paid as the Compare tab shows it and this
    debt's total paid as the Options tab shows it, to the fen."""
    tab = proposal(app)
    type_into(tab.statement, TWO_SENTENCES)
    scenario = app.case.scenarios[1]
    tab.scenario.value = scenario.name
    debt = app.case.debts[0]
    find(tab, "planner-proposal-pdf").click()
    name, data = downloaded(tab, ".pdf")
    assert name == f"协商还款申请书-{debt.creditor}-张伟.pdf"
    assert data.startswith(b"%PDF")
    assert name in status(app)
    text = pdf_text(data)
    for line in TWO_SENTENCES.splitlines():
        assert line in text

    show_tab(app, "compare")
    header, *rows = table_rows(app.compare_tab.table.value)
    row = next(dict(zip(header, r, strict=True)) for r in rows if r[0] == scenario_label(scenario, "zh"))
    scenario_total = row[column_label("total_paid", "zh")]
    assert re.fullmatch(r"¥[\d,]+\.\d\d", scenario_total)
    assert scenario_total.removeprefix("¥") in text  # the debts table's total row

    show_tab(app, "options")
    figures = dict(table_rows(app.options_tab.figures.value)[1:])
    debt_total = figures[app_text("options.fig.total_paid", "zh")]
    assert re.fullmatch(r"¥[\d,]+\.\d\d", debt_total)
    plan_total = re.search(r"方案内还款合计\s+(¥[\d,]+\.\d\d)", text)
    assert plan_total is not None
    assert plan_total.group(1) == debt_total


def test_pdf__a_character_the_fonts_lack_is_a_one_line_message(app):
    tab = proposal(app)
    type_into(tab.statement, "谢谢您的理解😀")
    assert "😀" in preview(app)  # the preview shows it; only the PDF cannot
    find(tab, "planner-proposal-pdf").click()
    said = status(app)
    assert "😀" in said
    assert "U+1F600" in said
    assert "\n" not in said
    assert "Traceback" not in said
    assert tab.downloads.value == ""
    assert "U+1F600" in strip(tab.export_msg.value)
    assert not any("Traceback" in entry for entry in app.boundary.entries)
    type_into(tab.statement, "谢谢您的理解。")
    find(tab, "planner-proposal-pdf").click()
    assert downloaded(tab, ".pdf")[1].startswith(b"%PDF")


def test_pdf__a_bad_font_file_is_a_message(app, tmp_path):
    tab = proposal(app)
    bad = tmp_path / "not-a-font.otf"
    bad.write_text("hello", encoding="utf-8")
    type_into(tab.font_field, str(bad))
    find(tab, "planner-proposal-pdf").click()
    assert "not-a-font.otf" in status(app)
    assert tab.downloads.value == ""


def test_pdf__is_offered_again_after_a_change(app):
    """A download made before a change is taken away: it no longer matches the letter."""
    tab = proposal(app)
    find(tab, "planner-proposal-pdf").click()
    assert tab.downloads.value
    tab.reasons["income-drop"].value = True
    assert tab.downloads.value == ""


def test_ics__downloads_the_reminders_of_this_creditor(app):
    pytest.importorskip("planner.report.calendar")
    tab = proposal(app)
    find(tab, "planner-proposal-ics").click()
    name, data = downloaded(tab, ".ics")
    creditor = app.case.debts[0].creditor
    assert name == f"还款提醒-张伟-{creditor}.ics"
    text = data.decode("utf-8").replace("\r\n ", "")  # long lines unfolded (RFC 5545 §3.1)
    assert text.startswith("BEGIN:VCALENDAR")
    assert creditor in text
    assert app.case.debts[1].creditor not in text
    assert name in status(app)


# -- language ----------------------------------------------------------------------------------------------------


def test_english__relabels_the_tab_and_the_letter(app):
    tab = proposal(app)
    tab.reasons["illness"].value = True
    app.set_locale("en")
    index = app.pages.index(app.proposal_tab)
    assert app.tabs.get_title(index) == "Proposal"
    tab = app.proposal_tab
    assert tab.reasons["illness"].description == "illness"
    assert tab.reasons["illness"].value
    assert doc_text("missing.id_number", "en") in strip(tab.notes.value)
    assert doc_text("title", "en") in preview(app)
    assert doc_text("reminder.heading", "en") in strip(tab.reminder.value)
    assert find(tab, "planner-proposal-pdf").description == "Make the PDF"
    find(tab, "planner-proposal-pdf").click()
    name, data = downloaded(tab, ".pdf")
    assert name.startswith("proposal-")
    assert data.startswith(b"%PDF")
    app.set_locale("zh")
    assert app.tabs.get_title(index) == "协商申请"
    assert app.proposal_tab.reasons["illness"].description == "疾病"


# -- a case without what a letter needs ------------------------------------------------------------------------


def test_no_scenarios__says_how_to_make_one(case_path):
    from dataclasses import replace

    app = PlannerApp(replace(example_case(), scenarios=()), path=case_path, autosave_delay=0)
    tab = proposal(app)
    assert app_text("proposal.no_scenarios", "zh") in strip(tab.children[0].value)


def test_a_scenario_made_on_another_tab__is_offered(app):
    """A scenario added on the Compare tab (which rebuilds only its own tabs) is offered here, and chosen."""
    proposal(app)
    show_tab(app, "compare")
    type_into(app.compare_tab.new_name, "新方案")
    find(app.compare_tab, "planner-create-scenario").click()
    tab = proposal(app)
    assert "新方案" in [name for _label, name in tab.scenario.options]
    assert tab.scenario.value == "新方案"
    assert "本申请按方案“新方案”生成" in preview(app)
    show_tab(app, "compare")
    find(app.compare_tab, "planner-delete-scenario").click()
    tab = proposal(app)
    assert "新方案" not in [name for _label, name in tab.scenario.options]
