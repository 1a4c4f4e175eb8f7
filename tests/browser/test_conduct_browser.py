"""The 催收记录 Collection-log tab served by Voila, in a real browser: an entry typed and added, with a photo
uploaded, shows first in the log's table and is saved in the case file, the photo kept beside it byte for byte; the
tab is drawn with its charts (screenshot). On the example case: its evidence photo found, the findings per
creditor, an evidence package downloaded that verifies, and a complaint PDF downloaded (screenshot)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time

import pytest
from browser import harness

from planner.domain import edits
from planner.domain.conduct import LogEntry
from planner.io.casefile import write_case
from planner.io.examples import example_case

pytestmark = pytest.mark.slow

CONDUCT_TAB = "催收记录"
TABLE = ".planner-conduct-log"
SENDER = ".planner-conduct-sender input"
TIME = ".planner-conduct-time input"
NOTE = ".planner-conduct-note textarea"
FLAG = "button.planner-conduct-flag-impersonation"
ADD = "button.planner-conduct-add"
CHART = ".planner-conduct-chart svg"
UPLOAD = ".planner-conduct-upload"
PENDING = ".planner-conduct-pending"
PHOTO = bytes(range(256)) * 40  # a small stand-in for a photo of a fake 律师函


def _week_of_calls() -> tuple[LogEntry, ...]:
    """Eight days of calls from two creditors, some at night, two to family and a colleague."""
    entries = []
    for day in range(12, 20):
        for hour, minute in ((9, 5), (13, 40), (21, 10) if day % 2 else (22, 50)):
            entries.append(LogEntry(time=f"2026-11-{day} {hour}:{minute:02d}", channel="call", contacted="debtor",
                                    creditor="cmb-card", sender="0755-95555", answered=hour != 13))
        if day in (14, 17):
            entries.append(LogEntry(time=f"2026-11-{day} 19:30", channel="call",
                                    contacted="family" if day == 14 else "colleague",
                                    creditor="某平台委托第三方催收", sender="170-0000-1111", flags=("disclosure",)))
    return tuple(entries)


def _saved_log(case_file) -> list[dict] | None:
    try:
        return list(json.loads(case_file.read_text(encoding="utf-8"))["conduct"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def test_voila__conduct_tab_adds_an_entry_to_the_table_and_the_case(app_folder, jupyter_env, browser_context,
                                                                   screenshots):
    case_file = app_folder / "example-case.json"
    week = edits.add_conduct_entries(dataclasses.replace(example_case(), conduct=()), _week_of_calls())
    write_case(week, case_file)  # a log of its own, so the entry added is the newest
    before = len(_saved_log(case_file) or [])
    started = time.monotonic()
    with harness.voila_tab(app_folder, jupyter_env, browser_context, CONDUCT_TAB, screenshots, "voila-conduct") as page:
        page.locator(TABLE).first.wait_for(state="visible")
        old = harness.wait_stable(page, TABLE)
        assert "2026-11-19 21:10" in old
        page.locator(TIME).first.fill("2026年11月20日 晚上11点05")
        page.locator(TIME).first.press("Enter")
        page.locator(SENDER).first.fill("12368-假")
        page.locator(SENDER).first.press("Tab")
        page.locator(NOTE).first.fill("自称法院，说明天送传票")
        page.locator(NOTE).first.press("Tab")
        page.locator(FLAG).first.click()
        photo = app_folder.parent / "律师函.jpg"
        photo.write_bytes(PHOTO)
        with page.expect_file_chooser() as chooser:
            page.locator(UPLOAD).first.click()
        chooser.value.set_files(str(photo))
        page.locator(PENDING).get_by_text("律师函.jpg").first.wait_for(state="visible")
        page.locator(ADD).first.click()
        harness.wait_text_change(page, TABLE, old)
        harness.wait_settled(page)
        table = harness.wait_stable(page, TABLE)
        first_row = page.locator(f"{TABLE} tr").nth(1).inner_text()
        assert "2026-11-20 23:05" in first_row
        assert "12368-假" in first_row
        assert "冒充公检法或律师" in first_row
        assert "2026-11-19 21:10" in table
        deadline = time.monotonic() + harness.UPDATE_MS / 1000
        while len(_saved_log(case_file) or []) != before + 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        saved = _saved_log(case_file) or []
        assert len(saved) == before + 1
        newest = max(saved, key=lambda e: e["time"])
        assert newest["time"].startswith("2026-11-20T23:05")
        assert newest["sender"] == "12368-假"
        assert newest["flags"] == ["impersonation"]
        (kept,) = newest["attachments"]
        assert kept["path"] == "example-case-evidence/律师函.jpg"
        assert (app_folder / kept["path"]).read_bytes() == PHOTO
        assert kept["sha256"] == hashlib.sha256(PHOTO).hexdigest()
        assert "律师函.jpg（未改动）" in first_row
        page.locator(CHART).first.wait_for(state="visible")
        harness.chinese_is_drawn(page, f"{TABLE} th")
        shot = harness.screenshot(page, screenshots, "voila-conduct")
    print(f"voila conduct: {time.monotonic() - started:.1f} s; screenshot {shot}")


FINDINGS = ".planner-conduct-findings"
EVIDENCE = "button.planner-conduct-evidence"
EVIDENCE_LINK = ".planner-conduct-evidence-download a"
EVIDENCE_MSG = ".planner-conduct-evidence-msg"
COMPLAINT_PDF = "button.planner-conduct-complaint-pdf"
COMPLAINT_LINK = ".planner-conduct-complaint-downloads a"
PREVIEW = ".planner-conduct-complaint-preview"


def test_voila__conduct_tab_on_the_example_findings_evidence_and_complaint(app_folder, jupyter_env,
                                                                          browser_context, screenshots, tmp_path):
    from planner.report.evidence import verify_evidence

    started = time.monotonic()
    with harness.voila_tab(app_folder, jupyter_env, browser_context, CONDUCT_TAB, screenshots, "voila-conduct-sections") as page:
        page.locator(f"{FINDINGS} table").first.wait_for(state="visible")
        findings = " ".join(harness.text_of(page, FINDINGS).split())
        assert "融易借（网络助贷平台）（online-loan）" in findings
        assert "联系了家人、同事、单位，共 4 次" in findings
        assert "中国互联网金融协会" in findings
        assert "fake-lawyer-letter.png（未改动）" in harness.text_of(page, TABLE)  # written beside the case
        page.locator(EVIDENCE).first.click()
        page.locator(EVIDENCE_LINK).first.wait_for(state="visible")
        with page.expect_download() as download:
            page.locator(EVIDENCE_LINK).first.click()
        package = tmp_path / "package.zip"
        download.value.save_as(package)
        verified = verify_evidence(package)
        assert verified.ok
        assert verified.manifest_sha256 in harness.text_of(page, EVIDENCE_MSG)
        page.locator(PREVIEW).get_by_text("一、事实与经过").first.wait_for(state="visible")
        page.locator(COMPLAINT_PDF).first.click()
        page.locator(COMPLAINT_LINK).first.wait_for(state="visible")
        with page.expect_download() as download:
            page.locator(COMPLAINT_LINK).first.click()
        pdf = tmp_path / "complaint.pdf"
        download.value.save_as(pdf)
        assert pdf.read_bytes().startswith(b"%PDF")
        harness.chinese_is_drawn(page, f"{FINDINGS} th")
        page.evaluate("document.querySelector('.planner-app').scrollIntoView({block: 'start'})")  # from the top
        shot = harness.screenshot(page, screenshots, "voila-conduct-sections")
    print(f"voila conduct sections: {time.monotonic() - started:.1f} s; screenshot {shot}")
