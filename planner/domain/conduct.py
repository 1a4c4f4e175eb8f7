"""The collection-conduct log (催收记录): what collectors did, one entry per contact, with its evidence files.

Pure data with checks. Times are local to mainland China (Asia/Shanghai), to the minute: a time written with
another offset (``2026-11-20T14:30Z``, ``…+09:00``) is converted, so every day count uses the borrower's calendar
day. An attachment is kept by its path, with the size and SHA-256 taken when it was added (the file is never moved
or changed); :func:`planner.io.evidence` checks later that it is still there and unchanged.

An entry's :attr:`LogEntry.key` is what makes it the same contact: its time, channel, number, who was contacted
and the creditor — importing the same rows twice adds nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from planner.choices import parse_choice
from planner.dates import parse_date
from planner.errors import InvalidInput

CHINA = ZoneInfo("Asia/Shanghai")
MAX_NOTE = 5_000
MAX_TEXT = 200
MAX_ATTACHMENTS = 100
MAX_DURATION = 24 * 60  # minutes
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_TIME = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:[T\s]\s*(上午|下午|晚上|凌晨|中午)?\s*"
    r"(\d{1,2})\s*[:：点时]\s*(\d{1,2})?\s*分?(?:\s*[:：]\s*\d{1,2}(?:\.\d+)?)?)?\s*"
    r"(Z|[+-]\d{2}:?\d{2})?\s*$", re.IGNORECASE)


class Channel(StrEnum):
    """How the collector made contact (方式)."""

    CALL = "call"  # 电话
    SMS = "sms"  # 短信
    WECHAT = "wechat"  # 微信
    APP_MESSAGE = "app-message"  # 应用内消息
    VISIT = "visit"  # 上门
    LETTER = "letter"  # 信件
    EMAIL = "email"  # 邮件
    OTHER = "other"  # 其他


class Contacted(StrEnum):
    """Who the collector contacted (联系对象)."""

    DEBTOR = "debtor"  # 本人
    GUARANTOR = "guarantor"  # 担保人
    FAMILY = "family"  # 家人
    COLLEAGUE = "colleague"  # 同事
    EMPLOYER = "employer"  # 单位
    FRIEND = "friend"  # 朋友
    OTHER = "other"  # 其他

    @property
    def is_third_party(self) -> bool:
        """Return True for anyone but the debtor and a guarantor (collection may reach only those two)."""
        return self not in (Contacted.DEBTOR, Contacted.GUARANTOR)


class Flag(StrEnum):
    """What the contact contained (标记)."""

    THREAT = "threat"  # 威胁
    INSULT = "insult"  # 辱骂
    IMPERSONATION = "impersonation"  # 冒充公检法、律师
    FAKE_DOCUMENT = "fake-document"  # 伪造律师函、传票
    DISCLOSURE = "disclosure"  # 向他人透露债务
    DOCTORED_IMAGE = "doctored-image"  # P图
    VISIT = "visit"  # 上门


def parse_time(value: Any, *, field: str = "time") -> datetime:
    """Return a contact time as a naive datetime in China's local time, to the minute.

    Accepts ``2026-11-20 22:30``, ``2026/11/20 22:30``, ``2026年11月20日 22点30分``, ``2026-11-20 晚上10点30``,
    an ISO time with an offset (converted to China's time), a date alone (00:00), or a ``datetime``.

    >>> parse_time("2026年11月20日 晚上10点30")
    datetime.datetime(2026, 11, 20, 22, 30)
    >>> parse_time("2026-11-20T14:30Z")
    datetime.datetime(2026, 11, 20, 22, 30)

    Raises:
        InvalidInput: ``bad_time`` for text that is no time, ``no_such_date`` for a day the month lacks.
    """
    if isinstance(value, datetime):
        moment = value.astimezone(CHINA).replace(tzinfo=None) if value.tzinfo else value
        return moment.replace(second=0, microsecond=0)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)  # noqa: DTZ001 - local China time, kept naive
    text = str(value or "").strip()
    match = _TIME.match(text)
    if not match:
        raise InvalidInput(field, "bad_time", text)
    year, month, day, part, hour, minute, offset = match.groups()
    hours = int(hour) if hour is not None else 0
    if part in ("下午", "晚上") and hours < 12:
        hours += 12
    elif part == "凌晨" and hours == 12:
        hours = 0
    minutes = int(minute) if minute else 0
    if hours > 23 or minutes > 59:
        raise InvalidInput(field, "bad_time", text)
    try:
        moment = datetime(int(year), int(month), int(day), hours, minutes)  # noqa: DTZ001 - see below
    except ValueError:
        raise InvalidInput(field, "no_such_date", text, params={"month": int(month), "day": int(day)}) from None
    if offset:
        sign = -1 if offset.startswith("-") else 1
        digits = offset.replace(":", "")[1:] if offset.upper() != "Z" else "0000"
        zone = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0)))
        moment = moment.replace(tzinfo=zone).astimezone(CHINA).replace(tzinfo=None)
    return moment


@dataclass(frozen=True, slots=True)
class Attachment:
    """An evidence file as it was when logged: its path, size and SHA-256 (the file itself is never touched)."""

    path: str
    size: int
    sha256: str

    def __post_init__(self) -> None:
        path = str(self.path or "").strip()
        if not path:
            raise InvalidInput("path", "required", self.path)
        object.__setattr__(self, "path", path)
        if isinstance(self.size, bool) or int(self.size) < 0:
            raise InvalidInput("size", "negative", self.size)
        object.__setattr__(self, "size", int(self.size))
        digest = str(self.sha256 or "").strip().lower()
        if not _SHA256.match(digest):
            raise InvalidInput("sha256", "bad_digest", self.sha256)
        object.__setattr__(self, "sha256", digest)


def _text(value: Any, field: str, limit: int) -> str:
    text = str(value or "").strip()
    if len(text) > limit:
        raise InvalidInput(field, "too_long", f"{text[:20]}…", params={"high": limit})
    return text


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One contact by a collector.

    Attributes:
        time: when it happened, China's local time, to the minute.
        channel: how (call, SMS, WeChat …).
        sender: the number or account it came from (来电号码; ``from`` in tables).
        contacted: who was contacted: the debtor, a guarantor, or a third party (family, colleague …).
        creditor: a debt id of the case, or a name (某平台委托第三方催收).
        identity: who the caller claimed to be (自称身份: 律师, 法院, 催收专员 …).
        flags: what the contact contained (threat, insult, impersonation …), each once, in the order given.
        duration_min: the call's length in minutes (None when not a call or not known).
        answered: whether the call was answered (a missed call still counts as an attempt).
        note: what was said or done.
        attachments: the evidence files (recordings, screenshots, photos).
    """

    time: datetime
    channel: Channel
    contacted: Contacted
    creditor: str
    sender: str = ""
    identity: str = ""
    flags: tuple[str, ...] = ()
    duration_min: int | None = None
    answered: bool = True
    note: str = ""
    attachments: tuple[Attachment, ...] = ()
    _key: tuple[str, ...] = field(init=False, repr=False, compare=False)  # computed once: checks use them often
    _id: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "time", parse_time(self.time))
        object.__setattr__(self, "channel", parse_choice(Channel, self.channel, "channel"))
        object.__setattr__(self, "contacted", parse_choice(Contacted, self.contacted, "contacted"))
        creditor = _text(self.creditor, "creditor", MAX_TEXT)
        if not creditor:
            raise InvalidInput("creditor", "required", self.creditor)
        object.__setattr__(self, "creditor", creditor)
        object.__setattr__(self, "sender", _text(self.sender, "sender", MAX_TEXT))
        object.__setattr__(self, "identity", _text(self.identity, "identity", MAX_TEXT))
        flags: list[Flag] = []
        for raw in self.flags:
            flag = parse_choice(Flag, raw, "flags")
            if flag not in flags:
                flags.append(flag)
        object.__setattr__(self, "flags", tuple(flags))
        if self.duration_min is not None:
            minutes = self.duration_min
            if isinstance(minutes, bool) or not str(minutes).strip().isdigit():
                raise InvalidInput("duration_min", "not_integer", minutes)
            if not 0 <= int(minutes) <= MAX_DURATION:
                raise InvalidInput("duration_min", "out_of_range", minutes, params={"low": 0, "high": MAX_DURATION})
            object.__setattr__(self, "duration_min", int(minutes))
        if not isinstance(self.answered, bool):
            raise InvalidInput("answered", "unknown_choice", self.answered, params={"choices": "true, false"})
        object.__setattr__(self, "note", _text(self.note, "note", MAX_NOTE))
        attachments = tuple(self.attachments)
        if len(attachments) > MAX_ATTACHMENTS:
            raise InvalidInput("attachments", "too_long", len(attachments), params={"high": MAX_ATTACHMENTS})
        object.__setattr__(self, "attachments", attachments)
        key = (self.time.isoformat(timespec="minutes"), self.channel.value, self.sender, self.contacted.value,
               self.creditor)
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "_id", hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:10])

    @property
    def key(self) -> tuple[str, ...]:
        """Return what makes two entries the same contact (time, channel, number, who, creditor)."""
        return self._key

    @property
    def id(self) -> str:
        """Return a short stable id of the entry (from :attr:`key`), to name it in findings and exports."""
        return self._id

    @property
    def day(self) -> date:
        """Return the calendar day (China's local time) of the contact."""
        return self.time.date()

    @property
    def is_third_party(self) -> bool:
        """Return True when someone other than the debtor or a guarantor was contacted."""
        return self.contacted.is_third_party


