"""Tests for `planner log import` and `planner log template` through the CLI entry point."""

import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.io.casefile import load_case, write_case
from planner.io.examples import example_case
from planner.io.tabular import SAMPLE_MARK

ROWS = ("时间,方式,来电号码,联系对象,债权人,标记,接通\n"
        "2026-11-24 22:30,电话,170 0000 1234,家人,online-loan,冒充、威胁,是\n"
        "2026-11-25 07:40,call,170 0000 1234,debtor,cf-loan,,no\n")
BAD = "2026-11-26 09:00,传真,170,本人,cf-loan,,也许\n"
LOGGED = len(example_case().conduct)
"""The contacts the example's log holds before an import."""


@pytest.fixture
def case_path(tmp_path) -> Path:
    """The example case (with its own log) in a case file."""
    path = tmp_path / "case.json"
    write_case(example_case(), path)
    return path


def table(tmp_path: Path, text: str, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_log_import__adds_the_rows_and_saves_the_case(case_path, tmp_path, capsys):
    """The rows are added to the case's log and the case saved in place; it says how many were added."""
    code, out, err = run(capsys, "log", "import", case_path, table(tmp_path, ROWS))
    assert code == 0
    assert out == ""
    assert err.splitlines() == [
        f"已从 {tmp_path / 'log.csv'} 读取 2 条催收记录：新增 2 条，0 条已有（不重复添加）。",
        f"已写入案例文件 {case_path}（共 {LOGGED + 2} 条催收记录）。",
    ]
    conduct = load_case(case_path).conduct
    assert len(conduct) == LOGGED + 2
    assert conduct[-1].creditor == "cf-loan"
    assert conduct[-2].flags[0].value == "impersonation"
    assert case_path.with_name("case.json.bak").exists()  # the previous version kept


def test_log_import__the_same_file_twice_adds_nothing_and_leaves_the_case(case_path, tmp_path, capsys):
    """Imported again, the same rows are all already there: nothing added, the case file not rewritten."""
    path = table(tmp_path, ROWS)
    assert run(capsys, "log", "import", case_path, path)[0] == 0
    before = case_path.read_bytes()
    code, _, err = run(capsys, "log", "import", case_path, path, "--lang", "en")
    assert code == 0
    assert err.splitlines() == [f"Read 2 collection contacts from {path}: 0 added, 2 already there (not added twice).",
                                f"Nothing new: the case file {case_path} is unchanged."]
    assert case_path.read_bytes() == before


def test_log_import__a_bad_row_refuses_the_file_one_line_per_problem(case_path, tmp_path, capsys):
    """A bad row: one line per problem (row, field, value, fix), a closing line, exit 2, the case untouched."""
    before = case_path.read_bytes()
    path = table(tmp_path, ROWS + BAD)
    code, out, err = run(capsys, "log", "import", case_path, path)
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0].startswith("planner: 第 4 行：方式必须是以下之一：call (电话), sms (短信)")
    assert lines[0].endswith("（输入为 传真）；请从所列选项中选择")
    assert lines[1] == ("planner: 第 4 行：接通必须是以下之一：yes / no, 是 / 否, true / false, 1 / 0（输入为 也许）；"
                        "请从所列选项中选择")
    assert lines[2] == (f"planner: {path} 中有 1 行有误，未导入任何记录，案例文件未改动。请改正后重新导入，"
                        "或加上 --skip-invalid 只导入无误的行。")
    assert len(lines) == 3
    assert "Traceback" not in err
    assert case_path.read_bytes() == before


def test_log_import__refusal_in_english(case_path, tmp_path, capsys):
    """--lang en words the problems and the closing line in English."""
    path = table(tmp_path, ROWS + BAD)
    code, _, err = run(capsys, "--lang", "en", "log", "import", case_path, path)
    assert code == 2
    lines = err.splitlines()
    assert lines[1] == ("planner: row 4: 'answered' must be one of: yes / no, 是 / 否, true / false, 1 / 0 "
                        "(got '也许'); pick one of the listed values")
    assert lines[2] == (f"planner: {path} has 1 row(s) with problems: nothing was imported and the case file is "
                        "unchanged. Correct them and import again, or add --skip-invalid to import only the rows "
                        "without problems.")


