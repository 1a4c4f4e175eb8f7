"""催收记录 Collection-log tab: quick entry (defaults, toggles, bad values kept), undo and autosave, delete,
attachments by path and by upload with their states, the timeline's data, and both languages."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from datetime import datetime, time

import numpy as np
import pytest
from ui.uitools import find, find_all, status, strip, table_rows

from planner.domain.conduct import Contacted, Flag, LogEntry
from planner.io.casefile import load_case, write_case
from planner.io.examples import example_case
from planner.text import app_text
from planner.ui.app import PlannerApp
from planner.ui.charts import contact_series

NOW = datetime(2026, 11, 20, 22, 30)  # noqa: DTZ001 - the log keeps China-local times without a zone


@pytest.fixture
def app(make_app, case_path) -> PlannerApp:
    """The app on the example case with an empty log, its clock stopped at 2026-11-20 22:30 (China time)."""
    write_case(dataclasses.replace(example_case(), conduct=()), case_path)
    return make_app(clock=lambda: NOW)


def test_example_case__its_log_is_shown(make_app):
    """The built-in example case opens with its log of 37 contacts, five of them third parties."""
    tab = conduct(make_app(clock=lambda: NOW))
    assert strip(tab.count.value).strip() == "共 37 条记录，其中 5 条联系了第三人（家人、同事、单位、朋友等）。"
    assert len(rows(tab)) > 1


def conduct(app: PlannerApp):
    """Put the 催收记录 tab on screen and return it."""
    app.tabs.selected_index = app.pages.index(app.conduct_tab)
    return app.conduct_tab


def rows(tab) -> list[list[str]]:
    """Return the log's table as cell texts, the header first."""
    return table_rows(tab.table.value)


def entry(**changes) -> LogEntry:
    values = {"time": "2026-11-18 10:00", "channel": "call", "contacted": "debtor", "creditor": "cmb-card",
              "sender": "95555"}
    return LogEntry(**{**values, **changes})


# -- the tab and the form ----------------------------------------------------------------------------------------


def test_tab__is_the_seventh_titled_and_built_only_when_shown(app):
    """The tab comes after 协商申请, is titled 催收记录, and is built only when shown."""
    index = app.pages.index(app.conduct_tab)
    assert index == app.pages.index(app.proposal_tab) + 1 == len(app.pages) - 1
    assert app.tabs.get_title(index) == "催收记录"
    assert app.conduct_tab.children == ()
    tab = conduct(app)
    assert tab.children
    assert strip(tab.count.value).strip() == "还没有记录。"


def test_add__with_defaults(app):
    """Adding at once logs a call to the debtor now, about the debt chosen in the app, answered."""
    tab = conduct(app)
    assert tab.time_input.value == "2026-11-20 22:30"
    added = tab.add()
    assert added is not None
    assert app.case.conduct == (added,)
    assert (added.time, added.channel.value, added.contacted, added.creditor) == (
        NOW, "call", Contacted.DEBTOR, app.selected_debt)
    assert added.answered
    assert added.flags == ()
    assert added.duration_min is None
    header, first = rows(tab)
    assert header[:3] == ["序号", "时间", "方式"]
    assert first[:3] == ["1", "2026-11-20 22:30", "电话"]
    assert first[5] == app.case.debt(app.selected_debt).creditor
    assert "已添加 2026-11-20 22:30 的记录" in status(app)


def test_add__flags_toggled_and_every_field(app):
    """Flags are toggle buttons; the entry holds each field as typed (time as people write it, duration in 分钟)."""
    tab = conduct(app)
    tab.time_input.value = "2026年11月19日 晚上11点05"
    assert "即 2026-11-19 23:05" in strip(tab.time_note.value)
    tab.channel.value = "sms"
    tab.sender.value = "10690000"
    tab.contacted.value = "family"
    tab.identity.value = "自称法院工作人员"
    find(tab, "planner-conduct-flag-impersonation").value = True
    find(tab, "planner-conduct-flag-threat").value = True
    tab.duration.value = "3分钟"
    tab.answered.value = False
    tab.note.value = "说要上门"
    added = tab.add()
    assert added is not None
    assert added.time == datetime(2026, 11, 19, 23, 5)  # noqa: DTZ001 - China-local, as the log keeps it
    assert added.flags == (Flag.THREAT, Flag.IMPERSONATION)  # in the order of the buttons
    assert (added.sender, added.identity, added.duration_min, added.answered, added.note) == (
        "10690000", "自称法院工作人员", 3, False, "说要上门")
    assert added.is_third_party
    row = rows(tab)[1]
    assert row[2:5] == ["短信", "10690000", "家人"]
    assert row[7] == "威胁、冒充公检法或律师"
    assert row[8:11] == ["3", "否", "说要上门"]
    assert 'class="third"' in tab.table.value
    # after adding: the contact's own details are cleared, who and how are kept for the next one
    assert not any(t.value for t in tab.flags.values())
    assert (tab.note.value, tab.duration.value, tab.answered.value) == ("", "", True)
    assert (tab.channel.value, tab.sender.value, tab.contacted.value) == ("sms", "10690000", "family")
    assert tab.time_input.value == "2026-11-20 22:30"


