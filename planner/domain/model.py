"""The domain model: household budget and debts, as frozen value objects validated on creation.

Values are converted and checked in ``__post_init__`` (amounts through :func:`planner.money.money`, dates through
:func:`planner.dates.parse_date`), so an object that exists is valid. Change one with ``dataclasses.replace``.
Bad values raise :class:`planner.errors.InvalidInput` naming the field, the rule, the value and the fix.
Imports only the other core modules (money, rates, dates, errors).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from planner.choices import parse_choice
from planner.dates import parse_date
from planner.errors import InvalidInput
from planner.money import ZERO, Money, money, to_int
from planner.rates import Rate

MAX_TEXT = 200


class CreditorKind(StrEnum):
    """The kind of creditor; it decides which legal cap applies (see :mod:`planner.caps`)."""

    CREDIT_CARD = "credit-card"  # 银行信用卡
    BANK_LOAN = "bank-loan"  # 银行贷款
    CONSUMER_FINANCE = "consumer-finance"  # 消费金融公司
    ONLINE_PLATFORM = "online-platform"  # 网贷平台 / 助贷
    MICROLOAN = "microloan"  # 小额贷款公司
    PRIVATE = "private"  # 民间借贷

    @property
    def is_licensed_financial(self) -> bool:
        """Return True for lenders licensed as financial institutions or local financial organisations."""
        return self is not CreditorKind.PRIVATE




class ExpenseCategory(StrEnum):
    """Essential monthly expense categories."""

    HOUSING = "housing"  # 住房
    FOOD = "food"  # 饮食
    UTILITIES = "utilities"  # 水电燃气通讯
    TRANSPORT = "transport"  # 交通
    CHILDREN = "children"  # 子女/教育
    MEDICAL = "medical"  # 医疗
    OTHER = "other"  # 其他


class BenchmarkArea(StrEnum):
    """Which household-survey figures a budget is compared with (国家统计局 住户收支与生活状况调查, see
    :mod:`planner.caps.spending`): all residents, urban or rural residents."""

    NATIONAL = "national"  # 全国居民
    URBAN = "urban"  # 城镇居民
    RURAL = "rural"  # 农村居民


MAX_MEMBERS = 20




def _text(value: Any, field_name: str, *, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        value = str(value)
    text = str(value).strip()
    if required and not text:
        raise InvalidInput(field_name, "required", value)
    if len(text) > MAX_TEXT:
        raise InvalidInput(field_name, "too_long", f"{text[:20]}…", params={"high": MAX_TEXT})
    return text




@dataclass(frozen=True, slots=True)
class IncomeItem:
    """A net monthly income source (工资, 兼职, 租金 …)."""

    name: str
    amount: Money

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", _text(self.name, "income"))
        object.__setattr__(self, "amount", money(self.amount, field="income"))


@dataclass(frozen=True, slots=True)
class ExpenseItem:
    """An essential monthly expense in one category."""

    category: ExpenseCategory
    amount: Money
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "category", parse_choice(ExpenseCategory, self.category, "expenses"))
        object.__setattr__(self, "amount", money(self.amount, field="expenses"))
        object.__setattr__(self, "name", _text(self.name, "expenses", required=False))


@dataclass(frozen=True, slots=True)
class Budget:
    """A household's monthly budget.

    ``disposable`` = total income − essential expenses − reserve: what can go to debts each month. It may be
    negative (shortfall); the planner handles that rather than rejecting it.

    Attributes:
        incomes: net monthly income items.
        expenses: essential monthly expenses by category.
        reserve: a monthly amount kept back as a buffer (应急储备) before anything goes to creditors.
        members: the people the budget keeps (家庭人数), a whole number 1–20; the spending benchmarks are for
            that many people.
        area: which survey figures the expenses are compared with (national, urban or rural residents).
    """

    incomes: tuple[IncomeItem, ...] = ()
    expenses: tuple[ExpenseItem, ...] = ()
    reserve: Money = ZERO
    members: int = 1
    area: BenchmarkArea = BenchmarkArea.NATIONAL

    def __post_init__(self) -> None:
        object.__setattr__(self, "incomes", tuple(self.incomes))
        object.__setattr__(self, "expenses", tuple(self.expenses))
        object.__setattr__(self, "reserve", money(self.reserve, field="reserve"))
        object.__setattr__(self, "members", to_int(self.members, field="members", low=1, high=MAX_MEMBERS))
        object.__setattr__(self, "area", parse_choice(BenchmarkArea, self.area, "area"))

    @property
    def total_income(self) -> Money:
        """Return the sum of monthly income."""
        return Money(sum((i.amount for i in self.incomes), ZERO))

    @property
    def total_expenses(self) -> Money:
        """Return the sum of essential monthly expenses."""
        return Money(sum((e.amount for e in self.expenses), ZERO))

    @property
    def disposable(self) -> Money:
        """Return income − expenses − reserve (可用于还款的金额); negative in a shortfall."""
        return Money(self.total_income - self.total_expenses - self.reserve)

    def expenses_by_category(self) -> dict[ExpenseCategory, Money]:
        """Return the expense total of each category (categories without items are 0)."""
        totals = {c: ZERO for c in ExpenseCategory}
        for item in self.expenses:
            totals[item.category] = Money(totals[item.category] + item.amount)
        return totals


@dataclass(frozen=True, slots=True, kw_only=True)
class Debt:
    """One debt as the creditor states it on the as-of date (keyword arguments; fields in the order the case file
    and the debts table write them, see :mod:`planner.domain.fields`).

    Attributes:
        id: a short unique identifier within the case (``"cmb-card"``).
        creditor: the creditor's name (招商银行信用卡中心).
        kind: the creditor kind, which decides the legal cap.
        contract_date: the date the contract was formed (合同签订日).
        original_principal: the principal lent (借款本金).
        outstanding_principal: the principal still owed (剩余本金).
        accrued_interest: contractual interest due and unpaid (已计未付利息).
        penalty_interest: penalty interest (罚息), including compound interest.
        liquidated_damages: liquidated damages / late fees (违约金 / 滞纳金).
        other_fees: service, guarantee and other fees claimed (服务费、担保费等).
        contract_rate: the contractual interest rate.
        penalty_rate: the penalty rate on overdue amounts; ``None`` when the contract sets none.
        fee_rate: recurring fees (服务费, 担保费, 会员费) expressed as percent a year of the principal; with the
            contract rate it makes the comprehensive annual cost (综合年化成本).
        overdue_since: the first day of default; ``None`` when not overdue.
        monthly_payment: the contractual installment, or the card's minimum payment.
        account_number: account or contract number (optional).
    """

    id: str
    creditor: str
    kind: CreditorKind
    contract_date: date
    original_principal: Money = field(metadata={"default_from": "outstanding_principal"})
    outstanding_principal: Money
    accrued_interest: Money = ZERO
    penalty_interest: Money = ZERO
    liquidated_damages: Money = ZERO
    other_fees: Money = ZERO
    contract_rate: Rate
    penalty_rate: Rate | None = None
    fee_rate: Rate | None = None
    overdue_since: date | None = None
    monthly_payment: Money
    account_number: str = ""
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "id", _text(self.id, "id"))
        set_(self, "creditor", _text(self.creditor, "creditor"))
        set_(self, "kind", parse_choice(CreditorKind, self.kind, "kind"))
        set_(self, "contract_date", parse_date(self.contract_date, field="contract_date"))
        for name in (
            "original_principal",
            "outstanding_principal",
            "monthly_payment",
            "accrued_interest",
            "penalty_interest",
            "liquidated_damages",
            "other_fees",
        ):
            set_(self, name, money(getattr(self, name), field=name))
        if self.original_principal <= 0:
            raise InvalidInput("original_principal", "not_positive", self.original_principal)
        set_(self, "contract_rate", Rate.parse(self.contract_rate, field="contract_rate"))
        if self.penalty_rate is not None:
            set_(self, "penalty_rate", Rate.parse(self.penalty_rate, field="penalty_rate"))
        if self.fee_rate is not None:
            set_(self, "fee_rate", Rate.parse(self.fee_rate, field="fee_rate"))
        if self.overdue_since is not None:
            set_(self, "overdue_since", parse_date(self.overdue_since, field="overdue_since"))
            if self.overdue_since < self.contract_date:
                raise InvalidInput(
                    "overdue_since", "date_order", self.overdue_since.isoformat(), params={"other": "contract_date"}
                )
        set_(self, "account_number", _text(self.account_number, "account_number", required=False))

    def __hash__(self) -> int:
        # Computed once: the planner keys its caches by debts, looked up on every re-plan.
        if not self._hash:
            object.__setattr__(self, "_hash", hash(tuple(getattr(self, name) for name in _DEBT_FIELDS)))
        return self._hash

    @property
    def charges(self) -> Money:
        """Return everything owed above the principal: interest, penalty interest, damages and fees."""
        return Money(self.accrued_interest + self.penalty_interest + self.liquidated_damages + self.other_fees)

    @property
    def penalties_and_fees(self) -> Money:
        """Return penalty interest, liquidated damages and other fees (not contractual interest)."""
        return Money(self.penalty_interest + self.liquidated_damages + self.other_fees)

    @property
    def balance(self) -> Money:
        """Return the total claimed: outstanding principal plus all charges."""
        return Money(self.outstanding_principal + self.charges)

    @property
    def is_overdue(self) -> bool:
        """Return True when the debt has an overdue date."""
        return self.overdue_since is not None

    @property
    def cost_rate_percent(self) -> Decimal:
        """Return the contractual comprehensive annual cost: contract rate plus fee rate, percent a year."""
        fees = self.fee_rate.percent_per_year if self.fee_rate else Decimal(0)
        return self.contract_rate.percent_per_year + fees

    @property
    def running_rate(self) -> Rate:
        """Return the rate the status quo accrues at: when overdue, the penalty rate if set and not below the
        contract rate (an overdue debt keeps bearing at least its contract interest); else the contract rate.
        """
        if self.is_overdue and self.penalty_rate is not None and self.penalty_rate.percent_per_year >= (
            self.contract_rate.percent_per_year
        ):
            return self.penalty_rate
        return self.contract_rate

    def with_(self, **changes: Any) -> Debt:
        """Return a copy with ``changes`` applied (validated again)."""
        return replace(self, **changes)


_DEBT_FIELDS = tuple(f.name for f in fields(Debt) if f.compare)


def check_unique_ids(debts: tuple[Debt, ...] | list[Debt]) -> None:
    """Raise when two debts share an id.

    Raises:
        InvalidInput: naming the repeated id and where it appears.
    """
    seen: dict[str, int] = {}
    for index, debt in enumerate(debts):
        if debt.id in seen:
            raise InvalidInput("id", "duplicate", debt.id, where=f"debts[{index}]")
        seen[debt.id] = index
