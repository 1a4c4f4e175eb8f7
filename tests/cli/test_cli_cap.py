"""Tests for ``planner cap``: the JSON contract, the text output and one-line errors with exit code 2.

Most tests run the real plumbing (``planner.cli.main``) with a parser holding only the ``cap`` command, so they do
not depend on the other commands' modules; ``test_main__cap_through_full_parser`` runs the full parser.
Expected figures: reference §6 (../shared/reference/README.md) and hand computations in the comments.
"""

import json

import pytest

import planner.cli
from planner.cli import _Parser
from planner.cli import cap as cap_command

WORKED = ["cap", "--kind", "private", "--contract-date", "2021-03-01", "--principal", "100000",
          "--annual-rate", "24", "--from", "2021-03-01", "--to", "2022-03-01"]


def number(kind, year, serial):
    """Return a document number such as 法释[2020]6号 with its real brackets, U+3014 and U+3015."""
    return f"{kind}\u3014{year}\u3015{serial}号"


def _cap_only_parser():
    parser = _Parser(prog="planner")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    cap_command.register(sub)
    return parser


@pytest.fixture
def run(monkeypatch, capsys):
    """Run ``planner.main`` with only the cap command registered; return (exit code, stdout, stderr)."""
    monkeypatch.setattr(planner.cli, "build_parser", _cap_only_parser)

    def _run(*argv):
        code = planner.cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_cap__json_worked_example(run):
    """The JSON gives the reference figures as two-place decimal strings."""
    code, out, err = run(*WORKED, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    # reference §6: cap 15.4 %; ¥15,400 supportable; 24 % × ¥100,000 for 365 days = ¥24,000; ¥8,600 excess.
    assert {k: data[k] for k in ("cap_rate", "legal_interest", "claimed_interest", "excess")} == {
        "cap_rate": "15.40", "legal_interest": "15400.00", "claimed_interest": "24000.00", "excess": "8600.00"}
    assert (data["kind"], data["contract_date"], data["as_of"], data["status"]) == (
        "private", "2021-03-01", "2022-03-01", "firm")  # --as-of defaults to --to
    assert (data["from"], data["to"], data["days"], data["principal"]) == (
        "2021-03-01", "2022-03-01", 365, "100000.00")
    assert number("法释", 2020, 6) in data["basis"]
    assert data["basis"].endswith("）")
    assert [f["code"] for f in data["findings"]] == ["RATE_ABOVE_CAP", "CHARGES_ABOVE_CAP"]
    assert set(data["findings"][0]) == {"code", "severity", "scope", "subject", "message", "source", "params"}
    assert (data["findings"][0]["scope"], data["findings"][0]["subject"]) == ("debt", "loan")
    assert data["findings"][1]["params"]["excess"] == "8600.00"


def test_cap__json_without_period_has_only_the_cap(run):
    """Without --from/--to the JSON has the cap, basis and status but no interest figures."""
    code, out, _ = run("cap", "--kind", "credit-card", "--contract-date", "2023-05-01", "--as-of", "2025-01-01",
                       "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["cap_rate"], data["status"], data["rule_id"]) == ("24.00", "firm", "financial-24")
    assert number("法发", 2017, 22) in data["basis"]
    assert not {"legal_interest", "claimed_interest", "excess"} & set(data)
    assert data["findings"] == []


def test_cap__json_transition_periods(run):
    """A pre-2020-08-20 private loan shows both periods and the transition and unconfirmed notes."""
    code, out, _ = run("cap", "--kind", "private", "--contract-date", "2019-06-01", "--principal", "100000",
                       "--annual-rate", "24", "--from", "2020-01-01", "--to", "2021-01-01", "--json")
    data = json.loads(out)
    assert code == 0
    assert [(p["from"], p["to"], p["days"], p["cap_rate"]) for p in data["periods"]] == [
        ("2020-01-01", "2020-08-20", 232, "24.00"), ("2020-08-20", "2021-01-01", 134, "15.40")]
    # By hand: 15254.7945… + 5653.6986… = 20908.49 (see tests/test_caps.py); 100000 × 24 × 366 / 36500 = 24065.75.
    assert (data["legal_interest"], data["claimed_interest"], data["excess"]) == ("20908.49", "24065.75", "3157.26")
    assert data["status"] == "check"
    assert {"PRIVATE_TRANSITION", "RULE_UNCONFIRMED"} <= {f["code"] for f in data["findings"]}


def test_cap__json_stale_lpr_finding(run):
    """A cap taken from an LPR dated after the table's confirmed date (2026-04-20) puts LPR_STALE, a warning, in
    the findings."""
    code, out, _ = run("cap", "--kind", "private", "--contract-date", "2026-06-01", "--as-of", "2026-07-01", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["cap_rate"] == "12.00"  # 4 × 3.00 (row 2025-05-20)
    stale = [f for f in data["findings"] if f["code"] == "LPR_STALE"]
    assert [f["severity"] for f in stale] == ["warning"]
    assert "2026年4月20日" in stale[0]["message"]
    assert stale[0]["params"]["confirmed_through"] == "2026-04-20"
    assert stale[0]["params"]["relied"] == ["loan"]


def test_cap__json_stale_lpr_information_when_the_cap_used_a_confirmed_lpr(run):
    """An as-of date after the confirmed date, for a cap whose LPR (2026-03-01) is confirmed, is information only."""
    code, out, _ = run("cap", "--kind", "private", "--contract-date", "2026-03-01", "--as-of", "2026-05-01", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["cap_rate"] == "12.00"  # 4 × 3.00 (row 2025-05-20)
    stale = [f for f in data["findings"] if f["code"] == "LPR_STALE"]
    assert [(f["severity"], f["params"]["relied"]) for f in stale] == [("info", [])]


def test_cap__english_basis_and_messages(run):
    """With --lang en the basis and the findings are in English."""
    code, out, _ = run("--lang", "en", "cap", "--kind", "microloan", "--contract-date", "2023-03-01",
                       "--annual-rate", "30", "--as-of", "2024-01-01", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["basis"].startswith("Microloan company")
    assert "(source: 《" in data["basis"]
    assert [f["code"] for f in data["findings"]] == ["RATE_ABOVE_CAP", "MICROLOAN_RULE", "MICROLOAN_GUIDANCE",
                                                     "RULE_UNCONFIRMED"]
    assert data["findings"][0]["message"].startswith("The contract rate of 30%")
    assert (data["status"], data["nature"]) == ("check", "guidance")
    assert "reference cap (guidance, unconfirmed)" in data["findings"][0]["message"]


def test_cap__text_output_in_chinese(run):
    """The text output is a few Chinese lines with the cap, the three figures and the notes."""
    code, out, err = run(*WORKED)
    assert (code, err) == (0, "")
    assert "法定利率上限：年化 15.40%" in out
    assert "上限内利息：¥15,400.00" in out
    assert "合同约定利息：¥24,000.00" in out
    assert "超出部分：¥8,600.00" in out
    assert "[注意]" in out
    assert "不是法院认定的金额" in out


def test_cap__text_names_a_guidance_figure_a_reference_cap(run):
    """A microloan's 24 % guidance figure is shown as a reference cap, never as a legal cap."""
    argv = ["cap", "--kind", "microloan", "--contract-date", "2023-03-01", "--principal", "100000",
            "--annual-rate", "30", "--from", "2023-03-01", "--to", "2024-03-01"]
    code, out, err = run(*argv)
    assert (code, err) == (0, "")
    assert "参考利率上限（仅供参考，未经确认）：年化 24.00%" in out
    assert "法定利率上限" not in out
    assert "法定上限（" not in out  # the notes may still say it is 非法定标准 / 不是法定上限
    assert "可请求调减" not in out
    assert "违法" not in out
    code, out, _ = run("--lang", "en", *argv)
    assert out.startswith("Reference cap (guidance, unconfirmed): 24.00% a year")
    assert "Legal cap" not in out


def test_cap__json_stale_lpr_information_for_a_24_percent_cap(run):
    """A 24 % cap uses no LPR, yet an as-of date after the confirmed date gives LPR_STALE as information."""
    code, out, _ = run("cap", "--kind", "credit-card", "--contract-date", "2023-05-01", "--as-of", "2026-05-01",
                       "--json")
    data = json.loads(out)
    assert code == 0
    assert [(f["code"], f["severity"]) for f in data["findings"]] == [("LPR_STALE", "info")]


def test_cap__from_without_to_uses_as_of(run):
    """--from with --as-of and no --to runs the period up to the as-of date."""
    code, out, _ = run("cap", "--kind", "private", "--contract-date", "2021-03-01", "--principal", "100000",
                       "--annual-rate", "24", "--from", "2021-03-01", "--as-of", "2022-03-01", "--json")
    assert code == 0
    assert json.loads(out)["legal_interest"] == "15400.00"  # reference §6


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--kind", "loan-shark"], ["债权人类型必须是以下之一"]),
        (["--contract-date", "2021-02-30"], ["合同日期", "不存在（2 月没有 30 日）"]),
        (["--to", "2020-01-01"], ["截止日不能早于起始日"]),
        (["--principal", "-5"], ["本金不能为负数"]),
        (["--principal", "十万"], ["本金必须是数字"]),
        (["--annual-rate", "abc"], ["年利率无法识别为利率"]),  # 24% is a rate now: see test_cap__options_...
        (["--from", "2021-13-01"], ["起始日必须是日期"]),
    ],
)
def test_cap__bad_input_one_line_exit_2(run, args, needles):
    """Bad input prints one Chinese line naming the field on stderr, nothing on stdout, and exits with 2."""
    argv = list(WORKED)
    for option, value in zip(args[::2], args[1::2], strict=True):
        argv[argv.index(option) + 1] = value
    code, out, err = run(*argv, "--json")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    for needle in needles:
        assert needle in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (["cap", "--contract-date", "2021-03-01"], "'kind' is required"),
        (["cap", "--kind", "private"], "'contract_date' is required"),
        (["cap", "--kind", "private", "--contract-date", "2021-03-01", "--from", "2021-03-01", "--to",
          "2022-03-01"], "'principal' is required"),
        (["cap", "--kind", "private", "--contract-date", "2021-03-01", "--to", "2022-03-01"], "'from' is required"),
    ],
)
def test_cap__missing_values_in_english(run, argv, field):
    """Missing required values name the field; --lang en gives the English message."""
    code, out, err = run("--lang", "en", *argv)
    assert (code, out) == (2, "")
    assert err.startswith("planner: ")
    assert field in err
    assert err.count("\n") == 1


def test_main__cap_through_full_parser(capsys):
    """``planner cap`` works through the full command parser (needs every command module present)."""
    code = planner.cli.main([*WORKED, "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert json.loads(out)["excess"] == "8600.00"  # reference §6


def test_cap__options_accept_what_the_table_accepts(run):
    """--kind 民间借贷, a date 2021/3/1, a principal 100000元 and a rate 24% give the reference §6 figures."""
    argv = ["cap", "--kind", "民间借贷", "--contract-date", "2021/3/1", "--principal", "100000元",
            "--annual-rate", "24%", "--from", "2021年3月1日", "--to", "2022.3.1", "--json"]
    code, out, err = run(*argv)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["kind"], data["contract_date"], data["from"], data["to"]) == (
        "private", "2021-03-01", "2021-03-01", "2022-03-01")
    assert (data["principal"], data["cap_rate"], data["excess"]) == ("100000.00", "15.40", "8600.00")


def test_cap__contract_after_as_of_exits_1(run):
    """A contract dated after the as-of date is an error finding: the cap is printed and the exit code is 1."""
    code, out, err = run("cap", "--kind", "private", "--contract-date", "2027-01-01", "--as-of", "2026-11-23",
                         "--json")
    assert (code, err) == (1, "")
    data = json.loads(out)
    assert [f["code"] for f in data["findings"] if f["severity"] == "error"] == ["CONTRACT_AFTER_AS_OF"]
    code, out, _ = run("cap", "--kind", "private", "--contract-date", "2027-01-01", "--as-of", "2026-11-23")
    assert code == 1
    assert "[错误]" in out
    assert "2027年1月1日" in out


def test_cap__text_findings_name_no_placeholder_subject_and_prose_wraps_between_characters(run, monkeypatch):
    """The one loan quoted is not named "loan:" in the text, and prose wraps to the width between CJK characters
    (never leaving a short line before a long unspaced run, never starting a line with closing punctuation)."""
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "60")
    code, out, err = run("cap", "--kind", "private", "--contract-date", "2021-03-01", "--annual-rate", "0.24",
                         "--as-of", "2026-11-23")
    assert code == 0
    assert "loan:" not in out + err
    assert err.startswith("planner: [注意] 年利率很低")
    lines = out.splitlines()
    assert all(cell_len(line) <= 60 for line in lines)
    assert not [line for line in lines if line.strip()[:1] in set("，。、；：）》")]
    rule = next(i for i, line in enumerate(lines) if line.startswith("规则："))
    assert all(cell_len(line) >= 50 for line in lines[rule:rule + 2])  # full lines, not a word per line
