"""The complaint about collection as a document: its sections for each of the six channels, the incident table
with every entry of that creditor, the rules with their sources, the requests with the channel's reply time,
masking, English, the plain text, and the PDF's text layer."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from complaint_cases import LOG, NAMED, PHOTO, RECORDING, SCREENSHOT, TODAY, complaint_case

from planner.caps.complaints import DRAFT_CHANNELS, creditor_entries, resolve_creditor
from planner.caps.conduct import check_log
from planner.errors import InvalidInput
from planner.report.complaint import build_complaint, complaint_plain_text, evidence_name
from planner.report.model import Document, Heading, Table, document_text
from planner.text import render_error, source_text

CASE = complaint_case()
CF_ENTRIES = [e for e in LOG if e.creditor == "cf-loan"]
HEADINGS = {
    "creditor": ("关于规范催收行为的请求函", "申请人", "一、事实与经过", "二、涉及的规定", "三、请求事项", "四、证据清单"),
    "12378": ("投诉书", "投诉人", "被投诉人", "一、事实与经过", "二、涉及的规定", "三、请求事项", "四、证据清单"),
    "nifa": ("投诉书", "投诉人", "被投诉人", "一、事实与经过", "二、涉及的规定", "三、请求事项", "四、证据清单"),
    "12345": ("投诉书", "投诉人", "被投诉人", "一、事实与经过", "二、涉及的规定", "三、请求事项", "四、证据清单"),
    "12321": ("举报材料", "举报人", "被投诉人", "一、事实与经过", "二、涉及的规定", "三、请求事项", "四、证据清单"),
    "police": ("报案材料", "报案人", "涉及的催收方", "一、事实与经过", "二、涉及的规定及情形", "三、请求事项", "四、证据清单"),
}


def _complaint(channel: str = "12378", creditor: str = "cf-loan", **options: object) -> Document:
    return build_complaint(CASE, creditor, channel, today=TODAY, **options)  # type: ignore[arg-type]


def _table(document: Document) -> Table:
    (table,) = [b for b in document.blocks if isinstance(b, Table)]
    return table


def _column(table: Table, name: str) -> list[str]:
    index = table.columns.index(name)
    return [row[index] for row in table.rows]


def _flat(text: str) -> str:
    return re.sub(r"[\s\u00ad]+", "", text)  # whitespace, and the soft hyphens of English words hyphenated


def _in_order(cell: str, text: str, window: int = 400) -> bool:
    """Return True when the characters of ``cell`` appear in ``text`` in order, close together: a table cell that
    wraps is extracted line by line, its lines interleaved with those of the cells beside it."""
    for start in (m.start() for m in re.finditer(re.escape(cell[0]), text)):
        position = start
        for char in cell[1:]:
            position = text.find(char, position + 1, start + window)
            if position < 0:
                break
        else:
            return True
    return False


@pytest.mark.parametrize("channel", DRAFT_CHANNELS)
def test_sections__every_channel_has_its_title_parties_facts_rules_requests_and_evidence(channel):
    """Each of the six channels gives its own title and party headings, the four numbered sections in order, the
    signature with the date, and the addressee first."""
    document = _complaint(channel)
    headings = [b.text for b in document.blocks if isinstance(b, Heading)]
    title, *expected = HEADINGS[channel]
    assert document.title == title
    assert headings == expected
    text = document_text(document)
    assert "2026年12月2日" in text
    first = document.blocks[0]
    assert first.text.startswith("致：")  # type: ignore[union-attr]
    assert dict(document.meta) == {"creditor": "cf-loan", "channel": channel}


def test_addressee__names_the_channel_or_the_creditor():
    """12378 and 12345 are named as the channel; the police statement leaves the station blank to fill in; the
    request letter goes to the creditor's own service and speaks to it as 贵司."""
    assert "国家金融监督管理总局 12378" in _complaint("12378").blocks[0].text  # type: ignore[union-attr]
    assert "转地方金融管理局" in _complaint("12345").blocks[0].text  # type: ignore[union-attr]
    assert "派出所" in _complaint("police").blocks[0].text  # type: ignore[union-attr]
    letter = _complaint("creditor")
    assert letter.blocks[0].text == "致：安和消费金融有限公司（客户服务及投诉部门）"  # type: ignore[union-attr]
    text = document_text(letter)
    assert "贵司一方共联系 7 次" in text
    assert "被投诉人" not in text


