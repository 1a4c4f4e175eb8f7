"""Tests for planner.engines.schedules.build: amortisation, waiver, deferral, restructure, settlement, status quo and APR.

Where each expected figure comes from is stated next to it: reference §6 (../shared/reference/README.md, public
bank-calculator figures), numpy-financial 1.0 as a test-only oracle (signs flipped: it pays out negative), or a
hand computation written out in the test.
"""

from datetime import date
from decimal import Decimal

import numpy_financial as npf
import pytest
from conftest import CARD, LOAN, build_debt

from planner.domain.case import Case
from planner.domain.model import Budget, Debt, IncomeItem
from planner.domain.options import (
    STATUS_QUO,
    Deferral,
    DeferralInterest,
    Plan,
    RateChoice,
    RepaymentMethod,
    Restructure,
    Scenario,
    Settlement,
    Waiver,
    WaiverMode,
)
from planner.engines.contract import accrue, settle
from planner.engines.payoff import PayoffDebt, simulate
from planner.engines.plan import plan_case
from planner.engines.scenarios import plan_months, window_months
from planner.engines.schedules import (
    Installment,
    Schedule,
    amortize,
    apr_percent,
    build_schedule,
    split_waiver,
    waiver_amount,
)
from planner.errors import InvalidInput
from planner.findings import Scope, Severity
from planner.money import is_on_fen
from planner.rates import Rate
from planner.text import render

D = Decimal
EI = RepaymentMethod.EQUAL_INSTALLMENT
EP = RepaymentMethod.EQUAL_PRINCIPAL
START = date(2026, 1, 15)
CAP = Rate.annual_percent("24")


def _rate(percent: str) -> Rate:
    return Rate.annual_percent(percent)


def _debt(**changes) -> Debt:
    """The shared bank loan (conftest.LOAN): ¥12,000 at 12 % a year, ¥500 a month, no charges, unless changed."""
    return build_debt(LOAN, **changes)


def _card(**changes) -> Debt:
    """The shared overdue card (conftest.CARD): ¥40,000 principal and ¥4,500 charges, unless changed."""
    return build_debt(CARD, **changes)


def _columns(lines, name):
    return [getattr(line, name) for line in lines]


def _check_lines(lines):
    """Every line is on the fen, adds up, and the balance never goes negative."""
    for line in lines:
        assert line.payment == line.principal + line.interest + line.fee
        assert line.balance >= 0
        for value in line[2:]:
            assert is_on_fen(value)


# ------------------------------------------------------------------------------------------------- amortize


def test_amortize__reference_equal_installment_monthly_payment():
    """¥1,000,000 at 4.9 % over 360 months pays 5,307.27 a month (reference §6; numpy-financial pmt)."""
    lines = amortize(D("1000000"), rate=_rate("4.9"), months=360, method=EI, start=START)
    oracle = D(str(round(npf.pmt(0.049 / 12, 360, -1_000_000), 2)))  # 5307.27
    assert oracle == D("5307.27")
    assert len(lines) == 360
    assert {line.payment for line in lines[:-1]} == {D("5307.27")}
    assert lines[0].interest == D("4083.33")  # 1,000,000 × 4.9 % / 12 = 4083.333…
    assert lines[0].principal == D("1223.94")
    assert sum(_columns(lines, "principal")) == D("1000000.00")
    assert lines[-1].balance == 0
    _check_lines(lines)


def test_amortize__reference_equal_installment_total_interest():
    """Total interest is 910,615.12: the calculators' 910,616.19 less the rounded-up payment's compounded surplus.

    Calculators print payment × 360 − principal with the unrounded payment (5307.2672…), reference §6. Paying the
    rounded 5,307.27 overpays 0.0028 a month; compounded (numpy-financial fv over 359 months) that is about
    ¥2.27, which the last installment gives back (5,305.19 instead of 5,307.27), so the fen-exact total interest
    ends about ¥1.07 below the calculators' figure, not "a few fen" as reference §6 suggests.
    """
    lines = amortize(D("1000000"), rate=_rate("4.9"), months=360, method=EI, start=START)
    total_interest = sum(_columns(lines, "interest"))
    assert total_interest == D("910615.12")
    assert abs(total_interest - D("910616.19")) < D("1.10")
    exact = npf.pmt(0.049 / 12, 360, -1_000_000)
    surplus = npf.fv(0.049 / 12, 359, -(5307.27 - exact), 0)  # ≈ 2.27
    assert lines[-1].payment == D("5305.19")
    assert abs(float(lines[-1].payment) - (5307.27 - surplus)) < 0.30  # the rest is interest rounding


def test_amortize__reference_equal_principal():
    """Equal principal starts 2,777.78 + 4,083.33 = 6,861.11 and falls 11.34 a month (reference §6)."""
    lines = amortize(D("1000000"), rate=_rate("4.9"), months=360, method=EP, start=START)
    first, second = lines[0], lines[1]
    assert (first.principal, first.interest, first.payment) == (D("2777.78"), D("4083.33"), D("6861.11"))
    assert first.payment - second.payment == D("11.34")
    assert sum(_columns(lines, "principal")) == D("1000000.00")
    assert lines[-1].principal == D("2776.98")  # 1,000,000 − 359 × 2,777.78
    # Exact total interest P·r·(n+1)/2 = 737,041.67 (reference §6); rounding the principal up by 0.0022 a month
    # repays a little early, so the fen-exact total is 0.59 lower.
    assert sum(_columns(lines, "interest")) == D("737041.08")
    _check_lines(lines)


def test_amortize__matches_numpy_financial_ipmt_ppmt():
    """¥100,000 at 15.4 % over 12 months follows numpy-financial's pmt, ipmt and ppmt to the fen, line by line."""
    lines = amortize(D("100000"), rate=_rate("15.4"), months=12, method=EI, start=START)
    r = 0.154 / 12
    assert lines[0].payment == D(str(round(npf.pmt(r, 12, -100_000), 2)))  # 9044.72
    for k, line in enumerate(lines, start=1):
        assert abs(float(line.interest) + npf.ipmt(r, k, 12, 100_000)) < 0.015
        assert abs(float(line.principal) + npf.ppmt(r, k, 12, 100_000)) < 0.05
    assert sum(_columns(lines, "principal")) == D("100000.00")


def test_amortize__hand_computed_three_months():
    """¥1,000 at 12 % (1 % a month) over 3 months: 340.02, 340.02, then 340.03 absorbing the residue.

    By hand: payment = 10 / (1 − 1.01^−3) = 340.0221 → 340.02; interest 10.00, then 669.98 × 1 % = 6.6998 → 6.70,
    then 336.66 × 1 % = 3.3666 → 3.37; the last principal is the remaining 336.66.
    """
    lines = amortize(D("1000"), rate=_rate("12"), months=3, method=EI, start=START)
    assert [(x.payment, x.principal, x.interest, x.balance) for x in lines] == [
        (D("340.02"), D("330.02"), D("10.00"), D("669.98")),
        (D("340.02"), D("333.32"), D("6.70"), D("336.66")),
        (D("340.03"), D("336.66"), D("3.37"), D("0.00")),
    ]


