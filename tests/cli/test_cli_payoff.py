"""Tests for ``planner payoff``: the CLI contract (options, JSON keys, tables) and its one-line errors."""

import dataclasses
import json
from datetime import date
from decimal import Decimal

import pytest

from planner.cli import main
from planner.dates import add_months
from planner.engines.payoff import payoff_debts_from_case, simulate
from planner.io.export import payoff_json

HEADER = "id,creditor,balance,annual_rate,min_payment\n"
ROWS = "card,招商银行信用卡,\"12,000\",18,10%:100\nloan,借呗,30000,24%,1500\nfamily,亲戚,5000,0,0\n"


@pytest.fixture
def debts_csv(tmp_path):
    path = tmp_path / "debts.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_payoff__json_contract(capsys, debts_csv):
    """--json prints the contract's keys: totals as two-place strings, debts in input order, one object per month."""
    code, out, err = run(capsys, "payoff", "--debts", str(debts_csv), "--monthly", "4000", "--policy", "avalanche",
                         "--start", "2026-01-15", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["months_to_debt_free", "debt_free_date", "total_interest", "total_paid", "debts", "months",
                          "findings"]
    assert data["months_to_debt_free"] == 14
    assert data["debt_free_date"] == "2027-03-15"
    assert data["total_interest"] == "5100.44"
    assert data["total_paid"] == "52100.44"
    assert [d["id"] for d in data["debts"]] == ["card", "loan", "family"]
    assert set(data["debts"][0]) == {"id", "payoff_month", "interest", "paid"}
    first = data["months"][0]
    assert list(first) == ["month", "date", "payments", "balances", "unallocated"]
    assert first["month"] == 1
    assert first["date"] == "2026-02-15"
    # loan: 30000 + 600.00 interest, minimum 1500 + the extra (avalanche: 24 % first); card 12000 + 180.00,
    # minimum 10 % = 1218.00; family 0.
    assert first["payments"] == {"card": "1218.00", "loan": "2782.00", "family": "0.00"}
    assert first["balances"] == {"card": "10962.00", "loan": "27818.00", "family": "5000.00"}
    assert first["unallocated"] == "0.00"
    assert len(data["months"]) == 14


def test_payoff__json_matches_the_engine(capsys, debts_csv):
    """The CLI's JSON is payoff_json of the engine's result for the same inputs, extras and order included."""
    code, out, _ = run(capsys, "payoff", "--debts", str(debts_csv), "--monthly", "4000", "--policy", "custom",
                       "--order", "family,loan", "--extra", "2026-03:5000", "--extra", "2026-05：1000",
                       "--start", "2026-01-15", "--json")
    assert code == 0
    from planner.cli.payoff import read_payoff_debts

    expected = simulate(read_payoff_debts(debts_csv), monthly_budget="4000", policy="custom",
                        order=["family", "loan"], extras=[(2026, 3, "5000"), (2026, 5, "1000")],
                        start=date(2026, 1, 15))
    assert json.loads(out) == payoff_json(expected)
    assert expected.order == ("family", "loan", "card")
    assert expected.months[1].available == Decimal("9000.00")


def test_payoff__compare_text_table(capsys, debts_csv, monkeypatch):
    """--compare prints the four policies and the minimums-only path side by side under Chinese headers."""
    monkeypatch.setenv("COLUMNS", "200")  # wide enough that no header wraps onto a second line
    code, out, err = run(capsys, "payoff", "--debts", str(debts_csv), "--monthly", "4000", "--compare",
                         "--start", "2026-01-15")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("项目"))
    for name in ("按余额比例", "雪崩法（高利率优先）", "雪球法（小余额优先）", "自定义顺序", "仅还最低还款"):
        assert name in header
    for row in ("还清所需月数", "还清日期", "利息合计", "还款总额", "较只还最低节省利息", "card 还清月份"):
        assert any(line.startswith(row) for line in lines)
    interest = next(line for line in lines if line.startswith("利息合计"))
    assert "5,100.44" in interest
    assert "family: 没有最低还款" in out


