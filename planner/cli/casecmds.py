"""``planner example``, ``planner check CASE`` and ``planner plan CASE``: the case-level commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from planner.cli import amount, format_table, print_json
from planner.errors import InvalidInput
from planner.findings import Finding
from planner.labels import label
from planner.scenarios import Comparison, Outcome, evaluate_case, pro_rata_scenario, shortest_affordable_terms


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the example, check and plan commands."""
    example = sub.add_parser("example", help="write the built-in example case / 输出内置示例案例")
    example.add_argument("-o", "--output", help="file to write (default: standard output)")
    example.set_defaults(func=run_example)

    check = sub.add_parser("check", help="validate a case and audit each debt against the legal caps / 校验与利率上限审查")
    check.add_argument("case", help="case file (.json)")
    check.add_argument("--json", action="store_true", help="print JSON")
    check.set_defaults(func=run_check)

    plan = sub.add_parser("plan", help="compare the case's scenarios with the status quo / 方案比较")
    plan.add_argument("case", help="case file (.json)")
    plan.add_argument("--fit", action="store_true",
                      help="add the budget-fitted scenarios (shortest affordable term, pro-rata split)")
    plan.add_argument("--horizon", type=int, default=120, help="months costed and shown (default 120)")
    plan.add_argument("--json", action="store_true", help="print JSON")
    plan.set_defaults(func=run_plan)


def run_example(args: argparse.Namespace) -> int:
    """Write the example case to a file or standard output."""
    from planner.casefile import dumps_case, save_case
    from planner.examples import example_case

    case = example_case()
    if args.output:
        save_case(case, args.output)
        sys.stderr.write(f"已写入示例案例 / example case written: {args.output}\n")
    else:
        sys.stdout.write(dumps_case(case))
    return 0


def _finding_json(finding: Finding, lang: str) -> dict[str, Any]:
    return {"code": finding.code, "severity": finding.severity.value, "subject": finding.subject,
            "message": finding.message(lang), "source": finding.source}


def _unique(findings: Iterable[Finding]) -> list[Finding]:
    """Return findings without repeats, in first-seen order."""
    return list(dict.fromkeys(findings))


def _finding_line(finding: Finding, lang: str) -> str:
    source = f" [{finding.source}]" if finding.source else ""
    return f"- [{finding.severity.value}] {finding.subject}: {finding.message(lang)}{source}"


def run_check(args: argparse.Namespace) -> int:
    """Load a case (reporting the first invalid value) and print the cap audit of each debt."""
    from planner.caps import audit_case
    from planner.casefile import load_case

    case = load_case(args.case)
    audits = audit_case(case)
    lang = args.lang
    if args.json:
        print_json({
            "as_of": case.as_of,
            "debts": len(case.debts),
            "audits": [
                {"id": a.debt_id, "cap_rate": f"{a.cap.rate.percent_per_year:.2f}",
                 "cost_rate": f"{a.cost_rate_percent:.2f}", "supportable": amount(a.supportable),
                 "claimed": amount(a.claimed), "excess": amount(a.excess),
                 "basis": a.cap.basis_en if lang == "en" else a.cap.basis_zh, "status": a.cap.status,
                 "findings": [_finding_json(f, lang) for f in a.findings]}
                for a in audits
            ],
        })
        return 0
    print_lines = [f"案例有效 / case is valid: {len(case.debts)} 笔债务, 基准日 {case.as_of.isoformat()}", ""]
    headers = [label(k, lang) for k in ("debt_id", "cost_rate_percent", "cap_rate", "claimed", "supportable", "excess")]
    rows = [[a.debt_id, f"{a.cost_rate_percent:.2f}", f"{a.cap.rate.percent_per_year:.2f}", amount(a.claimed),
             amount(a.supportable), amount(a.excess)] for a in audits]
    print_lines.append(format_table(headers, rows, align_right=[False, True, True, True, True, True]))
    findings = _unique(f for a in audits for f in a.findings)
    if findings:
        print_lines += ["", "提示 / findings (信息性提示，非法律结论 / information, not a legal conclusion):"]
        print_lines += [_finding_line(f, lang) for f in findings]
    sys.stdout.write("\n".join(print_lines) + "\n")
    return 0