def test_amortize__zero_rate_splits_evenly():
    """At 0 % both methods pay round_fen(P / n) and the last installment takes the residue."""
    for method in (EI, EP):
        lines = amortize(D("1000"), rate=_rate("0"), months=3, method=method, start=START)
        assert _columns(lines, "payment") == [D("333.33"), D("333.33"), D("333.34")]
        assert _columns(lines, "interest") == [D("0.00")] * 3


def test_amortize__one_month():
    """One installment repays everything with one month's interest (1,000 × 1 % = 10)."""
    for method in (EI, EP):
        (line,) = amortize(D("1000"), rate=_rate("12"), months=1, method=method, start=START)
        assert (line.period, line.payment, line.principal, line.interest, line.balance) == (
            1, D("1010.00"), D("1000.00"), D("10.00"), D("0.00"))


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2026, 1, 31), [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)]),
        (date(2024, 2, 29), [date(2024, 3, 31), date(2024, 4, 30), date(2024, 5, 31), date(2024, 6, 30)]),
        (date(2026, 4, 30), [date(2026, 5, 31), date(2026, 6, 30), date(2026, 7, 31), date(2026, 8, 31)]),
        (date(2026, 1, 30), [date(2026, 2, 28), date(2026, 3, 30), date(2026, 4, 30), date(2026, 5, 30)]),
    ],
)
def test_amortize__month_end_start_stays_on_month_end(start, expected):
    """A month-end start pays on every month end; the 30th of January returns to the 30th after February."""
    lines = amortize(D("4000"), rate=_rate("6"), months=4, method=EI, start=start)
    assert _columns(lines, "due_date") == expected


def test_amortize__leap_day_start_reaches_28_february():
    """A loan started on 29 February 2024 falls due on 28 February 2025 after 12 months (month end kept)."""
    lines = amortize(D("1200"), rate=_rate("0"), months=12, method=EI, start=date(2024, 2, 29))
    assert lines[-1].due_date == date(2025, 2, 28)


def test_amortize__fee_and_first_period():
    """A monthly fee is added to each installment and periods start at ``first_period``."""
    lines = amortize(D("1200"), rate=_rate("0"), months=3, method=EI, start=START, monthly_fee=D("7.20"),
                     first_period=4)
    assert _columns(lines, "period") == [4, 5, 6]
    assert lines[0].due_date == date(2026, 5, 15)
    assert _columns(lines, "payment") == [D("407.20")] * 3
    assert _columns(lines, "fee") == [D("7.20")] * 3


def test_amortize__tiny_principal_never_overpays():
    """Five fen over six months: the rounded payment stops at the balance and the principal still sums to 0.05."""
    lines = amortize(D("0.05"), rate=_rate("0"), months=6, method=EP, start=START)
    assert sum(_columns(lines, "principal")) == D("0.05")
    assert len(lines) == 6
    _check_lines(lines)


def test_amortize__zero_principal_has_no_installments():
    """Nothing to repay gives no installments."""
    assert amortize(D("0"), rate=_rate("5"), months=12, method=EI, start=START) == ()


@pytest.mark.parametrize(
    ("kwargs", "field", "code"),
    [
        ({"principal": D("-1")}, "principal", "negative"),
        ({"principal": 1000.0}, "principal", "float_refused"),
        ({"principal": D("1.001")}, "principal", "too_many_decimals"),
        ({"months": 0}, "months", "out_of_range"),
        ({"months": "12"}, "months", "not_integer"),
        ({"start": "2026-13-01"}, "start", "bad_date"),
    ],
)
def test_amortize__bad_input(kwargs, field, code):
    """Bad arguments raise InvalidInput naming the field and the rule."""
    args = {"principal": D("1000"), "rate": _rate("5"), "months": 12, "method": EI, "start": START}
    args.update(kwargs)
    principal = args.pop("principal")
    with pytest.raises(InvalidInput) as err:
        amortize(principal, **args)
    assert (err.value.field, err.value.code) == (field, code)


# ------------------------------------------------------------------------------------------------- waiver


@pytest.mark.parametrize(
    ("waiver", "excess", "expected"),
    [
        (Waiver(WaiverMode.NONE), D("0"), D("0")),
        (Waiver(WaiverMode.EXCESS), D("1000"), D("1000")),
        (Waiver(WaiverMode.EXCESS), D("9000"), D("4500")),  # clamped to the charges
        (Waiver(WaiverMode.PENALTIES_AND_FEES), D("0"), D("2500")),  # 1500 + 800 + 200
        (Waiver(WaiverMode.PERCENT, D("33.33")), D("0"), D("1499.85")),  # 4500 × 33.33 %
        (Waiver(WaiverMode.PRINCIPAL_ONLY), D("0"), D("4500")),
    ],
)
def test_waiver_amount__each_mode(waiver, excess, expected):
    """Each waiver mode removes what its docstring says, never more than the ¥4,500 of charges."""
    assert waiver_amount(_card(), waiver, excess=excess) == expected


def test_waiver_amount__negative_excess_refused():
    """A negative excess from the caller is bad input."""
    with pytest.raises(InvalidInput) as err:
        waiver_amount(_card(), Waiver(WaiverMode.EXCESS), excess=D("-1"))
    assert err.value.field == "excess"


def test_split_waiver__order_fees_damages_penalty_interest():
    """A waiver reduces other fees, then liquidated damages, then penalty interest, then accrued interest."""
    assert split_waiver(_card(), D("1100")) == (
        ("other_fees", D("200")), ("liquidated_damages", D("800")), ("penalty_interest", D("100")))
    assert split_waiver(_card(), D("4500"))[-1] == ("accrued_interest", D("2000"))


def test_build_schedule__waiver_clamped_finding():
    """An excess larger than the charges is clamped, reported, and the principal is kept whole."""
    schedule = build_schedule(_card(), Plan(waiver=Waiver(WaiverMode.EXCESS)), start=START, cap_rate=CAP,
                              excess=D("9000"))
    assert schedule.waived == D("4500")
    assert schedule.opening_balance == D("40000")
    (finding,) = [f for f in schedule.findings if f.code == "WAIVER_CLAMPED"]
    assert finding.subject == "card"
    assert finding.values == {"requested": D("9000.00"), "charges": D("4500.00")}
    assert "按 ¥4,500.00 计算" in render(finding, "zh")
    assert "CN¥4,500.00 is used" in render(finding, "en")


# ------------------------------------------------------------------------------------------------- status quo


def test_build_schedule__status_quo_hand_computed():
    """¥1,200 at 1 % a month paying ¥500: 500 (12.00 interest), 500 (7.12), then the rest 221.31 (2.19).

    By hand: 1200 → 1200 + 12 − 500 = 712; 712 + 7.12 − 500 = 219.12; 219.12 × 1 % = 2.1912 → 2.19, due 221.31.
    """
    schedule = build_schedule(_debt(outstanding_principal="1200"), STATUS_QUO, start=START, cap_rate=CAP)
    assert [(x.payment, x.interest, x.balance) for x in schedule.lines] == [
        (D("500.00"), D("12.00"), D("712.00")),
        (D("500.00"), D("7.12"), D("219.12")),
        (D("221.31"), D("2.19"), D("0.00")),
    ]
    assert schedule.remaining == 0
    assert schedule.payoff_date == date(2026, 4, 15)
    assert schedule.total_payment == D("1221.31")
    assert schedule.total_interest == D("21.31")
    assert schedule.findings == ()