def test_payoff__compare_json_list(capsys, debts_csv):
    """--compare --json prints one contract object per policy, each with its policy first."""
    code, out, _ = run(capsys, "payoff", "--debts", str(debts_csv), "--monthly", "4000", "--compare", "--json",
                       "--start", "2026-01-15")
    assert code == 0
    data = json.loads(out)
    assert [d["policy"] for d in data] == ["pro-rata", "avalanche", "snowball", "custom"]
    assert all(list(d) == ["policy", *list(data[0])[1:]] for d in data)
    assert data[1]["total_interest"] == "5100.44"


def test_payoff__single_policy_text(capsys, debts_csv):
    """The text report names the policy, the debt-free month and date, the totals and each debt's line."""
    code, out, _ = run(capsys, "payoff", "--debts", str(debts_csv), "--monthly", "4000", "--policy", "snowball",
                       "--start", "2026-01-15")
    assert code == 0
    assert "雪球法（小余额优先）" in out
    assert "还清所需月数：" in out
    assert "余额的 10%（最低 ¥100.00）" in out
    code, out, _ = run(capsys, "--lang", "en", "payoff", "--debts", str(debts_csv), "--monthly", "4000",
                       "--policy", "snowball", "--start", "2026-01-15")
    assert code == 0
    assert "snowball (smallest balance first)" in out
    assert "10% of the balance (at least CN¥100.00)" in out


def test_payoff__gb18030_csv_with_chinese_headers(capsys, tmp_path):
    """A GB18030 file with the Chinese headers (as Chinese Excel saves it) reads like the English one."""
    path = tmp_path / "债务.csv"
    path.write_bytes(("编号,债权人,余额（元）,年利率,最低还款\n" + ROWS).encode("gb18030"))
    english = tmp_path / "debts.csv"
    english.write_text("\ufeff" + HEADER + ROWS, encoding="utf-8")
    outputs = []
    for file in (path, english):
        code, out, err = run(capsys, "payoff", "--debts", str(file), "--monthly", "4000", "--policy", "pro-rata",
                             "--start", "2026-01-15", "--json")
        assert (code, err) == (0, "")
        outputs.append(json.loads(out))
    assert outputs[0] == outputs[1]
    assert [d["id"] for d in outputs[0]["debts"]] == ["card", "loan", "family"]


def test_payoff__xlsx_and_accepts_extra_column(capsys, tmp_path):
    """An .xlsx table is read too, and accepts_extra = 否 makes a debt take only its minimum."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["编号", "余额", "年利率", "最低还款", "接受额外还款"])
    sheet.append(["plan", 1200, 0, 100, "否"])
    sheet.append(["card", 300, 18, "10%:50", "是"])
    path = tmp_path / "debts.xlsx"
    workbook.save(path)
    code, out, err = run(capsys, "payoff", "--debts", str(path), "--monthly", "600", "--policy", "avalanche",
                         "--start", "2026-01-15", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["months"][0]["payments"] == {"plan": "100.00", "card": "304.50"}
    assert data["months"][0]["unallocated"] == "195.50"
    assert data["months_to_debt_free"] == 12


def test_payoff__case_file(capsys, tmp_path):
    """A case file is read through the case loader; its debts use balance, running rate and monthly payment."""
    from planner.io.casefile import save_case
    from planner.io.examples import example_case

    case = example_case()
    path = tmp_path / "case.json"
    save_case(case, path)
    code, out, err = run(capsys, "payoff", str(path), "--monthly", "12000", "--policy", "avalanche",
                         "--start", "2026-01-01", "--json")
    assert (code, err) == (0, "")
    expected = simulate(payoff_debts_from_case(case), monthly_budget="12000", policy="avalanche",
                        start=date(2026, 1, 1))
    assert json.loads(out) == payoff_json(expected)


def test_payoff__case_start_defaults_to_as_of(capsys, tmp_path):
    """For a case file without --start, month 0 is the case's as-of date (the date its balances are stated at)."""
    from planner.io.casefile import save_case
    from planner.io.examples import example_case

    case = example_case()
    path = tmp_path / "case.json"
    save_case(case, path)
    code, out, _ = run(capsys, "payoff", str(path), "--monthly", "12000", "--policy", "snowball", "--json")
    assert code == 0
    assert json.loads(out)["months"][0]["date"] == add_months(case.as_of, 1).isoformat()


