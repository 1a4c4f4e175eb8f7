"""Tests for planner.io.conduct_import: the collection-conduct log from CSV (UTF-8, BOM, GB18030) and .xlsx."""

import hashlib
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from planner.domain.conduct import Channel, Contacted, Flag
from planner.errors import InvalidInput
from planner.io.conduct_import import LOG_COLUMNS, LogRefused, import_log, write_log_template
from planner.io.examples import example_case
from planner.io.tabular import SAMPLE_MARK
from planner.io.values import parse_answered, parse_flags, parse_minutes

CASE = replace(example_case(), conduct=())
"""The example's debts (cf-loan, online-loan …) with an empty log."""

# Chinese headers, a blank line between rows, values in Chinese and English mixed, flags separated by 、 and ;
MESSY = (
    "时间,方式,来电号码,联系对象,债权人,自称身份,标记,时长（分钟）,接通,备注\n"
    "2026-11-20 22:30,电话,170 0000 1234,家人,online-loan,律师,冒充、威胁,3,是,打给我母亲\n"
    ",,,,,,,,,\n"
    "\n"
    "2026年11月21日 晚上11点05,sms,170 0000 1234,本人,融易借（网络助贷平台）,,threat;insult,,否,\n"
    "2026/11/22 7:15,Call,0755-2000 0000,colleague,某平台委托第三方催收,法院,impersonation；P图,2分30秒,no,\n"
)


def local(*parts: int) -> datetime:
    """Return a naive datetime: the log's times are China's local time, kept naive."""
    return datetime(*parts)  # noqa: DTZ001 - local China time, as LogEntry holds it


def write(folder: Path, text: str, *, encoding: str = "utf-8", name: str = "log.csv") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def test_import_log__messy_utf8_csv_with_bom_chinese_header_and_blank_lines(tmp_path):
    """A UTF-8 CSV with a BOM, Chinese headers, blank lines and mixed Chinese and English values gives one entry per
    contact, every value read, a creditor's name mapped to its debt id and other names kept as written."""
    result = import_log(write(tmp_path, MESSY, encoding="utf-8-sig"), case=CASE)
    first, second, third = result.entries
    assert first.time == local(2026, 11, 20, 22, 30)
    assert (first.channel, first.contacted, first.creditor) == (Channel.CALL, Contacted.FAMILY, "online-loan")
    assert (first.sender, first.identity, first.note) == ("170 0000 1234", "律师", "打给我母亲")
    assert first.flags == (Flag.IMPERSONATION, Flag.THREAT)
    assert (first.duration_min, first.answered) == (3, True)
    assert second.time == local(2026, 11, 21, 23, 5)
    assert (second.channel, second.contacted, second.creditor) == (Channel.SMS, Contacted.DEBTOR, "online-loan")
    assert second.flags == (Flag.THREAT, Flag.INSULT)
    assert (second.duration_min, second.answered) == (None, False)
    assert (third.creditor, third.contacted, third.identity) == ("某平台委托第三方催收", Contacted.COLLEAGUE, "法院")
    assert third.flags == (Flag.IMPERSONATION, Flag.DOCTORED_IMAGE)
    assert third.duration_min == 3  # 2 min 30 s: a started minute counts
    assert (result.added, result.already, result.skipped, result.skipped_rows) == (3, 0, (), ())
    assert [e.time for e in result.case.conduct] == [first.time, second.time, third.time]


def test_import_log__gb18030_csv_with_english_headers(tmp_path):
    """A GB18030 CSV (as Chinese Excel saves it) with the English headers, in another order, reads the same."""
    text = ("creditor,time,channel,contacted,from,flags,duration_min,answered,note,identity\n"
            "cf-loan,2026-11-15 10:10,call,debtor,400-000-0000,,,0,未接,\n"
            "安和消费金融有限公司,2026-11-17 19:00,电话,家人,400-000-0000,透露,2,1,打给我妻子,客服\n")
    result = import_log(write(tmp_path, text, encoding="gb18030"), case=CASE)
    missed, wife = result.entries
    assert (missed.creditor, missed.answered, missed.note) == ("cf-loan", False, "未接")
    assert (wife.creditor, wife.contacted, wife.flags) == ("cf-loan", Contacted.FAMILY, (Flag.DISCLOSURE,))
    assert (wife.identity, wife.duration_min, wife.answered) == ("客服", 2, True)


def test_import_log__xlsx_with_a_time_cell_and_text_cells(tmp_path):
    """An .xlsx log reads a cell Excel holds as a date and time (22:30 kept, not cut to the day) and text cells."""
    book = Workbook()
    sheet = book.active
    sheet.append(["时间", "方式", "联系对象", "债权人", "标记", "时长", "接通"])
    sheet.append([local(2026, 11, 20, 22, 30), "电话", "同事", "online-loan", "透露", 4, "yes"])
    sheet.append(["2026-11-21 07:40", "微信", "单位", "online-loan", "伪造；冒充", None, "true"])
    path = tmp_path / "催收记录.xlsx"
    book.save(path)
    colleague, employer = import_log(path, case=CASE).entries
    assert (colleague.time, colleague.contacted, colleague.duration_min) == (local(2026, 11, 20, 22, 30),
                                                                             Contacted.COLLEAGUE, 4)
    assert (employer.channel, employer.contacted) == (Channel.WECHAT, Contacted.EMPLOYER)
    assert employer.flags == (Flag.FAKE_DOCUMENT, Flag.IMPERSONATION)


