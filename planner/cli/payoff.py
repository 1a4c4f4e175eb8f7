"""``planner payoff``: where each month's money goes — pro-rata, avalanche, snowball or a custom order.

    planner payoff (CASE | --debts FILE.csv) --monthly AMOUNT --policy pro-rata|avalanche|snowball|custom
                   [--order ID,ID,…] [--extra YYYY-MM:AMOUNT …] [--start YYYY-MM-DD] [--compare] [--json]

The engine and its convention are :mod:`planner.engines.payoff`. This module reads the debts (a case file, or a CSV/xlsx
table through :mod:`planner.io.tabular`), parses the options into domain values and prints text or the JSON contract.
A case file's debts are costed as ``planner plan`` costs the status quo (charges held apart, no interest on
interest, recurring fees: :func:`planner.engines.payoff.payoff_debts_from_case`); a debts table has none of those. A debts
table may have a title row above its header; a row with more cells than the header (an unquoted ``4,500``) is an
error; a rate above 0 and below 1 (probably 0.18 written for 18 %) is used as written with a warning on stderr.
Bad input raises :class:`planner.errors.InvalidInput`; the plumbing in :mod:`planner.cli` prints one line and
exits with 2. Like the other CLI command modules (and unlike the core engines, which never do), this module reads
the clock: ``--start`` defaults to a case file's as-of date, else to today.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from planner.cli import UsageError, format_table, print_json
from planner.dates import parse_date, parse_month
from planner.engines.payoff import (
    DEFAULT_HORIZON,
    MinPayment,
    PayoffDebt,
    PayoffResult,
    Policy,
    compare_policies,
    interest_saved,
    minimums_only,
    payoff_debts_from_case,
    policy_label,
    simulate,
    to_json,
)
from planner.errors import InvalidInput
from planner.io.tabular import header_lookup, normalise_header, read_sheet
from planner.money import money
from planner.text.labels import signed_yuan

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
_YES = {"yes", "y", "true", "1", "是", "接受", ""}
_NO = {"no", "n", "false", "0", "否", "不接受"}

HELP_DEBTS = (
    "debts table (.csv UTF-8 with or without BOM, GB18030, or .xlsx), header id,creditor,balance,annual_rate,"
    "min_payment (or 编号,债权人,余额,年利率,最低还款; creditor may be left out); annual_rate in percent (24 or 24%%); "
    "min_payment a fixed amount (500), a percent of the balance (10%%) or a percent with a floor (10%%:100 = 10%% "
    "of the balance, at least ¥100); optional column accepts_extra/接受额外还款 (yes/no, 是/否: no for a negotiated "
    "fixed plan) / 债务表"
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the payoff command."""
    parser = sub.add_parser(
        "payoff",
        help="plan where each month's money goes: pro-rata, avalanche, snowball, custom / 还款顺序策略",
        description=(
            "Each month every debt accrues interest (balance × rate / 12, rounded half up to the fen), is paid its "
            "minimum, and the rest of the budget goes in the policy's order with rollover. 每月先计息、再付各笔最低"
            "还款，余下预算按策略顺序分配，还清的债务当月把余款转给下一笔。"
        ),
    )
    parser.add_argument("case", nargs="?", metavar="CASE", help="case file (.json) / 案例文件")
    parser.add_argument("--debts", metavar="FILE.csv", help=HELP_DEBTS)
    parser.add_argument("--monthly", required=True, metavar="AMOUNT", help="monthly budget in yuan, > 0 / 每月预算")
    parser.add_argument(
        "--policy",
        metavar="POLICY",
        help="pro-rata | avalanche | snowball | custom (required unless --compare) / 还款策略",
    )
    parser.add_argument(
        "--order",
        metavar="ID,ID,…",
        help="debt ids for the custom policy (only with --policy custom or --compare); debts not named follow in "
        "input order / 自定义顺序",
    )
    parser.add_argument(
        "--extra",
        nargs="+",
        action="extend",
        default=[],
        metavar="YYYY-MM:AMOUNT",
        help="one-off extra payments, each in its month: --extra 2026-03:100 2026-04:50 (the option may also be "
        "repeated) / 一次性额外还款",
    )
    parser.add_argument("--start", metavar="YYYY-MM-DD", help="month 0; month 1 is paid one month later (default: the case's as-of date, else today)")
    parser.add_argument("--compare", action="store_true", help="all four policies side by side / 四种策略对比")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run_payoff)


