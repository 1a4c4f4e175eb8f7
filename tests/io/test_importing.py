"""Tests for planner.io.importing: debts from CSV (UTF-8, BOM, GB18030) and .xlsx, with per-row errors."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from planner.domain.model import Budget, CreditorKind
from planner.errors import InvalidInput
from planner.io.examples import example_case
from planner.io.importing import (
    COLUMNS_ZH,
    REQUIRED,
    column_for,
    import_debts,
    parse_kind,
    replace_debts,
    write_debts_template,
)
from planner.io.tabular import SAMPLE_MARK
from planner.rates import Rate

DATA = Path(__file__).parent.parent / "data"

ENGLISH_HEADER = (
    "id,creditor,kind,contract_date,original_principal,outstanding_principal,accrued_interest,penalty_interest,"
    "liquidated_damages,other_fees,contract_rate,penalty_rate,fee_rate,overdue_since,monthly_payment,account_number"
)
GOOD_ROW = "card,招商银行信用卡中心,credit-card,2018-07-16,40000,38600.00,7862.40,0,1158,0,18.25,,,2025-10-05,4200,4417"


def write(tmp_path, text: str, *, encoding: str = "utf-8", name: str = "debts.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def codes(result) -> list[tuple[str, str, str]]:
    return [(e.where, e.field, e.code) for e in result.errors]


def test_import_debts__utf8_with_english_identifiers(tmp_path):
    """A UTF-8 CSV with English column identifiers gives exact debts."""
    result = import_debts(write(tmp_path, f"{ENGLISH_HEADER}\n{GOOD_ROW}\n"))
    assert result.ok
    (debt,) = result.debts
    assert debt.id == "card"
    assert debt.kind is CreditorKind.CREDIT_CARD
    assert debt.outstanding_principal == Decimal("38600.00")
    assert debt.balance == Decimal("47620.40")
    assert debt.contract_rate == Rate.annual_percent("18.25")
    assert debt.penalty_rate is None
    assert debt.overdue_since == date(2025, 10, 5)
    assert debt.account_number == "4417"


def test_import_debts__utf8_bom_with_chinese_headers(tmp_path):
    """A UTF-8 CSV with a byte-order mark (as Excel saves 'CSV UTF-8') and Chinese headers imports."""
    header = ",".join(COLUMNS_ZH.values())
    row = "网贷1,融易借,网贷平台,2024-08-10,30000,11612.32,231.28,3960.50,600,2100,23.9,35.85,12,2025-12-10,1884.64,"
    result = import_debts(write(tmp_path, f"{header}\n{row}\n", encoding="utf-8-sig"))
    assert result.ok, result.errors
    (debt,) = result.debts
    assert debt.kind is CreditorKind.ONLINE_PLATFORM
    assert debt.cost_rate_percent == Decimal("35.9")
    assert debt.other_fees == Decimal("2100.00")


def test_import_debts__gb18030_fixture():
    """The GB18030 fixture (as Chinese Excel saves CSV) imports with Chinese kinds, 2018/7/16 and 2025年10月5日 dates."""
    path = DATA / "debts_gb18030.csv"
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    result = import_debts(path)
    assert result.ok, result.errors
    card, finance, private = result.debts
    assert (card.kind, finance.kind, private.kind) == (
        CreditorKind.CREDIT_CARD,
        CreditorKind.CONSUMER_FINANCE,
        CreditorKind.PRIVATE,
    )
    assert card.contract_date == date(2018, 7, 16)
    assert card.overdue_since == date(2025, 10, 5)
    assert card.original_principal == Decimal("40000.00")
    assert finance.penalty_rate == Rate.annual_percent("27")
    assert private.creditor == "李某（个人出借人）"
    assert private.penalty_interest == 0


def test_import_debts__xlsx_with_numbers_and_dates(tmp_path):
    """An .xlsx workbook with numeric and date cells, headers with units, imports exactly."""
    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "债权人", "类型", "合同日期", "剩余本金（元）", "年利率(%)", "逾期起始日", "月供", "备注"])
    excel_date = datetime(2024, 9, 15)  # noqa: DTZ001 (Excel date cells have no time zone)
    sheet.append(["cf", "安和消费金融有限公司", "消费金融公司", excel_date, 33659.37, 18, date(2025, 11, 15), 1807.62,
                  "电话催收"])
    sheet.append([7, "李某", "private", "2022-05-01", 30000, "24%", None, 600, None])
    path = tmp_path / "债务.xlsx"
    book.save(path)
    result = import_debts(path)
    assert result.ok, result.errors
    cf, private = result.debts
    assert cf.contract_date == date(2024, 9, 15)
    assert cf.outstanding_principal == Decimal("33659.37")
    assert cf.original_principal == cf.outstanding_principal
    assert cf.monthly_payment == Decimal("1807.62")
    assert private.id == "7"
    assert private.contract_rate == Rate.annual_percent("24")
    assert private.overdue_since is None
    assert result.ignored_columns == ("备注",)


def test_import_debts__every_bad_row_reported_and_good_rows_kept(tmp_path):
    """Bad rows are each reported with their row number and every bad cell; good rows are still returned."""
    rows = [
        GOOD_ROW,  # row 2
        "b,银行,credit-card,2020-01-01,1000,abc,0,0,0,0,18,,,,100,",  # row 3: text in a number field
        "c,银行,loan-shark,2020-13-01,1000,NaN,0,0,0,0,-5,,,,100,",  # row 4: three bad cells and a bad rate
        "card,银行,bank-loan,2020-01-01,1000,1000,0,0,0,0,5,,,,100,",  # row 5: repeated id
        "e,银行,bank-loan,2020-01-01,1000,1000,0,0,0,0,5,,,2019-06-01,100,",  # row 6: overdue before contract
        "f,银行,bank-loan,2020-01-01,1000,1000,0,0,0,0,5,,,,1000000000000.01,",  # row 7: huge
        "g,银行,bank-loan,2020-01-01,0,500,0,0,0,0,5,,,,-1,",  # row 8: zero principal lent, negative payment
        ",,,,,,,,,,,,,,,x",  # row 9: only an account number: required cells missing
        "h,工商银行,bank-loan,2023-03-01,200000,150000.5,0,0,0,0,4.35,,,,2000,",  # row 10: good
    ]
    result = import_debts(write(tmp_path, ENGLISH_HEADER + "\n" + "\n".join(rows) + "\n"))
    assert [d.id for d in result.debts] == ["card", "h"]
    found = codes(result)
    assert ("row 3", "outstanding_principal", "not_a_number") in found
    assert {c for c in found if c[0] == "row 4"} == {
        ("row 4", "kind", "unknown_choice"),
        ("row 4", "contract_date", "bad_date"),
        ("row 4", "outstanding_principal", "not_finite"),
        ("row 4", "contract_rate", "negative"),
    }
    assert ("row 5", "id", "duplicate") in found
    assert ("row 6", "overdue_since", "date_order") in found
    assert ("row 7", "monthly_payment", "too_large") in found
    assert ("row 8", "monthly_payment", "negative") in found
    assert {c[1] for c in found if c[0] == "row 9"} == {"id", "creditor", "kind", "contract_date",
                                                        "outstanding_principal", "contract_rate", "monthly_payment"}
    reported_rows = {e.where for e in result.errors}
    assert reported_rows == {f"row {n}" for n in range(3, 10)}
    message = next(e for e in result.errors if e.where == "row 3").message_zh()
    assert message.startswith("第 3 行：剩余本金必须是数字")
    assert "abc" in message


def test_import_debts__zero_principal_row_is_reported(tmp_path):
    """A row whose principal lent is 0 is reported as not_positive rather than dropped."""
    row = "g,银行,bank-loan,2020-01-01,0,500,0,0,0,0,5,,,,10,"
    result = import_debts(write(tmp_path, f"{ENGLISH_HEADER}\n{row}\n"))
    assert codes(result) == [("row 2", "original_principal", "not_positive")]
    assert result.debts == ()


def test_import_debts__missing_required_columns(tmp_path):
    """A table without required columns gives one missing_column error per column and no debts."""
    result = import_debts(write(tmp_path, "编号,债权人,剩余本金\na,银行,100\n"))
    assert result.debts == ()
    missing = {e.field for e in result.errors}
    assert missing == set(REQUIRED) - {"id", "creditor", "outstanding_principal"}
    err = result.errors[0]
    assert err.code == "missing_column"
    assert err.where == "row 1"
    assert (err.params["column"], err.value) == ("类型 / kind", None)
    assert "月供（元） (monthly_payment)" in err.message_en()


def test_import_debts__same_column_twice(tmp_path):
    """A column given twice (as 编号 and id) is reported, not silently overwritten."""
    text = ENGLISH_HEADER.replace("account_number", "编号") + "\n" + GOOD_ROW + "\n"
    result = import_debts(write(tmp_path, text))
    assert codes(result) == [("row 1", "id", "duplicate")]


def test_import_debts__file_problems_raise(tmp_path):
    """A missing, empty or undecodable file raises bad_file."""
    for path in (tmp_path / "missing.csv", write(tmp_path, "", name="empty.csv")):
        with pytest.raises(InvalidInput) as info:
            import_debts(path)
        assert info.value.code == "bad_file"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(InvalidInput) as info:
        import_debts(broken)
    assert info.value.code == "bad_file"


def test_write_debts_template__chinese_header_and_an_example_row_that_imports(tmp_path):
    """The template has the Chinese header, a BOM for Excel, and one example row that imports cleanly once its
    sample mark is removed (left in place, it is refused: see the sample-row tests)."""
    path = write_debts_template(tmp_path / "模板.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].split(",") == list(COLUMNS_ZH.values())
    assert len(lines) == 2
    assert SAMPLE_MARK in lines[1]
    edited = write(tmp_path, raw.decode("utf-8-sig").replace(f"（{SAMPLE_MARK}）", ""), encoding="utf-8-sig",
                   name="填好的.csv")
    result = import_debts(edited)
    assert result.ok
    assert result.debts[0].kind is CreditorKind.CREDIT_CARD


@pytest.mark.parametrize(
    ("header", "field"),
    [("剩余本金（元）", "outstanding_principal"), (" Monthly_Payment ", "monthly_payment"), ("年利率(%)", "contract_rate"),
     ("最低还款", "monthly_payment"), ("contract-date", "contract_date"), ("备注", None)],
)
def test_column_for__headers_with_units_case_and_aliases(header, field):
    """Headers match ignoring units in brackets, case, spaces and hyphens; unknown headers give None."""
    assert column_for(header) == field


@pytest.mark.parametrize(
    ("text", "kind"),
    [("credit-card", CreditorKind.CREDIT_CARD), ("Credit_Card", CreditorKind.CREDIT_CARD),
     ("小额贷款公司", CreditorKind.MICROLOAN), ("网贷", CreditorKind.ONLINE_PLATFORM), ("民间借贷", CreditorKind.PRIVATE)],
)
def test_parse_kind__identifiers_and_chinese_names(text, kind):
    """Kinds are read from identifiers and from Chinese names."""
    assert parse_kind(text) is kind


def test_parse_kind__unknown_lists_both_spellings():
    """An unknown kind lists every identifier with its Chinese name."""
    with pytest.raises(InvalidInput) as info:
        parse_kind("高利贷")
    assert "private (民间借贷)" in info.value.message_zh()


# --- file problems are bad_file with a reason, never a traceback -----------------------------------------------


def test_import_debts__a_folder_is_bad_file(tmp_path):
    """A folder given as the debts file is bad_file (is_folder: "a folder, not a file"), not IsADirectoryError."""
    with pytest.raises(InvalidInput) as info:
        import_debts(tmp_path)
    assert (info.value.field, info.value.code) == ("file", "bad_file")
    assert info.value.params["reason"] == "is_folder"
    assert "it is a folder, not a file" in info.value.message_en()


def test_import_debts__csv_cell_over_the_csv_field_limit_is_bad_file(tmp_path):
    """A CSV cell longer than 131,072 characters is bad_file naming the field limit, not _csv.Error."""
    path = write(tmp_path, ENGLISH_HEADER + "\n" + GOOD_ROW.replace("4417", "x" * 140_000) + "\n")
    with pytest.raises(InvalidInput) as info:
        import_debts(path)
    assert info.value.code == "bad_file"
    assert info.value.params["reason"] == "csv_unreadable"
    assert "field limit" in info.value.params["detail"]


def test_import_debts__truncated_sheet_xml_is_bad_file(tmp_path):
    """An .xlsx whose sheet XML is cut short (the workbook opens, the rows do not parse) is bad_file."""
    import zipfile

    book = Workbook()
    book.active.append(["编号", "债权人"])
    for i in range(50):
        book.active.append([f"d{i}", "某银行"])
    whole = tmp_path / "whole.xlsx"
    book.save(whole)
    cut = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(cut, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    with pytest.raises(InvalidInput) as info:
        import_debts(cut)
    assert info.value.code == "bad_file"
    assert "damaged" in info.value.params["reason"]


# --- Excel percent cells ---------------------------------------------------------------------------------------


def _percent_workbook(tmp_path, rate_cells, *, name="债务.xlsx"):
    """Write a two-debt workbook whose 年利率 cells are ``(value, number_format)`` pairs."""
    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "债权人", "类型", "合同日期", "剩余本金", "年利率", "月供"])
    rows = [("card", "某银行信用卡中心", "信用卡", "2023-01-01", 20000, 1000),
            ("loan", "某消费金融公司", "消费金融公司", "2023-06-01", 20000, 1000)]
    for number, (row, (value, number_format)) in enumerate(zip(rows, rate_cells, strict=True), start=2):
        sheet.append([*row[:5], value, row[5]])
        sheet.cell(row=number, column=6).number_format = number_format
    path = tmp_path / name
    book.save(path)
    return path


def test_import_debts__percent_formatted_rate_cells_are_read_as_shown(tmp_path):
    """A rate typed as 18.25% in Excel (stored 0.1825, format 0.00%) is 18.25 % a year, not 0.1825 %."""
    path = _percent_workbook(tmp_path, [(0.1825, "0.00%"), (0.072, "0%")])
    result = import_debts(path)
    assert result.ok, result.errors
    card, loan = result.debts
    assert card.contract_rate == Rate.annual_percent("18.25")
    assert loan.contract_rate == Rate.annual_percent("7.2")


def test_import_debts__percent_conversion_is_exact(tmp_path):
    """The fraction is scaled by 100 exactly from its shortest spelling (0.153 → "15.3", not 15.299999…)."""
    path = _percent_workbook(tmp_path, [(0.153, "0.0%"), (0.0001, "0.00%;[Red]-0.00%")])
    card, loan = import_debts(path).debts
    assert card.contract_rate.percent_per_year == Decimal("15.3")
    assert loan.contract_rate.percent_per_year == Decimal("0.01")


def test_import_debts__literal_percent_signs_do_not_scale(tmp_path):
    """A quoted or escaped % in a format is printed as is: 18.25 shown as "18.25%" stays 18.25."""
    path = _percent_workbook(tmp_path, [(18.25, '0.00"%"'), (7.2, "0.0\\%")])
    card, loan = import_debts(path).debts
    assert (card.contract_rate.percent_per_year, loan.contract_rate.percent_per_year) == (Decimal("18.25"),
                                                                                         Decimal("7.2"))


def test_read_table__percent_cells_keep_their_sign(tmp_path):
    """read_table gives a percent-formatted cell as the text Excel shows, with its % sign ("18.25%")."""
    from planner.io.tabular import read_table

    _, rows = read_table(_percent_workbook(tmp_path, [(0.1825, "0.00%"), (5, "0%")]))
    assert [row.cells["年利率"] for row in rows] == ["18.25%", "500%"]


def _payoff_json(path, capsys) -> dict:
    import json

    from planner.cli import main

    args = ["payoff", "--debts", str(path), "--monthly", "3000", "--policy", "avalanche", "--json",
            "--start", "2026-01-15"]
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


def test_payoff_cli__percent_cells_give_the_same_plan_as_typed_rates(tmp_path, capsys):
    """planner payoff on a workbook with 0.00% rate cells prints the same JSON as the CSV with 18.25 and 7.2,
    and a minimum payment formatted 0% (0.1) is 10 % of the balance, as a typed "10%" is."""
    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "债权人", "余额", "年利率", "最低还款"])
    sheet.append(["card", "某银行信用卡中心", 20000, 0.1825, 0.1])
    sheet.append(["loan", "某消费金融公司", 20000, 0.072, 800])
    for cell, number_format in (("D2", "0.00%"), ("D3", "0.00%"), ("E2", "0%")):
        sheet[cell].number_format = number_format
    xlsx = tmp_path / "debts.xlsx"
    book.save(xlsx)
    csv_path = write(tmp_path, "编号,债权人,余额,年利率,最低还款\n"
                               "card,某银行信用卡中心,20000,18.25,10%\n"
                               "loan,某消费金融公司,20000,7.2,800\n")
    from_excel = _payoff_json(xlsx, capsys)
    from_csv = _payoff_json(csv_path, capsys)
    assert from_excel == from_csv
    assert Decimal(from_excel["total_interest"]) > 1000  # 18.25 % and 7.2 %, not 0.1825 % and 0.072 %


# --- rows with too many cells (an unquoted thousands comma), and title rows above the header -----------------


def test_import_debts__unquoted_thousands_comma_is_that_rows_error(tmp_path):
    """A row whose monthly payment is typed 4,500 without quotes has 17 cells under a 16-column header: it is one
    too_many_cells error on that row (not ¥4.00 and an account "500"), and the other rows are still checked."""
    rows = [
        GOOD_ROW,  # row 2
        "x,银行,credit-card,2020-01-01,1000,1000,0,0,0,0,18,,,2025-09-05,4,500,卡号尾号 8821",  # row 3
        "b,银行,credit-card,2020-01-01,1000,abc,0,0,0,0,18,,,,100,",  # row 4: still checked
        "h,工商银行,bank-loan,2023-03-01,200000,150000.5,0,0,0,0,4.35,,,,2000,",  # row 5: good
    ]
    result = import_debts(write(tmp_path, ENGLISH_HEADER + "\n" + "\n".join(rows) + "\n"))
    assert [d.id for d in result.debts] == ["card", "h"]
    assert codes(result) == [("row 3", "file", "too_many_cells"), ("row 4", "outstanding_principal", "not_a_number")]
    err = result.errors[0]
    assert err.params == {"count": 17, "high": 16}
    assert "4,500,卡号尾号 8821" in err.value
    assert len(err.value) <= 80
    assert err.message_zh().startswith("第 3 行：该行有 17 个字段，但表头只有 16 个（x,银行,")
    assert "4500" in err.message_zh()
    assert "has 17 cells but the header has 16" in err.message_en()


def test_import_debts__an_earlier_comma_does_not_blame_a_later_column(tmp_path):
    """With the comma in the principal (40,000), the row is reported as having too many cells, not as a bad
    rate or date in the columns the cells shifted into."""
    row = GOOD_ROW.replace(",40000,", ",40,000,")
    result = import_debts(write(tmp_path, f"{ENGLISH_HEADER}\n{row}\n"))
    assert codes(result) == [("row 2", "file", "too_many_cells")]
    assert result.debts == ()


def test_import_debts__trailing_empty_cells_are_fine(tmp_path):
    """Empty cells after the last column (Excel often writes them) are not too many cells."""
    result = import_debts(write(tmp_path, f"{ENGLISH_HEADER},,\n{GOOD_ROW},,,\n"))
    assert result.ok, result.errors
    assert result.debts[0].monthly_payment == Decimal("4200.00")


def test_import_debts__quoted_thousands_comma_is_one_cell(tmp_path):
    """A quoted "4,200" is one cell: not too many cells."""
    row = GOOD_ROW.replace(",4200,", ',"4,200",')
    result = import_debts(write(tmp_path, f"{ENGLISH_HEADER}\n{row}\n"))
    assert not any(e.code == "too_many_cells" for e in result.errors)


def test_import_debts__title_row_above_the_header_csv(tmp_path):
    """A first row holding only a title (刘建国债务清单) is skipped: the header is the next row, and rows keep the
    file's numbering (the first data row is row 3)."""
    header = ",".join(COLUMNS_ZH.values())
    bad = GOOD_ROW.replace("card,", "b,", 1).replace("38600.00", "abc")
    text = f"刘建国债务清单,,,,\n{header}\n{GOOD_ROW}\n{bad}\n"
    result = import_debts(write(tmp_path, text, encoding="utf-8-sig"))
    assert [d.id for d in result.debts] == ["card"]
    assert codes(result) == [("row 4", "outstanding_principal", "not_a_number")]