def test_incident_table__every_entry_of_that_creditor_with_times_flags_and_evidence_names():
    """The table holds the seven cf-loan entries in time order (the named collector's is not there), each with its
    time, channel, number, who was contacted, the identity claimed, its flags, note and evidence file names only."""
    table = _table(_complaint())
    assert len(table.rows) == len(CF_ENTRIES) == 7
    assert _column(table, "序号") == [str(n) for n in range(1, 8)]
    assert _column(table, "时间") == [e.time.strftime("%Y-%m-%d %H:%M") for e in CF_ENTRIES]
    assert _column(table, "联系对象")[:4] == ["家人", "本人", "本人", "同事"]
    assert _column(table, "方式")[:2] == ["电话 3 分钟", "电话（未接通）"]
    assert _column(table, "自称身份")[0] == "律师"
    flags = _column(table, "标记")
    assert flags[0] == "威胁、冒充公检法或律师"
    assert flags[2] == "伪造法律文书"
    assert flags[3] == "向他人透露债务"
    evidence = _column(table, "证据文件")
    assert evidence[0] == "recording_20261120_2230.m4a"
    assert evidence[2] == "IMG_20261121_0900_screenshot.png、lawyer-letter.jpg"
    assert all("/" not in cell and "\\" not in cell for cell in evidence)
    assert "P图发到家族群" not in document_text(_complaint())
    assert table.long_words
    assert len(table.widths) == len(table.columns)


def test_incident_table__columns_no_entry_fills_are_left_out():
    """The named collector's one WeChat message has no identity: that column is left out, the others stay."""
    table = _table(_complaint("police", NAMED))
    assert "自称身份" not in table.columns
    assert table.columns[:3] == ("序号", "时间", "方式")
    assert table.rows == (("1", "2026-11-22 13:00", "微信", "wx_collector01", "家人", "P图", "P图发到家族群"),)


def test_summary__period_contacts_third_parties_and_nights():
    """The summary gives the period, the number of contacts and calls, the third parties and the night contacts."""
    text = document_text(_complaint())
    assert ("自 2026年11月20日 至 2026年11月21日，安和消费金融有限公司一方共联系 7 次（其中电话 6 次，未接通 4 次）；"
            "联系本人的家人、同事等第三人 2 次；在 22:00 至次日 08:00 之间联系 2 次。") in text


def test_rules__every_finding_with_its_source_never_a_conclusion():
    """Each finding about cf-loan is a sentence citing its source (the Chinese part of a bilingual source); the
    wording says 涉嫌 and leaves the conclusion to the body."""
    document = _complaint()
    text = document_text(document)
    findings = check_log(CASE, creditor="cf-loan")
    assert {f.code for f in findings} >= {"THIRD_PARTY_CONTACT", "THREAT_OR_INSULT", "IMPERSONATION",
                                          "FAKE_LEGAL_DOCUMENT", "DISCLOSURE", "OUTSIDE_HOURS", "TOO_FREQUENT"}
    for finding in findings:
        shown = source_text(finding.source, "zh")
        assert f"依据：{shown}" in text, finding.code
        assert " / " not in shown  # the English half of the source is left out
    assert "《治安管理处罚法》（2025年修订，2026-01-01施行）第50条第1款第5项" in text
    assert "自称律师（2026年11月20日 22:30），涉嫌冒充他人身份" in text
    assert "以贵单位的认定为准" in text
    assert "违法" not in text.replace("是否违规、违法，以贵单位的认定为准", "")


def test_rules__the_letter_to_the_creditor_uses_the_creditor_voice():
    """To the creditor, the findings speak to it (贵司), as the proposal does."""
    text = document_text(_complaint("creditor"))
    assert "贵司或贵司委托的催收人员自" in text
    assert "恳请贵司核实" in text
    assert "贵司一方的催收人员有 1 次联系含有威胁（2026年11月20日 22:30）" in text  # one moment, said once
    assert "22:30 至 2026年11月20日 22:30" not in text
    english = document_text(_complaint("creditor", locale="en"))
    assert "(November 20, 2026 22:30)" in english
    assert "22:30 to November 20, 2026 22:30" not in english


