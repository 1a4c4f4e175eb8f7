"""Importing debts from a spreadsheet (CSV or Excel .xlsx) that a borrower or counsellor filled in.

The table has one debt per row and one column per field of :class:`planner.domain.model.Debt` (the columns come
from :func:`planner.domain.fields.fields_of`, so a new field is a new column). Columns are found by their English
identifier or their Chinese header, in any order; what is in brackets after a header is ignored
(``剩余本金（元）``, ``年利率（%）``), and columns the planner does not know are listed in
:attr:`ImportResult.ignored_columns` rather than silently dropped.

=====================  ==============  ========  ============================================================
identifier             中文表头         required  cell
=====================  ==============  ========  ============================================================
id                     编号             yes       a short unique name (``cmb-card``)
creditor               债权人           yes       the creditor's name
kind                   类型             yes       ``credit-card`` … or 信用卡 / 银行贷款 / 消费金融公司 / 网贷平台 / 小额贷款公司 / 民间借贷 (网贷, 小贷 …)
contract_date          合同日期         yes       2024-09-15, 2024/9/15 or 2024年9月15日
original_principal     原始本金（元）   no        yuan (7100, ¥7,100 or 7100元); defaults to the outstanding principal
outstanding_principal  剩余本金（元）   yes       yuan
accrued_interest       已计利息（元）   no        yuan, default 0 (likewise 罚息, 违约金, 其他费用)
contract_rate          年利率（%）      yes       18, 18%, 年利率18%, 月2%, 日万分之五, 0.05%/日 or an Excel percent cell
penalty_rate           罚息年利率（%）  no        a rate, as above
fee_rate               费率（年%）      no        recurring fees as a rate of the principal, as above
overdue_since          逾期起始日       no        a date; empty when not overdue
monthly_payment        月供（元）       yes       yuan: the installment or the card's minimum payment
account_number         账号             no        text
=====================  ==============  ========  ============================================================

Every row is checked and every problem reported (each located ``row N``, the file's row as a spreadsheet numbers
it); good rows are returned even when others are bad, and a bad row is never dropped without an error. A title row
above the header is skipped, a workbook whose debts are on another sheet is read from that sheet (and says so),
and the template's sample row is refused (:mod:`planner.io.tabular`). A CSV row with more cells than the header
(an unquoted ``4,500``) is one ``too_many_cells`` error and its cells are not read. A repeated id is an error on
the later row; a missing required column is a ``missing_column`` error naming the column. Excel cells are read as
Excel shows them: a rate cell formatted as a percentage (stored 0.1825, shown 18.25%) is 18.25 % a year.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from planner.dates import parse_date
from planner.domain.case import Case
from planner.domain.fields import FieldSpec, ValueKind, fields_of
from planner.domain.model import Budget, Debt
from planner.errors import InvalidInput
from planner.io.tabular import SAMPLE_MARK, Columns, Row, read_rows, read_sheet, write_template
from planner.io.values import parse_kind, parse_rate
from planner.money import money
from planner.text import zh

COLUMNS: tuple[FieldSpec, ...] = tuple(s for s in fields_of(Debt) if s.column)
"""The debts table's columns, in the template's order."""
COLUMNS_ZH: dict[str, str] = {s.name: zh.COLUMNS[s.name] for s in COLUMNS}
REQUIRED = tuple(s.name for s in COLUMNS if s.required)

# Other headers people write for the same columns.
HEADER_ALIASES: dict[str, str] = {
    "债权人类型": "kind",
    "机构类型": "kind",
    "借款日期": "contract_date",
    "合同签订日": "contract_date",
    "借款本金": "original_principal",
    "本金": "original_principal",
    "未还本金": "outstanding_principal",
    "利息": "accrued_interest",
    "滞纳金": "liquidated_damages",
    "合同利率": "contract_rate",
    "利率": "contract_rate",
    "罚息利率": "penalty_rate",
    "费率": "fee_rate",
    "逾期日期": "overdue_since",
    "最低还款": "monthly_payment",
    "月供/最低还款": "monthly_payment",
    "每月还款": "monthly_payment",
    "合同号": "account_number",
    "账号/合同号": "account_number",
    **{label: name for name, label in zh.FIELDS.items() if name in {s.name for s in COLUMNS}},
}

_PARSERS: dict[ValueKind, Callable[[str, str], Any]] = {
    ValueKind.TEXT: lambda text, _field: text,
    ValueKind.CHOICE: lambda text, field: parse_kind(text, field=field),
    ValueKind.DATE: lambda text, field: parse_date(text, field=field),
    ValueKind.MONEY: lambda text, field: money(text, field=field),
    ValueKind.RATE: lambda text, field: parse_rate(text, field=field),
}


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The debts read from a table and every problem found.

    Attributes:
        debts: the rows that are valid, in table order.
        errors: one error per problem, each located ``row N`` (header problems at the header's row).
        ignored_columns: headers that match no known column, as written.
        sheet: for a workbook, the sheet read.
        first_sheet: for a workbook whose debts were not on the first sheet, the first sheet's name.
    """

    debts: tuple[Debt, ...]
    errors: tuple[InvalidInput, ...]
    ignored_columns: tuple[str, ...] = ()
    sheet: str | None = None
    first_sheet: str | None = None

    @property
    def ok(self) -> bool:
        """Return True when no problem was found."""
        return not self.errors


DEBT_COLUMNS = Columns(COLUMNS_ZH, HEADER_ALIASES, REQUIRED)
"""The debts table's columns, as :func:`planner.io.tabular.read_rows` reads them."""


