"""Case files: a whole case saved as versioned, human-readable JSON, written atomically.

The format is documented in ``docs/CASEFILE.md``. In short::

    {"format": "debt-planner-case", "version": 2, "as_of": "2026-11-23", "borrower": "…", "notes": "…",
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
import difflib
import functools
import json
import math
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import IO, Any, Self, TypeVar, cast

from planner.choices import parse_choice
from planner.domain.case import Case
from planner.domain.conduct import Attachment, Complaint, LogEntry
from planner.domain.debtor import Debtor
from planner.domain.fields import ValueKind, fields_of
from planner.domain.model import Budget, CreditorKind, Debt, ExpenseItem, IncomeItem
from planner.domain.options import (
    Deferral,
    Plan,
    Restructure,
    Scenario,
    Settlement,
    Waiver,
)
from planner.errors import InvalidInput, file_error, os_error
from planner.io.values import parse_kind, parse_rate, parse_rate_number
from planner.rates import DayCount, Rate, RateUnit

_T = TypeVar("_T")

FORMAT = "debt-planner-case"
CURRENT_VERSION = 5
MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64  # nesting of JSON objects and lists; a case file needs 8, unknown keys from newer planners a few more
BACKUP_SUFFIX = ".bak"
SPREADSHEETS = (".csv", ".xlsx", ".xlsm", ".xls", ".tsv")

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds the household's size and benchmark area to the budget: a version-1 budget reads as one
    person compared with the national figures (``members`` 1, ``area`` national)."""
    budget = data.get("budget")
    if isinstance(budget, dict):  # anything else is reported by the reader, as in version 1
        budget.setdefault("members", 1)
        budget.setdefault("area", "national")
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 adds the debtor (ID number, phone, address, hardship reasons and statement, for the proposal):
    a version-2 case has none given."""
    data.setdefault("debtor", {"id_number": "", "phone": "", "address": "", "hardship": [], "statement": ""})
    return data


def _v3_to_v4(data: dict[str, Any]) -> dict[str, Any]:
    """Version 4 adds the collection-conduct log: a version-3 case has none."""
    data.setdefault("conduct", [])
    return data


def _v4_to_v5(data: dict[str, Any]) -> dict[str, Any]:
    """Version 5 adds the complaints about collection (drafted or filed, with the reply due): a version-4 case has
    none."""
    data.setdefault("complaints", [])
    return data


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}
"""Format upgrades: ``MIGRATIONS[n]`` turns a version-``n`` document (a dict) into a version ``n + 1`` one.

