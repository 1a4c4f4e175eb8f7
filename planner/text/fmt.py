"""Money, numbers, percentages, dates and rates formatted for a locale, with babel.

Amounts are rounded half up to the fen (:func:`planner.money.round_fen`) *before* babel sees them: babel rounds
half to even, so ``2.665`` would print as ``2.66``. Locales are ``"zh"`` (简体中文, mainland China) and ``"en"``;
:func:`locale_of` accepts the usual spellings (``zh-CN``, ``zh_Hans_CN``, ``en-US``).

Dates in sentences are written the locale's long way (2026年11月23日, November 23, 2026); tables and JSON use ISO
dates, which sort and which scripts read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal

from planner.money import percent_text, round_fen

Locale = Literal["zh", "en"]
LOCALES: tuple[Locale, ...] = ("zh", "en")
_BABEL = {"zh": "zh_Hans_CN", "en": "en"}


def locale_of(value: str | None) -> Locale:
    """Return ``"en"`` for any English spelling (``en``, ``en-US``, ``en_GB``), else ``"zh"`` (the default)."""
    text = (value or "zh").strip().lower().replace("_", "-")
    return "en" if text == "en" or text.startswith("en-") else "zh"


@lru_cache(maxsize=4096)
def _money(amount: Decimal, babel: str) -> str:
    return format_currency(round_fen(amount) + 0, "CNY", locale=babel)  # + 0: never "-¥0.00"


def money(amount: Decimal, locale: str = "zh") -> str:
    """Return an amount with the currency sign: ``¥1,234.50`` (zh), ``CN¥1,234.50`` (en), ``-¥300.00``."""
    return _money(Decimal(amount), _BABEL[locale_of(locale)])


@lru_cache(maxsize=4096)
def _amount(amount: Decimal, babel: str) -> str:
    return format_decimal(round_fen(amount) + 0, format="#,##0.00;-#,##0.00", locale=babel)


def amount(value: Decimal, locale: str = "zh") -> str:
    """Return an amount without the currency sign, for table cells: ``1,234.50``, ``-300.00``."""
    return _amount(Decimal(value), _BABEL[locale_of(locale)])


def number(value: Decimal | int, locale: str = "zh") -> str:
    """Return a number as written, without trailing zeros or exponent: ``15.4``, ``4``, ``0.0005``."""
    if isinstance(value, int):
        return format_decimal(value, locale=_BABEL[locale_of(locale)])
    plain = value.normalize()
    if plain == plain.to_integral_value():
        plain = plain.quantize(Decimal(1))
    return format_decimal(plain, locale=_BABEL[locale_of(locale)], decimal_quantization=False, group_separator=False)


def percent(value: Decimal, locale: str = "zh") -> str:
    """Return a percentage as written: ``15.4%``, ``24%`` (the value is already in percent)."""
    return f"{number(value, locale)}%"


def percent_2(value: Decimal) -> str:
    """Return a percentage with exactly two places, half up, without the sign: the tables' and JSON form."""
    return percent_text(value)


def day(value: date, locale: str = "zh") -> str:
    """Return a date as a sentence writes it: ``2026年11月23日``, ``November 23, 2026``."""
    return format_date(value, "long", locale=_BABEL[locale_of(locale)])


def moment(value: datetime, locale: str = "zh") -> str:
    """Return a time to the minute as a sentence writes it: ``2026年11月20日 22:30``, ``November 20, 2026 22:30``."""
    return f"{day(value, locale)} {value:%H:%M}"


def iso(value: date | None) -> str:
    """Return an ISO date (``2026-11-23``), or an empty string for None."""
    return "" if value is None else value.isoformat()


def month(value: date, locale: str = "zh") -> str:
    """Return a calendar month: ``2026年12月``, ``Dec 2026``."""
    return format_skeleton("yMMM", value, locale=_BABEL[locale_of(locale)])


def join(items: Iterable[str], locale: str = "zh") -> str:
    """Return items joined as a list is written: ``a、b、c`` (zh), ``a, b, c`` (en)."""
    return ("、" if locale_of(locale) == "zh" else ", ").join(items)


def capital_rmb(value: Decimal) -> str:
    """Return an amount in Chinese capital numerals as agreements write totals (大写), through cn2an (never
    hand-written): ``壹拾万元整``, ``伍万贰仟叁佰肆拾元壹角捌分``; rounded half up to the fen first.

    >>> capital_rmb(Decimal("52340.18"))
    '伍万贰仟叁佰肆拾元壹角捌分'
    >>> capital_rmb(Decimal("100000"))
    '壹拾万元整'
    """
    import cn2an  # ~0.2 s to import: loaded by the first document that needs it

    amount = round_fen(Decimal(value))
    if amount == 0:
        return "零元整"
    words = str(cn2an.an2cn(f"{abs(amount):f}", "rmb"))
    return ("负" if amount < 0 else "") + words


def rate(value: Any, locale: str = "zh", *, annual: bool = True) -> str:
    """Return a :class:`planner.rates.Rate` in the unit it was quoted in, with the annual equivalent when the unit
    is not annual: ``年利率 15.4%``, ``日利率万分之5（折合年利率 18.25%）``, ``0.15% a month (1.8% a year)``."""
    from planner.text import catalog  # the unit words live with the rest of the wording

    words: str = catalog(locale).RATE_UNITS[value.unit.value]
    quoted = value.quoted if value.quoted is not None else value.percent_per_year
    text = words.format(value=number(quoted, locale))
    if annual and value.unit.value != "annual_percent":
        text += str(catalog(locale).RATE_ANNUAL_EQUIVALENT).format(annual=percent(value.percent_per_year, locale))
    return text
