"""The proposal's document model: sections, figures from the engine, masking, fairness, attachments, errors."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from report.docs import ID_NUMBER, SCENARIO, TODAY, with_debtor

from planner.engines.plan import plan_case
from planner.errors import InvalidInput
from planner.report.model import (
    BarChart,
    Facts,
    Heading,
    ItemList,
    PageBreak,
    Paragraph,
    Table,
    document_text,
)
from planner.report.proposal import build_proposal, find_outcome, reminder_blocks
from planner.text import proposal_en, proposal_zh
from planner.text.fmt import amount, capital_rmb

GOLDEN = Path(__file__).parent / "golden"
SECTIONS = ("一、困难说明", "二、家庭收支情况", "三、欠款金额与利率上限", "四、还款方案", "五、请求事项", "六、本人承诺",
            "附件清单", "给您本人的提醒：先拿到书面确认，再按新方案还款")


def _headings(document):
    return [b.text for b in document.blocks if isinstance(b, Heading)]


def _facts(document):
    return dict(row for b in document.blocks if isinstance(b, Facts) for row in b.rows)


def _tables(document):
    return [b for b in document.blocks if isinstance(b, Table)]


def test_golden__the_document_as_text_with_a_fixed_date(filled_plan):
    """The whole letter as text: a change in wording or figures shows up here (``UPDATE_GOLDEN=1`` rewrites it)."""
    text = document_text(build_proposal(filled_plan, "cmb-card", SCENARIO, today=TODAY))
    golden = GOLDEN / "proposal-cmb-card.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_sections__every_section_in_order(filled_plan):
    """The letter runs as a typical application does, then the reminder page."""
    document = build_proposal(filled_plan, "cmb-card", SCENARIO, today=TODAY)
    assert _headings(document) == list(SECTIONS)


def test_reminder__on_a_page_of_its_own(filled_plan):
    """The reminder to get the sealed written confirmation starts a new page."""
    blocks = build_proposal(filled_plan, "cmb-card", SCENARIO, today=TODAY).blocks
    at = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == SECTIONS[-1])
    assert isinstance(blocks[at - 1], PageBreak)


def test_figures__the_plan_and_schedule_are_the_engine_s(filled_plan):
    """Total, 大写, periods and every schedule line come from the same outcome, to the fen."""
    document = build_proposal(filled_plan, "cmb-card", SCENARIO, today=TODAY)
    result = filled_plan.outcome(SCENARIO).debt("cmb-card")
    facts = _facts(document)
    assert facts["方案内还款合计"] == f"¥{amount(result.total_paid)}"
    assert facts["大写"] == capital_rmb(result.total_paid)
    schedule = next(t for t in _tables(document) if t.caption == "还款计划表")
    assert [row[2] for row in schedule.rows] == [amount(line.payment) for line in result.schedule.lines]
    assert schedule.footer[2] == amount(sum((line.payment for line in result.schedule.lines), Decimal(0)))


def test_fairness__every_creditor_is_listed_with_its_offer(filled_plan):
    """收支情况 lists all the creditors with what each is offered; the addressee's own row is marked."""
    document = build_proposal(filled_plan, "cf-loan", SCENARIO, today=TODAY)
    offers = next(t for t in _tables(document) if t.columns[0] == "债权人")
    outcome = filled_plan.outcome(SCENARIO)
    assert [r[3] for r in offers.rows] == [amount(d.total_paid) for d in outcome.debts]
    assert offers.marked == (2,)
    assert offers.rows[2][0].endswith("（本申请）")
    assert offers.footer[3] == amount(outcome.total_paid)


def test_chart__bars_are_the_months_payments(filled_plan):
    """The chart's bars add up to each month's payments, split into this creditor and the others."""
    chart = next(b for b in build_proposal(filled_plan, "cmb-card", SCENARIO, today=TODAY).blocks
                 if isinstance(b, BarChart))
    months = [m for m in filled_plan.outcome(SCENARIO).months if m.payments][: len(chart.labels)]
    assert list(chart.totals) == [m.payments for m in months]
    assert chart.line == filled_plan.case.budget.disposable


