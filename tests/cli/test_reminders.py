"""Tests for ``planner reminders``: the .ics written for a scenario, and its one-line errors (exit code 2)."""

from __future__ import annotations

import stat
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from planner.cli import main
from planner.engines.plan import plan_case
from planner.io.casefile import load_case
from planner.report.calendar import reminders_ics

SCENARIO = "延期12个月后分期"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def follow_up_dates(path):
    calendar = Calendar.from_ical(path.read_bytes())
    return {e["DTSTART"].dt for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("协商申请寄出")}


def test_reminders__writes_the_scenarios_calendar(case_file, tmp_path, capsys):
    """The file holds exactly the bytes of ``reminders_ics`` for the case, and one line says how many and where."""
    out = tmp_path / "提醒.ics"
    code, stdout, err = run(capsys, "reminders", case_file, "--scenario", SCENARIO, "-o", out, "--sent-on",
                            "2026-11-25")
    assert code == 0
    assert stdout == ""
    expected = reminders_ics(plan_case(load_case(case_file)), SCENARIO, sent_on=date(2026, 11, 25))
    assert out.read_bytes() == expected
    assert err.count("\n") == 1
    assert "已写入 305 个日历事件（300 次还款、5 个回复跟进）" in err
    assert str(out) in err
    assert "书面确认" in err