def test_payoff__start_defaults_to_today(capsys, debts_csv):
    """Without --start, month 1 is paid one month after today."""
    code, out, _ = run(capsys, "payoff", "--debts", str(debts_csv), "--monthly", "4000", "--policy", "avalanche",
                       "--json")
    assert code == 0
    today = date.today()  # noqa: DTZ011 - the CLI reads the clock; so must the test
    assert json.loads(out)["months"][0]["date"] == add_months(today, 1).isoformat()


@pytest.mark.parametrize(
    ("content", "extra_args", "expected"),
    [
        (HEADER + ROWS, ["--policy", "custom", "--order", "card,nope"], ["还款顺序", "nope"]),
        ("id,creditor,balance,min_payment\na,b,1,1\n", ["--policy", "avalanche"], ["缺少“年利率 / annual_rate”列"]),
        (HEADER + "a,b,100,10,10\nb,c,-5,10,10\n", ["--policy", "avalanche"], ["第 3 行", "余额", "负数"]),
        (HEADER + "a,b,100,10,10%:x\n", ["--policy", "avalanche"], ["第 2 行", "最低还款"]),
        (HEADER + "a,b,100,abc,10\n", ["--policy", "avalanche"], ["第 2 行", "年利率"]),
        (HEADER + "a,b,100,10,10\na,c,5,10,10\n", ["--policy", "avalanche"], ["第 3 行", "编号", "重复"]),
        (HEADER + ROWS, ["--policy", "avalanche", "--extra", "2026/03=5"], ["一次性额外还款"]),
        (HEADER + ROWS, ["--policy", "avalanche", "--extra", "2026-03:-5"], ["一次性额外还款"]),
        (HEADER + ROWS, ["--policy", "fastest"], ["还款策略", "avalanche"]),
        (HEADER + ROWS, [], ["还款策略", "未指定", "--compare"]),
    ],
)
def test_payoff__bad_input_one_line_exit_2(capsys, tmp_path, content, extra_args, expected):
    """Bad input prints one line on stderr naming the row and the field, and exits with 2."""
    path = tmp_path / "debts.csv"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "payoff", "--debts", str(path), "--monthly", "100", "--start", "2026-01-15",
                         *extra_args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    for text in expected:
        assert text in err


@pytest.mark.parametrize("monthly", ["0", "-100", "abc"])
def test_payoff__bad_budget_exit_2(capsys, debts_csv, monthly):
    """A budget of 0, a negative or a non-number is refused with one line naming the monthly budget."""
    code, _, err = run(capsys, "payoff", "--debts", str(debts_csv), "--monthly", monthly, "--policy", "avalanche")
    assert code == 2
    assert "每月预算" in err
    assert err.count("\n") == 1


def test_payoff__needs_exactly_one_source(capsys, debts_csv):
    """Neither or both of CASE and --debts is a one-line usage error with exit 2."""
    code, _, err = run(capsys, "payoff", "--monthly", "100", "--policy", "avalanche")
    assert code == 2
    assert "--debts" in err
    code, _, err = run(capsys, "payoff", "case.json", "--debts", str(debts_csv), "--monthly", "100",
                       "--policy", "avalanche")
    assert code == 2
    assert err.count("\n") == 1


def test_payoff__english_errors(capsys, debts_csv):
    """With --lang en the error line is English and names the field."""
    code, _, err = run(capsys, "--lang", "en", "payoff", "--debts", str(debts_csv), "--monthly", "100",
                       "--policy", "custom", "--order", "x")
    assert code == 2
    assert "'order'" in err


# ----------------------------------------------------------------------------------- options and errors


