"""The month-by-month payoff simulation (see the package docstring for the convention)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from planner.dates import add_months, parse_date
from planner.domain.case import MAX_DEBTS
from planner.domain.options import Policy
from planner.engines.contract import accrue, settle
from planner.engines.payoff.inputs import BASELINE, PayoffDebt
from planner.engines.payoff.results import DebtSummary, PayoffMonth, PayoffResult
from planner.errors import InvalidInput
from planner.findings import Finding, Scope, Severity
from planner.money import Money, money, round_fen, to_int

MAX_HORIZON = 1200
RUNAWAY_TOTAL = Decimal(10) ** 15  # ¥10¹⁵ owed: interest has run away; stop before Decimal precision is at risk
_ZERO = Decimal("0.00")


# ---------------------------------------------------------------------------------------------- preparation


@dataclass(frozen=True, slots=True)
class Prepared:
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


def prepare(
    debts: Iterable[PayoffDebt],
    *,
    monthly_budget: Any,
    extras: Any,
    start: Any,
    horizon: Any,
) -> Prepared:
    items = _check_debts(debts)
    budget = None if monthly_budget is None else _check_budget(monthly_budget)
    start_day = parse_date(start, field="start")
    months = to_int(horizon, field="horizon", low=1, high=MAX_HORIZON, allow_text=False)
    dates = tuple(add_months(start_day, k) for k in range(months + 1))
    extra_map = _check_extras(extras, dates)
    return Prepared(items, tuple(d.id for d in items), budget, extra_map, start_day, months, dates)


def resolve_order(prepared: Prepared, policy: Policy | None, order: Sequence[str] | None) -> tuple[int, ...]:
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


class _Run:
    """One policy simulated month by month: the state of every debt and what the months recorded.

    Each debt is its interest-bearing part ``bearing[i]`` and its interest-free ``charges[i]``; its balance is
    their sum. A month is four named steps: :meth:`accrue` (interest, fees and the minimum due, through the
    shared contract month :func:`planner.engines.contract.accrue`), :meth:`allocate` (the shortfall split, or the
    minimums and the rest in the policy's order), :meth:`pay` (:func:`planner.engines.contract.settle`: charges
    first) and :meth:`record`.
    """

    def __init__(self, prepared: Prepared, policy: Policy | None, order: tuple[int, ...]) -> None:
        debts = prepared.debts
        self.prepared = prepared
        self.policy = policy
        self.n = n = len(debts)
        self.extras = prepared.extras if policy is not None else {}
        self.extra_ok = [d.accepts_extra and policy is not None for d in debts]
        self.order_extra = [i for i in order if self.extra_ok[i]]
        self.order = order
        self.fixed_min = [d.minimum.amount if d.minimum.percent is None else None for d in debts]
        self.pct = [d.rate_on(prepared.dates[1]).percent_per_year for d in debts]
        self.changes = [bool(d.rate_changes) for d in debts]
        self.compound = [d.compound for d in debts]
        self.fee_pct = [_ZERO if d.fee_rate is None else d.fee_rate.percent_per_year for d in debts]
        self.bearing: list[Decimal] = [d.balance - d.charges for d in debts]
        self.charges: list[Decimal] = [d.charges for d in debts]
        self.interest_total = [_ZERO] * n
        self.fee_total = [_ZERO] * n
        self.payoff: list[int | None] = [0 if d.balance == 0 else None for d in debts]
        self.open = [i for i in range(n) if debts[i].balance > 0]
        self.start_total = sum((d.balance for d in debts), _ZERO)
        self.rows: list[PayoffMonth] = []
        self.shortfall_months: list[int] = []
        self.shortfall_first: tuple[Decimal, Decimal] | None = None
        self.unallocated_months: list[int] = []
        self.low_minimum: list[tuple[int, Decimal, Decimal]] = []
        self.debt_free: int | None = 0 if not self.open else None
        self.runaway = False
        self._no_fees = MappingProxyType(dict.fromkeys(prepared.ids, _ZERO))

    def balance(self, i: int) -> Decimal:
        """Return what debt ``i`` owes now."""
        return self.bearing[i] + self.charges[i]

    def accrue(self, k: int) -> tuple[list[Decimal], Decimal, list[Decimal], list[Decimal] | None]:
        """Accrue month ``k``'s interest and fees on every open debt; return the minimums due, their total, the
        interest and the fees (None when no debt has a fee) of the month."""
        debts, day = self.prepared.debts, self.prepared.dates[k]
        n, bearing, charges, pct, fee_pct = self.n, self.bearing, self.charges, self.pct, self.fee_pct
        month_int = [_ZERO] * n
        month_fee: list[Decimal] | None = None
        mins = [_ZERO] * n
        due_total = _ZERO
        changes, compound, interest_total = self.changes, self.compound, self.interest_total
        for i in self.open:
            if changes[i]:
                pct[i] = debts[i].rate_on(day).percent_per_year
            interest, fee = accrue(bearing[i], pct[i], fee_pct[i])
            if interest:
                month_int[i] = interest
                interest_total[i] += interest
                if compound[i]:
                    bearing[i] += interest
                else:
                    charges[i] += interest
            if fee:
                charges[i] += fee
                if month_fee is None:
                    month_fee = [_ZERO] * n
                month_fee[i] = fee
                self.fee_total[i] += fee
            b = bearing[i] + charges[i]
            fixed = self.fixed_min[i]
            if fixed is None:
                due = debts[i].minimum.due(b)
            elif fixed < b:  # a plain comparison: faster than min() in this loop
                due = fixed
            else:
                due = b
            mins[i] = due
            due_total += due
        if k == 1:
            charged = month_int if month_fee is None else [a + f for a, f in zip(month_int, month_fee, strict=True)]
            self.low_minimum = [(i, mins[i], charged[i]) for i in self.open
                                if mins[i] <= charged[i] and mins[i] < self.balance(i)]
        return mins, due_total, month_int, month_fee

    def available(self, k: int, due_total: Decimal) -> Decimal:
        """Return the money of month ``k``: its budget (the minimums due for the minimums-only path without a
        budget) plus its extras; never below the minimums when every minimum is paid first."""
        prepared = self.prepared
        day = prepared.dates[k]
        budget = prepared.budget if prepared.budget_by_month is None else prepared.budget_by_month.get(k, prepared.budget)
        available = (due_total if budget is None else budget) + self.extras.get((day.year, day.month), _ZERO)
        if prepared.minimums_first and available < due_total:
            available = due_total
        return available

    def allocate(self, k: int, available: Decimal, mins: list[Decimal], due_total: Decimal) -> tuple[list[Decimal], Decimal, bool]:
        """Return each debt's payment in month ``k``, the money left unallocated, and whether it was a shortfall."""
        pay = [_ZERO] * self.n
        open_ = self.open
        if available < due_total:  # shortfall: split in proportion to the minimums
            self.shortfall_months.append(k)
            if self.shortfall_first is None:
                self.shortfall_first = (available, due_total)
            shares, left = _split(available, open_, mins, mins)
            for i, share in shares.items():
                pay[i] = share
            return pay, left, True
        for i in open_:
            pay[i] = mins[i]
        left = available - due_total
        if left <= 0:
            return pay, left, False
        bearing, charges = self.bearing, self.charges
        if self.policy is Policy.PRO_RATA:
            takers = [i for i in open_ if self.extra_ok[i] and bearing[i] + charges[i] > mins[i]]
            room = [_ZERO] * self.n
            for i in takers:
                room[i] = bearing[i] + charges[i] - mins[i]
            shares, left = _split(left, takers, room, room)
            for i, share in shares.items():
                pay[i] += share
            return pay, left, False
        for i in self.order_extra:
            room_i = bearing[i] + charges[i] - pay[i]
            if room_i <= 0:
                continue
            take = min(room_i, left)
            pay[i] += take
            left -= take
            if not left:
                break
        return pay, left, False

    def pay(self, k: int, pay: list[Decimal]) -> None:
        """Take month ``k``'s payments (charges first) and close the debts paid off."""
        still_open = []
        bearing, charges = self.bearing, self.charges
        for i in self.open:
            bearing[i], charges[i] = settle(bearing[i], charges[i], pay[i])
            if bearing[i] + charges[i]:
                still_open.append(i)
            else:
                self.payoff[i] = k
        self.open = still_open

    def record(self, k: int, available: Decimal, pay: list[Decimal], month_int: list[Decimal],
               month_fee: list[Decimal] | None, left: Decimal, short: bool) -> None:
        """Add month ``k``'s row."""
        ids = self.prepared.ids
        if left and self.open:
            self.unallocated_months.append(k)
        balances = [b + c for b, c in zip(self.bearing, self.charges, strict=True)]
        self.rows.append(PayoffMonth(
            k, self.prepared.dates[k], Money(available),
            MappingProxyType(dict(zip(ids, pay, strict=True))),
            MappingProxyType(dict(zip(ids, month_int, strict=True))),
            MappingProxyType(dict(zip(ids, balances, strict=True))),
            Money(left), short,
            self._no_fees if month_fee is None else MappingProxyType(dict(zip(ids, month_fee, strict=True))),
        ))

    def finished(self, k: int) -> bool:
        """Return True when the plan ends after month ``k``: every debt repaid, or the total owed runaway."""
        if not self.open:
            self.debt_free = k
            return True
        if k % 12 == 0 and sum(self.balance(i) for i in self.open) > RUNAWAY_TOTAL:
            self.runaway = True
            return True
        return False

    def result(self) -> PayoffResult:
        """Return the plan: months, per-debt summaries, totals and findings."""
        prepared, ids, n = self.prepared, self.prepared.ids, self.n
        remaining = sum((self.balance(i) for i in range(n)), _ZERO)
        summaries = tuple(self._summary(i) for i in range(n))
        return PayoffResult(
            policy=self.policy,
            order=tuple(ids[i] for i in self.order),
            start=prepared.start,
            monthly_budget=prepared.budget,
            months=tuple(self.rows),
            debts=summaries,
            months_to_debt_free=self.debt_free,
            debt_free_date=None if self.debt_free is None else prepared.dates[self.debt_free],
            total_interest=Money(sum(self.interest_total, _ZERO)),
            total_paid=Money(sum((s.paid for s in summaries), _ZERO)),
            remaining=Money(remaining),
            shortfall=bool(self.shortfall_months),
            findings=tuple(self.findings(remaining)),
            total_fees=Money(sum(self.fee_total, _ZERO)),
            opening_balance=Money(self.start_total),
        )

    def _summary(self, i: int) -> DebtSummary:
        """Return debt ``i``'s outcome: when it was paid off, its interest and fees, what was paid to it."""
        prepared = self.prepared
        month = self.payoff[i]
        paid = prepared.debts[i].balance + self.interest_total[i] + self.fee_total[i] - self.balance(i)
        return DebtSummary(prepared.ids[i], month, None if month is None else prepared.dates[month],
                           Money(self.interest_total[i]), Money(paid), Money(self.balance(i)),
                           Money(self.fee_total[i]))

    def findings(self, remaining: Decimal) -> list[Finding]:
        """Return the plan's findings (plan-level ones about the policy, the others about each debt)."""
        label = BASELINE if self.policy is None else self.policy.value
        found: list[Finding] = []
        if self.shortfall_months:
            first = self.shortfall_months[0]
            avail, due = self.shortfall_first or (_ZERO, _ZERO)
            found.append(Finding.of("PAYOFF_SHORTFALL", Severity.WARNING, Scope.SCENARIO, label, first_month=first,
                                    months=len(self.shortfall_months), available=Money(avail), minimums=Money(due)))
        if self.debt_free is None:
            last = self.rows[-1].month if self.rows else 0
            if self.runaway or remaining >= self.start_total:
                found.append(Finding.of("PAYOFF_BALANCES_DO_NOT_FALL", Severity.WARNING, Scope.SCENARIO, label, months=last,
                                        start_total=Money(self.start_total), remaining=round_fen(remaining)))
            found.append(Finding.of("PAYOFF_HORIZON", Severity.WARNING, Scope.SCENARIO, label, months=last,
                                    remaining=round_fen(remaining)))
        ids = self.prepared.ids
        for i, due, accrued in self.low_minimum:
            if not due and not accrued:
                found.append(Finding.of("PAYOFF_NO_MINIMUM", Severity.INFO, Scope.DEBT, ids[i]))
            else:
                found.append(Finding.of("PAYOFF_MINIMUM_BELOW_INTEREST", Severity.WARNING, Scope.DEBT, ids[i],
                                        minimum=Money(due), interest=Money(accrued),
                                        fee="yes" if self.fee_pct[i] else "no"))
        if self.unallocated_months:
            first = self.unallocated_months[0]
            amount = sum((self.rows[k - 1].unallocated for k in self.unallocated_months), _ZERO)
            found.append(Finding.of("PAYOFF_UNALLOCATED", Severity.INFO, Scope.SCENARIO, label, first_month=first,
                                    months=len(self.unallocated_months), amount=Money(amount)))
        if self.debt_free is not None and self.extras:
            dates = self.prepared.dates
            end = (dates[self.debt_free].year, dates[self.debt_free].month)
            unused = sorted(key for key in self.extras if key > end)
            if unused:
                total = sum((self.extras[key] for key in unused), _ZERO)
                found.append(Finding.of("PAYOFF_EXTRAS_UNUSED", Severity.INFO, Scope.SCENARIO, label,
                                        months=tuple(date(y, m, 1) for y, m in unused), amount=Money(total)))
        return found


def run(prepared: Prepared, policy: Policy | None, order: tuple[int, ...]) -> PayoffResult:
    """Simulate one policy (``None``: minimums only) month by month; see the package docstring."""
    sim = _Run(prepared, policy, order)
    for k in range(1, prepared.horizon + 1):
        if not sim.open:
            break
        mins, due_total, month_int, month_fee = sim.accrue(k)
        available = sim.available(k, due_total)
        pay, left, short = sim.allocate(k, available, mins, due_total)
        sim.pay(k, pay)
        sim.record(k, available, pay, month_int, month_fee, left, short)
        if sim.finished(k):
            break
    return sim.result()
