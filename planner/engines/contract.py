"""The contract month, written once: accrue interest and the recurring fee, then take a payment.

Both engines that run a debt on its contract terms use these two steps — the schedules' status quo (and the
contract continuing after a waiver or a deferral, :mod:`planner.engines.schedules.contract`) and every month of the
payoff policies (:mod:`planner.engines.payoff.engine`) — so the two cost the same payments the same way, to the fen.

A debt on contract terms is two parts: the interest-bearing part ``p`` (the principal, plus interest added to it
where interest compounds) and the charges ``c`` (accrued interest, penalty interest, damages and fees already
owed), which bear no interest.

1. :func:`accrue`: the month's interest is ``round_fen(p × annual % / 1200)`` and its recurring fee
   ``round_fen(p × fee % / 1200)`` — multiplied first, divided last, rounded half up once (a pre-divided monthly
   rate such as ``15.4 / 1200`` does not terminate, and ¥30 at 15.4 % must give exactly ¥0.385 → ¥0.39). Without
   compounding both join the charges (interest is never charged on interest or fees: 银发〔2016〕111号 §三 for
   credit cards; Chinese lenders' overdue terms generally); with compounding the interest joins ``p``.
2. :func:`settle`: a payment clears the charges first, then reduces ``p``.
"""

from __future__ import annotations

from decimal import Decimal

from planner.money import FEN, ROUNDING

_MONTHLY = Decimal(1200)  # annual percent → monthly fraction, applied as × pct / 1200
_ZERO = Decimal("0.00")
_quantize = Decimal.quantize


def accrue(bearing: Decimal, pct: Decimal, fee_pct: Decimal) -> tuple[Decimal, Decimal]:
    """Return one month's ``(interest, fee)`` on the interest-bearing part ``bearing``, each rounded half up.

    >>> accrue(Decimal("30.00"), Decimal("15.4"), Decimal(0))
    (Decimal('0.39'), Decimal('0.00'))
    """
    interest = _quantize(bearing * pct / _MONTHLY, FEN, ROUNDING) if pct else _ZERO
    fee = _quantize(bearing * fee_pct / _MONTHLY, FEN, ROUNDING) if fee_pct else _ZERO
    return interest, fee


def settle(bearing: Decimal, charges: Decimal, amount: Decimal) -> tuple[Decimal, Decimal]:
    """Return ``(bearing, charges)`` after a payment of ``amount``: the charges first, then the bearing part.

    >>> settle(Decimal("1000.00"), Decimal("50.00"), Decimal("80.00"))
    (Decimal('970.00'), Decimal('0.00'))
    """
    if amount >= charges:
        return bearing - (amount - charges), _ZERO
    return bearing, charges - amount