def test_bad_time__shows_the_error_and_keeps_every_value(app):
    """A time that cannot be read is said beside the field in Chinese; nothing is added and nothing typed is lost."""
    tab = conduct(app)
    tab.time_input.value = "昨天晚上"
    tab.sender.value = "95555"
    tab.note.value = "第三次来电"
    find(tab, "planner-conduct-flag-insult").value = True
    tab.duration.value = "两分钟"
    assert tab.add() is None
    assert app.case.conduct == ()
    time_msg = strip(tab.msgs["time"].value)
    assert "时间必须是时间" in time_msg
    assert "昨天晚上" in time_msg
    assert "必须是整数" in strip(tab.msgs["duration_min"].value)
    assert "没有添加" in strip(tab.add_msg.value)
    assert (tab.time_input.value, tab.sender.value, tab.note.value, tab.duration.value) == (
        "昨天晚上", "95555", "第三次来电", "两分钟")
    assert tab.flags["insult"].value
    tab.time_input.value = "2026-11-20 21:00"
    tab.duration.value = "2"
    added = tab.add()
    assert added is not None
    assert added.flags == (Flag.INSULT,)
    assert tab.msgs["time"].value == ""


def test_a_time_in_the_future__is_said(app):
    tab = conduct(app)
    tab.time_input.value = "2027-11-20 10:00"
    assert "这个时间还没到" in strip(tab.time_note.value)


def test_creditor__a_name_typed(app):
    """其他 lets a name be typed (a collection agency); left empty it is refused beside the field."""
    tab = conduct(app)
    tab.creditor.value = "\x00other"
    assert tab.creditor_name.layout.display == "flex"
    assert tab.add() is None
    assert "债权人" in strip(tab.msgs["creditor"].value)
    tab.creditor_name.value = "某平台委托第三方催收"
    added = tab.add()
    assert added is not None
    assert added.creditor == "某平台委托第三方催收"
    assert rows(tab)[1][5] == "某平台委托第三方催收"


def test_the_same_contact_twice__is_not_added(app):
    tab = conduct(app)
    assert tab.add() is not None
    tab.time_input.value = "2026-11-20 22:30"
    assert tab.add() is None
    assert len(app.case.conduct) == 1
    assert "已有一条" in strip(tab.add_msg.value)


# -- undo, autosave, delete --------------------------------------------------------------------------------------


def test_undo_removes_the_entry_and_redo_brings_it_back(app):
    tab = conduct(app)
    added = tab.add()
    app.undo()
    assert app.case.conduct == ()
    assert strip(app.conduct_tab.count.value).strip() == "还没有记录。"
    app.redo()
    assert app.case.conduct == (added,)
    assert len(rows(app.conduct_tab)) == 2


def test_autosave__writes_the_entry_to_the_case_file(app, case_path):
    tab = conduct(app)
    find(tab, "planner-conduct-flag-disclosure").value = True
    tab.contacted.value = "colleague"
    added = tab.add()
    assert load_case(case_path).conduct == (added,)


def test_table__newest_first_and_delete_is_undoable(app, case_path):
    """Entries logged out of order are listed newest first; deleting one takes it out (and out of the file)."""
    tab = conduct(app)
    for typed in ("2026-11-18 09:00", "2026-11-20 08:15", "2026-11-19 12:00"):
        tab.time_input.value = typed
        assert tab.add() is not None
    assert [r[1] for r in rows(tab)[1:]] == ["2026-11-20 08:15", "2026-11-19 12:00", "2026-11-18 09:00"]
    picks = [label for label, _ in tab.delete_pick.options]
    assert picks[1].startswith("2 · 2026-11-19 12:00 · 电话")
    tab.delete_pick.value = tab.delete_pick.options[1][1]
    find(tab, "planner-conduct-delete").click()
    assert [r[1] for r in rows(tab)[1:]] == ["2026-11-20 08:15", "2026-11-18 09:00"]
    assert len(load_case(case_path).conduct) == 2
    assert "已删除 2026-11-19 12:00 的记录" in status(app)
    app.undo()
    assert len(app.case.conduct) == 3
    assert len(rows(app.conduct_tab)) == 4


def test_typed_values__survive_a_language_switch_and_an_undo(app):
    tab = conduct(app)
    tab.add()
    tab.note.value = "还没写完"
    tab.sender.value = "400-123"
    app.set_locale("en")
    tab = conduct(app)
    assert (tab.note.value, tab.sender.value) == ("还没写完", "400-123")
    app.undo()
    assert (app.conduct_tab.note.value, app.conduct_tab.sender.value) == ("还没写完", "400-123")


# -- attachments -------------------------------------------------------------------------------------------------


def test_attachment_by_path__hash_matches_and_a_changed_file_is_shown(app, case_path):
    """A file taken by path (relative to the case file's folder) keeps its size and SHA-256; changed, then gone,
    the table says so."""
    folder = case_path.parent
    data = b"recording" * 200_000
    (folder / "证据").mkdir()
    (folder / "证据" / "录音.m4a").write_bytes(data)
    tab = conduct(app)
    tab.path_input.value = "证据/录音.m4a"
    find(tab, "planner-conduct-attach").click()
    assert tab.path_input.value == ""
    assert len(tab.pending) == 1
    assert "证据/录音.m4a" in strip(tab.pending_list.children[0].children[0].value)
    added = tab.add()
    (attachment,) = added.attachments
    assert (attachment.path, attachment.size, attachment.sha256) == (
        "证据/录音.m4a", len(data), hashlib.sha256(data).hexdigest())
    assert load_case(case_path).conduct[0].attachments == (attachment,)
    assert rows(tab)[1][11] == "录音.m4a（未改动）"
    assert tab.pending == []

    target = folder / "证据" / "录音.m4a"
    target.write_bytes(b"X" + data[1:])  # same size, other bytes
    stamp = target.stat().st_mtime_ns + 1_000_000_000
    os.utime(target, ns=(stamp, stamp))
    tab.update()
    assert rows(tab)[1][11] == "录音.m4a（已改动）"
    assert 'class="changed"' in tab.table.value
    assert "1 个已改动" in strip(tab.states.value)
    target.unlink()
    tab.update()
    assert rows(tab)[1][11] == "录音.m4a（找不到文件）"