# ------------------------------------------------------------------------------------------------- parsing


_LOOKUP = header_lookup(COLUMNS_ZH, HEADER_ALIASES)


def _accepts_extra(value: str) -> bool:
    text = value.strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise InvalidInput("accepts_extra", "unknown_choice", value, params={"choices": "yes, no, 是, 否"})


EXPECTED_HEADER = "id,creditor,balance,annual_rate,min_payment"
EXPECTED_HEADER_ZH = "编号,债权人,余额,年利率,最低还款"


def _case_file_as_table(path: str | Path) -> UsageError:
    return UsageError(
        f"planner payoff: {path} is a case file, not a debts table: pass it as CASE without --debts "
        f"(planner payoff {path} --monthly …) / 案例文件请直接作为 CASE 传入，不要加 --debts"
    )


def _no_header(path: str | Path, first_row: Sequence[str], lang: str) -> InvalidInput:
    shown = ",".join(first_row)
    shown = shown if len(shown) <= 60 else f"{shown[:60]}…"
    if lang == "en":
        reason = f"no recognised header (first row: {shown})"
    else:
        reason = f"表头无法识别（第一行为：{shown}）"
    return InvalidInput(
        "file",
        "bad_file",
        str(path),
        params={
            "reason": reason,
            "fix": f"expected {EXPECTED_HEADER} (or {EXPECTED_HEADER_ZH}) as the first row",
            "fix_zh": f"第一行应为表头 {EXPECTED_HEADER_ZH}（或 {EXPECTED_HEADER}）",
        },
    )


def read_payoff_debts(path: str | Path, *, lang: str = "zh") -> tuple[PayoffDebt, ...]:
    """Read the debts table for ``planner payoff`` (``lang``: the language of a header error's reason).

    Raises:
        UsageError: the file is a case file (``.json``, or JSON text): it belongs in CASE, not ``--debts``.
        InvalidInput: no recognised header, a missing column, or the first bad row, located ``row N`` (the
            file's row: the header is row 1 unless a title row or blank rows come first): a bad cell, or a row
            with more cells than the header (``too_many_cells``: an unquoted ``4,500``).
    """
    if Path(path).suffix.lower() == ".json":
        raise _case_file_as_table(path)
    table = read_sheet(path)
    header, rows = list(table.header), table.rows
    columns: dict[str, str] = {}
    for name in header:
        field = _LOOKUP.get(normalise_header(name))
        if field is not None and field not in columns:
            columns[field] = name
    if not columns:
        first = table.title if table.title is not None else header[0] if header else ""
        if first.lstrip().startswith(("{", "[")):
            raise _case_file_as_table(path)
        raise _no_header(path, header, lang)
    for field in REQUIRED:
        if field not in columns:
            expected = f"{EXPECTED_HEADER} / {EXPECTED_HEADER_ZH}"
            raise InvalidInput(field, "missing_column", params={"choices": expected}, where=str(path))
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
                rate=cells["annual_rate"],
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


class OrderNeedsCustom(InvalidInput):
    """``--order`` given with a policy other than custom (and without ``--compare``), where it would be ignored.

    Structured as ``order`` / ``unknown_choice`` (the policy given; the only choice is ``custom``), worded to say
    what is wrong: the order only applies to the custom policy.
    """

    def __init__(self, policy: Policy) -> None:
        super().__init__("order", "unknown_choice", policy.value, params={"choices": Policy.CUSTOM.value})

    def message_en(self) -> str:
        """Return the English message."""
        return (
            f"--order only applies to the custom policy, not to --policy {self.value}; use --policy custom "
            "(or --compare), or leave out --order"
        )

    def message_zh(self) -> str:
        """Return the Chinese message."""
        return (
            f"--order（还款顺序）只适用于自定义顺序策略（custom），不适用于 --policy {self.value}；"
            "请改用 --policy custom（或 --compare），或去掉 --order"
        )


