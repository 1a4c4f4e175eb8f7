"""Case files: a whole case saved as versioned, human-readable JSON, written atomically.

The format is documented in ``docs/CASEFILE.md``. In short::

    {"format": "debt-planner-case", "version": 1, "as_of": "2026-11-23", "borrower": "…", "notes": "…",
     "budget": {…}, "debts": [{…}, …], "scenarios": [{…}, …]}

* Amounts, rates and percentages are **decimal strings** ("1234.56"); integers are accepted on load, JSON numbers
  with a fraction or exponent (binary floats) are refused with ``float_refused`` naming where they are.
* Dates are ISO ``YYYY-MM-DD``; enumerations are written by their values (``"credit-card"``).
* Rates are objects with their unit, the value as quoted and the day count, so ``日利率万分之五`` stays
  万分之五 and not 18.25 %; ``annual_percent`` is written alongside for readers and checked on load.
* Keys are written in a fixed order (the order of this documentation), so saving twice gives the same bytes.
* Keys this planner does not know are kept in :attr:`planner.domain.case.Case.extra` and written back where they were,
  so a file from a newer planner of the same format version loses nothing when an older one saves it.
* ``version`` is the format version. Older files are upgraded step by step with :data:`MIGRATIONS`; a file with a
  higher version than :data:`CURRENT_VERSION` is refused (``unsupported_version``).

Bad input raises :class:`planner.errors.InvalidInput` located with a JSON path (``debts[2]``,
``scenarios[0].plans[1].restructure``) and naming the key as its field. A file that is missing, not JSON or not a
case file raises ``InvalidInput(field="file", code="bad_file")``.

Only this module reads or writes case files; it builds model objects through their validating constructors.
"""

from __future__ import annotations

import contextlib
import copy
import json
import math
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, Self

from planner.domain.case import Case
from planner.domain.model import Budget, CreditorKind, Debt, ExpenseCategory, ExpenseItem, IncomeItem
from planner.domain.options import (
    Deferral,
    DeferralInterest,
    Plan,
    RateChoice,
    RepaymentMethod,
    Restructure,
    Scenario,
    Settlement,
    Waiver,
    WaiverMode,
)
from planner.errors import InvalidInput
from planner.rates import DayCount, Rate, RateUnit

FORMAT = "debt-planner-case"
CURRENT_VERSION = 1
MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64  # nesting of JSON objects and lists; a case file needs 8, unknown keys from newer planners a few more
BACKUP_SUFFIX = ".bak"

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}
"""Format upgrades: ``MIGRATIONS[n]`` turns a version-``n`` document (a dict) into a version ``n + 1`` one.

Rules for writing one: take the whole document and return it with nothing dropped (move or rename keys, never
delete data the new version cannot represent: put it in an unknown key, which is preserved). :func:`migrate` sets
``version`` after each step. Version 1 is the first published format, so the registry is empty for now.
"""

# ---------------------------------------------------------------------------------------------------------------
# JSON text: exact numbers in, fixed layout out.


class _JsonFloat(float):
    """A JSON number with a fraction or an exponent, as read; ``text`` keeps its spelling for writing it back."""

    __slots__ = ("text",)

    def __new__(cls, text: str) -> Self:
        obj = super().__new__(cls, text)
        obj.text = text
        return obj


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _parse_json(text: str) -> Any:
    return json.loads(text, parse_float=_JsonFloat, parse_constant=_JsonFloat, object_pairs_hook=_no_duplicates)


def _emit(value: Any, indent: str | None, level: int = 0) -> str:
    """Return ``value`` as JSON text: 2-space indented (``indent="  "``) or compact (``None``), non-ASCII kept."""
    if isinstance(value, dict | list | tuple):
        items = list(value.items()) if isinstance(value, dict) else list(value)
        opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
        if not items:
            return opening + closing
        parts = []
        for item in items:
            if isinstance(value, dict):
                key, inner = item
                parts.append(f"{_emit_str(str(key))}: {_emit(inner, indent, level + 1)}")
            else:
                parts.append(_emit(item, indent, level + 1))
        if indent is None:
            return opening + ", ".join(parts) + closing
        pad, outer = indent * (level + 1), indent * level
        return opening + "\n" + ",\n".join(pad + p for p in parts) + "\n" + outer + closing
    if isinstance(value, str):
        return _emit_str(value)
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, _JsonFloat):
        return value.text
    if isinstance(value, int | float):
        return json.dumps(value)
    msg = f"cannot write {type(value).__name__} to a case file"
    raise TypeError(msg)