def test_payoff__extra_takes_several_values_and_repeats(capsys, debts_csv):
    """--extra takes several YYYY-MM:AMOUNT values at once, and may be repeated; all of them are used."""
    code, out, err = run(capsys, "payoff", "--debts", str(debts_csv), "--monthly", "4000", "--policy", "avalanche",
                         "--extra", "2026-03:100", "2026-04:50", "--extra", "2026-06:7", "--start", "2026-01-15",
                         "--json")
    assert (code, err) == (0, "")
    from planner.cli.payoff import read_payoff_debts

    expected = simulate(read_payoff_debts(debts_csv), monthly_budget="4000", policy="avalanche",
                        extras=[(2026, 3, "100"), (2026, 4, "50"), (2026, 6, "7")], start=date(2026, 1, 15))
    assert json.loads(out) == payoff_json(expected)
    assert [m.available for m in expected.months[1:5]] == [Decimal("4100.00"), Decimal("4050.00"),
                                                           Decimal("4000.00"), Decimal("4007.00")]


@pytest.mark.parametrize("policy", ["avalanche", "snowball", "pro-rata"])
def test_payoff__order_without_custom_policy_is_refused(capsys, debts_csv, policy):
    """--order with another policy (not --compare) is an error saying it only applies to the custom policy."""
    code, out, err = run(capsys, "payoff", "--debts", str(debts_csv), "--monthly", "4000", "--policy", policy,
                         "--order", "loan,card", "--start", "2026-01-15")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "--order" in err
    assert "custom" in err
    assert policy in err
    code, _, err = run(capsys, "--lang", "en", "payoff", "--debts", str(debts_csv), "--monthly", "4000",
                       "--policy", policy, "--order", "loan", "--start", "2026-01-15")
    assert code == 2
    assert "'order' only applies to the custom policy, not to --policy " + policy in err


def test_payoff__order_with_custom_or_compare_is_accepted(capsys, debts_csv):
    """--order is used with --policy custom and with --compare (where the custom column follows it)."""
    code, _, err = run(capsys, "payoff", "--debts", str(debts_csv), "--monthly", "4000", "--policy", "custom",
                       "--order", "loan,card", "--start", "2026-01-15", "--json")
    assert (code, err) == (0, "")
    code, out, err = run(capsys, "payoff", "--debts", str(debts_csv), "--monthly", "4000", "--policy", "avalanche",
                         "--compare", "--order", "family", "--start", "2026-01-15", "--json")
    assert (code, err) == (0, "")
    custom = json.loads(out)[3]
    assert custom["policy"] == "custom"
    assert custom["months"][0]["payments"]["family"] != "0.00"


def test_payoff__case_file_given_as_debts_table(capsys, tmp_path):
    """A case file passed with --debts is one clear line: pass it as CASE without --debts (by suffix or content)."""
    from planner.io.casefile import save_case
    from planner.io.examples import example_case

    path = tmp_path / "case.json"
    save_case(example_case(), path)
    disguised = tmp_path / "case.csv"
    disguised.write_bytes(path.read_bytes())
    for file in (path, disguised):
        code, out, err = run(capsys, "payoff", "--debts", str(file), "--monthly", "4000", "--policy", "avalanche")
        assert (code, out) == (2, "")
        assert err.count("\n") == 1
        assert "是案例文件，不是债务表" in err
        assert "请把它作为 CASE 直接传入，不要加 --debts" in err
        code, out, err = run(capsys, "--lang", "en", "payoff", "--debts", str(file), "--monthly", "4000",
                             "--policy", "avalanche")
        assert (code, out) == (2, "")
        assert err.count("\n") == 1
        assert "is a case file" in err
        assert "pass it as CASE, without --debts" in err


def test_payoff__table_without_recognised_header(capsys, tmp_path):
    """A table whose first row matches no known column says so and shows the expected header, in either language."""
    path = tmp_path / "debts.csv"
    path.write_text("card,招商银行信用卡,12000,18,500\nloan,借呗,30000,24,1500\n", encoding="utf-8")
    code, out, err = run(capsys, "payoff", "--debts", str(path), "--monthly", "4000", "--policy", "avalanche")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "表头无法识别" in err
    assert "编号,债权人,余额,年利率,最低还款" in err
    assert "缺少该列" not in err
    code, _, err = run(capsys, "--lang", "en", "payoff", "--debts", str(path), "--monthly", "4000", "--policy",
                       "avalanche")
    assert code == 2
    assert "no recognised header" in err
    assert "expected 编号,债权人,余额,年利率,最低还款 / id,creditor,balance,annual_rate,min_payment as the first row" in err


