"""Payoff policies: where each month's money goes — pro-rata, avalanche, snowball or a custom order.

The engine simulates a household paying a fixed monthly budget (plus one-off extra payments) into several debts,
month by month, to the fen. Month ``k`` (``k = 1, 2, …``) is paid on ``add_months(start, k)``. The convention
(issue 6, stated the same way in the README) is exactly this:

1. Each month, every open debt first accrues interest: ``round_half_up(balance × annual_rate / 12 / 100)`` to
   the fen, added to the balance (monthly compounding on the balance carried in).
2. Every open debt is then paid its minimum payment, or its whole balance if that is smaller.
3. What is left of the month's budget (plus any one-off extra payment dated that month) goes to the debts in the
   policy's order, each taking at most its balance, so a debt that is paid off passes the rest on **in the same
   month** (rollover). Avalanche: highest annual rate first (ties: smaller starting balance, then id). Snowball:
   smallest starting balance first (ties: higher rate, then id). The order is fixed at the start. Custom: the
   order given. Pro-rata: split in proportion to the balances after step 2, each share rounded down to the fen
   and the residue to the largest balance; a share larger than its balance is passed on by splitting again.
4. If the budget is smaller than the sum of the minimums (shortfall), the budget is split pro-rata over the
   minimums; the result says so and gives no debt-free date if balances do not fall. A horizon of 600 months ends
   any plan that never finishes, with a finding.

Details this module fixes:

* **Interest** is computed as ``balance × percent / 1200`` (the same number as ``/ 12 / 100``) and rounded once
  with :func:`planner.money.round_fen`. It is *not* computed from a pre-divided monthly fraction: ``15.4 / 1200``
  does not terminate, and ¥30.00 at 15.4 % must give exactly ¥0.385 → ¥0.39, not ¥0.3849… → ¥0.38.
* **Charges, fees and compounding** (keyword fields of :class:`PayoffDebt`, all off by default, so the rules
  above hold unchanged): a debt's balance is split into an interest-bearing part and ``charges`` (accrued
  interest, penalties and fees already owed), which bear no interest. Each month interest is accrued on the
  interest-bearing part only, ``round_fen(bearing × percent / 1200)``, and a recurring fee (``fee_rate``,
  percent a year of the interest-bearing part) as ``round_fen(bearing × fee_percent / 1200)``. With
  ``compound=True`` (the default, rule 1) the interest joins the interest-bearing part; with ``compound=False``
  it joins the charges (no interest on interest, as Chinese rules require for overdue interest and fees). The
  fee always joins the charges and is reported apart from interest (``fees``). Every payment reduces the charges
  first, then the interest-bearing part. This is exactly the status quo of :mod:`planner.engines.schedules.build` (its
  "contract continues" months) when ``compound=False``, so :func:`payoff_debts_from_case` builds debts that way.
  Totals paid include fees; ``interest`` never does. Avalanche and snowball rank by the *cost* rate: the annual
  rate in force in month 1 plus the fee rate (just the annual rate without a fee).
* **Rate changes** (:class:`RateChange`) apply from the first month whose payment date is on or after the
  change's effective date: that month's interest already uses the new rate.
* **The order is fixed at the start**: avalanche ranks by the rate in force in month 1 and snowball by the
  starting balance; later rate changes (an intro 0 % period ending) do not reorder the debts. Re-ranking every
  month would be a different policy.
* **Custom order**: ``order`` names debt ids, each at most once; an unknown id is an error. Debts it does not
  name follow, in input order. (``order`` is checked whatever the policy, but only the custom policy uses it.)
* **Minimum payments** (:class:`MinPayment`) are a fixed amount, or a percentage of the balance after that
  month's interest rounded half up to the fen with a floor (10 % with a ¥100 floor); never more than the balance.
* **Debts that do not accept extra payments** (``accepts_extra=False``: a negotiated fixed plan) get only their
  minimum in step 3 and in the pro-rata split; money nobody can take is *unallocated* (with a finding).
* **Shortfall**: shares are rounded down to the fen and the residue goes to the largest minimum (ties: the first
  in input order); a share above its minimum is passed on as in the pro-rata policy.
* **Unallocated** money in a month = budget + extras − payments: what is left once every debt that can take
  money has taken all it can (the month the last debt is paid off, or when only fixed plans remain).
* **End**: the plan ends in the month the last debt is paid off (``months_to_debt_free``). Extras dated after
  that are not used (a finding says so); extras dated before month 1 are an error. A plan that is not debt-free
  after ``horizon`` months — or whose total owed passes ¥10¹⁵ (runaway interest) — stops with a finding and has
  no debt-free date; its totals cover the months simulated.
* **Minimums-only baseline** (:func:`minimums_only`): every debt gets only its minimum, no extras; with a budget,
  a shortfall is split as in rule 4 and the rest is unallocated.
* **Findings** (codes): ``PAYOFF_SHORTFALL``, ``PAYOFF_HORIZON``, ``PAYOFF_BALANCES_DO_NOT_FALL`` (not debt-free
  and the total owed at the end is not below the start, or runaway), ``PAYOFF_UNALLOCATED`` (money left while
  debts remain), ``PAYOFF_EXTRAS_UNUSED``, and per debt ``PAYOFF_MINIMUM_BELOW_INTEREST`` /
  ``PAYOFF_NO_MINIMUM`` (month 1's minimum does not exceed its interest and fee, or is zero).

Pure and fast: ``Decimal`` only, no clock, no pandas; the app reruns it on every widget change. Bad arguments
raise :class:`planner.errors.InvalidInput` naming the field; observations are returned as
:class:`planner.findings.Finding` records.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from planner.dates import add_months, parse_date
from planner.domain.case import MAX_DEBTS
from planner.domain.model import MAX_TEXT
from planner.errors import InvalidInput
from planner.findings import Finding, Severity
from planner.money import FEN, HUNDRED, ROUNDING, ZERO, Money, money, round_fen, to_decimal, to_int, yuan
from planner.rates import Rate

if TYPE_CHECKING:
    from planner.domain.case import Case

DEFAULT_HORIZON = 600
MAX_HORIZON = 1200
RUNAWAY_TOTAL = Decimal(10) ** 15  # ¥10¹⁵ owed: interest has run away; stop before Decimal precision is at risk
BASELINE = "minimums-only"  # the label of the minimums-only path where a policy name is expected
_1200 = Decimal(1200)
_ZERO = Decimal("0.00")


class Policy(StrEnum):
    """Where the money left after the minimum payments goes."""

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
        if isinstance(value, Policy):
            return value
        text = value.strip().lower().replace("_", "-") if isinstance(value, str) else value
        try:
            return cls(text)
        except ValueError:
            choices = ", ".join(p.value for p in cls)
            raise InvalidInput("policy", "unknown_choice", value, params={"choices": choices}) from None

    @property
    def label_zh(self) -> str:
        """Return the Chinese name of the policy."""
        return POLICY_LABELS_ZH[self.value]

    @property
    def label_en(self) -> str:
        """Return the English name of the policy."""
        return POLICY_LABELS_EN[self.value]


POLICY_LABELS_ZH = {
    Policy.PRO_RATA.value: "按余额比例",
    Policy.AVALANCHE.value: "雪崩法（高利率优先）",
    Policy.SNOWBALL.value: "雪球法（小余额优先）",
    Policy.CUSTOM.value: "自定义顺序",
    BASELINE: "仅还最低还款",
}
POLICY_LABELS_EN = {
    Policy.PRO_RATA.value: "pro-rata",
    Policy.AVALANCHE.value: "avalanche (highest rate first)",
    Policy.SNOWBALL.value: "snowball (smallest balance first)",
    Policy.CUSTOM.value: "custom order",
    BASELINE: "minimums only",
}


def policy_label(policy: Policy | None, locale: str = "zh") -> str:
    """Return the display name of ``policy``; ``None`` is the minimums-only baseline."""
    key = BASELINE if policy is None else policy.value
    return (POLICY_LABELS_EN if locale == "en" else POLICY_LABELS_ZH)[key]


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

    def describe(self, locale: str = "zh") -> str:
        """Return "¥500.00", "10% (at least ¥100.00)" or "余额的 10%（最低 ¥100.00）"."""
        if self.percent is None:
            return f"¥{self.amount:,}"
        pct = f"{self.percent.normalize():f}%"
        if locale == "en":
            return f"{pct} of the balance" + (f" (at least ¥{self.amount:,})" if self.amount else "")
        return f"余额的 {pct}" + (f"（最低 ¥{self.amount:,}）" if self.amount else "")


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
        if not isinstance(self.minimum, MinPayment):
            set_(self, "minimum", MinPayment.parse(self.minimum))
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


# -------------------------------------------------------------------------------------------------- results


class PayoffMonth(NamedTuple):
    """One month of a plan (amounts in yuan, keyed by debt id, every debt present).

    ``available`` is the budget plus that month's extras (for the minimums-only path without a budget: the sum
    of the minimums due); ``available == sum(payments) + unallocated`` exactly. ``fees`` is each debt's recurring
    fee that month (0 without a ``fee_rate``); per debt, previous balance + interest + fee − payment = balance.
    """

    month: int
    date: date
    available: Money
    payments: dict[str, Money]
    interest: dict[str, Money]
    balances: dict[str, Money]
    unallocated: Money
    shortfall: bool
    fees: dict[str, Money]


@dataclass(frozen=True, slots=True)
class DebtSummary:
    """One debt's outcome under a plan.

    Attributes:
        id: the debt's id.
        payoff_month: the month it is paid off (0 when it started at 0), ``None`` if never within the plan.
        payoff_date: that month's payment date.
        interest: the interest it accrued over the plan (fees not included).
        paid: what was paid to it over the plan (start balance + interest + fees − balance).
        balance: what it still owes at the end (0 when paid off).
        fees: the recurring fees it accrued over the plan (0 without a ``fee_rate``).
    """

    id: str
    payoff_month: int | None
    payoff_date: date | None
    interest: Money
    paid: Money
    balance: Money
    fees: Money = ZERO


@dataclass(frozen=True, slots=True)
class PayoffResult:
    """The outcome of one payoff policy on a set of debts.

    Attributes:
        policy: the policy, or ``None`` for the minimums-only baseline.
        order: the debt ids in the order extra money goes to them (input order for pro-rata and the baseline).
        start: the plan's start date (month 0).
        monthly_budget: the budget, or ``None`` for the minimums-only path without one.
        months: one row per month simulated.
        debts: one summary per debt, in input order.
        months_to_debt_free: the month the last debt is paid off; ``None`` if not within the plan.
        debt_free_date: that month's payment date.
        total_interest: interest accrued over the months simulated (fees not included).
        total_paid: payments over the months simulated (they pay interest, fees and balances).
        remaining: what is still owed at the end (0 when debt-free).
        shortfall: True when the budget was below the sum of the minimums in any month.
        findings: observations (shortfall, horizon reached, money left unallocated, extras not used).
        total_fees: recurring fees accrued over the months simulated (0 when no debt has a ``fee_rate``).
    """

    policy: Policy | None
    order: tuple[str, ...]
    start: date
    monthly_budget: Money | None
    months: tuple[PayoffMonth, ...]
    debts: tuple[DebtSummary, ...]
    months_to_debt_free: int | None
    debt_free_date: date | None
    total_interest: Money
    total_paid: Money
    remaining: Money
    shortfall: bool
    findings: tuple[Finding, ...]
    total_fees: Money = ZERO

    @property
    def cost(self) -> Money:
        """Return the cost of credit over the plan: total interest plus total fees."""
        return Money(self.total_interest + self.total_fees)

    @property
    def label(self) -> str:
        """Return the policy's value, or ``"minimums-only"`` for the baseline."""
        return BASELINE if self.policy is None else self.policy.value

    def debt(self, debt_id: str) -> DebtSummary:
        """Return the summary of ``debt_id``."""
        for summary in self.debts:
            if summary.id == debt_id:
                return summary
        raise InvalidInput("id", "unknown_reference", debt_id, params={"choices": ", ".join(d.id for d in self.debts)})