def test_attachment__a_missing_path_is_said_and_nothing_is_attached(app, case_path):
    tab = conduct(app)
    tab.path_input.value = "没有这个文件.png"
    find(tab, "planner-conduct-attach").click()
    assert tab.pending == []
    assert "没有这个文件.png" in strip(tab.msgs["attachments"].value)
    assert tab.path_input.value == "没有这个文件.png"


def test_attachment__taken_off_before_adding(app, case_path):
    (case_path.parent / "a.png").write_bytes(b"png")
    tab = conduct(app)
    tab.path_input.value = "a.png"
    tab.attach_typed()
    find(tab, "planner-conduct-drop").click()
    assert tab.pending == []
    assert (case_path.parent / "a.png").read_bytes() == b"png"


def test_upload__kept_beside_the_case_file_never_over_another(app, case_path):
    """An upload is written to NAME-evidence/ beside the case file and attached by that relative path; the same
    bytes again are the same file, other bytes under that name get another name."""
    tab = conduct(app)
    first = tab.keep_upload("截图.png", b"first")
    again = tab.keep_upload("截图.png", b"first")
    other = tab.keep_upload("截图.png", b"other")
    folder = case_path.parent / f"{case_path.stem}-evidence"
    assert first.path == f"{case_path.stem}-evidence/截图.png"
    assert again is not None
    assert other.path == f"{case_path.stem}-evidence/截图-2.png"
    assert (folder / "截图.png").read_bytes() == b"first"
    assert (folder / "截图-2.png").read_bytes() == b"other"
    assert [a.path for a in tab.pending] == [first.path, other.path]
    assert other.sha256 == hashlib.sha256(b"other").hexdigest()
    added = tab.add()
    assert len(added.attachments) == 2
    assert rows(tab)[1][11] == "截图.png（未改动）；截图-2.png（未改动）"


def test_upload__without_a_case_file_is_refused_with_a_message(make_app, tmp_path):
    from planner.io.examples import example_case

    app = PlannerApp(example_case(), clock=lambda: NOW)
    tab = conduct(app)
    assert tab.keep_upload("x.png", b"x") is None
    assert "另存为" in strip(tab.msgs["attachments"].value)
    assert "另存为" in strip(tab.attach_help.value)


# -- the timeline ------------------------------------------------------------------------------------------------


def test_contact_series__days_exact_across_midnight_and_third_parties():
    """23:59 and 00:01 are two days; days without contacts are zero; third-party contacts are counted per day."""
    entries = [
        entry(time="2026-11-18 23:59"),
        entry(time="2026-11-19 00:01", contacted="family"),
        entry(time="2026-11-19 08:30", creditor="某平台委托第三方催收", sender="170"),
        entry(time="2026-11-21 22:45", contacted="colleague"),
        entry(time="2026-11-18T16:30Z"),  # 2026-11-19 00:30 in China
    ]
    series = contact_series(entries, lambda c: {"cmb-card": "招商银行"}.get(c, c))
    assert [d.isoformat() for d in series.days] == ["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21"]
    assert series.creditors == ("招商银行", "某平台委托第三方催收")
    assert series.counts == ((1, 2, 0, 1), (0, 1, 0, 0))
    assert series.totals == (1, 3, 0, 1)
    assert series.third_party == (0, 1, 0, 1)
    hours = [(p[0].isoformat(), p[1], p[3]) for p in series.points]
    assert hours[0] == ("2026-11-18", 23 + 59 / 60, False)
    assert ("2026-11-19", 0.5, False) in hours
    assert hours[-1] == ("2026-11-21", 22.75, True)


def test_timeline__draws_the_series_and_the_allowed_hours_from_the_rules(app):
    tab = conduct(app)
    assert tab.allowed_hours == (time(8), time(22))  # the package rules' quiet hours, 22:00-08:00
    tab.allowed_hours = None
    for typed, who in (("2026-11-19 23:30", "debtor"), ("2026-11-20 09:00", "family"), ("2026-11-20 10:00", "debtor")):
        tab.time_input.value = typed
        tab.contacted.value = who
        tab.add()
    chart = tab.timeline
    assert list(tab.chart_box.children) == [chart.per_day, chart.by_hour]
    assert np.asarray(chart.bars.y).tolist() == [[1.0, 2.0]]
    legend = strip(tab.legend.value)
    assert app.case.debt(app.selected_debt).creditor in legend
    assert "联系了第三人" in legend
    assert [str(d)[:13] for d in np.asarray(chart.marks.x)] == ["2026-11-20T12"]  # drawn at the day's middle
    assert np.asarray(chart.third_dots.y).tolist() == [9.0]
    assert sorted(np.asarray(chart.dots.y).tolist()) == [10.0, 23.5]
    assert len(chart.band.x) == 0  # no band when the rules give no hours
    assert "允许催收时段" not in legend
    tab.allowed_hours = (time(8), time(22))
    tab.update()
    assert np.asarray(chart.band.y).tolist() == [[8.0, 8.0], [22.0, 22.0]]
    assert "允许催收时段 08:00–22:00" in strip(tab.legend.value)
    assert chart.per_day.title == "每天联系次数（按债权人）"
    assert list(chart.count_axis.tick_values) == [0, 1, 2, 3]