def test_build_schedule__status_quo_overdue_uses_penalty_rate_and_pays_charges_first():
    """An overdue card accrues at the 27 % penalty rate; the payment clears charges before principal."""
    schedule = build_schedule(_card(monthly_payment="5400"), STATUS_QUO, start=START, cap_rate=CAP)
    first = schedule.lines[0]
    assert first.interest == D("900.00")  # 40,000 × 27 % / 12
    assert first.principal == D("4500.00")  # all ¥4,500 of charges, no principal yet
    assert first.balance == D("40000.00")
    assert schedule.lines[1].interest == D("900.00")
    assert schedule.lines[1].balance == D("35500.00")


def test_build_schedule__agreed_plan_uses_contract_rate():
    """Once any plan is agreed (here a waiver of penalties and fees) interest runs at the 18 % contract rate."""
    schedule = build_schedule(_card(), Plan(waiver=Waiver(WaiverMode.PENALTIES_AND_FEES)), start=START,
                              cap_rate=CAP)
    assert schedule.waived == D("2500")
    assert schedule.opening_balance == D("42000.00")
    assert schedule.lines[0].interest == D("600.00")  # 40,000 × 18 % / 12


def test_build_schedule__payment_below_interest_never_paid_off():
    """¥100 against ¥150 of monthly interest: unpaid interest becomes an interest-free charge and the debt grows."""
    debt = _debt(outstanding_principal="10000", contract_rate="18", monthly_payment="100")
    schedule = build_schedule(debt, STATUS_QUO, start=START, cap_rate=CAP, horizon=12)
    assert len(schedule.lines) == 12
    assert set(_columns(schedule.lines, "interest")) == {D("150.00")}  # no compounding on charges
    assert set(_columns(schedule.lines, "principal")) == {D("-50.00")}
    assert schedule.remaining == D("10600.00")  # 10,000 + 12 × 50
    assert schedule.payoff_date is None
    (finding,) = schedule.findings
    assert (finding.code, finding.severity) == ("NEVER_PAID_OFF", Severity.WARNING)  # an error is for bad input
    _check_lines(schedule.lines)


def test_build_schedule__zero_payment_balance_grows():
    """A zero monthly payment pays nothing; the balance grows by the interest every month."""
    debt = _debt(outstanding_principal="10000", monthly_payment="0")
    schedule = build_schedule(debt, STATUS_QUO, start=START, cap_rate=CAP, horizon=6)
    assert set(_columns(schedule.lines, "payment")) == {D("0.00")}
    assert _columns(schedule.lines, "balance")[-1] == D("10600.00")
    assert schedule.remaining == D("10600.00")
    assert schedule.findings[0].code == "NEVER_PAID_OFF"
    # Nothing is ever paid, so the schedule shows no APR and says why ...
    assert (schedule.apr_percent, schedule.apr_note) == (None, "no_payments")
    # ... although the balance left at the horizon, counted as repaid then, grows at 11.71 % a year: 10,000 →
    # 10,600 in 6 months is 1.06^(1/6) − 1 a month.
    growth = apr_percent([(0, D("10000.00")), (6, -schedule.remaining)])
    assert growth == D("11.71")
    assert abs(float(growth) - npf.irr([10000, 0, 0, 0, 0, 0, -10600]) * 1200) < 0.006


def test_build_schedule__recurring_fee():
    """A 6 % a year fee rate charges round_fen(principal × 0.5 %) each month, in the fee column."""
    debt = _debt(outstanding_principal="10000", fee_rate="6")
    line = build_schedule(debt, STATUS_QUO, start=START, cap_rate=CAP).lines[0]
    assert (line.interest, line.fee, line.principal) == (D("100.00"), D("50.00"), D("350.00"))


def test_build_schedule__unpaid_at_horizon():
    """A debt that would be repaid after the horizon reports what remains."""
    schedule = build_schedule(_debt(), STATUS_QUO, start=START, cap_rate=CAP, horizon=12)
    assert schedule.remaining > 0
    assert [f.code for f in schedule.findings] == ["UNPAID_AT_HORIZON"]
    assert schedule.lines[-1].balance == schedule.remaining


def test_build_schedule__nothing_owed():
    """A debt with nothing outstanding has no lines, nothing remaining, no APR and is paid off at the start."""
    schedule = build_schedule(_debt(outstanding_principal="0"), STATUS_QUO, start=START, cap_rate=CAP)
    assert schedule.lines == ()
    assert schedule.apr_percent is None
    assert schedule.payoff_date == START


def test_build_schedule__bad_horizon_and_start():
    """A horizon outside 1–1200 or a malformed start date is bad input."""
    with pytest.raises(InvalidInput) as err:
        build_schedule(_debt(), STATUS_QUO, start=START, cap_rate=CAP, horizon=0)
    assert err.value.field == "horizon"
    with pytest.raises(InvalidInput) as err:
        build_schedule(_debt(), STATUS_QUO, start="15/01/2026", cap_rate=CAP)
    assert err.value.field == "start"


# ------------------------------------------------------------------------------------------------- deferral


def _restructure_after(deferral: Deferral, **restructure) -> Plan:
    return Plan(deferral=deferral, restructure=Restructure(**{"months": 12, **restructure}))


def test_deferral__paused_without_interest_then_installments():
    """Three paused months without interest, then 12 interest-free installments of 1,000 from period 4."""
    schedule = build_schedule(_debt(), _restructure_after(Deferral(3)), start=START, cap_rate=CAP)
    deferral, installments = schedule.lines[:3], schedule.lines[3:]
    assert [(x.period, x.payment, x.balance) for x in deferral] == [(k, D("0.00"), D("12000.00")) for k in (1, 2, 3)]
    assert installments[0].period == 4
    assert installments[0].due_date == date(2026, 5, 15)
    assert set(_columns(installments, "payment")) == {D("1000.00")}
    assert schedule.apr_percent == D("0.00")


def test_deferral__interest_held_apart_and_spread():
    """Contract interest of 120 a month while paused, not capitalised: 360 is spread as 30 of interest a month."""
    plan = _restructure_after(Deferral(3, interest="contract"))
    schedule = build_schedule(_debt(), plan, start=START, cap_rate=CAP)
    deferral, installments = schedule.lines[:3], schedule.lines[3:]
    assert set(_columns(deferral, "balance")) == {D("12000.00")}
    assert set(_columns(deferral, "interest")) == {D("0.00")}  # nothing paid yet: shown when paid
    assert set(_columns(installments, "interest")) == {D("30.00")}  # 360 / 12
    assert set(_columns(installments, "principal")) == {D("1000.00")}
    assert schedule.total_principal == D("12000.00")
    assert schedule.total_interest == D("360.00")


