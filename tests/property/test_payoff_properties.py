"""Invariants of the payoff engine (planner.engines.payoff) under hypothesis, plus oracle checks.

The oracle is an independent implementation written here in integer fen with exact fractions: it shares no code
with the engine, so agreement to the fen on random debts checks the convention, not the code against itself.
Case debts (charges held apart, a fee rate, no compounding) are also checked against the status-quo schedules of
planner.engines.schedules.build, which ``planner plan`` uses: the same payments must cost the same.
"""

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction

import numpy_financial as npf
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from strategies import dates
from strategies import debts as case_debts

from planner.domain.case import Case
from planner.domain.model import Budget, Debt
from planner.domain.options import STATUS_QUO
from planner.engines.payoff import MinPayment, PayoffDebt, Policy, payoff_debts_from_case, simulate
from planner.engines.schedules import build_schedule
from planner.rates import Rate

START = date(2026, 1, 31)  # a month end: every month's date is the month's last day
CENT = Decimal("0.01")

amounts = st.integers(min_value=1, max_value=5_000_000).map(lambda fen: Decimal(fen) / 100)  # ¥0.01 – ¥50,000
rates = st.integers(min_value=0, max_value=3600).map(lambda bp: Decimal(bp) / 100)  # 0 – 36 %, two decimals


@st.composite
def minimums(draw):
    if draw(st.booleans()):
        return MinPayment.fixed(draw(st.integers(min_value=0, max_value=300_000).map(lambda f: Decimal(f) / 100)))
    percent = draw(st.integers(min_value=1, max_value=2000).map(lambda bp: Decimal(bp) / 100))
    floor = draw(st.integers(min_value=0, max_value=20_000).map(lambda f: Decimal(f) / 100))
    return MinPayment.percent_of_balance(percent, floor=floor)


@st.composite
def debt_lists(draw, *, max_size=5, any_minimum=True):
    size = draw(st.integers(min_value=1, max_value=max_size))
    debts = []
    for index in range(size):
        balance = draw(amounts)
        rate = draw(rates)
        if any_minimum:
            minimum = draw(minimums())
        else:
            # a fixed minimum that covers the first month's interest (and so every later month's)
            interest = (balance * rate / 1200).quantize(CENT, rounding="ROUND_HALF_UP")
            minimum = MinPayment.fixed(interest + draw(amounts.filter(lambda a: a <= 2000)))
        accepts = draw(st.booleans()) if any_minimum else True
        debts.append(PayoffDebt(f"d{index}", "", balance, rate, minimum, accepts_extra=accepts))
    return debts


extras_lists = st.lists(
    st.tuples(st.integers(2026, 2030), st.integers(1, 12), amounts), max_size=3
).map(lambda items: [(y, m, a) for y, m, a in items if (y, m) >= (2026, 2)])
policies = st.sampled_from(list(Policy))


@settings(max_examples=150, deadline=None)
@given(debt_lists(), amounts, policies, extras_lists, st.randoms(use_true_random=False))
def test_simulate__money_is_conserved_every_month(debts, budget, policy, extras, rng):
    """Every month the payments plus the unallocated money equal the budget plus that month's extras exactly."""
    order = [d.id for d in debts]
    rng.shuffle(order)
    result = simulate(debts, monthly_budget=budget, policy=policy, order=order, extras=extras, start=START,
                      horizon=60)
    by_month: dict[tuple[int, int], Decimal] = {}
    for year, month, amount in extras:
        by_month[(year, month)] = by_month.get((year, month), Decimal(0)) + amount
    for row in result.months:
        expected = budget + by_month.get((row.date.year, row.date.month), Decimal(0))
        assert row.available == expected
        assert sum(row.payments.values()) + row.unallocated == expected
        assert row.unallocated >= 0


@settings(max_examples=150, deadline=None)
@given(debt_lists(), amounts, policies, extras_lists)
def test_simulate__balances_never_negative_and_debts_reconcile(debts, budget, policy, extras):
    """Balances and payments are never negative, and each debt's payments equal its start balance plus interest less what is left."""
    result = simulate(debts, monthly_budget=budget, policy=policy, extras=extras, start=START, horizon=60)
    for row in result.months:
        assert all(b >= 0 for b in row.balances.values())
        assert all(p >= 0 for p in row.payments.values())
        assert all(b == b.quantize(CENT) for b in row.balances.values())
    for debt, summary in zip(debts, result.debts, strict=True):
        paid = sum(row.payments[debt.id] for row in result.months)
        interest = sum(row.interest[debt.id] for row in result.months)
        assert (paid, interest) == (summary.paid, summary.interest)
        if summary.payoff_month is not None:
            assert paid == debt.balance + interest
            assert summary.balance == 0
        else:
            assert paid == debt.balance + interest - summary.balance