def test_timeline__empty_log_shows_no_chart(app):
    tab = conduct(app)
    assert tab.chart_box.children == ()


# -- languages ---------------------------------------------------------------------------------------------------


def test_labels__chinese_and_english(make_app):
    """Every label of the form, the table and the guidance is in the app's language."""
    app = make_app(clock=lambda: NOW)
    tab = conduct(app)
    labels = [strip(row.children[0].value) for row in find_all(tab.form, "planner-field")]
    assert labels == ["时间", "方式", "来电号码", "联系对象", "债权人", "自称身份", "标记", "时长（分钟）", "备注", "附件"]
    assert "12368" in strip(tab.guide.value)
    assert "传票" in strip(tab.guide.value)
    assert [b.description for b in tab.flags.values()][:2] == ["威胁", "辱骂"]
    assert tab.channel.options[0] == ("电话", "call")
    tab.add()
    app.set_locale("en")
    tab = conduct(app)
    assert app.tabs.get_title(app.pages.index(tab)) == "Collection log"
    assert [strip(row.children[0].value) for row in find_all(tab.form, "planner-field")] == [
        "Time", "Channel", "From", "Contacted", "Creditor", "Identity claimed", "Flags", "Minutes", "Note",
        "Attachments"]
    header = rows(tab)[0]
    assert header[:5] == ["No.", "Time", "Channel", "From", "Contacted"]
    assert rows(tab)[1][2] == "call"
    assert tab.channel.options[1] == ("SMS", "sms")
    guide = strip(tab.guide.value)
    assert "12368" in guide
    assert "Good to know" in guide
    assert app_text("conduct.guide.court", "en") in guide
    assert strip(find(tab, "planner-conduct-add").description) == "Add entry"


def test_delete__the_entry_just_added_is_the_one_offered(app):
    """After adding, the entry chooser beside the table holds the entry just added (a typo is deleted at once)."""
    tab = conduct(app)
    tab.time_input.value = "2026-11-20 09:00"
    tab.add()
    tab.time_input.value = "2026-11-18 09:00"  # an older call, logged later
    older = tab.add()
    assert tab.delete_pick.value == older.id
    find(tab, "planner-conduct-delete").click()
    assert [e.time.day for e in app.case.conduct] == [20]


def test_time__untouched_it_is_the_time_of_adding_typed_it_is_kept(make_app):
    """A time field left as it was logs the contact as now (the clock moved on since the form was drawn); a time
    typed is logged as typed and stays typed; 现在 makes the field follow the clock again."""
    clock = [datetime(2026, 11, 20, 9, 0)]  # noqa: DTZ001 - China-local, as the log keeps it
    app = make_app(clock=lambda: clock[0])
    tab = conduct(app)
    assert tab.time_input.value == "2026-11-20 09:00"
    clock[0] = datetime(2026, 11, 20, 9, 40)  # noqa: DTZ001 - China-local
    assert tab.add().time == clock[0]
    assert tab.time_input.value == "2026-11-20 09:40"
    tab.time_input.value = "2026-11-19 21:15"
    clock[0] = datetime(2026, 11, 20, 10, 0)  # noqa: DTZ001 - China-local
    tab.update()
    assert tab.time_input.value == "2026-11-19 21:15"
    assert tab.add().time == datetime(2026, 11, 19, 21, 15)  # noqa: DTZ001 - China-local
    clock[0] = datetime(2026, 11, 20, 10, 5)  # noqa: DTZ001 - China-local
    find(tab, "planner-conduct-now").click()
    clock[0] = datetime(2026, 11, 20, 10, 30)  # noqa: DTZ001 - China-local
    assert tab.add().time == clock[0]


def test_suggestions__numbers_names_and_identities_already_logged(app):
    tab = conduct(app)
    tab.sender.value = "0755-95555"
    tab.identity.value = "律师"
    tab.add()
    tab.creditor.value = "\x00other"
    tab.creditor_name.value = "某平台委托第三方催收"
    tab.sender.value = "170-0000-1111"
    tab.time_input.value = "2026-11-20 21:00"
    tab.add()
    assert tuple(tab.sender.options) == ("0755-95555", "170-0000-1111")  # the latest contact first
    assert tuple(tab.identity.options) == ("律师",)
    assert tuple(tab.creditor_name.options) == ("某平台委托第三方催收",)  # a debt's id is no name to offer


def test_detail__the_chosen_entry_in_full(app, case_path):
    """The entry chosen beside the table is shown whole: the full note and each attachment's SHA-256 and state."""
    (case_path.parent / "shot.png").write_bytes(b"png bytes")
    tab = conduct(app)
    long_note = "对方说：" + "如果不还钱就去你单位找你。" * 6
    tab.note.value = long_note
    tab.path_input.value = "shot.png"
    tab.attach_typed()
    tab.add()
    assert long_note not in strip(tab.table.value)  # cut in the table
    detail = strip(tab.detail.value)
    assert long_note in detail
    assert hashlib.sha256(b"png bytes").hexdigest() in detail
    assert "未改动" in detail