def test_reminders__file_is_the_owners_only(case_file, tmp_path, capsys):
    """The calendar holds account numbers: it is created readable by its owner only, with no temporary file left."""
    out = tmp_path / "r.ics"
    assert run(capsys, "reminders", case_file, "--scenario", SCENARIO, "-o", out)[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    # case-evidence/ holds the example log's attachment, written by `planner example` beside the case
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case-evidence", "case.json", "r.ics"]


def test_reminders__sent_on_defaults_to_today(case_file, tmp_path, capsys):
    """Without --sent-on the follow-ups fall 14 days after today."""
    out = tmp_path / "r.ics"
    before = date.today()  # noqa: DTZ011 - the CLI's default is today
    assert run(capsys, "reminders", case_file, "--scenario", SCENARIO, "-o", out)[0] == 0
    after = date.today()  # noqa: DTZ011
    assert follow_up_dates(out) <= {before + timedelta(days=14), after + timedelta(days=14)}


def test_reminders__options_choose_creditors_and_days(case_file, tmp_path, capsys):
    """--creditor (repeated), --alarm-days and --follow-up-days reach the calendar."""
    out = tmp_path / "r.ics"
    code, _, err = run(capsys, "reminders", case_file, "--scenario", "部分一次性结清", "-o", out, "--creditor",
                       "citic-card", "--creditor", "cmb-card", "--sent-on", "2026/11/25", "--alarm-days", "5",
                       "--follow-up-days", "21")
    assert code == 0
    assert "63 个日历事件（61 次还款、2 个回复跟进）" in err
    calendar = Calendar.from_ical(out.read_bytes())
    triggers = {a["TRIGGER"].dt for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("还款")
                for a in e.walk("VALARM")}
    assert triggers == {timedelta(days=-5, hours=9)}
    assert follow_up_dates(out) == {date(2026, 12, 16)}


def test_reminders__english(case_file, tmp_path, capsys):
    """--lang en words the file and the line in English."""
    out = tmp_path / "r.ics"
    code, _, err = run(capsys, "reminders", case_file, "--scenario", SCENARIO, "-o", out, "--lang", "en",
                       "--creditor", "cmb-card")
    assert code == 0
    assert err.startswith("planner: Wrote 61 calendar events (payments: 60, follow-ups: 1) to ")
    assert "written confirmation" in err
    calendar = Calendar.from_ical(out.read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "Repayment reminders \u00b7 张伟"


def test_reminders__existing_file_needs_force(case_file, tmp_path, capsys):
    """An existing file is refused without --force and left as it was; --force replaces it, keeping NAME.bak."""
    out = tmp_path / "r.ics"
    out.write_bytes(b"old")
    code, _, err = run(capsys, "reminders", case_file, "--scenario", SCENARIO, "-o", out)
    assert code == 2
    assert "已存在" in err
    assert "--force" in err
    assert out.read_bytes() == b"old"
    code, _, err = run(capsys, "reminders", case_file, "--scenario", SCENARIO, "-o", out, "--force")
    assert code == 0
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert (tmp_path / "r.ics.bak").read_bytes() == b"old"
    assert "r.ics.bak" in err


@pytest.mark.parametrize(("options", "says"), [
    (["--scenario", "没有这个方案"], "方案引用的对象不存在"),
    (["--scenario", SCENARIO, "--creditor", "nope"], "债权人引用的对象不存在"),
    (["--scenario", SCENARIO, "--alarm-days", "abc"], "--alarm-days必须是整数"),
    (["--scenario", SCENARIO, "--alarm-days", "99"], "--alarm-days必须在 0 到 60 之间"),
    (["--scenario", SCENARIO, "--follow-up-days", "0"], "--follow-up-days必须在 1 到 180 之间"),
    (["--scenario", SCENARIO, "--sent-on", "2026-02-30"], "--sent-on不存在（2 月没有 30 日）"),
    (["--scenario", SCENARIO, "--sent-on", "next week"], "--sent-on必须是日期"),
])
def test_reminders__bad_input_is_one_line_and_exit_2(case_file, tmp_path, capsys, options, says):
    """A bad option prints one line naming what is wrong, exits 2 and writes nothing."""
    out = tmp_path / "r.ics"
    code, stdout, err = run(capsys, "reminders", case_file, "-o", out, *options)
    assert code == 2
    assert stdout == ""
    assert err.count("\n") == 1
    assert says in err
    assert not out.exists()


def test_reminders__unknown_creditor_lists_the_ids(case_file, tmp_path, capsys):
    """An unknown creditor's line lists the debt ids there are."""
    code, _, err = run(capsys, "reminders", case_file, "--scenario", SCENARIO, "--creditor", "nope", "-o",
                       tmp_path / "r.ics")
    assert code == 2
    assert "cmb-card, citic-card, cf-loan, online-loan, private-loan" in err


def test_reminders__unreadable_case(tmp_path, capsys):
    """A missing case file and one that is not JSON are one line each, exit 2."""
    missing = tmp_path / "missing.json"
    code, _, err = run(capsys, "reminders", missing, "--scenario", SCENARIO, "-o", tmp_path / "r.ics")
    assert code == 2
    assert f"文件 {missing} 无法读取" in err
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "reminders", broken, "--scenario", SCENARIO, "-o", tmp_path / "r.ics")
    assert code == 2
    assert err.count("\n") == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(("name", "says"), [("r.txt", "扩展名是 .txt"), ("folder", "这是一个文件夹")])
def test_reminders__output_must_be_an_ics_file(case_file, tmp_path, capsys, name, says):
    """The output is refused when it is a folder or does not end in .ics."""
    (tmp_path / "folder").mkdir()
    code, _, err = run(capsys, "reminders", case_file, "--scenario", SCENARIO, "-o", tmp_path / name)
    assert code == 2
    assert says in err


def test_reminders__missing_folder_is_refused(case_file, tmp_path, capsys):
    """A folder that does not exist cannot be written to: one line, exit 2."""
    code, _, err = run(capsys, "reminders", case_file, "--scenario", SCENARIO, "-o", tmp_path / "nope" / "r.ics")
    assert code == 2
    assert "无法写入" in err


def test_reminders__errors_in_english(case_file, tmp_path, capsys):
    """With --lang en the error line is English."""
    code, _, err = run(capsys, "reminders", case_file, "--scenario", "nope", "-o", tmp_path / "r.ics", "--lang", "en")
    assert code == 2
    assert "refers to something that does not exist" in err


def test_reminders__scenario_is_required(case_file, tmp_path, capsys):
    """Without --scenario argparse's complaint is one translated line, exit 2."""
    code, _, err = run(capsys, "reminders", case_file, "-o", tmp_path / "r.ics")
    assert code == 2
    assert "缺少必填参数：--scenario" in err


def test_reminders__help_is_bilingual(capsys):
    """The command's help names it in English and Chinese."""
    with pytest.raises(SystemExit):
        main(["reminders", "--help"])
    out = capsys.readouterr().out
    assert "calendar file (.ics)" in out
    assert "日历文件" in out
