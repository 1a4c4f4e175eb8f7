"""The household's size and the NBS spending benchmarks through the CLI: `import --members/--area`, and the
benchmark findings in `check` and `plan`."""

import json
import re

import pytest

from planner.cli import main
from planner.io.casefile import CURRENT_VERSION


@pytest.fixture
def table(tmp_path):
    """The debts template with its sample row made the user's own (one debt)."""
    from planner.io.tabular import SAMPLE_MARK

    path = tmp_path / "debts.csv"
    assert main(["template", "-o", str(path)]) == 0
    path.write_text(path.read_text(encoding="utf-8-sig").replace(f"（{SAMPLE_MARK}）", ""), encoding="utf-8")
    return path


def squash(text):
    """The text without the line breaks and indents of the CLI's wrapping, nor any other space."""
    return re.sub(r"\s+", "", text)


def _import(table, case, *extra):
    return main(["import", str(table), "-o", str(case), "--as-of", "2026-11-23", *extra])


def _budget(case):
    return json.loads(case.read_text(encoding="utf-8"))["budget"]


def _with_budget(case_file, **changes):
    data = json.loads(case_file.read_text(encoding="utf-8"))
    data["budget"].update(changes)
    case_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return case_file


def test_import__members_and_area(tmp_path, table, capsys):
    """--members and --area set the household's size and benchmark area (the area also by its Chinese name)."""
    case = tmp_path / "case.json"
    assert _import(table, case, "--income", "9000", "--expenses", "6000", "--members", "3", "--area", "城镇") == 0
    assert (_budget(case)["members"], _budget(case)["area"]) == (3, "urban")
    assert json.loads(case.read_text(encoding="utf-8"))["version"] == CURRENT_VERSION
    other = tmp_path / "other.json"
    assert _import(table, other, "--members", "2", "--area", "Rural") == 0
    assert (_budget(other)["members"], _budget(other)["area"]) == (2, "rural")
    assert _import(table, tmp_path / "third.json", "--area", "农村居民") == 0
    assert _budget(tmp_path / "third.json")["area"] == "rural"


def test_import__without_them_the_household_is_one_person_national(tmp_path, table):
    case = tmp_path / "case.json"
    assert _import(table, case, "--income", "9000") == 0
    assert (_budget(case)["members"], _budget(case)["area"]) == (1, "national")


def test_import__update_keeps_or_replaces_them_and_says_so(tmp_path, table, capsys):
    """--update keeps the household's size and area unless given; the message names them when they are kept."""
    case = tmp_path / "case.json"
    assert _import(table, case, "--income", "9000", "--expenses", "6000", "--members", "4", "--area", "urban") == 0
    capsys.readouterr()
    assert _import(table, case, "--update", "--income", "9500") == 0
    assert "已按本次选项替换收入；必要支出、储备、家庭人数、对照范围以及方案和备注保持不变" in capsys.readouterr().err
    assert (_budget(case)["members"], _budget(case)["area"]) == (4, "urban")
    assert main(["--lang", "en", "import", str(table), "-o", str(case), "--as-of", "2026-11-23", "--update",
                 "--members", "5"]) == 0
    err = capsys.readouterr().err
    assert "replaced the household members by this command's options; the income, essential expenses, reserve, " \
           "benchmark area, the scenarios and the notes are kept" in err
    assert (_budget(case)["members"], _budget(case)["area"]) == (5, "urban")
    assert [e["amount"] for e in _budget(case)["expenses"]] == ["6000.00"]


def test_import__update_of_a_one_person_case_does_not_name_the_defaults(tmp_path, table, capsys):
    """A case left at one person, national, is not told those defaults are kept."""
    case = tmp_path / "case.json"
    assert _import(table, case, "--income", "9000", "--expenses", "6000") == 0
    capsys.readouterr()
    assert _import(table, case, "--update", "--income", "9500") == 0
    assert "已按本次选项替换收入；必要支出、储备以及方案和备注保持不变" in capsys.readouterr().err