def test_import_debts__title_row_header_problems_name_the_header_row(tmp_path):
    """With a title on row 1, a missing column is reported at row 2, where the header is."""
    result = import_debts(write(tmp_path, "刘建国债务清单\n编号,债权人,剩余本金\na,银行,100\n"))
    assert {e.where for e in result.errors} == {"row 2"}
    assert {e.code for e in result.errors} == {"missing_column"}


def test_import_debts__blank_rows_before_the_header_keep_row_numbers(tmp_path):
    """Blank rows before the header count: the header on row 3 makes the first data row row 4."""
    bad = GOOD_ROW.replace("38600.00", "abc")
    result = import_debts(write(tmp_path, f",,\n\n{ENGLISH_HEADER}\n{bad}\n"))
    assert codes(result) == [("row 4", "outstanding_principal", "not_a_number")]


def test_import_debts__title_row_above_the_header_xlsx(tmp_path):
    """An .xlsx with a title in A1, a blank row 2 and the header on row 3 imports; rows count from the sheet."""
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "刘建国债务清单（2026 年 1 月）"
    sheet.append([])
    sheet.append(["编号", "债权人", "类型", "合同日期", "剩余本金", "年利率", "月供"])
    sheet.append(["card", "某银行信用卡中心", "信用卡", "2023-01-01", 20000, 18, 1000])
    sheet.append(["loan", "某消费金融公司", "消费金融公司", "2023-06-01", "abc", 24, 1000])
    path = tmp_path / "债务.xlsx"
    book.save(path)
    result = import_debts(path)
    assert [d.id for d in result.debts] == ["card"]
    assert codes(result) == [("row 5", "outstanding_principal", "not_a_number")]
    from planner.io.tabular import read_sheet

    table = read_sheet(path)
    assert (table.title, table.header_row) == ("刘建国债务清单（2026 年 1 月）", 3)