def _emit_str(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: escape them rather than fail or lose them
        return json.dumps(text, ensure_ascii=True)
    return json.dumps(text, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------------------------
# Writing: Case -> dict.


def _dec(value: Decimal) -> str:
    return format(value, "f")


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _rate_out(rate: Rate | None) -> dict[str, Any] | None:
    if rate is None:
        return None
    quoted = rate.quoted if rate.quoted is not None else rate.percent_per_year
    return {
        "unit": rate.unit.value,
        "value": _dec(quoted),
        "day_count": rate.day_count.value,
        "annual_percent": _dec(rate.percent_per_year.normalize()),  # for readers; checked on load
    }


def _debt_out(debt: Debt) -> dict[str, Any]:
    return {
        "id": debt.id,
        "creditor": debt.creditor,
        "kind": debt.kind.value,
        "contract_date": debt.contract_date.isoformat(),
        "original_principal": _dec(debt.original_principal),
        "outstanding_principal": _dec(debt.outstanding_principal),
        "accrued_interest": _dec(debt.accrued_interest),
        "penalty_interest": _dec(debt.penalty_interest),
        "liquidated_damages": _dec(debt.liquidated_damages),
        "other_fees": _dec(debt.other_fees),
        "contract_rate": _rate_out(debt.contract_rate),
        "penalty_rate": _rate_out(debt.penalty_rate),
        "fee_rate": _rate_out(debt.fee_rate),
        "overdue_since": _day(debt.overdue_since),
        "monthly_payment": _dec(debt.monthly_payment),
        "account_number": debt.account_number,
    }


def _plan_out(debt_id: str, plan: Plan) -> dict[str, Any]:
    deferral = plan.deferral
    restructure = plan.restructure
    settlement = plan.settlement
    return {
        "debt_id": debt_id,
        "waiver": {"mode": plan.waiver.mode.value, "percent": _dec(plan.waiver.percent)},
        "deferral": None
        if deferral is None
        else {
            "months": deferral.months,
            "token_amount": _dec(deferral.token_amount),
            "interest": deferral.interest.value,
            "capitalise": deferral.capitalise,
        },
        "restructure": None
        if restructure is None
        else {
            "months": restructure.months,
            "method": restructure.method.value,
            "rate": restructure.rate.value,
            "custom_rate": _rate_out(restructure.custom_rate),
            "down_payment": _dec(restructure.down_payment),
            "monthly_fee_percent": _dec(restructure.monthly_fee_percent),
        },
        "settlement": None
        if settlement is None
        else {"percent": _dec(settlement.percent), "pay_by": settlement.pay_by.isoformat()},
    }


def case_to_dict(case: Case) -> dict[str, Any]:
    """Return ``case`` as the case-file document: plain JSON values, keys in the documented order.

    Unknown keys kept in ``case.extra`` are put back where they were read (after the known keys); those whose
    place no longer exists (a deleted debt) are dropped.
    """
    budget = case.budget
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": CURRENT_VERSION,
        "as_of": case.as_of.isoformat(),
        "borrower": case.borrower,
        "notes": case.notes,
        "budget": {
            "incomes": [{"name": i.name, "amount": _dec(i.amount)} for i in budget.incomes],
            "expenses": [
                {"category": e.category.value, "amount": _dec(e.amount), "name": e.name} for e in budget.expenses
            ],
            "reserve": _dec(budget.reserve),
        },
        "debts": [_debt_out(d) for d in case.debts],
        "scenarios": [
            {
                "name": s.name,
                "start": s.start.isoformat(),
                "note": s.note,
                "surplus_policy": s.surplus_policy,
                "surplus_order": list(s.surplus_order),
                "plans": [_plan_out(debt_id, plan) for debt_id, plan in s.plans],
            }
            for s in case.scenarios
        ],
    }
    for location, text in case.extra:
        target = _locate(data, json.loads(location))
        if isinstance(target, dict):
            for key, value in _parse_json(text).items():
                target.setdefault(key, value)
    return data


def _locate(data: dict[str, Any], segments: list[str]) -> dict[str, Any] | None:
    """Return the object at an extras location (see :func:`_extras_key`), or None when it no longer exists."""
    node: Any = data
    index = 0
    while index < len(segments):
        name = segments[index]
        if not isinstance(node, dict) or name not in node:
            return None
        node = node[name]
        index += 1
        if isinstance(node, list):
            if index >= len(segments):
                return None
            wanted = segments[index]
            index += 1
            node = _find_item(node, name, wanted)
    return node if isinstance(node, dict) else None


_IDENTITY = {"debts": "id", "scenarios": "name", "plans": "debt_id"}


def _find_item(items: list[Any], list_name: str, wanted: str) -> Any:
    key = _IDENTITY.get(list_name)
    if key is None:
        return items[int(wanted)] if wanted.isdigit() and int(wanted) < len(items) else None
    return next((item for item in items if isinstance(item, dict) and item.get(key) == wanted), None)


def dumps_case(case: Case) -> str:
    """Return the case-file text of ``case`` (UTF-8 JSON, indented by 2, ending with a newline)."""
    return _emit(case_to_dict(case), "  ") + "\n"


# ---------------------------------------------------------------------------------------------------------------
# Reading: dict -> Case.


def _bad_file(source: str, reason: str, fix: str, fix_zh: str) -> InvalidInput:
    return InvalidInput("file", "bad_file", source, params={"reason": reason, "fix": fix, "fix_zh": fix_zh})


def _wrong_type(key: str, expected: str, value: Any, where: str) -> InvalidInput:
    shown = value.text if isinstance(value, _JsonFloat) else value
    return InvalidInput(
        key,
        "bad_file",
        shown,
        params={"reason": f"expected {expected}", "fix": f"write it as {expected}", "fix_zh": "请按文件格式说明填写"},
        where=where,
    )


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


class _Reader:
    """Turns one case document into a Case, collecting the unknown keys on the way."""

    def __init__(self) -> None:
        self.extras: list[tuple[str, str]] = []

    # -- containers ---------------------------------------------------------------------------------------------

    def keep_unknown(self, obj: dict[str, Any], known: Iterable[str], segments: list[str]) -> None:
        known = set(known)
        unknown = {k: v for k, v in obj.items() if k not in known}
        if unknown:
            self.extras.append((_extras_key(segments), _emit(unknown, None)))

    @staticmethod
    def obj(value: Any, key: str, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise _wrong_type(key, "a JSON object {…}", value, where)
        return value

    @staticmethod
    def items(obj: dict[str, Any], key: str, where: str) -> list[Any]:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise _wrong_type(key, "a JSON list […]", value, where)
        return value

    # -- scalars ------------------------------------------------------------------------------------------------

    @staticmethod
    def number(obj: dict[str, Any], key: str, where: str, default: Any = None) -> Any:
        """Return a decimal-string or integer value as given, for a validating constructor to convert."""
        value = obj.get(key)
        if value is None:
            if default is None:
                raise InvalidInput(key, "required", None, where=where)
            return default
        if isinstance(value, float):
            shown = value.text if isinstance(value, _JsonFloat) else repr(value)
            code = "not_finite" if math.isnan(value) or math.isinf(value) else "float_refused"
            raise InvalidInput(key, code, shown, where=where)
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise InvalidInput(key, "not_a_number", value, where=where)
        return value

    @staticmethod
    def integer(obj: dict[str, Any], key: str, where: str, default: int | None = None) -> Any:
        value = obj.get(key)
        if value is None:
            if default is None:
                raise InvalidInput(key, "required", None, where=where)
            return default
        if isinstance(value, bool) or not isinstance(value, int | str):
            shown = value.text if isinstance(value, _JsonFloat) else value
            raise InvalidInput(key, "not_integer", shown, where=where)
        return value

    @staticmethod
    def text(obj: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
        value = obj.get(key)
        if value is None:
            if required:
                raise InvalidInput(key, "required", None, where=where)
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise _wrong_type(key, "a JSON string", value, where)
        return str(value)

    @staticmethod
    def day(obj: dict[str, Any], key: str, where: str, *, required: bool = True) -> Any:
        value = obj.get(key)
        if value is None and required:
            raise InvalidInput(key, "required", None, where=where)
        return value

    @staticmethod
    def choice(enum: type[StrEnum], obj: dict[str, Any], key: str, where: str, default: Any = None) -> Any:
        value = obj.get(key, default)
        if value is None:
            raise InvalidInput(key, "required", None, where=where)
        try:
            return enum(value)
        except (ValueError, TypeError):
            choices = ", ".join(m.value for m in enum)  # type: ignore[attr-defined]
            raise InvalidInput(key, "unknown_choice", value, params={"choices": choices}, where=where) from None

    @staticmethod
    def flag(obj: dict[str, Any], key: str, where: str) -> bool:
        value = obj.get(key, False)
        if not isinstance(value, bool):
            raise InvalidInput(key, "unknown_choice", value, params={"choices": "true, false"}, where=where)
        return value

    # -- domain objects -----------------------------------------------------------------------------------------

    def rate(self, value: Any, key: str, where: str, segments: list[str], *, required: bool) -> Rate | None:
        if value is None:
            if required:
                raise InvalidInput(key, "required", None, where=where)
            return None
        if not isinstance(value, dict):  # shorthand: "15.4" means 15.4 % a year
            number = self.number({key: value}, key, where)
            return _build(lambda: Rate.annual_percent(number, field=key), where)
        here = _join(where, key)
        unit = self.choice(RateUnit, value, "unit", here, RateUnit.ANNUAL_PERCENT.value)
        day_count = self.choice(DayCount, value, "day_count", here, DayCount.ACT_365.value)
        if "value" not in value and "annual_percent" in value and unit is RateUnit.ANNUAL_PERCENT:
            quoted = self.number(value, "annual_percent", here)
        else:
            quoted = self.number(value, "value", here)
        makers: dict[RateUnit, Callable[[], Rate]] = {
            RateUnit.ANNUAL_PERCENT: lambda: Rate.annual_percent(quoted, day_count=day_count, field="value"),
            RateUnit.MONTHLY_PERCENT: lambda: Rate.monthly_percent(quoted, day_count=day_count),
            RateUnit.DAILY_PER_TEN_THOUSAND: lambda: Rate.daily_per_ten_thousand(quoted, day_count=day_count),
        }
        rate = _build(makers[unit], here)
        if value.get("annual_percent") is not None:
            stated = _build(lambda: Rate.annual_percent(self.number(value, "annual_percent", here)), here)
            if stated.percent_per_year != rate.percent_per_year:
                derived = _dec(rate.percent_per_year)
                raise InvalidInput(
                    "annual_percent",
                    "mismatch",
                    value.get("annual_percent"),
                    params={"other": "value", "expected": derived, "field": "annual_percent"},
                    where=here,
                )
        self.keep_unknown(value, ("unit", "value", "day_count", "annual_percent"), [*segments, key])
        return rate

    def budget(self, value: Any) -> Budget:
        obj = self.obj(value, "budget", "")
        incomes = []
        for index, raw in enumerate(self.items(obj, "incomes", "budget")):
            where = f"budget.incomes[{index}]"
            item = self.obj(raw, "incomes", where)
            name, amount = self.text(item, "name", where, required=True), self.number(item, "amount", where)
            incomes.append(_build(lambda n=name, a=amount: IncomeItem(n, a), where))
            self.keep_unknown(item, ("name", "amount"), ["budget", "incomes", str(index)])
        expenses = []
        for index, raw in enumerate(self.items(obj, "expenses", "budget")):
            where = f"budget.expenses[{index}]"
            item = self.obj(raw, "expenses", where)
            category = self.choice(ExpenseCategory, item, "category", where)
            amount, name = self.number(item, "amount", where), self.text(item, "name", where)
            expenses.append(_build(lambda c=category, a=amount, n=name: ExpenseItem(c, a, n), where))
            self.keep_unknown(item, ("category", "amount", "name"), ["budget", "expenses", str(index)])
        reserve = self.number(obj, "reserve", "budget", default="0")
        self.keep_unknown(obj, ("incomes", "expenses", "reserve"), ["budget"])
        return _build(lambda: Budget(tuple(incomes), tuple(expenses), reserve), "budget")

    def debt(self, value: Any, index: int) -> Debt:
        where = f"debts[{index}]"
        obj = self.obj(value, "debts", where)
        debt_id = self.text(obj, "id", where, required=True)
        segments = ["debts", debt_id.strip()]
        outstanding = self.number(obj, "outstanding_principal", where)
        fields: dict[str, Any] = {
            "id": debt_id,
            "creditor": self.text(obj, "creditor", where, required=True),
            "kind": self.choice(CreditorKind, obj, "kind", where),
            "contract_date": self.day(obj, "contract_date", where),
            "original_principal": self.number(obj, "original_principal", where, default=outstanding),
            "outstanding_principal": outstanding,
            "contract_rate": self.rate(obj.get("contract_rate"), "contract_rate", where, segments, required=True),
            "monthly_payment": self.number(obj, "monthly_payment", where),
            "accrued_interest": self.number(obj, "accrued_interest", where, default="0"),
            "penalty_interest": self.number(obj, "penalty_interest", where, default="0"),
            "liquidated_damages": self.number(obj, "liquidated_damages", where, default="0"),
            "other_fees": self.number(obj, "other_fees", where, default="0"),
            "penalty_rate": self.rate(obj.get("penalty_rate"), "penalty_rate", where, segments, required=False),
            "fee_rate": self.rate(obj.get("fee_rate"), "fee_rate", where, segments, required=False),
            "overdue_since": self.day(obj, "overdue_since", where, required=False),
            "account_number": self.text(obj, "account_number", where),
        }
        self.keep_unknown(obj, fields, segments)
        return _build(lambda: Debt(**fields), where)

    def plan(self, value: Any, where: str, segments: list[str]) -> tuple[str, Plan]:
        obj = self.obj(value, "plans", where)
        debt_id = self.text(obj, "debt_id", where, required=True)
        segments = [*segments, debt_id]
        waiver = Waiver()
        if obj.get("waiver") is not None:
            here = _join(where, "waiver")
            raw = self.obj(obj["waiver"], "waiver", where)
            mode = self.choice(WaiverMode, raw, "mode", here, WaiverMode.NONE.value)
            percent = self.number(raw, "percent", here, default="0")
            waiver = _build(lambda: Waiver(mode, percent), here)
            self.keep_unknown(raw, ("mode", "percent"), [*segments, "waiver"])
        deferral = None
        if obj.get("deferral") is not None:
            here = _join(where, "deferral")
            raw = self.obj(obj["deferral"], "deferral", where)
            months = self.integer(raw, "months", here)
            token = self.number(raw, "token_amount", here, default="0")
            interest = self.choice(DeferralInterest, raw, "interest", here, DeferralInterest.NONE.value)
            capitalise = self.flag(raw, "capitalise", here)
            deferral = _build(lambda: Deferral(months, token, interest, capitalise), here)
            self.keep_unknown(raw, ("months", "token_amount", "interest", "capitalise"), [*segments, "deferral"])
        restructure = None
        if obj.get("restructure") is not None:
            here = _join(where, "restructure")
            raw = self.obj(obj["restructure"], "restructure", where)
            inner = [*segments, "restructure"]
            args = {
                "months": self.integer(raw, "months", here),
                "method": self.choice(RepaymentMethod, raw, "method", here, RepaymentMethod.EQUAL_INSTALLMENT.value),
                "rate": self.choice(RateChoice, raw, "rate", here, RateChoice.ZERO.value),
                "custom_rate": self.rate(raw.get("custom_rate"), "custom_rate", here, inner, required=False),
                "down_payment": self.number(raw, "down_payment", here, default="0"),
                "monthly_fee_percent": self.number(raw, "monthly_fee_percent", here, default="0"),
            }
            restructure = _build(lambda: Restructure(**args), here)
            self.keep_unknown(raw, args, inner)
        settlement = None
        if obj.get("settlement") is not None:
            here = _join(where, "settlement")
            raw = self.obj(obj["settlement"], "settlement", where)
            percent = self.number(raw, "percent", here)
            pay_by = self.day(raw, "pay_by", here)
            settlement = _build(lambda: Settlement(percent, pay_by), here)
            self.keep_unknown(raw, ("percent", "pay_by"), [*segments, "settlement"])
        plan = _build(lambda: Plan(waiver, deferral, restructure, settlement), where)
        self.keep_unknown(obj, ("debt_id", "waiver", "deferral", "restructure", "settlement"), segments)
        return debt_id, plan

    def scenario(self, value: Any, index: int) -> Scenario:
        where = f"scenarios[{index}]"
        obj = self.obj(value, "scenarios", where)
        name = self.text(obj, "name", where, required=True)
        segments = ["scenarios", name.strip()]
        plans = [
            self.plan(raw, f"{where}.plans[{number}]", [*segments, "plans"])
            for number, raw in enumerate(self.items(obj, "plans", where))
        ]
        start = self.day(obj, "start", where)
        note = self.text(obj, "note", where)
        policy = self.text(obj, "surplus_policy", where) or None
        order = tuple(
            self.text({"id": raw}, "id", f"{where}.surplus_order") for raw in self.items(obj, "surplus_order", where)
        )
        self.keep_unknown(obj, ("name", "start", "note", "surplus_policy", "surplus_order", "plans"), segments)
        return _build(lambda: Scenario(name, tuple(plans), start, note, policy, order), where)

    def case(self, data: dict[str, Any]) -> Case:
        for key in ("as_of", "budget", "debts"):
            if key not in data:
                raise InvalidInput(key, "required", None)
        budget = self.budget(data["budget"])
        debts = [self.debt(raw, i) for i, raw in enumerate(self.items(data, "debts", ""))]
        scenarios = [self.scenario(raw, i) for i, raw in enumerate(self.items(data, "scenarios", ""))]
        known = ("format", "version", "as_of", "borrower", "notes", "budget", "debts", "scenarios")
        self.keep_unknown(data, known, [])
        return Case(
            budget=budget,
            debts=tuple(debts),
            as_of=data["as_of"],
            scenarios=tuple(scenarios),
            borrower=self.text(data, "borrower", ""),
            notes=self.text(data, "notes", ""),
            extra=tuple(self.extras),
        )


def _extras_key(segments: list[str]) -> str:
    """Return the location of unknown keys: a JSON list of names, list items named by id, name or position.

    ``[]`` is the top level, ``["debts", "cmb-card"]`` the debt whose id is cmb-card,
    ``["scenarios", "方案一", "plans", "cmb-card", "restructure"]`` a restructure, ``["budget", "incomes", "0"]``
    the first income item.
    """
    return json.dumps(segments, ensure_ascii=False)


def _build(make: Callable[[], Any], where: str) -> Any:
    """Call a validating constructor and locate its error at ``where`` (errors already located are kept)."""
    try:
        return make()
    except InvalidInput as err:
        raise (err if err.where else err.at(where)) from None


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Return ``data`` upgraded to :data:`CURRENT_VERSION` with :data:`MIGRATIONS` (``data`` is not changed).

    Raises:
        InvalidInput: ``version`` missing or not a whole number; higher than this planner knows, or lower with no
            migration path (``unsupported_version``).
    """
    version = data.get("version")
    if version is None:
        raise InvalidInput("version", "required", None)
    if isinstance(version, bool) or not isinstance(version, int):
        raise InvalidInput("version", "not_integer", getattr(version, "text", version))
    if version > CURRENT_VERSION or (version < CURRENT_VERSION and version not in MIGRATIONS):
        raise InvalidInput("version", "unsupported_version", version, params={"high": CURRENT_VERSION})
    data = copy.deepcopy(data)
    while version < CURRENT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise InvalidInput("version", "unsupported_version", version, params={"high": CURRENT_VERSION})
        data = step(data)
        version += 1
        data["version"] = version
    return data


def _too_deep(data: Any, limit: int) -> bool:
    """Return True when objects and lists nest more than ``limit`` levels (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((inner, depth + 1) for inner in value.values() if isinstance(inner, dict | list))
        elif isinstance(value, list):
            stack.extend((inner, depth + 1) for inner in value if isinstance(inner, dict | list))
    return False


def _nested_too_deeply(source: str) -> InvalidInput:
    return _bad_file(source, f"it is nested too deeply (more than {MAX_DEPTH} levels)",
                     "open a case file saved by the planner", "请打开本工具保存的案例文件")


def case_from_dict(data: Any, *, source: str = "<data>") -> Case:
    """Return the case a case-file document describes, upgrading older versions first.

    Args:
        data: the parsed JSON document.
        source: how to name the document in a ``bad_file`` error (a path).

    Raises:
        InvalidInput: ``bad_file`` when it is not a case document or nests objects and lists more than
            :data:`MAX_DEPTH` levels; ``unsupported_version``; otherwise the first bad value, located with its
            JSON path (``debts[2]``) and named by its key.
    """
    if _too_deep(data, MAX_DEPTH):
        raise _nested_too_deeply(source)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _bad_file(
            source,
            f"it is not a planner case file (no \"format\": \"{FORMAT}\")",
            "open a file saved by the planner, or import debts from CSV/Excel instead",
            "请打开本工具保存的案例文件，或改用 CSV/Excel 导入债务",
        )
    return _Reader().case(migrate(data))


def loads_case(text: str, *, source: str = "<string>") -> Case:
    """Return the case in case-file ``text``; see :func:`case_from_dict` for the errors.

    Raises:
        InvalidInput: ``bad_file`` for text that is not JSON, repeats a key in one object, nests too deeply, or
            holds an integer too long for Python to convert (over 4300 digits); otherwise as
            :func:`case_from_dict`.
    """
    try:
        data = _parse_json(text)
    except _DuplicateKeyError as err:
        raise _bad_file(
            source, f"the key {err.key!r} appears twice in one object", "keep one of them", "请只保留其中一个"
        ) from None
    except json.JSONDecodeError as err:
        raise _bad_file(
            source,
            f"it is not valid JSON ({err.msg} at line {err.lineno}, column {err.colno})",
            "open a case file saved by the planner, or fix the JSON at that place",
            "请打开本工具保存的案例文件，或修正该处的 JSON 格式",
        ) from None
    except RecursionError:
        raise _nested_too_deeply(source) from None
    except ValueError:  # the only other ValueError: int() refuses more than 4300 digits (sys.get_int_max_str_digits)
        raise _bad_file(
            source,
            "an integer in it is too long to read (more than 4300 digits)",
            "check the numbers in the file: amounts are decimal strings such as \"1234.56\"",
            "请检查文件中的数字：金额应写成 \"1234.56\" 这样的文本",
        ) from None
    try:
        return case_from_dict(data, source=source)
    except RecursionError:
        raise _nested_too_deeply(source) from None


def load_case(path: str | os.PathLike[str]) -> Case:
    """Read a case file.

    Raises:
        InvalidInput: ``bad_file`` (missing, too large, not UTF-8, not JSON, not a case file), or a located bad
            value (see :func:`case_from_dict`).
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _bad_file(str(path), "it is larger than 20 MB", "check that it is a case file", "请确认这是案例文件")
        raw = path.read_bytes()
    except OSError as err:
        reason = err.strerror or "cannot be opened"
        raise _bad_file(str(path), reason, "check the path", "请检查文件路径") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _bad_file(
            str(path), "it is not UTF-8 text", "open a case file saved by the planner", "请打开本工具保存的案例文件"
        ) from None
    return loads_case(text, source=str(path))


# ---------------------------------------------------------------------------------------------------------------
# Saving atomically.


def save_case(case: Case, path: str | os.PathLike[str]) -> Path:
    """Write ``case`` to ``path`` atomically, keeping the previous file as ``NAME.bak``.

    The text goes to a temporary file in the same folder, which is flushed, fsynced and then renamed over
    ``path`` with :func:`os.replace` (atomic on POSIX and Windows). A crash or error at any point leaves either
    the old file or the new one, never a mix; the temporary file is removed on error. A new file is created
    readable by its owner only (case files hold personal data); an existing file keeps its permissions.

    Returns:
        The path written.

    Raises:
        InvalidInput: ``bad_file`` when the folder is missing or not writable, or the disk is full.
    """
    path = Path(path)
    data = dumps_case(case).encode("utf-8")
    folder = path.parent
    temp: str | None = None
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o600
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp).chmod(mode)
        if path.exists():
            _backup(path)
        Path(temp).replace(path)  # os.replace: atomic
        temp = None
        _sync_folder(folder)
    except OSError as err:
        reason = err.strerror or str(err)
        params = {"reason": reason, "fix": "check that the folder exists and is writable, and that the disk has space",
                  "fix_zh": "请检查文件夹是否存在、是否可写，以及磁盘空间"}
        raise InvalidInput("file", "cannot_write", str(path), params=params) from err
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                Path(temp).unlink()
    return path


def _backup(path: Path) -> None:
    """Copy ``path`` to ``NAME.bak`` atomically (through a temporary copy and a rename)."""
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    handle, temp = tempfile.mkstemp(prefix=f".{backup.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        shutil.copy2(path, temp)
        Path(temp).replace(backup)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry of a rename to disk where the platform allows it (POSIX)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