def _finishing_budget(debts, data):
    minimums = sum(d.minimum.amount for d in debts)
    cushion = data.draw(st.integers(min_value=1, max_value=100).map(Decimal))
    return minimums + (sum(d.balance for d in debts) * cushion / 100).quantize(CENT) + CENT


@settings(max_examples=150, deadline=None)
@given(debt_lists(any_minimum=False), st.data())
def test_avalanche__least_interest_within_fen_rounding(debts, data):
    """With fixed minimums that cover each debt's interest, avalanche's interest is never above another policy's by more than ¥0.01 a month."""
    budget = _finishing_budget(debts, data)
    order = data.draw(st.permutations([d.id for d in debts]))
    avalanche = simulate(debts, monthly_budget=budget, policy="avalanche", start=START)
    assert avalanche.months_to_debt_free is not None
    for policy in (Policy.PRO_RATA, Policy.SNOWBALL, Policy.CUSTOM):
        other = simulate(debts, monthly_budget=budget, policy=policy, order=order, start=START)
        months = max(len(avalanche.months), len(other.months))
        assert avalanche.total_interest <= other.total_interest + CENT * months


@settings(max_examples=100, deadline=None)
@given(debt_lists(any_minimum=False), st.data(), policies)
def test_simulate__more_budget_never_lengthens_the_plan(debts, data, policy):
    """Raising the monthly budget never makes a plan longer."""
    budget = _finishing_budget(debts, data)
    more = budget + data.draw(amounts)
    order = data.draw(st.permutations([d.id for d in debts]))
    base = simulate(debts, monthly_budget=budget, policy=policy, order=order, start=START)
    richer = simulate(debts, monthly_budget=more, policy=policy, order=order, start=START)
    assert base.months_to_debt_free is not None
    assert richer.months_to_debt_free is not None
    assert richer.months_to_debt_free <= base.months_to_debt_free


# ----------------------------------------------------------------------------------------------- oracles


def _fen(value: Decimal) -> int:
    return int(value * 100)


def _half_up(fraction: Fraction) -> int:
    """Round a non-negative fraction of a fen half up to whole fen."""
    return math.floor(fraction + Fraction(1, 2))


def oracle(balances, rates_percent, minimums, budget, order, months=600, *, charges=None, fees_percent=None,
           compound=None, fee_log=None):
    """Independent priority-order payoff in integer fen: fixed minimums, no shortfall, no extras.

    Optionally each debt holds ``charges`` apart (they bear nothing and are paid first), accrues a recurring fee
    (``fees_percent``, into the charges) and compounds or not (``compound``: interest into the bearing part, or
    into the charges). ``fee_log``, a list, receives the total fees in fen.

    Returns the per-month balances (lists of fen) and the total interest in fen.
    """
    bal = [_fen(b) for b in balances]
    owed = [0] * len(bal) if charges is None else [_fen(c) for c in charges]
    fee_rates = [0] * len(bal) if fees_percent is None else fees_percent
    compounds = [True] * len(bal) if compound is None else compound
    mins = [_fen(m) for m in minimums]
    pay_total = _fen(budget)
    history = []
    interest_total = 0
    fee_total = 0

    def pay(i, amount):
        bal[i] -= amount
        owed[i] = max(0, owed[i] - amount)

    for _ in range(months):
        if not any(bal):
            break
        for i, b in enumerate(bal):
            if b:
                bearing = b - owed[i]
                accrued = _half_up(Fraction(bearing) * Fraction(str(rates_percent[i])) / 1200)
                fee = _half_up(Fraction(bearing) * Fraction(str(fee_rates[i])) / 1200)
                bal[i] = b + accrued + fee
                owed[i] += fee + (0 if compounds[i] else accrued)
                interest_total += accrued
                fee_total += fee
        left = pay_total
        for i in range(len(bal)):
            take = min(mins[i], bal[i])
            pay(i, take)
            left -= take
        assert left >= 0
        for i in order:
            take = min(left, bal[i])
            pay(i, take)
            left -= take
        history.append(list(bal))
    if fee_log is not None:
        fee_log.append(fee_total)
    return history, interest_total


@settings(max_examples=150, deadline=None)
@given(debt_lists(any_minimum=False), st.data(), st.sampled_from([Policy.AVALANCHE, Policy.SNOWBALL,
                                                                   Policy.CUSTOM]))