Rules for writing one: take the whole document and return it with nothing dropped (move or rename keys, never
delete data the new version cannot represent: put it in an unknown key, which is preserved). :func:`migrate` sets
``version`` after each step. Version 1 is the first published format; version 2 added ``budget.members`` and
``budget.area`` (1 → 2 reads an older budget as one person, national figures).
"""

# ---------------------------------------------------------------------------------------------------------------
# JSON text: exact numbers in, fixed layout out.


class _JsonFloat(float):
    """A JSON number with a fraction or an exponent, as read; ``text`` keeps its spelling for writing it back."""

    __slots__ = ("text",)
    text: str

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


_WRITERS: dict[ValueKind, Callable[[Any], Any]] = {
    ValueKind.TEXT: str,
    ValueKind.CHOICE: lambda v: v.value,
    ValueKind.DATE: lambda v: v.isoformat(timespec="minutes") if isinstance(v, datetime) else v.isoformat(),
    ValueKind.MONEY: _dec,
    ValueKind.NUMBER: _dec,
    ValueKind.INTEGER: int,
    ValueKind.FLAG: bool,
    ValueKind.RATE: _rate_out,
    ValueKind.TEXTS: list,
}


def _fields_out(obj: Any, *, first: dict[str, Any] | None = None, **nested: Any) -> dict[str, Any]:
    """Return a value object as a file object: each field by its kind (:mod:`planner.domain.fields`), in
    declaration order, then the ``nested`` values the caller wrote itself (lists and sub-objects)."""
    data: dict[str, Any] = dict(first or {})
    for spec in fields_of(type(obj)):
        if spec.kind is ValueKind.OTHER or not spec.file:
            continue
        value = getattr(obj, spec.name)
        data[spec.name] = None if value is None else _WRITERS[spec.kind](value)
    data.update(nested)
    return data


def _plan_out(debt_id: str, plan: Plan) -> dict[str, Any]:
    def part(value: Any) -> dict[str, Any] | None:
        return None if value is None else _fields_out(value)

    return {"debt_id": debt_id, "waiver": _fields_out(plan.waiver), "deferral": part(plan.deferral),
            "restructure": part(plan.restructure), "settlement": part(plan.settlement)}


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
        "debtor": _fields_out(case.debtor),
        "notes": case.notes,
        "budget": {"incomes": [_fields_out(i) for i in budget.incomes],
                   "expenses": [_fields_out(e) for e in budget.expenses], **_fields_out(budget)},
        "debts": [_fields_out(d) for d in case.debts],
        "scenarios": [_fields_out(s, plans=[_plan_out(debt_id, plan) for debt_id, plan in s.plans])
                      for s in case.scenarios],
        "conduct": [_fields_out(e, attachments=[_fields_out(a) for a in e.attachments]) for e in case.conduct],
        "complaints": [_fields_out(c) for c in case.complaints],
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


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value is in the document: the JSON path shown in errors (``scenarios[0].plans[1].restructure``)
    and the segments that locate unknown keys kept for writing back (list items named by id, name or position,
    see :func:`_extras_key`)."""

    where: str = ""
    segments: tuple[str, ...] = ()

    def key(self, name: str) -> Location:
        """Return the location of the object under key ``name``."""
        return Location(f"{self.where}.{name}" if self.where else name, (*self.segments, name))

    def item(self, list_name: str, index: int, ident: str | None = None) -> Location:
        """Return the location of item ``index`` of the list ``list_name`` (named ``ident`` when it has an id)."""
        where = f"{self.where}.{list_name}[{index}]" if self.where else f"{list_name}[{index}]"
        return Location(where, (*self.segments, list_name, ident if ident is not None else str(index)))


_STRUCTURE_KEYS = frozenset({
    "format", "version", "as_of", "borrower", "notes", "budget", "debts", "scenarios", "incomes", "expenses",
    "plans", "debt_id", "waiver", "deferral", "restructure", "settlement", "unit", "value", "day_count",
    "annual_percent",
})


@functools.cache
def known_keys() -> frozenset[str]:
    """Return every key a case file may hold (any level): the structure's and each value object's fields."""
    names = set(_STRUCTURE_KEYS)
    for cls in (Case, Budget, Debt, Debtor, IncomeItem, ExpenseItem, Scenario, Waiver, Deferral, Restructure,
                Settlement, Complaint):
        names |= {spec.name for spec in fields_of(cls)}
    return frozenset(names)


def _missing(obj: dict[str, Any], key: str, where: str) -> InvalidInput:
    """Return the error for required ``key`` missing from ``obj``: ``missing_key`` naming an unknown key of ``obj``
    close to it (a misspelling, ``outstanding_principle``), else ``required``."""
    unknown = [k for k in obj if isinstance(k, str) and k not in known_keys()]
    close = difflib.get_close_matches(key, unknown, n=1, cutoff=0.75)
    if close:
        return InvalidInput(key, "missing_key", None, params={"typo": close[0]}, where=where)
    return InvalidInput(key, "required", None, where=where)


def _wrong_type(key: str, expected: str, value: Any, where: str) -> InvalidInput:
    shown = value.text if isinstance(value, _JsonFloat) else value
    return InvalidInput(key, "bad_file", shown, params={"reason": "wrong_type", "expected": expected}, where=where)


