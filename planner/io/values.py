"""Values as people write them, one parser per kind, shared by every edge (CSV, Excel, case file, CLI options).

* **Rates** (:func:`parse_rate`): ``18``, ``18%`` (a full-width ％ too), ``年18%``, ``年利率18%``, ``年化18%`` (a year);
  ``月2%``, ``月利率2%``, ``2%/月``, ``每月2%``, ``月息2分`` (a month: 2 % a month is 24 % a year); ``日万分之五``,
  ``日利率万分之5``, ``万分之五/日``, ``0.05%/日``, ``日0.05%``, ``每日0.05%``, ``日息0.05%`` (a day, on a 365-day year:
  万分之五 is 18.25 % a year). A number without a unit word (``18``, ``0.15%``) is in the field's default unit
  (percent a year for a contract rate, percent a month for an installment fee). The :class:`planner.rates.Rate`
  keeps the unit it was quoted in.
* **Creditor kinds** (:func:`parse_kind`): ``private``, ``credit-card`` (any case, ``_`` or spaces for ``-``), the
  Chinese names (民间借贷, 信用卡 …) and common other names (网贷, 小贷, 消金, 亲友借款 …).
* **Dates** and **amounts** are parsed by the core (:func:`planner.dates.parse_date` reads 2026-03-05, 2026/3/5,
  2026.3.5 and 2026年3月5日; :func:`planner.money.money` reads ¥7,100, 7100元 and full-width commas).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from planner.choices import parse_choice
from planner.domain.model import CreditorKind
from planner.errors import InvalidInput
from planner.money import to_decimal
from planner.rates import DayCount, Rate, RateUnit
from planner.text import zh

KIND_ALIASES: dict[str, CreditorKind] = {
    **{label: CreditorKind(value) for value, label in zh.KINDS.items()},
    "银行信用卡": CreditorKind.CREDIT_CARD,
    "信用卡中心": CreditorKind.CREDIT_CARD,
    "银行": CreditorKind.BANK_LOAN,
    "银行借款": CreditorKind.BANK_LOAN,
    "消费金融": CreditorKind.CONSUMER_FINANCE,
    "消金": CreditorKind.CONSUMER_FINANCE,
    "网贷": CreditorKind.ONLINE_PLATFORM,
    "助贷": CreditorKind.ONLINE_PLATFORM,
    "网络贷款": CreditorKind.ONLINE_PLATFORM,
    "网络借贷": CreditorKind.ONLINE_PLATFORM,
    "小贷": CreditorKind.MICROLOAN,
    "小额贷款": CreditorKind.MICROLOAN,
    "小贷公司": CreditorKind.MICROLOAN,
    "个人借款": CreditorKind.PRIVATE,
    "私人借款": CreditorKind.PRIVATE,
    "亲友借款": CreditorKind.PRIVATE,
    "民间借款": CreditorKind.PRIVATE,
    "credit card": CreditorKind.CREDIT_CARD,
    "bank loan": CreditorKind.BANK_LOAN,
    "online platform": CreditorKind.ONLINE_PLATFORM,
    "private loan": CreditorKind.PRIVATE,
}


def kind_choices() -> str:
    """Return the creditor kinds as a hint: ``credit-card (信用卡), …``."""
    return ", ".join(f"{k.value} ({zh.KINDS[k.value]})" for k in CreditorKind)


def parse_kind(value: Any, *, field: str = "kind") -> CreditorKind:
    """Return the creditor kind named by ``value`` (its identifier, a Chinese name, or a common other name).

    Raises:
        InvalidInput: ``required`` or ``unknown_choice`` listing both spellings of every kind.
    """
    try:
        return parse_choice(CreditorKind, value, field, aliases=KIND_ALIASES)
    except InvalidInput as err:
        raise InvalidInput(field, err.code, value, params={"choices": kind_choices()}) from None


# ----------------------------------------------------------------------------------------------------------------
# Rates

_DIGITS = {"零": 0, "\u3007": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = re.compile("^[零\u3007一二两三四五六七八九十点]+$")


def _chinese_number(text: str) -> Decimal | None:
    """Return a small Chinese numeral as a number (五 → 5, 十五 → 15, 二点五 → 2.5), or None."""
    if not _CN_NUMBER.match(text):
        return None
    whole, _, fraction = text.partition("点")
    if "十" in whole:
        tens, _, units = whole.partition("十")
        if len(tens) > 1 or len(units) > 1 or (tens and tens not in _DIGITS) or (units and units not in _DIGITS):
            return None
        number = (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)
    elif whole:
        if any(ch not in _DIGITS for ch in whole):
            return None
        number = int("".join(str(_DIGITS[ch]) for ch in whole))
    else:
        number = 0
    if fraction:
        if any(ch not in _DIGITS for ch in fraction):
            return None
        return Decimal(f"{number}.{''.join(str(_DIGITS[ch]) for ch in fraction)}")
    return Decimal(number)


def _number(text: str, field: str, original: Any) -> Decimal:
    text = text.strip()
    spoken = _chinese_number(text)
    if spoken is not None:
        return spoken
    try:
        return to_decimal(text, field=field)
    except InvalidInput:
        raise InvalidInput(field, "bad_rate", original) from None


_SPACES = re.compile(r"\s+")
_PER_TEN_THOUSAND = re.compile(r"^(?:日利率|日息|每日|日)?万分之(.+?)(?:/日|/天|每日|每天)?$|^(.+?)‱(?:/日|/天)?$")
_DAILY = re.compile(r"^(?:日利率|日息|每日|日)(.+?)%?$|^(.+?)%(?:/日|/天|每日|每天)$")
_MONTHLY = re.compile(r"^月息(.+?)分$|^(?:月利率|月息|每月|月)(.+?)%?$|^(.+?)%(?:/月|每月)$")
_ANNUAL = re.compile(r"^(?:年化利率|年利率|年化|年息|每年|年)?(.+?)%?(?:/年|每年)?$")


def parse_rate(value: Any, *, field: str, default_unit: RateUnit = RateUnit.ANNUAL_PERCENT) -> Rate:
    """Return ``value`` as a :class:`Rate`, in the unit it is written in (see the module docstring).

    Args:
        value: a :class:`Rate` (returned as it is), a ``Decimal`` / ``int`` in ``default_unit``, or text.
        field: the field named in errors.
        default_unit: the unit of a bare number (``annual_percent`` for a contract rate; ``monthly_percent`` for
            an installment fee, which contracts state per month).

    Raises:
        InvalidInput: ``bad_rate`` for text that is no rate, or the rate's own checks (``negative``, a rate above
            1000 % a year), named ``field``.

    >>> parse_rate("日万分之五", field="contract_rate").percent_per_year
    Decimal('18.25')
    >>> parse_rate("月2%", field="contract_rate").percent_per_year
    Decimal('24')
    """
    if isinstance(value, Rate):
        return value
    try:
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return _in_unit(Decimal(value), default_unit)
        if not isinstance(value, str):
            raise InvalidInput(field, "bad_rate", value)
        text = _SPACES.sub("", value).replace("\uff05", "%").replace("\uff0f", "/")  # full-width % and /
        if not text:
            raise InvalidInput(field, "required", value)
        if match := _PER_TEN_THOUSAND.match(text):
            return Rate.daily_per_ten_thousand(_number(match.group(1) or match.group(2), field, value),
                                               day_count=DayCount.ACT_365)
        if match := _DAILY.match(text):
            percent = _number(match.group(1) or match.group(2), field, value)
            return Rate.daily_per_ten_thousand(percent * 100, day_count=DayCount.ACT_365)
        if match := _MONTHLY.match(text):
            return Rate.monthly_percent(_number(match.group(1) or match.group(2) or match.group(3), field, value))
        explicit = text.endswith(("/年", "每年")) or text[:1] in "年每"  # "0.15%" stays in the default unit
        if match := _ANNUAL.match(text):
            number = _number(match.group(1), field, value)
            unit = RateUnit.ANNUAL_PERCENT if explicit else default_unit
            return _in_unit(number, unit)
        raise InvalidInput(field, "bad_rate", value)
    except InvalidInput as err:
        raise err.named(field, value) from None


def parse_rate_number(value: Any, *, field: str, unit: RateUnit) -> Decimal:
    """Return a percentage in ``unit`` written as people write rates: an installment fee of ``0.15``, ``月0.15%``
    or ``年1.8%`` is 0.15 (% a month).

    Raises:
        InvalidInput: as :func:`parse_rate`.

    >>> parse_rate_number("年1.8%", field="monthly_fee_percent", unit=RateUnit.MONTHLY_PERCENT)
    Decimal('0.15')
    """
    rate = parse_rate(value, field=field, default_unit=unit)
    if unit is RateUnit.MONTHLY_PERCENT:
        return rate.percent_per_year / 12
    return rate.percent_per_year


def _in_unit(number: Decimal, unit: RateUnit) -> Rate:
    if unit is RateUnit.MONTHLY_PERCENT:
        return Rate.monthly_percent(number)
    if unit is RateUnit.DAILY_PER_TEN_THOUSAND:
        return Rate.daily_per_ten_thousand(number, day_count=DayCount.ACT_365)
    return Rate.annual_percent(number)
