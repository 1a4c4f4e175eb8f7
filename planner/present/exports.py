"""Files of the comparison for download: CSV and an Excel workbook, built from the same plan the screen shows.

Headers are in the user's language, flags and rule statuses in words; amounts stay exact (``Decimal`` written as
its digits, shown with two decimals in the workbook) so the file reconciles to the fen with the screen and the CLI.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter

from planner.present.tables import audit_frame, cash_flow_frame, comparison_frame, localize, schedule_frame
from planner.text import app_text, choice_label, label, scenario_label

MONEY_FORMAT = "#,##0.00"  # amounts in the workbook: exact values, shown with two decimals


def _words(frame: pd.DataFrame, locale: str) -> pd.DataFrame:
    """Return ``frame`` as people read it: yes/no for flags, the rule's status and standing in words, a debt's
    payment column named ``还款：<id>``, then the column labels of ``locale``."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == bool:
            frame[column] = [app_text("compare.yes" if v else "compare.no", locale) for v in frame[column]]
    if "status" in frame.columns:
        frame["status"] = [choice_label("rule_status", v, locale) for v in frame["status"]]
    if "standing" in frame.columns:
        frame["standing"] = [choice_label("standing", v, locale) for v in frame["standing"]]
    renamed = {c: f"{label('payments', locale)}：{c.split(':', 1)[1]}" for c in frame.columns
               if isinstance(c, str) and c.startswith("payment:")}
    if "standing" in frame.columns:
        renamed["standing"] = app_text("audit.standing", locale)
    return localize(frame.rename(columns=renamed), locale)


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
    return _words(comparison_frame(result.comparison, locale=locale), locale).to_csv(index=False).encode("utf-8-sig")


def schedules_csv(result: Any, *, locale: str = "zh") -> bytes:
    """Return every schedule as one CSV table (UTF-8 with a BOM)."""
    return _words(schedules_frame(result, locale=locale), locale).to_csv(index=False).encode("utf-8-sig")


def workbook(result: Any, *, locale: str = "zh") -> bytes:
    """Return an .xlsx workbook: the comparison, the cap audit, each scenario's cash flow, and every schedule."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _words(comparison_frame(result.comparison, locale=locale), locale).to_excel(
            writer, sheet_name=app_text("sheet.comparison", locale)[:31], index=False)
        _words(audit_frame(result.audits, locale=locale), locale).to_excel(
            writer, sheet_name=app_text("sheet.audit", locale)[:31], index=False)
        _words(schedules_frame(result, locale=locale), locale).to_excel(
            writer, sheet_name=app_text("sheet.schedules", locale)[:31], index=False)
        for index, outcome in enumerate(result.all):
            name = f"{index + 1} {scenario_label(outcome, locale)}"
            for bad in "[]:*?/\\":
                name = name.replace(bad, " ")
            _words(cash_flow_frame(outcome), locale).to_excel(writer, sheet_name=name[:31], index=False)
        for sheet in writer.book.worksheets:
            for row in sheet.iter_rows(min_row=2):
                for cell in row:
                    if isinstance(cell.value, Decimal):
                        cell.number_format = MONEY_FORMAT
            for index in range(1, sheet.max_column + 1):
                sheet.column_dimensions[get_column_letter(index)].width = 14
    return buffer.getvalue()
