"""比较 Compare and 还款策略 Payoff tabs, and the header: language, undo/redo, path, Save as, Open."""

from __future__ import annotations

import base64
import csv
import io
import re
from decimal import Decimal

from openpyxl import load_workbook
from ui.uitools import CJK, find, show_tab, strip, summary, table_rows, type_into

from planner.domain import edits
from planner.io.casefile import load_case, write_case
from planner.present.tables import COMPARISON_COLUMNS
from planner.text import app_label, app_text, label, scenario_label
from planner.ui.summary import column_label

FIRST = "全部停息分期60期"
PNG = b"\x89PNG"


def compare(app):
    return show_tab(app, "compare")


def names(app):
    return [s.name for s in app.case.scenarios]


def test_create_rename_duplicate_delete_scenarios(app, case_path):
    original = names(app)
    tab = compare(app)
    tab.new_name.value = "方案A"
    find(tab, "planner-create-scenario").click()
    assert names(app)[-1] == "方案A"
    assert app.selected_scenario == "方案A"
    assert "方案A" in summary(app)
    tab = compare(app)
    assert tab.chooser.value == "方案A"
    tab.new_name.value = "方案B"
    find(tab, "planner-rename-scenario").click()
    assert "方案B" in names(app)
    assert "方案A" not in names(app)
    assert "方案B" in summary(app)
    assert "方案A" not in summary(app)
    find(compare(app), "planner-duplicate-scenario").click()
    assert len(names(app)) == 5
    copy = app.case.scenarios[-1]
    assert copy.plans == app.case.scenario("方案B").plans
    assert app.selected_scenario == copy.name
    find(compare(app), "planner-delete-scenario").click()
    assert names(app) == [*original, "方案B"]
    assert [s.name for s in load_case(case_path).scenarios] == names(app)


def test_compare_chooser_selects_scenario(app):
    compare(app).chooser.value = "部分一次性结清"
    assert app.selected_scenario == "部分一次性结清"
    rows = table_rows(compare(app).table.value)
    assert rows[0] == [column_label(c, "zh") for c in COMPARISON_COLUMNS]
    assert rows[0][-1] == "最高月供占可支配收入"  # the cells carry the %, so the header does not
    assert [r[0] for r in rows[1:]] == list(summary(app))


def test_chart_toggle_draws_each_chart(app):
    tab = compare(app)
    pictures = {"payments": bytes(tab.chart.value)}
    for name in ("balances", "total_cost"):
        tab.chart_choice.value = name
        pictures[name] = bytes(tab.chart.value)
    assert all(p.startswith(PNG) for p in pictures.values())
    assert len(set(pictures.values())) == 3


def test_schedule_choosers(app):
    tab = compare(app)
    tab.schedule_of.value = FIRST
    tab.schedule_debt.value = "cmb-card"
    rows = table_rows(tab.schedule.value)
    assert rows[0][0] == label("period", "zh")
    assert len(rows) - 1 == 60
    expected = app.result.outcome(FIRST).debt("cmb-card").schedule.lines
    assert rows[1][2] == f"¥{expected[0].payment:,}"
    tab.schedule_debt.value = "private-loan"
    rows = table_rows(tab.schedule.value)
    assert len(rows) - 1 == len(app.result.outcome(FIRST).debt("private-loan").schedule.lines)


def decode(link_html: str) -> dict[str, bytes]:
    links = re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', link_html)
    return {name: base64.b64decode(data) for name, data in links}


def test_export_downloads(app):
    tab = compare(app)
    assert tab.downloads.value == ""
    find(tab, "planner-export").click()
    files = decode(tab.downloads.value)
    # named for the client and the date, so two clients' downloads never overwrite each other
    assert set(files) == {"张伟-2026-11-23-方案比较.csv", "张伟-2026-11-23-还款计划.csv", "张伟-2026-11-23-协商规划.xlsx"}
    files = {name.split("-")[-1]: data for name, data in files.items()}
    files = {"comparison.csv": files["方案比较.csv"], "schedules.csv": files["还款计划.csv"],
             "plan.xlsx": files["协商规划.xlsx"]}
    comparison = list(csv.reader(io.StringIO(files["comparison.csv"].decode("utf-8-sig"))))
    assert comparison[0][0] == label("scenario", "zh")
    assert label("total_paid", "zh") in comparison[0]
    assert [r[0] for r in comparison[1:]] == list(summary(app))
    paid = comparison[0].index(label("total_paid", "zh"))
    assert [Decimal(r[paid]) for r in comparison[1:]] == [o.total_paid for o in app.result.all]
    schedules = list(csv.reader(io.StringIO(files["schedules.csv"].decode("utf-8-sig"))))
    assert schedules[0][:3] == [label("scenario", "zh"), label("debt_id", "zh"), label("period", "zh")]
    assert len(schedules) > 100
    book = load_workbook(io.BytesIO(files["plan.xlsx"]), read_only=True)
    assert app_text("sheet.comparison", "zh")[:31] in book.sheetnames
    assert len(book.sheetnames) == 3 + len(app.result.all)
    book.close()