def test_read_sheet__one_column_table_has_no_title(tmp_path):
    """A single-column table (one cell per row) keeps its first row as the header."""
    from planner.io.tabular import read_sheet

    table = read_sheet(write(tmp_path, "编号\na\nb\n"))
    assert (table.header, table.header_row, table.title) == (("编号",), 1, None)
    assert [r.cells for r in table.rows] == [{"编号": "a"}, {"编号": "b"}]


def test_read_sheet__xlsx_cells_beyond_the_header_are_not_too_many(tmp_path):
    """Excel cells cannot shift, so a note in a column without a header is left out, not an error."""
    from planner.io.tabular import read_sheet

    book = Workbook()
    book.active.append(["编号", "余额"])
    book.active.append(["a", 1, "备注：已协商"])
    path = tmp_path / "t.xlsx"
    book.save(path)
    (row,) = read_sheet(path).rows
    assert row.problem is None
    assert row.cells == {"编号": "a", "余额": "1"}


# --- the template's sample row, semicolon CSVs, debts on another sheet ----------------------------------------


def test_import_debts__template_sample_row_is_refused_naming_the_mark(tmp_path):
    """The template's sample row, left in place, is one sample_row error at row 2 naming the mark; nothing is read."""
    result = import_debts(write_debts_template(tmp_path / "模板.csv"))
    assert result.debts == ()
    assert codes(result) == [("row 2", "file", "sample_row")]
    err = result.errors[0]
    assert (err.value, err.params) == (None, {"mark": SAMPLE_MARK})
    assert err.message_zh() == ("第 2 行：该行是模板中的示例行（虚构数据）；请删除这一行，或改成您自己的债务并删去编号中的"
                                f"“{SAMPLE_MARK}”")
    assert f"remove '{SAMPLE_MARK}' from its id" in err.message_en()


