"""Hypothesis strategies for the planner's values: money, rates, dates, debts and plans.

Shared by every property test (``from strategies import debts, plans``), in the way numpy-financial keeps its
strategies in one module. Every strategy builds values through the real constructors, so what it draws is
valid by construction; bounds are realistic household figures unless a parameter widens them.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from planner.domain.model import CreditorKind, Debt
from planner.domain.options import (
    MAX_DEFERRAL_MONTHS,
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
from planner.rates import Rate

FIRST_DAY = date(2015, 1, 1)
LAST_DAY = date(2035, 12, 31)


def money(min_value: str | Decimal = "0.00", max_value: str | Decimal = "1000000.00") -> st.SearchStrategy[Decimal]:
    """Return yuan amounts on the fen between the bounds (inclusive)."""
    return st.decimals(
        min_value=Decimal(min_value), max_value=Decimal(max_value), places=2, allow_nan=False, allow_infinity=False
    )


def percents(min_value: str | Decimal = "0", max_value: str | Decimal = "100", places: int = 2) -> st.SearchStrategy[Decimal]:
    """Return percentages with ``places`` decimals between the bounds."""
    return st.decimals(
        min_value=Decimal(min_value), max_value=Decimal(max_value), places=places, allow_nan=False,
        allow_infinity=False,
    )


def rates(min_percent: str | Decimal = "0", max_percent: str | Decimal = "36") -> st.SearchStrategy[Rate]:
    """Return annual rates (``Rate.annual_percent``) with up to 2 decimals, 0–36 % by default."""
    return percents(min_percent, max_percent).map(Rate.annual_percent)


def month_ends(min_value: date = FIRST_DAY, max_value: date = LAST_DAY) -> st.SearchStrategy[date]:
    """Return last days of months (28th, 29th, 30th or 31st)."""
    return st.dates(min_value=min_value, max_value=max_value).map(
        lambda d: d.replace(day=calendar.monthrange(d.year, d.month)[1])
    )


def dates(min_value: date = FIRST_DAY, max_value: date = LAST_DAY) -> st.SearchStrategy[date]:
    """Return dates, with month ends and the 29th–31st drawn often (the cases month arithmetic gets wrong)."""
    late = st.dates(min_value=min_value, max_value=max_value).map(
        lambda d: d.replace(day=min(d.day + 28 if d.day < 4 else d.day, calendar.monthrange(d.year, d.month)[1]))
    )
    return st.one_of(st.dates(min_value=min_value, max_value=max_value), month_ends(min_value, max_value), late)


@st.composite
def debts(
    draw: st.DrawFn,
    *,
    max_principal: str = "500000.00",
    kinds: st.SearchStrategy[CreditorKind] | None = None,
    overdue: bool | None = None,
) -> Debt:
    """Return a valid debt: principal, charges, contract/penalty/fee rates, a monthly payment that may be 0.

    Args:
        max_principal: the largest outstanding principal drawn.
        kinds: the creditor kinds to draw from (all by default).
        overdue: force an overdue (True) or current (False) debt; both when None.
    """
    outstanding = draw(money("0.00", max_principal))
    original = draw(money(max(outstanding, Decimal("0.01")), Decimal(max_principal) * 2))
    contract_date = draw(st.dates(min_value=date(2016, 1, 1), max_value=date(2025, 12, 31)))
    is_overdue = draw(st.booleans()) if overdue is None else overdue
    small = money("0.00", "20000.00")
    return Debt(
        id=draw(st.from_regex(r"[a-z][a-z0-9-]{0,11}", fullmatch=True)),
        creditor=draw(st.sampled_from(["招商银行信用卡中心", "某消费金融公司", "某网贷平台", "张三", "Bank"])),
        kind=draw(kinds if kinds is not None else st.sampled_from(list(CreditorKind))),
        contract_date=contract_date,
        original_principal=original,
        outstanding_principal=outstanding,
        contract_rate=draw(rates("0", "36")),
        monthly_payment=draw(st.one_of(st.just(Decimal("0.00")), money("0.00", "30000.00"))),
        accrued_interest=draw(small),
        penalty_interest=draw(small) if is_overdue else Decimal("0.00"),
        liquidated_damages=draw(small) if is_overdue else Decimal("0.00"),
        other_fees=draw(small),
        penalty_rate=draw(st.one_of(st.none(), rates("0", "54"))) if is_overdue else None,
        fee_rate=draw(st.one_of(st.none(), rates("0", "24"))),
        overdue_since=contract_date + timedelta(days=draw(st.integers(30, 1500))) if is_overdue else None,
    )


def waivers(modes: st.SearchStrategy[WaiverMode] | None = None) -> st.SearchStrategy[Waiver]:
    """Return waivers of every mode (``percent`` drawn for ``PERCENT``)."""
    mode = modes if modes is not None else st.sampled_from(list(WaiverMode))
    return st.builds(Waiver, mode=mode, percent=percents("0", "100"))


def deferrals(max_months: int = MAX_DEFERRAL_MONTHS) -> st.SearchStrategy[Deferral]:
    """Return deferrals of 0–``max_months`` months, paused or with a token payment, any interest rule."""
    return st.builds(
        Deferral,
        months=st.integers(0, max_months),
        token_amount=st.one_of(st.just(Decimal("0.00")), money("0.00", "2000.00")),
        interest=st.sampled_from(list(DeferralInterest)),
        capitalise=st.booleans(),
    )


@st.composite
def restructures(draw: st.DrawFn, *, max_months: int = 120, down_payment: bool = True) -> Restructure:
    """Return restructures of 1–``max_months`` installments with any method, rate choice and fee."""
    choice = draw(st.sampled_from(list(RateChoice)))
    return Restructure(
        months=draw(st.integers(1, max_months)),
        method=draw(st.sampled_from(list(RepaymentMethod))),
        rate=choice,
        custom_rate=draw(rates("0", "36")) if choice is RateChoice.CUSTOM else None,
        down_payment=draw(money("0.00", "50000.00")) if down_payment else Decimal("0.00"),
        monthly_fee_percent=draw(st.one_of(st.just(Decimal(0)), percents("0", "1.5"))),
    )


@st.composite
def settlements(draw: st.DrawFn, *, start: date) -> Settlement:
    """Return settlements paying 0.01–100 % within two years of ``start``."""
    return Settlement(
        percent=draw(percents("0.01", "100")),
        pay_by=start + timedelta(days=draw(st.integers(0, 730))),
    )


@st.composite
def plans(draw: st.DrawFn, *, start: date, settlement: bool = True) -> Plan:
    """Return any valid plan: status quo, waiver and/or deferral, a restructure, or a settlement."""
    shape = draw(st.sampled_from(["status-quo", "contract", "restructure", "settlement"] if settlement
                                 else ["status-quo", "contract", "restructure"]))
    if shape == "status-quo":
        return Plan()
    waiver = draw(waivers())
    if shape == "settlement":
        return Plan(waiver=waiver, settlement=draw(settlements(start=start)))
    deferral = draw(st.one_of(st.none(), deferrals()))
    if shape == "contract":
        return Plan(waiver=waiver, deferral=deferral)
    return Plan(waiver=waiver, deferral=deferral, restructure=draw(restructures()))