# ---------------------------------------------------------------------------------------------- preparation


@dataclass(frozen=True, slots=True)
class _Prepared:
    debts: tuple[PayoffDebt, ...]
    ids: tuple[str, ...]
    budget: Money | None
    extras: dict[tuple[int, int], Money]
    start: date
    horizon: int
    dates: tuple[date, ...]  # dates[k] = add_months(start, k), k = 0..horizon
    budget_by_month: dict[int, Money] | None = None  # month k → that month's budget, where it differs
    minimums_first: bool = False  # every minimum is paid in full even above the budget (scenario surplus)


def _check_debts(debts: Iterable[PayoffDebt]) -> tuple[PayoffDebt, ...]:
    items = tuple(debts)
    if not items:
        raise InvalidInput("debts", "empty")
    if len(items) > MAX_DEBTS:
        raise InvalidInput("debts", "too_long", len(items), params={"high": MAX_DEBTS})
    seen: set[str] = set()
    for index, debt in enumerate(items):
        if not isinstance(debt, PayoffDebt):
            raise InvalidInput("debts", "unknown_choice", type(debt).__name__, params={"choices": "PayoffDebt"})
        if debt.id in seen:
            raise InvalidInput("id", "duplicate", debt.id, where=f"debts[{index}]")
        seen.add(debt.id)
    return items


