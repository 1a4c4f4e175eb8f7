"""The case-level commands: ``planner example``, ``template``, ``import``, ``check CASE`` and ``plan CASE``.

Thin callers of the core: ``plan`` prints what :func:`planner.engines.plan.plan_case` computed (JSON through
:func:`planner.io.export.plan_json`), ``check`` the cap audit of each debt and the data checks.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from planner.cli import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    finding_line,
    format_table,
    has_error,
    print_json,
    text_block,
)
from planner.errors import InvalidInput
from planner.findings import Finding, Scope, Severity, unique
from planner.text import field_label, fmt, label, message, scenario_label


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the example, template, import, check and plan commands."""
    example = sub.add_parser("example", help="write the built-in example case / 输出内置示例案例")
    example.add_argument("-o", "--output", help="file to write (default: standard output)")
    example.add_argument("--force", action="store_true",
                         help="replace an existing file (the old one is kept as NAME.<time>.bak)")
    example.set_defaults(func=run_example)

    template = sub.add_parser("template", help="write a debts table to fill in (CSV, Chinese header) / 输出债务表模板")
    template.add_argument("-o", "--output", required=True, help="the CSV file to write")
    template.add_argument("--force", action="store_true", help="replace an existing file")
    template.set_defaults(func=run_template)

    new = sub.add_parser("import", help="start or update a case from a debts table (CSV or .xlsx) / 由债务表新建或更新案例")
    new.add_argument("debts", help="debts table: CSV (UTF-8 or GB18030) or .xlsx, see `planner template`")
    new.add_argument("-o", "--output", required=True, help="the case file to write (.json) / 要写入的案例文件")
    new.add_argument("--as-of", help="date the figures are stated at, e.g. 2026-11-23 (default today) / "
                                     "测算基准日（默认今天）")
    new.add_argument("--income", help="net monthly household income / 每月净收入")
    new.add_argument("--expenses", help="essential monthly expenses, all categories / 每月必要支出")
    new.add_argument("--reserve", help="monthly reserve kept back / 每月应急储备")
    new.add_argument("--members", help="household members, 1-20 (default 1) / 家庭人数")
    new.add_argument("--area", help="spending benchmark: national, urban or rural (default national) / "
                                    "对照范围：全国、城镇或农村")
    new.add_argument("--borrower", help="the borrower's name or a label / 借款人姓名或标记")
    mode = new.add_mutually_exclusive_group()
    mode.add_argument("--update", action="store_true",
                      help="replace only the debts of an existing case; keep its budget, scenarios and notes / 只更新债务")
    mode.add_argument("--force", action="store_true",
                      help="start a new case over an existing file (the old one is kept as NAME.<time>.bak) / "
                           "覆盖为新案例（原文件另存备份）")
    new.set_defaults(func=run_import)

    check = sub.add_parser("check", help="validate a case and audit each debt against the legal caps / 校验与利率上限审查")
    check.add_argument("case", help="case file (.json)")
    check.add_argument("--json", action="store_true", help="print JSON")
    check.set_defaults(func=run_check)

    plan = sub.add_parser("plan", help="compare the case's scenarios with the status quo / 方案比较")
    plan.add_argument("case", help="case file (.json)")
    plan.add_argument("--fit", action="store_true",
                      help="add the budget-fitted scenarios (shortest affordable term, pro-rata split)")
    plan.add_argument("--horizon", default="120",
                      help="months compared, at least (default 120; longer when a negotiated plan is)")
    plan.add_argument("--json", action="store_true", help="print JSON")
    plan.add_argument("--detail", action="store_true",
                      help="JSON with each scenario's months and each debt's schedule, to reconcile the totals "
                           "(implies --json)")
    plan.set_defaults(func=run_plan)


# ------------------------------------------------------------------------------------------------ example, template


def _refuse_overwrite(path: str, force: bool, *, example: str = "case.json") -> None:
    """Raise unless ``path`` is free or ``--force`` was given: a case file is someone's data."""
    target = Path(path)
    if target.is_dir():
        raise InvalidInput("file", "cannot_write", path, params={"reason": "is_folder",
                                                                 "example": str(target / example)})
    if not force and target.exists():
        raise InvalidInput("file", "exists", path)


_TABLE_SUFFIXES = frozenset({".csv", ".xlsx", ".xls", ".tsv", ".txt"})