def test_log_import__skip_invalid_imports_the_rest_and_lists_the_skipped(case_path, tmp_path, capsys):
    """--skip-invalid imports the good rows, lists each skipped row's problems, and exits 0."""
    path = table(tmp_path, ROWS + BAD)
    code, _, err = run(capsys, "log", "import", case_path, path, "--skip-invalid")
    assert code == 0
    lines = err.splitlines()
    assert lines[0] == f"已从 {path} 读取 2 条催收记录：新增 2 条，0 条已有（不重复添加）。"
    assert lines[1] == "跳过 1 行有误的行（第 4 行），这些行未导入："
    assert lines[2].startswith("  - 第 4 行：方式必须是以下之一")
    assert lines[3].startswith("  - 第 4 行：接通必须是以下之一")
    assert lines[4] == f"已写入案例文件 {case_path}（共 {LOGGED + 2} 条催收记录）。"
    assert len(load_case(case_path).conduct) == LOGGED + 2


def test_log_import__an_unknown_column_is_named(case_path, tmp_path, capsys):
    """A header the log does not know: one line naming it and the known columns, then the header's closing line."""
    path = table(tmp_path, "时间,方式,联系对象,债权人,心情\n2026-11-24 22:30,电话,本人,cf-loan,差\n")
    code, _, err = run(capsys, "log", "import", case_path, path, "--lang", "en")
    assert code == 2
    first, last = err.splitlines()
    assert first.startswith("planner: row 1: the header '心情' is not a column of this table; rename it to one of "
                            "these columns, or delete it: 时间 (time), 方式 (channel), 来电号码 (from)")
    assert last == (f"planner: The header of {path} has problems: nothing was imported and the case file is "
                    "unchanged.")


def test_log_import__relative_attachment_is_kept_relative_to_the_case(case_path, tmp_path, capsys):
    """An attachment beside the table (in the case's folder) is hashed at import and kept by its relative path."""
    (tmp_path / "shots").mkdir()
    (tmp_path / "shots" / "1.png").write_bytes(b"png bytes")
    path = table(tmp_path, "时间,方式,联系对象,债权人,附件\n2026-11-24 22:30,微信,本人,cf-loan,shots/1.png\n")
    assert run(capsys, "log", "import", case_path, path)[0] == 0
    data = json.loads(case_path.read_text(encoding="utf-8"))
    attachment = data["conduct"][-1]["attachments"][0]
    assert attachment["path"] == "shots/1.png"
    assert attachment["size"] == 9


def test_log_import__missing_files_are_one_line_and_exit_2(case_path, tmp_path, capsys):
    """A table or a case that does not exist is one line and exit 2, never a traceback."""
    code, _, err = run(capsys, "log", "import", case_path, tmp_path / "nope.csv")
    assert code == 2
    assert err.count("\n") == 1
    assert "nope.csv" in err
    code, _, err = run(capsys, "log", "import", tmp_path / "nope.json", table(tmp_path, ROWS))
    assert code == 2
    assert err.count("\n") == 1


def test_log_template__writes_csv_refuses_to_overwrite_and_force_replaces(tmp_path, capsys):
    """`log template -o` writes the template and says row 2 is a sample; an existing file needs --force."""
    out = tmp_path / "催收记录.csv"
    code, _, err = run(capsys, "log", "template", "-o", out)
    assert code == 0
    assert err == f"已写入催收记录模板：{out}（第 2 行是示例行，导入前请删除或改成您自己的记录）\n"
    assert SAMPLE_MARK in out.read_text(encoding="utf-8-sig")
    code, _, err = run(capsys, "log", "template", "-o", out)
    assert code == 2
    assert f"文件 {out} 已存在" in err
    assert run(capsys, "log", "template", "-o", out, "--force", "--lang", "en")[0] == 0


def test_log_template__xlsx_and_a_wrong_suffix(tmp_path, capsys):
    """An .xlsx name writes a workbook; another suffix is refused naming the endings, nothing written."""
    assert run(capsys, "log", "template", "-o", tmp_path / "log.xlsx")[0] == 0
    assert (tmp_path / "log.xlsx").read_bytes()[:2] == b"PK"
    code, _, err = run(capsys, "log", "template", "-o", tmp_path / "log.json", "--lang", "en")
    assert code == 2
    assert "a collection-log table (CSV or Excel)" in err
    assert not (tmp_path / "log.json").exists()