def test_requests__reply_within_the_channel_s_time_or_ask_for_it():
    """12378 is asked to reply within its 15 working days (a figure from the guides: 参考); the creditor within
    15 days (the 2020 measures: 依据), warned that 12378 comes next; 12345 is asked to refer it and for a time;
    12321 gets the numbers; the police are asked for a receipt."""
    text = document_text(_complaint("12378"))
    assert "在15个工作日内将处理结果告知本人（参考：催收实务指南：12378 约15个工作日内答复）" in text
    assert "停止联系本人的家人、同事等与债务无关的第三人" in text
    assert "书面告知本人其委托的催收机构的名称和联系方式" in text
    letter = document_text(_complaint("creditor"))
    assert "请贵司自收到本函之日起15日内书面答复本人（依据：《银行业保险业消费投诉处理管理办法》（2020）" in letter
    assert "本人将向国家金融监督管理总局 12378 消费者投诉热线投诉" in letter
    hotline = document_text(_complaint("12345"))
    assert "将本投诉转交地方金融管理部门处理" in hotline
    assert "告知受理编号和处理时限" in hotline
    assert "核查并处理以下号码的骚扰电话、短信：171 2345 6789" in document_text(_complaint("12321"))
    police = document_text(_complaint("police"))
    assert "请出具受案回执" in police
    assert "本人对以上陈述的真实性负责" in police


def test_attachments__evidence_files_the_log_and_the_id_card():
    """The evidence list names each file once with its time and channel, then the log and (not for the creditor)
    the ID card."""
    text = document_text(_complaint())
    assert "1. recording_20261120_2230.m4a（2026-11-20 22:30，电话）" in text
    assert "3. lawyer-letter.jpg（2026-11-21 09:00，短信）" in text
    assert "4. 催收记录表（见上文第一部分，共 7 条）" in text
    assert "5. 本人身份证复印件" in text
    assert "本人身份证复印件" not in document_text(_complaint("creditor"))


def test_masking__id_phone_address_and_paths_hidden_unless_asked():
    """By default the ID number, phone and address are masked and evidence is named by file name; show_id prints
    them in full, paths included."""
    masked = document_text(_complaint())
    assert "110***********002X（部分隐去）" in masked
    assert "138 **** 8000（部分隐去）" in masked
    assert "浙江省杭州市****（部分隐去）" in masked
    assert "11010519491231002X" not in masked
    assert RECORDING not in masked
    shown = document_text(_complaint(show_id=True))
    assert "身份证号：11010519491231002X" in shown
    assert "138 0013 8000" in shown
    assert "文三路 100 号" in shown
    assert RECORDING in shown
    assert SCREENSHOT in shown


def test_evidence_name__posix_and_windows_paths():
    """A file is named by its last part, whichever separator the path uses."""
    assert evidence_name(PHOTO) == "lawyer-letter.jpg"
    assert evidence_name(SCREENSHOT) == "IMG_20261121_0900_screenshot.png"
    assert evidence_name(SCREENSHOT, full=True) == SCREENSHOT


def test_notes__a_channel_not_suggested_and_missing_details():
    """NIFA is not for a consumer-finance company: the preparer's notes say which channels are; a case without the
    debtor's ID number and phone says they are missing; the notes are never printed."""
    document = _complaint("nifa")
    (note,) = [n for n in document.notes if "建议的渠道" in n]
    assert "国家金融监督管理总局 12378 消费者投诉热线 (12378)" in note
    assert "(police)" in note
    assert note not in document_text(document)
    assert not [n for n in _complaint("12378").notes if "建议的渠道" in n]
    bare = build_complaint(complaint_case(debtor=CASE.debtor.__class__()), "cf-loan", "12378", today=TODAY)
    assert any("身份证号" in n for n in bare.notes)
    assert any("联系电话" in n for n in bare.notes)
    assert "（未填写）" in document_text(bare)