def _money_or_none(value: Decimal | None) -> str | None:
    return None if value is None else amount(value)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _outcome_json(o: Outcome, lang: str) -> dict[str, Any]:
    share = o.largest_share_of_disposable
    return {
        "name": o.name,
        "affordable": o.is_affordable,
        "shortfall_months": len(o.shortfall_months),
        "total_paid": amount(o.total_paid),
        "total_interest": amount(o.total_interest),
        "total_fees": amount(o.total_fees),
        "total_waived": amount(o.total_waived),
        "remaining": amount(o.total_remaining),
        "total_cost": amount(o.total_cost),
        "saving": amount(o.total_saving),
        "debt_free_date": _iso(o.debt_free_date),
        "largest_monthly_payment": amount(o.largest_monthly_payment),
        "largest_share_of_disposable": None if share is None else f"{share:.2f}",
        "debts": [
            {"id": d.debt_id, "creditor": d.creditor, "total_paid": amount(d.total_paid), "interest": amount(d.interest),
             "fees": amount(d.fees), "waived": amount(d.waived), "remaining": amount(d.remaining),
             "saving": amount(d.saving), "debt_free_date": _iso(d.debt_free_date),
             "largest_payment": amount(d.largest_payment),
             "apr": None if d.apr_percent is None else f"{d.apr_percent:.2f}"}
            for d in o.debts
        ],
        "findings": [_finding_json(f, lang) for f in o.findings],
    }


def run_plan(args: argparse.Namespace) -> int:
    """Evaluate the case's scenarios (and optionally the budget-fitted ones) against the status quo."""
    from planner.casefile import load_case

    case = load_case(args.case)
    if not case.debts:
        raise InvalidInput("debts", "empty", 0)
    if not 1 <= args.horizon <= 600:
        raise InvalidInput("horizon", "out_of_range", args.horizon, params={"low": 1, "high": 600})
    scenarios = list(case.scenarios)
    extra_findings: list[Finding] = []
    if args.fit or not scenarios:
        start = scenarios[0].start if scenarios else case.as_of
        for fitted, findings in (shortest_affordable_terms(case, start=start), pro_rata_scenario(case, start=start)):
            extra_findings += findings
            if fitted is not None and fitted.name not in {s.name for s in scenarios}:
                scenarios.append(fitted)
    comparison = evaluate_case(case, scenarios, horizon=args.horizon)
    lang = args.lang
    if args.json:
        print_json({
            "as_of": case.as_of,
            "disposable": amount(case.budget.disposable),
            "scenarios": [_outcome_json(o, lang) for o in comparison.all],
            "findings": [_finding_json(f, lang) for f in extra_findings],
        })
        return 0
    sys.stdout.write(_plan_text(case.budget.disposable, comparison, extra_findings, lang))
    return 0


def _plan_text(disposable: Decimal, comparison: Comparison, extra: list[Finding], lang: str) -> str:
    yes, no = ("是", "否") if lang == "zh" else ("yes", "no")
    keys = ["scenario", "affordable", "shortfall_months", "largest_monthly_payment", "total_paid", "total_waived",
            "remaining", "saving", "debt_free_date"]
    rows = [
        [o.name, yes if o.is_affordable else no, len(o.shortfall_months), amount(o.largest_monthly_payment),
         amount(o.total_paid), amount(o.total_waived), amount(o.total_remaining), amount(o.total_saving),
         _iso(o.debt_free_date) or "—"]
        for o in comparison.all
    ]
    lines = [
        f"每月可用于还款 / disposable income per month: ¥{disposable:,.2f}",
        "",
        format_table([label(k, lang) for k in keys], rows, align_right=[False, False, True, True, True, True, True, True]),
    ]
    notes = _unique([f for o in comparison.all for f in o.findings] + extra)
    if notes:
        lines += ["", "提示 / findings:"]
        lines += [_finding_line(f, lang) for f in notes]
    lines.append("")
    lines.append("提醒：任何协商结果都请取得债权人加盖公章的书面确认，不要只凭口头承诺。")
    lines.append("Reminder: get every agreement as a written, stamped confirmation, never a verbal promise.")
    return "\n".join(lines) + "\n"