def test_deferral__held_interest_floor_and_residue():
    """Held interest of 100 over 3 installments is 33.33, 33.33 and 33.34 (floored, residue last)."""
    debt = _debt(outstanding_principal="10000", contract_rate="12")
    plan = Plan(deferral=Deferral(1, interest="contract"), restructure=Restructure(3))
    installments = build_schedule(debt, plan, start=START, cap_rate=CAP).lines[1:]
    assert _columns(installments, "interest") == [D("33.33"), D("33.33"), D("33.34")]


def test_deferral__capitalised_interest_bears_interest():
    """Capitalised contract interest compounds: 120.00, 121.20, 122.41 (12,241.20 × 1 % = 122.412)."""
    plan = _restructure_after(Deferral(3, interest="contract", capitalise=True))
    schedule = build_schedule(_debt(), plan, start=START, cap_rate=CAP)
    deferral = schedule.lines[:3]
    assert _columns(deferral, "interest") == [D("120.00"), D("121.20"), D("122.41")]
    assert _columns(deferral, "principal") == [D("-120.00"), D("-121.20"), D("-122.41")]
    assert deferral[-1].balance == D("12363.61")
    assert sum(_columns(schedule.lines[3:], "principal")) == D("12363.61")
    assert schedule.total_principal == D("12000.00")  # the opening balance, exactly


def test_deferral__token_payment_pays_interest_first():
    """A 100 token against 120 of interest pays interest only; the rest is held or capitalised."""
    held = build_schedule(_debt(), _restructure_after(Deferral(2, D("100"), "contract")), start=START,
                          cap_rate=CAP)
    assert [(x.payment, x.interest, x.principal, x.balance) for x in held.lines[:2]] == [
        (D("100.00"), D("100.00"), D("0.00"), D("12000.00"))] * 2
    assert sum(_columns(held.lines[2:], "interest")) == D("40.00")
    capitalised = build_schedule(_debt(), _restructure_after(Deferral(2, D("100"), "contract", True)),
                                 start=START, cap_rate=CAP)
    assert _columns(capitalised.lines[:2], "balance") == [D("12020.00"), D("12040.20")]


def test_deferral__token_above_interest_reduces_balance():
    """A 500 token against 120 of interest repays 380 of the balance, charges before principal."""
    debt = _debt(accrued_interest="200")
    plan = _restructure_after(Deferral(1, D("500"), "contract"), rate=RateChoice.CONTRACT)
    schedule = build_schedule(debt, plan, start=START, cap_rate=CAP)
    line = schedule.lines[0]
    assert (line.interest, line.principal, line.balance) == (D("120.00"), D("380.00"), D("11820.00"))
    assert schedule.lines[1].interest == D("118.20")  # principal part 11,820 (the 200 charge was paid first)


def test_deferral__capped_rate_never_above_contract():
    """Capped deferral interest uses min(contract, cap): 12 % with a 24 % cap, 6 % with a 6 % cap."""
    plan = _restructure_after(Deferral(1, interest="capped", capitalise=True))
    assert build_schedule(_debt(), plan, start=START, cap_rate=CAP).lines[0].interest == D("120.00")
    low = build_schedule(_debt(), plan, start=START, cap_rate=_rate("6")).lines[0].interest
    assert low == D("60.00")


def test_deferral__then_contract_continues():
    """A deferral without a restructure: paused months, then the contract payment from period d + 1."""
    schedule = build_schedule(_debt(), Plan(deferral=Deferral(2, interest="contract")), start=START, cap_rate=CAP)
    assert _columns(schedule.lines[:2], "payment") == [D("0.00"), D("0.00")]
    third = schedule.lines[2]
    assert third.period == 3
    # 120 of contract interest, then the 240 of held deferral interest (shown as interest), then 140 principal
    assert (third.payment, third.interest, third.principal, third.balance) == (
        D("500.00"), D("360.00"), D("140.00"), D("11860.00"))
    assert schedule.remaining == 0


def test_deferral__never_reduces_principal_without_payment():
    """A paused deferral leaves the balance at least where it was, whatever the interest rule."""
    for interest in ("none", "contract", "capped"):
        for capitalise in (False, True):
            plan = _restructure_after(Deferral(6, interest=interest, capitalise=capitalise))
            lines = build_schedule(_debt(), plan, start=START, cap_rate=CAP).lines[:6]
            assert all(line.balance >= D("12000") for line in lines)


# ------------------------------------------------------------------------------------------------- restructure


def test_restructure__down_payment_line_on_start_date():
    """A down payment is a period-0 line on the start date; the rest is split into the installments."""
    plan = Plan(restructure=Restructure(10, down_payment=D("2000")))
    schedule = build_schedule(_debt(), plan, start=START, cap_rate=CAP)
    down = schedule.lines[0]
    assert (down.period, down.due_date, down.payment, down.balance) == (0, START, D("2000.00"), D("10000.00"))
    assert set(_columns(schedule.lines[1:], "payment")) == {D("1000.00")}
    assert schedule.payment_by_period()[0] == D("2000.00")
    assert schedule.total_principal == schedule.opening_balance


def test_restructure__down_payment_clamped():
    """A down payment above the balance is clamped to it, reported, and leaves no installments."""
    plan = Plan(restructure=Restructure(10, down_payment=D("20000")))
    schedule = build_schedule(_debt(), plan, start=START, cap_rate=CAP)
    assert [(x.period, x.payment) for x in schedule.lines] == [(0, D("12000.00"))]
    assert [f.code for f in schedule.findings] == ["DOWN_PAYMENT_CLAMPED"]
    assert schedule.payoff_date == START
    assert schedule.apr_percent is None


@pytest.mark.parametrize(
    ("choice", "custom", "cap", "interest"),
    [
        (RateChoice.ZERO, None, "24", "0.00"),
        (RateChoice.CUSTOM, "6", "24", "60.00"),
        (RateChoice.CONTRACT, None, "24", "120.00"),
        (RateChoice.CAPPED, None, "24", "120.00"),  # contract 12 % is below the cap
        (RateChoice.CAPPED, None, "9", "90.00"),
    ],
)
def test_restructure__rate_choices(choice, custom, cap, interest):
    """The first installment's interest on 12,000 follows the rate choice (0, custom, contract, min(contract, cap))."""
    plan = Plan(restructure=Restructure(12, rate=choice, custom_rate=custom))
    schedule = build_schedule(_debt(), plan, start=START, cap_rate=_rate(cap))
    assert schedule.lines[0].interest == D(interest)


def test_restructure__installment_fee_and_apr():
    """A 0.6 %/month fee on 12,000 over 12 months adds 72 a month; the APR is about 13 % (numpy-financial)."""
    plan = Plan(restructure=Restructure(12, monthly_fee_percent=D("0.6")))
    schedule = build_schedule(_debt(), plan, start=START, cap_rate=CAP)
    assert set(_columns(schedule.lines, "fee")) == {D("72.00")}
    assert schedule.total_fees == D("864.00")
    assert schedule.total_interest == 0
    # Oracle: numpy-financial's rate for 12 payments of 1,072 on 12,000 (annualised × 12): 13.03 %.
    expected = npf.rate(12, -1072, 12000, 0) * 1200
    assert abs(float(schedule.apr_percent) - expected) < 0.006
    assert schedule.apr_percent == D("13.03")


