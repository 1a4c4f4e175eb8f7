"""Repayment options a borrower can ask a creditor for, and scenarios that assign one plan to each debt.

These are plain frozen values; the engines in :mod:`planner.engines.schedules.build` turn a :class:`Plan` into a schedule and
:mod:`planner.engines.scenarios` evaluates a :class:`Scenario` against a budget. A plan combines, in this order:

1. a :class:`Waiver` (减免) applied to what is owed on the start date,
2. a :class:`Deferral` (延期) of 0–36 months with payments paused or reduced to a token amount,
3. a :class:`Restructure` (个性化分期 / 二次分期) of the remaining balance, **or** a :class:`Settlement` (一次性结清).

A plan with none of them is the status quo (the contract continues and penalties accrue). A plan with only a
waiver and/or deferral continues on contract terms afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from planner.choices import parse_choice, parse_flag
from planner.dates import parse_date
from planner.errors import InvalidInput
from planner.money import ZERO, Money, money, to_decimal, to_int
from planner.rates import Rate

MAX_DEFERRAL_MONTHS = 36
MAX_RESTRUCTURE_MONTHS = 120  # 60 is the credit-card rule (art. 70); longer terms are allowed with a finding



def _percent(value: Any, field_name: str) -> Decimal:
    number = to_decimal(value, field=field_name)
    if not 0 <= number <= 100:
        raise InvalidInput(field_name, "out_of_range", value, params={"low": 0, "high": 100})
    return number


class WaiverMode(StrEnum):
    """What a waiver removes from the amount owed."""

    NONE = "none"
    EXCESS = "excess"  # the charges above the legal cap (the cap audit's excess)
    PENALTIES_AND_FEES = "penalties-and-fees"  # all 罚息, 违约金 and other fees
    PERCENT = "percent"  # a custom percentage of all charges (interest, penalties, fees)
    PRINCIPAL_ONLY = "principal-only"  # every charge: only the outstanding principal is repaid


@dataclass(frozen=True, slots=True)
class Waiver:
    """A waiver (减免) requested from the creditor; ``percent`` is used by ``WaiverMode.PERCENT``."""

    mode: WaiverMode = WaiverMode.NONE
    percent: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", parse_choice(WaiverMode, self.mode, "waiver"))
        object.__setattr__(self, "percent", _percent(self.percent, "percent"))


class DeferralInterest(StrEnum):
    """Interest charged while payments are deferred."""

    NONE = "none"  # 停息
    CONTRACT = "contract"
    CAPPED = "capped"  # the legal cap rate (never above the contract rate)


@dataclass(frozen=True, slots=True)
class Deferral:
    """A deferral (延期还款).

    Attributes:
        months: 0–36 months during which payments are paused (``token_amount`` 0) or reduced.
        token_amount: the monthly payment during the deferral (象征性还款), 0 to pause.
        interest: the rate charged during the deferral.
        capitalise: add deferral interest to the balance (it then bears interest); otherwise it is kept apart,
            interest-free, and spread over the following installments. A bool, or the text "true" / "false".

    Raises:
        InvalidInput: months outside 0–36 (``out_of_range``) or not whole, a bad token amount, an ``interest``
            that is not a :class:`DeferralInterest` value or ``capitalise`` that is not a boolean
            (``unknown_choice``).
    """

    months: int = 0
    token_amount: Money = ZERO
    interest: DeferralInterest = DeferralInterest.NONE
    capitalise: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "months", to_int(self.months, field="months", low=0, high=MAX_DEFERRAL_MONTHS))
        object.__setattr__(self, "token_amount", money(self.token_amount, field="token_amount"))
        object.__setattr__(self, "interest", parse_choice(DeferralInterest, self.interest, "interest"))
        object.__setattr__(self, "capitalise", parse_flag(self.capitalise, "capitalise"))


class RepaymentMethod(StrEnum):
    """How installments are shaped."""

    EQUAL_INSTALLMENT = "equal-installment"  # 等额本息
    EQUAL_PRINCIPAL = "equal-principal"  # 等额本金


class RateChoice(StrEnum):
    """The interest rate of a restructured plan."""

    ZERO = "zero"  # 停息分期
    CUSTOM = "custom"
    CONTRACT = "contract"
    CAPPED = "capped"  # the legal cap rate, never above the contract rate


@dataclass(frozen=True, slots=True)
class Restructure:
    """Restructured installments (个性化分期 / 二次分期).

    Attributes:
        months: 1–120 installments (over 60 gets a finding: the card rule allows 5 years).
        method: equal installment (等额本息) or equal principal (等额本金).
        rate: which rate applies; ``custom_rate`` is used with ``RateChoice.CUSTOM``.
        custom_rate: the agreed rate for ``RateChoice.CUSTOM``.
        down_payment: paid on the plan's start date, before the installments.
        monthly_fee_percent: 分期手续费, percent a month of the amount restructured (e.g. ``0.5``).

    Raises:
        InvalidInput: months outside 1–120 or not whole, a ``method`` or ``rate`` that is not one of the enum's
            values (``unknown_choice``), a bad or missing custom rate, a bad down payment, a fee outside 0–10 %.
    """

    months: int
    method: RepaymentMethod = RepaymentMethod.EQUAL_INSTALLMENT
    rate: RateChoice = RateChoice.ZERO
    custom_rate: Rate | None = None
    down_payment: Money = ZERO
    monthly_fee_percent: Decimal = field(default=Decimal(0), metadata={"rate_unit": "monthly_percent"})

    def __post_init__(self) -> None:
        object.__setattr__(self, "months", to_int(self.months, field="months", low=1, high=MAX_RESTRUCTURE_MONTHS))
        object.__setattr__(self, "method", parse_choice(RepaymentMethod, self.method, "method"))
        object.__setattr__(self, "rate", parse_choice(RateChoice, self.rate, "rate"))
        given: object = self.custom_rate  # a Rate, or a percent a year given as text or Decimal
        if given is not None and not isinstance(given, Rate):
            object.__setattr__(self, "custom_rate", Rate.annual_percent(given, field="custom_rate"))
        if self.rate is RateChoice.CUSTOM and self.custom_rate is None:
            raise InvalidInput("custom_rate", "required", None)
        object.__setattr__(self, "down_payment", money(self.down_payment, field="down_payment"))
        fee = to_decimal(self.monthly_fee_percent, field="monthly_fee_percent")
        if not 0 <= fee <= 10:
            raise InvalidInput("monthly_fee_percent", "out_of_range", fee, params={"low": 0, "high": 10})
        object.__setattr__(self, "monthly_fee_percent", fee)


@dataclass(frozen=True, slots=True)
class Settlement:
    """A lump-sum settlement (一次性结清): pay ``percent`` % of the balance after any waiver, by ``pay_by``."""

    percent: Decimal
    pay_by: date

    def __post_init__(self) -> None:
        object.__setattr__(self, "percent", _percent(self.percent, "percent"))
        if self.percent <= 0:
            raise InvalidInput("percent", "not_positive", self.percent)
        object.__setattr__(self, "pay_by", parse_date(self.pay_by, field="pay_by"))


@dataclass(frozen=True, slots=True)
class Plan:
    """The options asked of one creditor, applied in order: waiver, deferral, then restructure or settlement."""

    waiver: Waiver = field(default_factory=Waiver)
    deferral: Deferral | None = None
    restructure: Restructure | None = None
    settlement: Settlement | None = None
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.settlement is not None and (self.restructure is not None or self.deferral is not None):
            other = "restructure" if self.restructure is not None else "deferral"
            raise InvalidInput("settlement", "conflict", None, params={"other": other})

    def __hash__(self) -> int:
        # Computed once: the planner keys its caches by plans (and debts), looked up on every re-plan.
        if not self._hash:
            object.__setattr__(self, "_hash", hash((self.waiver, self.deferral, self.restructure, self.settlement)))
        return self._hash

    @property
    def is_contract_terms(self) -> bool:
        """Return True when the debt stays on contract terms (at most a waiver): it can take extra payments."""
        return self.deferral is None and self.restructure is None and self.settlement is None

    @property
    def is_status_quo(self) -> bool:
        """Return True when the plan asks for nothing (the contract continues, penalties accrue)."""
        return (
            self.waiver.mode is WaiverMode.NONE
            and self.deferral is None
            and self.restructure is None
            and self.settlement is None
        )


STATUS_QUO = Plan()


class Policy(StrEnum):
    """Where money left after the fixed payments goes (the payoff policies of :mod:`planner.engines.payoff`)."""

    PRO_RATA = "pro-rata"  # in proportion to the balances (what debt-advice plans offer creditors)
    AVALANCHE = "avalanche"  # highest annual rate first (least interest)
    SNOWBALL = "snowball"  # smallest starting balance first (fewest creditors soonest)
    CUSTOM = "custom"  # the order the user gives

    @classmethod
    def coerce(cls, value: Any) -> Policy:
        """Return the policy named by ``value`` ("Avalanche", "pro_rata" …).

        Raises:
            InvalidInput: for any other value (field ``policy``).
        """
        return parse_choice(cls, value, "policy")


SURPLUS_POLICIES = tuple(p.value for p in Policy)
_PLAN_PAIRS = "(debt id, Plan) pairs, each plan a planner.domain.options.Plan"


def _plan_pairs(value: Any) -> tuple[tuple[str, Plan], ...]:
    """Return a scenario's plans as ``(debt_id, plan)`` pairs: a dict or an iterable of pairs, plans of type Plan."""
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        raise InvalidInput("plans", "unknown_choice", value, params={"choices": _PLAN_PAIRS})
    else:
        items = value
    pairs = []
    for item in items:
        if not (isinstance(item, tuple | list) and len(item) == 2):
            raise InvalidInput("plans", "unknown_choice", item, params={"choices": _PLAN_PAIRS})
        debt_id, plan = item
        if not isinstance(debt_id, str) or not isinstance(plan, Plan):
            raise InvalidInput("plans", "unknown_choice", item, params={"choices": _PLAN_PAIRS})
        pairs.append((debt_id, plan))
    return tuple(pairs)