def _check_budget(value: Any) -> Money:
    budget = money(value, field="monthly")
    if budget <= 0:
        raise InvalidInput("monthly", "not_positive", value)
    return budget


def _month_key(year: Any, month: Any) -> tuple[int, int]:
    if (
        isinstance(year, bool)
        or isinstance(month, bool)
        or not isinstance(year, int)
        or not isinstance(month, int)
        or not 1900 <= year <= 9999
        or not 1 <= month <= 12
    ):
        raise InvalidInput("extras", "bad_month", f"{year}-{month}")
    return year, month


def _check_extras(
    extras: Iterable[tuple[int, int, Any]] | Mapping[tuple[int, int], Any], dates: tuple[date, ...]
) -> dict[tuple[int, int], Money]:
    items: Iterable[tuple[Any, Any, Any]]
    if isinstance(extras, Mapping):
        items = []
        for key, value in extras.items():
            if not isinstance(key, tuple) or len(key) != 2:
                raise InvalidInput("extras", "bad_month", key)
            items.append((key[0], key[1], value))
    else:
        items = extras
    first = (dates[1].year, dates[1].month)
    last = (dates[-1].year, dates[-1].month)
    result: dict[tuple[int, int], Money] = {}
    for item in items:
        if not isinstance(item, tuple | list) or len(item) != 3:
            raise InvalidInput("extras", "bad_month", item)
        key = _month_key(item[0], item[1])
        amount = money(item[2], field="extras")
        if key < first:
            raise InvalidInput(
                "extras",
                "out_of_range",
                f"{key[0]:04d}-{key[1]:02d}",
                params={"low": f"{first[0]:04d}-{first[1]:02d}", "high": f"{last[0]:04d}-{last[1]:02d}"},
            )
        result[key] = Money(result.get(key, _ZERO) + amount)
    return result


