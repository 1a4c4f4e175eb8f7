"""Tests for planner.io.tabular's shared pieces: Columns, read_rows, write_template, and Excel date-time cells."""

from datetime import datetime

from openpyxl import Workbook

from planner.errors import InvalidInput
from planner.io.tabular import SAMPLE_MARK, Columns, Row, read_rows, read_sheet, write_template

COLUMNS = Columns({"id": "编号", "amount": "金额（元）", "note": "备注"}, {"说明": "note"}, ("id", "amount"))


def test_columns__map_header_finds_either_spelling_and_reports_problems():
    """Headers map by identifier, Chinese header (brackets ignored) or alias; a repeat is a duplicate, a missing
    required column is named; an unknown header is ignored, or with unknown_is_error named with the known ones."""
    found, errors, ignored = COLUMNS.map_header(["ID", "金额", "说明", "心情"], header_row=3)
    assert found == {"id": "ID", "amount": "金额", "note": "说明"}
    assert (errors, ignored) == ([], ("心情",))
    found, errors, _ = COLUMNS.map_header(["编号", "备注", "note", "心情"], unknown_is_error=True)
    assert [(e.field, e.code, e.value, e.where) for e in errors] == [
        ("note", "duplicate", "note", "row 1"), ("file", "unknown_column", "心情", "row 1"),
        ("amount", "missing_column", None, "row 1")]
    assert errors[1].message("zh") == ("第 1 行：表头中的“心情”不是本表的列；请改成以下列名之一，或删去这一列：编号 (id), "
                                       "金额（元） (amount), 备注 (note)")
    assert errors[1].message("en") == ("row 1: the header '心情' is not a column of this table; rename it to one of "
                                       "these columns, or delete it: 编号 (id), 金额（元） (amount), 备注 (note)")


def test_read_rows__items_with_their_rows_and_every_problem_located():
    """read_rows builds an item per good row with its number, reports a row's own problem unread, and locates the
    problems build returns at their row."""
    shifted = InvalidInput("file", "too_many_cells", "a,b,c", params={"count": 3, "high": 2}, where="row 3")
    rows = [Row(2, {"ID": "a", "金额": "5"}), Row(3, {}, shifted), Row(4, {"ID": "b", "金额": "x"})]
    seen = []

    def build(number, cells):
        seen.append((number, cells))
        if not cells["amount"].isdigit():
            return None, [InvalidInput("amount", "not_a_number", cells["amount"])]
        return (cells["id"], int(cells["amount"])), []

    items, errors = read_rows(rows, {"id": "ID", "amount": "金额"}, build)
    assert items == [(2, ("a", 5))]
    assert [(e.where, e.code) for e in errors] == [("row 3", "too_many_cells"), ("row 4", "not_a_number")]
    assert [number for number, _ in seen] == [2, 4]


def test_write_template__csv_with_bom_and_xlsx_of_text_cells(tmp_path):
    """The template is a UTF-8 CSV with a BOM, or a workbook whose cells are text; its sample row is refused."""
    csv_path = write_template(tmp_path / "t.csv", ["编号", "金额"], [f"x（{SAMPLE_MARK}）", "5"], sheet="表", example="t.csv")
    assert csv_path.read_bytes().startswith("\ufeff编号,金额\r\n".encode())
    xlsx_path = write_template(tmp_path / "t.xlsx", ["编号", "金额"], [f"x（{SAMPLE_MARK}）", "5"], sheet="表",
                               example="t.csv")
    table = read_sheet(xlsx_path)
    assert (table.header, table.sheet) == (("编号", "金额"), "表")
    assert table.rows[0].problem is not None
    assert table.rows[0].problem.code == "sample_row"


def test_read_sheet__an_excel_date_time_cell_keeps_its_time(tmp_path):
    """A cell Excel holds as a date and time reads as "2026-11-20 22:30"; one at midnight as the date alone."""
    book = Workbook()
    sheet = book.active
    sheet.append(["时间", "日期"])
    sheet.append([datetime(2026, 11, 20, 22, 30), datetime(2024, 9, 15)])  # noqa: DTZ001 - Excel cells are naive
    path = tmp_path / "t.xlsx"
    book.save(path)
    row, = read_sheet(path).rows
    assert row.cells == {"时间": "2026-11-20 22:30", "日期": "2024-09-15"}
