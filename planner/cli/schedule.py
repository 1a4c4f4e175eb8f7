"""``planner schedule``: a loan's installment table (等额本息 / 等额本金), as a table or as JSON.

The options and JSON keys are a contract for scripts:
``planner schedule --principal 1000000 --annual-rate 4.9 --months 360 --method equal-installment
[--start 2026-01-15] [--json]`` prints ``installments`` (``period``, ``due_date``, ``payment``, ``principal``,
``interest``, ``balance``) and the totals ``total_payment`` and ``total_interest``; amounts are two-place
decimal strings ("5307.27"). The figures come from :func:`planner.engines.schedules.amortize`. The rate may be
written in any unit (``4.9``, ``月0.4%``, ``日万分之五``); JSON gives its annual equivalent as ``annual_rate``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from planner.cli import amount, finding_line, format_table, print_json
from planner.dates import parse_date
from planner.domain.checks import rate_fraction
from planner.domain.options import RepaymentMethod
from planner.engines.schedules import amortize, apr_percent
from planner.io.values import parse_rate
from planner.money import ZERO, Money, money, to_int
from planner.text import choice_label, fmt, message

MAX_MONTHS = 600  # 50 years: longer than any mortgage


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the schedule command."""
    parser = sub.add_parser(
        "schedule",
        help="installment table of a loan / 还款计划表（等额本息、等额本金）",
        description="Print the installment table of a loan, exact to the fen. "
        "打印贷款的逐期还款计划（精确到分）。",
    )
    parser.add_argument("--principal", required=True, help="amount lent in yuan, e.g. 1000000 / 本金（元）")
    parser.add_argument("--annual-rate", required=True,
                        help="interest rate, percent a year unless written otherwise: 4.9, 月0.4%%, 日万分之五 / 利率")
    parser.add_argument("--months", required=True, help=f"number of installments, 1–{MAX_MONTHS} / 期数")
    parser.add_argument(
        "--method",
        choices=[m.value for m in RepaymentMethod],
        default=RepaymentMethod.EQUAL_INSTALLMENT.value,
        help="equal-installment (等额本息, default) or equal-principal (等额本金)",
    )
    parser.add_argument("--start", help="loan start date, e.g. 2026-01-15; first payment one month later (default today)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run_schedule)


def parse_args(args: argparse.Namespace) -> dict[str, Any]:
    """Return the validated inputs of the command (``principal``, ``rate``, ``months``, ``method``, ``start``).

    Raises:
        InvalidInput: a principal that is not a positive amount on the fen, a rate that is not a rate or above
            1000 % a year, months outside 1–600, a bad start date.
    """
    principal = money(args.principal, field="principal", positive=True)
    rate = parse_rate(args.annual_rate, field="annual_rate")
    months = to_int(args.months.strip(), field="months", low=1, high=MAX_MONTHS)
    start = parse_date(args.start, field="start") if args.start is not None else date.today()  # noqa: DTZ011
    return {"principal": principal, "rate": rate, "months": months, "method": RepaymentMethod(args.method),
            "start": start}


def run_schedule(args: argparse.Namespace) -> int:
    """Print the installment table (text or JSON)."""
    inputs = parse_args(args)
    lang = getattr(args, "lang", "zh")
    principal: Money = inputs["principal"]
    rate = inputs["rate"]
    method: RepaymentMethod = inputs["method"]
    slip = rate_fraction(rate, "annual_rate", "loan")
    if slip is not None:
        sys.stderr.write(f"planner: {finding_line(slip, lang)[2:]}\n")
    lines = amortize(principal, rate=rate, months=inputs["months"], method=method, start=inputs["start"])
    total_payment = Money(sum((line.payment for line in lines), ZERO))
    total_interest = Money(sum((line.interest for line in lines), ZERO))
    flows = [(0, principal)] + [(line.period, -line.payment) for line in lines]
    apr = apr_percent(flows, guess=rate.monthly_fraction)
    if args.json:
        print_json({
            "principal": amount(principal),
            "annual_rate": f"{rate.percent_per_year.normalize():f}",
            "months": inputs["months"],
            "method": method.value,
            "start": inputs["start"],
            "installments": [
                {
                    "period": line.period,
                    "due_date": line.due_date,
                    "payment": amount(line.payment),
                    "principal": amount(line.principal),
                    "interest": amount(line.interest),
                    "balance": amount(line.balance),
                }
                for line in lines
            ],
            "total_payment": amount(total_payment),
            "total_interest": amount(total_interest),
            "apr_percent": None if apr is None else f"{apr:f}",
        })
        return 0
    out = sys.stdout
    out.write(message("schedule.intro", lang, principal=fmt.money(principal, lang), rate=fmt.rate(rate, lang),
                      months=inputs["months"], method=choice_label("methods", method, lang),
                      start=inputs["start"].isoformat()) + "\n\n")
    rows = [(line.period, line.due_date.isoformat(), fmt.amount(line.payment, lang), fmt.amount(line.principal, lang),
             fmt.amount(line.interest, lang), fmt.amount(line.balance, lang)) for line in lines]
    headers = message("schedule.headers", lang).split("|")
    out.write(format_table(headers, rows, align_right=[True, False, True, True, True, True]))
    totals = message("schedule.totals", lang, paid=fmt.money(total_payment, lang),
                     interest=fmt.money(total_interest, lang))
    if apr is not None:
        totals += message("schedule.apr", lang, apr=fmt.percent(apr, lang))
    out.write(f"\n\n{totals}\n")
    return 0
