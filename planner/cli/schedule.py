"""``planner schedule``: a loan's installment table (等额本息 / 等额本金), as a table or as JSON.

The options and JSON keys are a contract for scripts:
``planner schedule --principal 1000000 --annual-rate 4.9 --months 360 --method equal-installment
[--start 2026-01-15] [--json]`` prints ``installments`` (``period``, ``due_date``, ``payment``, ``principal``,
``interest``, ``balance``) and the totals ``total_payment`` and ``total_interest``; amounts are two-place
decimal strings ("5307.27"). The figures come from :func:`planner.engines.schedules.build.amortize`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from planner.cli import amount, format_table, print_json
from planner.dates import parse_date
from planner.domain.options import RepaymentMethod
from planner.engines.schedules import amortize, apr_percent
from planner.errors import InvalidInput
from planner.money import ZERO, Money, money, to_int
from planner.rates import Rate

MAX_MONTHS = 600  # 50 years: longer than any mortgage

METHOD_LABELS_ZH = {
    RepaymentMethod.EQUAL_INSTALLMENT: "等额本息",
    RepaymentMethod.EQUAL_PRINCIPAL: "等额本金",
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the schedule command."""
    parser = sub.add_parser(
        "schedule",
        help="installment table of a loan / 还款计划表（等额本息、等额本金）",
        description="Print the installment table of a loan, exact to the fen. "
        "打印贷款的逐期还款计划（精确到分）。",
    )
    parser.add_argument("--principal", required=True, help="amount lent in yuan, e.g. 1000000 / 本金（元）")
    parser.add_argument("--annual-rate", required=True, help="annual interest rate in percent, e.g. 4.9 / 年利率（%%）")
    parser.add_argument("--months", required=True, help=f"number of installments, 1–{MAX_MONTHS} / 期数")
    parser.add_argument(
        "--method",
        choices=[m.value for m in RepaymentMethod],
        default=RepaymentMethod.EQUAL_INSTALLMENT.value,
        help="equal-installment (等额本息, default) or equal-principal (等额本金)",
    )
    parser.add_argument("--start", help="loan start date YYYY-MM-DD; first payment one month later (default today)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run_schedule)


def parse_args(args: argparse.Namespace) -> dict[str, Any]:
    """Return the validated inputs of the command (``principal``, ``rate``, ``months``, ``method``, ``start``).

    Raises:
        InvalidInput: a principal that is not a positive amount on the fen, a rate outside 0–1000 %, months
            outside 1–600, a bad start date.
    """
    principal = money(args.principal, field="principal", positive=True)
    if principal <= 0:
        raise InvalidInput("principal", "not_positive", args.principal)
    rate = Rate.annual_percent(args.annual_rate, field="annual_rate")
    months = to_int(args.months.strip(), field="months", low=1, high=MAX_MONTHS)
    start = parse_date(args.start, field="start") if args.start is not None else date.today()  # noqa: DTZ011
    return {"principal": principal, "rate": rate, "months": months, "method": RepaymentMethod(args.method),
            "start": start}


def run_schedule(args: argparse.Namespace) -> int:
    """Print the installment table (text or JSON)."""
    inputs = parse_args(args)
    principal: Money = inputs["principal"]
    rate: Rate = inputs["rate"]
    method: RepaymentMethod = inputs["method"]
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
    en = getattr(args, "lang", "zh") == "en"
    out = sys.stdout
    rate_text = f"{rate.percent_per_year.normalize():f}"
    if en:
        out.write(f"Principal {principal:,.2f} yuan, {rate_text}% a year, {inputs['months']} months, "
                  f"{method.value}, start {inputs['start'].isoformat()}\n\n")
    else:
        out.write(f"本金 {principal:,.2f} 元，年利率 {rate_text}%，{inputs['months']} 期，"
                  f"{METHOD_LABELS_ZH[method]}，起始日 {inputs['start'].isoformat()}\n\n")
    rows = [
        (line.period, line.due_date.isoformat(), f"{line.payment:,.2f}", f"{line.principal:,.2f}",
         f"{line.interest:,.2f}", f"{line.balance:,.2f}")
        for line in lines
    ]
    headers = (["period", "due date", "payment", "principal", "interest", "balance"] if en
               else ["期数", "还款日", "月供", "本金", "利息", "剩余本金"])
    out.write(format_table(headers, rows, align_right=[True, False, True, True, True, True]))
    if en:
        out.write(f"\n\nTotal paid {total_payment:,.2f} yuan, total interest {total_interest:,.2f} yuan"
                  + (f", APR {apr:f}%" if apr is not None else "") + "\n")
    else:
        out.write(f"\n\n还款总额 {total_payment:,.2f} 元，利息总额 {total_interest:,.2f} 元"
                  + (f"，年化利率（APR）{apr:f}%" if apr is not None else "") + "\n")
    return 0
