"""The fields of the value types, read off their dataclasses: declared once, used by every reader and writer.

:func:`fields_of` turns a frozen dataclass (:class:`~planner.domain.model.Debt`, an option, an income item …) into
:class:`FieldSpec` records — name, kind of value, whether it is required, its default — from the class's own
annotations and defaults. The case file (:mod:`planner.io.casefile`) reads and writes every field through them,
the debts table (:mod:`planner.io.importing`) takes its columns from them, and a test checks that every field has
a label in each locale. Adding a field to ``Debt`` is one line there (and its labels in :mod:`planner.text`).

A field's metadata may say ``default_from`` (the field whose value it takes when missing: ``original_principal``
defaults to ``outstanding_principal``), ``column=False`` (not a column of the debts table) or ``file=False`` (not
written to case files: derived at run time, like a scenario's ``origin``).
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any

from planner.rates import Rate


class ValueKind(StrEnum):
    """How a field's value is written in files and tables."""

    TEXT = "text"
    CHOICE = "choice"  # an enumeration, by its value
    DATE = "date"
    MONEY = "money"  # yuan on the fen, a decimal string
    NUMBER = "number"  # a decimal string (a percentage)
    INTEGER = "integer"
    FLAG = "flag"
    RATE = "rate"
    TEXTS = "texts"  # a list of strings
    OTHER = "other"  # a nested value the reader handles itself


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a value type.

    Attributes:
        name: the field's identifier (also its JSON key and the debts table's English header).
        kind: how its value is written.
        required: True when the field has no default (and no ``default_from``).
        nullable: True when ``None`` is a valid value (an optional rate or date).
        default: the default value (``dataclasses.MISSING`` when required).
        enum: the enumeration of a ``CHOICE`` field.
        default_from: the field whose value a missing one takes.
        column: False for a field that is not a column of a table.
        file: False for a field that is not written to case files (derived at run time).
        rate_unit: for a percentage that is a rate in a unit (an installment fee in percent a month), that unit:
            readers accept it written as people write rates (``0.15``, ``月0.15%``, ``年1.8%``).
    """

    name: str
    kind: ValueKind
    required: bool
    nullable: bool
    default: Any
    enum: type[Enum] | None = None
    default_from: str | None = None
    column: bool = True
    file: bool = True
    rate_unit: str | None = None


def _kind_of(hint: Any, written: str) -> tuple[ValueKind, bool, type[Enum] | None]:
    """Return a field's kind from its resolved type hint and its annotation as written: ``Money`` is an alias of
    ``Decimal`` for the type checker, so an amount is told from a plain number by the name it was declared with."""
    nullable = False
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(hint))
        hint = args[0] if len(args) == 1 else hint
    if re.search(r"\bMoney\b", written):
        return ValueKind.MONEY, nullable, None
    if isinstance(hint, type):
        if issubclass(hint, Enum):
            return ValueKind.CHOICE, nullable, hint
        if issubclass(hint, bool):
            return ValueKind.FLAG, nullable, None
        if issubclass(hint, int):
            return ValueKind.INTEGER, nullable, None
        if issubclass(hint, Decimal):
            return ValueKind.NUMBER, nullable, None
        if issubclass(hint, date):
            return ValueKind.DATE, nullable, None
        if issubclass(hint, Rate):
            return ValueKind.RATE, nullable, None
        if issubclass(hint, str):
            return ValueKind.TEXT, nullable, None
    if typing.get_origin(hint) is tuple and typing.get_args(hint)[:1] == (str,):
        return ValueKind.TEXTS, nullable, None
    return ValueKind.OTHER, nullable, None


_FIELDS: dict[type[Any], tuple[FieldSpec, ...]] = {}


def fields_of(cls: type[Any]) -> tuple[FieldSpec, ...]:
    """Return the fields of the dataclass ``cls`` in declaration order (the order files are written in)."""
    if cls not in _FIELDS:
        _FIELDS[cls] = _read_fields(cls)
    return _FIELDS[cls]


def _read_fields(cls: type[Any]) -> tuple[FieldSpec, ...]:
    hints = typing.get_type_hints(cls)
    written = {name: str(text) for klass in reversed(cls.__mro__) for name, text in
               getattr(klass, "__annotations__", {}).items()}
    specs = []
    for item in dataclasses.fields(cls):
        if not item.init:
            continue
        kind, nullable, enum = _kind_of(hints[item.name], written.get(item.name, ""))
        default: Any = item.default
        factory: Any = item.default_factory
        if default is dataclasses.MISSING and factory is not dataclasses.MISSING:
            default = factory()
        default_from = item.metadata.get("default_from")
        required = default is dataclasses.MISSING and default_from is None
        specs.append(FieldSpec(item.name, kind, required, nullable, default, enum, default_from,
                               item.metadata.get("column", True), item.metadata.get("file", True),
                               item.metadata.get("rate_unit")))
    return tuple(specs)


def field_spec(cls: type, name: str) -> FieldSpec:
    """Return the spec of field ``name`` of ``cls``."""
    for spec in fields_of(cls):
        if spec.name == name:
            return spec
    raise KeyError(name)
