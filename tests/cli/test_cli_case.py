"""Tests for `planner example`, `planner check` and `planner plan` through the CLI entry point."""

import json
import subprocess
import sys
from datetime import date

import pytest

from planner.cli import main


def test_example__writes_loadable_case(case_file, capsys):
    """`planner example -o FILE` writes a case that `check` accepts."""
    assert main(["check", str(case_file)]) == 0
    out = capsys.readouterr().out
    assert "案例有效" in out
    assert "online-loan" in out


def test_example__writes_the_logs_evidence_beside_the_case(case_file, capsys):
    """`planner example -o case.json` writes the fake 律师函 photo into case-evidence/; the case's attachment has
    that file's size and SHA-256, and the log loads with its 37 contacts."""
    import hashlib

    from planner.io.casefile import load_case

    photo = case_file.parent / "case-evidence" / "fake-lawyer-letter.png"
    case = load_case(case_file)
    attachment, = (a for e in case.conduct for a in e.attachments)
    assert attachment.path == "case-evidence/fake-lawyer-letter.png"
    data = photo.read_bytes()
    assert (attachment.size, attachment.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert len(case.conduct) == 37
    assert {e.creditor for e in case.conduct} == {"online-loan", "cf-loan"}


def test_example__says_where_the_evidence_went(tmp_path, capsys):
    """Two lines: the case file written, and the evidence folder (in English with --lang en)."""
    out = tmp_path / "ex.json"
    assert main(["--lang", "en", "example", "-o", str(out)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"Example case written: {out}",
        f"Wrote 1 evidence file(s) of the example's collection log: {tmp_path / 'ex-evidence'}"]


def test_example__stdout_is_json(capsys):
    """Without -o the example case is printed as JSON."""
    assert main(["example"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "debt-planner-case"
    assert len(data["debts"]) >= 5


def test_check__json_audits(case_file, capsys):
    """`check --json` lists one audit per debt with decimal-string amounts."""
    assert main(["check", str(case_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    private = next(a for a in data["audits"] if a["id"] == "private-loan")
    assert private["cap_rate"] == "14.80"
    assert {"supportable", "claimed", "excess", "findings"} <= private.keys()


def test_plan__status_quo_unaffordable_one_scenario_affordable(case_file, capsys):
    """`plan --json` shows the status quo unaffordable and at least one affordable scenario."""
    assert main(["plan", str(case_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first, *rest = data["scenarios"]
    assert first["name"] == "维持现状"
    assert first["affordable"] is False
    assert any(s["affordable"] for s in rest)
    assert all(len(s["total_paid"].split(".")[1]) == 2 for s in data["scenarios"])


def test_plan__text_has_reminder_and_fit(case_file, capsys):
    """The text comparison lists the fitted scenarios and ends with the written-confirmation reminder."""
    assert main(["plan", str(case_file), "--fit"]) == 0
    out = capsys.readouterr().out
    # The fitted plan waives the private loan's excess above its cap as well (¥20,740.48 waived in all), which
    # leaves ¥155,914.58 to pay: 49 months of at most ¥3,181.94 fit the ¥3,200 (48 would need ¥3,248.22).
    assert "最短可负担分期（49期）" in out
    # At 0 % the pro-rata split gives every debt the same 49 months: the same plan is not listed twice, and the
    # output says why it is missing.
    assert not [line for line in out.splitlines() if line.startswith("按余额比例分配")]  # no row in the table
    assert "- [提示] “按余额比例分配”得出的安排与“最短可负担分期”完全相同" in out
    assert "加盖公章的书面确认" in out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [(["plan", "/nonexistent/case.json"], "文件"), (["check", "{missing}"], "文件"),
     (["plan", "{bad}"], ""), (["plan", "{case}", "--horizon", "0"], "1 到 600"), (["frobnicate"], "'frobnicate' 无效（可选：")],
)
def test_case_commands__bad_input_one_line_exit_2(tmp_path, case_file, capsys, argv, needle):
    """Bad files and flags give one line on stderr and exit code 2."""
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    args = [a.format(missing=tmp_path / "nope.json", bad=bad, case=case_file) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert needle in err
    assert "Traceback" not in err


def test_cli__python_dash_m_works(tmp_path):
    """`python -m planner` runs the same CLI in a fresh process."""
    result = subprocess.run([sys.executable, "-m", "planner", "--lang", "en", "schedule", "--principal", "x",
                             "--annual-rate", "4.9", "--months", "12"], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0]
    assert "'principal' must be a number" in result.stderr


def test_check_and_plan__empty_case(tmp_path, capsys):
    """An empty case passes `check` and `plan` says there are no debts to plan, exit 2, nothing lost."""
    from planner.domain.case import Case
    from planner.domain.model import Budget
    from planner.io.casefile import save_case

    path = tmp_path / "empty.json"
    save_case(Case(Budget(), (), "2026-11-23"), path)
    before = path.read_bytes()
    assert main(["check", str(path)]) == 0
    assert main(["plan", str(path)]) == 2
    err = capsys.readouterr().err
    assert "债务不能为空" in err
    assert path.read_bytes() == before


def test_plan__hundred_debts(tmp_path, capsys):
    """A case of 100 debts plans in one call with every debt in the JSON."""
    from dataclasses import replace

    from planner.io.casefile import save_case
    from planner.io.examples import example_case

    case = example_case()
    many = tuple(replace(case.debts[i % 5], id=f"debt-{i:03d}") for i in range(100))
    path = tmp_path / "many.json"
    save_case(replace(case, debts=many, scenarios=()), path)
    assert main(["plan", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["scenarios"][0]["debts"]) == 100
    names = [s["name"] for s in data["scenarios"]]
    assert names[0] == "维持现状"
    assert "按余额比例分配" in names  # a case without scenarios gets the budget-fitted ones
    assert "NO_AFFORDABLE_TERM" in {f["code"] for f in data["findings"]}


def test_example__refuses_to_overwrite_without_force(case_file, capsys):
    """`example -o` never silently replaces an existing file; --force replaces it and keeps a .bak."""
    case_file.write_text("{}", encoding="utf-8")
    assert main(["example", "-o", str(case_file)]) == 2
    assert "--force" in capsys.readouterr().err
    assert case_file.read_text(encoding="utf-8") == "{}"
    assert main(["example", "-o", str(case_file), "--force"]) == 0
    assert case_file.with_name(case_file.name + ".bak").read_text(encoding="utf-8") == "{}"


def _fill_in_template(table):
    """Turn the template's sample row into the user's own row (its id without the sample mark)."""
    from planner.io.tabular import SAMPLE_MARK

    text = table.read_text(encoding="utf-8-sig")
    assert f"（{SAMPLE_MARK}）" in text
    table.write_text(text.replace(f"（{SAMPLE_MARK}）", ""), encoding="utf-8")


def test_template_then_import_builds_a_case(tmp_path, capsys):
    """The debts template, its sample row filled in, imports into a new case that check and plan accept."""
    table, case = tmp_path / "debts.csv", tmp_path / "new.json"
    assert main(["template", "-o", str(table)]) == 0
    _fill_in_template(table)
    assert main(["import", str(table), "-o", str(case), "--as-of", "2026-11-23", "--income", "9000",
                 "--expenses", "6000", "--reserve", "500"]) == 0
    assert main(["check", str(case), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["debts"] == 1
    assert main(["plan", str(case), "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["disposable"] == "2500.00"


def test_import__reports_every_bad_row_and_writes_nothing(tmp_path, capsys):
    """A table with bad rows gives one line per problem, exit 2, and no case file."""
    table, case = tmp_path / "debts.csv", tmp_path / "new.json"
    table.write_text("id,creditor,kind,contract_date,outstanding_principal,contract_rate,monthly_payment\n"
                     "a,银行,credit-card,2024-01-01,-5,18,100\n"
                     "b,银行,loan-shark,2024-01-01,1000,18,100\n", encoding="utf-8")
    assert main(["import", str(table), "-o", str(case)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert any("第 2 行" in line for line in err)
    assert any("第 3 行" in line for line in err)
    assert not case.exists()


def test_check__warns_about_unknown_keys(case_file, capsys):
    """A misspelt field is reported by check (it is kept in the file but not used)."""
    data = json.loads(case_file.read_text(encoding="utf-8"))
    data["debts"][2]["penalty_interst"] = data["debts"][2].pop("penalty_interest")
    case_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(case_file)]) == 0
    out = capsys.readouterr().out
    assert "不认识的字段" in out
    assert "debts.cf-loan: penalty_interst" in out
    assert main(["check", str(case_file), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unknown_keys"] == [{
        "where": "debts.cf-loan", "keys": ["penalty_interst"], "did_you_mean": {"penalty_interst": ["penalty_interest"]}}]


def test_main__unexpected_error_is_one_line(monkeypatch, case_file, capsys):
    """A bug surfaces as one line on stderr with exit code 70, never a traceback."""
    from planner.engines import plan

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(plan, "plan_case", broken)
    assert main(["plan", str(case_file)]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "RuntimeError: boom" in err


def test_check__error_finding_exits_1_and_plan_shows_data_checks(case_file, capsys):
    """A contract dated after the as-of date makes check and plan exit 1; a fractional rate is flagged by both."""
    data = json.loads(case_file.read_text(encoding="utf-8"))
    data["debts"][0]["contract_date"] = "2027-01-01"
    data["debts"][0]["overdue_since"] = None
    data["debts"][1]["contract_rate"] = "0.18"
    case_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(case_file)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("案例文件可以读取，但有")
    assert "如果本意是年利率 18%" in out
    assert main(["plan", str(case_file)]) == 1
    out = capsys.readouterr().out
    assert "【请核对的数据】" in out
    assert "如果本意是年利率 18%" in out


def test_plan__english_names_and_signed_amounts(case_file, capsys):
    """With --lang en the planner's own scenario names are English and a negative budget reads -CN¥."""
    data = json.loads(case_file.read_text(encoding="utf-8"))
    data["budget"]["reserve"] = "20000.00"
    case_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["plan", str(case_file), "--fit", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Disposable income per month: -CN¥16,500.00" in out  # 12,700 − 9,200 − 20,000
    assert "Status quo" in out
    assert "维持现状" not in out


def test_import__warns_about_ignored_columns_in_chinese(tmp_path, capsys):
    """Columns the importer does not know are named in a Chinese warning line."""
    table, case = tmp_path / "debts.csv", tmp_path / "new.json"
    assert main(["template", "-o", str(table)]) == 0
    _fill_in_template(table)
    lines = table.read_text(encoding="utf-8-sig").splitlines()
    table.write_text("\n".join([lines[0] + ",手续费说明", lines[1] + ",备注"]) + "\n", encoding="utf-8")
    assert main(["import", str(table), "-o", str(case), "--as-of", "2026-11-23"]) == 0
    err = capsys.readouterr().err
    assert "以下列无法识别，未导入：手续费说明" in err


# ------------------------------------------------------------------------------------------------ import over a case


@pytest.fixture
def own_table(tmp_path):
    """The debts template with its sample row made the user's own (one debt, cmb-card, ¥38,600.00 owed)."""
    table = tmp_path / "debts.csv"
    assert main(["template", "-o", str(table)]) == 0
    _fill_in_template(table)
    return table


def _import(table, case, *extra):
    return main(["import", str(table), "-o", str(case), "--as-of", "2026-11-23", *extra])


def test_import__over_an_existing_case_refuses_without_update_or_force(tmp_path, own_table, capsys):
    """Importing over an existing case is refused (exit 2, file untouched) and the message names --update and
    --force."""
    case = tmp_path / "case.json"
    assert _import(own_table, case, "--income", "9000") == 0
    before = case.read_bytes()
    capsys.readouterr()
    assert _import(own_table, case) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"文件 {case} 已存在" in err
    assert "--update" in err
    assert "--force" in err
    assert case.read_bytes() == before
    assert main(["--lang", "en", "import", str(own_table), "-o", str(case)]) == 2
    assert f"the file {case} already exists; add --update" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json", "debts.csv"]


def test_import__update_keeps_scenarios_notes_and_budget_and_replaces_debts(tmp_path, own_table, capsys):
    """--update replaces the case's debts by the table's and keeps its scenarios, notes and budget."""
    from planner.io.casefile import dumps_case
    from planner.io.examples import example_case

    case = tmp_path / "case.json"
    assert _import(own_table, case, "--income", "9000", "--expenses", "6000", "--reserve", "500") == 0
    data = json.loads(case.read_text(encoding="utf-8"))
    scenario = json.loads(dumps_case(example_case()))["scenarios"][0]
    scenario["plans"] = [p for p in scenario["plans"] if p["debt_id"] == "cmb-card"]
    data["scenarios"] = [scenario]
    data["notes"] = "2026-11-20 与招商银行通话：可分 60 期"
    case.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    own_table.write_text(own_table.read_text(encoding="utf-8").replace("38600.00", "30000.00"), encoding="utf-8")
    capsys.readouterr()
    assert _import(own_table, case, "--update") == 0
    assert "planner: 注意：没有填写家庭收支" not in capsys.readouterr().err
    updated = json.loads(case.read_text(encoding="utf-8"))
    assert [(d["id"], d["outstanding_principal"]) for d in updated["debts"]] == [("cmb-card", "30000.00")]
    assert updated["scenarios"] == [scenario]
    assert updated["notes"] == "2026-11-20 与招商银行通话：可分 60 期"
    assert updated["budget"] == data["budget"]
    assert main(["plan", str(case), "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["disposable"] == "2500.00"  # 9000 − 6000 − 500, kept
    assert [s["name"] for s in plan["scenarios"]] == ["维持现状", scenario["name"]]


def test_import__force_keeps_every_old_version_as_a_stamped_backup(tmp_path, own_table, capsys):
    """--force starts a new case and keeps the old file as NAME.<stamp>.bak; a second --force keeps both."""
    case = tmp_path / "case.json"
    assert _import(own_table, case, "--income", "1000") == 0
    first = case.read_bytes()
    assert _import(own_table, case, "--income", "2000", "--force") == 0
    second = case.read_bytes()
    assert _import(own_table, case, "--income", "3000", "--force") == 0
    err = capsys.readouterr().err
    kept = sorted(p for p in tmp_path.glob("case.json.*.bak"))
    assert len(kept) == 2
    assert {p.read_bytes() for p in kept} == {first, second}
    assert all(f"原文件已另存为 {p}" in err for p in kept)
    assert json.loads(case.read_text(encoding="utf-8"))["budget"]["incomes"][0]["amount"] == "3000.00"


def test_import__without_budget_warns(tmp_path, own_table, capsys):
    """An import without --income and --expenses warns that the money for repayments counts as 0; with them, not."""
    assert _import(own_table, tmp_path / "a.json") == 0
    err = capsys.readouterr().err
    assert "planner: 注意：没有填写家庭收支，可用于还款的金额按 0 计算" in err
    assert "--income" in err
    assert _import(own_table, tmp_path / "b.json", "--income", "9000", "--expenses", "6000") == 0
    assert "没有填写家庭收支" not in capsys.readouterr().err
    assert main(["--lang", "en", "import", str(own_table), "-o", str(tmp_path / "c.json")]) == 0
    assert "--income" in capsys.readouterr().err


def test_import__untouched_template_sample_row_is_refused(tmp_path, capsys):
    """The template as written (its sample row still marked) does not import: exit 2, the row named, no case."""
    from planner.io.tabular import SAMPLE_MARK

    table, case = tmp_path / "debts.csv", tmp_path / "case.json"
    assert main(["template", "-o", str(table)]) == 0
    capsys.readouterr()
    assert main(["import", str(table), "-o", str(case), "--as-of", "2026-11-23"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (f"planner: 第 2 行：该行是模板中的示例行（虚构数据）；请删除这一行，或改成您自己的债务并删去编号中的"
                      f"“{SAMPLE_MARK}”")
    assert len(err) == 2
    assert not case.exists()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_check__spreadsheet_says_to_import_it(tmp_path, capsys, suffix):
    """`check` on a debts table (not a case) is one line, exit 2, telling to run planner import first."""
    from openpyxl import Workbook

    table = tmp_path / f"debts{suffix}"
    if suffix == ".xlsx":
        workbook = Workbook()
        workbook.active.append(["编号", "剩余本金（元）"])
        workbook.active.append(["a", 100])
        workbook.save(table)
    else:
        table.write_text("编号,剩余本金（元）\na,100\n", encoding="utf-8")
    assert main(["check", str(table)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "这是表格文件，不是案例文件" in err
    assert f"planner import {table} -o" in err
    assert main(["--lang", "en", "check", str(table)]) == 2
    assert f"run planner import {table} -o" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["example"], ["template"], ["import", "{table}"]])
def test_output_folder_is_refused_as_a_folder(tmp_path, own_table, capsys, command):
    """-o naming a folder is one line saying it is a folder, exit 2, nothing written."""
    folder = tmp_path / "out"
    folder.mkdir()
    argv = [a.format(table=own_table) for a in command]
    assert main([*argv, "-o", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"文件 {folder} 无法写入：这是一个文件夹，不是文件" in err
    assert list(folder.iterdir()) == []
    assert main(["--lang", "en", *argv, "-o", str(folder)]) == 2
    assert "folder" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------------ plan: window, detail


def test_plan__detail_reconciles(case_file, capsys):
    """plan --json --detail: for every scenario the months' payments, the debts' totals and the debts' schedules
    each sum to the scenario's total_paid, to the fen."""
    from decimal import Decimal

    assert main(["plan", str(case_file), "--json", "--detail", "--fit"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["scenarios"]) == 5
    for scenario in data["scenarios"]:
        total = Decimal(scenario["total_paid"])
        assert sum(Decimal(m["payments"]) for m in scenario["months"]) == total, scenario["name"]
        assert sum(Decimal(d["total_paid"]) for d in scenario["debts"]) == total, scenario["name"]
        assert sum(Decimal(line["payment"]) for d in scenario["debts"] for line in d["schedule"]) == total
        assert len(scenario["months"]) == scenario["months_compared"]
    status_quo = data["scenarios"][0]
    assert status_quo["total_paid"] == "240323.13"


def test_plan__short_horizon_still_covers_every_negotiated_plan(case_file, capsys):
    """--horizon 24 on the example compares 60 months (its longest plan is 60 installments), and no scenario has
    more months over budget than months compared."""
    assert main(["plan", str(case_file), "--json", "--horizon", "24"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["horizon"], data["window"]) == (24, 60)
    assert [(s["name"], s["shortfall_months"], s["months_compared"]) for s in data["scenarios"]] == [
        ("维持现状", 13, 60), ("全部停息分期60期", 0, 60), ("延期12个月后分期", 48, 60), ("部分一次性结清", 1, 60)]
    assert all(s["shortfall_months"] <= s["months_compared"] for s in data["scenarios"])


def test_plan__error_finding_is_shown_when_plan_exits_1(case_file, capsys):
    """When plan exits 1 for an error finding (a contract dated after the as-of date), its output names it."""
    data = json.loads(case_file.read_text(encoding="utf-8"))
    data["debts"][0]["contract_date"] = "2027-01-01"
    data["debts"][0]["overdue_since"] = None
    case_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["plan", str(case_file)]) == 1
    out = capsys.readouterr().out
    assert "[错误]" in out
    assert "2027年1月1日" in out
    assert main(["plan", str(case_file), "--json"]) == 1
    plan = json.loads(capsys.readouterr().out)
    assert "CONTRACT_AFTER_AS_OF" in {f["code"] for f in plan["findings"]}


def test_plan__text_fits_100_columns_when_not_a_terminal(case_file, capsys, monkeypatch):
    """Without COLUMNS and with stdout not a terminal, no line of the plan text is wider than 100 columns (a
    Chinese character counts 2), in either language."""
    import unicodedata

    monkeypatch.delenv("COLUMNS", raising=False)

    def columns(line):
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)

    for lang in ("zh", "en"):
        assert main(["plan", str(case_file), "--fit", "--lang", lang]) == 0
        out = capsys.readouterr().out
        too_wide = [line for line in out.splitlines() if columns(line) > 100]
        assert too_wide == [], lang


# ------------------------------------------------------------------------------------------------ argument errors


@pytest.mark.parametrize(
    ("argv", "zh", "en"),
    [
        (["schedule", "--principal", "1000", "--annual-rate", "5"], "planner schedule: 缺少必填参数：--months",
         "planner schedule: the following arguments are required: --months"),
        (["import"], "planner import: 缺少必填参数：debts, -o/--output",
         "planner import: the following arguments are required: debts, -o/--output"),
        (["plan", "case.json", "--bogus"], "planner: 无法识别的参数：--bogus",
         "planner: unrecognized arguments: --bogus"),
    ],
)
def test_argument_errors_speak_the_chosen_language(capsys, argv, zh, en):
    """argparse's own complaints are one line, exit 2: Chinese by default, English with --lang en (before or
    after the command)."""
    assert main(argv) == 2
    assert capsys.readouterr().err == zh + "\n"
    for args in (["--lang", "en", *argv], [*argv, "--lang", "en"]):
        assert main(args) == 2
        assert capsys.readouterr().err == en + "\n"


def test_plan__table_at_100_columns_shows_every_column_whole(case_file, capsys, monkeypatch):
    """Without COLUMNS and not on a terminal, the comparison table keeps its last column (the debt-free date)
    whole in either language: the fitted plan's row ends with 2030-12-23."""
    monkeypatch.delenv("COLUMNS", raising=False)
    for lang in ("zh", "en"):
        assert main(["plan", str(case_file), "--fit", "--lang", lang]) == 0
        lines = capsys.readouterr().out.splitlines()
        rows = [line for line in lines if " 155,914.58 " in line]  # the fitted plan's total cost, a table cell
        assert len(rows) == 1, lang
        assert rows[0].endswith("2030-12-23"), (lang, rows[0])
        assert sum(line.endswith("2031-11-23") for line in lines) == 3, lang


def test_plan__later_start_is_a_warning_and_the_comparison_says_so(case_file, capsys):
    """A scenario starting months after the as-of date gets a warning (its cost leaves those months out), the
    status quo does not, and the text notes the scenarios start on different dates."""
    data = json.loads(case_file.read_text(encoding="utf-8"))
    data["scenarios"][1]["start"] = "2027-03-01"
    case_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    main(["plan", str(case_file), "--json"])
    scenarios = {s["name"]: s for s in json.loads(capsys.readouterr().out)["scenarios"]}
    late = [f for f in scenarios["延期12个月后分期"]["findings"] if f["code"] == "START_AFTER_AS_OF"]
    assert [f["severity"] for f in late] == ["warning"]
    assert "总成本和节省也不含这几个月" in late[0]["message"]
    assert not [f for f in scenarios["维持现状"]["findings"] if f["code"].startswith("START_")]
    main(["plan", str(case_file)])
    out = capsys.readouterr().out
    assert "各方案开始日不同" in out
    assert "延期12个月后分期（2027-03-01）" in out


def test_import__update_replaces_only_the_budget_parts_given(tmp_path, own_table, capsys):
    """--update --income replaces the incomes only; the expenses and reserve are kept, and the message says which."""
    case = tmp_path / "case.json"
    assert _import(own_table, case, "--income", "9000", "--expenses", "6000", "--reserve", "500") == 0
    capsys.readouterr()
    assert _import(own_table, case, "--update", "--income", "9500") == 0
    err = capsys.readouterr().err
    assert "已按本次选项替换收入；必要支出、储备以及方案和备注保持不变" in err
    budget = json.loads(case.read_text(encoding="utf-8"))["budget"]
    assert [i["amount"] for i in budget["incomes"]] == ["9500.00"]
    assert [e["amount"] for e in budget["expenses"]] == ["6000.00"]
    assert budget["reserve"] == "500.00"


def test_import__update_takes_today_as_the_as_of_date_and_says_so(tmp_path, own_table, capsys):
    """Without --as-of, --update dates the new figures today (as a new import does) and names the old date."""
    case = tmp_path / "case.json"
    assert _import(own_table, case, "--income", "9000") == 0
    capsys.readouterr()
    assert main(["import", str(own_table), "-o", str(case), "--update"]) == 0
    err = capsys.readouterr().err
    today = date.today().isoformat()  # noqa: DTZ011 - the command reads the clock
    assert f"测算基准日改为今天 {today}（原为 2026-11-23）" in err
    assert json.loads(case.read_text(encoding="utf-8"))["as_of"] == today


def test_import__update_lists_new_debts_left_on_contract_terms(tmp_path, own_table, capsys):
    """A debt new in the table stays on contract terms in the existing scenarios, and the import says so."""
    from planner.io.casefile import dumps_case
    from planner.io.examples import example_case

    case = tmp_path / "case.json"
    assert _import(own_table, case, "--income", "9000") == 0
    data = json.loads(case.read_text(encoding="utf-8"))
    scenario = json.loads(dumps_case(example_case()))["scenarios"][0]
    scenario["plans"] = [p for p in scenario["plans"] if p["debt_id"] == "cmb-card"]
    data["scenarios"] = [scenario]
    case.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    lines = own_table.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1].replace("cmb-card", "new-card", 1))
    own_table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert _import(own_table, case, "--update") == 0
    assert "新增的债务 new-card 在现有的 1 个方案中按合同继续还款" in capsys.readouterr().err


def test_import__force_says_what_the_new_case_leaves_behind(tmp_path, capsys):
    """--force over the example names the scenarios, notes and budget left in the backup."""
    case = tmp_path / "case.json"
    assert main(["example", "-o", str(case)]) == 0
    table = tmp_path / "debts.csv"
    assert main(["template", "-o", str(table)]) == 0
    _fill_in_template(table)
    capsys.readouterr()
    assert main(["import", str(table), "-o", str(case), "--as-of", "2026-11-23", "--force"]) == 0
    assert "原案例的以下内容未带入新案例（仍保存在备份文件中）：3 个方案、备注、收支" in capsys.readouterr().err


def test_import__error_finding_writes_the_case_and_exits_1(tmp_path, own_table, capsys):
    """A contract dated after the as-of date is reported as an error; the case is written and the exit code is 1."""
    case = tmp_path / "case.json"
    assert main(["import", str(own_table), "-o", str(case), "--as-of", "2018-01-01"]) == 1
    err = capsys.readouterr().err
    assert "[错误] cmb-card: 合同日期 2018年7月16日 晚于测算基准日 2018年1月1日" in err
    assert f"案例已写入 {case}，但有 1 处标为 [错误] 的问题需要更正" in err
    assert json.loads(case.read_text(encoding="utf-8"))["as_of"] == "2018-01-01"


def test_check__reference_caps_are_marked_in_the_table(case_file, capsys):
    """A cap that is a reference figure (a microloan's) is marked （参考） in the table, with a line saying what that
    means; legal caps are not marked."""
    data = json.loads(case_file.read_text(encoding="utf-8"))
    data["debts"][3]["kind"] = "microloan"
    case_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    main(["check", str(case_file)])
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines() if line.split()[:1] in (["online-loan"], ["cf-loan"])}
    assert "24.00（参考）" in rows["online-loan"]
    assert "（参考）" not in rows["cf-loan"]
    assert "标“（参考）”的上限是参考值" in out


def test_plan__detail_alone_prints_the_detailed_json(case_file, capsys):
    """--detail without --json still prints JSON (with the months), rather than ignoring the option."""
    assert main(["plan", str(case_file), "--detail"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(len(s["months"]) == s["months_compared"] for s in data["scenarios"])


def test_import__amounts_in_wan(tmp_path, own_table, capsys):
    """Budget options read amounts as people say them: --income 1.27万 is ¥12,700.00."""
    case = tmp_path / "case.json"
    assert _import(own_table, case, "--income", "1.27万", "--expenses", "9200元") == 0
    budget = json.loads(case.read_text(encoding="utf-8"))["budget"]
    assert (budget["incomes"][0]["amount"], budget["expenses"][0]["amount"]) == ("12700.00", "9200.00")


def test_import__update_names_the_debts_the_table_no_longer_holds(tmp_path, own_table, capsys):
    """A debt missing from the new table is removed from the case, and the import names it."""
    case = tmp_path / "case.json"
    lines = own_table.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1].replace("cmb-card", "old-card", 1))
    own_table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _import(own_table, case, "--income", "9000") == 0
    own_table.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert _import(own_table, case, "--update") == 0
    assert "债务表中没有的债务 old-card 已从案例中移除（仍保存在备份文件中）" in capsys.readouterr().err


def test_import__force_with_some_budget_options_names_the_budget_parts_left_behind(tmp_path, own_table, capsys):
    """--force with --income and --expenses but no --reserve says the old reserve is not carried over."""
    case = tmp_path / "case.json"
    assert _import(own_table, case, "--income", "9000", "--expenses", "6000", "--reserve", "500") == 0
    capsys.readouterr()
    assert _import(own_table, case, "--force", "--income", "9500", "--expenses", "6000") == 0
    assert "原案例的以下内容未带入新案例（仍保存在备份文件中）：储备" in capsys.readouterr().err
    assert json.loads(case.read_text(encoding="utf-8"))["budget"]["reserve"] == "0.00"


def test_template__xlsx_is_a_real_workbook_that_imports(tmp_path, capsys):
    """template -o NAME.xlsx writes an Excel workbook (text cells), which imports once the sample row is made real."""
    from openpyxl import load_workbook

    book_path = tmp_path / "债务表.xlsx"
    assert main(["template", "-o", str(book_path)]) == 0
    book = load_workbook(book_path)
    sheet = book.active
    assert [c.value for c in sheet[1]][:3] == ["编号", "债权人", "类型"]
    assert sheet.cell(2, 4).value == "2018-07-16"  # a text cell, not an Excel date
    sheet.cell(2, 1).value = "cmb-card"
    book.save(book_path)
    assert main(["import", str(book_path), "-o", str(tmp_path / "case.json"), "--as-of", "2026-11-23"]) == 0


@pytest.mark.parametrize(("argv", "needle"), [
    (["example", "-o", "ex.csv"], "扩展名是 .csv，但要写入的是案例文件（JSON）；请改用 .json 结尾的文件名，例如 ex.json"),
    (["template", "-o", "t.json"], "扩展名是 .json，但要写入的是债务表（CSV 或 Excel）；请改用 .csv / .xlsx 结尾的文件名"),
])
def test_outputs__a_name_for_the_wrong_kind_of_file_is_refused(tmp_path, monkeypatch, capsys, argv, needle):
    """A case written to NAME.csv, or a table to NAME.json, is refused (Excel would not open it); nothing is written."""
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert needle in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_import__update_warns_about_a_negative_budget_and_a_start_before_the_new_as_of(tmp_path, own_table, capsys):
    """Re-importing with expenses above the income, and an as-of date after a scenario's start, says both at once
    (not only later, in plan)."""
    from planner.io.casefile import dumps_case
    from planner.io.examples import example_case

    case = tmp_path / "case.json"
    assert _import(own_table, case, "--income", "12000", "--expenses", "9000") == 0
    data = json.loads(case.read_text(encoding="utf-8"))
    scenario = json.loads(dumps_case(example_case()))["scenarios"][0]
    scenario["plans"] = [p for p in scenario["plans"] if p["debt_id"] == "cmb-card"]
    data["scenarios"] = [scenario]
    case.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(own_table), "-o", str(case), "--update", "--as-of", "2027-01-15",
                 "--expenses", "1.3万"]) == 0
    err = capsys.readouterr().err
    assert "每月收入 ¥12,000.00 低于必要支出和应急储备合计 ¥13,000.00，可用于还款的金额为 -¥1,000.00" in err
    assert "早于测算基准日 2027年1月15日" in err


def test_check__empty_case_and_negative_budget_are_said(tmp_path, capsys):
    """check on a case with no debts warns that there are none; a negative disposable income is warned about."""
    path = tmp_path / "empty.json"
    path.write_text(json.dumps({"format": "debt-planner-case", "version": 1, "as_of": "2026-11-23",
                                "budget": {"incomes": [{"name": "工资", "amount": "5000"}],
                                           "expenses": [{"category": "housing", "amount": "6000"}]},
                                "debts": []}), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "案例中没有债务：请先导入或添加债务。" in out
    assert "可用于还款的金额为 -¥1,000.00" in out
