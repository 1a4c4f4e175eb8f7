"""Values as people write them, one parser per kind, shared by every edge (CSV, Excel, case file, CLI options).

* **Rates** (:func:`parse_rate`): ``18``, ``18%`` (a full-width ％ too), ``年18%``, ``年利率18%``, ``年化18%`` (a year);
  ``月2%``, ``月利率2%``, ``2%/月``, ``每月2%``, ``月息2分`` (a month: 2 % a month is 24 % a year); ``日万分之五``,
  ``日利率万分之5``, ``万分之五/日``, ``0.05%/日``, ``日0.05%``, ``每日0.05%``, ``日息0.05%`` (a day, on a 365-day year:
  万分之五 is 18.25 % a year). A number without a unit word (``18``, ``0.15%``) is in the field's default unit
  (percent a year for a contract rate, percent a month for an installment fee). The :class:`planner.rates.Rate`
  keeps the unit it was quoted in.
* **Creditor kinds** (:func:`parse_kind`): ``private``, ``credit-card`` (any case, ``_`` or spaces for ``-``), the
  Chinese names (民间借贷, 信用卡 …) and common other names (网贷, 小贷, 消金, 亲友借款 …).
* **The conduct log's choices** (:func:`parse_channel`, :func:`parse_contacted`, :func:`parse_flags`): the
  identifiers (``call``, ``family``, ``impersonation`` …), their Chinese names (电话, 家人, 冒充公检法或律师 …) and
  shorter words people write (来电, 家属, 冒充, 假律师函, 爆通讯录 …); several flags in one cell separated by ``;``, ``；``,
  ``、`` or a comma. :func:`parse_answered` reads yes/no, 是/否, true/false, 1/0 (接通 / 未接); :func:`parse_minutes`
  reads ``5``, ``5分钟``, ``5 min``, ``1小时``, ``3分20秒`` (a started minute counts).
* **Dates** and **amounts** are parsed by the core (:func:`planner.dates.parse_date` reads 2026-03-05, 2026/3/5,
  2026.3.5 and 2026年3月5日; :func:`planner.money.money` reads ¥7,100, 7100元 and full-width commas).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from planner.choices import parse_choice
from planner.domain.conduct import Channel, Contacted, Flag
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


E = TypeVar("E", bound=StrEnum)


def choice_hint(enum: type[StrEnum], names: Mapping[str, str]) -> str:
    """Return an enumeration's values with their Chinese names as a hint: ``call (电话), sms (短信), …``."""
    return ", ".join(f"{m.value} ({names[m.value]})" for m in enum)


def _named_choice(enum: type[E], value: Any, field: str, aliases: Mapping[str, E], names: Mapping[str, str]) -> E:
    """Return :func:`planner.choices.parse_choice`'s member; its error lists both spellings of every value."""
    try:
        return parse_choice(enum, value, field, aliases=aliases)
    except InvalidInput as err:
        raise InvalidInput(field, err.code, value, params={"choices": choice_hint(enum, names)}) from None


def kind_choices() -> str:
    """Return the creditor kinds as a hint: ``credit-card (信用卡), …``."""
    return choice_hint(CreditorKind, zh.KINDS)


def parse_kind(value: Any, *, field: str = "kind") -> CreditorKind:
    """Return the creditor kind named by ``value`` (its identifier, a Chinese name, or a common other name).

    Raises:
        InvalidInput: ``required`` or ``unknown_choice`` listing both spellings of every kind.
    """
    return _named_choice(CreditorKind, value, field, KIND_ALIASES, zh.KINDS)


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


# ----------------------------------------------------------------------------------------------------------------
# The conduct log (催收记录)