def test_long_log__the_table_shows_the_newest_and_every_attachment_is_checked(app, case_path, monkeypatch):
    """Beyond the rows the table shows, the count says how many there are, and a missing file of an older entry is
    still reported."""
    from planner.ui.tabs import conduct as conduct_module

    monkeypatch.setattr(conduct_module, "MAX_ROWS", 1)
    (case_path.parent / "old.m4a").write_bytes(b"old call")
    tab = conduct(app)
    tab.time_input.value = "2026-11-01 09:00"
    tab.path_input.value = "old.m4a"
    tab.attach_typed()
    tab.add()
    tab.time_input.value = "2026-11-02 09:00"
    tab.add()
    (case_path.parent / "old.m4a").unlink()
    tab.recheck()
    assert [r[1] for r in rows(tab)[1:]] == ["2026-11-02 09:00"]
    assert "共 2 条记录" in strip(tab.count.value)
    assert "显示最新的 1 条" in strip(tab.count.value)
    assert "0 个未改动，0 个已改动，1 个找不到" in strip(tab.states.value)


# -- the example's evidence photo --------------------------------------------------------------------------------


def test_for_file__the_example_writes_its_evidence_photo_beside_the_case(make_app, case_path):
    """A new case file from the example gets the fake 律师函 photo in NAME-evidence/, so its attachment is found."""
    from planner.io.examples import LETTER_FILE, fake_letter_png

    tab = conduct(make_app(clock=lambda: NOW))
    photo = case_path.parent / "张伟-evidence" / LETTER_FILE
    assert photo.read_bytes() == fake_letter_png()
    (attachment,) = [a for e in tab.app.case.conduct for a in e.attachments]
    assert attachment.path == f"张伟-evidence/{LETTER_FILE}"
    assert load_case(case_path).conduct == tab.app.case.conduct
    assert tab.states.value == ""  # every attachment as logged
    assert f"{LETTER_FILE}（未改动）" in tab.table.value


def test_for_file__a_photo_already_there_is_never_written_over(make_app, case_path):
    """A file already at the photo's place is kept as it is, and the log says it is not the one logged."""
    from planner.io.examples import LETTER_FILE

    photo = case_path.parent / "张伟-evidence" / LETTER_FILE
    photo.parent.mkdir()
    photo.write_bytes(b"someone else's file")
    tab = conduct(make_app(clock=lambda: NOW))
    assert photo.read_bytes() == b"someone else's file"
    assert f"{LETTER_FILE}（已改动）" in tab.table.value
    assert "1 个已改动" in strip(tab.states.value)


# -- the rule findings -------------------------------------------------------------------------------------------


def finding_rows(tab, code: str) -> list[list[str]]:
    """Return the findings table rows of ``code`` (every creditor's), as cell texts."""
    import re

    markup = tab.findings.box.value
    css = f"planner-finding-{code.lower().replace('_', '-')}"
    found = re.findall(rf'<tr class="[a-z]+ {css}">(.*?)</tr>', markup, flags=re.DOTALL)
    return [[strip(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.DOTALL)] for row in found]


def test_findings__the_example_log_per_creditor_with_sources_and_channels(make_app):
    """The example's online lender contacted 4 third parties and called one unanswered number 7 times on 11-13;
    each finding shows its severity, sentence, count and source; the channels follow, in order; and the note."""
    from planner.caps.conduct import channels_for, check_log
    from planner.text import source_text

    tab = conduct(make_app(clock=lambda: NOW))
    findings = check_log(tab.app.case)
    third = next(f for f in findings if f.subject == "online-loan" and f.code == "THIRD_PARTY_CONTACT")
    assert third.param("count") == 4
    assert len(third.param("entries")) == 4
    attempts = next(f for f in findings if f.subject == "online-loan" and f.param("basis") == "attempts")
    assert (attempts.param("most"), attempts.param("worst").isoformat()) == (7, "2026-11-13")
    assert tab.findings.findings == findings
    sev, sentence, count, source = finding_rows(tab, "THIRD_PARTY_CONTACT")[0]
    assert (sev, count) == ("注意", "4")
    assert "联系了家人、同事、单位，共 4 次" in sentence
    assert source == source_text(third.source, "zh") != ""
    frequent = [r[1] for r in finding_rows(tab, "TOO_FREQUENT")]
    assert any("最多一天 7 次，在 2026年11月13日" in s for s in frequent)
    text = strip(tab.findings.box.value)
    assert "融易借（网络助贷平台）（online-loan） · 26 条记录" in text
    assert "安和消费金融有限公司（cf-loan） · 11 条记录" in text
    online = text[text.index("online-loan"):text.index("cf-loan）")]
    names = [c.name("zh") for c in channels_for(tab.app.case.debt("online-loan").kind,
                                                [f for f in findings if f.subject == "online-loan"])]
    assert names[0] == "债权人客服"
    assert [online.index(n) for n in names] == sorted(online.index(n) for n in names)
    assert "中国互联网金融协会" in online
    assert "不是法律结论" in strip(find(tab, "planner-conduct-findings-note").value)


def test_findings__a_night_call_adds_one_and_undo_takes_it_away(app):
    """A call at 22:30 is in the quiet hours: the finding appears at once, and goes with an undo."""
    tab = conduct(app)
    assert "还没有记录" in strip(tab.findings.box.value)
    tab.time_input.value = "2026-11-20 14:00"
    tab.add()
    assert "没有发现越过所列规则的联系" in strip(tab.findings.box.value)
    tab.time_input.value = "2026-11-20 22:30"
    tab.add()
    (row,) = finding_rows(tab, "OUTSIDE_HOURS")
    assert row[2] == "1"
    assert "22:00 至 08:00" in row[1]
    assert "中国银行业协会" in row[3]
    app.undo()
    assert finding_rows(app.conduct_tab, "OUTSIDE_HOURS") == []