def test_payoff__english_text_reads_naturally(capsys, debts_csv, monkeypatch):
    """English text: "Debt-free after 14 months (2027-03-15)", and "Not debt-free within N months" when not."""
    monkeypatch.setenv("COLUMNS", "200")  # the comparison's row labels on one line each
    code, out, _ = run(capsys, "--lang", "en", "payoff", "--debts", str(debts_csv), "--monthly", "4000",
                       "--policy", "avalanche", "--start", "2026-01-15")
    assert code == 0
    assert "Debt-free after 14 months (2027-03-15)" in out
    assert "Debt-free after:" not in out
    code, out, _ = run(capsys, "--lang", "en", "payoff", "--debts", str(debts_csv), "--monthly", "500",
                       "--policy", "avalanche", "--start", "2026-01-15")
    assert code == 0
    assert "Not debt-free within 600 months" in out
    code, out, _ = run(capsys, "--lang", "en", "payoff", "--debts", str(debts_csv), "--monthly", "4000",
                       "--compare", "--start", "2026-01-15")
    assert code == 0
    assert any(line.startswith("card paid off in month") for line in out.splitlines())


def test_payoff__compare_interest_saved_uses_the_engine_rule(capsys, tmp_path, monkeypatch):
    """The comparison's "interest saved" row is payoff.interest_saved for each policy ("—" for the baseline)."""
    from planner.cli.payoff import read_payoff_debts
    from planner.engines.payoff import compare_policies, interest_saved, minimums_only

    monkeypatch.setenv("COLUMNS", "200")  # the row label on one line
    path = tmp_path / "debts.csv"
    path.write_text(HEADER + "card,招商,12000,18,10%:100\nloan,借呗,30000,24,1500\n", encoding="utf-8")
    code, out, _ = run(capsys, "--lang", "en", "payoff", "--debts", str(path), "--monthly", "4000", "--compare",
                       "--start", "2026-01-15")
    assert code == 0
    debts = read_payoff_debts(path)
    results = compare_policies(debts, monthly_budget="4000", start=date(2026, 1, 15))
    base = minimums_only(debts, monthly_budget="4000", start=date(2026, 1, 15))
    saved = next(line for line in out.splitlines() if line.startswith("interest saved vs minimums only"))
    expected = [f"{interest_saved(r, base):,}" for r in results]
    assert saved.split()[-5:] == [*expected, "—"]


