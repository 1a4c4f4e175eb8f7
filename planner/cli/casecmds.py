"""The case-level commands: ``planner example``, ``planner template``, ``planner import``, ``planner check CASE``
and ``planner plan CASE``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from planner.cli import EXIT_BAD_INPUT, EXIT_FINDINGS, amount, format_table, print_json
from planner.engines.scenarios import (
    Comparison,
    Outcome,
    evaluate_case,
    pro_rata_scenario,
    shortest_affordable_terms,
)
from planner.errors import InvalidInput
from planner.findings import Finding, Severity
from planner.text.labels import label, scenario_label, signed_yuan


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the example, check and plan commands."""
    example = sub.add_parser("example", help="write the built-in example case / 输出内置示例案例")
    example.add_argument("-o", "--output", help="file to write (default: standard output)")
    example.add_argument("--force", action="store_true", help="replace an existing file (its old version is kept as .bak)")
    example.set_defaults(func=run_example)

    template = sub.add_parser("template", help="write a debts table to fill in (CSV, Chinese header) / 输出债务表模板")
    template.add_argument("-o", "--output", required=True, help="the CSV file to write")
    template.add_argument("--force", action="store_true", help="replace an existing file")
    template.set_defaults(func=run_template)

    new = sub.add_parser("import", help="start a case from a debts table (CSV or .xlsx) / 由债务表新建案例")
    new.add_argument("debts", help="debts table: CSV (UTF-8 or GB18030) or .xlsx, see `planner template`")
    new.add_argument("-o", "--output", required=True, help="the case file to write (.json)")
    new.add_argument("--as-of", help="date the figures are stated at, YYYY-MM-DD (default today)")
    new.add_argument("--income", default="0", help="net monthly household income / 每月净收入")
    new.add_argument("--expenses", default="0", help="essential monthly expenses, all categories / 每月必要支出")
    new.add_argument("--reserve", default="0", help="monthly reserve kept back / 每月应急储备")
    new.add_argument("--borrower", default="", help="the borrower's name or a label")
    new.add_argument("--force", action="store_true", help="replace an existing case file (old version kept as .bak)")
    new.set_defaults(func=run_import)

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
    from planner.io.casefile import dumps_case, save_case
    from planner.io.examples import example_case

    case = example_case()
    if args.output:
        _refuse_overwrite(args.output, args.force)
        save_case(case, args.output)
        sys.stderr.write(f"已写入示例案例 / example case written: {args.output}\n")
    else:
        sys.stdout.write(dumps_case(case))
    return 0


def _refuse_overwrite(path: str, force: bool) -> None:
    """Raise unless ``path`` is free or ``--force`` was given: a case file is someone's data."""
    if not force and Path(path).exists():
        raise InvalidInput("file", "exists", path)