def test_import_debts__edited_template_row_without_the_mark_imports(tmp_path):
    """The sample row with its own figures and the mark removed from its id imports as that debt."""
    path = write_debts_template(tmp_path / "模板.csv")
    text = path.read_text(encoding="utf-8-sig")
    text = text.replace(f"cmb-card（{SAMPLE_MARK}）", "my-card").replace("38600.00", "21000.00")
    result = import_debts(write(tmp_path, text, encoding="utf-8-sig", name="填好的.csv"))
    assert result.ok, result.errors
    (debt,) = result.debts
    assert (debt.id, debt.kind) == ("my-card", CreditorKind.CREDIT_CARD)
    assert debt.outstanding_principal == Decimal("21000.00")
    assert debt.contract_rate.percent_per_year == Decimal("18.25")  # 日万分之五


def test_import_debts__semicolon_separated_csv_is_bad_file_saying_so(tmp_path):
    """A CSV whose cells are separated by semicolons is bad_file with the reason semicolon_csv."""
    header = ENGLISH_HEADER.replace(",", ";")
    path = write(tmp_path, f"{header}\n{GOOD_ROW.replace(',', ';')}\n")
    with pytest.raises(InvalidInput) as info:
        import_debts(path)
    err = info.value
    assert (err.field, err.code) == ("file", "bad_file")
    assert err.params == {"reason": "semicolon_csv"}
    assert "separated by semicolons" in err.message_en()
    assert "分号" in err.message_zh()