def test_restructure__matches_amortize_at_the_contract_rate():
    """A restructure at the contract rate is amortize() of the balance, shifted past the deferral."""
    plan = Plan(deferral=Deferral(2), restructure=Restructure(24, EP, RateChoice.CONTRACT))
    schedule = build_schedule(_debt(), plan, start=START, cap_rate=CAP)
    plain = amortize(D("12000"), rate=_rate("12"), months=24, method=EP, start=START, first_period=3)
    assert schedule.lines[2:] == plain
    # Two interest-free months make the plan cheaper than 12 %: numpy-financial irr of the same flows.
    flows = [12000.0, 0.0, 0.0] + [-float(x.payment) for x in plain]
    assert abs(float(schedule.apr_percent) - npf.irr(flows) * 1200) < 0.006
    assert schedule.apr_percent < D("12")


def test_restructure__no_interest_on_the_charges_repaid_alongside():
    """At a rate, interest runs on the principal only; the ¥4,500 of charges are repaid interest-free alongside.

    By hand: ¥40,000 at 18 % over 12 months is amortize()'s 3,667.20 a month (first interest 40,000 × 1.5 % = 600.00),
    plus 4,500 / 12 = 375.00 of charges a month, so 4,042.20; the interest column is exactly amortize()'s, and the
    principal column repays all 44,500.00.
    """
    plan = Plan(restructure=Restructure(12, rate=RateChoice.CONTRACT))
    schedule = build_schedule(_card(), plan, start=START, cap_rate=CAP)
    plain = amortize(D("40000"), rate=_rate("18"), months=12, method=EI, start=START)
    _check_lines(schedule.lines)
    assert schedule.lines[0].interest == D("600.00")
    assert [x.interest for x in schedule.lines] == [x.interest for x in plain]
    assert [x.payment - y.payment for x, y in zip(schedule.lines, plain, strict=True)] == [D("375.00")] * 12
    assert schedule.lines[0].payment == D("4042.20")
    assert schedule.lines[0].balance == plain[0].balance + D("4125.00")  # 4,500 − the first 375 still owed
    assert schedule.total_principal == D("44500.00") == schedule.opening_balance


@pytest.mark.parametrize(
    ("kind", "months", "severity", "binding"),
    [("credit-card", 72, Severity.WARNING, "limit"), ("bank-loan", 72, Severity.INFO, "custom"),
     ("credit-card", 60, None, None)],
)
def test_restructure__term_over_60(kind, months, severity, binding):
    """More than 60 installments is a warning for credit cards and information for other lenders; both cite the
    card rule (art. 70), which the information names as the card limit that does not bind them."""
    schedule = build_schedule(_debt(kind=kind), Plan(restructure=Restructure(months)), start=START, cap_rate=CAP)
    found = [f for f in schedule.findings if f.code == "TERM_OVER_60"]
    if severity is None:
        assert found == []
    else:
        (finding,) = found
        assert finding.severity is severity
        assert finding.values == {"months": months, "limit": 60, "kind": kind, "binding": binding}
        assert "第七十条" in finding.source
        assert "60 期" in render(finding, "zh")
        assert "60" in render(finding, "en")


# ------------------------------------------------------------------------------------------------- settlement


def test_settlement__pays_percent_of_balance_after_waiver():
    """Settling at 50 % after waiving penalties and fees pays 21,000 on pay_by; the rest is waived."""
    plan = Plan(waiver=Waiver(WaiverMode.PENALTIES_AND_FEES), settlement=Settlement(D("50"), date(2026, 4, 10)))
    schedule = build_schedule(_card(), plan, start=START, cap_rate=CAP)
    (line,) = schedule.lines
    assert (line.period, line.due_date, line.payment, line.balance) == (3, date(2026, 4, 10), D("21000.00"), 0)
    assert schedule.opening_balance == D("42000.00")
    assert schedule.waived == D("23500.00")  # 2,500 waived + 21,000 settlement discount
    assert schedule.remaining == 0
    assert schedule.payoff_date == date(2026, 4, 10)
    # A lump sum is not credit: no APR (the IRR of +42,000 then −21,000 three months later would be about −480 %).
    assert (schedule.apr_percent, schedule.apr_note) == (None, "settlement")
    # Oracle for that IRR: numpy-financial irr of the same flows, × 1200.
    expected = npf.irr([42000, 0, 0, -21000]) * 1200
    irr = apr_percent([(0, D("42000.00")), (3, -line.payment)])
    assert abs(float(irr) - expected) < 0.006
    assert irr < 0


def test_settlement__in_start_month_is_period_0():
    """A settlement paid within the start month is period 0; with nothing financed after it there is no APR."""
    plan = Plan(settlement=Settlement(D("80"), date(2026, 1, 20)))
    schedule = build_schedule(_debt(), plan, start=START, cap_rate=CAP)
    assert schedule.lines[0].period == 0
    assert schedule.lines[0].payment == D("9600.00")
    assert schedule.apr_percent is None
    assert schedule.apr_note == "settlement"


def test_settlement__pay_by_before_start():
    """A pay-by date before the start is bad input on pay_by with the date_order rule."""
    plan = Plan(settlement=Settlement(D("50"), date(2025, 12, 31)))
    with pytest.raises(InvalidInput) as err:
        build_schedule(_debt(), plan, start=START, cap_rate=CAP)
    assert (err.value.field, err.value.code) == ("pay_by", "date_order")


# ------------------------------------------------------------------------------------------------- APR


def test_apr_percent__single_repayment():
    """Borrow 1,000 and repay 1,120 after 12 months: monthly IRR 1.12^(1/12) − 1, APR 11.39 % (numpy-financial)."""
    flows = [(0, D("1000")), (12, D("-1120"))]
    expected = npf.irr([1000] + [0] * 11 + [-1120]) * 1200
    assert abs(float(apr_percent(flows)) - expected) < 0.006
    assert apr_percent(flows) == D("11.39")


def test_apr_percent__reference_loan_is_its_nominal_rate():
    """The 4.9 % reference loan has an APR of 4.90 % (a plain loan's IRR is its nominal rate)."""
    lines = amortize(D("1000000"), rate=_rate("4.9"), months=360, method=EI, start=START)
    flows = [(0, D("1000000"))] + [(x.period, -x.payment) for x in lines]
    assert apr_percent(flows) == D("4.90")


def test_apr_percent__zero_rate_is_exactly_zero():
    """Paying back exactly what was financed gives an APR of exactly 0, never -0.00."""
    flows = [(0, D("1000")), (1, D("-333.33")), (2, D("-333.33")), (3, D("-333.34"))]
    result = apr_percent(flows)
    assert result == 0
    assert str(result) == "0.00"


def test_apr_percent__high_cost_loan():
    """A loan of 1,000 paid out as 700 and repaid with 1,000 a month later costs 514.29 % a year (numpy-financial)."""
    result = apr_percent([(0, D("700")), (1, D("-1000"))])
    assert abs(float(result) - npf.irr([700, -1000]) * 1200) < 0.006


