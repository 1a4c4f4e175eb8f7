"""`planner complaint`: the draft as PDF or plain text, a filed complaint recorded with its reply due, the
channel note, and bad input one line per problem (exit 2)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from complaint_cases import complaint_case
from icalendar import Calendar

from planner.cli import main
from planner.domain.conduct import Complaint
from planner.io.casefile import load_case, save_case


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    """The complaint test case (a conduct log about cf-loan and a named collector) saved to a file."""
    path = tmp_path / "case.json"
    save_case(complaint_case(), path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["complaint", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_pdf__written_with_the_incident_table_and_the_notes(case_path, tmp_path, capsys):
    """-o FILE.pdf writes the PDF; its text holds the incidents and a citation; stderr says where and the notes."""
    target = tmp_path / "12378.pdf"
    code, out, err = _run(capsys, str(case_path), "--creditor", "cf-loan", "--channel", "12378", "-o", str(target),
                          "--date", "2026-12-02")
    assert code == 0
    assert out == ""
    assert target.read_bytes().startswith(b"%PDF")
    assert f"已写入投诉书（国家金融监督管理总局 12378 消费者投诉热线）：{target}" in err.replace("\n", "")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is installed by .ci/run")
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                                             check=True).stdout)
    assert "2026-11-2022:30" in text
    assert "recording_20261120_2230.m4a" in text
    assert "《民法典》第1032、1033、1034条" in text
    assert "2026年12月2日" in text


def test_text__to_a_file_or_printed(case_path, tmp_path, capsys):
    """--text writes the plain text; -o - prints it on stdout (English with --lang en)."""
    target = tmp_path / "12321.txt"
    code, _, err = _run(capsys, str(case_path), "--creditor", "cf-loan", "--channel", "12321", "-o", str(target),
                        "--text", "--date", "2026-12-02")
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("举报材料\n")
    assert "1. 2026-11-20 22:30 方式：电话 3 分钟" in text
    assert " | " not in text
    assert "已写入举报材料" in err
    code, out, err = _run(capsys, str(case_path), "--creditor", "cf-loan", "--channel", "police", "-o", "-",
                          "--lang", "en")
    assert code == 0
    assert out.startswith("Statement to the police\n")
    assert "Give me a receipt for this report" in out
    assert "as plain text" in err


def test_channel_not_suggested__a_note_not_an_error(case_path, capsys):
    """NIFA is not for a consumer-finance company: the draft is still written, with a note naming the channels
    that are."""
    code, out, err = _run(capsys, str(case_path), "--creditor", "cf-loan", "--channel", "nifa", "-o", "-")
    assert code == 0
    assert out.startswith("投诉书\n")
    flat = err.replace("\n", "")
    assert "不是该债权人的常用投诉渠道" in flat
    assert "国家金融监督管理总局 12378 消费者投诉热线 (12378)" in flat


def test_filed__recorded_in_the_case_with_the_reply_due(case_path, capsys):
    """--filed records the complaint in the case file (the previous version kept as .bak) and prints the reply
    due: 12378 on 2026-12-01 gives 2026-12-22 (15 working days)."""
    code, out, err = _run(capsys, str(case_path), "--creditor", "安和消费金融有限公司", "--channel", "12378",
                          "--filed", "2026-12-01", "--reference", "NFRA-1")
    assert code == 0
    assert load_case(case_path).complaints == (
        Complaint("cf-loan", "12378", date(2026, 12, 1), "NFRA-1", date(2026, 12, 22)),)
    assert case_path.with_name("case.json.bak").exists()
    flat = out.replace("\n", "")
    assert "受理编号 NFRA-1" in flat
    assert "预计答复期限：2026年12月22日（15个工作日" in flat
    assert "周一至周五估算" not in flat
    assert err == ""


def test_filed__beyond_the_holiday_data_says_it_is_an_estimate(case_path, capsys):
    """A due day counted into 2027 is printed with the note that it is estimated Monday to Friday; recording it
    again replaces the record."""
    code, out, _ = _run(capsys, str(case_path), "--creditor", "cf-loan", "--channel", "12378", "--filed",
                        "2026-12-21")
    assert code == 0
    flat = out.replace("\n", "")
    assert "预计答复期限：2027年1月11日" in flat
    assert "2027 年的工作日按周一至周五估算" in flat
    code, out, _ = _run(capsys, str(case_path), "--creditor", "cf-loan", "--channel", "12378", "--filed",
                        "2026-12-21", "--reference", "NFRA-2")
    assert code == 0
    assert "替换了" in out.replace("\n", "")
    assert [c.reference for c in load_case(case_path).complaints] == ["NFRA-2"]


def test_filed__no_reply_time_says_to_ask(case_path, capsys):
    """The police give no reply time: the record has no due day and the command says to ask for one."""
    code, out, _ = _run(capsys, str(case_path), "--creditor", "cf-loan", "--channel", "police", "--filed",
                        "2026-12-01", "--lang", "en")
    assert code == 0
    assert "publishes no reply time" in out.replace("\n", " ")
    assert load_case(case_path).complaints[0].reply_due is None


@pytest.mark.slow
def test_filed__the_reminders_calendar_gets_the_reply_due(case_path, tmp_path, capsys):
    """After --filed, planner reminders adds the reply-due event and says so."""
    assert main(["complaint", str(case_path), "--creditor", "cf-loan", "--channel", "12378", "--filed",
                 "2026-12-01", "--reference", "NFRA-1"]) == 0
    target = tmp_path / "r.ics"
    assert main(["reminders", str(case_path), "--scenario", "全部停息分期60期", "-o", str(target),
                 "--sent-on", "2026-11-25"]) == 0
    err = capsys.readouterr().err
    assert "其中 1 个是投诉答复到期提醒" in err.replace("\n", "")
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")]
    assert "投诉答复到期：12378（受理编号 NFRA-1，安和消费金融有限公司）" in summaries


def test_errors__bad_channel_and_bad_date_one_line_each(case_path, tmp_path, capsys):
    """A channel that takes no draft and a bad date are both reported, one line each, exit 2, nothing written."""
    target = tmp_path / "x.pdf"
    code, out, err = _run(capsys, str(case_path), "--creditor", "cf-loan", "--channel", "court", "--date",
                          "2026-13-01", "-o", str(target))
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert "投诉渠道必须是以下之一：creditor, 12378, nifa, 12321, 12345, police（输入为 court）" in lines[0]
    assert "--date" in lines[1]
    assert not target.exists()
    assert "Traceback" not in err


def test_errors__unknown_creditor_and_no_log_entries(case_path, tmp_path, capsys):
    """An unknown creditor lists the choices; a creditor with no log entries is no_conduct; both exit 2."""
    code, _, err = _run(capsys, str(case_path), "--creditor", "nosuch", "--channel", "12378", "-o", "-")
    assert code == 2
    assert len(err.splitlines()) == 1
    assert "cf-loan" in err
    assert "某平台委托第三方催收" in err
    code, _, err = _run(capsys, str(case_path), "--creditor", "cmb-card", "--channel", "12378", "-o",
                        str(tmp_path / "x.pdf"), "--lang", "en")
    assert code == 2
    assert "has no collection log entries" in err
    assert not (tmp_path / "x.pdf").exists()


def test_errors__existing_file_without_force(case_path, tmp_path, capsys):
    """An existing file is kept unless --force is given."""
    target = tmp_path / "old.txt"
    target.write_text("keep", encoding="utf-8")
    code, _, err = _run(capsys, str(case_path), "--creditor", "cf-loan", "--channel", "12378", "-o", str(target),
                        "--text")
    assert code == 2
    assert "已存在" in err
    assert target.read_text(encoding="utf-8") == "keep"
    code, _, _ = _run(capsys, str(case_path), "--creditor", "cf-loan", "--channel", "12378", "-o", str(target),
                      "--text", "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("投诉书")


def test_errors__nothing_to_do_or_a_reference_without_filed(case_path, capsys):
    """Neither -o nor --filed, and --reference without --filed, are usage errors (one line each)."""
    code, _, err = _run(capsys, str(case_path), "--creditor", "cf-loan", "--channel", "12378", "--reference", "X")
    assert code == 2
    assert len(err.splitlines()) == 2
    assert "-o" in err
    assert "--reference" in err
    assert json.loads(case_path.read_text(encoding="utf-8"))["complaints"] == []
