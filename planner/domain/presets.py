"""The plans counsellors start from (方案模板), for one debt, as pure values.

Each preset is what the practical guides describe, fitted to the creditor kind. 停息 means what it says: the
installments bear no interest, whoever the creditor is. The waiver differs: a licensed lender is asked to waive
penalties and fees; a private lender (民间借贷) to waive what exceeds the legal cap (interest within it is lawful). The
deferral preset keeps a private loan's interest at the cap rate while payments pause, and 减免超额罚息+分期 asks
every creditor for the legal cap rate. Terms never exceed the kind's installment limit when it has one (the card
rule's 60 months); the user changes any of it afterwards.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from planner.dates import add_months
from planner.domain.model import CreditorKind
from planner.domain.options import (
    Deferral,
    DeferralInterest,
    Plan,
    RateChoice,
    RepaymentMethod,
    Restructure,
    Settlement,
    Waiver,
    WaiverMode,
)


class Preset(StrEnum):
    """The presets, by the name the app shows them under."""

    STOP_INTEREST_60 = "stop-interest-60"  # 停息分期60期
    DEFER_12_THEN_INSTALLMENTS = "defer-12-then-installments"  # 延期12个月后分期
    WAIVE_EXCESS_INSTALLMENTS = "waive-excess-installments"  # 减免超额罚息+分期
    SETTLE_ONCE = "settle-once"  # 一次性结清


def preset_plan(preset: Preset | str, kind: CreditorKind, *, start: date, term_limit: int | None = None) -> Plan:
    """Return the plan ``preset`` gives a debt of ``kind`` in a scenario starting on ``start``.

    Args:
        preset: which preset.
        kind: the creditor kind (a private lender is treated as the law treats it: the cap, not a waiver of all).
        start: the scenario's start (a settlement is paid within a month of it).
        term_limit: the kind's longest installment plan, if it has one.

    >>> preset_plan("stop-interest-60", CreditorKind.CREDIT_CARD, start=date(2026, 12, 1)).restructure.months
    60
    """
    preset = Preset(preset)
    private = kind is CreditorKind.PRIVATE
    waiver = Waiver(WaiverMode.EXCESS if private else WaiverMode.PENALTIES_AND_FEES)
    rate = RateChoice.CAPPED if private else RateChoice.ZERO

    def months(wanted: int) -> int:
        return min(wanted, term_limit) if term_limit else wanted

    if preset is Preset.STOP_INTEREST_60:
        return Plan(waiver=waiver, restructure=Restructure(months(60), RepaymentMethod.EQUAL_INSTALLMENT,
                                                           RateChoice.ZERO))
    if preset is Preset.DEFER_12_THEN_INSTALLMENTS:
        interest = DeferralInterest.CAPPED if private else DeferralInterest.NONE
        return Plan(waiver=waiver, deferral=Deferral(12, Decimal(0), interest),
                    restructure=Restructure(months(48), RepaymentMethod.EQUAL_INSTALLMENT, rate))
    if preset is Preset.WAIVE_EXCESS_INSTALLMENTS:
        return Plan(waiver=Waiver(WaiverMode.EXCESS),
                    restructure=Restructure(months(36), RepaymentMethod.EQUAL_INSTALLMENT, RateChoice.CAPPED))
    return Plan(waiver=waiver, settlement=Settlement(Decimal(100), add_months(start, 1)))