def test_findings__choosing_one_marks_its_entries_in_the_table(make_app):
    """Choosing the third-party finding marks its 4 entries in the log's table; choosing none unmarks them."""
    tab = conduct(make_app(clock=lambda: NOW))
    pick = tab.findings.pick
    key = next(v for label, v in pick.options if "联系第三人" in label and "融易借" in label)
    pick.value = key
    marked = [r for r in tab.table.value.split("<tr")[1:] if 'class="third marked"' in r or 'class="marked"' in r]
    assert len(marked) == 4
    assert tab.marked == frozenset(tab.findings.chosen().param("entries"))
    tab.time_input.value = "2026-11-20 14:00"
    tab.contacted.value = "family"
    tab.creditor.value = "online-loan"
    tab.add()  # one more third party: marked at once
    assert len(tab.marked) == 5
    assert tab.table.value.count('class="third marked"') == 5
    pick.value = pick.options[0][1]
    assert "marked" not in tab.table.value.replace(".planner-conduct-log tr.marked", "")


def test_findings__in_english(make_app):
    tab = conduct(make_app(clock=lambda: NOW, locale="en"))
    text = strip(tab.findings.box.value)
    assert "Where to complain, in order" in text
    assert "contacted people other than you" in text
    assert "not a legal conclusion" in strip(find(tab, "planner-conduct-findings-note").value)


# -- the import --------------------------------------------------------------------------------------------------


GOOD_CSV = ("时间,方式,来电号码,联系对象,债权人,标记,接通,备注\n"
            "2026-11-18 23:10,电话,0571-1,家人,cf-loan,威胁,是,说要上门\n"
            "2026/11/19 09:00,短信,10690,本人,某平台委托第三方催收,,否,\n").encode()
BAD_CSV = ("时间,方式,联系对象,债权人\n"
           "2026-11-18 23:10,电话,家人,cf-loan\n"
           "2026-11-40 09:00,电筒,本人,cf-loan\n"
           "2026-11-19 09:00,电话,邻居,cf-loan\n").encode("gb18030")


def test_import__adds_the_rows_through_an_edit_undo_and_autosave(app, case_path):
    """An uploaded table is added to the log (and saved); importing it again adds nothing; undo takes it back."""
    tab = conduct(app)
    result = tab.importer.import_file("记录.csv", GOOD_CSV)
    assert result is not None
    assert (len(result.entries), result.added) == (2, 2)
    assert len(app.case.conduct) == 2
    assert load_case(case_path).conduct == app.case.conduct
    assert "新增 2 条，0 条已在记录中，跳过 0 行" in strip(tab.importer.report.value)
    assert finding_rows(tab, "OUTSIDE_HOURS")  # the findings follow at once
    assert not list(case_path.parent.glob(".planner-import-*"))  # the temporary copy is gone
    again = tab.importer.import_file("记录.csv", GOOD_CSV)
    assert (again.added, again.already) == (0, 2)
    assert "新增 0 条，2 条已在记录中" in strip(tab.importer.report.value)
    app.undo()
    assert app.case.conduct == ()


def test_import__a_file_with_bad_rows_is_refused_whole_one_line_per_problem(app):
    """Rows 3 and 4 are bad: nothing is imported, nothing can be undone, and each problem says row, field, value
    and fix."""
    tab = conduct(app)
    assert tab.importer.import_file("记录.csv", BAD_CSV) is None
    assert app.case.conduct == ()
    assert not app.history.can_undo
    report = tab.importer.report.value
    assert "没有导入 记录.csv：有 2 行有问题，记录没有任何改动" in strip(report)
    lines = [strip(li).strip() for li in report.split("<li>")[1:]]
    assert len(lines) == 3
    assert lines[0].startswith("第 3 行：时间不存在")
    assert "2026-11-40 09:00" in lines[0]
    assert lines[1].startswith("第 3 行：方式")
    assert "电筒" in lines[1]
    assert lines[2].startswith("第 4 行：联系对象")
    assert "邻居" in lines[2]
    assert all("；请" in line for line in lines)  # each says what to do


def test_import__skip_invalid_takes_the_good_rows_and_lists_the_rest(app):
    tab = conduct(app)
    tab.importer.skip.value = True
    tab.importer._uploaded({"new": ({"name": "记录.csv", "content": memoryview(BAD_CSV)},)})
    assert len(app.case.conduct) == 1
    report = strip(tab.importer.report.value)
    assert "新增 1 条，0 条已在记录中，跳过 2 行" in report
    assert "跳过了 2 行" in report
    assert "第 4 行：联系对象" in report
    app.undo()
    assert app.case.conduct == ()


def test_import__not_a_table_and_a_wrong_header_are_said(app):
    tab = conduct(app)
    assert tab.importer.import_file("录音.m4a", b"\x00\x01") is None
    assert "只能导入 .csv 或 .xlsx" in strip(tab.importer.report.value)
    assert tab.importer.import_file("x.csv", "时间,方式,颜色\n2026-11-18 10:00,电话,红\n".encode()) is None
    assert "表头有问题" in strip(tab.importer.report.value)
    assert "颜色" in strip(tab.importer.report.value)
    assert app.case.conduct == ()