def test_simulate__matches_independent_oracle(debts, data, policy):
    """Every month's balances and the total interest equal an independent integer-fen implementation's."""
    budget = _finishing_budget(debts, data)
    order = data.draw(st.permutations([d.id for d in debts]))
    result = simulate(debts, monthly_budget=budget, policy=policy, order=order, start=START)
    index = {d.id: i for i, d in enumerate(debts)}
    if policy is Policy.AVALANCHE:
        ranked = sorted(debts, key=lambda d: (-d.rate.percent_per_year, d.balance, d.id))
    elif policy is Policy.SNOWBALL:
        ranked = sorted(debts, key=lambda d: (d.balance, -d.rate.percent_per_year, d.id))
    else:
        ranked = [debts[index[i]] for i in order]
    history, interest = oracle(
        [d.balance for d in debts],
        [d.rate.percent_per_year for d in debts],
        [d.minimum.amount for d in debts],
        budget,
        [index[d.id] for d in ranked],
    )
    assert len(history) == len(result.months)
    for expected, row in zip(history, result.months, strict=True):
        assert [_fen(row.balances[d.id]) for d in debts] == expected
    assert _fen(result.total_interest) == interest


@settings(max_examples=100, deadline=None)
@given(amounts.filter(lambda a: a >= 100), rates.filter(lambda r: r > 0), st.integers(min_value=2, max_value=200))
def test_single_debt__months_agree_with_numpy_financial_nper(balance, rate, target):
    """One debt paid a level amount is done in ceil(nper) months, as numpy-financial's nper computes, give or take
    the last month when the fen rounding of interest moves the balance across a whole month."""
    monthly = Fraction(str(rate)) / 1200
    payment = Decimal(math.ceil(float(npf.pmt(float(monthly), target, -float(balance))) * 100)) / 100
    assume(payment * 100 > 0)
    result = simulate([PayoffDebt("x", "", balance, rate, payment)], monthly_budget=payment, policy="avalanche",
                      start=START)
    n = float(npf.nper(float(monthly), -float(payment), float(balance)))
    assert result.months_to_debt_free is not None
    assert abs(result.months_to_debt_free - math.ceil(n)) <= 1
    assert result.months_to_debt_free <= target + 1


def test_single_debt__pinned_against_numpy_financial():
    """¥10,000 at 18 % paying ¥500 a month: nper = 23.956…, so 24 months, the last one paying ¥478.25."""
    n = float(npf.nper(0.18 / 12, -500, 10000))
    assert 23.95 < n < 23.96
    result = simulate([PayoffDebt("x", "", "10000", "18", "500")], monthly_budget="500", policy="snowball",
                      start=date(2026, 1, 15))
    assert result.months_to_debt_free == math.ceil(n) == 24
    last = result.months[-1]
    assert last.payments["x"] == Decimal("478.25")
    assert last.unallocated == Decimal(500) - last.payments["x"]
    # numpy-financial's unrounded total interest (500 × nper − 10,000 = 1,978.11…) is within ¥0.01 a month of
    # the fen-rounded ¥1,978.25.
    assert result.total_interest == Decimal("1978.25")
    assert abs(float(result.total_interest) - (500 * n - 10000)) < 0.01 * 24


# ---------------------------------------------------------------------------- charges, fees, compounding


@st.composite
def split_debt_lists(draw, *, max_size=4):
    """Debts with charges held apart, an optional fee rate and either compounding rule; fixed minimums that cover
    the first month's interest and fee on the whole balance (so balances never grow)."""
    size = draw(st.integers(min_value=1, max_value=max_size))
    made = []
    for index in range(size):
        balance = draw(amounts)
        charges = Decimal(draw(st.integers(min_value=0, max_value=int(balance * 100)))) / 100
        rate = draw(rates)
        fee = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=2400).map(lambda bp: Decimal(bp) / 100)))
        cost = (balance * rate / 1200).quantize(CENT, rounding="ROUND_HALF_UP")
        if fee is not None:
            cost += (balance * fee / 1200).quantize(CENT, rounding="ROUND_HALF_UP")
        minimum = MinPayment.fixed(cost + draw(amounts.filter(lambda a: a <= 2000)))
        made.append(PayoffDebt(f"d{index}", "", balance, rate, minimum, charges=charges, fee_rate=fee,
                               compound=draw(st.booleans())))
    return made