def parse_extra(text: str) -> tuple[int, int, Any]:
    """Return ``(year, month, amount)`` from ``YYYY-MM:AMOUNT`` (a full-width colon is accepted)."""
    raw = text.strip().replace("\uff1a", ":")
    month_text, sep, amount_text = raw.partition(":")
    if not sep:
        raise InvalidInput("extras", "bad_month", text)
    year, month = parse_month(month_text, field="extras")
    value = money(amount_text, field="extras")
    if value <= 0:
        raise InvalidInput("extras", "not_positive", text)
    return year, month, value


def fraction_rate_warnings(debts: Sequence[PayoffDebt], lang: str = "zh") -> list[str]:
    """Return one warning per debt whose annual rate is above 0 and below 1 %: probably a fraction (0.18 for 18 %).

    A debts table's rate is percent a year, so 0.18 is read as 0.18 % a year; the warning says how to write 18 %.
    """
    lines = []
    for debt in debts:
        percent = debt.rate.percent_per_year
        if 0 < percent < 1:
            given = f"{percent.normalize():f}"
            meant = f"{(percent * 100).normalize():f}"
            if lang == "en":
                lines.append(f"note: {debt.id}'s annual rate is {given}%, which is very low; if you meant "
                             f"{meant}%, write {meant} in the table")
            else:
                lines.append(f"注意：{debt.id} 的年利率为 {given}%，很低；如果本意是 {meant}%，请在表中写 {meant}")
    return lines


def _load_debts(args: argparse.Namespace, lang: str) -> tuple[tuple[PayoffDebt, ...], date | None]:
    """Return the debts and, for a case file, its as-of date (the date its balances are stated at)."""
    if args.case and args.debts:
        msg = "planner payoff: give either CASE or --debts FILE.csv, not both / 案例文件与 --debts 只能二选一"
        raise UsageError(msg)
    if args.debts:
        debts = read_payoff_debts(args.debts, lang=lang)
        for line in fraction_rate_warnings(debts, lang):
            sys.stderr.write(f"planner: {line}\n")
        return debts, None
    if args.case:
        from planner.io.casefile import load_case  # loaded only when a case is given

        case = load_case(args.case)
        return payoff_debts_from_case(case), case.as_of
    msg = "planner payoff: give a CASE file or --debts FILE.csv / 请提供案例文件或 --debts 债务表"
    raise UsageError(msg)


