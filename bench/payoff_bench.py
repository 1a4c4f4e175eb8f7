"""Payoff-policy benchmark (issue 6), called by ``bench/run.py``: ``compare_policies`` on synthetic debts.

The debts are realistic: rates from 0 % to 36 %, fixed minimums that cover the interest plus a little principal,
every fifth one a card-style 2.5 % minimum with a ¥50 floor. The budget is the smallest one (not below the sum of
the minimums) with which avalanche is debt-free within the target number of months, found once before timing,
so every policy runs about that many months (pro-rata and snowball a little longer). A second line times the same
debts as a case file gives them (``payoff_debts_from_case``): charges held apart, no compounding, some fee rates.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from planner.engines.payoff import MinPayment, PayoffDebt, Policy, compare_policies, simulate

START = date(2026, 1, 15)
TARGET_MS = 20.0
RATES = ["0", "7.2", "12", "15.4", "18.25", "24", "36"]


def make_debts(count: int) -> list[PayoffDebt]:
    """Return ``count`` debts of ¥5,000 upwards at rates from 0 % to 36 %."""
    debts = []
    for i in range(count):
        balance = Decimal(5000 + 1373 * i)
        rate = RATES[i % len(RATES)]
        if i % 5 == 0:
            minimum = MinPayment.percent_of_balance("2.5", floor="50")
        else:
            minimum = MinPayment.fixed((balance * Decimal(rate) / 1200 + balance / 3000).quantize(Decimal("0.01")))
        debts.append(PayoffDebt(f"d{i:03d}", f"债权人{i}", balance, rate, minimum))
    return debts


def make_case_style_debts(count: int) -> list[PayoffDebt]:
    """Return :func:`make_debts` as a case gives them: 15 % of each balance in charges, no compounding, and a
    recurring fee of 6 % a year on every third debt."""
    return [
        dataclasses.replace(debt, charges=(debt.balance * Decimal("0.15")).quantize(Decimal("0.01")),
                            fee_rate="6" if i % 3 == 0 else None, compound=False)
        for i, debt in enumerate(make_debts(count))
    ]


def budget_for(debts: list[PayoffDebt], months: int) -> int:
    """Return the smallest whole-yuan budget ≥ the minimums with which avalanche ends within ``months``."""
    low = int(sum(d.minimum.due(d.balance) for d in debts)) + 1
    high = int(sum(d.balance for d in debts)) * 2
    while low < high:
        middle = (low + high) // 2
        result = simulate(debts, monthly_budget=middle, policy=Policy.AVALANCHE, start=START)
        if result.months_to_debt_free is not None and result.months_to_debt_free <= months:
            high = middle
        else:
            low = middle + 1
    return low


def bench(engine_ms: float, median_ms: Callable[..., float], report: Callable[..., None]) -> float:
    """Print the payoff figures: the 20 × 4 × 120 median, its ratio to the scenario engine, and growth."""
    sys.stdout.write("\n== Payoff policies (issue 6) ==\n")
    debts = make_debts(20)
    budget = budget_for(debts, 120)
    lengths = [r.months_to_debt_free for r in compare_policies(debts, monthly_budget=budget, start=START)]
    ms = median_ms(lambda: compare_policies(debts, monthly_budget=budget, start=START))
    report(f"20 debts × 4 policies, months {'/'.join(map(str, lengths))}, median", ms, TARGET_MS)
    sys.stdout.write(f"{'ratio payoff / scenario engine (issue 2)':<58} {ms / engine_ms:9.2f} ×\n")
    split = make_case_style_debts(20)
    split_budget = budget_for(split, 120)
    split_lengths = [r.months_to_debt_free for r in compare_policies(split, monthly_budget=split_budget, start=START)]
    split_ms = median_ms(lambda: compare_policies(split, monthly_budget=split_budget, start=START))
    report(f"  as case debts (charges, fees), months {'/'.join(map(str, split_lengths))}", split_ms,
           TARGET_MS)
    sys.stdout.write("growth (debts × avalanche months → ms, µs per debt-month per policy):\n")
    for count, months in ((5, 120), (20, 120), (80, 120), (20, 30), (20, 60)):
        sized = make_debts(count)
        sized_budget = budget_for(sized, months)
        runs = compare_policies(sized, monthly_budget=sized_budget, start=START)
        debt_months = sum(len(r.months) for r in runs) * count
        t = median_ms(lambda sized=sized, b=sized_budget: compare_policies(sized, monthly_budget=b, start=START),
                      repeat=9)
        sys.stdout.write(f"  {count:>3} × {months:>3}: {t:8.2f} ms   {1000 * t / debt_months:7.2f} µs\n")
    return ms
