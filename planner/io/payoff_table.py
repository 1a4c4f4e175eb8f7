"""The short debts table of ``planner payoff``: ``id,creditor,balance,annual_rate,min_payment`` (or Chinese).

For quick what-ifs: one row per debt with its balance, its rate (as people write it: ``24``, ``24%``, ``月2%``,
``日万分之五``, see :func:`planner.io.values.parse_rate`), its minimum payment (``500``, ``10%`` or ``10%:100``) and,
optionally, whether it accepts extra payments (``accepts_extra``: yes/no, 是/否; no for a negotiated fixed plan).
Read with the same readers as the full debts table (:mod:`planner.io.tabular`): UTF-8 with or without BOM,
GB18030, or .xlsx, a title row skipped, the template's sample row refused.
"""

from __future__ import annotations

from pathlib import Path

from planner.engines.payoff import MinPayment, PayoffDebt
from planner.errors import InvalidInput, file_error
from planner.io.importing import is_debts_header
from planner.io.tabular import header_lookup, normalise_header, read_sheet
from planner.io.values import parse_rate
from planner.money import money

# field -> Chinese header; the CSV contract's header is ``id,creditor,balance,annual_rate,min_payment``.
COLUMNS_ZH = {
    "id": "编号",
    "creditor": "债权人",
    "balance": "余额",
    "annual_rate": "年利率",
    "min_payment": "最低还款",
    "accepts_extra": "接受额外还款",
}
REQUIRED = ("id", "balance", "annual_rate", "min_payment")
HEADER_ALIASES = {
    "欠款": "balance",
    "欠款余额": "balance",
    "剩余欠款": "balance",
    "利率": "annual_rate",
    "最低还款额": "min_payment",
    "月供": "min_payment",
}
EXPECTED_HEADER = "id,creditor,balance,annual_rate,min_payment"
EXPECTED_HEADER_ZH = "编号,债权人,余额,年利率,最低还款"
_YES = {"yes", "y", "true", "1", "是", "接受", ""}
_NO = {"no", "n", "false", "0", "否", "不接受"}
_LOOKUP = header_lookup(COLUMNS_ZH, HEADER_ALIASES)


def _accepts_extra(value: str) -> bool:
    text = value.strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise InvalidInput("accepts_extra", "unknown_choice", value, params={"choices": "yes, no, 是, 否"})


def _columns(header: list[str]) -> dict[str, str]:
    columns: dict[str, str] = {}
    for name in header:
        field = _LOOKUP.get(normalise_header(name))
        if field is not None and field not in columns:
            columns[field] = name
    return columns


def read_payoff_debts(path: str | Path) -> tuple[PayoffDebt, ...]:
    """Read the debts table for ``planner payoff``.

    Raises:
        InvalidInput: ``case_as_table`` for a case file (it belongs in CASE, not ``--debts``); ``full_table`` for
            the full debts table of ``planner import`` (import it, then pass the case); ``bad_file`` /
            ``no_header``; a ``missing_column`` naming the column; or the first bad row, located ``row N`` (the
            file's row): a bad cell, a row with more cells than the header (``too_many_cells``), the template's
            sample row.
    """
    if Path(path).suffix.lower() == ".json":
        raise InvalidInput("file", "case_as_table", str(path))
    table = read_sheet(path, recognised=lambda header: bool(_columns(list(header))))
    header, rows = list(table.header), table.rows
    columns = _columns(header)
    if not columns:
        first = table.title if table.title is not None else header[0] if header else ""
        if first.lstrip().startswith(("{", "[")):
            raise InvalidInput("file", "case_as_table", str(path))
        shown = ",".join(header)
        raise file_error(str(path), "no_header", first_row=shown if len(shown) <= 60 else f"{shown[:60]}…",
                         expected=f"{EXPECTED_HEADER_ZH} / {EXPECTED_HEADER}")
    if any(field not in columns for field in REQUIRED) and is_debts_header(header):
        raise InvalidInput("file", "full_table", str(path))  # the import's table: import it, then plan the case
    for field in REQUIRED:
        if field not in columns:
            raise InvalidInput(field, "missing_column", None, where=str(path),
                               params={"column": f"{COLUMNS_ZH[field]} / {field}",
                                       "choices": f"{EXPECTED_HEADER_ZH} / {EXPECTED_HEADER}"})
    if not rows:
        raise InvalidInput("debts", "empty", where=str(path))
    debts: list[PayoffDebt] = []
    seen: set[str] = set()
    for row in rows:
        if row.problem is not None:
            raise row.problem
        cells = {field: row.cells.get(name, "") for field, name in columns.items()}
        try:
            debt = PayoffDebt(
                id=cells["id"],
                creditor=cells.get("creditor", ""),
                balance=money(cells["balance"], field="balance"),
                rate=parse_rate(cells["annual_rate"], field="annual_rate"),
                minimum=MinPayment.parse(cells["min_payment"]),
                accepts_extra=_accepts_extra(cells.get("accepts_extra", "")),
            )
        except InvalidInput as err:
            where = f"row {row.number}"
            raise err.at(where) from None
        if debt.id in seen:
            raise InvalidInput("id", "duplicate", debt.id, where=f"row {row.number}")
        seen.add(debt.id)
        debts.append(debt)
    return tuple(debts)