def run_template(args: argparse.Namespace) -> int:
    """Write the debts template."""
    from planner.io.importing import write_debts_template

    _refuse_overwrite(args.output, args.force)
    write_debts_template(args.output)
    sys.stderr.write(f"已写入债务表模板 / debts template written: {args.output}\n")
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Read a debts table and save a new case with a one-line budget (detail it later in the file or the app)."""
    from planner.dates import parse_date
    from planner.domain.case import Case
    from planner.domain.model import Budget, ExpenseCategory, ExpenseItem, IncomeItem, sanity_findings
    from planner.io.casefile import save_case
    from planner.io.importing import import_debts
    from planner.money import money

    _refuse_overwrite(args.output, args.force)
    result = import_debts(args.debts)
    if result.errors:
        lang = args.lang
        for error in result.errors:
            sys.stderr.write(f"planner: {error.message(lang)}\n")
        sys.stderr.write(f"planner: 未写入案例，请先更正以上 {len(result.errors)} 处问题 / "
                         f"no case written: fix the {len(result.errors)} problem(s) above first\n")
        return EXIT_BAD_INPUT
    income = money(args.income, field="income")
    expenses = money(args.expenses, field="expenses")
    budget = Budget(
        incomes=(IncomeItem("收入", income),) if income else (),
        expenses=(ExpenseItem(ExpenseCategory.OTHER, expenses, "必要支出合计"),) if expenses else (),
        reserve=money(args.reserve, field="reserve"),
    )
    as_of = parse_date(args.as_of, field="as_of") if args.as_of else date.today()  # noqa: DTZ011 - CLI edge
    case = Case(budget, result.debts, as_of, borrower=args.borrower)
    save_case(case, args.output)
    lang = args.lang
    sys.stderr.write(f"已导入 {len(case.debts)} 笔债务 → {args.output}\n" if lang != "en"
                     else f"Imported {len(case.debts)} debts → {args.output}\n")
    if result.ignored_columns:
        names = "、".join(result.ignored_columns) if lang != "en" else ", ".join(result.ignored_columns)
        sys.stderr.write(f"planner: 注意：以下列无法识别，未导入：{names}（请对照 planner template 的表头）\n"
                         if lang != "en" else
                         f"planner: warning: these columns were not recognised and not imported: {names} "
                         "(compare with the header of `planner template`)\n")
    for debt in case.debts:
        for finding in sanity_findings(debt, case.as_of):
            sys.stderr.write(f"planner: {'warning' if lang == 'en' else '注意'}: {debt.id}: {finding.message(lang)}\n")
    return 0


def _finding_json(finding: Finding, lang: str) -> dict[str, Any]:
    return {"code": finding.code, "severity": finding.severity.value, "subject": finding.subject,
            "message": finding.message(lang), "source": finding.source}


def _unique(findings: Iterable[Finding]) -> list[Finding]:
    """Return findings without repeats, in first-seen order."""
    return list(dict.fromkeys(findings))


SEVERITY_ZH = {"info": "信息", "warning": "注意", "error": "错误"}


def _finding_line(finding: Finding, lang: str, *, indent: str = "", group: str = "") -> str:
    message = finding.message(lang)
    source = f" [{finding.source}]" if finding.source and finding.source not in message else ""
    severity = finding.severity.value if lang == "en" else SEVERITY_ZH[finding.severity.value]
    subject = "" if finding.subject == group else f"{finding.subject}: "
    return f"{indent}- [{severity}] {subject}{message}{source}"


def _unknown_keys(extra: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    """Return the case file's keys this planner does not know, by location (kept as they are when saving)."""
    found = []
    for location, text in extra:
        path = json.loads(location)
        keys = sorted(json.loads(text))
        found.append({"where": ".".join(path) or "(top level)", "keys": keys})
    return found


def _unknown_keys_text(unknown: list[dict[str, Any]], lang: str) -> str:
    """Return the warning about unknown keys, ending with a blank line ("" when there are none)."""
    if not unknown:
        return ""
    head = ("Unknown keys in the file, kept as they are but NOT used (a misspelt field is ignored — correct it):"
            if lang == "en" else "注意：文件中有本工具不认识的字段，已原样保留但不参与计算；如是拼写错误请更正：")
    return "\n".join([head, *(f"  - {u['where']}: {', '.join(u['keys'])}" for u in unknown)]) + "\n\n"