def _case_output(path: str, lang: str) -> None:
    """Refuse to write a case (JSON) to a name that says it is a table: Excel would not open it."""
    suffix = Path(path).suffix.lower()
    if suffix in _TABLE_SUFFIXES:
        content = message("content.case", lang)
        raise InvalidInput("file", "cannot_write", path, params={
            "reason": "wrong_suffix", "suffix": suffix, "content": content, "ending": ".json",
            "example": str(Path(path).with_suffix(".json"))})


def _report_kept_copy(saved: Any, lang: str) -> None:
    if saved.kept is not None:
        sys.stderr.write(f"planner: {message('import.backup', lang, path=saved.kept)}\n")


def run_example(args: argparse.Namespace) -> int:
    """Write the example case to a file or standard output."""
    from planner.io.casefile import dumps_case, write_case
    from planner.io.examples import example_case, write_example_evidence

    if args.output:
        _case_output(args.output, args.lang)
        _refuse_overwrite(args.output, args.force)
        written = write_example_evidence(args.output)  # the log's attachment, in NAME-evidence/ beside the case
        saved = write_case(written.case, args.output, keep_copy=True)
        sys.stderr.write(message("example.written", args.lang, path=args.output) + "\n")
        folder = written.evidence[0].parent
        sys.stderr.write(message("example.evidence", args.lang, count=len(written.evidence), folder=folder) + "\n")
        _report_kept_copy(saved, args.lang)
    else:
        sys.stdout.write(dumps_case(example_case()))
    return 0


