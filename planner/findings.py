"""Findings: domain observations returned as data, never raised.

A finding is what the planner wants a borrower or counsellor to notice — a rate above a legal cap, LPR data that
may be stale, a plan longer than 60 months. Each carries a stable ``code``, a severity, the subject (a debt id or
scenario name), a Chinese and an English message, and the source it relies on. Cap-related findings are
information with a citation, never a legal conclusion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"  # the input cannot be used as it is (a plan that can never be paid, a missing figure)


@dataclass(frozen=True, slots=True)
class Finding:
    """One observation about a debt, a scenario or the data.

    Attributes:
        code: a stable upper-case identifier such as ``RATE_ABOVE_CAP``.
        severity: see :class:`Severity`.
        subject: what it is about: a debt id, a scenario name, or ``"data"``.
        message_zh: the Chinese wording shown to the borrower.
        message_en: the English wording.
        source: the rule or document relied on, with its date; empty when none applies.
        detail: structured figures behind the message (decimal strings), for tables and documents.
    """

    code: str
    severity: Severity
    subject: str
    message_zh: str
    message_en: str
    source: str = ""
    detail: tuple[tuple[str, str], ...] = field(default=())

    @classmethod
    def of(
        cls, code: str, severity: Severity, subject: str, zh: str, en: str, source: str = "", **detail: object
    ) -> Finding:
        """Return a finding whose ``detail`` is given as keywords (values shown with ``str``)."""
        return cls(code, severity, subject, zh, en, source, tuple((k, str(v)) for k, v in detail.items()))

    def message(self, locale: str = "zh") -> str:
        """Return the message in ``locale``."""
        return self.message_en if locale == "en" else self.message_zh