def test_import_debts__semicolon_csv_with_commas_in_amounts_is_still_recognised(tmp_path):
    """Semicolons between cells are recognised even when amounts are written with thousands commas (Excel in a
    locale that separates with ";" quotes nothing); a comma CSV with ";" inside a cell is read normally."""
    header = ENGLISH_HEADER.replace(",", ";")
    row = GOOD_ROW.replace(",", ";").replace("38600.00", "38,600.00")
    with pytest.raises(InvalidInput) as info:
        import_debts(write(tmp_path, f"{header}\n{row}\n{row}\n"))
    assert info.value.params == {"reason": "semicolon_csv"}
    noted = GOOD_ROW.replace(GOOD_ROW.split(",")[1], '"某银行;分行;柜台"', 1)
    result = import_debts(write(tmp_path, f"{ENGLISH_HEADER}\n{noted}\n"))
    assert not result.errors
    assert result.debts[0].creditor == "某银行;分行;柜台"


def test_import_debts__xlsx_debts_on_the_second_sheet_are_read_from_it(tmp_path):
    """A workbook whose first sheet is a note and whose debts are on the second sheet is read from the second,
    and the result names both sheets."""
    book = Workbook()
    note = book.active
    note.title = "说明"
    note.append(["本文件列出刘建国的全部债务"])
    note.append(["债务见下一个工作表"])
    sheet = book.create_sheet("债务")
    sheet.append(["编号", "债权人", "类型", "合同日期", "剩余本金（元）", "年利率（%）", "月供（元）"])
    sheet.append(["card", "某银行信用卡中心", "信用卡", "2023-01-01", 20000, "日万分之五", 1000])
    sheet.append(["loan", "某消费金融公司", "消费金融公司", "2023-06-01", 15000.5, 24, 800])
    path = tmp_path / "债务.xlsx"
    book.save(path)
    result = import_debts(path)
    assert result.ok, result.errors
    assert (result.sheet, result.first_sheet) == ("债务", "说明")
    card, loan = result.debts
    assert card.contract_rate.percent_per_year == Decimal("18.25")
    assert loan.outstanding_principal == Decimal("15000.50")