def test_payoff__case_file_costs_like_the_status_quo(capsys, tmp_path):
    """``planner payoff CASE`` with a budget equal to a debt's monthly payment pays it as its status-quo schedule
    (behind ``planner plan``) does: same payments, interest, fees and balances; fees appear in the JSON."""
    from planner.domain.options import STATUS_QUO
    from planner.engines.schedules import build_schedule
    from planner.io.casefile import save_case
    from planner.io.examples import example_case
    from planner.rates import Rate

    case = example_case()
    debt = next(d for d in case.debts if d.fee_rate is not None and d.charges)
    single = dataclasses.replace(case, debts=(debt,), scenarios=())
    path = tmp_path / "one.json"
    save_case(single, path)
    code, out, err = run(capsys, "payoff", str(path), "--monthly", str(debt.monthly_payment), "--policy",
                         "avalanche", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    schedule = build_schedule(debt, STATUS_QUO, start=case.as_of, cap_rate=Rate.annual_percent("24"), horizon=600)
    assert len(data["months"]) == len(schedule.lines)
    for month, line in zip(data["months"], schedule.lines, strict=True):
        assert month["payments"][debt.id] == str(line.payment)
        assert month["balances"][debt.id] == str(line.balance)
        assert month["fees"][debt.id] == str(line.fee)
    assert data["total_interest"] == str(schedule.total_interest)
    assert data["total_fees"] == str(schedule.total_fees)
    assert data["total_paid"] == str(schedule.total_payment)


# ------------------------------------------------------ tables as users write them: commas, titles, fractions


def test_payoff__unquoted_thousands_comma_is_one_line_exit_2(capsys, tmp_path):
    """A minimum of 4,500 typed without quotes is not read as ¥4.00: the row has too many cells, one line, exit 2."""
    path = tmp_path / "debts.csv"
    path.write_text(HEADER + "card,招商,12000,18,500\nloan,借呗,30000,24,4,500\n", encoding="utf-8")
    code, out, err = run(capsys, "payoff", "--debts", str(path), "--monthly", "6000", "--policy", "avalanche",
                         "--start", "2026-01-15")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "第 3 行" in err
    assert "有 6 个字段，但表头只有 5 个" in err
    assert "loan,借呗,30000,24,4,500" in err
    code, _, err = run(capsys, "--lang", "en", "payoff", "--debts", str(path), "--monthly", "6000", "--policy",
                       "avalanche")
    assert code == 2
    assert "row 3: the row has 6 cells but the header has 5 (loan,借呗,30000,24,4,500)" in err
    assert "write 4500, not 4,500" in err


def test_payoff__trailing_empty_cells_are_fine(capsys, tmp_path, debts_csv):
    """Empty cells after the last column do not count as too many cells."""
    path = tmp_path / "trailing.csv"
    path.write_text(HEADER.rstrip("\n") + ",\n" + ROWS.replace("\n", ",,\n"), encoding="utf-8")
    outputs = []
    for file in (path, debts_csv):
        code, out, err = run(capsys, "payoff", "--debts", str(file), "--monthly", "4000", "--policy", "avalanche",
                             "--start", "2026-01-15", "--json")
        assert (code, err) == (0, "")
        outputs.append(json.loads(out))
    assert outputs[0] == outputs[1]


def test_payoff__title_row_above_the_header(capsys, tmp_path, debts_csv):
    """A title row (刘建国债务清单) above the header is skipped, in a CSV and in an .xlsx, and a bad cell is
    located at the file's real row."""
    from openpyxl import Workbook

    titled = tmp_path / "titled.csv"
    titled.write_text("刘建国债务清单,,,,\n" + HEADER + ROWS, encoding="utf-8-sig")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["刘建国债务清单"])
    sheet.append(["编号", "债权人", "余额", "年利率", "最低还款"])
    sheet.append(["card", "招商银行信用卡", 12000, 18, "10%:100"])
    sheet.append(["loan", "借呗", 30000, "24%", 1500])
    sheet.append(["family", "亲戚", 5000, 0, 0])
    xlsx = tmp_path / "titled.xlsx"
    workbook.save(xlsx)
    outputs = []
    for file in (titled, xlsx, debts_csv):
        code, out, err = run(capsys, "payoff", "--debts", str(file), "--monthly", "4000", "--policy", "avalanche",
                             "--start", "2026-01-15", "--json")
        assert (code, err) == (0, "")
        outputs.append(json.loads(out))
    assert outputs[0] == outputs[1] == outputs[2]
    bad = tmp_path / "bad.csv"
    bad.write_text("刘建国债务清单\n" + HEADER + "a,b,100,abc,10\n", encoding="utf-8")
    code, _, err = run(capsys, "payoff", "--debts", str(bad), "--monthly", "100", "--policy", "avalanche")
    assert code == 2
    assert "第 3 行" in err
    assert "年利率" in err