def test_masking__id_phone_and_address_hidden_unless_asked(filled_plan):
    """By default the ID number shows its first 3 and last 4 characters; ``show_id`` prints everything."""
    masked = _facts(build_proposal(filled_plan, "cmb-card", SCENARIO, today=TODAY))
    assert masked["身份证号"].startswith("110***********002X")
    assert "0013" not in masked["联系电话"]
    assert "文三路" not in masked["联系地址"]
    shown = _facts(build_proposal(filled_plan, "cmb-card", SCENARIO, today=TODAY, show_id=True))
    assert shown["身份证号"] == ID_NUMBER


def test_hardship__reasons_statement_and_their_attachments(filled_plan):
    """Each chosen reason gives its sentence and its proof in the checklist; the statement prints as written."""
    document = build_proposal(filled_plan, "cmb-card", SCENARIO, today=TODAY)
    text = document_text(document)
    assert "本人失业，收入中断" in text
    assert "2026年6月公司裁员" in text
    checklist = next(b for b in document.blocks if isinstance(b, ItemList) and b.kind == "check")
    assert "失业证明或离职证明" in checklist.items
    assert "诊断证明、病历" in checklist.items


def test_requests__art_68_for_a_card_and_a_seal(filled_plan):
    """A card's letter cites art. 68 against third-party contact and asks for the official seal."""
    text = document_text(build_proposal(filled_plan, "cmb-card", SCENARIO, today=TODAY))
    assert "第六十八条" in text
    assert "加盖贵司公章" in text


def test_requests__the_collection_guideline_for_a_consumer_finance_loan(filled_plan):
    """A consumer-finance loan's letter cites the banking association's 2026 collection guideline, not art. 68."""
    text = document_text(build_proposal(filled_plan, "cf-loan", SCENARIO, today=TODAY))
    assert "金融机构个人消费类贷款催收工作指引" in text
    assert "第六十八条" not in text


def test_private_lender__addressed_as_a_person_and_asked_to_sign(filled_plan):
    """A private lender is 您, signs an agreement (no seal) and is not cited a bank rule."""
    text = document_text(build_proposal(filled_plan, "private-loan", SCENARIO, today=TODAY))
    assert "您处的欠款" in text
    assert "贵司" not in text.split("给您本人的提醒")[0]
    assert "签订书面还款协议" in text


def test_english__a_second_locale_of_the_same_document(filled_plan):
    """The English letter has the same blocks and the same figures."""
    zh = build_proposal(filled_plan, "cmb-card", SCENARIO, today=TODAY)
    en = build_proposal(filled_plan, "cmb-card", SCENARIO, today=TODAY, locale="en")
    assert [type(b) for b in en.blocks] == [type(b) for b in zh.blocks]
    assert en.title == "Application for a negotiated repayment plan"
    assert _tables(en)[-1].footer[2] == _tables(zh)[-1].footer[2]


def test_blank_case__no_name_no_debtor_gives_a_complete_letter_and_notes(example):
    """Blank fields print as （未填写） and the preparer is told what is missing; nothing crashes."""
    import dataclasses

    plan = plan_case(dataclasses.replace(example, borrower=""))
    document = build_proposal(plan, "cmb-card", SCENARIO, today=TODAY)
    assert _facts(document)["申请人"] == "（未填写）"
    assert "还没有填写申请人姓名。" in document.notes
    assert any(isinstance(b, Paragraph) and "未填写困难说明" in b.text for b in document.blocks)


def test_unaffordable__the_preparer_is_warned(filled_plan):
    """A scenario over budget says so on the reminder page and in the notes, not in the letter's body."""
    document = build_proposal(filled_plan, "cmb-card", SCENARIO, today=TODAY)
    assert filled_plan.outcome(SCENARIO).is_affordable is False
    assert any("超过每月可用于还款的金额" in note for note in document.notes)
    fits = build_proposal(filled_plan, "cmb-card", "全部停息分期60期", today=TODAY)
    assert not any("超过每月" in note for note in fits.notes)


