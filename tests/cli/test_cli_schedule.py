"""Tests for ``planner schedule``: the JSON contract, the text table, and one-line errors with exit code 2."""

import json

import pytest

from planner.cli import main

REFERENCE = ["schedule", "--principal", "1000000", "--annual-rate", "4.9", "--months", "360", "--start", "2026-01-15"]


def test_schedule__json_contract_and_reference_figure(capsys):
    """The JSON has the contract's keys, two-place amount strings and the 5,307.27 of reference §6."""
    assert main([*REFERENCE, "--method", "equal-installment", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"installments", "total_payment", "total_interest"} <= data.keys()
    first = data["installments"][0]
    assert set(first) == {"period", "due_date", "payment", "principal", "interest", "balance"}
    assert first == {"period": 1, "due_date": "2026-02-15", "payment": "5307.27", "principal": "1223.94",
                     "interest": "4083.33", "balance": "998776.06"}
    assert len(data["installments"]) == 360
    assert data["installments"][-1]["balance"] == "0.00"
    assert data["total_interest"] == "910615.12"
    assert data["total_payment"] == "1910615.12"
    assert data["apr_percent"] == "4.90"


def test_schedule__equal_principal_json(capsys):
    """Equal principal starts at 6,861.11 (2,777.78 principal + 4,083.33 interest, reference §6)."""
    assert main([*REFERENCE, "--method", "equal-principal", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)["installments"][0]
    assert (first["payment"], first["principal"], first["interest"]) == ("6861.11", "2777.78", "4083.33")


def test_schedule__text_table_has_chinese_headers_and_totals(capsys):
    """The text output is an aligned table headed 期数 还款日 月供 本金 利息 剩余本金, with the totals below."""
    args = ["schedule", "--principal", "1,000", "--annual-rate", "12", "--months", "3", "--start", "2026-01-31"]
    assert main(args) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("期数"))
    assert header.split() == ["期数", "还款日", "月供", "本金", "利息", "剩余本金"]
    rows = [line for line in out.splitlines() if line.strip()[:1].isdigit() and "2026-" in line]
    assert [row.split()[1] for row in rows] == ["2026-02-28", "2026-03-31", "2026-04-30"]
    assert len({len(row) for row in rows}) == 1  # right-aligned columns
    assert "还款总额 ¥1,020.07" in out
    assert "利息总额 ¥20.07" in out


def test_schedule__start_defaults_to_today(capsys):
    """Without --start the plan starts today (only the CLI reads the clock)."""
    assert main(["schedule", "--principal", "1200", "--annual-rate", "0", "--months", "12", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["start"]
    assert {row["payment"] for row in data["installments"]} == {"100.00"}


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--principal", "abc", "--annual-rate", "4.9", "--months", "12"], "本金"),
        (["--principal", "-5", "--annual-rate", "4.9", "--months", "12"], "本金"),
        (["--principal", "0", "--annual-rate", "4.9", "--months", "12"], "本金"),
        (["--principal", "1000", "--annual-rate", "NaN", "--months", "12"], "年利率"),
        (["--principal", "1000", "--annual-rate", "-1", "--months", "12"], "年利率"),
        (["--principal", "1000", "--annual-rate", "4.9", "--months", "0"], "期数"),
        (["--principal", "1000", "--annual-rate", "4.9", "--months", "601"], "期数"),
        (["--principal", "1000", "--annual-rate", "4.9", "--months", "1.5"], "期数"),
        (["--principal", "1000", "--annual-rate", "4.9", "--months", "12", "--start", "2026-02-30"], "开始日期"),
        (["--principal", "1000", "--annual-rate", "4.9", "--months", "12", "--method", "balloon"], "method"),
        (["--annual-rate", "4.9", "--months", "12"], "principal"),
    ],
)
def test_schedule__bad_input_exit_2_one_line(capsys, args, field):
    """Bad input prints one line on stderr naming the field, nothing on stdout, and exits with 2."""
    assert main(["schedule", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert field in lines[0]
    assert "Traceback" not in captured.err


def test_schedule__bad_input_in_english(capsys):
    """With --lang en the error names the field and the fix in English."""
    assert main(["--lang", "en", "schedule", "--principal", "1000", "--annual-rate", "4.9", "--months", "700"]) == 2
    err = capsys.readouterr().err
    assert "'months' must be between 1 and 600" in err


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--months", "²"], "期数"),  # str.isdigit() accepts superscript two; int() does not
        (["--months", "1.5e1"], "期数"),
        (["--months", "9" * 5000], "期数"),  # longer than int() converts
        (["--months", "12", "--start", "9999-12-01"], "开始日期"),
        (["--months", "12", "--start", "1899-12-31"], "开始日期"),
    ],
)
def test_schedule__unusual_input_exit_2_one_line(capsys, args, field):
    """Unicode digits, absurdly long numbers and dates past 2199 are one-line errors with exit 2, never tracebacks."""
    assert main(["schedule", "--principal", "1000", "--annual-rate", "4.9", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert field in lines[0]
    assert "内部错误" not in captured.err


def test_schedule__start_out_of_range_names_the_bounds_in_english(capsys):
    """--start 9999-12-01 says which dates are accepted."""
    args = ["--lang", "en", "schedule", "--principal", "1000", "--annual-rate", "4.9", "--months", "12",
            "--start", "9999-12-01"]
    assert main(args) == 2
    assert "'start' must be between 1900-01-01 and 2199-12-31" in capsys.readouterr().err


def test_schedule__tiny_rate_pays_like_rate_zero(capsys):
    """--annual-rate 1e-30 prints the rate-0 table (100.00 a month, no interest) instead of failing."""
    args = ["schedule", "--principal", "1200", "--annual-rate", "1e-30", "--months", "12", "--start", "2026-01-15",
            "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert {row["payment"] for row in data["installments"]} == {"100.00"}
    assert data["total_interest"] == "0.00"


def test_schedule__half_fen_interest_rounds_up(capsys):
    """¥30 at 15.4 % for one month charges 0.39 interest (30 × 15.4 / 1200 = 0.385, half up)."""
    args = ["schedule", "--principal", "30", "--annual-rate", "15.4", "--months", "1", "--start", "2026-01-15",
            "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["installments"][0]["interest"], data["total_payment"]) == ("0.39", "30.39")


def test_schedule__full_width_months_are_read(capsys):
    """Months typed with full-width digits (a Chinese input method's \uff11\uff12) are read as 12."""
    args = ["schedule", "--principal", "1200", "--annual-rate", "0", "--months", "\uff11\uff12", "--start",
            "2026-01-15", "--json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["months"] == 12


def test_schedule__rate_written_as_people_write_it(capsys):
    """--annual-rate accepts what the debts table accepts: 日万分之五 is 0.05 % a day, 18.25 % a year (× 365)."""
    args = ["schedule", "--principal", "1200", "--annual-rate", "日万分之五", "--months", "12", "--start",
            "2026-01-15", "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["annual_rate"] == "18.25"
    assert data["installments"][0]["interest"] == "18.25"  # 1200 × 18.25 % / 12 = 18.25