def run_check(args: argparse.Namespace) -> int:
    """Load a case (reporting the first invalid value) and print the cap audit of each debt.

    Exit code 0, or 1 when a finding is an error (e.g. a contract dated after the as-of date): the file reads, but
    its figures cannot be used as they are.
    """
    from planner.caps import audit_case, percent_text
    from planner.domain.model import sanity_findings
    from planner.io.casefile import load_case

    case = load_case(args.case)
    audits = audit_case(case)
    # Per debt: figures that look mistyped first, then the cap audit's findings.
    per_debt = [(*sanity_findings(d, case.as_of), *a.findings) for d, a in zip(case.debts, audits, strict=True)]
    lang = args.lang
    unknown = _unknown_keys(case.extra)
    if args.json:
        print_json({
            "as_of": case.as_of,
            "debts": len(case.debts),
            "unknown_keys": unknown,
            "audits": [
                {"id": a.debt_id, "cap_rate": percent_text(a.cap.rate.percent_per_year),
                 "cost_rate": percent_text(a.cost_rate_percent), "supportable": amount(a.supportable),
                 "claimed": amount(a.claimed), "excess": amount(a.excess),
                 "basis": a.cap.basis_en if lang == "en" else a.cap.basis_zh, "status": a.cap.status,
                 "nature": a.cap.nature,
                 "findings": [_finding_json(f, lang) for f in findings]}
                for a, findings in zip(audits, per_debt, strict=True)
            ],
        })
        return 0
    en = lang == "en"
    errors = sum(1 for debt_findings in per_debt for f in debt_findings if f.severity is Severity.ERROR)
    if errors:
        lines = [f"The case file reads, but {errors} finding(s) marked [error] must be corrected first."
                 if en else f"案例文件可以读取，但有 {errors} 处标为 [错误] 的问题需要先更正。"]
    else:
        lines = [f"Case is valid: {len(case.debts)} debts, as of {case.as_of.isoformat()}" if en
                 else f"案例有效：{len(case.debts)} 笔债务，测算基准日 {case.as_of.isoformat()}"]
    lines.append("")
    if unknown:
        lines.append(_unknown_keys_text(unknown, lang).rstrip("\n") + "\n")
    headers = [label(k, lang) for k in ("debt_id", "cost_rate_percent", "cap_rate", "claimed", "supportable", "excess")]
    rows = [[a.debt_id, percent_text(a.cost_rate_percent), percent_text(a.cap.rate.percent_per_year), amount(a.claimed),
             amount(a.supportable), amount(a.excess)] for a in audits]
    lines.append(format_table(headers, rows, align_right=[False, True, True, True, True, True]))
    findings = _unique(f for debt_findings in per_debt for f in debt_findings)
    if findings:
        lines += ["", "Findings (information with its source, not a legal conclusion):" if en
                  else "提示（信息性提示，附依据，不是法律结论）："]
        lines += [_finding_line(f, lang) for f in findings]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_FINDINGS if errors else 0


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
    from planner.domain.model import sanity_findings
    from planner.io.casefile import load_case

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
            if fitted is None or fitted.name in {s.name for s in scenarios}:
                continue
            if any(s.plans == fitted.plans for s in scenarios):
                # At 0 % the pro-rata split gives every debt the same term: it is the shortest term again.
                continue
            scenarios.append(fitted)
    comparison = evaluate_case(case, scenarios, horizon=args.horizon)
    lang = args.lang
    # Figures that look mistyped are shown with the plan too: a counsellor reads `plan`, not only `check`.
    data_findings = [f for d in case.debts for f in sanity_findings(d, case.as_of)]
    unknown = _unknown_keys(case.extra)
    if args.json:
        print_json({
            "as_of": case.as_of,
            "disposable": amount(case.budget.disposable),
            "unknown_keys": unknown,
            "scenarios": [_outcome_json(o, lang) for o in comparison.all],
            "findings": [_finding_json(f, lang) for f in data_findings + extra_findings],
        })
        return 0
    text = _plan_text(case.budget.disposable, comparison, extra_findings, lang, data=data_findings)
    sys.stdout.write(_unknown_keys_text(unknown, lang) + text)
    return 0


def _plan_text(
    disposable: Decimal, comparison: Comparison, extra: list[Finding], lang: str, *, data: list[Finding]
) -> str:
    en = lang == "en"
    yes, no = ("yes", "no") if en else ("是", "否")
    keys = ["scenario", "affordable", "shortfall_months", "largest_monthly_payment", "total_paid", "total_waived",
            "remaining", "saving", "debt_free_date"]
    rows = [
        [scenario_label(o.name, lang), yes if o.is_affordable else no, len(o.shortfall_months),
         amount(o.largest_monthly_payment),
         amount(o.total_paid), amount(o.total_waived), amount(o.total_remaining), amount(o.total_saving),
         _iso(o.debt_free_date) or "—"]
        for o in comparison.all
    ]
    lines = [
        f"Disposable income per month: {signed_yuan(disposable)}" if en
        else f"每月可用于还款：{signed_yuan(disposable)}",
        "",
        format_table([label(k, lang) for k in keys], rows, align_right=[False, False, True, True, True, True, True, True]),
    ]
    # Findings are grouped under the scenario they belong to; a debt's finding says which scenario it is in.
    grouped = [(scenario_label(o.name, lang), _unique(o.findings), o.name) for o in comparison.all if o.findings]
    if data:
        grouped.insert(0, ("Check these figures" if en else "请核对的数据", _unique(data), ""))
    if extra:
        grouped.append(("Budget fitting" if en else "按预算测算", _unique(extra), ""))
    if grouped:
        lines += ["", "Findings:" if en else "提示："]
        for title, findings, subject in grouped:
            lines.append(f"  {title}:" if en else f"  【{title}】")
            lines += [_finding_line(f, lang, indent="    ", group=subject) for f in findings]
    lines.append("")
    lines.append("Reminder: get every agreement as a written, stamped confirmation, never a verbal promise." if en
                 else "提醒：任何协商结果都请取得债权人加盖公章的书面确认，不要只凭口头承诺。")
    return "\n".join(lines) + "\n"