def test_payoff__fraction_rate_warns_and_continues(capsys, tmp_path):
    """A rate written as a fraction (0.18 for 18 %) is used as written but warned about, one line per debt on
    stderr, in Chinese or English; the run still succeeds."""
    path = tmp_path / "debts.csv"
    path.write_text(HEADER + "card,招商,12000,0.18,500\nloan,借呗,30000,0.2395,1500\nfamily,亲戚,5000,0,0\n"
                    "bank,工行,1000,1,100\n", encoding="utf-8")
    code, out, err = run(capsys, "payoff", "--debts", str(path), "--monthly", "4000", "--policy", "avalanche",
                         "--start", "2026-01-15", "--json")
    assert code == 0
    assert json.loads(out)["months_to_debt_free"] is not None
    lines = err.splitlines()
    assert len(lines) == 2
    for line, debt, rate, meant in zip(lines, ("card", "loan"), ("0.18", "0.2395"), ("18", "23.95"), strict=True):
        assert line.startswith(f"planner: [注意] {debt}: ")
        assert f"很低（年利率 {rate}%）" in line
        assert line.endswith(f"如果本意是年利率 {meant}%，请填写 {meant}（利率按百分数填写）。")
    code, out, err = run(capsys, "--lang", "en", "payoff", "--debts", str(path), "--monthly", "4000", "--compare",
                         "--start", "2026-01-15")
    assert code == 0
    assert out
    lines = err.splitlines()
    assert len(lines) == 2
    for line, debt, rate, meant in zip(lines, ("card", "loan"), ("0.18", "0.2395"), ("18", "23.95"), strict=True):
        assert line.startswith(f"planner: [warning] {debt}: ")
        assert f"The annual rate is very low ({rate}% a year)" in line
        assert line.endswith(f"if {meant}% a year was meant, enter {meant} (rates are percentages).")


def test_payoff__compare_shows_what_is_still_owed_and_explains_the_dash(capsys, debts_csv, monkeypatch):
    """When paying only the minimums never finishes (family has no minimum), the comparison shows what each plan
    still owes at the end and says once, under the table, why "interest saved" is "—"."""
    code, out, err = run(capsys, "payoff", "--debts", str(debts_csv), "--monthly", "4000", "--compare",
                         "--start", "2026-01-15")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    owed = next(line for line in lines if line.startswith("剩余未还"))
    assert owed.split()[1:] == ["0.00", "0.00", "0.00", "0.00", "5,000.00"]
    saved = next(line for line in lines if line.startswith("较只还最低节省利息"))
    assert saved.split()[1:] == ["—"] * 5
    notes = [line for line in lines if line.startswith("—")]
    assert notes == ["—：仅还最低还款在 600 个月内还不清，利息无法比较（其利息只算到测算期末，另见剩余未还）"]
    table_end = max(i for i, line in enumerate(lines) if line.startswith("family 还清月份"))
    assert lines[table_end + 1] == notes[0]
    monkeypatch.setenv("COLUMNS", "200")  # the English row labels on one line each
    code, out, _ = run(capsys, "--lang", "en", "payoff", "--debts", str(debts_csv), "--monthly", "4000",
                       "--compare", "--start", "2026-01-15")
    assert code == 0
    assert any(line.startswith("still owed at the end") and line.endswith("5,000.00") for line in out.splitlines())
    assert ("—: paying only the minimums never finishes within 600 months, so interest cannot be compared"
            in out)


def test_payoff__compare_without_dashes_has_no_dash_note(capsys, tmp_path):
    """When every plan finishes, the only "—" is the baseline's own saving, and no note is printed."""
    path = tmp_path / "debts.csv"
    path.write_text(HEADER + "card,招商,12000,18,10%:100\nloan,借呗,30000,24,1500\n", encoding="utf-8")
    code, out, _ = run(capsys, "payoff", "--debts", str(path), "--monthly", "4000", "--compare",
                       "--start", "2026-01-15")
    assert code == 0
    assert not any(line.startswith("—") for line in out.splitlines())
    owed = next(line for line in out.splitlines() if line.startswith("剩余未还"))
    assert owed.split()[1:] == ["0.00"] * 5