def test_import_log__a_bad_row_refuses_the_whole_file_with_row_field_value_and_fix(tmp_path):
    """One bad row refuses the file: each problem is one line naming the row, the field, the value and the fix,
    and nothing is imported."""
    text = MESSY + "2026-11-23 09:00,传真,170,本人,cf-loan,,,,也许,\n"
    with pytest.raises(LogRefused) as caught:
        import_log(write(tmp_path, text), case=CASE)
    refused = caught.value
    assert refused.rows == (7,)
    assert [(e.where, e.field, e.code, e.value) for e in refused.errors] == [
        ("row 7", "channel", "unknown_choice", "传真"), ("row 7", "answered", "unknown_choice", "也许")]
    lines = refused.message("zh").splitlines()
    assert lines[0] == ("第 7 行：方式必须是以下之一：call (电话), sms (短信), wechat (微信), app-message (应用内消息), "
                        "visit (上门), letter (信件), email (邮件), other (其他)（输入为 传真）；请从所列选项中选择")
    assert lines[1] == ("第 7 行：接通必须是以下之一：yes / no, 是 / 否, true / false, 1 / 0（输入为 也许）；"
                        "请从所列选项中选择")
    assert refused.message("en").splitlines()[1] == (
        "row 7: 'answered' must be one of: yes / no, 是 / 否, true / false, 1 / 0 (got '也许'); pick one of the "
        "listed values")


def test_import_log__skip_invalid_imports_the_good_rows_and_lists_the_bad(tmp_path):
    """With skip_invalid the good rows are imported and each bad row is listed with its problem."""
    text = MESSY + "2026-11-31 09:00,电话,170,本人,cf-loan,,,,,\n" + "2026-11-23 09:00,电话,170,,cf-loan,,,,,\n"
    result = import_log(write(tmp_path, text), case=CASE, skip_invalid=True)
    assert result.added == 3
    assert result.skipped_rows == (7, 8)
    assert [(e.where, e.field, e.code) for e in result.skipped] == [("row 7", "time", "no_such_date"),
                                                                   ("row 8", "contacted", "required")]
    assert result.skipped[0].message("zh") == "第 7 行：时间不存在（11 月没有 31 日）（输入为 2026-11-31 09:00）；请检查日期"


def test_import_log__importing_the_same_rows_twice_adds_nothing(tmp_path):
    """The same file imported into the case it already went into adds nothing; a repeated row counts once."""
    path = write(tmp_path, MESSY + MESSY.split("\n", 1)[1])  # the rows twice in one file
    first = import_log(path, case=CASE)
    assert (len(first.entries), first.added, first.already) == (6, 3, 3)
    again = import_log(path, case=first.case)
    assert (again.added, again.already) == (0, 6)
    assert again.case.conduct == first.case.conduct


def test_import_log__relative_attachments_are_read_under_the_tables_folder(tmp_path):
    """Attachment paths separated by ; are resolved against the table's folder, their size and SHA-256 taken at
    import; a file under the case's folder is kept relative to it, one outside by its absolute path."""
    case_folder = tmp_path / "case"
    (case_folder / "evidence").mkdir(parents=True)
    recording = case_folder / "evidence" / "录音.m4a"
    recording.write_bytes(b"recording" * 1000)
    outside = tmp_path / "shot.png"
    outside.write_bytes(b"\x89PNG fake")
    text = ("时间,方式,联系对象,债权人,附件\n"
            "2026-11-20 22:30,电话,本人,cf-loan,evidence/录音.m4a； ../shot.png\n")
    table = write(case_folder, text)
    entry, = import_log(table, case=CASE, case_folder=case_folder).entries
    kept, other = entry.attachments
    assert (kept.path, kept.size) == ("evidence/录音.m4a", 9000)
    assert kept.sha256 == hashlib.sha256(b"recording" * 1000).hexdigest()
    assert (other.path, other.sha256) == (str(outside.resolve()), hashlib.sha256(b"\x89PNG fake").hexdigest())
    absolute, = import_log(table, case=CASE).entries
    assert absolute.attachments[0].path == str(recording.resolve())


def test_import_log__a_missing_attachment_is_a_bad_row(tmp_path):
    """An attachment whose file does not exist makes its row bad, naming the path as written."""
    text = "时间,方式,联系对象,债权人,附件\n2026-11-20 22:30,电话,本人,cf-loan,截图/没有.png\n"
    with pytest.raises(LogRefused) as caught:
        import_log(write(tmp_path, text), case=CASE)
    error, = caught.value.errors
    assert (error.where, error.field, error.code, error.value) == ("row 2", "attachments", "bad_file", "截图/没有.png")
    assert error.message("zh") == "第 2 行：附件无法读取：文件或文件夹不存在（输入为 截图/没有.png）；请检查文件路径和权限"