@settings(max_examples=150, deadline=None)
@given(split_debt_lists(), st.data(), st.sampled_from([Policy.AVALANCHE, Policy.SNOWBALL, Policy.CUSTOM]))
def test_split_debts__match_independent_oracle(debts, data, policy):
    """With charges, fees and either compounding rule, every month's balances, the interest and the fees equal the
    independent integer-fen oracle's."""
    budget = _finishing_budget(debts, data)
    order = data.draw(st.permutations([d.id for d in debts]))
    result = simulate(debts, monthly_budget=budget, policy=policy, order=order, start=START, horizon=240)
    index = {d.id: i for i, d in enumerate(debts)}
    ranked = [index[i] for i in result.order]
    if policy is Policy.CUSTOM:
        assert ranked == [index[i] for i in order]
    fee_log: list[int] = []
    history, interest = oracle(
        [d.balance for d in debts],
        [d.rate.percent_per_year for d in debts],
        [d.minimum.amount for d in debts],
        budget,
        ranked,
        months=240,
        charges=[d.charges for d in debts],
        fees_percent=[d.fee_rate.percent_per_year if d.fee_rate else 0 for d in debts],
        compound=[d.compound for d in debts],
        fee_log=fee_log,
    )
    assert len(history) == len(result.months)
    for expected, row in zip(history, result.months, strict=True):
        assert [_fen(row.balances[d.id]) for d in debts] == expected
    assert (_fen(result.total_interest), _fen(result.total_fees)) == (interest, fee_log[0])


@settings(max_examples=150, deadline=None)
@given(split_debt_lists(), amounts, policies, extras_lists)
def test_split_debts__every_month_reconciles(debts, budget, policy, extras):
    """Per debt and month: previous balance + interest + fee − payment = balance; the summaries add the rows up and
    what was paid is the start balance plus interest plus fees less what is left."""
    result = simulate(debts, monthly_budget=budget, policy=policy, extras=extras, start=START, horizon=60)
    for debt, summary in zip(debts, result.debts, strict=True):
        carried = debt.balance
        for row in result.months:
            assert row.balances[debt.id] == carried + row.interest[debt.id] + row.fees[debt.id] - row.payments[debt.id]
            assert row.balances[debt.id] >= 0
            carried = row.balances[debt.id]
        assert summary.paid == sum(row.payments[debt.id] for row in result.months)
        assert summary.fees == sum(row.fees[debt.id] for row in result.months)
        assert summary.paid == debt.balance + summary.interest + summary.fees - summary.balance
        assert carried == summary.balance
        if debt.fee_rate is None:
            assert summary.fees == 0
    assert result.total_paid == sum(sum(row.payments.values()) for row in result.months)
    assert result.total_fees == sum(s.fees for s in result.debts)


# ¥30.00 at 15.4 %: interest and fee are exactly ¥0.385 each month 1, so ¥0.39 (a pre-divided rate gives ¥0.38).
HALF_FEN = Debt(id="half", creditor="c", kind="bank-loan", contract_date=date(2024, 1, 1), original_principal="30",
                outstanding_principal="30", contract_rate="15.4", monthly_payment="10", fee_rate="15.4",
                other_fees="5")


@settings(max_examples=200, deadline=None)
@given(case_debts(), dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31)), st.integers(1, 120))
@example(HALF_FEN, date(2026, 1, 15), 3)
def test_case_debt__paying_its_monthly_payment_reproduces_the_status_quo_schedule(debt, start, horizon):
    """A case debt paid exactly its monthly payment costs, month by month to the fen, what its status-quo schedule
    (planner.engines.schedules.build, behind ``planner plan``) costs: the same payments, interest + fee and balances."""
    assume(debt.monthly_payment > 0)
    (made,) = payoff_debts_from_case(Case(Budget(), (debt,), start))
    schedule = build_schedule(debt, STATUS_QUO, start=start, cap_rate=Rate.annual_percent("24"), horizon=horizon)
    result = simulate([made], monthly_budget=debt.monthly_payment, policy="avalanche", start=start,
                      horizon=horizon)
    assert len(result.months) == len(schedule.lines)
    for line, row in zip(schedule.lines, result.months, strict=True):
        assert (row.month, row.date) == (line.period, line.due_date)
        assert row.payments[debt.id] == line.payment
        assert row.interest[debt.id] + row.fees[debt.id] == line.interest + line.fee
        assert (row.interest[debt.id], row.fees[debt.id]) == (line.interest, line.fee)
        assert row.balances[debt.id] == line.balance
    assert result.remaining == schedule.remaining
    assert result.total_interest == schedule.total_interest
    assert result.total_fees == schedule.total_fees