def test_apr_percent__converges_from_a_far_guess():
    """Newton converges to the same APR from a guess far from the root."""
    flows = [(0, D("12000"))] + [(k, D("-1072")) for k in range(1, 13)]
    assert apr_percent(flows, guess=D("5")) == apr_percent(flows) == D("13.03")
    assert apr_percent(flows, guess=D("-0.5")) == D("13.03")


def test_apr_percent__flows_in_one_period_are_added():
    """Several flows in one period are added; leading empty periods do not change the rate."""
    assert apr_percent([(0, D("600")), (0, D("400")), (12, D("-1120"))]) == D("11.39")
    assert apr_percent([(3, D("1000")), (15, D("-1120"))]) == D("11.39")


def test_apr_percent__long_level_plan_matches_numpy_financial():
    """A 120-installment plan at 0.5 %/month fee on 100,000 matches numpy-financial's rate (runs of equal flows)."""
    flows = [(0, D("100000"))] + [(k, D("-1333.33")) for k in range(1, 120)] + [(120, D("-1333.73"))]
    expected = npf.irr([100000.0] + [-1333.33] * 119 + [-1333.73]) * 1200
    assert abs(float(apr_percent(flows)) - expected) < 0.006


def test_apr_percent__several_sign_changes_returns_a_root():
    """Flows with two sign changes (−1000, +2100, −1100) have two IRRs, 0 % and 10 % a month; one is returned."""
    assert apr_percent([(0, D("-1000")), (1, D("2100")), (2, D("-1100"))]) in (D("0.00"), D("120.00"))


def test_apr_percent__nothing_to_compute():
    """No flows, no payment, or nothing financed gives None."""
    assert apr_percent([]) is None
    assert apr_percent([(0, D("1000"))]) is None
    assert apr_percent([(0, D("1000")), (1, D("0"))]) is None
    assert apr_percent([(1, D("-100"))]) is None


def test_apr_percent__negative_period_refused():
    """A negative period is bad input."""
    with pytest.raises(InvalidInput):
        apr_percent([(-1, D("100")), (1, D("-110"))])


# ------------------------------------------------------------------------------------------------- Schedule


def test_schedule__totals_and_views():
    """Totals, payoff date, largest payment and payments by period come from the lines."""
    lines = (
        Installment(0, START, D("100.00"), D("100.00"), D("0.00"), D("0.00"), D("200.00")),
        Installment(1, date(2026, 2, 15), D("112.00"), D("100.00"), D("2.00"), D("10.00"), D("100.00")),
        Installment(2, date(2026, 3, 15), D("111.00"), D("100.00"), D("1.00"), D("10.00"), D("0.00")),
    )
    schedule = Schedule("x", START, D("300.00"), D("0.00"), lines, D("0.00"), None)
    assert (schedule.total_payment, schedule.total_principal) == (D("323.00"), D("300.00"))
    assert (schedule.total_interest, schedule.total_fees) == (D("3.00"), D("20.00"))
    assert schedule.payoff_date == date(2026, 3, 15)
    assert schedule.largest_payment == D("112.00")
    assert schedule.payment_by_period() == {0: D("100.00"), 1: D("112.00"), 2: D("111.00")}
    empty = Schedule("y", START, D("0.00"), D("0.00"), (), D("5.00"), None)
    assert empty.payoff_date is None
    assert empty.largest_payment == 0


# ------------------------------------------------------------------------------------------------- half-fen interest
# ¥30 at 15.4 % a year: 30 × 15.4 / 1200 = 462 / 1200 = 0.385 exactly, which rounds half up to 0.39. A pre-divided
# monthly rate (15.4 / 1200 = 0.0128333…) does not terminate and gives 0.38499…, which rounds to 0.38.

HALF_FEN = Rate.annual_percent("15.4")


@pytest.mark.parametrize("method", [EI, EP])
def test_amortize__half_fen_interest_rounds_up(method):
    """¥30 at 15.4 % over one month charges 0.39 interest (0.385 exactly, half up), whichever the method."""
    (line,) = amortize(D("30.00"), rate=HALF_FEN, months=1, method=method, start=START)
    assert (line.interest, line.payment) == (D("0.39"), D("30.39"))


def test_amortize__half_fen_interest_in_a_longer_plan():
    """The first month of ¥30 at 15.4 % over 2 months charges 0.39; the level payment formula is unchanged."""
    lines = amortize(D("30.00"), rate=HALF_FEN, months=2, method=EI, start=START)
    assert lines[0].interest == D("0.39")
    # level payment 30 × r(1+r)² / ((1+r)² − 1) with r = 15.4/1200 = 15.2887… → 15.29 (hand computation)
    assert lines[0].payment == D("15.29")
    assert sum(line.principal for line in lines) == D("30.00")


def test_build_schedule__status_quo_half_fen_interest_rounds_up():
    """The status quo of a ¥30 balance at 15.4 % charges 0.39 interest in its first month."""
    debt = _debt(original_principal="30", outstanding_principal="30", contract_rate="15.4", monthly_payment="10")
    schedule = build_schedule(debt, STATUS_QUO, start=START, cap_rate=CAP)
    assert schedule.lines[0].interest == D("0.39")
    assert schedule.lines[0].principal == D("9.61")


def test_build_schedule__status_quo_half_fen_penalty_interest_and_fee_round_up():
    """An overdue ¥30 at a 15.4 % penalty rate, with a 15.4 % recurring fee, is charged 0.39 of each."""
    debt = _debt(original_principal="30", outstanding_principal="30", contract_rate="10", penalty_rate="15.4",
                 overdue_since="2025-06-01", fee_rate="15.4", monthly_payment="10")
    first = build_schedule(debt, STATUS_QUO, start=START, cap_rate=CAP).lines[0]
    assert (first.interest, first.fee) == (D("0.39"), D("0.39"))


def test_contract_month__accrue_and_settle_shared_by_both_engines():
    """The shared contract month: ¥30 at 15.4 % accrues 0.39 of interest (0.385, half up), a 15.4 % fee 0.39 of
    fee; a payment clears the charges before the interest-bearing part; the schedules' status quo and the payoff
    engine (without compounding) cost the same first month the same way."""
    assert accrue(D("30.00"), D("15.4"), D("0")) == (D("0.39"), D("0.00"))
    assert accrue(D("30.00"), D("0"), D("15.4")) == (D("0.00"), D("0.39"))
    assert accrue(D("30.00"), D("15.4"), D("15.4")) == (D("0.39"), D("0.39"))
    assert settle(D("1000.00"), D("50.00"), D("80.00")) == (D("970.00"), D("0.00"))
    assert settle(D("1000.00"), D("50.00"), D("30.00")) == (D("1000.00"), D("20.00"))
    assert settle(D("1000.00"), D("50.00"), D("50.00")) == (D("1000.00"), D("0.00"))
    debt = _debt(original_principal="30", outstanding_principal="30", contract_rate="15.4", monthly_payment="10")
    line = build_schedule(debt, STATUS_QUO, start=START, cap_rate=CAP).lines[0]
    payoff = simulate([PayoffDebt("loan", "某银行", "30", "15.4", "10", compound=False)], monthly_budget="10",
                      policy="avalanche", start=START, horizon=1).months[0]
    assert (line.interest, line.balance) == (D("0.39"), D("20.39"))
    assert (payoff.interest["loan"], payoff.balances["loan"]) == (line.interest, line.balance)