def test_payoff_budget_and_table(app):
    tab = show_tab(app, "payoff")
    rows = table_rows(tab.table.value)
    assert len(rows) - 1 == 4  # the four policies
    assert "¥3,200.00" in strip(tab.table.value)  # the disposable income by default
    type_into(find(tab, "planner-payoff-budget"), "8000")
    assert tab.budget == Decimal("8000.00")
    faster = table_rows(tab.table.value)
    assert "¥8,000.00" in strip(tab.table.value)
    assert [r[0] for r in faster] == [r[0] for r in rows]
    assert int(faster[1][1].replace(",", "")) < int(rows[1][1].replace(",", ""))  # months to debt-free
    assert bytes(tab.chart.value).startswith(PNG)


def test_language_toggle(app):
    language = find(app, "planner-language")
    assert app.tabs.get_title(0) == "案例"
    language.value = "en"
    assert app.locale == "en"
    assert [app.tabs.get_title(i) for i in range(5)] == ["Case", "Debts", "Options", "Compare", "Payoff"]
    assert table_rows(app.summary.table.value)[0][0] == app_label("scenario", "en") == "Scenario"
    assert app_label("total_paid", "en") in table_rows(app.summary.table.value)[0]  # headed as the app heads
    assert table_rows(app.summary.table.value)[1][0] == scenario_label(app.result.baseline, "en")
    assert not CJK.search(table_rows(app.summary.table.value)[1][0])
    assert not CJK.search(strip(app.summary.table.value.split("<table")[1].split("</tr>")[0]))
    find(app, "planner-language").value = "zh"
    assert app.tabs.get_title(0) == "案例"
    assert table_rows(app.summary.table.value)[0][0] == "方案"


def test_undo_redo_buttons(app):
    assert find(app, "planner-undo").disabled
    assert find(app, "planner-redo").disabled
    type_into(find(show_tab(app, "case"), "planner-reserve"), "800")
    assert not find(app, "planner-undo").disabled
    find(app, "planner-undo").click()
    assert app.case.budget.reserve == Decimal("300.00")
    assert not find(app, "planner-redo").disabled
    find(app, "planner-redo").click()
    assert app.case.budget.reserve == Decimal("800.00")
    assert find(app, "planner-redo").disabled


def test_save_as_then_saves_there(app, tmp_path, case_path):
    first = case_path.read_bytes()
    target = tmp_path / "副本.json"
    find(app, "planner-path").value = str(target)
    find(app, "planner-save-as").click()
    assert load_case(target) == app.case
    assert str(target) in app.boundary.status.value
    type_into(find(show_tab(app, "case"), "planner-borrower"), "李四")
    assert load_case(target).borrower == "李四"
    assert case_path.read_bytes() == first


def test_open_another_file(app, tmp_path):
    other = tmp_path / "other.json"
    write_case(edits.set_fields(app.case, borrower="王五", notes="另一个案例"), other)
    type_into(find(show_tab(app, "case"), "planner-reserve"), "800")
    find(app, "planner-path").value = str(other)
    find(app, "planner-open").click()
    assert app.case == load_case(other)
    assert app.case.borrower == "王五"
    assert not app.history.can_undo
    assert find(show_tab(app, "case"), "planner-borrower").input.value == "王五"
    type_into(find(show_tab(app, "case"), "planner-reserve"), "900")
    assert load_case(other).budget.reserve == Decimal("900.00")


def test_payoff_amount__follows_the_budget_until_typed(app):
    """Found in review: the field kept the old disposable income after the reserve changed."""
    tab = show_tab(app, "payoff")
    assert tab.amount.input.value == "3200.00"
    type_into(find(show_tab(app, "case"), "planner-reserve"), "1000")
    tab = show_tab(app, "payoff")
    assert tab.amount.input.value == "2500.00"
    assert "¥2,500.00" in tab.table.value
    type_into(tab.amount, "1800")
    type_into(find(show_tab(app, "case"), "planner-reserve"), "300")
    tab = show_tab(app, "payoff")
    assert tab.amount.input.value == "1800"  # typed: kept
    assert "¥1,800.00" in tab.table.value


def test_live_chart__each_scenario_on_its_own_months(make_app):
    """Found in review: every series was drawn on the first scenario's dates."""
    from datetime import date

    app = make_app()
    first = app.case.scenarios[0].name
    app.change(lambda c: edits.set_scenario_fields(c, first, start=date(2027, 6, 1)))
    lines = app.summary.live.lines
    for row, outcome in enumerate(app.result.all):
        assert str(lines.x[row][0]) == outcome.months[0].date.isoformat()


def test_health_line__a_gap_beyond_the_reserve_is_said_as_a_gap(app):
    """The status quo misses more than the reserve in its tightest month: said as what is missing, not as a
    negative reserve (found in review)."""
    health = strip(compare(app).health.value)
    gap = -app.result.baseline.lowest_reserve_left
    assert gap > 0
    assert f"用完应急储备后还差 ¥{gap:,.2f}" in health
    assert "-¥" not in health


def test_create__a_taken_name_is_numbered_and_said(app):
    tab = compare(app)
    tab.new_name.value = "延期12个月后分期"
    tab.create()
    assert app.selected_scenario == "延期12个月后分期-2"
    assert "延期12个月后分期-2" in compare(app).name_msg.value


def test_schedule__says_how_many_installments_the_box_holds(app):
    tab = compare(app)
    tab.schedule_of.value = "全部停息分期60期"
    assert "共 60 期" in strip(tab.schedule.value)