CHANNEL_ALIASES: dict[str, Channel] = {
    **{label: Channel(value) for value, label in zh.CHANNELS.items()},
    "来电": Channel.CALL, "打电话": Channel.CALL, "电话催收": Channel.CALL, "语音": Channel.CALL, "phone": Channel.CALL,
    "信息": Channel.SMS, "短消息": Channel.SMS, "text": Channel.SMS, "微信消息": Channel.WECHAT,
    "微信电话": Channel.WECHAT, "app": Channel.APP_MESSAGE, "app消息": Channel.APP_MESSAGE,
    "站内信": Channel.APP_MESSAGE, "上门催收": Channel.VISIT, "信函": Channel.LETTER, "邮寄": Channel.LETTER,
    "电子邮件": Channel.EMAIL, "邮箱": Channel.EMAIL, "e-mail": Channel.EMAIL, "其它": Channel.OTHER,
}
CONTACTED_ALIASES: dict[str, Contacted] = {
    **{label: Contacted(value) for value, label in zh.CONTACTED.items()},
    "自己": Contacted.DEBTOR, "我": Contacted.DEBTOR, "借款人": Contacted.DEBTOR, "债务人": Contacted.DEBTOR,
    "me": Contacted.DEBTOR, "self": Contacted.DEBTOR, "保证人": Contacted.GUARANTOR,
    "家属": Contacted.FAMILY, "亲属": Contacted.FAMILY, "家人亲属": Contacted.FAMILY, "父母": Contacted.FAMILY,
    "配偶": Contacted.FAMILY, "妻子": Contacted.FAMILY, "丈夫": Contacted.FAMILY, "亲戚": Contacted.FAMILY,
    "同事们": Contacted.COLLEAGUE, "单位领导": Contacted.EMPLOYER, "领导": Contacted.EMPLOYER,
    "公司": Contacted.EMPLOYER, "雇主": Contacted.EMPLOYER, "工作单位": Contacted.EMPLOYER,
    "好友": Contacted.FRIEND, "同学": Contacted.FRIEND, "其他": Contacted.OTHER, "其它": Contacted.OTHER,
    "通讯录联系人": Contacted.OTHER,
}
FLAG_ALIASES: dict[str, Flag] = {
    **{label: Flag(value) for value, label in zh.FLAGS.items()},
    "恐吓": Flag.THREAT, "威胁恐吓": Flag.THREAT, "侮辱": Flag.INSULT, "骂人": Flag.INSULT, "辱骂侮辱": Flag.INSULT,
    "冒充": Flag.IMPERSONATION, "冒充公检法": Flag.IMPERSONATION, "冒充律师": Flag.IMPERSONATION,
    "冒充法院": Flag.IMPERSONATION, "冒充警察": Flag.IMPERSONATION,
    "伪造": Flag.FAKE_DOCUMENT, "伪造文书": Flag.FAKE_DOCUMENT, "假律师函": Flag.FAKE_DOCUMENT,
    "假传票": Flag.FAKE_DOCUMENT, "伪造律师函": Flag.FAKE_DOCUMENT, "伪造传票": Flag.FAKE_DOCUMENT,
    "fake": Flag.FAKE_DOCUMENT, "透露": Flag.DISCLOSURE, "泄露": Flag.DISCLOSURE, "透露债务": Flag.DISCLOSURE,
    "爆通讯录": Flag.DISCLOSURE, "P图片": Flag.DOCTORED_IMAGE, "PS": Flag.DOCTORED_IMAGE,
    "合成图片": Flag.DOCTORED_IMAGE, "伪造图片": Flag.DOCTORED_IMAGE, "上门催收": Flag.VISIT,
}
_FLAG_SEPARATORS = re.compile("[;；、,，]")
_YES = frozenset({"yes", "y", "true", "1", "是", "接通", "已接", "已接通", "有"})
_NO = frozenset({"no", "n", "false", "0", "否", "未接", "未接通", "没接", "无", "不是"})
_MINUTES = re.compile(r"^(?:(\d+)\s*(?:小时|h|hours?))?\s*(?:(\d+)\s*(?:分钟|分|min|mins|minutes?|m))?\s*"
                      r"(?:(\d+)\s*(?:秒钟|秒|s|sec|seconds?))?$", re.IGNORECASE)


def parse_channel(value: Any, *, field: str = "channel") -> Channel:
    """Return how a collector made contact: ``call``, 电话, 来电 …

    Raises:
        InvalidInput: ``required`` or ``unknown_choice`` listing both spellings of every channel.
    """
    return _named_choice(Channel, value, field, CHANNEL_ALIASES, zh.CHANNELS)


def parse_contacted(value: Any, *, field: str = "contacted") -> Contacted:
    """Return who was contacted: ``family``, 家人, 家属, 父母 …

    Raises:
        InvalidInput: ``required`` or ``unknown_choice`` listing both spellings of every kind of person.
    """
    return _named_choice(Contacted, value, field, CONTACTED_ALIASES, zh.CONTACTED)


def parse_flags(value: Any, *, field: str = "flags") -> tuple[Flag, ...]:
    """Return the flags of a cell (``威胁、冒充``, ``threat;impersonation``), each once, in the order written; an
    empty cell has none.

    >>> parse_flags("冒充；假律师函、impersonation")
    (<Flag.IMPERSONATION: 'impersonation'>, <Flag.FAKE_DOCUMENT: 'fake-document'>)

    Raises:
        InvalidInput: ``unknown_choice`` naming the first flag not known, listing both spellings of every flag.
    """
    flags: list[Flag] = []
    for part in _FLAG_SEPARATORS.split(str(value or "")):
        if not part.strip():
            continue
        flag = _named_choice(Flag, part.strip(), field, FLAG_ALIASES, zh.FLAGS)
        if flag not in flags:
            flags.append(flag)
    return tuple(flags)


def parse_answered(value: Any, *, field: str = "answered") -> bool:
    """Return whether a call was answered: yes/no, 是/否, true/false, 1/0, 接通/未接 (any case).

    Raises:
        InvalidInput: ``unknown_choice`` for anything else.
    """
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise InvalidInput(field, "unknown_choice", value, params={"choices": "yes / no, 是 / 否, true / false, 1 / 0"})


def parse_minutes(value: Any, *, field: str = "duration_min") -> int:
    """Return a call's length in whole minutes: ``5``, ``5分钟``, ``5 min``, ``1小时``, ``3分20秒`` (4: a started
    minute counts, as phone bills count it).

    >>> parse_minutes("3分20秒"), parse_minutes("1小时5分")
    (4, 65)

    Raises:
        InvalidInput: ``not_integer`` for anything else.
    """
    text = _SPACES.sub(" ", str(value or "")).strip()
    if text.isascii() and text.isdigit():
        return int(text)
    match = _MINUTES.match(text) if text else None
    if not match or not any(match.groups()):
        raise InvalidInput(field, "not_integer", value)
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return -(-(hours * 3600 + minutes * 60 + seconds) // 60)  # whole minutes, a started one counted
