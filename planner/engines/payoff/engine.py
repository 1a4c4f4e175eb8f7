"""The month-by-month payoff simulation (see the package docstring for the convention)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from planner.dates import add_months, parse_date
from planner.domain.case import MAX_DEBTS
from planner.engines.payoff.inputs import BASELINE, PayoffDebt, Policy
from planner.engines.payoff.results import DebtSummary, PayoffMonth, PayoffResult
from planner.errors import InvalidInput
from planner.findings import Finding, Severity
from planner.money import FEN, ROUNDING, Money, money, round_fen, to_int, yuan

MAX_HORIZON = 1200
RUNAWAY_TOTAL = Decimal(10) ** 15  # ¥10¹⁵ owed: interest has run away; stop before Decimal precision is at risk
_1200 = Decimal(1200)
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


def run(prepared: Prepared, policy: Policy | None, order: tuple[int, ...]) -> PayoffResult:
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


