"""The debtor as the proposal introduces them: identity (ID number, phone, address), the hardship and its story.

Pure data with checks. A mainland resident ID number has 18 characters, the last a check digit (GB 11643-1999,
ISO 7064 MOD 11-2), so a mistyped digit is caught when it is entered rather than in a letter to a bank; the old
15-digit numbers are accepted as they are. Masking (:func:`mask_id_number`, :func:`mask_phone`) is how these fields
are shown unless the user asks for them in full: a proposal is sent to creditors and agents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from planner.choices import parse_choice
from planner.errors import InvalidInput

MAX_ADDRESS = 200
MAX_STATEMENT = 20_000  # a hardship statement may be long; it is never cut, the letter flows onto new pages
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID18 = re.compile(r"^\d{17}[\dX]$")
_ID15 = re.compile(r"^\d{15}$")
_PHONE = re.compile(r"^\+?[\d\s()\-]{5,24}$")


class HardshipReason(StrEnum):
    """Why the borrower cannot pay as agreed (困难原因); each asks for its own attachments in the proposal."""

    UNEMPLOYMENT = "unemployment"  # 失业
    ILLNESS = "illness"  # 疾病
    BUSINESS_FAILURE = "business-failure"  # 经营失败
    INCOME_DROP = "income-drop"  # 收入下降
    FAMILY_BURDEN = "family-burden"  # 家庭负担
    OTHER = "other"  # 其他


def check_digit(first17: str) -> str:
    """Return the check digit of an 18-character resident ID number from its first 17 digits.

    >>> check_digit("11010519491231002")
    'X'
    """
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def parse_id_number(value: Any) -> str:
    """Return a resident ID number as written on the card (spaces removed, ``x`` as ``X``), or ``""``.

    Raises:
        InvalidInput: ``bad_id_number`` for anything but 18 characters with the right check digit, or 15 digits.
    """
    text = re.sub(r"\s+", "", str(value or "")).upper()
    if not text:
        return ""
    if _ID15.match(text):
        return text
    if not _ID18.match(text) or check_digit(text[:17]) != text[17]:
        raise InvalidInput("id_number", "bad_id_number", text)
    return text


def parse_phone(value: Any) -> str:
    """Return a phone number as written (a mobile, a landline with its area code, +86 …), or ``""``.

    Raises:
        InvalidInput: ``bad_phone`` for text that is no phone number.
    """
    text = str(value or "").strip()
    if not text:
        return ""
    if not _PHONE.match(text) or len(re.sub(r"\D", "", text)) < 5:
        raise InvalidInput("phone", "bad_phone", text)
    return text


def mask_id_number(text: str) -> str:
    """Return an ID number with all but its first 3 and last 4 characters hidden.

    >>> mask_id_number("11010519491231002X")
    '110***********002X'
    """
    if len(text) <= 7:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def mask_phone(text: str) -> str:
    """Return a phone number with all but its first 3 and last 4 digits hidden (separators kept).

    >>> mask_phone("138 0013 8000")
    '138 **** 8000'
    """
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    hidden = set(digits[3:-4]) if len(digits) > 7 else set(digits)
    return "".join("*" if i in hidden else c for i, c in enumerate(text))


@dataclass(frozen=True, slots=True)
class Debtor:
    """What a proposal states about the debtor besides the name (the case's ``borrower``).

    Attributes:
        id_number: the resident ID number (身份证号), checked; ``""`` when not given.
        phone: a phone number for the creditor to call back.
        address: the postal address.
        hardship: the hardship reasons, in the order given, each once.
        statement: the borrower's own account of the hardship (困难说明), any length up to 20,000 characters.

    Raises:
        InvalidInput: a bad ID number or phone, an address over 200 characters, an unknown hardship reason, a
            statement over 20,000 characters.
    """

    id_number: str = ""
    phone: str = ""
    address: str = ""
    hardship: tuple[str, ...] = ()
    statement: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "id_number", parse_id_number(self.id_number))
        object.__setattr__(self, "phone", parse_phone(self.phone))
        address = str(self.address or "").strip()
        if len(address) > MAX_ADDRESS:
            raise InvalidInput("address", "too_long", f"{address[:20]}…", params={"high": MAX_ADDRESS})
        object.__setattr__(self, "address", address)
        reasons: list[HardshipReason] = []
        for raw in self.hardship:
            reason = parse_choice(HardshipReason, raw, "hardship")
            if reason not in reasons:
                reasons.append(reason)
        object.__setattr__(self, "hardship", tuple(reasons))
        statement = str(self.statement or "")
        if len(statement) > MAX_STATEMENT:
            raise InvalidInput("statement", "too_long", f"{statement[:20]}…", params={"high": MAX_STATEMENT})
        object.__setattr__(self, "statement", statement)

    @property
    def is_empty(self) -> bool:
        """Return True when nothing is given."""
        return self == Debtor()
