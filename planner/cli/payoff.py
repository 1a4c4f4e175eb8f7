"""``planner payoff``: where each month's money goes — pro-rata, avalanche, snowball or a custom order.

    planner payoff (CASE | --debts FILE.csv) --monthly AMOUNT --policy pro-rata|avalanche|snowball|custom
                   [--order ID,ID,…] [--extra YYYY-MM:AMOUNT …] [--start YYYY-MM-DD] [--compare] [--json]

The engine and its convention are :mod:`planner.engines.payoff`. This module reads the debts (a case file, or the
short debts table of :mod:`planner.io.payoff_table`), parses the options with the shared parsers and prints text or
the JSON contract (:func:`planner.io.export.payoff_json`). A case file's debts are costed as ``planner plan``
costs the status quo (:func:`planner.engines.payoff.payoff_debts_from_case`). A rate whose annual equivalent is
above 0 and below 1 % (probably 0.18 written for 18 %) is used as written with the same warning as everywhere
(:func:`planner.domain.checks.rate_fraction`). ``--start`` defaults to a case file's as-of date, else to today.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from planner.cli import finding_line, format_table, print_json, text_block
from planner.dates import parse_date, parse_month
from planner.domain.checks import rate_fraction
from planner.domain.options import Policy
from planner.engines.payoff import (
    BASELINE,
    DEFAULT_HORIZON,
    PayoffDebt,
    PayoffResult,
    compare_policies,
    interest_saved,
    minimums_only,
    payoff_debts_from_case,
    simulate,
)
from planner.errors import InvalidInput
from planner.io.payoff_table import read_payoff_debts
from planner.money import money
from planner.text import catalog as _catalog
from planner.text import choice_label, fmt, message, render, severity_label

__all__ = ["read_payoff_debts", "register", "run_payoff"]

HELP_DEBTS = (
    "debts table (.csv UTF-8 with or without BOM, GB18030, or .xlsx), header id,creditor,balance,annual_rate,"
    "min_payment (or 编号,债权人,余额,年利率,最低还款; creditor may be left out); annual_rate as people write it "
    "(24, 24%%, 月2%%, 日万分之五); min_payment a fixed amount (500), a percent of the balance (10%%) or a percent "
    "with a floor (10%%:100 = 10%% of the balance, at least ¥100); optional column accepts_extra/接受额外还款 "
    "(yes/no, 是/否: no for a negotiated fixed plan) / 债务表"
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    parser.add_argument("--policy", metavar="POLICY",
                        help="pro-rata | avalanche | snowball | custom (required unless --compare) / 还款策略")
    parser.add_argument("--order", metavar="ID,ID,…",
                        help="debt ids for the custom policy (only with --policy custom or --compare); debts not "
                        "named follow in input order / 自定义顺序")
    parser.add_argument("--extra", nargs="+", action="extend", default=[], metavar="YYYY-MM:AMOUNT",
                        help="one-off extra payments, each in its month: --extra 2026-03:100 2026-04:50 (the option "
                        "may also be repeated) / 一次性额外还款")
    parser.add_argument("--start", metavar="YYYY-MM-DD",
                        help="month 0; month 1 is paid one month later (default: the case's as-of date, else today)")
    parser.add_argument("--compare", action="store_true", help="all four policies side by side / 四种策略对比")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run_payoff)


# ------------------------------------------------------------------------------------------------- parsing


def parse_extra(text: str) -> tuple[int, int, Any]:
    """Return ``(year, month, amount)`` from ``MONTH:AMOUNT``, both as people write them (``2027/6:5000``,
    ``2027年6月：1.5万``; a full-width colon is accepted)."""
    raw = text.strip().replace("\uff1a", ":")
    month_text, sep, amount_text = raw.partition(":")
    if not sep or not amount_text.strip():
        raise InvalidInput("extras", "extra_format", text)
    year, month = parse_month(month_text, field="extras")
    value = money(amount_text, field="extras")
    if value <= 0:
        raise InvalidInput("extras", "not_positive", text)
    return year, month, value


def _load_debts(args: argparse.Namespace, lang: str) -> tuple[tuple[PayoffDebt, ...], date | None]:
    """Return the debts and, for a case file, its as-of date (the date its balances are stated at)."""
    if args.case and args.debts:
        raise InvalidInput("debts", "both_given", args.debts, params={"other": "case"})
    if args.debts:
        debts = read_payoff_debts(args.debts)
        for debt in debts:
            finding = rate_fraction(debt.rate, "annual_rate", debt.id)
            if finding is not None:
                sys.stderr.write(f"planner: {finding_line(finding, lang)[2:]}\n")
        return debts, None
    if args.case:
        from planner.io.casefile import load_case  # loaded only when a case is given

        case = load_case(args.case)
        return payoff_debts_from_case(case), case.as_of
    raise InvalidInput("debts", "source_needed", None)


def _order(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [part.strip() for part in re.split(r"[,，、]", text) if part.strip()]


# ------------------------------------------------------------------------------------------------ commands


def run_payoff(args: argparse.Namespace) -> int:
    """Simulate one policy, or compare all four, and print text or JSON."""
    from planner.io.export import payoff_json

    lang = getattr(args, "lang", "zh")
    debts, as_of = _load_debts(args, lang)
    budget = money(args.monthly, field="monthly", positive=True)
    policy = Policy.coerce(args.policy) if args.policy is not None else None
    extras = [parse_extra(text) for text in args.extra]
    # The CLI is the edge that may read the clock; a case file's balances are stated at its as-of date.
    start = parse_date(args.start, field="start") if args.start is not None else as_of or date.today()  # noqa: DTZ011
    order = _order(args.order)
    if order is not None and not args.compare and policy is not None and policy is not Policy.CUSTOM:
        raise InvalidInput("order", "order_needs_custom", policy.value)
    if args.compare:
        results = compare_policies(debts, monthly_budget=budget, order=order, extras=extras, start=start)
        if args.json:
            print_json([payoff_json(r, include_policy=True, locale=lang) for r in results])
        else:
            baseline = minimums_only(debts, monthly_budget=budget, start=start)
            sys.stdout.write(format_comparison(debts, results, baseline, lang=lang) + "\n")
        return 0
    if policy is None:
        raise InvalidInput("policy", "choose_policy")
    result = simulate(debts, monthly_budget=budget, policy=policy, order=order, extras=extras, start=start)
    if args.json:
        print_json(payoff_json(result, locale=lang))
    else:
        sys.stdout.write(format_result(debts, result, lang=lang) + "\n")
    return 0


# ------------------------------------------------------------------------------------------------- output


def _policy(result: PayoffResult, lang: str) -> str:
    return choice_label("policies", BASELINE if result.policy is None else result.policy.value, lang)


def _month(value: int | None, when: date | None, lang: str) -> str:
    if value is None:
        return message("payoff.never", lang)
    return f"{value} ({when.isoformat()})" if when is not None else str(value)


def _or_dash(value: int | None) -> str:
    return "—" if value is None else str(value)


def _findings_text(results: Sequence[PayoffResult], lang: str) -> list[str]:
    seen: dict[str, list[str]] = {}
    for result in results:
        for finding in result.findings:
            subject = "" if finding.subject == result.label or not finding.subject else f"{finding.subject}: "
            line = f"[{severity_label(finding.severity, lang)}] {subject}{render(finding, lang)}"
            seen.setdefault(line, []).append(_policy(result, lang))
    lines = []
    for line, policies in seen.items():
        suffix = "" if len(results) == 1 else message("payoff.policies", lang, names=fmt.join(policies, lang))
        lines.append(f"- {line}{suffix}")
    return lines


def _plain(value: Any, lang: str) -> str:
    return fmt.amount(value, lang)


def _budget(result: PayoffResult, lang: str) -> str:
    return "—" if result.monthly_budget is None else fmt.money(result.monthly_budget, lang)


def _dash_note(results: Sequence[PayoffResult], baseline: PayoffResult, lang: str) -> str | None:
    """Return the one line saying what "—" means in the comparison, or None when only the baseline's own
    "saved" cell is a dash."""
    unfinished = [r for r in results if r.months_to_debt_free is None]
    if baseline.months_to_debt_free is None:
        note = message("payoff.dash.baseline", lang, months=DEFAULT_HORIZON)
        return note + (message("payoff.dash.baseline_more", lang) if unfinished else "")
    if unfinished:
        return message("payoff.dash.unfinished", lang, months=DEFAULT_HORIZON)
    return None


def _minimum(debt: PayoffDebt, lang: str) -> str:
    minimum = debt.minimum
    percent = None if minimum.percent is None else fmt.percent(minimum.percent, lang)
    amount = fmt.money(minimum.amount, lang) if minimum.amount or minimum.percent is None else ""
    return str(_catalog(lang).minimum_text(percent, amount))


def _debt_free_line(result: PayoffResult, lang: str) -> str:
    months, when = result.months_to_debt_free, result.debt_free_date
    if months is None or when is None:
        return message("payoff.not_debt_free", lang, months=len(result.months))
    return message("payoff.debt_free_one" if months == 1 else "payoff.debt_free", lang, months=months,
                   date=when.isoformat())


def format_result(debts: Sequence[PayoffDebt], result: PayoffResult, *, lang: str = "zh") -> str:
    """Return the text report of one plan: the totals, one line per debt, and the findings."""
    fees = message("payoff.fees", lang, fees=fmt.money(result.total_fees, lang)) if result.total_fees else ""
    lines = [
        message("payoff.policy", lang, name=_policy(result, lang), budget=_budget(result, lang),
                start=result.start.isoformat()),
        _debt_free_line(result, lang),
        message("payoff.totals", lang, interest=fmt.money(result.total_interest, lang), fees=fees,
                paid=fmt.money(result.total_paid, lang)),
        "",
    ]
    headers = message("payoff.headers", lang).split("|")
    by_id = {d.id: d for d in debts}
    rows = []
    for summary in result.debts:
        debt = by_id[summary.id]
        rows.append([summary.id, debt.creditor, _plain(debt.balance, lang),
                     fmt.number(debt.rate.percent_per_year, lang),
                     _minimum(debt, lang), _month(summary.payoff_month, summary.payoff_date, lang),
                     _plain(summary.interest, lang), _plain(summary.paid, lang)])
    lines.append(format_table(headers, rows, align_right=[False, False, True, True, True, True, True, True]))
    notes = _findings_text([result], lang)
    if notes:
        lines += ["", message("payoff.notes", lang), *notes]
    return text_block(lines)


def format_comparison(
    debts: Sequence[PayoffDebt], results: Sequence[PayoffResult], baseline: PayoffResult, *, lang: str = "zh"
) -> str:
    """Return the policies side by side (one column each, plus the minimums-only path) with the findings."""
    plans = [*results, baseline]
    headers = [message("payoff.row.item", lang), *(_policy(r, lang) for r in plans)]
    with_fees = any(r.total_fees for r in plans)

    def saved(result: PayoffResult) -> str:
        value = interest_saved(result, baseline)
        return "—" if value is None else _plain(value, lang)

    rows: list[list[str]] = [
        [message("payoff.row.months", lang), *(_or_dash(r.months_to_debt_free) for r in plans)],
        [message("payoff.row.date", lang), *(r.debt_free_date.isoformat() if r.debt_free_date else "—" for r in plans)],
        [message("payoff.row.interest", lang), *(_plain(r.total_interest, lang) for r in plans)],
    ]
    if with_fees:
        rows.append([message("payoff.row.fees", lang), *(_plain(r.total_fees, lang) for r in plans)])
    rows += [
        [message("payoff.row.paid", lang), *(_plain(r.total_paid, lang) for r in plans)],
        [message("payoff.row.owed", lang), *(_plain(r.remaining, lang) for r in plans)],
        [message("payoff.row.saved_fees" if with_fees else "payoff.row.saved", lang), *(saved(r) for r in plans)],
    ]
    for index, debt in enumerate(debts):
        rows.append([message("payoff.row.debt", lang, id=debt.id), *(_or_dash(r.debts[index].payoff_month)
                                                                     for r in plans)])
    budget = results[0].monthly_budget if results else None
    shown = "—" if budget is None else fmt.money(budget, lang)
    lines = [message("payoff.intro", lang, budget=shown, start=results[0].start.isoformat()), "",
             format_table(headers, rows, align_right=[False] + [True] * len(plans))]
    note = _dash_note(results, baseline, lang)
    if note is not None:
        lines.append(note)
    notes = _findings_text(results, lang)
    if notes:
        lines += ["", message("payoff.notes", lang), *notes]
    return text_block(lines)