def test_log_template__its_sample_row_is_refused_by_import(case_path, tmp_path, capsys):
    """The template imported as it is refuses its sample row: exit 2, the case untouched."""
    out = tmp_path / "t.csv"
    assert run(capsys, "log", "template", "-o", out)[0] == 0
    code, _, err = run(capsys, "log", "import", case_path, out)
    assert code == 2
    assert err.splitlines()[0] == ("planner: 第 2 行：该行是模板中的示例行（虚构记录）；请删除这一行，或改成您自己的记录并"
                                   f"删去备注中的“{SAMPLE_MARK}”")


def test_log__without_a_subcommand_is_a_usage_error(capsys):
    """`planner log` alone names the subcommands and exits 2."""
    code, _, err = run(capsys, "log")
    assert code == 2
    assert "{import,template,check}" in err


# --------------------------------------------------------------------------------------------------------------
# planner log check


def test_log_check__lists_each_creditors_findings_and_channels(case_path, capsys, monkeypatch):
    """The example's log: both creditors, the rules each crossed with sources, the channels in order, the note."""
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = run(capsys, "log", "check", case_path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("融易借（网络助贷平台）（online-loan）：26 条记录，2026年11月9日 10:15 至")
    assert any("联系了家人、同事、单位，共 4 次" in line for line in lines)
    assert any("自称律师事务所、律师、法院" in line for line in lines)
    assert any("同一个未接通的号码呼叫超过 6 次（最多一天 7 次" in line for line in lines)
    assert "《民法典》第1032、1033、1034条" in out
    assert "Civil Code" not in out  # a bilingual source shows its Chinese part only
    assert "投诉渠道（按顺序）：债权人客服 → 中国互联网金融协会举报平台 → 12321" in out
    assert "投诉渠道（按顺序）：债权人客服 → 国家金融监督管理总局 12378 消费者投诉热线" in out
    assert "不是法律结论" in lines[-1]


def test_log_check__json_is_the_documented_contract(case_path, capsys):
    code, out, _ = run(capsys, "log", "check", case_path, "--json", "--creditor", "cf-loan")
    assert code == 0
    document = json.loads(out)
    assert {row["creditor"] for row in document["findings"]} == {"cf-loan"}
    for row in document["findings"]:
        assert {"code", "severity", "creditor", "count", "first", "last", "entries", "source"} <= set(row)
        assert len(row["entries"]) == row["count"]
    assert document["creditors"] == [{"creditor": "cf-loan", "name": "安和消费金融有限公司", "entries": 11,
                                      "channels": ["creditor", "12378", "12321", "police", "court"]}]


def test_log_check__english_an_unknown_creditor_and_an_edited_rules_file(case_path, tmp_path, capsys):
    code, out, _ = run(capsys, "--lang", "en", "log", "check", case_path, "--creditor", "安和消费金融有限公司")
    assert code == 0
    assert out.startswith("安和消费金融有限公司 (cf-loan): 11 entries, November 9, 2026 15:00 to")
    assert "Where to complain, in order: The creditor's own customer service" in out
    code, _, err = run(capsys, "log", "check", case_path, "--creditor", "nope")
    assert code == 2
    assert "online-loan, cf-loan" in err
    rules = tmp_path / "rules.json"
    rules.write_text('{"rules": [{"id": "x", "check": "calls_per_day", "limit": 1, "severity": "warning", '
                     '"source": "s", "status": "check"}]}', encoding="utf-8")
    code, out, _ = run(capsys, "log", "check", case_path, "--rules", rules, "--json")
    assert {row["code"] for row in json.loads(out)["findings"]} == {"TOO_FREQUENT"}
    rules.write_text("{", encoding="utf-8")
    code, _, err = run(capsys, "log", "check", case_path, "--rules", rules)
    assert code == 2
    assert "rules.json" in err


def test_log_check__an_empty_log_says_how_to_fill_it(tmp_path, capsys):
    import dataclasses

    path = tmp_path / "empty.json"
    write_case(dataclasses.replace(example_case(), conduct=()), path)
    code, out, _ = run(capsys, "log", "check", path)
    assert code == 0
    assert "还没有催收记录" in out
    assert json.loads(run(capsys, "log", "check", path, "--json")[1]) == {"findings": [], "creditors": []}