def test_import__the_template_is_offered_and_its_sample_row_is_refused(app):
    import base64
    import re

    tab = conduct(app)
    tab.importer.offer_templates()
    links = re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', tab.importer.templates.value)
    assert [name for name, _ in links] == ["催收记录模板.csv", "催收记录模板.xlsx"]
    csv_bytes = base64.b64decode(links[0][1])
    assert csv_bytes.decode("utf-8-sig").startswith("时间,")
    assert tab.importer.import_file("催收记录模板.csv", csv_bytes) is None
    assert "第 " in strip(tab.importer.report.value)
    assert app.case.conduct == ()


# -- the evidence package ----------------------------------------------------------------------------------------


def test_evidence__the_package_verifies_and_its_digest_is_shown(make_app, tmp_path):
    """The package of every entry verifies against its manifest; the manifest's SHA-256 is shown; a creditor's
    package holds only its entries."""
    import base64
    import re

    from planner.report.evidence import verify_evidence

    tab = conduct(make_app(clock=lambda: NOW))
    section = tab.evidence
    assert [v for _, v in section.creditor.options][1:] == ["online-loan", "cf-loan"]
    find(tab, "planner-conduct-evidence").click()
    assert section.report is not None
    assert section.report.ok
    assert section.report.entries == 37
    target = tmp_path / "all.zip"
    target.write_bytes(section.data)
    verified = verify_evidence(target)
    assert verified.ok
    assert verified.manifest_sha256 == section.report.manifest_sha256
    assert section.report.manifest_sha256 in section.msg.value
    (name, payload), = re.findall(r'download="([^"]+)" href="data:application/zip;base64,([^"]+)"',
                                  section.downloads.value)
    assert name == "张伟-催收证据包-全部-2026-11-20.zip"
    assert base64.b64decode(payload) == section.data
    section.creditor.value = "cf-loan"
    section.export()
    assert section.report.entries == 11
    assert "安和消费金融有限公司" in section.file_name()


def test_evidence__a_missing_attachment_is_named_and_a_change_withdraws_the_package(make_app, case_path):
    from planner.io.examples import LETTER_FILE

    tab = conduct(make_app(clock=lambda: NOW))
    (case_path.parent / "张伟-evidence" / LETTER_FILE).unlink()
    tab.evidence.export()
    assert not tab.evidence.report.ok
    text = strip(tab.evidence.msg.value)
    assert f"附件缺失：张伟-evidence/{LETTER_FILE}" in text
    assert "有 1 个附件缺失或已改动" in text
    tab.time_input.value = "2026-11-20 14:00"
    tab.add()
    assert tab.evidence.data is None
    assert tab.evidence.downloads.value == ""


def test_evidence__an_empty_log_offers_nothing_and_an_error_is_said(app, monkeypatch):
    tab = conduct(app)
    assert tab.evidence.row.layout.display == "none"
    assert "还没有记录" in strip(tab.evidence.empty.value)
    tab.add()
    assert tab.evidence.row.layout.display == "flex"

    def failing(*_args, **_kwargs):
        from planner.errors import InvalidInput

        raise InvalidInput("file", "cannot_write", "/nowhere/x.zip")

    monkeypatch.setattr("planner.report.evidence.write_evidence", failing)
    find(tab, "planner-conduct-evidence").click()  # behind the boundary: said, never a traceback
    assert tab.evidence.msg.value
    assert "Traceback" not in app.boundary.status.value
    assert tab.evidence.data is None


# -- the complaint -----------------------------------------------------------------------------------------------


def test_complaint__suggested_channels_first_and_the_preview_holds_the_incident_table(make_app):
    """The online lender's suggested channels come first (its own service, NIFA, 12321, the police); the preview
    is the complaint document: its incident table lists every entry of that creditor with the evidence file."""
    from planner.caps.complaints import resolve_creditor, suggested_channels
    from planner.io.examples import LETTER_FILE

    tab = conduct(make_app(clock=lambda: NOW))
    section = tab.complaint
    assert [v for _, v in section.creditor.options] == ["online-loan", "cf-loan"]
    case = tab.app.case
    suggested = [c.id for c in suggested_channels(case, resolve_creditor(case, "online-loan"))]
    assert suggested == ["creditor", "nifa", "12321", "police"]
    ids = [v for _, v in section.channel.options]
    assert ids[:4] == suggested
    assert sorted(ids[4:]) == ["12345", "12378"]
    assert all("（建议）" in label for label, _ in section.channel.options[:4])
    section.channel.value = "nifa"
    assert section.document.meta == (("creditor", "online-loan"), ("channel", "nifa"))
    preview = section.preview.value
    header, *incidents = table_rows(preview.split("一、事实与经过")[1])
    assert header[:2] == ["序号", "时间"]
    assert len(incidents) == 26
    assert incidents[0][1] == "2026-11-09 10:15"
    assert any(LETTER_FILE in cell for row in incidents for cell in row)
    assert "中国互联网金融协会举报平台" in strip(preview)
    assert "2026年11月20日" in strip(preview)  # dated by the tab's clock
    section.creditor.value = "cf-loan"
    assert [v for _, v in section.channel.options][:2] == ["creditor", "12378"]
    assert len(table_rows(section.preview.value.split("一、事实与经过")[1])) == 12