class _Reader:
    """Turns one case document into a Case, collecting the unknown keys on the way.

    Every field of a value object is read by :meth:`fields`, by the kind :func:`planner.domain.fields.fields_of`
    gives it; the reader itself handles only the lists and nested objects.
    """

    def __init__(self) -> None:
        self.extras: list[tuple[str, str]] = []

    # -- containers ---------------------------------------------------------------------------------------------

    def keep_unknown(self, obj: dict[str, Any], known: Iterable[str], loc: Location) -> None:
        known = set(known)
        unknown = {k: v for k, v in obj.items() if k not in known}
        if unknown:
            self.extras.append((_extras_key(list(loc.segments)), _emit(unknown, None)))

    @staticmethod
    def obj(value: Any, key: str, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise _wrong_type(key, "object", value, where)
        return value

    @staticmethod
    def items(obj: dict[str, Any], key: str, where: str) -> list[Any]:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise _wrong_type(key, "list", value, where)
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
                raise _missing(obj, key, where)
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise _wrong_type(key, "string", value, where)
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
            if enum is CreditorKind:  # kinds as people write them (民间借贷, 网贷 …), as the import reads them
                return parse_kind(value, field=key)
            return parse_choice(enum, value, key)
        except InvalidInput as err:
            raise err.at(where) from None

    @staticmethod
    def flag(obj: dict[str, Any], key: str, where: str, default: bool = False) -> bool:
        value = obj.get(key, default)
        if not isinstance(value, bool):
            raise InvalidInput(key, "unknown_choice", value, params={"choices": "true, false"}, where=where)
        return value

    def texts(self, obj: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        return tuple(self.text({"id": raw}, "id", f"{where}.{key}") for raw in self.items(obj, key, where))

    def rate(self, value: Any, key: str, loc: Location, *, required: bool) -> Rate | None:
        """Return a rate: an object with its unit, or a shorthand as people write it ("18", "日万分之五")."""
        where = loc.where
        if value is None:
            if required:
                raise InvalidInput(key, "required", None, where=where)
            return None
        if not isinstance(value, dict):
            number = self.number({key: value}, key, where)
            return _build(lambda: parse_rate(number, field=key), where)
        here = loc.key(key)
        unit = self.choice(RateUnit, value, "unit", here.where, RateUnit.ANNUAL_PERCENT.value)
        day_count = self.choice(DayCount, value, "day_count", here.where, DayCount.ACT_365.value)
        if "value" not in value and "annual_percent" in value and unit is RateUnit.ANNUAL_PERCENT:
            quoted = self.number(value, "annual_percent", here.where)
        else:
            quoted = self.number(value, "value", here.where)
        makers: dict[RateUnit, Callable[[], Rate]] = {
            RateUnit.ANNUAL_PERCENT: lambda: Rate.annual_percent(quoted, day_count=day_count, field="value"),
            RateUnit.MONTHLY_PERCENT: lambda: Rate.monthly_percent(quoted, day_count=day_count),
            RateUnit.DAILY_PER_TEN_THOUSAND: lambda: Rate.daily_per_ten_thousand(quoted, day_count=day_count),
        }
        rate = _build(makers[unit], here.where)
        if value.get("annual_percent") is not None:
            stated = _build(lambda: Rate.annual_percent(self.number(value, "annual_percent", here.where)),
                            here.where)
            if stated.percent_per_year != rate.percent_per_year:
                derived = _dec(rate.percent_per_year)
                raise InvalidInput("annual_percent", "mismatch", value.get("annual_percent"),
                                   params={"other": "value", "expected": derived}, where=here.where)
        self.keep_unknown(value, ("unit", "value", "day_count", "annual_percent"), here)
        return rate

    @staticmethod
    def rate_number(text: str, key: str, where: str, unit: RateUnit) -> Decimal:
        """Return a percentage in ``unit`` written as people write rates (an installment fee of ``0.15``,
        ``月0.15%`` or ``年1.8%`` is 0.15 % a month)."""
        return _build(lambda: parse_rate_number(text, field=key, unit=unit), where)

    # -- value objects ------------------------------------------------------------------------------------------

    def fields(self, cls: type, obj: dict[str, Any], loc: Location) -> dict[str, Any]:
        """Return the constructor arguments of ``cls`` read from ``obj`` (every field but the nested ones)."""
        where = loc.where
        values: dict[str, Any] = {}
        for spec in fields_of(cls):
            if spec.kind is ValueKind.OTHER or not spec.file:
                continue
            key = spec.name
            default = None if spec.required else spec.default
            if spec.required and obj.get(key) is None and spec.default_from is None:
                raise _missing(obj, key, where)
            if spec.default_from is not None and obj.get(key) is None:
                values[key] = values.get(spec.default_from) if spec.default_from in values else None
                continue
            if spec.kind is ValueKind.TEXT:
                values[key] = self.text(obj, key, where, required=spec.required)
            elif spec.kind is ValueKind.CHOICE:
                if spec.nullable and obj.get(key) in (None, ""):
                    values[key] = None
                else:
                    enum = cast(type[StrEnum], spec.enum)
                    values[key] = self.choice(enum, obj, key, where,
                                              None if default is None else getattr(default, "value", default))
            elif spec.kind is ValueKind.DATE:
                values[key] = self.day(obj, key, where, required=spec.required)
            elif spec.kind is ValueKind.NUMBER and spec.rate_unit is not None and isinstance(obj.get(key), str):
                values[key] = self.rate_number(obj[key], key, where, RateUnit(spec.rate_unit))
            elif spec.kind in (ValueKind.MONEY, ValueKind.NUMBER):
                values[key] = self.number(obj, key, where, default=default)
            elif spec.kind is ValueKind.INTEGER:
                nothing = spec.nullable and obj.get(key) is None  # an optional count not known: null
                values[key] = None if nothing else self.integer(obj, key, where, default=default)
            elif spec.kind is ValueKind.FLAG:
                values[key] = self.flag(obj, key, where, bool(default))
            elif spec.kind is ValueKind.RATE:
                values[key] = self.rate(obj.get(key), key, loc, required=spec.required)
            elif spec.kind is ValueKind.TEXTS:
                values[key] = self.texts(obj, key, where)
        for spec in fields_of(cls):  # a default taken from a field read after it (original ← outstanding)
            if spec.default_from is not None and values.get(spec.name) is None:
                values[spec.name] = values.get(spec.default_from)
        return values

    def value(self, cls: type[_T], raw: Any, key: str, loc: Location, *, nested: Iterable[str] = ()) -> _T:
        """Read one value object of ``cls`` at ``loc`` and keep its unknown keys."""
        obj = self.obj(raw, key, loc.where)
        values = self.fields(cls, obj, loc)
        self.keep_unknown(obj, [s.name for s in fields_of(cls) if s.file] + list(nested), loc)
        return _build(lambda: cls(**values), loc.where)

    def budget(self, value: Any) -> Budget:
        loc = Location("budget", ("budget",))
        obj = self.obj(value, "budget", "")
        incomes = [self.value(IncomeItem, raw, "incomes", loc.item("incomes", i))
                   for i, raw in enumerate(self.items(obj, "incomes", "budget"))]
        expenses = [self.value(ExpenseItem, raw, "expenses", loc.item("expenses", i))
                    for i, raw in enumerate(self.items(obj, "expenses", "budget"))]
        values = self.fields(Budget, obj, loc)
        self.keep_unknown(obj, ("incomes", "expenses", *values), loc)
        return _build(lambda: Budget(tuple(incomes), tuple(expenses), **values), "budget")

    def debt(self, value: Any, index: int) -> Debt:
        where = f"debts[{index}]"
        obj = self.obj(value, "debts", where)
        debt_id = self.text(obj, "id", where, required=True)
        try:
            return self.value(Debt, obj, "debts", Location().item("debts", index, debt_id.strip()))
        except InvalidInput as err:
            raise err.about(debt_id.strip()) from None

    def plan(self, value: Any, loc: Location) -> tuple[str, Plan]:
        obj = self.obj(value, "plans", loc.where)
        debt_id = self.text(obj, "debt_id", loc.where, required=True)
        loc = Location(loc.where, (*loc.segments[:-1], debt_id))
        parts: dict[str, Any] = {}
        for name, cls in (("waiver", Waiver), ("deferral", Deferral), ("restructure", Restructure),
                          ("settlement", Settlement)):
            if obj.get(name) is not None:
                parts[name] = self.value(cls, obj[name], name, loc.key(name))
        plan = _build(lambda: Plan(**parts), loc.where)
        self.keep_unknown(obj, ("debt_id", "waiver", "deferral", "restructure", "settlement"), loc)
        return debt_id, plan

    def scenario(self, value: Any, index: int) -> Scenario:
        where = f"scenarios[{index}]"
        obj = self.obj(value, "scenarios", where)
        name = self.text(obj, "name", where, required=True)
        loc = Location().item("scenarios", index, name.strip())
        try:
            plans = tuple(self.plan(raw, loc.item("plans", number))
                          for number, raw in enumerate(self.items(obj, "plans", where)))
            values = self.fields(Scenario, obj, loc)
            self.keep_unknown(obj, ("plans", *values), loc)
            return _build(lambda: Scenario(plans=plans, **values), where)
        except InvalidInput as err:
            raise err.about(name.strip()) from None

    def entry(self, value: Any, index: int) -> LogEntry:
        loc = Location().item("conduct", index)
        obj = self.obj(value, "conduct", loc.where)
        attachments = tuple(self.value(Attachment, raw, "attachments", loc.item("attachments", number))
                            for number, raw in enumerate(self.items(obj, "attachments", loc.where)))
        values = self.fields(LogEntry, obj, loc)
        self.keep_unknown(obj, ("attachments", *values), loc)
        return _build(lambda: LogEntry(attachments=attachments, **values), loc.where)

    def case(self, data: dict[str, Any]) -> Case:
        for key in ("as_of", "budget", "debts"):
            if key not in data:
                raise _missing(data, key, "")
        budget = self.budget(data["budget"])
        debts = [self.debt(raw, i) for i, raw in enumerate(self.items(data, "debts", ""))]
        scenarios = [self.scenario(raw, i) for i, raw in enumerate(self.items(data, "scenarios", ""))]
        debtor = (self.value(Debtor, data["debtor"], "debtor", Location("debtor", ("debtor",)))
                  if data.get("debtor") is not None else Debtor())
        conduct = [self.entry(raw, i) for i, raw in enumerate(self.items(data, "conduct", ""))]
        complaints = [self.value(Complaint, raw, "complaints", Location().item("complaints", i))
                      for i, raw in enumerate(self.items(data, "complaints", ""))]
        known = ("format", "version", "as_of", "borrower", "debtor", "notes", "budget", "debts", "scenarios",
                 "conduct", "complaints")
        self.keep_unknown(data, known, Location())
        return Case(
            budget=budget,
            debts=tuple(debts),
            as_of=data["as_of"],
            scenarios=tuple(scenarios),
            borrower=self.text(data, "borrower", ""),
            notes=self.text(data, "notes", ""),
            debtor=debtor,
            conduct=tuple(conduct),
            complaints=tuple(complaints),
            extra=tuple(self.extras),
        )


def _extras_key(segments: list[str]) -> str:
    """Return the location of unknown keys: a JSON list of names, list items named by id, name or position.

    ``[]`` is the top level, ``["debts", "cmb-card"]`` the debt whose id is cmb-card,
    ``["scenarios", "方案一", "plans", "cmb-card", "restructure"]`` a restructure, ``["budget", "incomes", "0"]``
    the first income item.
    """
    return json.dumps(segments, ensure_ascii=False)


def _build(make: Callable[[], _T], where: str) -> _T:
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
    return file_error(source, "too_deep", limit=MAX_DEPTH)


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
        raise file_error(source, "not_case_file")
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
        raise file_error(source, "duplicate_key", key=err.key) from None
    except json.JSONDecodeError as err:
        raise file_error(source, "not_json", line=err.lineno, column=err.colno, detail=err.msg) from None
    except RecursionError:
        raise _nested_too_deeply(source) from None
    except ValueError:  # the only other ValueError: int() refuses more than 4300 digits (sys.get_int_max_str_digits)
        raise file_error(source, "int_too_long") from None
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
    if path.suffix.lower() in SPREADSHEETS:
        raise file_error(str(path), "spreadsheet_not_case")
    try:
        if path.is_dir():
            raise file_error(str(path), "is_folder", example=str(path / "case.json"))
        if path.stat().st_size > MAX_BYTES:
            raise file_error(str(path), "too_large_file", limit=MAX_BYTES // (1024 * 1024))
        raw = path.read_bytes()
    except OSError as err:
        raise os_error(str(path), err) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise file_error(str(path), "not_utf8") from None
    return loads_case(text, source=str(path))


# ---------------------------------------------------------------------------------------------------------------
# Saving atomically.


@dataclass(frozen=True, slots=True)
class Saved:
    """Where :func:`save_case` wrote: the case file, the backup of the previous version (``NAME.bak``), and the
    copy of it kept for good when the save replaced the case from outside (``NAME.<time>.bak``)."""

    path: Path
    backup: Path | None = None
    kept: Path | None = None


def save_case(case: Case, path: str | os.PathLike[str], *, keep_copy: bool = False) -> Path:
    """Write ``case`` to ``path`` atomically, keeping the previous file as ``NAME.bak``; return the path written.

    See :func:`write_case`, which also says where the backups went.
    """
    return write_case(case, path, keep_copy=keep_copy).path


def write_case(case: Case, path: str | os.PathLike[str], *, keep_copy: bool = False) -> Saved:
    """Write ``case`` to ``path`` atomically, keeping the previous file as ``NAME.bak``.

    The text goes to a temporary file in the same folder, which is flushed, fsynced and then renamed over
    ``path`` with :func:`os.replace` (atomic on POSIX and Windows). A crash or error at any point leaves either
    the old file or the new one, never a mix; the temporary file is removed on error. A new file is created
    readable by its owner only (case files hold personal data); an existing file keeps its permissions.

    Every save moves the previous version to ``NAME.bak``. A save that replaces the case from outside — a new
    import over it, or ``--force`` — passes ``keep_copy=True``: the previous version is then also copied to
    ``NAME.YYYYMMDD-HHMMSS.bak``, which no later save overwrites, so no save can destroy the only copy of earlier
    work.

    Returns:
        The paths written (:class:`Saved`).

    Raises:
        InvalidInput: ``cannot_write`` when ``path`` is a folder, the folder is missing or not writable, or the
            disk is full.
    """
    path = Path(path)
    if path.is_dir():
        raise file_error(str(path), "is_folder", code="cannot_write", example=str(path / "case.json"))
    data = dumps_case(case).encode("utf-8")
    folder = path.parent
    temp: str | None = None
    backup = kept = None
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o600
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp).chmod(mode)
        if path.exists():
            if keep_copy:
                kept = _copy_atomically(path, _unique_backup(path))
            backup = _copy_atomically(path, path.with_name(path.name + BACKUP_SUFFIX))
        Path(temp).replace(path)  # os.replace: atomic
        temp = None
        _sync_folder(folder)
    except OSError as err:
        raise os_error(str(path), err, writing=True) from err
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                Path(temp).unlink()
    return Saved(path, backup, kept)


def _unique_backup(path: Path) -> Path:
    """Return ``NAME.YYYYMMDD-HHMMSS.bak`` beside ``path`` (with ``-2``, ``-3`` … if taken)."""
    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")  # the io edge may read the clock
    candidate = path.with_name(f"{path.name}.{stamp}{BACKUP_SUFFIX}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.{stamp}-{number}{BACKUP_SUFFIX}")
        number += 1
    return candidate


@contextlib.contextmanager
def atomic_stream(path: str | os.PathLike[str], *, mode: int | None = None, open_mode: str = "wb") -> Iterator[IO[bytes]]:
    """Yield a binary stream whose bytes replace ``path`` whole when the ``with`` block ends without an error: a
    temporary file in the same folder, flushed, fsynced, given ``mode`` (None: the replaced file's mode, or
    readable by its owner only for a new file: documents hold personal data) and renamed over ``path``. On any
    error the temporary file is removed and ``path`` is left as it was.

    Raises:
        InvalidInput: ``cannot_write`` when ``path`` is a folder, the folder is missing or not writable, or the
            disk is full.
    """
    target = Path(path)
    if target.is_dir():
        raise file_error(str(target), "is_folder", code="cannot_write", example=str(target / "document.pdf"))
    temp: str | None = None
    try:
        if mode is None:
            mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o600
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle, open_mode) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp).chmod(mode)
        Path(temp).replace(target)  # os.replace: atomic
        temp = None
    except OSError as err:
        raise os_error(str(target), err, writing=True) from err
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                Path(temp).unlink()


def write_atomically(path: str | os.PathLike[str], data: bytes, *, mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename (never half a file);
    see :func:`atomic_stream` for ``mode`` (by default a new file is readable by its owner only).

    Raises:
        InvalidInput: ``cannot_write`` when ``path`` is a folder, the folder is missing or not writable, or the
            disk is full.
    """
    with atomic_stream(path, mode=mode) as stream:
        stream.write(data)
    return Path(path)


def _copy_atomically(path: Path, target: Path) -> Path:
    """Copy ``path`` to ``target`` atomically (through a temporary copy and a rename); return ``target``."""
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        shutil.copy2(path, temp)
        Path(temp).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise
    return target


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
