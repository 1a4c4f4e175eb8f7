"""The downloads: the same figures as the screen, to the fen, in words people read."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from openpyxl import load_workbook

from planner.engines.plan import plan_case
from planner.io.examples import example_case
from planner.present.exports import MONEY_FORMAT, comparison_csv, schedules_csv, workbook
from planner.text import label, scenario_label


def test_comparison_csv__reconciles_to_the_fen_with_the_plan():
    result = plan_case(example_case())
    rows = list(csv.DictReader(io.StringIO(comparison_csv(result).decode("utf-8-sig"))))
    assert [r[label("scenario")] for r in rows] == [scenario_label(o) for o in result.all]
    for row, outcome in zip(rows, result.all, strict=True):
        assert Decimal(row[label("total_paid")]) == outcome.total_paid
        assert Decimal(row[label("saving")]) == outcome.total_saving
        assert row[label("affordable")] == ("是" if outcome.is_affordable else "否")


def test_schedules_csv__every_line_of_every_schedule():
    result = plan_case(example_case())
    rows = list(csv.reader(io.StringIO(schedules_csv(result, locale="en").decode("utf-8-sig"))))
    lines = sum(len(d.schedule.lines) for o in result.all for d in o.debts)
    assert len(rows) == lines + 1
    assert rows[0][:2] == [label("scenario", "en"), label("debt_id", "en")]


def test_workbook__sheets_in_chinese_money_with_two_decimals():
    result = plan_case(example_case())
    book = load_workbook(io.BytesIO(workbook(result)))
    assert book.sheetnames[:3] == ["方案比较", "上限核对", "还款计划"]
    assert len(book.sheetnames) == 3 + len(result.all)
    audit = book["上限核对"]
    headers = [c.value for c in audit[1]]
    assert all(re.search(r"[\u4e00-\u9fff]", h) for h in headers), headers  # no identifier left as a header
    assert {c.value for c in audit["H"][1:]} <= {"已确认", "待核实（请作为可修改的数据看待）"}
    flow = book[book.sheetnames[4]]
    assert any(str(h).startswith("还款合计：") for h in (c.value for c in flow[1]))
    comparison = book["方案比较"]
    paid_column = [c.value for c in comparison[1]].index(label("total_paid")) + 1
    for row, outcome in enumerate(result.all, start=2):
        cell = comparison.cell(row=row, column=paid_column)
        assert Decimal(str(cell.value)).quantize(Decimal("0.01")) == outcome.total_paid
        assert cell.number_format == MONEY_FORMAT