def _order(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [part.strip() for part in re.split(r"[,，、]", text) if part.strip()]


# ------------------------------------------------------------------------------------------------ commands


def run_payoff(args: argparse.Namespace) -> int:
    """Simulate one policy, or compare all four, and print text or JSON."""
    lang = getattr(args, "lang", "zh")
    debts, as_of = _load_debts(args, lang)
    budget = money(args.monthly, field="monthly", positive=True)
    if budget <= 0:
        raise InvalidInput("monthly", "not_positive", args.monthly)
    policy = Policy.coerce(args.policy) if args.policy is not None else None
    extras = [parse_extra(text) for text in args.extra]
    # The CLI is the edge that may read the clock; a case file's balances are stated at its as-of date.
    start = parse_date(args.start, field="start") if args.start is not None else as_of or date.today()  # noqa: DTZ011
    order = _order(args.order)
    if order is not None and not args.compare and policy is not None and policy is not Policy.CUSTOM:
        raise OrderNeedsCustom(policy)
    if args.compare:
        results = compare_policies(debts, monthly_budget=budget, order=order, extras=extras, start=start)
        if args.json:
            print_json([to_json(r, include_policy=True) for r in results])
        else:
            baseline = minimums_only(debts, monthly_budget=budget, start=start)
            sys.stdout.write(format_comparison(debts, results, baseline, lang=lang) + "\n")
        return 0
    if policy is None:
        raise InvalidInput("policy", "required", where="--policy")
    result = simulate(debts, monthly_budget=budget, policy=policy, order=order, extras=extras, start=start)
    if args.json:
        print_json(to_json(result))
    else:
        sys.stdout.write(format_result(debts, result, lang=lang) + "\n")
    return 0


# ------------------------------------------------------------------------------------------------- output


def _month(value: int | None, when: date | None, lang: str) -> str:
    if value is None:
        return "never" if lang == "en" else "未还清"
    return f"{value} ({when.isoformat()})" if when is not None else str(value)


def _or_dash(value: int | None) -> str:
    return "—" if value is None else str(value)


def _findings_text(results: Sequence[PayoffResult], lang: str) -> list[str]:
    seen: dict[str, list[str]] = {}
    for result in results:
        for finding in result.findings:
            seen.setdefault(finding.message(lang), []).append(policy_label(result.policy, lang))
    lines = []
    for message, policies in seen.items():
        if len(results) == 1:
            suffix = ""
        elif lang == "en":
            suffix = f" (policies: {'; '.join(policies)})"
        else:
            suffix = f"（策略：{'、'.join(policies)}）"
        lines.append(f"- {message}{suffix}")
    return lines


def _debt_free_line(result: PayoffResult, lang: str) -> str:
    months = result.months_to_debt_free
    if lang == "en":
        if months is None:
            return f"Not debt-free within {len(result.months)} months"
        when = f" ({result.debt_free_date.isoformat()})" if result.debt_free_date is not None else ""
        return f"Debt-free after {months} month{'' if months == 1 else 's'}{when}"
    return f"还清所需月数：{_month(months, result.debt_free_date, lang)}"


def _totals_line(result: PayoffResult, lang: str) -> str:
    if lang == "en":
        fees = f"   total fees {signed_yuan(result.total_fees)}" if result.total_fees else ""
        return f"Total interest {signed_yuan(result.total_interest)}{fees}   total paid {signed_yuan(result.total_paid)}"
    fees = f"   费用合计 {signed_yuan(result.total_fees)}" if result.total_fees else ""
    return f"利息合计 {signed_yuan(result.total_interest)}{fees}   还款总额 {signed_yuan(result.total_paid)}"


def _plain(value: Decimal) -> str:
    """Return an amount for a table cell, without the yuan sign: "1,234.50", "-300.00" (never "-0.00")."""
    return signed_yuan(value).replace("¥", "", 1)


def _budget(result: PayoffResult) -> str:
    return "—" if result.monthly_budget is None else signed_yuan(result.monthly_budget)


def _dash_note(results: Sequence[PayoffResult], baseline: PayoffResult, lang: str) -> str | None:
    """Return the one line saying what "—" means in the comparison, or None when only the baseline's own
    "saved" cell is a dash."""
    horizon = DEFAULT_HORIZON
    unfinished = [r for r in results if r.months_to_debt_free is None]
    if baseline.months_to_debt_free is None:
        if lang == "en":
            note = (f"—: paying only the minimums never finishes within {horizon} months, so interest cannot be "
                    "compared (its interest counts only to the end of that period; see still owed)")
            return note + ("; a policy with — in months is not debt-free within that period either"
                           if unfinished else "")
        note = f"—：仅还最低还款在 {horizon} 个月内还不清，利息无法比较（其利息只算到测算期末，另见剩余未还）"
        return note + ("；还清所需月数为 — 的策略在测算期内同样还不清" if unfinished else "")
    if unfinished:
        if lang == "en":
            return f"—: not debt-free within {horizon} months, so interest saved cannot be compared"
        return f"—：在 {horizon} 个月内还不清，节省利息无法比较"
    return None


def format_result(debts: Sequence[PayoffDebt], result: PayoffResult, *, lang: str = "zh") -> str:
    """Return the text report of one plan: the totals, one line per debt, and the findings."""
    en = lang == "en"
    name = policy_label(result.policy, lang)
    lines = [
        f"Policy: {name}   monthly budget {_budget(result)}   start {result.start.isoformat()}"
        if en
        else f"还款策略：{name}   每月预算 {_budget(result)}   起算日 {result.start.isoformat()}",
        _debt_free_line(result, lang),
        _totals_line(result, lang),
        "",
    ]
    headers = (
        ["id", "creditor", "balance", "rate %", "minimum", "paid off in month", "interest", "paid"]
        if en
        else ["编号", "债权人", "余额", "年利率(%)", "最低还款", "还清月份", "利息", "已还"]
    )
    by_id = {d.id: d for d in debts}
    rows = []
    for summary in result.debts:
        debt = by_id[summary.id]
        rows.append(
            [
                summary.id,
                debt.creditor,
                _plain(debt.balance),
                f"{debt.rate.percent_per_year.normalize():f}",
                debt.minimum.describe(lang),
                _month(summary.payoff_month, summary.payoff_date, lang),
                _plain(summary.interest),
                _plain(summary.paid),
            ]
        )
    lines.append(format_table(headers, rows, align_right=[False, False, True, True, True, True, True, True]))
    notes = _findings_text([result], lang)
    if notes:
        lines += ["", "Notes:" if en else "提示：", *notes]
    return "\n".join(lines)


def format_comparison(
    debts: Sequence[PayoffDebt], results: Sequence[PayoffResult], baseline: PayoffResult, *, lang: str = "zh"
) -> str:
    """Return the policies side by side (one column each, plus the minimums-only path) with the findings."""
    en = lang == "en"
    plans = [*results, baseline]
    headers = ["" if en else "项目", *(policy_label(r.policy, lang) for r in plans)]
    with_fees = any(r.total_fees for r in plans)

    def saved(result: PayoffResult) -> str:
        value = interest_saved(result, baseline)
        return "—" if value is None else _plain(value)

    rows: list[list[str]] = [
        ["months to debt-free" if en else "还清所需月数", *(_or_dash(r.months_to_debt_free) for r in plans)],
        ["debt-free date" if en else "还清日期",
         *(r.debt_free_date.isoformat() if r.debt_free_date else "—" for r in plans)],
        ["total interest" if en else "利息合计", *(_plain(r.total_interest) for r in plans)],
    ]
    if with_fees:
        rows.append(["total fees" if en else "费用合计", *(_plain(r.total_fees) for r in plans)])
    rows += [
        ["total paid" if en else "还款总额", *(_plain(r.total_paid) for r in plans)],
        ["still owed at the end" if en else "剩余未还", *(_plain(r.remaining) for r in plans)],
        [("interest and fees saved vs minimums only" if with_fees else "interest saved vs minimums only") if en
         else ("较只还最低节省利息和费用" if with_fees else "较只还最低节省利息"), *(saved(r) for r in plans)],
    ]
    for index, debt in enumerate(debts):
        title = f"{debt.id} paid off in month" if en else f"{debt.id} 还清月份"
        rows.append([title, *(_or_dash(r.debts[index].payoff_month) for r in plans)])
    budget = results[0].monthly_budget if results else None
    shown = "—" if budget is None else signed_yuan(budget)
    intro = (f"Monthly budget {shown}, start {results[0].start.isoformat()}" if en
             else f"每月预算 {shown}，起算日 {results[0].start.isoformat()}")
    lines = [intro, "", format_table(headers, rows, align_right=[False] + [True] * len(plans))]
    note = _dash_note(results, baseline, lang)
    if note is not None:
        lines.append(note)
    notes = _findings_text(results, lang)
    if notes:
        lines += ["", "Notes:" if en else "提示：", *notes]
    return "\n".join(lines)