def test_build_schedule__deferral_and_restructure_half_fen_interest_round_up():
    """Deferral interest and restructured installments at 15.4 % on ¥30 are 0.39, not 0.38."""
    debt = _debt(original_principal="30", outstanding_principal="30", contract_rate="15.4", monthly_payment="10")
    deferral = Deferral(months=1, interest="contract", capitalise=False)
    plan = Plan(deferral=deferral, restructure=Restructure(months=1, rate=RateChoice.CONTRACT))
    lines = build_schedule(debt, plan, start=START, cap_rate=CAP).lines
    assert lines[0].interest == D("0.00")  # paused: the deferral interest is held apart ...
    assert lines[1].interest == D("0.39") + D("0.39")  # ... and repaid with the installment's own 0.39
    restructured = build_schedule(debt, Plan(restructure=Restructure(months=1, rate=RateChoice.CONTRACT)),
                                  start=START, cap_rate=CAP)
    assert restructured.lines[0].interest == D("0.39")


# ------------------------------------------------------------------------------------------------- tiny rates


@pytest.mark.parametrize("percent", ["1e-30", "1e-100", "0.000000000000000000000001"])
def test_amortize__tiny_rate_pays_like_rate_zero(percent):
    """A rate whose (1 + r)^n cannot be told from 1 pays like rate 0 (no DivisionByZero): interest 0, P / n."""
    lines = amortize(D("1000.00"), rate=_rate(percent), months=12, method=EI, start=START)
    zero = amortize(D("1000.00"), rate=_rate("0"), months=12, method=EI, start=START)
    assert lines == zero


def test_amortize__small_rate_level_payment_is_exact():
    """Below a monthly rate of 1e-9 the level payment is computed with extra digits and still matches a
    60-digit computation of P·r·(1+r)^n / ((1+r)^n − 1) (28 digits would give 128,571,428,571.48, not .43)."""
    from decimal import localcontext

    principal, percent, months = D("900000000000.00"), D("0.000000000001"), 7
    with localcontext() as context:
        context.prec = 60
        r = percent / 1200
        growth = (1 + r) ** months
        expected = (principal * r * growth / (growth - 1)).quantize(D("0.01"), "ROUND_HALF_UP")
    assert expected == D("128571428571.43")
    lines = amortize(principal, rate=_rate(str(percent)), months=months, method=EI, start=START)
    assert lines[0].payment == expected
    assert sum(line.principal for line in lines) == principal


def test_build_schedule__tiny_custom_rate_restructure():
    """A restructure at a custom rate of 1e-30 % builds (like rate 0) instead of dividing by zero."""
    plan = Plan(restructure=Restructure(months=12, rate=RateChoice.CUSTOM, custom_rate=_rate("1e-30")))
    schedule = build_schedule(_debt(), plan, start=START, cap_rate=CAP)
    assert {line.payment for line in schedule.lines} == {D("1000.00")}
    assert schedule.total_interest == 0


# ------------------------------------------------------------------------------------------------- date bounds


def test_amortize__start_near_year_9999_is_invalid_input():
    """A start date the calendar cannot run a schedule from is refused as out_of_range, not a ValueError."""
    with pytest.raises(InvalidInput) as info:
        amortize(D("1000.00"), rate=_rate("5"), months=12, method=EI, start="9999-12-01")
    assert (info.value.field, info.value.code) == ("start", "out_of_range")
    with pytest.raises(InvalidInput) as info:
        amortize(D("1000.00"), rate=_rate("5"), months=12, method=EI, start=date(9999, 6, 1))
    assert info.value.code == "out_of_range"


def test_build_schedule__start_outside_supported_dates_is_invalid_input():
    """build_schedule refuses a start after 2199-12-31 with out_of_range naming the bounds."""
    with pytest.raises(InvalidInput) as info:
        build_schedule(_debt(), STATUS_QUO, start=date(9999, 6, 1), cap_rate=CAP)
    assert info.value.code == "out_of_range"
    assert info.value.params == {"low": "1900-01-01", "high": "2199-12-31"}



def test_amortize__unknown_method_is_invalid_input():
    """An unknown method is unknown_choice on 'method', not a ValueError from the enum."""
    with pytest.raises(InvalidInput) as info:
        amortize(D("1000.00"), rate=_rate("5"), months=12, method="balloon", start=START)
    assert (info.value.field, info.value.code) == ("method", "unknown_choice")


# ------------------------------------------------------------------------------------------------- the horizon


def _codes(schedule):
    return [f.code for f in schedule.findings]


def _detail(finding):
    return finding.values


@pytest.mark.parametrize("horizon", [1, 24, 27])
def test_build_schedule__unfinished_at_horizon_is_not_never_paid_off(horizon):
    """¥12,000 at 12 % paying ¥500 (interest ¥120) needs 28 months: a shorter horizon says "not within the N
    months shown" and when it is paid off (n = −ln(1 − 12000 × 1 % / 500) / ln 1.01 = 27.6 → month 28), never
    "never"; the long horizon's schedule ends on that very date."""
    full = build_schedule(_debt(), STATUS_QUO, start=START, cap_rate=CAP, horizon=120)
    assert (full.payoff_date, full.lines[-1].period, full.findings) == (date(2028, 5, 15), 28, ())
    short = build_schedule(_debt(), STATUS_QUO, start=START, cap_rate=CAP, horizon=horizon)
    assert short.remaining > 0
    assert short.payoff_date is None
    (finding,) = short.findings
    assert (finding.code, finding.severity, finding.subject) == ("UNPAID_AT_HORIZON", Severity.WARNING, "loan")
    assert _detail(finding) == {"remaining": short.remaining, "months": horizon, "deferral_months": 0,
                                "cut": "contract", "outlook": "falls", "payoff_month": 28,
                                "payoff_date": date(2028, 5, 15), "max_months": 1200}
    assert f"在比较的 {horizon} 个月内未还清" in render(finding, "zh")
    assert "2028年5月15日（第 28 个月）还清" in render(finding, "zh")
    assert f"within the {horizon} months compared" in render(finding, "en")
    assert "paid off on May 15, 2028 (month 28)" in render(finding, "en")
    assert "永远" not in render(finding, "zh")
    assert "never" not in render(finding, "en")