def test_unknown__creditor_and_scenario_name_the_choices(filled_plan):
    """A wrong id or scenario name is an input error that lists what there is."""
    with pytest.raises(InvalidInput) as debt:
        build_proposal(filled_plan, "nope", SCENARIO, today=TODAY)
    assert "cmb-card" in str(debt.value.params["choices"])
    with pytest.raises(InvalidInput) as scenario:
        find_outcome(filled_plan, "维持现状")
    assert SCENARIO in scenario.value.params["choices"]


def test_reminder_blocks__the_same_reminder_for_the_app_and_the_cli(filled_plan):
    """The reminder alone is the letter's last page without the page break."""
    alone = reminder_blocks(filled_plan, "cmb-card", SCENARIO, today=TODAY)
    assert isinstance(alone[0], Heading)
    assert "第七十条" in document_text_of(alone)


def document_text_of(blocks):
    from planner.report.model import Document

    return document_text(Document(title="", locale="zh", date=TODAY, blocks=tuple(blocks)))


def test_user_text__braces_and_markup_stay_literal(example):
    """A name and a statement with format braces and markup characters come out exactly as typed."""
    import dataclasses

    odd = "{you} {0} #set *粗* _斜_ $x$ <b>"
    plan = plan_case(with_debtor(dataclasses.replace(example, borrower="张{name}"), statement=odd))
    text = document_text(build_proposal(plan, "cmb-card", SCENARIO, today=TODAY))
    assert "本人张{name}，因" in text
    assert odd in text


def test_catalogs__the_same_keys_in_both_locales():
    """Every sentence and list of the proposal exists in Chinese and in English."""
    assert proposal_zh.DOC.keys() == proposal_en.DOC.keys()
    for name in ("HARDSHIP_REASONS", "HARDSHIP_SENTENCES", "ATTACHMENTS"):
        assert getattr(proposal_zh, name).keys() == getattr(proposal_en, name).keys()
    assert len(proposal_zh.AGREEMENT_ITEMS) == len(proposal_en.AGREEMENT_ITEMS)


def test_catalogs__placeholders_match():
    """A sentence takes the same values in both locales (English may leave out ``{you}``: "your statements")."""
    fields = re.compile(r"\{(\w+)\}")
    for key, text in proposal_zh.DOC.items():
        assert set(fields.findall(proposal_en.DOC[key])) <= set(fields.findall(text)), key
        assert set(fields.findall(text)) - set(fields.findall(proposal_en.DOC[key])) <= {"you"}, key


def test_with_debtor__helper_is_valid(example):
    """The fixture's ID number passes the check digit."""
    assert with_debtor(example).debtor.id_number == ID_NUMBER


def test_conduct__logged_third_party_contacts_are_mentioned_and_asked_to_stop(example):
    """Calls to family and a colleague logged against a debt give a paragraph in its letter's requests; none for
    another creditor's letter, and none when asked not to."""
    import dataclasses

    from planner.domain.conduct import LogEntry

    log = (LogEntry(time="2026-11-10 21:00", channel="call", contacted="family", creditor="cmb-card"),
           LogEntry(time="2026-11-12 09:00", channel="call", contacted="colleague", creditor="招商银行信用卡中心"),
           LogEntry(time="2026-11-12 10:00", channel="call", contacted="debtor", creditor="cmb-card"))
    plan = plan_case(dataclasses.replace(with_debtor(example), conduct=log))
    text = document_text(build_proposal(plan, "cmb-card", SCENARIO, today=TODAY))
    assert "共 2 次联系本人的家人、同事等第三人" in text
    assert "2026年11月10日至2026年11月12日" in text
    assert "第三人催收或提及" not in document_text(build_proposal(plan, "citic-card", SCENARIO, today=TODAY))
    quiet = build_proposal(plan, "cmb-card", SCENARIO, today=TODAY, conduct=False)
    assert "共 2 次联系" not in document_text(quiet)
