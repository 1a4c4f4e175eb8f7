"""Files of the comparison for download: CSV and an Excel workbook, built from the same plan the screen shows.

Headers are in the user's language; amounts stay exact (``Decimal`` written as its digits) so the file
reconciles to the fen with the screen and the CLI.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from planner.present.tables import audit_frame, cash_flow_frame, comparison_frame, localize, schedule_frame
from planner.text import app_text, scenario_label


def schedules_frame(result: Any, *, locale: str = "zh") -> pd.DataFrame:
    """Return every schedule of every scenario (the status quo first) in one long table: scenario and debt, then
    the installment lines."""
    frames = []
    for outcome in result.all:
        for debt in outcome.debts:
            frame = schedule_frame(debt.schedule)
            frame.insert(0, "debt_id", debt.debt_id)
            frame.insert(0, "scenario", scenario_label(outcome, locale))
            frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["scenario", "debt_id", "period", "due_date", "payment", "principal",
                                     "interest", "fee", "balance"])
    return pd.concat(frames, ignore_index=True)


def comparison_csv(result: Any, *, locale: str = "zh") -> bytes:
    """Return the comparison table as CSV (UTF-8 with a BOM, so Excel opens Chinese correctly)."""
    return localize(comparison_frame(result.comparison, locale=locale), locale).to_csv(index=False).encode("utf-8-sig")


def schedules_csv(result: Any, *, locale: str = "zh") -> bytes:
    """Return every schedule as one CSV table (UTF-8 with a BOM)."""
    return localize(schedules_frame(result, locale=locale), locale).to_csv(index=False).encode("utf-8-sig")


def workbook(result: Any, *, locale: str = "zh") -> bytes:
    """Return an .xlsx workbook: the comparison, the cap audit, each scenario's cash flow, and every schedule."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        localize(comparison_frame(result.comparison, locale=locale), locale).to_excel(
            writer, sheet_name=app_text("sheet.comparison", locale)[:31], index=False)
        localize(audit_frame(result.audits, locale=locale), locale).to_excel(
            writer, sheet_name=app_text("sheet.audit", locale)[:31], index=False)
        localize(schedules_frame(result, locale=locale), locale).to_excel(
            writer, sheet_name=app_text("sheet.schedules", locale)[:31], index=False)
        for index, outcome in enumerate(result.all):
            name = f"{index + 1} {scenario_label(outcome, locale)}"
            for bad in "[]:*?/\\":
                name = name.replace(bad, " ")
            localize(cash_flow_frame(outcome), locale).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()