def column_for(header: str) -> str | None:
    """Return the field a header names (``"剩余本金（元）"`` → ``"outstanding_principal"``), or None."""
    return DEBT_COLUMNS.column_for(header)


def is_debts_header(header: Sequence[str]) -> bool:
    """Return True when ``header`` names at least the id and the outstanding principal columns."""
    found = {column_for(h) for h in header}
    return {"id", "outstanding_principal"} <= found


def _parse_row(cells: dict[str, str]) -> tuple[dict[str, Any], list[InvalidInput]]:
    """Convert each cell of a row on its own, so every bad cell is reported, not only the first."""
    values: dict[str, Any] = {}
    errors: list[InvalidInput] = []
    for spec in COLUMNS:
        text = cells.get(spec.name, "").strip()
        if not text:
            if spec.required:
                errors.append(InvalidInput(spec.name, "required", None))
            continue
        try:
            values[spec.name] = _PARSERS[spec.kind](text, spec.name)
        except InvalidInput as err:
            errors.append(InvalidInput(spec.name, err.code, text, params=err.params))
    for spec in COLUMNS:
        if spec.default_from is not None and spec.name not in values and spec.default_from in values:
            values[spec.name] = values[spec.default_from]
    return values, errors


def debts_from_rows(header: list[str], rows: Sequence[Row], *, header_row: int = 1) -> ImportResult:
    """Return the debts in already-read table rows (see :func:`import_debts`); ``header_row`` locates header
    problems."""
    columns, errors, ignored = DEBT_COLUMNS.map_header(header, header_row)
    if errors:
        return ImportResult((), tuple(errors), ignored)
    seen: dict[str, int] = {}

    def build(number: int, cells: dict[str, str]) -> tuple[Debt | None, list[InvalidInput]]:
        values, problems = _parse_row(cells)
        debt_id = values.get("id")
        if debt_id is not None and debt_id in seen:
            problems.insert(0, InvalidInput("id", "duplicate", debt_id, params={"row": seen[debt_id]}))
        debt = None
        if not problems:
            try:
                debt = Debt(**values)
            except InvalidInput as err:
                problems.append(err)
        if debt_id is not None and debt_id not in seen:
            seen[debt_id] = number
        return debt, problems

    debts, problems = read_rows(rows, columns, build)
    return ImportResult(tuple(debt for _, debt in debts), tuple(problems), ignored)


def import_debts(path: str | Path) -> ImportResult:
    """Read debts from a CSV (UTF-8, UTF-8 with BOM, or GB18030) or .xlsx file.

    Returns:
        The valid debts and every problem found (see the module docstring).

    Raises:
        InvalidInput: ``bad_file`` when the file cannot be read as a table at all.
    """
    table = read_sheet(path, recognised=is_debts_header)
    result = debts_from_rows(list(table.header), table.rows, header_row=table.header_row)
    return replace(result, sheet=table.sheet, first_sheet=table.first_sheet)


def replace_debts(case: Case, debts: Sequence[Debt], *, budget: Budget | None = None, **changes: Any) -> Case:
    """Return ``case`` with its debts replaced by ``debts``, keeping its scenarios, notes and the rest.

    ``budget`` and ``changes`` (``as_of``, ``borrower``) replace those parts too when given.

    Raises:
        InvalidInput: ``plans_need_debts`` when a scenario has a plan for a debt no longer in ``debts`` (the
            plan would be lost): the ids are listed, so the user can add them back or delete those plans first.
    """
    ids = {d.id for d in debts}
    missing = sorted({debt_id for s in case.scenarios for debt_id, _ in s.plans if debt_id not in ids}
                     | {debt_id for s in case.scenarios for debt_id in s.surplus_order if debt_id not in ids})
    if missing:
        raise InvalidInput("scenarios", "plans_need_debts", None, params={"choices": ", ".join(missing)})
    kept = {"budget": budget if budget is not None else case.budget, **changes}
    return replace(case, debts=tuple(debts), **kept)


TEMPLATE_EXAMPLE: dict[str, str] = {
    "id": f"cmb-card（{SAMPLE_MARK}）",
    "creditor": "招商银行信用卡中心",
    "kind": "信用卡",
    "contract_date": "2018-07-16",
    "original_principal": "40000.00",
    "outstanding_principal": "38600.00",
    "accrued_interest": "7862.40",
    "penalty_interest": "0",
    "liquidated_damages": "1158.00",
    "other_fees": "0",
    "contract_rate": "日万分之五",
    "penalty_rate": "",
    "fee_rate": "",
    "overdue_since": "2025-10-05",
    "monthly_payment": "4200.00",
    "account_number": "卡号尾号 4417",
}


def write_debts_template(path: str | Path) -> Path:
    """Write a template with the Chinese header and one sample row, for users to fill in: an Excel workbook when
    ``path`` ends in ``.xlsx`` (every cell text, so Excel keeps dates and rates as written), else CSV.

    The CSV is UTF-8 with a byte-order mark, so Excel on Windows shows the Chinese header correctly. The sample
    row's id carries :data:`planner.io.tabular.SAMPLE_MARK`: left in place, it is refused on import with a
    message saying to delete it, so its fictional figures never become data.

    Returns:
        The path written.
    """
    header = list(COLUMNS_ZH.values())
    sample = [TEMPLATE_EXAMPLE[spec.name] for spec in COLUMNS]
    return write_template(path, header, sample, sheet="债务", example="debts.csv")
