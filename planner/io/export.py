"""JSON-ready data of the planner's results: decimal strings, ISO dates, codes plus rendered messages.

One export per result, used by ``planner plan --json`` / ``check --json`` / ``payoff --json`` and, next, by the
proposal's document builder, so a script, the app and the letter read the same figures:

* :func:`plan_json` — a :class:`planner.engines.plan.CasePlan` (with ``detail=True`` also each scenario's months
  and each debt's schedule, so totals can be reconciled to the fen);
* :func:`audit_json`, :func:`outcome_json`, :func:`finding_json`, :func:`payoff_json`.

Amounts are two-place decimal strings (``"5307.27"``), percentages two-place strings (``"24.00"``), dates ISO.
The keys are a contract for scripts (README): keys are added, never removed or renamed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from planner.caps import CapAudit
from planner.engines.payoff import PayoffResult
from planner.engines.plan import CasePlan
from planner.engines.scenarios import MonthFlow, Outcome
from planner.engines.schedules import Schedule
from planner.findings import CODES, Choice, Finding, P
from planner.money import yuan
from planner.text import Audience, choice_label, describe_plan, message, render, scenario_label
from planner.text.fmt import percent_2


def _number(value: Decimal) -> str:
    plain = value.normalize()
    return f"{plain.quantize(Decimal(1)) if plain == plain.to_integral_value() else plain:f}"


def _rate(rate: Any) -> dict[str, str]:
    quoted = rate.quoted if rate.quoted is not None else rate.percent_per_year
    return {"unit": rate.unit.value, "value": _number(quoted), "annual_percent": percent_2(rate.percent_per_year)}


def param_json(kind: P | Choice, value: Any) -> Any:
    """Return one finding parameter as JSON: by its declared kind."""
    if isinstance(kind, Choice):
        return value
    converters: dict[P, Any] = {
        P.MONEY: yuan,
        P.PERCENT: percent_2,
        P.NUMBER: _number,
        P.COUNT: int,
        P.DATE: lambda d: d.isoformat(),
        P.MONTH: lambda d: f"{d.year:04d}-{d.month:02d}",
        P.MONTHS: lambda ds: [f"{d.year:04d}-{d.month:02d}" for d in ds],
        P.TEXT: str,
        P.IDS: list,
        P.FIELD: str,
        P.RATE: _rate,
        P.KIND: str,
        P.TIME: lambda t: t.isoformat(timespec="minutes"),
        P.CONTACTS: list,
        P.FLAGS: list,
    }
    return converters[kind](value)


def finding_json(finding: Finding, locale: str = "zh", audience: Audience = "borrower") -> dict[str, Any]:
    """Return a finding: ``code``, ``severity``, ``scope``, ``subject`` (the id, or the scope when it has none),
    ``message`` (rendered in ``locale``), ``source`` and ``params`` (typed values as JSON)."""
    spec = CODES[finding.code].params
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "scope": finding.scope.value,
        "subject": finding.subject or finding.scope.value,
        "message": render(finding, locale, audience),
        "source": finding.source,
        "params": {name: param_json(spec[name], value) for name, value in finding.params},
    }


def findings_json(findings: Iterable[Finding], locale: str = "zh") -> list[dict[str, Any]]:
    """Return findings as JSON, without repeats."""
    return [finding_json(f, locale) for f in dict.fromkeys(findings)]


def conduct_findings_json(findings: Iterable[Finding], locale: str = "zh") -> dict[str, Any]:
    """Return the conduct log's findings (:func:`planner.caps.conduct.check_log`) as ``planner log check --json``
    prints them: ``{"findings": [{"code", "severity", "creditor", "count", "first", "last", "entries", "source",
    …}]}`` — ``creditor`` is the debt id or the name as logged, ``first`` / ``last`` China-local ISO times to the
    minute, ``entries`` the entries' ids; each also has its ``name`` (the creditor as shown), ``message`` and
    ``params``. A contract for scripts: keys are only ever added."""
    rows = []
    for finding in dict.fromkeys(findings):
        full = finding_json(finding, locale)
        params = full["params"]
        rows.append({
            "code": finding.code,
            "severity": finding.severity.value,
            "creditor": finding.subject,
            "count": params.get("count"),
            "first": params.get("first"),
            "last": params.get("last"),
            "entries": params.get("entries", []),
            "source": finding.source,
            "name": params.get("creditor"),
            "message": full["message"],
            "params": params,
        })
    return {"findings": rows}


def audit_json(audit: CapAudit, locale: str = "zh", *, extra: Sequence[Finding] = ()) -> dict[str, Any]:
    """Return one debt's cap audit (the ``check --json`` object); ``extra`` findings come first (data checks)."""
    cap = audit.cap
    limit = audit.term_limit
    return {
        "id": audit.debt_id,
        "cap_rate": percent_2(cap.percent),
        "cost_rate": percent_2(audit.cost_rate_percent),
        "supportable": yuan(audit.supportable),
        "claimed": yuan(audit.claimed),
        "excess": yuan(audit.excess),
        "basis": cap.basis_en if locale == "en" else cap.basis_zh,
        "source": cap.source,
        "rule_id": cap.rule_id,
        "status": cap.status.value,
        "nature": cap.reported_nature,
        "standing": cap.standing,
        "window_start": audit.window_start.isoformat(),
        "window_days": audit.window_days,
        "term_limit": None if limit is None else {"months": limit.months, "source": limit.source},
        "findings": findings_json((*extra, *audit.findings), locale),
    }