def test_import_log__an_unknown_column_is_named_with_the_known_ones(tmp_path):
    """A header the log does not know refuses the file, naming it and every known column (never dropped quietly)."""
    text = "时间,方式,联系对象,债权人,心情\n2026-11-20 22:30,电话,本人,cf-loan,差\n"
    with pytest.raises(LogRefused) as caught:
        import_log(write(tmp_path, text), case=CASE)
    error, = caught.value.errors
    assert caught.value.rows == ()
    assert (error.where, error.code, error.value) == ("row 1", "unknown_column", "心情")
    assert error.message("zh") == (
        "第 1 行：表头中的“心情”不是本表的列；请改成以下列名之一，或删去这一列：时间 (time), 方式 (channel), "
        "来电号码 (from), 联系对象 (contacted), 债权人 (creditor), 自称身份 (identity), 标记 (flags), "
        "时长（分钟） (duration_min), 接通 (answered), 备注 (note), 附件 (attachments)")


def test_import_log__a_missing_required_column_is_named(tmp_path):
    """A table without the 联系对象 column is refused with a missing_column error naming both spellings."""
    text = "时间,方式,债权人\n2026-11-20 22:30,电话,cf-loan\n"
    with pytest.raises(LogRefused) as caught:
        import_log(write(tmp_path, text), case=CASE)
    error, = caught.value.errors
    assert (error.field, error.code) == ("contacted", "missing_column")
    assert "缺少“联系对象 / contacted”列" in error.message("zh")


@pytest.mark.parametrize("name", ["催收记录.csv", "催收记录.xlsx"])
def test_write_log_template__chinese_header_and_a_sample_row_that_is_refused(tmp_path, name):
    """The template (CSV with a BOM, or .xlsx) has the Chinese header and a sample row that, left in, refuses the
    file with a message saying to delete it; removed, the file imports nothing and no error."""
    path = write_log_template(tmp_path / name)
    if path.suffix == ".csv":
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        header = raw.decode("utf-8-sig").splitlines()[0].split(",")
    else:
        header = [c.value for c in next(load_workbook(path).active.iter_rows(max_row=1))]
    assert header == list(LOG_COLUMNS.labels.values())
    assert header[:3] == ["时间", "方式", "来电号码"]
    with pytest.raises(LogRefused) as caught:
        import_log(path, case=CASE, skip_invalid=False)
    error, = caught.value.errors
    assert (error.where, error.code) == ("row 2", "sample_log_row")
    assert error.message("zh") == ("第 2 行：该行是模板中的示例行（虚构记录）；请删除这一行，或改成您自己的记录并删去备注中的"
                                   f"“{SAMPLE_MARK}”")
    skipped = import_log(path, case=CASE, skip_invalid=True)
    assert (skipped.entries, skipped.skipped_rows) == ((), (2,))


def test_write_log_template__the_sample_without_its_mark_is_a_valid_row(tmp_path):
    """The sample's values are all importable: with the mark removed (and its attachment present) it is one entry."""
    path = write_log_template(tmp_path / "t.csv")
    (tmp_path / "录音").mkdir()
    (tmp_path / "录音" / "2026-11-20-2230.m4a").write_bytes(b"audio")
    path.write_text(path.read_text(encoding="utf-8-sig").replace(f"（{SAMPLE_MARK}）", ""), encoding="utf-8")
    entry, = import_log(path, case=CASE).entries
    assert (entry.contacted, entry.flags) == (Contacted.FAMILY, (Flag.IMPERSONATION, Flag.THREAT))


@pytest.mark.parametrize(("text", "expected"), [
    ("yes", True), ("是", True), ("TRUE", True), ("1", True), ("接通", True),
    ("no", False), ("否", False), ("false", False), ("0", False), ("未接", False),
])
def test_parse_answered__english_and_chinese(text, expected):
    """接通 reads yes/no, 是/否, true/false and 1/0."""
    assert parse_answered(text) is expected


@pytest.mark.parametrize(("text", "minutes"), [("5", 5), ("5分钟", 5), ("5 min", 5), ("1小时", 60), ("90秒", 2),
                                               ("3分20秒", 4), ("0", 0)])
def test_parse_minutes__as_people_write_a_duration(text, minutes):
    """时长 reads a number of minutes with or without a unit; a started minute counts."""
    assert parse_minutes(text) == minutes


def test_parse_flags__separators_and_an_unknown_flag():
    """Flags split at ; ； 、 and commas, each once; an unknown one is named with both spellings of every flag."""
    assert parse_flags("辱骂、insult; 恐吓，爆通讯录") == (Flag.INSULT, Flag.THREAT, Flag.DISCLOSURE)
    with pytest.raises(InvalidInput) as caught:
        parse_flags("威胁、跟踪")
    assert (caught.value.code, caught.value.value) == ("unknown_choice", "跟踪")
    assert "fake-document (伪造法律文书)" in caught.value.params["choices"]