@pytest.mark.parametrize("horizon", [1, 12, 120, 1200])
def test_build_schedule__never_paid_off_whatever_the_horizon(horizon):
    """A payment equal to the month's interest and fee (¥100 + ¥50 on ¥10,000 at 12 % + 6 %) never reduces the
    balance: NEVER_PAID_OFF (and no UNPAID_AT_HORIZON) at every horizon; one fen more and it is at most unpaid
    at the horizon."""
    stuck = _debt(outstanding_principal="10000", fee_rate="6", monthly_payment="150")
    schedule = build_schedule(stuck, STATUS_QUO, start=START, cap_rate=CAP, horizon=horizon)
    (finding,) = schedule.findings
    assert (finding.code, finding.severity) == ("NEVER_PAID_OFF", Severity.WARNING)
    assert _detail(finding) == {"payment": D("150.00"), "charged": D("150.00")}
    assert "永远无法还清" in render(finding, "zh")
    assert "never paid off" in render(finding, "en")
    moving = _debt(outstanding_principal="10000", fee_rate="6", monthly_payment="150.01")
    schedule = build_schedule(moving, STATUS_QUO, start=START, cap_rate=CAP, horizon=horizon)
    assert "NEVER_PAID_OFF" not in _codes(schedule)
    assert _codes(schedule) == (["UNPAID_AT_HORIZON"] if schedule.remaining else [])  # paid off within 1200


def test_build_schedule__deferral_past_the_horizon_is_cut_and_judged_in_full():
    """On the contract path a deferral longer than the horizon is cut at it; whether the contract after it can
    repay is judged on the whole deferral. A 36-month paused deferral of ¥12,000 (¥500 a month afterwards) is
    paid off in month 36 + 28 = 64; capitalised at 12 % it grows to 12,000 × 1.01^36 = 17,169.23, whose interest
    of 171.69 a ¥130 payment never covers."""
    paused = Plan(deferral=Deferral(months=36, token_amount="0"))
    short = build_schedule(_debt(), paused, start=START, cap_rate=CAP, horizon=24)
    assert [line.period for line in short.lines] == list(range(1, 25))
    (finding,) = short.findings
    assert finding.code == "UNPAID_AT_HORIZON"
    assert _detail(finding)["payoff_date"] == date(2031, 5, 15)
    assert (_detail(finding)["cut"], _detail(finding)["deferral_months"]) == ("deferral", 36)
    assert "延期 36 个月" in render(finding, "zh")
    assert "36-month deferral" in render(finding, "en")
    assert build_schedule(_debt(), paused, start=START, cap_rate=CAP, horizon=120).payoff_date == date(2031, 5, 15)

    capitalised = Plan(deferral=Deferral(months=36, token_amount="0", interest=DeferralInterest.CONTRACT,
                                         capitalise=True))
    debt = _debt(monthly_payment="130")  # above the ¥120 interest before the deferral
    for horizon in (24, 120):
        schedule = build_schedule(debt, capitalised, start=START, cap_rate=CAP, horizon=horizon)
        (finding,) = schedule.findings
        assert finding.code == "NEVER_PAID_OFF"
        assert _detail(finding) == {"payment": D("130.00"), "charged": D("171.69")}


def test_build_schedule__negotiated_plans_are_listed_in_full_beyond_the_horizon():
    """Restructure installments (after their deferral) and a settlement are never cut by the horizon: the lines
    are the same at any horizon, nothing remains and the payoff date may lie after the horizon. The schedule itself
    says nothing about it: a comparison's window is lengthened to cover the plan (WINDOW_EXTENDED, once, for the
    case)."""
    plan = Plan(deferral=Deferral(months=6, token_amount="50"), restructure=Restructure(months=36))
    long = build_schedule(_card(), plan, start=START, cap_rate=CAP, horizon=120)
    assert long.findings == ()
    short = build_schedule(_card(), plan, start=START, cap_rate=CAP, horizon=24)
    assert short.lines == long.lines
    assert (short.remaining, short.payoff_date) == (D("0.00"), date(2029, 7, 15))  # period 6 + 36 = 42
    assert short.findings == ()
    scenario = Scenario("分期", (("card", plan),), START)
    assert (plan_months(plan, START), window_months([scenario], 24)) == (42, 42)
    result = plan_case(Case(Budget((IncomeItem("工资", "5000"),)), (_card(),), START, scenarios=(scenario,)),
                       horizon=24)
    (finding,) = [f for f in result.findings if f.code == "WINDOW_EXTENDED"]
    assert (finding.severity, finding.scope, finding.subject) == (Severity.INFO, Scope.CASE, "")
    assert _detail(finding) == {"requested": 24, "months": 42}
    assert "比较期延长为 42 个月" in render(finding, "zh")
    assert "the comparison runs over 42 months" in render(finding, "en")
    assert {len(o.months) for o in result.all} == {42}
    other = build_schedule(_debt(), Plan(restructure=Restructure(months=60)), start=START, cap_rate=CAP, horizon=24)
    assert other.findings == ()
    assert build_schedule(_card(), plan, start=START, cap_rate=CAP, horizon=42).findings == ()

    settle = Plan(settlement=Settlement("50", "2028-03-31"))  # period 26
    late = build_schedule(_card(), settle, start=START, cap_rate=CAP, horizon=24)
    assert (late.lines[-1].period, late.payoff_date, late.remaining) == (26, date(2028, 3, 31), D("0.00"))
    assert _codes(late) == []
    assert window_months([Scenario("结清", (("card", settle),), START)], 24) == 26
    assert build_schedule(_card(), settle, start=START, cap_rate=CAP, horizon=26).findings == ()


def test_build_schedule__messages_do_not_repeat_the_debt_id():
    """The debt id is the finding's subject (a listing prints "subject: message"); no message repeats it."""
    debt = _card(id="cousin", monthly_payment="100")
    plans = [
        STATUS_QUO,
        Plan(waiver=Waiver(WaiverMode.EXCESS)),
        Plan(restructure=Restructure(months=72, down_payment="99999")),
        Plan(settlement=Settlement("50", "2040-01-31")),
    ]
    findings = [f for plan in plans
                for f in build_schedule(debt, plan, start=START, cap_rate=CAP, excess=D("99999"), horizon=12).findings]
    findings += build_schedule(_debt(id="cousin"), STATUS_QUO, start=START, cap_rate=CAP, horizon=12).findings
    assert {f.code for f in findings} == {"NEVER_PAID_OFF", "WAIVER_CLAMPED", "DOWN_PAYMENT_CLAMPED", "TERM_OVER_60",
                                          "UNPAID_AT_HORIZON"}
    assert {f.subject for f in findings} == {"cousin"}
    for finding in findings:
        for locale in ("zh", "en"):
            for audience in ("borrower", "creditor"):
                assert "cousin" not in render(finding, locale, audience)


def test_amortize__charges_smaller_than_a_fen_a_month_stay_in_the_balance(make_debt):
    """0.01 of interest-free charges over 2 installments: nothing of it is due the first month (floored), so the
    first balance still owes it (found by the balance-chain property test)."""
    debt = make_debt(outstanding_principal="0.00", original_principal="1000.00", other_fees="0.01",
                     penalty_interest="0", accrued_interest="0", liquidated_damages="0")
    plan = Plan(restructure=Restructure(2, rate=RateChoice.CONTRACT))
    schedule = build_schedule(debt, plan, start=date(2026, 12, 1), cap_rate=Rate.annual_percent(24),
                              excess=Decimal(0), horizon=1)
    assert [(line.principal, line.balance) for line in schedule.lines] == [
        (Decimal("0.00"), Decimal("0.01")), (Decimal("0.01"), Decimal("0.00"))]
