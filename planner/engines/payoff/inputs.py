"""The payoff engine's inputs: policies, minimum payments, rate changes and debts."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from planner.dates import parse_date
from planner.domain.model import MAX_TEXT
from planner.errors import InvalidInput
from planner.money import HUNDRED, ZERO, Money, money, round_fen, to_decimal
from planner.rates import Rate

if TYPE_CHECKING:
    from planner.domain.case import Case

BASELINE = "minimums-only"  # the label of the minimums-only path where a policy name is expected


# --------------------------------------------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class MinPayment:
    """A debt's minimum monthly payment: a fixed amount, or a percentage of the balance with a floor.

    Attributes:
        amount: the fixed minimum; with ``percent`` set, the floor (¥100 in "10 % with a ¥100 minimum").
        percent: percent of the balance after the month's interest (``None`` for a fixed amount).

    The amount due in a month is ``min(balance, amount)`` for a fixed minimum and
    ``min(balance, max(amount, round_half_up(balance × percent / 100)))`` for a percentage.
    """

    amount: Money = ZERO
    percent: Decimal | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", money(self.amount, field="min_payment"))
        if self.percent is not None:
            value = to_decimal(self.percent, field="min_payment")
            if not 0 < value <= HUNDRED:
                raise InvalidInput("min_payment", "out_of_range", self.percent, params={"low": "0.01%", "high": "100%"})
            object.__setattr__(self, "percent", value)

    @classmethod
    def fixed(cls, amount: Any) -> MinPayment:
        """Return a fixed minimum payment (a negotiated installment, a loan's 月供)."""
        return cls(money(amount, field="min_payment"))

    @classmethod
    def percent_of_balance(cls, percent: Any, *, floor: Any = ZERO) -> MinPayment:
        """Return a minimum of ``percent`` % of the balance, at least ``floor`` (credit cards: 10 %, ¥100)."""
        return cls(money(floor, field="min_payment"), to_decimal(percent, field="min_payment"))

    @classmethod
    def parse(cls, text: Any, *, field: str = "min_payment") -> MinPayment:
        """Return the minimum written as ``500`` (fixed), ``10%`` (percent) or ``10%:100`` (percent with floor).

        The full-width percent sign and colon (U+FF05, U+FF1A) are accepted too.

        Raises:
            InvalidInput: for anything else (named ``field``).
        """
        if isinstance(text, MinPayment):
            return text
        if not isinstance(text, str):
            return cls.fixed(text)
        raw = text.strip().replace("\uff05", "%").replace("\uff1a", ":")
        try:
            if "%" not in raw:
                return cls.fixed(raw)
            percent, sep, floor = raw.partition("%")
            if sep and floor and not floor.startswith(":"):
                raise InvalidInput(field, "not_a_number", text)
            return cls.percent_of_balance(percent, floor=floor[1:] if floor else ZERO)
        except InvalidInput as err:
            raise InvalidInput(field, err.code, text, params=err.params) from None

    def due(self, balance: Decimal) -> Money:
        """Return the minimum due on ``balance`` (the balance after this month's interest)."""
        if self.percent is None:
            return Money(min(balance, self.amount))
        due = max(self.amount, round_fen(balance * self.percent / HUNDRED))
        return Money(min(balance, due))


@dataclass(frozen=True, slots=True)
class RateChange:
    """A new annual rate from a date on (the end of an intro 0 % period, a negotiated plan's rate).

    It applies from the first month whose payment date is on or after ``effective``.
    """

    effective: date
    rate: Rate

    def __post_init__(self) -> None:
        object.__setattr__(self, "effective", parse_date(self.effective, field="rate_changes"))
        object.__setattr__(self, "rate", Rate.parse(self.rate, field="rate_changes"))


@dataclass(frozen=True, slots=True)
class PayoffDebt:
    """One debt as the payoff engine sees it.

    Attributes:
        id: a unique short identifier.
        creditor: the creditor's name (may be empty).
        balance: what is owed at the start (month 0), ≥ 0.
        rate: the annual rate from the start (a :class:`Rate`, or a percent such as ``"24"``).
        minimum: the minimum payment (a :class:`MinPayment`, or an amount for a fixed one).
        rate_changes: later rates, each from an effective date (dates must differ).
        accepts_extra: ``False`` for a negotiated fixed plan, which gets only its minimum.
        charges: the part of ``balance`` that bears no interest (accrued interest, penalties, fees already
            owed), ``0 ≤ charges ≤ balance``; payments reduce it first.
        fee_rate: a recurring fee, percent a year of the interest-bearing part, accrued monthly as
            ``round_fen(bearing × fee% / 1200)`` into the charges (``None``: no fee).
        compound: ``True`` (the issue-6 convention): interest joins the interest-bearing part and bears
            interest from the next month; ``False``: interest joins the charges (no interest on interest).
    """

    id: str
    creditor: str
    balance: Money
    rate: Rate
    minimum: MinPayment
    rate_changes: tuple[RateChange, ...] = ()
    accepts_extra: bool = True
    charges: Money = ZERO
    fee_rate: Rate | None = None
    compound: bool = True

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        ident = self.id.strip() if isinstance(self.id, str) else self.id
        if not isinstance(ident, str) or not ident:
            raise InvalidInput("id", "required", self.id)
        if len(ident) > MAX_TEXT:
            raise InvalidInput("id", "too_long", f"{ident[:20]}…", params={"high": MAX_TEXT})
        set_(self, "id", ident)
        creditor = "" if self.creditor is None else str(self.creditor).strip()
        if len(creditor) > MAX_TEXT:
            raise InvalidInput("creditor", "too_long", f"{creditor[:20]}…", params={"high": MAX_TEXT})
        set_(self, "creditor", creditor)
        set_(self, "balance", money(self.balance, field="balance"))
        set_(self, "rate", Rate.parse(self.rate, field="annual_rate"))
        minimum: object = self.minimum  # a MinPayment, or text such as "10%:100"
        if not isinstance(minimum, MinPayment):
            set_(self, "minimum", MinPayment.parse(minimum))
        changes = tuple(
            c if isinstance(c, RateChange) else RateChange(*c) for c in self.rate_changes
        )
        changes = tuple(sorted(changes, key=lambda c: c.effective))
        for before, after in itertools.pairwise(changes):
            if before.effective == after.effective:
                raise InvalidInput("rate_changes", "duplicate", after.effective.isoformat())
        set_(self, "rate_changes", changes)
        if not isinstance(self.accepts_extra, bool):
            raise InvalidInput("accepts_extra", "unknown_choice", self.accepts_extra, params={"choices": "True, False"})
        charges = money(self.charges, field="charges")
        if charges > self.balance:
            raise InvalidInput("charges", "out_of_range", charges, params={"low": "0.00", "high": self.balance})
        set_(self, "charges", charges)
        if self.fee_rate is not None:
            set_(self, "fee_rate", Rate.parse(self.fee_rate, field="fee_rate"))
        if not isinstance(self.compound, bool):
            raise InvalidInput("compound", "unknown_choice", self.compound, params={"choices": "True, False"})

    def rate_on(self, day: date) -> Rate:
        """Return the rate for the month paid on ``day``: the latest change effective on or before it."""
        current = self.rate
        for change in self.rate_changes:
            if change.effective <= day:
                current = change.rate
            else:
                break
        return current


def payoff_debts_from_case(case: Case) -> tuple[PayoffDebt, ...]:
    """Return the case's debts for the payoff engine, in the case's order, costed as the status quo is.

    Each uses the debt's total balance (principal and all charges) with its charges held apart
    (``charges=debt.charges``), its running rate (the penalty rate when overdue and set, else the contract rate),
    its recurring ``fee_rate``, ``compound=False`` and its monthly payment as a fixed minimum; all accept extra
    money. These are the mechanics of :func:`planner.engines.schedules.build.build_schedule` for the status quo (interest and
    fee on the principal part only, unpaid interest and fees join the interest-free charges, payments reduce the
    charges first), so ``planner payoff CASE`` and ``planner plan`` cost the same payments the same way: paying
    each debt exactly its monthly payment reproduces the status-quo schedule to the fen.
    """
    return tuple(
        PayoffDebt(
            id=debt.id,
            creditor=debt.creditor,
            balance=debt.balance,
            charges=debt.charges,
            rate=debt.running_rate,
            fee_rate=debt.fee_rate,
            compound=False,
            minimum=MinPayment.fixed(debt.monthly_payment),
        )
        for debt in case.debts
    )


