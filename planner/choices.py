"""One parser for enumeration values (creditor kinds, repayment methods, waiver modes, policies …).

:func:`parse_choice` accepts a member, its value, or its value written with another case or with ``_`` / spaces for
``-`` (``"Equal_Installment"`` is ``equal-installment``, ``"ANNUAL-PERCENT"`` is ``annual_percent``), plus any
aliases the caller passes (the edges pass the Chinese names from :mod:`planner.text`). Anything else raises
:class:`planner.errors.InvalidInput` ``unknown_choice`` listing the values. Imports only :mod:`planner.errors`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from planner.errors import InvalidInput

E = TypeVar("E", bound=StrEnum)
_SEPARATORS = re.compile(r"[\s_-]+")


def normalise(text: str) -> str:
    """Return ``text`` as choices are compared: stripped, lower case, runs of spaces, ``_`` and ``-`` as one ``-``."""
    return _SEPARATORS.sub("-", text.strip().lower())


def parse_choice(enum: type[E], value: Any, field: str, *, aliases: Mapping[str, E] | None = None) -> E:
    """Return the member of ``enum`` that ``value`` names.

    Args:
        enum: the enumeration.
        value: a member, its value (any case; ``_``, ``-`` and spaces alike) or an alias.
        field: the field named in the error.
        aliases: other accepted spellings (compared as :func:`normalise` compares) → member.

    Raises:
        InvalidInput: ``required`` for None or blank text, else ``unknown_choice`` listing the values.
    """
    if isinstance(value, enum):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidInput(field, "required", value, params={"choices": ", ".join(m.value for m in enum)})
    if isinstance(value, str):
        key = normalise(value)
        for member in enum:
            if normalise(member.value) == key:
                return member
        for alias, member in (aliases or {}).items():
            if normalise(alias) == key:
                return member
    choices = ", ".join(m.value for m in enum)
    raise InvalidInput(field, "unknown_choice", value, params={"choices": choices})


def parse_flag(value: Any, field: str) -> bool:
    """Return a ``bool`` given as a bool or as the text ``"true"`` / ``"false"`` (any case); nothing else.

    Raises:
        InvalidInput: ``unknown_choice`` (true, false).
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    raise InvalidInput(field, "unknown_choice", value, params={"choices": "true, false"})