def table_output(path: str, force: bool, content: str, *, example: str) -> None:
    """Refuse to write a table (``content`` names it, in the user's language) to ``path`` unless it ends in .csv or
    .xlsx and is free (or ``force``).

    Raises:
        InvalidInput: ``cannot_write`` (another suffix, a folder) or ``exists``.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in {".csv", ".xlsx"} and not Path(path).is_dir():  # a folder is told it is one
        raise InvalidInput("file", "cannot_write", path, params={
            "reason": "wrong_suffix", "suffix": suffix or "—", "content": content,
            "ending": ".csv / .xlsx", "example": str(Path(path).with_suffix(".csv"))})
    _refuse_overwrite(path, force, example=example)


def run_template(args: argparse.Namespace) -> int:
    """Write the debts template."""
    from planner.io.importing import write_debts_template

    table_output(args.output, args.force, message("content.table", args.lang), example="debts.csv")
    write_debts_template(args.output)
    sys.stderr.write(message("template.written", args.lang, path=args.output) + "\n")
    return 0


# ------------------------------------------------------------------------------------------------ import


_BUDGET_OPTIONS = (("income", "incomes"), ("expenses", "expenses"), ("reserve", "reserve"), ("members", "members"),
                   ("area", "area"))
"""Each budget option and the part of the budget it replaces."""
_MONEY_PARTS = ("incomes", "expenses", "reserve")
"""The parts that are the budget's money; the household's size and area have defaults and are named only when set."""


def _held(budget: Any) -> dict[str, bool]:
    """Return, per part of ``budget``, whether it holds something of its own (an amount, or not the default)."""
    from planner.domain.model import BenchmarkArea

    return {"incomes": bool(budget.incomes), "expenses": bool(budget.expenses), "reserve": bool(budget.reserve),
            "members": budget.members != 1, "area": budget.area is not BenchmarkArea.NATIONAL}


def _area_aliases() -> dict[str, Any]:
    """Return the Chinese names of the benchmark areas (全国居民, 全国 …), as the option accepts them."""
    from planner.domain.model import BenchmarkArea
    from planner.text import zh

    aliases: dict[str, Any] = {}
    for area in BenchmarkArea:
        name = zh.BENCHMARK_AREAS[area.value]
        aliases[name] = aliases[name.removesuffix("居民")] = area
    return aliases


def _budget_parts(args: argparse.Namespace) -> dict[str, Any]:
    """Return the parts of the budget the options give (``incomes``, ``expenses``, ``reserve``, ``members``,
    ``area``), only those given: each money option is one line (the total) replacing that part."""
    from planner.choices import parse_choice
    from planner.domain.model import MAX_MEMBERS, BenchmarkArea, ExpenseCategory, ExpenseItem, IncomeItem
    from planner.money import money, to_int
    from planner.text import zh

    parts: dict[str, Any] = {}
    if args.income is not None:
        income = money(args.income, field="income")
        parts["incomes"] = (IncomeItem(zh.FIELDS["income"], income),) if income else ()
    if args.expenses is not None:
        expenses = money(args.expenses, field="expenses")
        parts["expenses"] = ((ExpenseItem(ExpenseCategory.OTHER, expenses, zh.MESSAGES["import.expenses_line"]),)
                             if expenses else ())
    if args.reserve is not None:
        parts["reserve"] = money(args.reserve, field="reserve")
    if args.members is not None:
        parts["members"] = to_int(args.members, field="members", low=1, high=MAX_MEMBERS)
    if args.area is not None:
        parts["area"] = parse_choice(BenchmarkArea, args.area, "area", aliases=_area_aliases())
    return parts


def _old_case(target: Path) -> Any:
    """Return the case in ``target`` before ``--force`` replaces it, or None when it does not read as one."""
    from planner.errors import InvalidInput as Invalid
    from planner.io.casefile import load_case

    try:
        return load_case(target)
    except (Invalid, OSError, ValueError):
        return None


def run_import(args: argparse.Namespace) -> int:
    """Read a debts table and save a case: a new one, or (``--update``) the existing case with new debts.

    ``--update`` keeps the case's scenarios, notes and budget, except the parts of the budget an option gives;
    the as-of date becomes ``--as-of`` or today, as for a new case (the table's figures are current). Exit code 0,
    1 when the case is written but a finding is an error (e.g. a contract dated after the as-of date), 2 when
    nothing is written.
    """
    from dataclasses import replace

    from planner.caps import audit_case
    from planner.dates import parse_date
    from planner.domain.case import Case
    from planner.domain.checks import budget_checks, debt_checks
    from planner.domain.model import Budget
    from planner.engines.scenarios import start_findings
    from planner.io.casefile import load_case, write_case
    from planner.io.importing import import_debts, replace_debts

    lang = args.lang
    target = Path(args.output)
    if target.is_dir():
        raise InvalidInput("file", "cannot_write", args.output, params={"reason": "is_folder",
                                                                        "example": str(target / "case.json")})
    _case_output(args.output, lang)
    exists = target.exists()
    if exists and not (args.update or args.force):
        raise InvalidInput("file", "case_exists", args.output)
    parts = _budget_parts(args)
    given_as_of = parse_date(args.as_of, field="as_of") if args.as_of else None
    previous = load_case(target) if exists and args.update else None  # read first: a bad file is reported now
    replaced = _old_case(target) if exists and args.force else None
    result = import_debts(args.debts)
    if result.errors:
        for error in result.errors:
            sys.stderr.write(f"planner: {error.message(lang)}\n")
        sys.stderr.write(f"planner: {message('import.no_case', lang, count=len(result.errors))}\n")
        return EXIT_BAD_INPUT
    if result.first_sheet is not None and result.sheet is not None:
        sys.stderr.write(f"planner: {message('import.sheet', lang, sheet=result.sheet)}\n")
    as_of = given_as_of or date.today()  # noqa: DTZ011 - the CLI is an edge; the core never reads the clock
    notes: list[str] = []
    if previous is not None:
        changes: dict[str, Any] = {"as_of": as_of}
        if args.borrower is not None:
            changes["borrower"] = args.borrower
        budget = replace(previous.budget, **parts) if parts else None
        case = replace_debts(previous, result.debts, budget=budget, **changes)
        notes += _update_notes(previous, case, parts, given_as_of is not None, lang)
    else:
        case = Case(Budget(**parts), result.debts, as_of, borrower=args.borrower or "")
        if given_as_of is None:
            notes.append(message("import.as_of_today", lang, as_of=fmt.iso(as_of)))
        if replaced is not None:
            notes += _discarded_notes(replaced, parts, lang)
    saved = write_case(case, target, keep_copy=exists)
    if previous is not None:
        sys.stderr.write(message("import.updated", lang, count=len(case.debts), path=args.output) + "\n")
    else:
        sys.stderr.write(message("import.done", lang, count=len(case.debts), path=args.output) + "\n")
    _report_kept_copy(saved, lang)
    for note in notes:
        sys.stderr.write(f"planner: {note}\n")
    if result.ignored_columns:
        names = fmt.join(result.ignored_columns, lang)
        sys.stderr.write(f"planner: {message('import.ignored', lang, names=names)}\n")
    if not case.budget.incomes and not case.budget.expenses:
        sys.stderr.write(f"planner: {message('import.no_budget', lang)}\n")
    errors = [f for a in audit_case(case) for f in a.findings if f.severity is Severity.ERROR]
    budget_found = [f for f in budget_checks(case.budget) if f.code != "NO_BUDGET"]  # said above, with the fix
    starts = [f for s in case.scenarios for f in start_findings(s, case.as_of) if f.code == "START_BEFORE_AS_OF"]
    for finding in unique([*budget_found, *(f for d in case.debts for f in debt_checks(d)), *starts, *errors]):
        sys.stderr.write(f"planner: {finding_line(finding, lang)[2:]}\n")
    if errors:
        sys.stderr.write(f"planner: {message('import.errors', lang, count=len(errors), path=args.output)}\n")
        return EXIT_FINDINGS
    return 0


def _update_notes(previous: Any, case: Any, parts: dict[str, Any], as_of_given: bool, lang: str) -> list[str]:
    """Return what ``--update`` changed besides the debts: the budget parts replaced (and those kept), the as-of
    date, and the new debts the existing scenarios leave on contract terms."""
    held = _held(previous.budget)
    names = [name for name, part in _BUDGET_OPTIONS if part in parts]
    kept = [name for name, part in _BUDGET_OPTIONS if part not in parts and (part in _MONEY_PARTS or held[part])]
    found = []
    if names:
        found.append(message("import.budget_replaced", lang, replaced=fmt.join([label(n, lang)
                                                                               for n in names], lang),
                             kept=fmt.join([label(n, lang) for n in kept], lang) or label("dash", lang)))
    else:
        found.append(message("import.kept", lang))
    if case.as_of != previous.as_of:
        key = "import.as_of_changed" if as_of_given else "import.as_of_today_changed"
        found.append(message(key, lang, as_of=fmt.iso(case.as_of), old=fmt.iso(previous.as_of)))
    old_ids = {d.id for d in previous.debts}
    new_ids = {d.id for d in case.debts}
    added = [d.id for d in case.debts if d.id not in old_ids]
    removed = [d.id for d in previous.debts if d.id not in new_ids]
    if removed:
        found.append(message("import.removed_debts", lang, ids=fmt.join(removed, lang)))
    if added and case.scenarios:
        found.append(message("import.new_debts", lang, ids=fmt.join(added, lang), count=len(case.scenarios)))
    return found


def _discarded_notes(old: Any, parts: dict[str, Any], lang: str) -> list[str]:
    """Return what ``--force`` left behind of the old case (its scenarios, notes, budget), all in the backup."""
    left = []
    if old.scenarios:
        left.append(message("import.part.scenarios", lang, count=len(old.scenarios)))
    if old.notes:
        left.append(message("import.part.notes", lang))
    held = _held(old.budget)
    dropped = [name for name, part in _BUDGET_OPTIONS if held[part] and part not in parts]
    if all(held[part] and part not in parts for part in _MONEY_PARTS):  # the whole budget (its size with it)
        left.append(message("import.part.budget", lang))
    else:
        left += [label(name, lang) for name in dropped]
    return [message("import.discarded", lang, parts=fmt.join(left, lang))] if left else []


# ------------------------------------------------------------------------------------------------ unknown keys


def unknown_keys(extra: Iterable[tuple[str, str]], lang: str) -> list[dict[str, Any]]:
    """Return the case file's keys this planner does not know, by location, each with the keys it may have meant
    (kept as they are when saving, but not used)."""
    from planner.io.casefile import known_keys

    known = sorted(known_keys())
    found = []
    for location, text in extra:
        path = json.loads(location)
        keys = sorted(json.loads(text))
        suggestions = {k: difflib.get_close_matches(k, known, n=2, cutoff=0.75) for k in keys}
        found.append({"where": ".".join(path) or message("top_level", lang), "keys": keys,
                      "did_you_mean": {k: v for k, v in suggestions.items() if v}})
    return found


def _unknown_keys_text(unknown: list[dict[str, Any]], lang: str) -> str:
    """Return the warning about unknown keys, ending with a blank line ("" when there are none)."""
    if not unknown:
        return ""
    lines = [message("unknown_keys", lang)]
    for item in unknown:
        parts = []
        for key in item["keys"]:
            meant = item["did_you_mean"].get(key)
            parts.append(key + (message("unknown_keys.suggest", lang, keys=fmt.join(meant, lang)) if meant else ""))
        lines.append(f"  - {item['where']}: {', '.join(parts)}")
    return "\n".join(lines) + "\n\n"


# ------------------------------------------------------------------------------------------------ check


def run_check(args: argparse.Namespace) -> int:
    """Load a case (reporting the first invalid value) and print the cap audit of each debt.

    Exit code 0, or 1 when a finding is an error (e.g. a contract dated after the as-of date): the file reads, but
    its figures cannot be used as they are.
    """
    from planner.caps import audit_case, case_data_findings
    from planner.caps.spending import spending_findings
    from planner.domain.checks import budget_checks, debt_checks
    from planner.io.casefile import load_case
    from planner.io.export import audit_json, findings_json
    from planner.text.fmt import percent_2

    case = load_case(args.case)
    audits = audit_case(case)
    data = [*case_data_findings(audits, case.as_of), *budget_checks(case.budget), *spending_findings(case.budget)]
    if not case.debts:
        data.append(Finding.of("NO_DEBTS", Severity.WARNING, Scope.CASE))
    # Per debt: figures that look mistyped first, then the cap audit's findings.
    checks = [debt_checks(d) for d in case.debts]
    lang = args.lang
    unknown = unknown_keys(case.extra, lang)
    everything = [*data, *(f for c in checks for f in c), *(f for a in audits for f in a.findings)]
    if args.json:
        print_json({
            "as_of": case.as_of.isoformat(),
            "debts": len(case.debts),
            "unknown_keys": unknown,
            "audits": [audit_json(a, lang, extra=c) for a, c in zip(audits, checks, strict=True)],
            "findings": findings_json(data, lang),
        })
        return EXIT_FINDINGS if has_error(everything) else 0
    errors = sum(1 for f in everything if f.severity.value == "error")
    head = (message("check.errors", lang, count=errors) if errors else
            message("check.valid", lang, debts=len(case.debts), as_of=case.as_of.isoformat()))
    lines = [head, ""]
    if unknown:
        lines.append(_unknown_keys_text(unknown, lang).rstrip("\n") + "\n")
    keys = ("debt_id", "cost_rate_percent", "cap_rate", "claimed", "supportable", "excess")
    reference = label("reference_mark", lang)  # a cap that is not a confirmed legal one says so in its cell
    rows = [[a.debt_id, percent_2(a.cost_rate_percent),
             percent_2(a.cap.percent) + ("" if a.cap.standing == "legal" else reference),
             fmt.amount(a.claimed, lang), fmt.amount(a.supportable, lang), fmt.amount(a.excess, lang)] for a in audits]
    lines.append(format_table([label(k, lang) for k in keys], rows, align_right=[False, *[True] * 5]))
    if any(a.cap.standing != "legal" for a in audits):
        lines.append(message("check.reference", lang))
    quoted = [(d.id, name, rate) for d in case.debts for name in ("contract_rate", "penalty_rate", "fee_rate")
              if (rate := getattr(d, name)) is not None and rate.unit.value != "annual_percent"]
    if quoted:  # rates written per month or per day, with their annual equivalent
        lines += ["", message("check.rates", lang)]
        lines += [f"  - {debt_id}: {field_label(name, lang)} {fmt.rate(rate, lang)}" for debt_id, name, rate in quoted]
    findings = unique([*data, *(f for c, a in zip(checks, audits, strict=True) for f in (*c, *a.findings))])
    if findings:
        lines += ["", message("check.findings", lang)]
        lines += [finding_line(f, lang) for f in findings]
    lines += ["", message("estimate.caps", lang)]
    sys.stdout.write(text_block(lines) + "\n")
    return EXIT_FINDINGS if errors else 0


# ------------------------------------------------------------------------------------------------ plan


def run_plan(args: argparse.Namespace) -> int:
    """Plan the case (its scenarios, and the budget-fitted ones with --fit or when it has none) and print it."""
    from planner.engines.plan import MAX_PLAN_HORIZON, plan_case
    from planner.io.casefile import load_case
    from planner.io.export import plan_json
    from planner.money import to_int

    horizon = to_int(str(args.horizon).strip(), field="horizon", low=1, high=MAX_PLAN_HORIZON)
    case = load_case(args.case)
    if not case.debts:
        raise InvalidInput("debts", "empty", 0)
    result = plan_case(case, fit=True if args.fit else None, horizon=horizon)
    lang = args.lang
    unknown = unknown_keys(case.extra, lang)
    if args.json or args.detail:
        print_json(plan_json(result, lang, detail=args.detail, unknown_keys=unknown))
    else:
        sys.stdout.write(text_block(_unknown_keys_text(unknown, lang).splitlines()) + ("\n" if unknown else "")
                         + plan_text(result, lang))
    return EXIT_FINDINGS if result.has_errors else 0


def _differing_starts(result: Any, lang: str) -> list[str]:
    """Return the note that scenarios start on different dates (the status quo starts with the first one)."""
    base = result.baseline.start
    later = [o for o in result.outcomes if o.start != base]
    if not later:
        return []
    starts = ("; " if lang == "en" else "、").join(f"{scenario_label(o, lang)}（{fmt.iso(o.start)}）" if lang != "en"
                                                   else f"{scenario_label(o, lang)} ({fmt.iso(o.start)})" for o in later)
    return [message("plan.starts", lang, base=fmt.iso(base), starts=starts)]


def plan_text(result: Any, lang: str) -> str:
    """Return the plan as text: the comparison table, each scenario's terms and APRs, the findings by group."""
    from planner.text import choice_label, describe_plan
    from planner.text.fmt import percent_2

    yes, no, dash = label("yes", lang), label("no", lang), label("dash", lang)
    keys = ["scenario", "affordable", "shortfall_months", "largest_monthly_payment", "total_cost", "saving",
            "debt_free_date"]
    rows = [
        [scenario_label(o, lang), yes if o.is_affordable else no, f"{len(o.shortfall_months)}/{len(o.months)}",
         fmt.amount(o.largest_monthly_payment, lang), fmt.amount(o.total_cost, lang),
         fmt.amount(o.total_saving, lang), fmt.iso(o.debt_free_date) or dash]
        for o in result.all
    ]
    lines = [
        message("plan.disposable", lang, amount=fmt.money(result.case.budget.disposable, lang)),
        message("plan.window", lang, first=result.first_month, months=result.window),
        *_differing_starts(result, lang),
        "",
        format_table([label(k, lang) for k in keys], rows, align_right=[False, False, *[True] * 5]),
        "",
        message("plan.terms", lang),
    ]
    for outcome in result.all:
        plans = dict(outcome.plans)
        lines.append(f"  【{scenario_label(outcome, lang)}】" if lang != "en" else f"  {scenario_label(outcome, lang)}:")
        lines.append("    " + message("plan.totals", lang, paid=fmt.money(outcome.total_paid, lang),
                                        waived=fmt.money(outcome.total_waived, lang),
                                        remaining=fmt.money(outcome.total_remaining, lang)))
        for debt in outcome.debts:
            terms = describe_plan(plans[debt.debt_id], lang) if debt.debt_id in plans else message(
                "terms.contract", lang)
            apr = (message("plan.apr", lang, apr=percent_2(debt.apr_percent)) if debt.apr_percent is not None
                   else choice_label("apr_notes", debt.apr_note or "no_payments", lang))
            lines.append(f"    {debt.debt_id}: {terms} — {apr}")
    grouped = _groups(result, lang)
    if grouped:
        lines += ["", message("plan.findings", lang)]
        for title, findings, subject in grouped:
            lines.append(f"  【{title}】" if lang != "en" else f"  {title}:")
            lines += [finding_line(f, lang, indent="    ", group=subject) for f in findings]
    lines += ["", message("reminder.written", lang)]
    return text_block(lines) + "\n"


def _groups(result: Any, lang: str) -> list[tuple[str, Sequence[Finding], str]]:
    """Return the findings grouped: the case's data first, then each scenario's, then the budget fitting's."""
    grouped: list[tuple[str, Sequence[Finding], str]] = []
    if result.findings:
        grouped.append((message("plan.data_group", lang), unique(result.findings), ""))
    grouped += [(scenario_label(o, lang), unique(o.findings), o.name) for o in result.all if o.findings]
    if result.fit_findings:
        grouped.append((message("plan.fit_group", lang), unique(result.fit_findings), ""))
    return grouped