@dataclass(frozen=True, slots=True)
class Scenario:
    """A named assignment of one plan to each debt; debts not named keep the status quo.

    Attributes:
        name: shown in tables and charts (方案名称).
        plans: ``(debt_id, plan)`` pairs.
        start: the first day of the plan; the first monthly payment falls one month later.
        note: free text for the counsellor.
        surplus_policy: where disposable income left after the fixed installments of negotiated plans goes
            (``"pro-rata"``, ``"avalanche"``, ``"snowball"``, ``"custom"``); ``None``: nowhere, every debt on
            contract terms just pays its contractual payment. Only debts still on contract terms (no deferral,
            restructure or settlement) accept extra payments.
        surplus_order: the debt ids in order, for ``"custom"``.
        origin: ``""`` for a scenario the user made; for one the planner made, what it is (``"status-quo"``,
            ``"pro-rata"``, ``"shortest-term"``): :func:`planner.text.scenario_label` names it in each locale.

    Raises:
        InvalidInput: an empty name; ``plans`` that are not ``(debt_id, Plan)`` pairs (``unknown_choice``) or name
            a debt twice (``duplicate``); a bad start date; a settlement paid before the start (``date_order``,
            the value names the debt); an unknown surplus policy.
    """

    name: str
    plans: tuple[tuple[str, Plan], ...]
    start: date
    note: str = ""
    surplus_policy: Policy | None = None
    surplus_order: tuple[str, ...] = ()
    origin: str = field(default="", metadata={"file": False})

    def __post_init__(self) -> None:
        name = (self.name or "").strip() if isinstance(self.name, str) else ""
        if not name:
            raise InvalidInput("name", "required", self.name)
        object.__setattr__(self, "name", name)
        plans = _plan_pairs(self.plans)
        ids = [debt_id for debt_id, _ in plans]
        for debt_id in ids:
            if ids.count(debt_id) > 1:
                raise InvalidInput("plans", "duplicate", debt_id)
        object.__setattr__(self, "plans", plans)
        object.__setattr__(self, "start", parse_date(self.start, field="start"))
        for debt_id, plan in plans:
            if plan.settlement is not None and plan.settlement.pay_by < self.start:
                raise InvalidInput("pay_by", "date_order", f"{debt_id}: {plan.settlement.pay_by.isoformat()}",
                                   params={"other": "start"})
        if self.surplus_policy is not None:
            object.__setattr__(self, "surplus_policy", parse_choice(Policy, self.surplus_policy, "policy"))
        object.__setattr__(self, "surplus_order", tuple(str(i) for i in self.surplus_order))

    def plan_for(self, debt_id: str) -> Plan:
        """Return the plan for ``debt_id`` (the status quo when the scenario names none)."""
        for key, plan in self.plans:
            if key == debt_id:
                return plan
        return STATUS_QUO
