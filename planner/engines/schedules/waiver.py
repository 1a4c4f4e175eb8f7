"""Waivers (减免): how much a waiver removes, and from which charges."""


from __future__ import annotations

from decimal import Decimal

from planner.domain.model import Debt
from planner.domain.options import (
    Waiver,
    WaiverMode,
)
from planner.money import Money, money, round_fen

_ZERO = Decimal("0.00")
_HUNDRED = Decimal(100)


# --------------------------------------------------------------------------------------------------------------
# Waiver

_WAIVER_ORDER = ("other_fees", "liquidated_damages", "penalty_interest", "accrued_interest")


def waiver_request(debt: Debt, waiver: Waiver, excess: Decimal) -> Decimal:
    mode = waiver.mode
    if mode is WaiverMode.NONE:
        return _ZERO
    if mode is WaiverMode.EXCESS:
        return excess
    if mode is WaiverMode.PENALTIES_AND_FEES:
        return debt.penalties_and_fees
    if mode is WaiverMode.PERCENT:
        return round_fen(debt.charges * waiver.percent / _HUNDRED)
    return debt.charges  # PRINCIPAL_ONLY


def waiver_amount(debt: Debt, waiver: Waiver, *, excess: Money) -> Money:
    """Return the amount a waiver removes from what ``debt`` owes on the start date.

    * ``NONE``: 0;
    * ``EXCESS``: ``min(excess, debt.charges)``; ``excess`` is the cap audit's excess, passed in;
    * ``PENALTIES_AND_FEES``: penalty interest + liquidated damages + other fees;
    * ``PERCENT``: ``round_fen(debt.charges × percent / 100)``;
    * ``PRINCIPAL_ONLY``: every charge (only the outstanding principal is repaid).

    Never more than the charges: the principal is not waived (:func:`build_schedule` reports a clamp with the
    finding ``WAIVER_CLAMPED``).

    Raises:
        InvalidInput: a negative or non-fen ``excess``.
    """
    request = waiver_request(debt, waiver, money(excess, field="excess"))
    charges = debt.charges
    return Money(min(request, charges))


def split_waiver(debt: Debt, amount: Money) -> tuple[tuple[str, Money], ...]:
    """Return how a waiver of ``amount`` reduces each charge, in the order other fees, liquidated damages,
    penalty interest, accrued interest (field name, amount waived; charges left untouched are omitted).
    """
    left = money(amount, field="amount")
    parts: list[tuple[str, Money]] = []
    for name in _WAIVER_ORDER:
        if left <= 0:
            break
        owed: Decimal = getattr(debt, name)
        take = min(owed, left)
        if take:
            parts.append((name, Money(take)))
            left -= take
    return tuple(parts)


