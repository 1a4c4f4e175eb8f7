"""The 协商申请 Proposal tab served by Voila, in a real browser: a hardship reason ticked shows in the preview and is
saved, and the PDF made from it downloads as a PDF holding that reason."""

from __future__ import annotations

import json
import subprocess
import time

import pytest
from browser import harness

from planner.text import doc_list

pytestmark = pytest.mark.slow

PROPOSAL_TAB = "协商申请"
PREVIEW = ".planner-proposal-preview"
REASON = ".planner-hardship-illness input[type=checkbox]"
PDF_BUTTON = ".planner-proposal-pdf"
LINK = ".planner-proposal-downloads a.planner-download"


def _saved_reasons(case_file) -> list[str] | None:
    try:
        return list(json.loads(case_file.read_text(encoding="utf-8"))["debtor"]["hardship"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def test_voila__proposal_tab_ticks_a_reason_and_downloads_the_pdf(app_folder, jupyter_env, browser_context,
                                                                 screenshots):
    sentence = doc_list("HARDSHIP_SENTENCES", "zh")["illness"]
    started = time.monotonic()
    with harness.voila_tab(app_folder, jupyter_env, browser_context, PROPOSAL_TAB, screenshots, "voila-proposal") as page:
        page.locator(PREVIEW).first.wait_for(state="visible")
        before = harness.wait_stable(page, PREVIEW)
        assert "致：" in before
        assert sentence not in before
        page.locator(REASON).first.check()
        after = harness.wait_text_change(page, PREVIEW, before)
        harness.wait_settled(page)
        after = harness.wait_stable(page, PREVIEW)
        assert sentence in after
        case_file = app_folder / "example-case.json"
        deadline = time.monotonic() + harness.UPDATE_MS / 1000
        while _saved_reasons(case_file) != ["illness"] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _saved_reasons(case_file) == ["illness"]

        page.locator(PDF_BUTTON).first.click()
        link = page.locator(LINK).first
        link.wait_for(state="visible")
        with page.expect_download(timeout=harness.UPDATE_MS) as info:
            link.click()
        download = info.value
        assert download.suggested_filename.endswith(".pdf")
        assert download.suggested_filename.startswith("协商还款申请书-")
        data = (app_folder.parent / "download.pdf")
        download.save_as(str(data))
        content = data.read_bytes()
        assert content.startswith(b"%PDF")
        text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True,
                              check=True).stdout.decode("utf-8")
        assert sentence in text.replace("\n", "")
        shot = harness.screenshot(page, screenshots, "voila-proposal")
    print(f"voila proposal: {time.monotonic() - started:.1f} s; {download.suggested_filename} "
          f"({len(content)} bytes); screenshot {shot}")