def schedule_json(schedule: Schedule) -> list[dict[str, Any]]:
    """Return a schedule's lines."""
    return [{"period": line.period, "due_date": line.due_date.isoformat(), "payment": yuan(line.payment),
             "principal": yuan(line.principal), "interest": yuan(line.interest), "fee": yuan(line.fee),
             "balance": yuan(line.balance)} for line in schedule.lines]


def month_json(month: MonthFlow) -> dict[str, Any]:
    """Return one month of a scenario's cash flow."""
    return {"month": month.month, "date": month.date.isoformat(), "disposable": yuan(month.disposable),
            "payments": yuan(month.payments), "by_debt": {k: yuan(v) for k, v in month.by_debt.items()},
            "surplus": yuan(month.surplus), "balance": yuan(month.balance), "affordable": month.is_affordable}


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def outcome_json(outcome: Outcome, locale: str = "zh", *, detail: bool = False) -> dict[str, Any]:
    """Return one scenario's outcome (the status quo included); ``detail`` adds its months and schedules."""
    share = outcome.largest_share_of_disposable
    plans = dict(outcome.plans)
    data: dict[str, Any] = {
        "name": scenario_label(outcome, "zh"),  # the planner's own scenarios keep their Chinese names here
        "label": scenario_label(outcome, locale),
        "origin": outcome.origin or "case",  # "case": the user's own scenario
        "start": _iso(outcome.start),
        "affordable": outcome.is_affordable,
        "shortfall_months": len(outcome.shortfall_months),
        "months_compared": len(outcome.months),
        "total_paid": yuan(outcome.total_paid),
        "total_interest": yuan(outcome.total_interest),
        "total_fees": yuan(outcome.total_fees),
        "total_waived": yuan(outcome.total_waived),
        "remaining": yuan(outcome.total_remaining),
        "total_cost": yuan(outcome.total_cost),
        "saving": yuan(outcome.total_saving),
        "debt_free_date": _iso(outcome.debt_free_date),
        "largest_monthly_payment": yuan(outcome.largest_monthly_payment),
        "largest_share_of_disposable": None if share is None else f"{share:.2f}",
        "debts": [],
        "findings": findings_json(outcome.findings, locale),
    }
    for d in outcome.debts:
        item: dict[str, Any] = {
            "id": d.debt_id, "creditor": d.creditor, "total_paid": yuan(d.total_paid), "interest": yuan(d.interest),
            "fees": yuan(d.fees), "waived": yuan(d.waived), "remaining": yuan(d.remaining), "saving": yuan(d.saving),
            "debt_free_date": _iso(d.debt_free_date), "largest_payment": yuan(d.largest_payment),
            "apr": None if d.apr_percent is None else f"{d.apr_percent:.2f}",
            "apr_note": d.apr_note,
            "apr_reason": None if d.apr_note is None else choice_label("apr_notes", d.apr_note, locale),
            "terms": describe_plan(plans[d.debt_id], locale) if d.debt_id in plans else message(
                "terms.contract", locale),
        }
        if detail:
            item["schedule"] = schedule_json(d.schedule)
        data["debts"].append(item)
    if detail:
        data["months"] = [month_json(m) for m in outcome.months]
    return data