def test_english__every_section_in_english():
    """The English complaint has English headings and requests; the user's own text stays as logged."""
    document = _complaint("12378", locale="en")
    headings = [b.text for b in document.blocks if isinstance(b, Heading)]
    assert headings == ["Complainant", "Respondent", "I. Facts", "II. Rules concerned", "III. Requests",
                        "IV. Evidence"]
    text = document_text(document)
    assert "Tell me the outcome within 15 working days (for reference: Practical guides" in text
    assert "Source: Public Security Administration Punishments Law (revised 2025" in text
    assert "称要起诉并上门，让家人转告" in text
    assert _table(document).columns[1] == "Time"
    assert "December 2, 2026" in text
    letter = document_text(_complaint("creditor", locale="en"))
    assert "You reply to me in writing within 15 days of receiving this letter" in letter


def test_errors__no_log_entries_unknown_creditor_or_channel():
    """A creditor with no log entries is refused with no_conduct (worded in both languages); an unknown creditor
    or channel lists the choices."""
    with pytest.raises(InvalidInput) as caught:
        _complaint(creditor="cmb-card")
    assert (caught.value.field, caught.value.code) == ("creditor", "no_conduct")
    assert "没有催收记录" in render_error(caught.value, "zh")
    assert "no collection log entries" in render_error(caught.value, "en")
    with pytest.raises(InvalidInput) as caught:
        _complaint(creditor="nosuch")
    assert caught.value.code == "unknown_reference"
    with pytest.raises(InvalidInput) as caught:
        _complaint("court")
    assert (caught.value.field, caught.value.code) == ("complaint_channel", "unknown_choice")


def test_plain_text__short_numbered_incidents_no_borders():
    """The plain text has no table borders; each incident is one numbered line with only what was logged; the
    citations and the requests are there, the signature with its date on one line."""
    text = complaint_plain_text(_complaint())
    assert " | " not in text
    assert "##" not in text
    assert ("1. 2026-11-20 22:30 方式：电话 3 分钟；号码 / 账号：171 2345 6789；联系对象：家人；自称身份：律师；"
            "标记：威胁、冒充公检法或律师；经过：称要起诉并上门，让家人转告；证据文件：recording_20261120_2230.m4a") in text
    assert "2. 2026-11-20 23:10 方式：电话（未接通）；号码 / 账号：171 2345 6789；联系对象：本人\n" in text
    assert "依据：《民法典》第1032、1033、1034条" in text
    assert "投诉人（签字）：________  日期：2026年12月2日" in text
    assert len(text) < len(document_text(_complaint()))
    english = complaint_plain_text(_complaint(locale="en"))
    assert "1. 2026-11-20 22:30 Channel: call 3 min; Number / account: 171 2345 6789; Contacted: family" in english


def test_resolution__the_same_creditor_by_name():
    """The creditor's name finds the same debt and entries as its id."""
    by_name = build_complaint(CASE, "安和消费金融有限公司", "12378", today=TODAY)
    assert document_text(by_name) == document_text(_complaint())
    assert len(creditor_entries(CASE, resolve_creditor(CASE, "cf-loan"))) == 7


POPPLER = shutil.which("pdftotext") is not None


@pytest.mark.slow
@pytest.mark.skipif(not POPPLER, reason="poppler-utils is installed by .ci/run")
@pytest.mark.parametrize(("channel", "locale"), [("12378", "zh"), ("police", "zh"), ("creditor", "en")])
def test_pdf__text_holds_the_incident_table_and_the_citations(channel, locale, tmp_path: Path):
    """The PDF's text layer holds every incident's time, flags and evidence file names, and every citation; long
    file names break inside their column without any character (nor an English hyphen) added."""
    from planner.report.pdf import render_pdf

    document = _complaint(channel, locale=locale)
    path = tmp_path / "c.pdf"
    path.write_bytes(render_pdf(document))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = _flat(text)
    assert "\u200b" not in text
    headings = [b.text for b in document.blocks if isinstance(b, Heading)]
    for heading in (document.title, *headings):
        assert _flat(heading) in flat, heading
    for entry in CF_ENTRIES:
        assert _flat(entry.time.strftime("%Y-%m-%d %H:%M")) in flat
    table = _table(document)
    for cell in _column(table, table.columns[6]):  # the flags
        assert not cell or _in_order(_flat(cell), flat), cell
    for name in ("recording_20261120_2230.m4a", "IMG_20261121_0900_screenshot.png", "lawyer-letter.jpg"):
        assert name in flat, name
    for finding in check_log(CASE, creditor="cf-loan"):
        assert _flat(source_text(finding.source, locale)) in flat, finding.code
    assert "110***********002X" in flat