def _prepare(
    debts: Iterable[PayoffDebt],
    *,
    monthly_budget: Any,
    extras: Any,
    start: Any,
    horizon: Any,
) -> _Prepared:
    items = _check_debts(debts)
    budget = None if monthly_budget is None else _check_budget(monthly_budget)
    start_day = parse_date(start, field="start")
    months = to_int(horizon, field="horizon", low=1, high=MAX_HORIZON, allow_text=False)
    dates = tuple(add_months(start_day, k) for k in range(months + 1))
    extra_map = _check_extras(extras, dates)
    return _Prepared(items, tuple(d.id for d in items), budget, extra_map, start_day, months, dates)


def _resolve_order(prepared: _Prepared, policy: Policy | None, order: Sequence[str] | None) -> tuple[int, ...]:
    """Return the debt indexes in the order extra money goes to them."""
    debts = prepared.debts
    index_of = {d.id: i for i, d in enumerate(debts)}
    named: list[int] = []
    if order is not None:
        if isinstance(order, str):
            order = [part for part in order.split(",") if part.strip()]
        seen: set[str] = set()
        for debt_id in order:
            key = debt_id.strip() if isinstance(debt_id, str) else debt_id
            if key not in index_of:
                raise InvalidInput("order", "unknown_reference", debt_id, params={"choices": ", ".join(prepared.ids)})
            if key in seen:
                raise InvalidInput("order", "duplicate", debt_id)
            seen.add(key)
            named.append(index_of[key])
    if policy is Policy.CUSTOM:
        rest = [i for i in range(len(debts)) if i not in set(named)]
        return (*named, *rest)
    first_day = prepared.dates[1]
    if policy is Policy.AVALANCHE:
        rates = [_cost_percent(d, first_day) for d in debts]
        return tuple(sorted(range(len(debts)), key=lambda i: (-rates[i], debts[i].balance, debts[i].id)))
    if policy is Policy.SNOWBALL:
        rates = [_cost_percent(d, first_day) for d in debts]
        return tuple(sorted(range(len(debts)), key=lambda i: (debts[i].balance, -rates[i], debts[i].id)))
    return tuple(range(len(debts)))


def _cost_percent(debt: PayoffDebt, day: date) -> Decimal:
    """Return the rate that ranks ``debt``: the annual rate in force on ``day`` plus its fee rate."""
    rate = debt.rate_on(day).percent_per_year
    return rate if debt.fee_rate is None else rate + debt.fee_rate.percent_per_year


# ----------------------------------------------------------------------------------------------- the engine