def plan_json(
    plan: CasePlan, locale: str = "zh", *, detail: bool = False, unknown_keys: Sequence[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    """Return a whole case plan (the ``plan --json`` object).

    Keys: ``as_of``, ``disposable``, ``horizon`` (asked for), ``window`` (months compared), ``compared`` (one line
    saying what was compared), ``unknown_keys``, ``scenarios`` (the status quo first; see :func:`outcome_json`),
    ``findings`` (about the case and the budget fitting).
    """
    case = plan.case
    return {
        "as_of": case.as_of.isoformat(),
        "disposable": yuan(case.budget.disposable),
        "horizon": plan.horizon,
        "window": plan.window,
        "compared": message("plan.window", locale, first=plan.first_month, months=plan.window),
        "unknown_keys": list(unknown_keys),
        "scenarios": [outcome_json(o, locale, detail=detail) for o in plan.all],
        "findings": findings_json((*plan.findings, *plan.fit_findings), locale),
    }


def payoff_json(result: PayoffResult, *, include_policy: bool = False, locale: str = "zh") -> dict[str, Any]:
    """Return one payoff plan (the ``payoff --json`` object; amounts as two-place strings, dates ISO).

    Keys: ``months_to_debt_free``, ``debt_free_date``, ``total_interest``, ``total_paid``, ``debts`` (``id``,
    ``payoff_month``, ``interest``, ``paid`` in input order), ``months`` (``month``, ``date``, ``payments``,
    ``balances``, ``unallocated``) and ``findings``; ``policy`` first when ``include_policy`` (the ``--compare``
    form). Only when the plan has recurring fees (a debt with a ``fee_rate``; never for a debts table) are fees
    added, so that the figures still reconcile: ``total_fees`` after ``total_paid``, ``fees`` in each debt and in
    each month.
    """
    with_fees = bool(result.total_fees)
    data: dict[str, Any] = {"policy": result.label} if include_policy else {}
    data.update({
        "months_to_debt_free": result.months_to_debt_free,
        "debt_free_date": _iso(result.debt_free_date),
        "total_interest": yuan(result.total_interest),
        "total_paid": yuan(result.total_paid),
    })
    if with_fees:
        data["total_fees"] = yuan(result.total_fees)
    debts = []
    for d in result.debts:
        item = {"id": d.id, "payoff_month": d.payoff_month, "interest": yuan(d.interest), "paid": yuan(d.paid)}
        if with_fees:
            item["fees"] = yuan(d.fees)
        debts.append(item)
    months = []
    for row in result.months:
        month: dict[str, Any] = {
            "month": row.month,
            "date": row.date.isoformat(),
            "payments": {k: yuan(v) for k, v in row.payments.items()},
            "balances": {k: yuan(v) for k, v in row.balances.items()},
            "unallocated": yuan(row.unallocated),
        }
        if with_fees:
            month["fees"] = {k: yuan(v) for k, v in row.fees.items()}
        months.append(month)
    data["debts"] = debts
    data["months"] = months
    data["findings"] = findings_json(result.findings, locale)
    return data
