"""Exact money: ``Decimal`` yuan, rounded half-up to the fen at documented points only.

Money in the planner is a :class:`decimal.Decimal` amount of yuan (CNY is the only currency). Engines do their
arithmetic on plain ``Decimal`` for speed (they rerun on every widget change), so the rules live here:

* Build amounts only with :func:`money` (or :func:`to_decimal` for rates and percentages). Binary floats are
  refused: ``Decimal(0.1)`` is ``0.1000000000000000055…``; pass ``"0.1"``.
* Round with :func:`round_fen` (四舍五入, ``ROUND_HALF_UP``) — never with ``round()`` or a format string, whose
  rounding follows the global context (``ROUND_HALF_EVEN``).
* Where each engine rounds is stated in its docstring: each month's interest, each installment, each fee.
* The global decimal context is never changed; the default 28 significant digits suffice for amounts up to
  :data:`MAX_AMOUNT` with rates at full precision.

This module imports nothing from the rest of the package but :mod:`planner.errors`.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, TypeAlias

from planner.errors import InvalidInput

Money: TypeAlias = Decimal
"""A yuan amount on the fen (two decimal places): a ``Decimal``, named for readers (``Money(x)`` is ``Decimal(x)``)."""

FEN = Decimal("0.01")
ROUNDING = ROUND_HALF_UP  # 四舍五入: what Chinese statements and bank calculators print
ZERO = Money(Decimal("0.00"))
HUNDRED = Decimal(100)
MAX_AMOUNT = Decimal(1000000000000)  # ¥1 trillion: anything larger is a typo, not a household debt

_SYMBOLS = str.maketrans({"¥": None, "￥": None, "\u3000": " ", "，": ","})
_UNIT = "元"  # "7100元": the unit written after an amount
_MULTIPLIERS = {"万": Decimal(10000), "千": Decimal(1000)}  # "1.5万" (元), "5千": how amounts are often written
# Thousands separators are accepted only where they group three digits: "1,234,567.50", "12 000" (a comma
# anywhere else, as in "1,5", is a typo — or a decimal comma — and must not silently become 15).
_GROUPED = re.compile(r"[+-]?\d{1,3}([, _]\d{3})+(\.\d*)?")
_MAX_DIGITS = 40  # longer numbers are typos, and beyond the exact range of the default 28-digit context
_MAX_MAGNITUDE = 15  # decimal exponent: 10^15 is far above any amount or rate the planner accepts
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?(nan|inf|infinity)", re.IGNORECASE)


def to_decimal(value: Any, *, field: str = "amount") -> Decimal:
    """Convert user or caller input to a finite ``Decimal``.

    Args:
        value: a ``Decimal``, an ``int``, or a ``str`` (``¥`` before and 元 after are ignored; commas, spaces or
            underscores are accepted as thousands separators only between groups of three digits).
        field: the field name used in the error.

    Returns:
        The exact decimal value.

    Raises:
        InvalidInput: for floats, booleans, empty or non-numeric text, NaN and infinities.
    """
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool) or value is None:
        raise InvalidInput(field, "required" if value is None else "not_a_number", value)
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        raise InvalidInput(field, "float_refused", value)
    elif isinstance(value, str):
        text = value.translate(_SYMBOLS).strip().removesuffix(_UNIT).strip()
        if not text:
            raise InvalidInput(field, "required", value)
        if _GROUPED.fullmatch(text):
            text = text.replace(",", "").replace(" ", "").replace("_", "")
        elif "_" in text:  # Decimal() itself would read "1_5" as 15
            raise InvalidInput(field, "not_a_number", value)
        if not _NUMBER.fullmatch(text):
            raise InvalidInput(field, "not_a_number", value if len(value) <= 40 else value[:40] + "…")
        if len(text) > _MAX_DIGITS:
            raise InvalidInput(field, "too_large", value[:20] + "…", params={"high": f"{MAX_AMOUNT:,}"})
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise InvalidInput(field, "not_a_number", value) from None
    else:
        raise InvalidInput(field, "not_a_number", value)
    if not result.is_finite():
        raise InvalidInput(field, "not_finite", value)
    # Exponents far outside any household figure would overflow the decimal context in later arithmetic.
    if result and result.adjusted() > _MAX_MAGNITUDE:
        raise InvalidInput(field, "too_large", value, params={"high": f"{MAX_AMOUNT:,}"})
    return result


def to_int(value: Any, *, field: str, low: int, high: int, allow_text: bool = True) -> int:
    """Return ``value`` (an ``int``, or its text unless ``allow_text`` is False) checked to lie in ``low..high``.

    Text is converted by ``int()`` itself, so full-width digits typed with a Chinese input method (U+FF10–FF19) are
    accepted, while what ``str.isdigit()`` accepts but ``int()`` refuses ("²"), decimals ("1.5") and text over
    4300 digits are ``not_integer``. Booleans and floats are refused.

    Raises:
        InvalidInput: ``not_integer`` or ``out_of_range`` (with ``low`` and ``high``).
    """
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and allow_text:
        text = value.strip()
        digits = text[1:] if text[:1] in "+-" else text
        # isdecimal(): ASCII or full-width digits only — no "²", no "1_2" (which int() would read as 12).
        number = int(text) if digits.isdecimal() and len(digits) <= _MAX_DIGITS else None
    if number is None:
        raise InvalidInput(field, "not_integer", value)
    if not low <= number <= high:
        raise InvalidInput(field, "out_of_range", value, params={"low": low, "high": high})
    return number


def money(value: Any, *, field: str = "amount", allow_negative: bool = False, positive: bool = False) -> Money:
    """Return ``value`` as an exact yuan amount with two decimal places.

    Args:
        value: see :func:`to_decimal`.
        field: the field name used in errors.
        allow_negative: accept amounts below zero (cash-flow results, never debts or budgets).
        positive: require an amount above zero (a principal, a monthly budget): 0 and negatives are both
            reported as ``not_positive``.

    Raises:
        InvalidInput: not a number, negative (unless allowed), not positive (when required), more than two
            decimals, or above ¥1 trillion.

    ``万`` after the number counts ten thousands, ``千`` thousands: ``"1.5万"`` and ``"1.5万元"`` are 15,000.00,
    ``"5千"`` is 5,000.00.

    >>> money("1,234.5")
    Decimal('1234.50')
    >>> money("1.5万元")
    Decimal('15000.00')
    """
    text = value.translate(_SYMBOLS).strip().removesuffix(_UNIT).strip() if isinstance(value, str) else ""
    unit = _MULTIPLIERS.get(text[-1:])
    if unit is not None:
        try:
            amount = to_decimal(text[:-1], field=field) * unit
        except InvalidInput as err:
            raise InvalidInput(field, err.code, value, params=err.params) from None
    else:
        amount = to_decimal(value, field=field)
    if positive and amount <= 0:
        raise InvalidInput(field, "not_positive", value)
    if amount < 0 and not allow_negative:
        raise InvalidInput(field, "negative", value)
    # The size check comes first: quantizing "1e30" to the fen would overflow the decimal context.
    if amount.copy_abs() > MAX_AMOUNT:
        raise InvalidInput(field, "too_large", value, params={"high": f"{MAX_AMOUNT:,}"})
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and amount != amount.quantize(FEN, rounding=ROUND_DOWN):
        raise InvalidInput(field, "too_many_decimals", value, params={"places": 2})
    return Money(amount.quantize(FEN) + 0)  # + 0 turns "-0" into 0, so it never prints as "-0.00"


def round_fen(amount: Decimal) -> Money:
    """Round to the fen, half up (四舍五入). The one rounding rule of the planner."""
    return Money(amount.quantize(FEN, rounding=ROUNDING))


def floor_fen(amount: Decimal) -> Money:
    """Round toward zero to the fen; used where shares must not add up to more than the whole."""
    return Money(amount.quantize(FEN, rounding=ROUND_DOWN))


def round_percent(value: Decimal) -> Decimal:
    """Round a percentage to two places with the planner's one rounding rule (四舍五入): 3.845 → 3.85."""
    return value.quantize(FEN, rounding=ROUNDING)


def percent_text(value: Decimal) -> str:
    """Return a percentage as text with exactly two places, rounded half up: the JSON and table form.

    >>> percent_text(Decimal("15.4")), percent_text(Decimal("3.845")), percent_text(Decimal(24))
    ('15.40', '3.85', '24.00')
    """
    return f"{round_percent(value):f}"


def yuan(amount: Decimal) -> str:
    """Return the amount as a plain decimal string with two places ("5307.27"), the JSON and CSV form."""
    return f"{round_fen(amount):f}"


def is_on_fen(amount: Decimal) -> bool:
    """Return True when ``amount`` has no digits below the fen."""
    return amount == amount.quantize(FEN, rounding=ROUND_DOWN)