def test_import__force_names_a_household_size_left_behind(tmp_path, table, capsys):
    """--force over a case with a household of 4 says the size is not carried over unless given again."""
    case = tmp_path / "case.json"
    assert _import(table, case, "--income", "9000", "--members", "4") == 0
    capsys.readouterr()
    assert _import(table, case, "--force", "--income", "9000") == 0
    assert "原案例的以下内容未带入新案例（仍保存在备份文件中）：家庭人数" in capsys.readouterr().err
    assert _budget(case)["members"] == 1


@pytest.mark.parametrize(("option", "value", "wording"), [
    ("--members", "0", "家庭人数必须在 1 到 20 之间（输入为 0）"),
    ("--members", "21", "家庭人数必须在 1 到 20 之间（输入为 21）"),
    ("--members", "2.5", "家庭人数必须是整数"),
    ("--area", "郊区", "对照范围（全国/城镇/农村）"),
])
def test_import__bad_members_or_area_write_nothing(tmp_path, table, capsys, option, value, wording):
    """A bad --members or --area is one line naming the field, exit 2, and no case is written."""
    case = tmp_path / "case.json"
    assert _import(table, case, option, value) == 2
    assert wording in capsys.readouterr().err
    assert not case.exists()


def test_check__shows_the_benchmarks_in_zh_and_en(case_file, capsys):
    """check lists the groups far from the household-survey figure as information, with the survey as source."""
    _with_budget(case_file, members=3, area="urban")
    assert main(["check", str(case_file)]) == 0
    out = squash(capsys.readouterr().out)
    assert squash("- [提示] 居住（含水电燃气）每月支出 ¥3,820.00，高于国家统计局住户调查城镇居民人均消费支出按 3 人"
                  "折算的参考值 ¥1,936.93，为其 1.97 倍（超过 1.5 倍）。") in out
    assert squash("[国家统计局 住户收支与生活状况调查（2026年1月19日、2025年10月20日发布）]") in out
    assert main(["--lang", "en", "check", str(case_file)]) == 0
    out = re.sub(r"\n\s+", " ", capsys.readouterr().out)
    assert "- [info] Housing (incl. water, power and fuel): CN¥3,820.00 a month is 1.97 times the benchmark of " \
           "CN¥1,936.93 for 3 people" in out
    assert "[National Bureau of Statistics, household income, expenditure and living conditions survey" in out


def test_check__json_lists_the_benchmark_findings(case_file, capsys):
    _with_budget(case_file, members=3, area="urban")
    assert main(["check", str(case_file), "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    housing = next(f for f in findings if f["code"] == "EXPENSE_ABOVE_BENCHMARK" and f["params"]["group"] == "housing")
    assert housing["severity"] == "info"
    assert housing["scope"] == "case"
    assert housing["params"]["benchmark"] == "1936.93"
    assert housing["params"]["members"] == 3


def test_plan__shows_the_benchmarks_with_the_case_findings(case_file, capsys):
    _with_budget(case_file, members=3, area="urban")
    assert main(["plan", str(case_file)]) == 0
    out = squash(capsys.readouterr().out)
    assert squash("交通通信每月支出 ¥450.00，低于国家统计局住户调查城镇居民人均消费支出按 3 人折算的参考值 ¥1,291.28") in out


def test_check__a_version_1_case_reads_as_one_person(tmp_path, capsys):
    """A version-1 file is checked as one person, national, and is told it can enter the household's size."""
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": "debt-planner-case", "version": 1, "as_of": "2026-11-23",
                                "budget": {"incomes": [{"name": "工资", "amount": "9000"}],
                                           "expenses": [{"category": "food", "amount": "2000"}]},
                                "debts": []}), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = squash(capsys.readouterr().out)
    assert squash("饮食（食品烟酒）每月支出 ¥2,000.00，高于国家统计局住户调查全国居民人均消费支出按 1 人折算的参考值 "
                  "¥724.62") in out
    assert squash("如家庭不止 1 人，请填写家庭人数") in out
