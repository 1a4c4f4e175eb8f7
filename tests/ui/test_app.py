"""The app as a whole: undo/redo, restore after a restart, unreadable files, the error boundary, figures that
reconcile with the core, and how much a change recomputes."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from ui.uitools import find, show_tab, status, summary, type_into

import planner.domain.edits
from planner.domain.options import RepaymentMethod
from planner.engines.plan import plan_case
from planner.io.casefile import load_case
from planner.text import app_text, fmt, label, scenario_label

FIRST = "全部停息分期60期"


def reserve(app, amount: str) -> None:
    type_into(find(show_tab(app, "case"), "planner-reserve"), amount)


# -- undo / redo ---------------------------------------------------------------------------------------------


def test_undo_redo__in_order_and_new_change_clears_redo(app):
    start = app.case
    reserve(app, "400")
    reserve(app, "500")
    type_into(find(show_tab(app, "case"), "planner-borrower"), "甲")
    type_into(find(show_tab(app, "case"), "planner-members"), str(start.budget.members + 1))
    table = app.summary.table.value
    find(app, "planner-undo").click()
    assert app.case.budget.members == start.budget.members
    assert app.case.borrower == "甲"
    find(app, "planner-undo").click()
    assert app.case.borrower == "张伟"
    find(app, "planner-undo").click()
    assert app.case.budget.reserve == Decimal(400)
    assert "¥3,100.00" in app.summary.table.value
    assert find(show_tab(app, "case"), "planner-reserve").input.value == "400.00"
    find(app, "planner-redo").click()
    assert app.case.budget.reserve == Decimal(500)
    find(app, "planner-redo").click()
    assert app.case.borrower == "甲"
    assert app.history.can_redo
    reserve(app, "700")
    assert not app.history.can_redo
    assert find(app, "planner-redo").disabled
    app.redo()
    assert app.case.budget.reserve == Decimal(700)
    assert app.summary.table.value != table
    for _ in range(4):
        app.undo()
    assert app.case == start
    assert find(app, "planner-undo").disabled


def test_undo__keeps_at_most_50(app):
    for amount in range(301, 356):  # 55 changes
        reserve(app, str(amount))
    undone = 0
    while app.history.can_undo:
        find(app, "planner-undo").click()
        undone += 1
    assert undone == 50
    assert app.case.budget.reserve == Decimal(305)


def test_undo__brings_back_a_removed_debt(app):
    show_tab(app, "debts").chooser.value = "online-loan"
    find(show_tab(app, "debts"), "planner-remove-debt").click()
    assert len(app.case.debts) == 4
    find(app, "planner-undo").click()
    assert [d.id for d in app.case.debts][3] == "online-loan"
    assert "online-loan" in [v for _, v in show_tab(app, "debts").chooser.options]


# -- restore after a restart ---------------------------------------------------------------------------------


def test_restore_after_restart(make_app, case_path):
    app = make_app(autosave_delay=60)  # debounced: nothing is written until the delay or a flush
    saved = case_path.read_bytes()
    reserve(app, "420")
    type_into(find(show_tab(app, "case"), "planner-borrower"), "张伟（复核）")
    type_into(find(show_tab(app, "debts").form, "planner-debt-monthly-payment"), "3900")
    find(show_tab(app, "options"), "planner-method").input.value = RepaymentMethod.EQUAL_PRINCIPAL
    show_tab(app, "compare").new_name.value = "新方案"
    find(show_tab(app, "compare"), "planner-create-scenario").click()
    assert app.store.pending
    assert case_path.read_bytes() == saved
    assert app.flush() == case_path
    again = make_app()
    assert again.case == app.case
    assert again.case.budget.reserve == Decimal(420)
    assert again.case.scenarios[-1].name == "新方案"
    assert summary(again) == summary(app)


# -- unreadable files ----------------------------------------------------------------------------------------


def newer_file(path) -> bytes:
    document = json.loads(path.read_text(encoding="utf-8"))
    document["version"] = 999
    return json.dumps(document, ensure_ascii=False).encode()


@pytest.mark.parametrize("kind", ["corrupt", "newer"])
def test_unreadable_file__message_read_only_then_save_as(make_app, case_path, tmp_path, kind):
    make_app()  # writes the example case
    content = b"{this is not json" if kind == "corrupt" else newer_file(case_path)
    case_path.write_bytes(content)
    app = make_app()
    text = status(app)
    assert app_text("status.read_only", "zh") in text
    assert len(text) > len(app_text("status.read_only", "zh")) + 5  # and why
    if kind == "newer":
        assert "999" in text
    assert "#b00020" in app.boundary.status.value
    # still usable, but never written over
    type_into(find(show_tab(app, "case"), "planner-borrower"), "新借款人")
    assert app.case.borrower == "新借款人"
    empty = summary(app)
    find(show_tab(app, "debts"), "planner-add-debt").click()
    assert len(app.case.debts) == 1
    assert summary(app) != empty
    app.flush()
    assert case_path.read_bytes() == content
    target = tmp_path / "另存.json"
    find(app, "planner-path").value = str(target)
    find(app, "planner-save-as").click()
    assert load_case(target) == app.case
    reserve(app, "100")
    assert load_case(target).budget.reserve == Decimal(100)
    assert case_path.read_bytes() == content


def test_open__unreadable_file_is_refused_and_current_case_kept(app, case_path, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"not json at all")
    case = app.case
    find(app, "planner-path").value = str(bad)
    find(app, "planner-open").click()
    assert "没有打开" in status(app)
    assert app.boundary.entries
    assert app.case == case
    reserve(app, "333")
    app.flush()
    assert bad.read_bytes() == b"not json at all"
    assert load_case(case_path).budget.reserve == Decimal(333)  # the case on screen still saves where it did


def test_unreadable_file__message_follows_the_language(make_app, case_path):
    make_app()
    case_path.write_bytes(b"{this is not json")
    app = make_app()
    chinese = status(app)
    app.set_locale("en")
    english = status(app)
    assert english != chinese
    assert "will not be written over" in english


# -- the error boundary --------------------------------------------------------------------------------------


def boom(*_args, **_kwargs):
    raise RuntimeError("boom from a test")


def assert_apology(app) -> None:
    assert status(app) == app_text("error.unexpected", "zh")
    assert "RuntimeError: boom from a test" in app.boundary.entries[-1]
    assert "Traceback" in app.boundary.entries[-1]
    assert "boom from a test" in app.boundary.log.value


def test_boundary__button_callback(app, monkeypatch):
    monkeypatch.setattr(planner.domain.edits, "add_debt", boom)
    case = app.case
    find(show_tab(app, "debts"), "planner-add-debt").click()
    assert_apology(app)
    assert app.case == case
    monkeypatch.undo()
    reserve(app, "600")
    assert app.case.budget.reserve == Decimal(600)
    assert "¥2,900.00" in app.summary.table.value


def test_boundary__notes_callback(app, monkeypatch):
    monkeypatch.setattr(planner.domain.edits, "set_fields", boom)
    show_tab(app, "case").notes.value = "新的备注"
    assert_apology(app)


# -- figures reconcile with the core -------------------------------------------------------------------------


def test_figures_reconcile_with_the_core(app):
    reserve(app, "250")
    type_into(find(show_tab(app, "debts").form, "planner-debt-outstanding-principal"), "37000")
    find(show_tab(app, "options"), "planner-restructure-months").input.value = 48
    type_into(find(show_tab(app, "options"), "planner-down-payment"), "2000")
    show_tab(app, "options").scenario_chooser.value = "部分一次性结清"
    show_tab(app, "options").debt_chooser.value = "citic-card"
    type_into(find(show_tab(app, "options"), "planner-settle-percent"), "55")
    type_into(find(show_tab(app, "case"), "planner-members"), "5")
    core = plan_case(app.case)
    assert [o.name for o in core.all] == [o.name for o in app.result.all]
    assert [o.total_paid for o in core.all] == [o.total_paid for o in app.result.all]
    assert [o.total_cost for o in core.all] == [o.total_cost for o in app.result.all]
    table = summary(app)
    assert len(table) == len(app.result.all)
    for outcome in app.result.all:
        row = table[scenario_label(outcome, "zh")]
        assert row[label("total_paid", "zh")] == fmt.money(outcome.total_paid, "zh")
        assert row[label("largest_monthly_payment", "zh")] == fmt.money(outcome.largest_monthly_payment, "zh")
        assert row[label("remaining", "zh")] == fmt.money(outcome.total_remaining, "zh")
        assert row[label("saving", "zh")] == fmt.money(outcome.total_saving, "zh")
        assert row[label("shortfall_months", "zh")] == str(len(outcome.shortfall_months))
    assert f"¥{app.case.budget.disposable:,}" in app.summary.table.value
    lines = app.summary.live.lines
    assert lines.y.shape[0] == len(app.result.all)
    first = app.result.outcome(FIRST)
    assert list(lines.y[1][:12]) == [float(m.payments) for m in first.months[:12]]


# -- what a change recomputes --------------------------------------------------------------------------------


def test_restructure_months_change_rebuilds_one_schedule(app):
    months = find(show_tab(app, "options"), "planner-restructure-months")
    builds = app.context.stats.schedule_builds
    months.input.value = 48
    assert app.case.scenario(FIRST).plan_for("cmb-card").restructure.months == 48
    assert app.context.stats.schedule_builds - builds == 1


def test_reserve_change_rebuilds_no_schedule(app):
    builds = app.context.stats.schedule_builds
    reserve(app, "450")
    assert app.case.budget.reserve == Decimal(450)
    assert app.context.stats.schedule_builds == builds


def test_slow_change__shows_updating_then_the_result(app, monkeypatch):
    """A change slower than 200 ms says 正在更新… while it runs, and the status says what happened once done."""
    import time

    from planner.ui import boundary as app_module

    seen: list[str] = []
    app.boundary.status.observe(lambda change: seen.append(change["new"]), names="value")
    real = app.context.plan

    def slow(case, **kwargs):
        time.sleep(app_module.BUSY_AFTER + 0.25)
        return real(case, **kwargs)

    monkeypatch.setattr(app.context, "plan", slow)
    type_into(find(show_tab(app, "case"), "planner-reserve"), "444")
    assert app.case.budget.reserve == Decimal("444.00")
    assert any("正在更新" in text for text in seen)
    assert "正在更新" not in app.boundary.status.value


def test_scenario_name_refused__is_explained_beside_the_name_box(app):
    """Renaming a scenario to another's name keeps both names and says why beside the box."""
    tab = show_tab(app, "compare")
    names = [s.name for s in app.case.scenarios]
    tab.new_name.value = names[1]
    tab.rename()
    assert [s.name for s in app.case.scenarios] == names
    import html

    from planner.errors import InvalidInput
    from planner.text import render_error

    expected = render_error(InvalidInput("name", "duplicate", names[1]), "zh")
    assert html.escape(expected) in tab.name_msg.value