def merge_entries(old: tuple[LogEntry, ...], new: tuple[LogEntry, ...]) -> tuple[tuple[LogEntry, ...], int]:
    """Return the log with ``new`` entries added (those already there by :attr:`LogEntry.key` skipped), sorted by
    time, and the number added."""
    seen = {e.key for e in old}
    added = []
    for entry in new:
        if entry.key not in seen:
            seen.add(entry.key)
            added.append(entry)
    return tuple(sorted((*old, *added), key=lambda e: (e.time, e.key))), len(added)


@dataclass(frozen=True, slots=True)
class Complaint:
    """A complaint about a creditor's collection, drafted or filed (投诉记录).

    Attributes:
        creditor: the creditor complained about, as the log names it (a debt id of the case, or a name).
        channel: where it went, by the channel's id in ``complaint_channels.json`` (``12378``, ``nifa``,
            ``12321``, ``12345``, ``police``, ``creditor`` …).
        filed: the day it was filed (None: drafted, not yet filed).
        reference: the reference number the channel gave (受理编号), as written.
        reply_due: the day a reply is due (None when the channel gives no reply time): computed when it is
            recorded as filed (:func:`planner.caps.complaints.record_complaint`), editable in the case file.
        note: free text (who took the call, what was said).
    """

    creditor: str
    channel: str
    filed: date | None = None
    reference: str = ""
    reply_due: date | None = None
    note: str = ""

    def __post_init__(self) -> None:
        creditor = _text(self.creditor, "creditor", MAX_TEXT)
        if not creditor:
            raise InvalidInput("creditor", "required", self.creditor)
        object.__setattr__(self, "creditor", creditor)
        channel = _text(self.channel, "channel", MAX_TEXT).lower()
        if not channel:
            raise InvalidInput("channel", "required", self.channel)
        object.__setattr__(self, "channel", channel)
        for name in ("filed", "reply_due"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, parse_date(value, field=name))
        if self.filed is None and self.reply_due is not None:
            raise InvalidInput("filed", "required", None)  # a reply is due only after a filing
        if self.filed is not None and self.reply_due is not None and self.reply_due < self.filed:
            raise InvalidInput("reply_due", "date_order", self.reply_due.isoformat(), params={"other": "filed"})
        object.__setattr__(self, "reference", _text(self.reference, "reference", MAX_TEXT))
        object.__setattr__(self, "note", _text(self.note, "note", MAX_NOTE))

    @property
    def is_filed(self) -> bool:
        """Return True when the complaint has been filed (it has a date)."""
        return self.filed is not None

    def same_as(self, other: Complaint) -> bool:
        """Return True when ``other`` records the same complaint: the same creditor and channel, filed the same day
        (recording it again updates its reference, due date and note)."""
        return (self.creditor, self.channel, self.filed) == (other.creditor, other.channel, other.filed)


def record(complaints: tuple[Complaint, ...], complaint: Complaint) -> tuple[tuple[Complaint, ...], bool]:
    """Return ``complaints`` with ``complaint`` added, or put in place of the one it is the same as
    (:meth:`Complaint.same_as`); and whether one was replaced."""
    for index, old in enumerate(complaints):
        if old.same_as(complaint):
            return (*complaints[:index], complaint, *complaints[index + 1:]), True
    return (*complaints, complaint), False