def test_import_debts__xlsx_debts_on_the_first_sheet_name_no_other(tmp_path):
    """When the debts are on the first sheet, ImportResult.sheet names it and first_sheet is None."""
    book = Workbook()
    book.active.title = "债务"
    book.active.append(["编号", "债权人", "类型", "合同日期", "剩余本金", "年利率", "月供"])
    book.active.append(["card", "某银行信用卡中心", "信用卡", "2023-01-01", 20000, 18, 1000])
    book.create_sheet("备注").append(["编号", "剩余本金"])
    path = tmp_path / "债务.xlsx"
    book.save(path)
    result = import_debts(path)
    assert [d.id for d in result.debts] == ["card"]
    assert (result.sheet, result.first_sheet) == ("债务", None)


# --- replacing a case's debts ----------------------------------------------------------------------------------


def test_replace_debts__keeps_scenarios_budget_and_notes():
    """New debts with the same ids replace the old ones; the scenarios, budget, notes and borrower are kept."""
    case = example_case()
    debts = tuple(d.with_(outstanding_principal=d.outstanding_principal + 1) for d in case.debts)
    replaced = replace_debts(case, debts)
    assert replaced.debts == debts
    assert replaced.debts[0].outstanding_principal == Decimal("38601.00")
    assert replaced.scenarios == case.scenarios
    assert (replaced.budget, replaced.notes, replaced.borrower, replaced.as_of) == (case.budget, case.notes,
                                                                                  case.borrower, case.as_of)
    budget = Budget(reserve="500")
    assert replace_debts(case, debts, budget=budget, as_of="2026-12-01").budget == budget


def test_replace_debts__a_debt_a_scenario_plans_for_is_needed():
    """Leaving out a debt that scenarios have plans for is plans_need_debts listing it; nothing is lost silently."""
    case = example_case()
    with pytest.raises(InvalidInput) as info:
        replace_debts(case, case.debts[1:])
    err = info.value
    assert (err.field, err.code, err.value) == ("scenarios", "plans_need_debts", None)
    assert err.params == {"choices": "cmb-card"}
    assert "cmb-card" in err.message_zh()
    with pytest.raises(InvalidInput) as info:
        replace_debts(case, case.debts[2:4])
    assert info.value.params == {"choices": "citic-card, cmb-card, private-loan"}