def _split(pool: Decimal, active: list[int], weights: list[Decimal], caps: list[Decimal]) -> tuple[dict[int, Decimal], Decimal]:
    """Split ``pool`` over ``active`` in proportion to ``weights``, each share at most its cap.

    Shares are rounded down to the fen (exactly: integer division on fen counts) and the residue goes to the
    largest weight (ties: the lowest index). A share above its cap is cut to the cap and the excess split again
    among the others. Returns the shares and what nobody could take.
    """
    shares: dict[int, Decimal] = dict.fromkeys(active, _ZERO)
    active = [i for i in active if caps[i] > 0]
    while pool > 0 and active:
        room = sum(caps[i] - shares[i] for i in active)
        if pool >= room:
            for i in active:
                shares[i] = caps[i]
            return shares, pool - room
        total = sum(weights[i] for i in active)
        scaled = pool.scaleb(2)
        new = {i: (scaled * weights[i] // total).scaleb(-2) for i in active}
        largest = max(active, key=lambda i: (weights[i], -i))
        new[largest] += pool - sum(new.values())
        pool = _ZERO
        kept = []
        for i in active:
            value = shares[i] + new[i]
            if value > caps[i]:
                pool += value - caps[i]
                shares[i] = caps[i]
            else:
                shares[i] = value
                if value < caps[i]:
                    kept.append(i)
        active = kept
    return shares, pool


def _run(prepared: _Prepared, policy: Policy | None, order: tuple[int, ...]) -> PayoffResult:
    """Simulate one policy (``None``: minimums only) month by month; see the module docstring."""
    debts = prepared.debts
    ids = prepared.ids
    n = len(debts)
    dates = prepared.dates
    budget = prepared.budget
    by_month = prepared.budget_by_month
    extras = prepared.extras if policy is not None else {}
    minimums_only = policy is None
    pro_rata = policy is Policy.PRO_RATA
    extra_ok = [d.accepts_extra and not minimums_only for d in debts]
    fixed_min = [d.minimum.amount if d.minimum.percent is None else None for d in debts]
    min_rules = [d.minimum for d in debts]
    changes = [d.rate_changes for d in debts]
    pct = [d.rate_on(dates[1]).percent_per_year for d in debts]
    fee_pct = [_ZERO if d.fee_rate is None else d.fee_rate.percent_per_year for d in debts]
    compound = [d.compound for d in debts]
    order_extra = [i for i in order if extra_ok[i]]

    balance: list[Decimal] = [d.balance for d in debts]
    charges: list[Decimal] = [d.charges for d in debts]  # the part of the balance that bears no interest
    interest_total = [_ZERO] * n
    fee_total = [_ZERO] * n
    no_fees = dict.fromkeys(ids, _ZERO)
    quantize = Decimal.quantize  # quantize(x, FEN, ROUNDING) is round_fen(x) without a call in the hot loop
    payoff: list[int | None] = [0 if b == 0 else None for b in balance]
    open_ = [i for i in range(n) if balance[i] > 0]
    start_total = sum(balance, _ZERO)
    rows: list[PayoffMonth] = []
    shortfall_months: list[int] = []
    shortfall_first: tuple[Decimal, Decimal] | None = None
    unallocated_months: list[int] = []
    debt_free: int | None = 0 if not open_ else None
    low_minimum: list[tuple[int, Decimal, Decimal]] = []
    runaway = False

    for k in range(1, prepared.horizon + 1):
        if not open_:
            break
        day = dates[k]
        month_pay = [_ZERO] * n
        month_int = [_ZERO] * n
        month_fee: list[Decimal] | None = None
        mins: list[Decimal] = [_ZERO] * n
        due_total = _ZERO
        for i in open_:
            if changes[i]:
                pct[i] = debts[i].rate_on(day).percent_per_year
            b = balance[i]
            c = charges[i]
            bearing = b - c if c else b  # interest and fees accrue on the interest-bearing part only
            if pct[i]:
                accrued = quantize(bearing * pct[i] / _1200, FEN, ROUNDING)  # multiply first, never a pre-divided rate
                if accrued:
                    b += accrued
                    month_int[i] = accrued
                    interest_total[i] += accrued
                    if not compound[i]:
                        charges[i] = c = c + accrued
            if fee_pct[i]:
                fee = quantize(bearing * fee_pct[i] / _1200, FEN, ROUNDING)
                if fee:
                    b += fee
                    charges[i] = c + fee
                    if month_fee is None:
                        month_fee = [_ZERO] * n
                    month_fee[i] = fee
                    fee_total[i] += fee
            balance[i] = b
            fixed = fixed_min[i]
            if fixed is None:
                due = min_rules[i].due(b)
            elif fixed < b:  # a plain comparison: faster than min() in this loop
                due = fixed
            else:
                due = b
            mins[i] = due
            due_total += due
        if k == 1:
            charged = month_int if month_fee is None else [a + f for a, f in zip(month_int, month_fee, strict=True)]
            low_minimum = [(i, mins[i], charged[i]) for i in open_ if mins[i] <= charged[i] and mins[i] < balance[i]]
        month_budget = budget if by_month is None else by_month.get(k, budget)
        available = (due_total if month_budget is None else month_budget) + extras.get((day.year, day.month), _ZERO)
        if prepared.minimums_first and available < due_total:
            available = due_total
        short = available < due_total
        if short:
            shortfall_months.append(k)
            if shortfall_first is None:
                shortfall_first = (available, due_total)
            shares, left = _split(available, open_, mins, mins)
            for i, share in shares.items():
                month_pay[i] = share
        else:
            for i in open_:
                month_pay[i] = mins[i]
            left = available - due_total
            if left > 0:
                if pro_rata:
                    takers = [i for i in open_ if extra_ok[i] and balance[i] > mins[i]]
                    room = [_ZERO] * n
                    for i in takers:
                        room[i] = balance[i] - mins[i]
                    shares, left = _split(left, takers, room, room)
                    for i, share in shares.items():
                        month_pay[i] += share
                else:
                    for i in order_extra:
                        room_i = balance[i] - month_pay[i]
                        if room_i <= 0:
                            continue
                        take = min(room_i, left)
                        month_pay[i] += take
                        left -= take
                        if not left:
                            break
        still_open = []
        for i in open_:
            paid = month_pay[i]
            b = balance[i] - paid
            balance[i] = b
            c = charges[i]
            if c:  # payments reduce the charges first, then the interest-bearing part
                charges[i] = c - paid if paid < c else _ZERO
            if b:
                still_open.append(i)
            else:
                payoff[i] = k
        open_ = still_open
        if left and open_:
            unallocated_months.append(k)
        rows.append(
            PayoffMonth(
                k,
                day,
                Money(available),
                dict(zip(ids, month_pay, strict=True)),
                dict(zip(ids, month_int, strict=True)),
                dict(zip(ids, balance, strict=True)),
                Money(left),
                short,
                no_fees.copy() if month_fee is None else dict(zip(ids, month_fee, strict=True)),
            )
        )
        if not open_:
            debt_free = k
            break
        if k % 12 == 0 and sum(balance[i] for i in open_) > RUNAWAY_TOTAL:
            runaway = True
            break

    label = BASELINE if policy is None else policy.value
    findings: list[Finding] = []
    remaining = sum(balance, _ZERO)
    if shortfall_months:
        first = shortfall_months[0]
        avail, due = shortfall_first or (_ZERO, _ZERO)
        findings.append(
            Finding.of(
                "PAYOFF_SHORTFALL",
                Severity.WARNING,
                label,
                f"第 {first} 个月起可用资金 ¥{avail:,} 低于各笔债务最低还款合计 ¥{due:,}（共 {len(shortfall_months)} "
                "个月）：资金按最低还款的比例分配，部分债务的最低还款无法足额偿还，可能逾期。",
                f"In {len(shortfall_months)} month{'' if len(shortfall_months) == 1 else 's'} from month {first} on, "
                f"the money available is below the total of the minimum payments (month {first}: ¥{avail:,} "
                f"against ¥{due:,}): it is split in proportion to the minimums, so some minimums are not met in full "
                "and those debts may fall overdue.",
                first_month=first,
                months=len(shortfall_months),
                available=yuan(avail),
                minimums=yuan(due),
            )
        )
    if debt_free is None:
        last = rows[-1].month if rows else 0
        if runaway or remaining >= start_total:
            findings.append(
                Finding.of(
                    "PAYOFF_BALANCES_DO_NOT_FALL",
                    Severity.ERROR,
                    label,
                    f"按此还款安排，债务总额在测算的 {last} 个月内不降反升或停滞（由 ¥{start_total:,} 到 "
                    f"¥{round_fen(remaining):,}），照此还不清：需要提高每月预算，或与债权人协商停息、降低利率或最低还款。",
                    f"With these payments the total owed does not fall within the {last} months computed "
                    f"(¥{start_total:,} at the start, ¥{round_fen(remaining):,} after month {last}), so it is not "
                    "repaid this way: raise the monthly budget or negotiate a rate freeze, a lower rate or lower minimums.",
                    start_total=yuan(start_total),
                    remaining=yuan(remaining),
                    month=last,
                )
            )
        findings.append(
            Finding.of(
                "PAYOFF_HORIZON",
                Severity.WARNING,
                label,
                f"在 {last} 个月内未能还清全部债务，第 {last} 个月末仍欠 ¥{round_fen(remaining):,}；"
                "测算到此为止，总利息和总还款只计算到这个月。",
                f"Not debt-free within {last} months; ¥{round_fen(remaining):,} is still owed after month {last}. "
                "The plan stops there and its totals cover those months only.",
                months=last,
                remaining=yuan(remaining),
            )
        )
    for i, due, accrued in low_minimum:
        if not due and not accrued:
            findings.append(
                Finding.of(
                    "PAYOFF_NO_MINIMUM",
                    Severity.INFO,
                    ids[i],
                    f"{ids[i]} 没有最低还款：只有策略分配的额外资金才会减少这笔债务。",
                    f"{ids[i]} has no minimum payment: only extra money placed by the policy reduces it.",
                )
            )
            continue
        findings.append(
            Finding.of(
                "PAYOFF_MINIMUM_BELOW_INTEREST",
                Severity.WARNING,
                ids[i],
                f"{ids[i]} 第 1 个月的最低还款 ¥{due:,} 不高于当月利息{'和费用' if fee_pct[i] else ''} ¥{accrued:,}："
                "只还最低还款，余额不会下降。",
                f"{ids[i]}: the minimum payment in month 1 (¥{due:,}) does not exceed that month's interest"
                f"{' and fee' if fee_pct[i] else ''} (¥{accrued:,}); paying only the minimum, the balance does not "
                "fall.",
                minimum=yuan(due),
                interest=yuan(accrued),
            )
        )
    if unallocated_months:
        first = unallocated_months[0]
        amount = sum((rows[k - 1].unallocated for k in unallocated_months), _ZERO)
        findings.append(
            Finding.of(
                "PAYOFF_UNALLOCATED",
                Severity.INFO,
                label,
                f"第 {first} 个月起有资金无法分配（剩余债务只收取固定还款，不接受额外还款），共 {len(unallocated_months)} "
                f"个月、合计 ¥{amount:,}。",
                f"From month {first} some money cannot be placed (the debts left take only their fixed payments): "
                f"{len(unallocated_months)} months, ¥{amount:,} in all.",
                first_month=first,
                months=len(unallocated_months),
                amount=yuan(amount),
            )
        )
    if debt_free is not None and extras:
        end = (dates[debt_free].year, dates[debt_free].month)
        unused = sorted(key for key in extras if key > end)
        if unused:
            listed = ", ".join(f"{y:04d}-{m:02d}" for y, m in unused)
            total = sum((extras[key] for key in unused), _ZERO)
            findings.append(
                Finding.of(
                    "PAYOFF_EXTRAS_UNUSED",
                    Severity.INFO,
                    label,
                    f"{listed} 的一次性还款（合计 ¥{total:,}）在全部还清之后，无需使用。",
                    f"The one-off payments dated {listed} (¥{total:,} in all) fall after the debts are repaid and are "
                    "not needed.",
                    months=listed,
                    amount=yuan(total),
                )
            )

    summaries = tuple(
        DebtSummary(
            ids[i],
            payoff[i],
            None if payoff[i] is None else dates[payoff[i]],  # type: ignore[index]
            Money(interest_total[i]),
            Money(debts[i].balance + interest_total[i] + fee_total[i] - balance[i]),  # what was paid to it
            Money(balance[i]),
            Money(fee_total[i]),
        )
        for i in range(n)
    )
    return PayoffResult(
        policy=policy,
        order=tuple(ids[i] for i in order),
        start=prepared.start,
        monthly_budget=budget,
        months=tuple(rows),
        debts=summaries,
        months_to_debt_free=debt_free,
        debt_free_date=None if debt_free is None else dates[debt_free],
        total_interest=Money(sum(interest_total, _ZERO)),
        total_paid=Money(sum(s.paid for s in summaries)),
        remaining=Money(remaining),
        shortfall=bool(shortfall_months),
        findings=tuple(findings),
        total_fees=Money(sum(fee_total, _ZERO)),
    )


# ----------------------------------------------------------------------------------------------- public API

Extras = Iterable[tuple[int, int, Any]] | Mapping[tuple[int, int], Any]


def simulate(
    debts: Iterable[PayoffDebt],
    *,
    monthly_budget: Any,
    policy: Policy | str,
    order: Sequence[str] | None = None,
    extras: Extras = (),
    start: date,
    horizon: int = DEFAULT_HORIZON,
) -> PayoffResult:
    """Simulate paying ``debts`` with ``monthly_budget`` a month under ``policy`` (convention: module docstring).

    Args:
        debts: the debts, in input order (the order of summaries, rows and ties).
        monthly_budget: the amount paid every month, > 0.
        policy: a :class:`Policy` or its name.
        order: debt ids for the custom policy (unlisted debts follow in input order); checked for any policy.
        extras: one-off extra payments as ``(year, month, amount)`` triples or a mapping ``{(year, month):
            amount}``, paid in the month whose payment date falls in that calendar month.
        start: month 0; month ``k`` is paid on ``add_months(start, k)``.
        horizon: the most months simulated (1–1200).

    Returns:
        The plan, with its months, per-debt summaries, totals and findings.

    Raises:
        InvalidInput: no debts, repeated ids, a budget ≤ 0, an unknown policy, an unknown or repeated id in
            ``order``, an extra that is malformed or dated before month 1, a bad horizon.
    """
    chosen = Policy.coerce(policy)
    prepared = _prepare(debts, monthly_budget=monthly_budget, extras=extras, start=start, horizon=horizon)
    return _run(prepared, chosen, _resolve_order(prepared, chosen, order))


def simulate_surplus(
    debts: Iterable[PayoffDebt],
    *,
    budgets: Sequence[Decimal],
    after: Decimal,
    policy: Policy | str,
    order: Sequence[str] | None = None,
    start: date,
    horizon: int = DEFAULT_HORIZON,
) -> PayoffResult:
    """Simulate ``debts`` with a budget that changes month by month: the surplus left by fixed plans.

    Scenarios use it: negotiated plans take their fixed installments first, every debt on contract terms is paid
    its minimum in full (even when the budget cannot cover it: the household's cash flow then shows the month as
    unaffordable, rather than the debts silently going underpaid), and what is left of disposable income each month
    goes to the debts that accept extra payments, under ``policy`` (same convention as :func:`simulate`).
    ``budgets[k - 1]`` is month ``k``'s budget (negative values count as 0: nothing is left); from month
    ``len(budgets) + 1`` on the budget is ``after``.

    Raises:
        InvalidInput: as :func:`simulate`; ``after`` must be > 0.
    """
    chosen = Policy.coerce(policy)
    prepared = _prepare(debts, monthly_budget=after, extras=(), start=start, horizon=horizon)
    by_month = {k: Money(max(_ZERO, round_fen(b))) for k, b in enumerate(budgets, start=1)}
    prepared = dataclasses.replace(prepared, budget_by_month=by_month, minimums_first=True)
    return _run(prepared, chosen, _resolve_order(prepared, chosen, order))


def minimums_only(
    debts: Iterable[PayoffDebt],
    *,
    monthly_budget: Any = None,
    start: date,
    horizon: int = DEFAULT_HORIZON,
) -> PayoffResult:
    """Return the baseline path: every debt gets only its minimum (or its balance), no extras.

    Without ``monthly_budget`` the money available each month is exactly the minimums due; with it, a budget below
    the minimums is split as in rule 4 and anything above them is left unallocated.
    """
    prepared = _prepare(debts, monthly_budget=monthly_budget, extras=(), start=start, horizon=horizon)
    return _run(prepared, None, tuple(range(len(prepared.debts))))


def compare_policies(
    debts: Iterable[PayoffDebt],
    *,
    monthly_budget: Any,
    order: Sequence[str] | None = None,
    extras: Extras = (),
    start: date,
    horizon: int = DEFAULT_HORIZON,
) -> tuple[PayoffResult, ...]:
    """Return the plans of all four policies, in :class:`Policy` order, on the same debts, budget and extras.

    The custom policy uses ``order`` (input order when ``None``).
    """
    prepared = _prepare(debts, monthly_budget=monthly_budget, extras=extras, start=start, horizon=horizon)
    return tuple(_run(prepared, policy, _resolve_order(prepared, policy, order)) for policy in Policy)


def interest_saved(result: PayoffResult, baseline: PayoffResult | None) -> Money | None:
    """Return what ``result`` saves against ``baseline`` (the minimums-only path): its interest plus fees less ours.

    ``None`` without a baseline, when ``result`` is the baseline itself, or when either plan is not debt-free
    (unfinished totals do not compare). Fees count with interest: paying a debt down sooner saves both (without
    a ``fee_rate`` this is the difference in total interest). The one rule behind the comparison table and the CLI.
    """
    if baseline is None or result is baseline:
        return None
    if baseline.months_to_debt_free is None or result.months_to_debt_free is None:
        return None
    return Money(baseline.cost - result.cost)


def comparison_rows(results: Iterable[PayoffResult], baseline: PayoffResult | None = None) -> list[dict[str, Any]]:
    """Return one plain row per plan, for a comparison table (the tables module makes it a DataFrame).

    Keys: ``policy`` (value, or ``"minimums-only"``), ``months_to_debt_free``, ``debt_free_date``,
    ``total_interest``, ``total_paid``, ``interest_saved`` (:func:`interest_saved`: the baseline's interest and
    fees minus this plan's; ``None`` without a baseline or when either plan is not debt-free), ``shortfall``,
    ``total_fees`` when any plan has fees, then ``payoff_month:<id>`` for each debt in input order.
    """
    results = list(results)
    with_fees = any(r.total_fees for r in results)
    rows = []
    for result in results:
        row: dict[str, Any] = {
            "policy": result.label,
            "months_to_debt_free": result.months_to_debt_free,
            "debt_free_date": result.debt_free_date,
            "total_interest": result.total_interest,
            "total_paid": result.total_paid,
            "interest_saved": interest_saved(result, baseline),
            "shortfall": result.shortfall,
        }
        if with_fees:
            row["total_fees"] = result.total_fees
        for summary in result.debts:
            row[f"payoff_month:{summary.id}"] = summary.payoff_month
        rows.append(row)
    return rows


def to_json(result: PayoffResult, *, include_policy: bool = False) -> dict[str, Any]:
    """Return the CLI's JSON object for ``result`` (amounts as two-place strings, dates ISO, ``null`` if none).

    Keys: ``months_to_debt_free``, ``debt_free_date``, ``total_interest``, ``total_paid``, ``debts`` (``id``,
    ``payoff_month``, ``interest``, ``paid`` in input order) and ``months`` (``month``, ``date``, ``payments``,
    ``balances``, ``unallocated``); ``policy`` first when ``include_policy`` (the ``--compare`` form). Only when
    the plan has recurring fees (a debt with a ``fee_rate``; never for a debts table) are fees added, so that the
    figures still reconcile: ``total_fees`` after ``total_paid``, ``fees`` in each debt and in each month.
    """
    with_fees = bool(result.total_fees)
    data: dict[str, Any] = {"policy": result.label} if include_policy else {}
    data.update(
        {
            "months_to_debt_free": result.months_to_debt_free,
            "debt_free_date": None if result.debt_free_date is None else result.debt_free_date.isoformat(),
            "total_interest": yuan(result.total_interest),
            "total_paid": yuan(result.total_paid),
        }
    )
    if with_fees:
        data["total_fees"] = yuan(result.total_fees)
    debts = []
    for d in result.debts:
        item = {"id": d.id, "payoff_month": d.payoff_month, "interest": yuan(d.interest), "paid": yuan(d.paid)}
        if with_fees:
            item["fees"] = yuan(d.fees)
        debts.append(item)
    months = []
    for row in result.months:
        month = {
            "month": row.month,
            "date": row.date.isoformat(),
            "payments": {k: yuan(v) for k, v in row.payments.items()},
            "balances": {k: yuan(v) for k, v in row.balances.items()},
            "unallocated": yuan(row.unallocated),
        }
        if with_fees:
            month["fees"] = {k: yuan(v) for k, v in row.fees.items()}
        months.append(month)
    data["debts"] = debts
    data["months"] = months
    return data


__all__ = [
    "BASELINE",
    "DEFAULT_HORIZON",
    "DebtSummary",
    "MinPayment",
    "PayoffDebt",
    "PayoffMonth",
    "PayoffResult",
    "Policy",
    "RateChange",
    "compare_policies",
    "comparison_rows",
    "interest_saved",
    "minimums_only",
    "payoff_debts_from_case",
    "policy_label",
    "simulate",
    "to_json",
]
