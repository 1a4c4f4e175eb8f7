"""No lost work: what the app does when a save cannot happen, and what it never writes over (found in review)."""

from __future__ import annotations

import json
import threading
import time
from decimal import Decimal

import pytest
from ui.uitools import find, show_tab, status, type_into

from planner.errors import file_error
from planner.io import casefile  # the real writer, kept before the tests replace it
from planner.io.casefile import load_case
from planner.ui import store as store_module
from planner.ui.app import PlannerApp


def borrower(app, name):
    type_into(find(show_tab(app, "case"), "planner-borrower"), name)


def save_as(app, path):
    find(app, "planner-path").value = str(path)
    find(app, "planner-save-as").click()


def test_save_as__never_writes_over_the_unreadable_file(make_app, case_path):
    make_app()
    document = json.loads(case_path.read_text(encoding="utf-8"))
    document["version"] = 999
    content = json.dumps(document).encode()
    case_path.write_bytes(content)
    app = make_app()
    assert find(app, "planner-path").value == ""  # its own path is not offered to Save as
    save_as(app, case_path)
    assert case_path.read_bytes() == content
    assert "已存在" in status(app)
    borrower(app, "新的名字")
    borrower(app, "又一个名字")
    assert case_path.read_bytes() == content
    assert not case_path.with_name(case_path.name + ".bak").exists()


def test_save_as__never_writes_over_another_case(app, tmp_path):
    other = tmp_path / "李娜.json"
    other.write_text("{}", encoding="utf-8")
    save_as(app, other)
    assert other.read_text(encoding="utf-8") == "{}"
    assert "已存在" in status(app)
    new = tmp_path / "张伟-副本.json"
    save_as(app, new)
    assert load_case(new) == app.case


def test_failed_autosave__stays_pending_is_said_and_retried(app, case_path, monkeypatch):
    real = store_module.write_case

    def full_disk(case, path, **kwargs):
        raise file_error(str(path), "write_os_error", code="cannot_write", errno="ENOSPC", detail="No space left")

    monkeypatch.setattr(store_module, "write_case", full_disk)
    borrower(app, "磁盘已满时")
    assert app.store.pending
    assert "自动保存失败" in status(app)
    app.set_locale("en")  # any later redraw still says it is not saved
    assert "Saving failed" in status(app)
    assert load_case(case_path).borrower == "张伟"
    monkeypatch.setattr(store_module, "write_case", real)
    assert app.flush() == case_path
    assert load_case(case_path).borrower == "磁盘已满时"
    assert not app.store.pending
    app.set_locale("zh")
    assert "已保存" in status(app)


def test_failed_save_as__keeps_the_pending_change(make_app, case_path, tmp_path):
    app = make_app(autosave_delay=60)
    borrower(app, "还没保存")
    assert app.store.pending
    save_as(app, tmp_path)  # a folder: refused
    assert app.store.pending
    assert app.flush() == case_path
    assert load_case(case_path).borrower == "还没保存"


def test_an_error_while_drawing__the_change_is_still_saved(app, case_path, monkeypatch):
    def broken(*_args):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(app.summary, "refresh", broken)
    borrower(app, "画图出错也要保存")
    assert app.boundary.entries
    assert load_case(case_path).borrower == "画图出错也要保存"


def test_saves_happen_in_order__a_slow_save_finishes_before_the_next(make_app, case_path, monkeypatch):
    """The timer's save of A is slow (a network disk); B is flushed meanwhile: the file ends with B."""
    app = make_app(autosave_delay=60)
    real = casefile.write_case
    started = threading.Event()

    def slow(case, path, **kwargs):
        if case.borrower == "A":
            started.set()
            time.sleep(0.3)
        return real(case, path, **kwargs)

    monkeypatch.setattr(store_module, "write_case", slow)
    borrower(app, "A")
    writer = threading.Thread(target=app.store.flush)
    writer.start()
    assert started.wait(5)
    borrower(app, "B")
    app.flush()
    writer.join(5)
    assert load_case(case_path).borrower == "B"


def test_open__refused_while_the_current_case_cannot_be_saved(make_app, case_path, tmp_path, monkeypatch):
    other = tmp_path / "other.json"
    make_app(other)
    app = make_app(autosave_delay=60)
    borrower(app, "未保存的修改")

    def failing(case, path, **kwargs):
        raise file_error(str(path), "write_os_error", code="cannot_write", errno="EACCES", detail="denied")

    monkeypatch.setattr(store_module, "write_case", failing)
    assert app.open_file(other) is False
    assert app.case.borrower == "未保存的修改"
    assert "没有打开" in status(app)
    assert app.store.path == case_path


def test_for_file__a_folder_that_does_not_exist_is_a_message_not_a_traceback(tmp_path):
    app = PlannerApp.for_file(tmp_path / "没有这个文件夹" / "my-case.json", example=True, autosave_delay=0)
    assert app.store.path is None
    assert "尚未选择案例文件" in status(app)
    assert len(app.case.debts) == 5  # the example, on screen, not saved
    target = tmp_path / "my-case.json"
    save_as(app, target)
    assert load_case(target) == app.case


@pytest.mark.parametrize("name", ["status-quo", "pro-rata"])
def test_scenario_names_of_the_planner_are_refused(app, name):
    tab = show_tab(app, "compare")
    before = [s.name for s in app.case.scenarios]
    tab.new_name.value = name
    tab.rename()
    assert [s.name for s in app.case.scenarios] == before
    assert tab.name_msg.value


def test_reserve_is_kept_exactly(app, case_path):
    """The file holds what the field shows, to the fen."""
    type_into(find(show_tab(app, "case"), "planner-reserve"), "1,234.5")
    assert load_case(case_path).budget.reserve == Decimal("1234.50")


def test_an_empty_path__is_asked_for_not_tried(app, case_path):
    find(app, "planner-path").value = "  "
    find(app, "planner-save-as").click()
    assert "请先在上方填写案例文件的路径" in status(app)
    find(app, "planner-open").click()
    assert "请先在上方填写案例文件的路径" in status(app)
    assert app.store.path == case_path