def test_payoff__negative_and_zero_amounts_put_the_sign_before_the_yuan_sign(debts_csv):
    """Amounts print "-¥3,000.00" ("-CN¥3,000.00" in English, "-3,000.00" in a table cell), never "¥-3,000.00";
    zero is "¥0.00"."""
    from planner.cli.payoff import format_comparison, format_result, read_payoff_debts
    from planner.engines.payoff import compare_policies, minimums_only

    debts = read_payoff_debts(debts_csv)
    start = date(2026, 1, 15)
    results = compare_policies(debts[:2], monthly_budget="4000", start=start)
    baseline = minimums_only(debts[:2], monthly_budget="4000", start=start)
    assert baseline.months_to_debt_free is not None
    cheap = dataclasses.replace(baseline, total_interest=results[1].total_interest - Decimal("3000.00"))
    zero = dataclasses.replace(results[0], total_interest=Decimal("-0.00"))
    text = format_comparison(debts[:2], [zero, *results[1:]], cheap, lang="en")
    saved = next(line for line in text.splitlines() if line.startswith("interest saved"))
    assert "-3,000.00" in saved
    interest = next(line for line in text.splitlines() if line.startswith("total interest"))
    assert interest.split()[2] == "0.00"
    odd = dataclasses.replace(results[1], total_paid=Decimal("-3000.00"), total_interest=Decimal("-0.00"))
    for lang, sign in (("zh", "-¥3,000.00"), ("en", "-CN¥3,000.00")):
        for output in (format_result(debts[:2], odd, lang=lang), text):
            assert "¥-" not in output
            assert "-0.00" not in output
        assert sign in format_result(debts[:2], odd, lang=lang)


def test_payoff__compare_at_100_columns_shows_every_figure_in_full(capsys, debts_csv, monkeypatch):
    """Without COLUMNS and not on a terminal, the comparison (in either language) shows every column and every
    amount whole: no line is wider than 100 columns and the minimums-only figures are all there."""
    import unicodedata

    monkeypatch.delenv("COLUMNS", raising=False)
    for lang in ("zh", "en"):
        code, out, _ = run(capsys, "--lang", lang, "payoff", "--debts", str(debts_csv), "--monthly", "4000",
                           "--compare", "--start", "2026-01-15")
        assert code == 0
        lines = out.splitlines()
        widths = [sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) for line in lines
                  if not line.startswith(("—", "-"))]
        assert max(widths) <= 100, lang
        for figure in ("10,695.09", "52,695.09", "5,000.00", "5,100.44"):  # the minimums-only path, avalanche
            assert any(line.split()[-1:] == [figure] or f" {figure} " in line for line in lines), (lang, figure)


def test_payoff__without_a_policy_says_to_choose_one_or_compare(capsys, debts_csv):
    """Without --policy (or --compare) the one line names the policies and --compare; exit 2."""
    code, out, err = run(capsys, "payoff", "--debts", str(debts_csv), "--monthly", "4000")
    assert (code, out) == (2, "")
    assert err == ("planner: 还款策略未指定；请加上 --policy pro-rata、avalanche、snowball 或 custom，或用 --compare "
                   "比较全部策略\n")


def test_payoff__the_full_import_table_says_to_import_it_first(capsys, tmp_path):
    """Given the full debts table of planner import as --debts, the line says to import it and plan the case."""
    table = tmp_path / "debts.csv"
    assert main(["template", "-o", str(table)]) == 0
    capsys.readouterr()
    code, _, err = run(capsys, "payoff", "--debts", str(table), "--monthly", "4000", "--compare")
    assert code == 2
    assert f"文件 {table} 是 planner import 用的完整债务表" in err
    assert f"请先导入：planner import {table} -o 案例.json" in err


def test_payoff__extra_months_and_amounts_as_people_write_them(capsys, debts_csv):
    """--extra reads 2026/3, 2026年3月 and amounts such as 5千 or 1.5万; a month without an amount is told the form."""
    from planner.cli.payoff import parse_extra

    assert parse_extra("2026/3:5000") == (2026, 3, Decimal("5000.00"))
    assert parse_extra("2026年3月：5千") == (2026, 3, Decimal("5000.00"))
    assert parse_extra("2026.03:1.5万") == (2026, 3, Decimal("15000.00"))
    code, _, err = run(capsys, "payoff", "--debts", str(debts_csv), "--monthly", "4000", "--policy", "avalanche",
                       "--extra", "2027-06")
    assert code == 2
    assert err == ("planner: 一次性额外还款必须写成 月份:金额（输入为 2027-06）；例如 2027-06:5000（月份也可写 2027/6 或 "
                   "2027年6月）\n")