def test_complaint__pdf_and_plain_text_downloads(make_app, tmp_path):
    import base64
    import re
    import subprocess

    tab = conduct(make_app(clock=lambda: NOW))
    section = tab.complaint
    section.channel.value = "12378"
    find(tab, "planner-conduct-complaint-pdf").click()
    assert section.pdf is not None
    assert section.pdf.startswith(b"%PDF")
    (name, payload), = re.findall(r'download="([^"]+)" href="data:application/pdf;base64,([^"]+)"',
                                  section.downloads.value)
    assert name == "张伟-投诉书-融易借（网络助贷平台）-12378.pdf"
    assert base64.b64decode(payload) == section.pdf
    target = tmp_path / "complaint.pdf"
    target.write_bytes(section.pdf)
    text = " ".join(subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "2026-11-17 11:20" in text
    find(tab, "planner-conduct-complaint-text").click()
    (name, payload), = re.findall(r'download="([^"]+)" href="data:text/plain;charset=utf-8;base64,([^"]+)"',
                                  section.downloads.value)
    assert name.endswith(".txt")
    plain = base64.b64decode(payload).decode("utf-8")
    assert plain.startswith("投诉书")
    assert "2026-11-17 11:20" in plain
    section.show_id_box.value = True  # a change withdraws the file made before it
    assert section.downloads.value == ""
    assert section.pdf is None


def test_complaint__mark_filed_records_it_with_the_reply_due_undoable(make_app, case_path):
    """Filed on 2026-11-20 with NIFA (10 working days): the reply is due 2026-12-04, saved in the case; undo takes
    the record back."""
    from datetime import date

    app = make_app(clock=lambda: NOW)
    section = conduct(app).complaint
    section.channel.value = "nifa"
    section.reference.value = "NIFA-2026-001"
    recorded = section.mark_filed()
    (complaint,) = app.case.complaints
    assert complaint == recorded.complaint
    assert (complaint.creditor, complaint.channel, complaint.filed, complaint.reference) == (
        "online-loan", "nifa", date(2026, 11, 20), "NIFA-2026-001")
    assert complaint.reply_due == date(2026, 12, 4)
    assert load_case(case_path).complaints == (complaint,)
    assert "预计答复期限：2026年12月4日（10个工作日" in strip(section.filed.value)
    assert "按周一至周五估算" not in strip(section.filed.value)
    assert table_rows(section.history.value)[1] == ["中国互联网金融协会举报平台", "2026年11月20日", "NIFA-2026-001",
                                                    "2026年12月4日"]
    app.undo()
    assert app.case.complaints == ()
    assert app.conduct_tab.complaint.history.value == ""


def test_complaint__filed_beyond_the_holiday_data_says_the_days_are_estimated(make_app):
    from datetime import date

    app = make_app(clock=lambda: NOW)
    section = conduct(app).complaint
    section.channel.value = "12378"
    section.filed_field.input.value = "2026-12-28"
    recorded = section.mark_filed()
    assert recorded.complaint.filed == date(2026, 12, 28)
    assert recorded.complaint.reply_due is not None
    assert recorded.complaint.reply_due.year == 2027
    assert "2027 年的工作日按周一至周五估算" in strip(section.filed.value)
    section.filed_field.input.value = "2026-13-40"
    assert section.mark_filed() is None
    assert "请先改正提交日期" in strip(section.filed.value)
    assert len(app.case.complaints) == 1


def test_complaint__an_empty_log_offers_no_draft(app):
    tab = conduct(app)
    assert tab.complaint.body.layout.display == "none"
    assert "还没有记录" in strip(tab.complaint.empty.value)
    tab.add()
    assert tab.complaint.body.layout.display == "flex"
    assert tab.complaint.document is not None


def test_complaint__the_choices_survive_a_language_switch(make_app):
    app = make_app(clock=lambda: NOW)
    section = conduct(app).complaint
    section.creditor.value = "cf-loan"
    section.channel.value = "12378"
    app.set_locale("en")
    assert (section.creditor.value, section.channel.value) == ("cf-loan", "12378")
    assert section.document.locale == "en"
    assert "(suggested)" in {v: k for k, v in section.channel.options}["12378"]


def test_import__an_attachment_by_a_relative_path_is_found_beside_the_case(app, case_path):
    """A relative path in the table's attachments column is read under the case file's folder."""
    photo = case_path.parent / "证据" / "截图.png"
    photo.parent.mkdir()
    photo.write_bytes(b"\x89PNG screenshot")
    table = "时间,方式,联系对象,债权人,附件\n2026-11-18 21:00,微信,同事,cf-loan,证据/截图.png\n".encode()
    result = conduct(app).importer.import_file("记录.csv", table)
    assert result is not None
    (attachment,) = app.case.conduct[0].attachments
    assert attachment.path == "证据/截图.png"
    assert attachment.sha256 == hashlib.sha256(b"\x89PNG screenshot").hexdigest()


def test_complaint__a_long_log_previews_its_first_rows_and_the_document_keeps_all(app):
    """250 contacts: the live preview draws the first 200 incident rows and says so; the document (the PDF's and
    the text's) keeps all 250."""
    from datetime import timedelta

    from planner.domain import edits
    from planner.ui.tabs.conduct_sections import PREVIEW_ROWS

    log = tuple(entry(time=datetime(2026, 11, 1, 9, 0) + timedelta(minutes=30 * n),  # noqa: DTZ001 - China-local
                      sender=str(1000 + n)) for n in range(250))
    app.change(lambda case: edits.add_conduct_entries(case, log))
    tab = conduct(app)
    section = tab.complaint
    section.creditor.value = "cmb-card"
    _header, *incidents = table_rows(section.preview.value.split("一、事实与经过")[1])
    assert len(incidents) == PREVIEW_ROWS == 200
    assert "预览只显示前 200 条，PDF 和纯文本中为全部 250 条" in strip(section.preview.value)
    tables = [b for b in section.document.blocks if getattr(b, "rows", None) and len(b.rows) == 250]
    assert len(tables) == 1
