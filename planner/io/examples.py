"""The built-in example case: a fictional borrower whose status quo cannot be paid.

张伟, 35, lives in Hangzhou with his wife and their four-year-old child. He lost his job in June 2025 and since
September 2025 earns less in a new one; by late 2025 all five of his debts were overdue. The case has one debt of
each kind the planner cares about:

==============  ==================  ==========================================================================
id              kind                why it is there
==============  ==================  ==========================================================================
cmb-card        credit card         日利率万分之五 (18.25 % a year on ACT/365), interest and 违约金 accrued
citic-card      credit card         the second card, smaller
cf-loan         consumer finance    18 % a year, penalty rate 27 %, 等额本息 over 36 months
online-loan     online platform     23.9 % + 12 % guarantee/membership fees = 35.9 % comprehensive cost (> 24 %)
private-loan    private lender      24 % a year formed 2022-05-01, when 4 × the one-year LPR was 4 × 3.70 = 14.8 %
==============  ==================  ==========================================================================

Figures (as of 2026-11-23): disposable income ¥3,200.00 a month (income 12,700 − essential expenses 9,200 −
reserve 300) against contractual payments of ¥11,142.26 a month, so the status quo is unaffordable. The scenario
"全部停息分期60期" fits every month: the four financial debts at 0 % over 60 months after the penalties and fees are
waived cost ¥2,020.11 (balance / 60), and the private loan ¥789.01: its ¥30,000 principal at the capped 14.8 %
over 60 months (¥710.55) plus the ¥4,707.62 of interest left after the excess is waived, repaid interest-free
alongside (¥78.46 a month; no interest on interest), so ¥2,809.74 a month in all.

The two credit-card centres are real public institutions named for realism; every other name, and every amount,
is fictional. Used by ``make run``, ``planner example`` and the tests.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.domain.case import Case
from planner.domain.model import (
    BenchmarkArea,
    Budget,
    CreditorKind,
    Debt,
    ExpenseCategory,
    ExpenseItem,
    IncomeItem,
)
from planner.domain.options import (
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
from planner.rates import DayCount, Rate

AS_OF = date(2026, 11, 23)

FINANCIAL_DEBT_IDS = ("cmb-card", "citic-card", "cf-loan", "online-loan")
PRIVATE_DEBT_ID = "private-loan"

_NOTES = (
    "示例案例（虚构）：张伟，35 岁，杭州，已婚，孩子 4 岁。2025 年 6 月原单位裁员，2025 年 9 月起在新单位工作，"
    "税后月收入由约 1.6 万元降至 9,200 元；配偶兼职月入约 3,500 元。2025 年 10 月起各笔债务陆续逾期，"
    "目前每月合同应还约 1.11 万元，远超可用于还款的 3,200 元。"
    "除两家银行信用卡中心外，机构与人名均为虚构，所有金额均为虚构。"
)


def example_budget() -> Budget:
    """Return the household budget: ¥12,700 income, ¥9,200 essential expenses, ¥300 reserve → ¥3,200."""
    return Budget(
        incomes=(
            IncomeItem("张伟工资（税后）", Decimal("9200.00")),
            IncomeItem("配偶兼职收入", Decimal("3500.00")),
        ),
        expenses=(
            ExpenseItem(ExpenseCategory.HOUSING, Decimal("3300.00"), "房租（两居室）"),
            ExpenseItem(ExpenseCategory.FOOD, Decimal("2700.00"), "伙食"),
            ExpenseItem(ExpenseCategory.UTILITIES, Decimal("520.00"), "水电燃气、话费宽带"),
            ExpenseItem(ExpenseCategory.TRANSPORT, Decimal("450.00"), "地铁公交、电动车"),
            ExpenseItem(ExpenseCategory.CHILDREN, Decimal("1600.00"), "幼儿园及托管"),
            ExpenseItem(ExpenseCategory.MEDICAL, Decimal("280.00"), "医保自付、药费"),
            ExpenseItem(ExpenseCategory.OTHER, Decimal("350.00"), "日用品、衣物"),
        ),
        reserve=Decimal("300.00"),
        members=3,  # 张伟, his wife and their child, in 杭州
        area=BenchmarkArea.URBAN,
    )


def example_debts() -> tuple[Debt, ...]:
    """Return the five overdue debts (contractual monthly payments sum to ¥11,142.26)."""
    card_rate = Rate.daily_per_ten_thousand("5", day_count=DayCount.ACT_365)
    return (
        Debt(
            id="cmb-card",
            creditor="招商银行信用卡中心",
            kind=CreditorKind.CREDIT_CARD,
            contract_date=date(2018, 7, 16),
            original_principal=Decimal("40000.00"),
            outstanding_principal=Decimal("38600.00"),
            accrued_interest=Decimal("7862.40"),
            liquidated_damages=Decimal("1158.00"),
            contract_rate=card_rate,
            overdue_since=date(2025, 10, 5),
            monthly_payment=Decimal("4200.00"),
            account_number="卡号尾号 4417",
        ),
        Debt(
            id="citic-card",
            creditor="中信银行信用卡中心",
            kind=CreditorKind.CREDIT_CARD,
            contract_date=date(2020, 3, 18),
            original_principal=Decimal("26000.00"),
            outstanding_principal=Decimal("24300.00"),
            accrued_interest=Decimal("4436.70"),
            liquidated_damages=Decimal("729.00"),
            contract_rate=card_rate,
            overdue_since=date(2025, 11, 10),
            monthly_payment=Decimal("2650.00"),
            account_number="卡号尾号 0923",
        ),
        Debt(
            id="cf-loan",
            creditor="安和消费金融有限公司",
            kind=CreditorKind.CONSUMER_FINANCE,
            contract_date=date(2024, 9, 15),
            original_principal=Decimal("50000.00"),
            outstanding_principal=Decimal("33659.37"),
            accrued_interest=Decimal("504.89"),
            penalty_interest=Decimal("8720.60"),
            liquidated_damages=Decimal("500.00"),
            contract_rate=Rate.annual_percent("18", day_count=DayCount.ACT_360),
            penalty_rate=Rate.annual_percent("27", day_count=DayCount.ACT_360),
            overdue_since=date(2025, 11, 15),
            monthly_payment=Decimal("1807.62"),  # 等额本息, 50,000 at 18 % over 36 months
            account_number="合同号 AH2024091500387",
        ),
        Debt(
            id="online-loan",
            creditor="融易借（网络助贷平台）",
            kind=CreditorKind.ONLINE_PLATFORM,
            contract_date=date(2024, 8, 10),
            original_principal=Decimal("30000.00"),
            outstanding_principal=Decimal("11612.32"),
            accrued_interest=Decimal("231.28"),
            penalty_interest=Decimal("3960.50"),
            liquidated_damages=Decimal("600.00"),
            other_fees=Decimal("2100.00"),  # 担保费 / 会员费 billed monthly
            contract_rate=Rate.annual_percent("23.9", day_count=DayCount.ACT_360),
            penalty_rate=Rate.annual_percent("35.85", day_count=DayCount.ACT_360),
            fee_rate=Rate.annual_percent("12", day_count=DayCount.ACT_360),
            overdue_since=date(2025, 12, 10),
            monthly_payment=Decimal("1884.64"),  # 1,584.64 installment (23.9 %, 24 months) + 300 fees
            account_number="借款编号 RYJ-20240810-5521",
        ),
        Debt(
            id=PRIVATE_DEBT_ID,
            creditor="李某（个人出借人）",
            kind=CreditorKind.PRIVATE,
            contract_date=date(2022, 5, 1),
            original_principal=Decimal("30000.00"),
            outstanding_principal=Decimal("30000.00"),
            accrued_interest=Decimal("7680.00"),
            contract_rate=Rate.annual_percent("24", day_count=DayCount.ACT_365),
            overdue_since=date(2025, 11, 1),
            monthly_payment=Decimal("600.00"),  # interest only, 2 % a month
            account_number="借条 2022-05-01",
        ),
    )


def _financial_relief(months: int) -> Plan:
    return Plan(
        waiver=Waiver(WaiverMode.PENALTIES_AND_FEES),
        restructure=Restructure(months, RepaymentMethod.EQUAL_INSTALLMENT, RateChoice.ZERO),
    )


def _private_relief(months: int) -> Plan:
    return Plan(
        waiver=Waiver(WaiverMode.EXCESS),
        restructure=Restructure(months, RepaymentMethod.EQUAL_INSTALLMENT, RateChoice.CAPPED),
    )


def example_scenarios() -> tuple[Scenario, ...]:
    """Return the three named scenarios of the example case."""
    stop_interest = Scenario(
        name="全部停息分期60期",
        plans=(
            *((debt_id, _financial_relief(60)) for debt_id in FINANCIAL_DEBT_IDS),
            (PRIVATE_DEBT_ID, _private_relief(60)),
        ),
        start=AS_OF,
        note="金融机构：减免罚息、违约金及其他费用，剩余本息停息分 60 期；民间借贷：减免超过 4 倍 LPR 的部分，按上限利率分 60 期。",
    )
    defer_token = Deferral(12, Decimal("100.00"), DeferralInterest.NONE, capitalise=False)
    deferral = Scenario(
        name="延期12个月后分期",
        plans=(
            *(
                (
                    debt_id,
                    Plan(
                        waiver=Waiver(WaiverMode.PENALTIES_AND_FEES),
                        deferral=defer_token,
                        restructure=Restructure(48, RepaymentMethod.EQUAL_INSTALLMENT, RateChoice.ZERO),
                    ),
                )
                for debt_id in FINANCIAL_DEBT_IDS
            ),
            (
                PRIVATE_DEBT_ID,
                Plan(
                    waiver=Waiver(WaiverMode.EXCESS),
                    deferral=Deferral(12, Decimal("100.00"), DeferralInterest.CAPPED, capitalise=False),
                    restructure=Restructure(48, RepaymentMethod.EQUAL_INSTALLMENT, RateChoice.CAPPED),
                ),
            ),
        ),
        start=AS_OF,
        note="前 12 个月每笔每月象征性还款 100 元（停息），之后停息分 48 期；民间借贷延期期间按上限利率计息、不计复利。",
    )
    settle = Scenario(
        name="部分一次性结清",
        plans=(
            ("cmb-card", _financial_relief(60)),
            ("citic-card", Plan(settlement=Settlement(Decimal(60), date(2027, 1, 31)))),
            ("cf-loan", _financial_relief(60)),
            ("online-loan", Plan(settlement=Settlement(Decimal(50), date(2027, 1, 31)))),
            (PRIVATE_DEBT_ID, _private_relief(60)),
        ),
        start=AS_OF,
        note="中信信用卡按欠款总额 60%、网贷按 50% 于 2027-01-31 前一次性结清（资金拟由父母一次性资助约 2.7 万元）；其余同停息分期。",
    )
    return (stop_interest, deferral, settle)


def example_case() -> Case:
    """Return the example case: 张伟's budget, five overdue debts and three scenarios, as of 2026-11-23."""
    return Case(
        budget=example_budget(),
        debts=example_debts(),
        as_of=AS_OF,
        scenarios=example_scenarios(),
        borrower="张伟",
        notes=_NOTES,
    )
