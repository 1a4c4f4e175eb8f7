"""Importing debts from a spreadsheet (CSV or Excel .xlsx) that a borrower or counsellor filled in.

The table has one debt per row. Columns are found by their English identifier or their Chinese header, in any
order; a unit in brackets after a header is ignored (``剩余本金（元）``), and columns the planner does not know are
listed in :attr:`ImportResult.ignored_columns` rather than silently dropped.

=====================  ==========  ========  ==================================================================
identifier             中文表头     required  cell
=====================  ==========  ========  ==================================================================
id                     编号         yes       a short unique name (``cmb-card``)
creditor               债权人       yes       the creditor's name
kind                   类型         yes       ``credit-card`` … or 信用卡 / 银行贷款 / 消费金融公司 / 网贷平台 / 小额贷款公司 / 民间借贷
contract_date          合同日期     yes       2024-09-15, 2024/9/15 or 2024年9月15日
original_principal     原始本金     no        yuan; defaults to the outstanding principal
outstanding_principal  剩余本金     yes       yuan
accrued_interest       已计利息     no        yuan, default 0 (likewise 罚息, 违约金, 其他费用)
contract_rate          年利率       yes       percent a year: ``18``, ``18%`` or an Excel percent cell
penalty_rate           罚息年利率   no        percent a year
fee_rate               费率         no        recurring fees as percent a year of the principal
overdue_since          逾期起始日   no        a date; empty when not overdue
monthly_payment        月供         yes       yuan: the installment or the card's minimum payment
account_number         账号         no        text
=====================  ==========  ========  ==================================================================

Every row is checked and every problem reported (each located ``row N``, the file's row as a spreadsheet numbers
it); good rows are returned even when others are bad, and a bad row is never dropped without an error. A title row
above the header (``刘建国债务清单`` alone on the first row) is skipped (:mod:`planner.io.tabular`). A CSV row with
more cells than the header (an unquoted ``4,500``) is one ``too_many_cells`` error (field ``file``) and its cells,
which no longer line up with the columns, are not read. A repeated id is an error on the later row. A missing
required column is a ``missing_column`` error. Problems
with the file itself (missing, a folder, not CSV/xlsx, undecodable, a damaged workbook, a CSV cell over the CSV
reader's limit) raise :class:`planner.errors.InvalidInput` with ``bad_file`` from
:func:`planner.io.tabular.read_table`. Excel cells are read as Excel shows them: a rate cell formatted as a
percentage (stored 0.1825, shown 18.25%) is 18.25 % a year, not 0.1825 %.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from planner.dates import parse_date
from planner.domain.model import KIND_LABELS_ZH, CreditorKind, Debt
from planner.errors import InvalidInput
from planner.io.tabular import Row, header_lookup, normalise_header, read_sheet
from planner.money import money
from planner.rates import Rate

# field -> Chinese header (the template's header, in this order)
COLUMNS_ZH: dict[str, str] = {
    "id": "编号",
    "creditor": "债权人",
    "kind": "类型",
    "contract_date": "合同日期",
    "original_principal": "原始本金",
    "outstanding_principal": "剩余本金",
    "accrued_interest": "已计利息",
    "penalty_interest": "罚息",
    "liquidated_damages": "违约金",
    "other_fees": "其他费用",
    "contract_rate": "年利率",
    "penalty_rate": "罚息年利率",
    "fee_rate": "费率",
    "overdue_since": "逾期起始日",
    "monthly_payment": "月供",
    "account_number": "账号",
}
REQUIRED = ("id", "creditor", "kind", "contract_date", "outstanding_principal", "contract_rate", "monthly_payment")

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
    "逾期日期": "overdue_since",
    "最低还款": "monthly_payment",
    "月供/最低还款": "monthly_payment",
    "每月还款": "monthly_payment",
    "合同号": "account_number",
    "账号/合同号": "account_number",
}

KIND_ALIASES: dict[str, CreditorKind] = {
    "银行信用卡": CreditorKind.CREDIT_CARD,
    "银行": CreditorKind.BANK_LOAN,
    "消费金融": CreditorKind.CONSUMER_FINANCE,
    "消金": CreditorKind.CONSUMER_FINANCE,
    "网贷": CreditorKind.ONLINE_PLATFORM,
    "助贷": CreditorKind.ONLINE_PLATFORM,
    "网络贷款": CreditorKind.ONLINE_PLATFORM,
    "小贷": CreditorKind.MICROLOAN,
    "小额贷款": CreditorKind.MICROLOAN,
    "个人借款": CreditorKind.PRIVATE,
    "私人借款": CreditorKind.PRIVATE,
    "亲友借款": CreditorKind.PRIVATE,
}

_MONEY_FIELDS = (
    "original_principal",
    "outstanding_principal",
    "accrued_interest",
    "penalty_interest",
    "liquidated_damages",
    "other_fees",
    "monthly_payment",
)
_RATE_FIELDS = ("contract_rate", "penalty_rate", "fee_rate")
_DATE_FIELDS = ("contract_date", "overdue_since")
_CN_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The debts read from a table and every problem found.

    Attributes:
        debts: the rows that are valid, in table order.
        errors: one error per problem, each located ``row N`` (header problems at the header's row).
        ignored_columns: headers that match no known column, as written.
    """

    debts: tuple[Debt, ...]
    errors: tuple[InvalidInput, ...]
    ignored_columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Return True when no problem was found."""
        return not self.errors


_LOOKUP = header_lookup(COLUMNS_ZH, HEADER_ALIASES)


def column_for(header: str) -> str | None:
    """Return the field a header names (``"剩余本金（元）"`` → ``"outstanding_principal"``), or None."""
    return _LOOKUP.get(normalise_header(header))


def parse_kind(value: str) -> CreditorKind:
    """Return the creditor kind named by its identifier (``credit-card``) or a Chinese name (信用卡, 网贷 …).

    Raises:
        InvalidInput: ``unknown_choice`` listing both spellings.
    """
    text = value.strip()
    key = text.lower().replace("_", "-").replace(" ", "-")
    for kind in CreditorKind:
        if key == kind.value or text == KIND_LABELS_ZH[kind]:
            return kind
    if text in KIND_ALIASES:
        return KIND_ALIASES[text]
    choices = ", ".join(f"{k.value} ({KIND_LABELS_ZH[k]})" for k in CreditorKind)
    raise InvalidInput("kind", "unknown_choice" if text else "required", value, params={"choices": choices})


def parse_table_date(value: str, *, field: str) -> date:
    """Return a date written ``2024-09-15``, ``2024/9/15``, ``2024.9.15`` or ``2024年9月15日``."""
    match = _CN_DATE.match(value.strip())
    if match:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            raise InvalidInput(field, "bad_date", value) from None
    return parse_date(value, field=field)


def _amount(value: str, field: str) -> Any:
    return money(value.strip().removesuffix("元"), field=field)


def _rate(value: str, field: str) -> Rate:
    return Rate.parse(value, field=field)


def _parse_row(cells: dict[str, str]) -> tuple[dict[str, Any], list[InvalidInput]]:
    """Convert each cell of a row on its own, so every bad cell is reported, not only the first."""
    values: dict[str, Any] = {}
    errors: list[InvalidInput] = []

    def convert(field: str, parse: Callable[[str, str], Any]) -> None:
        text = cells.get(field, "").strip()
        if not text:
            if field in REQUIRED:
                errors.append(InvalidInput(field, "required", None))
            return
        try:
            values[field] = parse(text, field)
        except InvalidInput as err:
            errors.append(InvalidInput(field, err.code, text, params=err.params))

    for field in ("id", "creditor", "account_number"):
        convert(field, lambda text, _f: text)
    convert("kind", lambda text, _f: parse_kind(text))
    for field in _DATE_FIELDS:
        convert(field, lambda text, f: parse_table_date(text, field=f))
    for field in _MONEY_FIELDS:
        convert(field, _amount)
    for field in _RATE_FIELDS:
        convert(field, _rate)
    if "original_principal" not in values and "outstanding_principal" in values:
        values["original_principal"] = values["outstanding_principal"]
    return values, errors


def _header_problems(
    header: list[str], header_row: int = 1
) -> tuple[dict[str, str], list[InvalidInput], tuple[str, ...]]:
    """Map each known column to its header; report missing, repeated and unknown columns."""
    where = f"row {header_row}"
    found: dict[str, str] = {}
    errors: list[InvalidInput] = []
    ignored: list[str] = []
    for name in header:
        field = column_for(name)
        if field is None:
            ignored.append(name)
        elif field in found:
            errors.append(InvalidInput(field, "duplicate", name, where=where))
        else:
            found[field] = name
    wanted = ", ".join(f"{COLUMNS_ZH[f]} ({f})" for f in REQUIRED)
    for field in REQUIRED:
        if field not in found:
            errors.append(
                InvalidInput(field, "missing_column", COLUMNS_ZH[field], params={"choices": wanted}, where=where)
            )
    return found, errors, tuple(ignored)


def debts_from_rows(header: list[str], rows: list[Row], *, header_row: int = 1) -> ImportResult:
    """Return the debts in already-read table rows (see :func:`import_debts`); ``header_row`` locates header
    problems."""
    columns, errors, ignored = _header_problems(header, header_row)
    if errors:
        return ImportResult((), tuple(errors), ignored)
    debts: list[Debt] = []
    seen: dict[str, int] = {}
    for row in rows:
        if row.problem is not None:  # its cells do not line up with the columns: report the row, read nothing
            errors.append(row.problem)
            continue
        cells = {field: row.cells.get(name, "") for field, name in columns.items()}
        values, problems = _parse_row(cells)
        where = f"row {row.number}"
        debt_id = values.get("id")
        if debt_id is not None and debt_id in seen:
            problems.insert(0, InvalidInput("id", "duplicate", debt_id, params={"row": seen[debt_id]}))
        if not problems:
            try:
                debts.append(Debt(**values))
            except InvalidInput as err:
                problems.append(err)
        if debt_id is not None and debt_id not in seen:
            seen[debt_id] = row.number
        errors.extend(problem.at(where) for problem in problems)
    return ImportResult(tuple(debts), tuple(errors), ignored)


def import_debts(path: str | Path) -> ImportResult:
    """Read debts from a CSV (UTF-8, UTF-8 with BOM, or GB18030) or .xlsx file.

    Returns:
        The valid debts and every problem found (see the module docstring).

    Raises:
        InvalidInput: ``bad_file`` when the file cannot be read as a table at all.
    """
    table = read_sheet(path)
    return debts_from_rows(list(table.header), list(table.rows), header_row=table.header_row)


TEMPLATE_EXAMPLE: dict[str, str] = {
    "id": "cmb-card",
    "creditor": "招商银行信用卡中心",
    "kind": "信用卡",
    "contract_date": "2018-07-16",
    "original_principal": "40000.00",
    "outstanding_principal": "38600.00",
    "accrued_interest": "7862.40",
    "penalty_interest": "0",
    "liquidated_damages": "1158.00",
    "other_fees": "0",
    "contract_rate": "18.25",
    "penalty_rate": "",
    "fee_rate": "",
    "overdue_since": "2025-10-05",
    "monthly_payment": "4200.00",
    "account_number": "卡号尾号 4417",
}


def write_debts_template(path: str | Path) -> Path:
    """Write a CSV template with the Chinese header and one example row, for users to fill in.

    The file is UTF-8 with a byte-order mark, so Excel on Windows shows the Chinese header correctly; it imports
    with :func:`import_debts` as it is.

    Returns:
        The path written.
    """
    path = Path(path)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS_ZH.values())
    writer.writerow(TEMPLATE_EXAMPLE[field] for field in COLUMNS_ZH)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    return path
