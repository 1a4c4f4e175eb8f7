"""Tests for `planner example`, `planner check` and `planner plan` through the CLI entry point."""

import json
import subprocess
import sys

import pytest

from planner.cli import main


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "case.json"
    assert main(["example", "-o", str(path)]) == 0
    return path


def test_example__writes_loadable_case(case_file, capsys):
    """`planner example -o FILE` writes a case that `check` accepts."""
    assert main(["check", str(case_file)]) == 0
    out = capsys.readouterr().out
    assert "案例有效" in out
    assert "online-loan" in out


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
    assert "最短可负担分期（50期）" in out
    # At 0 % the pro-rata split gives every debt the same 50 months: the same plan is not listed twice.
    assert "按余额比例分配" not in out
    assert "加盖公章的书面确认" in out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [(["plan", "/nonexistent/case.json"], "文件"), (["check", "{missing}"], "文件"),
     (["plan", "{bad}"], ""), (["plan", "{case}", "--horizon", "0"], "1 到 600"), (["frobnicate"], "invalid choice")],
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


def test_template_then_import_builds_a_case(tmp_path, capsys):
    """The debts template imports into a new case that check and plan accept."""
    table, case = tmp_path / "debts.csv", tmp_path / "new.json"
    assert main(["template", "-o", str(table)]) == 0
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
    assert json.loads(capsys.readouterr().out)["unknown_keys"] == [{"where": "debts.cf-loan",
                                                                    "keys": ["penalty_interst"]}]


def test_main__unexpected_error_is_one_line(monkeypatch, case_file, capsys):
    """A bug surfaces as one line on stderr with exit code 70, never a traceback."""
    from planner.cli import casecmds

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(casecmds, "evaluate_case", broken)
    assert main(["plan", str(case_file)]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "RuntimeError: boom" in err


def test_check__error_finding_exits_1_and_plan_shows_data_checks(case_file, capsys):
    """A contract dated after the as-of date makes check exit 1; a fractional rate is flagged by check and plan."""
    data = json.loads(case_file.read_text(encoding="utf-8"))
    data["debts"][0]["contract_date"] = "2027-01-01"
    data["debts"][0]["overdue_since"] = None
    data["debts"][1]["contract_rate"] = "0.18"
    case_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(case_file)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("案例文件可以读取，但有")
    assert "如果本意是 18%" in out
    assert main(["plan", str(case_file)]) == 0
    out = capsys.readouterr().out
    assert "【请核对的数据】" in out
    assert "如果本意是 18%" in out


def test_plan__english_names_and_signed_amounts(case_file, capsys):
    """With --lang en the planner's own scenario names are English and a negative budget reads -¥."""
    data = json.loads(case_file.read_text(encoding="utf-8"))
    data["budget"]["reserve"] = "20000.00"
    case_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["plan", str(case_file), "--fit", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Disposable income per month: -¥16,500.00" in out  # 12,700 − 9,200 − 20,000
    assert "Status quo" in out
    assert "维持现状" not in out


def test_import__warns_about_ignored_columns_in_chinese(tmp_path, capsys):
    """Columns the importer does not know are named in a Chinese warning line."""
    table, case = tmp_path / "debts.csv", tmp_path / "new.json"
    assert main(["template", "-o", str(table)]) == 0
    lines = table.read_text(encoding="utf-8-sig").splitlines()
    table.write_text("\n".join([lines[0] + ",手续费说明", lines[1] + ",备注"]) + "\n", encoding="utf-8")
    assert main(["import", str(table), "-o", str(case), "--as-of", "2026-11-23"]) == 0
    err = capsys.readouterr().err
    assert "以下列无法识别，未导入：手续费说明" in err
