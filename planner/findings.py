"""Findings: domain observations returned as data, never raised — a code with typed parameters, no sentence.

A finding is what the planner wants a borrower, a counsellor or a creditor to notice: a rate above a legal cap,
LPR data that may be stale, a plan over the credit-card term limit. It carries

* a stable ``code`` (``RATE_ABOVE_CAP``) declared in :data:`CODES` with the kind of each parameter;
* a :class:`Severity` and a :class:`Scope` (a debt, a scenario, the case, or the data) with the id it is about;
* typed ``params``: amounts and percentages as ``Decimal``, dates as ``date``, counts as ``int``, debt ids as text;
* the ``source`` it relies on (a document with its number and date), empty when none applies.

No finding holds a sentence. :func:`planner.text.render` builds one for a locale (简体中文 first, English) and an
audience (the borrower; the creditor, for the proposal), so every wording lives in :mod:`planner.text`. Cap-related
findings are information with a citation, never a legal conclusion.

This module imports nothing from the rest of the package.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How much a finding matters; one vocabulary everywhere (提示 / 注意 / 错误)."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"  # the input cannot be used as it is (a date that cannot be right): fix it first


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Scope(StrEnum):
    """What a finding is about; ``subject`` holds the id (a debt id, a scenario or policy name)."""

    DEBT = "debt"
    SCENARIO = "scenario"
    CASE = "case"  # the household or the comparison as a whole (no id)
    CREDITOR = "creditor"  # a creditor's collectors in the conduct log: a debt id, or a name as logged
    DATA = "data"  # the legal data the planner relies on (no id)


class P(StrEnum):
    """The kind of a finding parameter: how it is checked here and formatted by :mod:`planner.text`."""

    MONEY = "money"  # Decimal yuan
    PERCENT = "percent"  # Decimal percent
    NUMBER = "number"  # a plain Decimal (a multiple, a value to type)
    COUNT = "count"  # int (months, days, rows)
    DATE = "date"
    MONTH = "month"  # a date shown as its calendar month
    MONTHS = "months"  # tuple of dates shown as calendar months
    TEXT = "text"  # str shown as it is (a rule id, a name)
    IDS = "ids"  # tuple of str (debt ids)
    FIELD = "field"  # a field identifier, shown by its label
    RATE = "rate"  # a planner.rates.Rate, shown in the unit it was quoted in
    KIND = "kind"  # a creditor kind value, shown by its label
    TIME = "time"  # a datetime, China's local time to the minute
    CONTACTS = "contacts"  # tuple of planner.domain.conduct.Contacted values, shown by their labels
    FLAGS = "flags"  # tuple of planner.domain.conduct.Flag values, shown by their labels


@dataclass(frozen=True, slots=True)
class Choice:
    """A parameter that selects wording (never shown itself): one of ``values``."""

    values: tuple[str, ...]


ParamSpec = P | Choice


@dataclass(frozen=True, slots=True)
class Spec:
    """The declared parameters of one finding code; names in ``optional`` may be left out."""

    params: Mapping[str, ParamSpec]
    optional: frozenset[str] = frozenset()


def _spec(optional: tuple[str, ...] = (), /, **params: ParamSpec) -> Spec:
    return Spec(params, frozenset(optional))


_STANDING = Choice(("legal", "reference"))  # a confirmed legal cap, or a reference (guidance, unconfirmed) figure
# A group of expenses compared with the NBS survey (planner.caps.spending.BenchmarkGroup), and the survey's area
# (planner.domain.model.BenchmarkArea); both are worded by planner.text (BENCHMARK_GROUPS, BENCHMARK_AREAS).
_GROUP = Choice(("food", "housing", "transport", "education", "medical", "other", "total"))
_AREA = Choice(("national", "urban", "rural"))

# What every conduct-log finding carries: the creditor's name as shown, how many entries, the first and last
# contact's time and the entries' ids (planner.domain.conduct.LogEntry.id).
_LOGGED: dict[str, ParamSpec] = {"creditor": P.TEXT, "count": P.COUNT, "first": P.TIME, "last": P.TIME,
                                 "entries": P.IDS}

CODES: dict[str, Spec] = {
    # --- figures that are valid but look mistyped (planner.domain.checks) ---
    "RATE_LOOKS_LIKE_FRACTION": _spec(("monthly", "daily"), field=P.FIELD, rate=P.RATE, meant=P.RATE,
                                      meant_value=P.NUMBER, write=P.TEXT, monthly=P.NUMBER, daily=P.NUMBER),
    "NO_MONTHLY_PAYMENT": _spec(),
    "PRINCIPAL_ABOVE_ORIGINAL": _spec(outstanding=P.MONEY, original=P.MONEY),
    "SETTLEMENT_PERCENT_LOW": _spec(percent=P.PERCENT, meant_value=P.NUMBER),
    # --- the case as a whole ---
    "NO_BUDGET": _spec(),
    "DISPOSABLE_NEGATIVE": _spec(income=P.MONEY, outgoing=P.MONEY, disposable=P.MONEY),
    "NO_DEBTS": _spec(),
    # --- the budget beside the NBS household survey (planner.caps.spending): information, never a judgement ---
    "EXPENSE_ABOVE_BENCHMARK": _spec(group=_GROUP, amount=P.MONEY, benchmark=P.MONEY, members=P.COUNT, area=_AREA,
                                     ratio=P.NUMBER, threshold=P.NUMBER),
    "EXPENSE_BELOW_BENCHMARK": _spec(group=_GROUP, amount=P.MONEY, benchmark=P.MONEY, members=P.COUNT, area=_AREA,
                                     ratio=P.NUMBER, threshold=P.NUMBER),
    # --- the cap audit (planner.caps) ---
    "CONTRACT_AFTER_AS_OF": _spec(contract_date=P.DATE, as_of=P.DATE),
    "WINDOW_EMPTY": _spec(start=P.DATE, as_of=P.DATE, claimed=P.MONEY),
    "RATE_ABOVE_CAP": _spec(what=Choice(("contract_rate", "cost_rate")), rate=P.PERCENT, cap=P.PERCENT,
                            standing=_STANDING),
    "PENALTY_RATE_ABOVE_CAP": _spec(rate=P.PERCENT, cap=P.PERCENT, standing=_STANDING),
    "PLAN_ABOVE_CAP": _spec(what=Choice(("rate", "apr")), rate=P.PERCENT, cap=P.PERCENT, standing=_STANDING),
    "CHARGES_ABOVE_CAP": _spec(claimed=P.MONEY, supportable=P.MONEY, excess=P.MONEY, principal=P.MONEY,
                               start=P.DATE, days=P.COUNT, cap=P.PERCENT, standing=_STANDING),
    "RULE_UNCONFIRMED": _spec(rule=P.TEXT, cap=P.PERCENT),
    "LPR_STALE": _spec(("lpr_1y",), confirmed_through=P.DATE, as_of=P.DATE, lpr_1y=P.PERCENT, relied=P.IDS),
    "PRIVATE_TRANSITION": _spec(contract_date=P.DATE, multiple=P.NUMBER, as_of=P.DATE, lpr=P.PERCENT,
                                cap=P.PERCENT),
    "MICROLOAN_RULE": _spec(cap=P.PERCENT),
    "MICROLOAN_GUIDANCE": _spec(),
    "COST_DISCLOSURE": _spec(contract_date=P.DATE),
    "ONLINE_LENDER_OF_RECORD": _spec(),
    # --- schedules (planner.engines.schedules) ---
    "WAIVER_CLAMPED": _spec(requested=P.MONEY, charges=P.MONEY),
    "DOWN_PAYMENT_CLAMPED": _spec(down_payment=P.MONEY, balance=P.MONEY),
    "TERM_OVER_60": _spec(months=P.COUNT, limit=P.COUNT, kind=P.KIND, binding=Choice(("limit", "custom"))),
    "NEVER_PAID_OFF": _spec(payment=P.MONEY, charged=P.MONEY),
    "UNPAID_AT_HORIZON": _spec(
        ("payoff_month", "payoff_date"), remaining=P.MONEY, months=P.COUNT, deferral_months=P.COUNT,
        cut=Choice(("contract", "deferral")), outlook=Choice(("falls", "not_within", "unknown")),
        payoff_month=P.COUNT, payoff_date=P.DATE, max_months=P.COUNT),
    # --- scenarios and the comparison (planner.engines.scenarios, planner.engines.plan) ---
    "START_BEFORE_AS_OF": _spec(start=P.DATE, as_of=P.DATE),
    "START_AFTER_AS_OF": _spec(start=P.DATE, as_of=P.DATE),
    "PAYMENTS_EXCEED_DISPOSABLE": _spec(months=P.COUNT, shown=P.COUNT, gap=P.MONEY, worst=P.MONTH),
    "WINDOW_EXTENDED": _spec(requested=P.COUNT, months=P.COUNT),
    # --- fitting plans to the budget (planner.engines.fit) ---
    "NO_AFFORDABLE_TERM": _spec(("limited",), max_months=P.COUNT, limited=P.IDS),
    "SHORTFALL": _spec(months=P.COUNT),
    "TOKEN_PAYMENTS": _spec(share=P.MONEY, max_months=P.COUNT),
    "FIT_TERM_LIMIT": _spec(needed=P.COUNT, limit=P.COUNT, kind=P.KIND, share=P.MONEY, installment=P.MONEY),
    "FIT_RATE_CAPPED": _spec(cap=P.PERCENT),
    "FIT_SAME_AS": _spec(fitted=P.TEXT, same=P.TEXT),
    # --- payoff policies (planner.engines.payoff) ---
    "PAYOFF_SHORTFALL": _spec(first_month=P.COUNT, months=P.COUNT, available=P.MONEY, minimums=P.MONEY),
    "PAYOFF_BALANCES_DO_NOT_FALL": _spec(months=P.COUNT, start_total=P.MONEY, remaining=P.MONEY),
    "PAYOFF_HORIZON": _spec(months=P.COUNT, remaining=P.MONEY),
    "PAYOFF_NO_MINIMUM": _spec(),
    "PAYOFF_MINIMUM_BELOW_INTEREST": _spec(minimum=P.MONEY, interest=P.MONEY, fee=Choice(("yes", "no"))),
    "PAYOFF_UNALLOCATED": _spec(first_month=P.COUNT, months=P.COUNT, amount=P.MONEY),
    "PAYOFF_EXTRAS_UNUSED": _spec(months=P.MONTHS, amount=P.MONEY),
    # --- the collection-conduct log (planner.caps.conduct): information with citations, never a conclusion ---
    "THIRD_PARTY_CONTACT": _spec(**_LOGGED, contacts=P.CONTACTS),
    "OUTSIDE_HOURS": _spec(**_LOGGED, start=P.TEXT, end=P.TEXT),
    "TOO_FREQUENT": _spec(**_LOGGED, basis=Choice(("attempts", "calls")), limit=P.COUNT, days=P.COUNT,
                          most=P.COUNT, worst=P.DATE),
    "THREAT_OR_INSULT": _spec(**_LOGGED, flags=P.FLAGS),
    "IMPERSONATION": _spec(("identities",), **_LOGGED, identities=P.IDS),
    "FAKE_LEGAL_DOCUMENT": _spec(**_LOGGED),
    "DISCLOSURE": _spec(**_LOGGED, contacts=P.CONTACTS),
    "VISIT": _spec(**_LOGGED),
    # --- complaint follow-up (planner.caps.conduct.reply_due) ---
    "WORKDAYS_ESTIMATED": _spec(year=P.COUNT, through=P.COUNT),
}
"""Every finding code and its parameters. A code not listed here cannot be made (see :meth:`Finding.of`)."""

ParamValue = Any  # Decimal | int | str | date | bool | tuple[...] | a Rate: checked against the spec


def _check(kind: ParamSpec, value: Any) -> bool:
    if isinstance(kind, Choice):
        return value in kind.values
    checks: dict[P, Any] = {
        P.MONEY: lambda v: isinstance(v, Decimal),
        P.PERCENT: lambda v: isinstance(v, Decimal),
        P.NUMBER: lambda v: isinstance(v, Decimal),
        P.COUNT: lambda v: isinstance(v, int) and not isinstance(v, bool),
        P.DATE: lambda v: isinstance(v, date),
        P.MONTH: lambda v: isinstance(v, date),
        P.MONTHS: lambda v: isinstance(v, tuple) and all(isinstance(d, date) for d in v),
        P.TEXT: lambda v: isinstance(v, str),
        P.IDS: lambda v: isinstance(v, tuple) and all(isinstance(i, str) for i in v),
        P.FIELD: lambda v: isinstance(v, str),
        P.RATE: lambda v: hasattr(v, "percent_per_year") and hasattr(v, "unit"),
        P.KIND: lambda v: isinstance(v, str),
        P.TIME: lambda v: isinstance(v, datetime),
        P.CONTACTS: lambda v: isinstance(v, tuple) and all(isinstance(i, str) for i in v),
        P.FLAGS: lambda v: isinstance(v, tuple) and all(isinstance(i, str) for i in v),
    }
    return bool(checks[kind](value))


@dataclass(frozen=True, slots=True)
class Finding:
    """One observation, as data: code, severity, scope and subject, typed parameters and the source.

    Attributes:
        code: a key of :data:`CODES` such as ``RATE_ABOVE_CAP``.
        severity: see :class:`Severity`.
        scope: what the finding is about (see :class:`Scope`).
        subject: the id within the scope: a debt id, a scenario (or payoff policy) name; ``""`` for the case and
            the data.
        params: ``(name, value)`` pairs in the order :data:`CODES` declares them.
        source: the document relied on, with its number and date; empty when none applies.

    Build one with :meth:`of`, which checks the parameters against :data:`CODES`.
    """

    code: str
    severity: Severity
    scope: Scope
    subject: str = ""
    params: tuple[tuple[str, ParamValue], ...] = ()
    source: str = ""

    @classmethod
    def of(
        cls, code: str, severity: Severity, scope: Scope, subject: str = "", *, source: str = "", **params: Any
    ) -> Finding:
        """Return a finding whose parameters are checked against the code's :class:`Spec`.

        Raises:
            KeyError: an unknown code (a programming error, not bad input).
            TypeError: a missing, unknown or wrongly typed parameter.
        """
        spec = CODES[code]
        unknown = set(params) - set(spec.params)
        missing = set(spec.params) - set(params) - spec.optional
        if unknown or missing:
            msg = f"{code}: unknown parameters {sorted(unknown)}, missing {sorted(missing)}"
            raise TypeError(msg)
        for name, value in params.items():
            if not _check(spec.params[name], value):
                msg = f"{code}: parameter {name!r} must be {spec.params[name]}, got {value!r}"
                raise TypeError(msg)
        ordered = tuple((name, params[name]) for name in spec.params if name in params)
        return cls(code, Severity(severity), Scope(scope), subject, ordered, source)

    def param(self, name: str, default: Any = None) -> Any:
        """Return the value of parameter ``name`` (``default`` when the finding has none)."""
        for key, value in self.params:
            if key == name:
                return value
        return default

    @property
    def values(self) -> dict[str, Any]:
        """Return the parameters as a dict."""
        return dict(self.params)

    def about(self, scope: Scope, subject: str) -> Finding:
        """Return the same finding about another scope and subject (a payoff plan's finding inside a scenario)."""
        return Finding(self.code, self.severity, scope, subject, self.params, self.source)


def ordered(findings: list[Finding] | tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Return findings errors first, then warnings, then information (stable within each)."""
    return tuple(sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity]))


def unique(findings: Any) -> list[Finding]:
    """Return findings without repeats, in first-seen order."""
    return list(dict.fromkeys(findings))
