"""Scenarios against the household budget: month-by-month cash flow, totals, and fitting plans to the budget.

``evaluate_case(case)`` computes once what every scenario shares — the cap audit of each debt and the status-quo
baseline — then evaluates each scenario: one schedule per debt (:func:`planner.engines.schedules.build.build_schedule`), the
household's cash flow per month (income − essential expenses − reserve − all payments), the months where payments
exceed disposable income, and per-creditor figures. Results are plain frozen data that a table, a chart and a
document all read; nothing here formats or draws.

Conventions:

* Month 0 is the scenario's start date (down payments, settlements due at once); month k is
  ``add_months(start, k)``. Every month, including month 0, is checked against one month's disposable income.
* A debt's **cost** is what is paid over the horizon plus what is still owed at its end; the **saving** is the
  status-quo cost minus the scenario's cost.
* The **share of disposable income** is a payment divided by disposable income, in percent (2 places, half up);
  ``None`` when disposable income is not positive.

Fit to budget (:func:`shortest_affordable_terms`, :func:`pro_rata_scenario`) builds scenarios from the budget: the
shortest common restructure term that stays affordable every month, and the debt-management-plan split of the
affordable amount in proportion to balances, with token payments where even that cannot repay (shortfall mode).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import NamedTuple

from planner.caps import CapAudit, audit_debt
from planner.dates import add_months
from planner.domain.case import Case
from planner.domain.model import Budget, Debt
from planner.domain.options import (
    CARD_RESTRUCTURE_LIMIT,
    MAX_RESTRUCTURE_MONTHS,
    STATUS_QUO,
    Deferral,
    Plan,
    RateChoice,
    RepaymentMethod,
    Restructure,
    Scenario,
    Waiver,
    WaiverMode,
)
from planner.engines.payoff import MinPayment, PayoffDebt, simulate_surplus
from planner.engines.schedules import Installment, Schedule, apr_percent, build_schedule, waiver_amount
from planner.findings import Finding, Severity
from planner.money import FEN, ZERO, Money, floor_fen, round_fen

DEFAULT_HORIZON = 120  # months shown and costed; a status quo still unpaid then counts its remaining balance
_PCT = Decimal("0.01")
STATUS_QUO_NAME = "维持现状"


def share_percent(amount: Decimal, disposable: Decimal) -> Decimal | None:
    """Return ``amount`` as a percentage of ``disposable`` (2 places), or None when disposable ≤ 0."""
    if disposable <= 0:
        return None
    return (amount * 100 / disposable).quantize(_PCT, rounding=ROUND_HALF_UP)


class MonthFlow(NamedTuple):
    """One month of the household's cash flow under a scenario."""

    month: int
    date: date
    income: Money
    expenses: Money
    reserve: Money
    disposable: Money  # income − expenses − reserve
    payments: Money  # all debt payments due this month
    by_debt: dict[str, Money]
    surplus: Money  # disposable − payments; negative when the month is unaffordable
    balance: Money  # everything still owed after this month's payments

    @property
    def is_affordable(self) -> bool:
        """Return True when payments do not exceed disposable income."""
        return self.surplus >= 0


@dataclass(frozen=True, slots=True)
class DebtOutcome:
    """One debt under one scenario."""

    debt_id: str
    creditor: str
    plan: Plan
    schedule: Schedule
    status_quo_cost: Money
    disposable: Money

    @property
    def total_paid(self) -> Money:
        """Return the sum of all payments."""
        return self.schedule.total_payment

    @property
    def interest(self) -> Money:
        """Return the interest paid."""
        return self.schedule.total_interest

    @property
    def fees(self) -> Money:
        """Return the fees paid."""
        return self.schedule.total_fees

    @property
    def waived(self) -> Money:
        """Return the amount waived (减免) by the plan."""
        return self.schedule.waived

    @property
    def remaining(self) -> Money:
        """Return what is still owed at the end of the horizon."""
        return self.schedule.remaining

    @property
    def cost(self) -> Money:
        """Return total paid plus what is still owed at the horizon."""
        return Money(self.total_paid + self.remaining)

    @property
    def saving(self) -> Money:
        """Return the status-quo cost minus this plan's cost."""
        return Money(self.status_quo_cost - self.cost)

    @property
    def debt_free_date(self) -> date | None:
        """Return the date of the last payment, or None when not repaid within the horizon."""
        return self.schedule.payoff_date

    @property
    def largest_payment(self) -> Money:
        """Return the largest single payment."""
        return self.schedule.largest_payment

    @property
    def share_of_disposable(self) -> Decimal | None:
        """Return the largest payment as a percentage of disposable income."""
        return share_percent(self.largest_payment, self.disposable)

    @property
    def apr_percent(self) -> Decimal | None:
        """Return the plan's true APR (IRR), percent a year."""
        return self.schedule.apr_percent


@dataclass(frozen=True, slots=True)
class Outcome:
    """A scenario evaluated against the budget."""

    name: str
    start: date
    budget: Budget
    debts: tuple[DebtOutcome, ...]
    months: tuple[MonthFlow, ...]
    findings: tuple[Finding, ...]

    @property
    def shortfall_months(self) -> tuple[MonthFlow, ...]:
        """Return the months where payments exceed disposable income."""
        return tuple(m for m in self.months if not m.is_affordable)

    @property
    def is_affordable(self) -> bool:
        """Return True when every month's payments fit disposable income."""
        return not self.shortfall_months

    @property
    def total_paid(self) -> Money:
        """Return everything paid to all creditors."""
        return Money(sum((d.total_paid for d in self.debts), ZERO))

    @property
    def total_interest(self) -> Money:
        """Return all interest paid."""
        return Money(sum((d.interest for d in self.debts), ZERO))

    @property
    def total_fees(self) -> Money:
        """Return all fees paid."""
        return Money(sum((d.fees for d in self.debts), ZERO))

    @property
    def total_waived(self) -> Money:
        """Return everything waived."""
        return Money(sum((d.waived for d in self.debts), ZERO))

    @property
    def total_remaining(self) -> Money:
        """Return what is still owed at the horizon."""
        return Money(sum((d.remaining for d in self.debts), ZERO))

    @property
    def total_cost(self) -> Money:
        """Return total paid plus the remaining balance."""
        return Money(self.total_paid + self.total_remaining)

    @property
    def total_saving(self) -> Money:
        """Return the saving against the status quo."""
        return Money(sum((d.saving for d in self.debts), ZERO))

    @property
    def debt_free_date(self) -> date | None:
        """Return the last payoff date, or None when some debt is not repaid within the horizon."""
        dates = [d.debt_free_date for d in self.debts]
        if not dates or any(d is None for d in dates):
            return None
        return max(d for d in dates if d is not None)

    @property
    def largest_monthly_payment(self) -> Money:
        """Return the largest total of payments in one month."""
        return max((m.payments for m in self.months), default=ZERO)

    @property
    def largest_share_of_disposable(self) -> Decimal | None:
        """Return the largest month's payments as a percentage of disposable income."""
        return share_percent(self.largest_monthly_payment, self.budget.disposable)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The status-quo baseline and each scenario's outcome for one case."""

    baseline: Outcome
    outcomes: tuple[Outcome, ...]
    audits: tuple[CapAudit, ...]

    @property
    def all(self) -> tuple[Outcome, ...]:
        """Return the baseline followed by the scenarios."""
        return (self.baseline, *self.outcomes)


class _Context(NamedTuple):
    debts: tuple[Debt, ...]
    budget: Budget
    audits: dict[str, CapAudit]
    horizon: int
    as_of: date


def _start_findings(scenario: Scenario, as_of: date) -> list[Finding]:
    """Return findings on a start date that does not sit with the as-of date of the figures."""
    if scenario.start < as_of:
        return [Finding.of(
            "START_BEFORE_AS_OF", Severity.WARNING, scenario.name,
            f"方案开始日 {scenario.start} 早于测算基准日 {as_of}：欠款数字是基准日的，请把开始日改为基准日或之后。",
            f"The plan starts on {scenario.start}, before the as-of date {as_of} of the figures: start it on or "
            "after the as-of date.",
        )]
    if scenario.start > add_months(as_of, 1):
        return [Finding.of(
            "START_AFTER_AS_OF", Severity.INFO, scenario.name,
            f"方案开始日 {scenario.start} 比测算基准日 {as_of} 晚一个月以上：期间新增的利息和罚息未计入，"
            "实际欠款会更高，请在开始前更新欠款数字。",
            f"The plan starts on {scenario.start}, more than a month after the as-of date {as_of}: interest and "
            "penalties in between are not included, so the real balance will be higher; update the figures first.",
        )]
    return []


def _plan_findings(scenario: Scenario) -> list[Finding]:
    """Return findings on plan figures that are valid but probably mistyped (a 0.5 % settlement meant as 50 %)."""
    found = []
    for debt_id, plan in scenario.plans:
        if plan.settlement is not None and plan.settlement.percent < 5:
            percent = plan.settlement.percent
            meant = f"{(percent * 100).normalize():f}"
            found.append(Finding.of(
                "SETTLEMENT_PERCENT_LOW", Severity.WARNING, debt_id,
                f"一次性结清比例为 {percent}%，很低：如果本意是 {meant}%，请填写 {meant}（按百分数填写）。",
                f"The settlement is {percent}% of the balance, which is very low: if {meant}% was meant, enter {meant}.",
            ))
    return found


def _schedule(ctx: _Context, debt: Debt, plan: Plan, start: date) -> Schedule:
    audit = ctx.audits[debt.id]
    return build_schedule(debt, plan, start=start, cap_rate=audit.cap.rate, excess=audit.excess, horizon=ctx.horizon)


def _cash_flow(budget: Budget, start: date, schedules: Sequence[Schedule]) -> tuple[MonthFlow, ...]:
    """Return the household's months from the first to the last payment of any schedule.

    One pass over each schedule's lines: payments are added per month, and each debt's balance is carried
    forward from its last line (its opening balance before the first one).
    """
    last = max((s.lines[-1].period for s in schedules if s.lines), default=0)
    first = 0 if any(s.lines and s.lines[0].period == 0 for s in schedules) else 1
    span = last - first + 1
    by_debt: list[dict[str, Money]] = [{} for _ in range(span)]
    balances = [ZERO] * span
    for schedule in schedules:
        carried, cursor = schedule.opening_balance, first
        for line in schedule.lines:
            for month in range(cursor, line.period):
                balances[month - first] += carried
            paid = by_debt[line.period - first]
            paid[schedule.debt_id] = paid.get(schedule.debt_id, ZERO) + line.payment
            carried, cursor = line.balance, max(cursor, line.period)
        for month in range(cursor, last + 1):
            balances[month - first] += carried
    income, expenses, reserve, disposable = budget.total_income, budget.total_expenses, budget.reserve, budget.disposable
    months = []
    for offset in range(span):
        paid = Money(sum(by_debt[offset].values(), ZERO))
        month = first + offset
        months.append(
            MonthFlow(month, add_months(start, month), income, expenses, reserve, disposable, paid, by_debt[offset],
                      Money(disposable - paid), Money(balances[offset]))
        )
    return tuple(months)


def _surplus_schedules(
    ctx: _Context, scenario: Scenario, fixed: dict[str, Schedule]
) -> tuple[dict[str, Schedule], tuple[Finding, ...]]:
    """Return schedules of the debts on contract terms when the surplus goes to them under a payoff policy.

    Month ``k``'s budget for those debts is disposable income minus the fixed plans' payments that month; the
    payoff engine pays each its contractual payment in full (a month where that exceeds the budget shows up as
    unaffordable, exactly as without a policy) and gives what is left, if anything, in the policy's order. The debts are costed as :mod:`planner.engines.schedules.build` costs the status quo, so
    savings compare like with like: interest at the running rate (the penalty rate for the status quo, the
    contract rate once a waiver is agreed) on the principal only, unpaid interest and fees bearing none
    (``compound=False``), the recurring ``fee_rate`` fee, and payments clearing charges before principal.
    """
    flexible = [d for d in ctx.debts if scenario.plan_for(d.id).is_contract_terms]
    if not flexible:
        return {}, ()
    disposable = ctx.budget.disposable
    fixed_by_month = [s.payment_by_period() for s in fixed.values()]
    budgets = [disposable - sum((p.get(k, ZERO) for p in fixed_by_month), ZERO) for k in range(1, ctx.horizon + 1)]
    payoff_debts, opening, waived = [], {}, {}
    for debt in flexible:
        plan = scenario.plan_for(debt.id)
        waived[debt.id] = waiver_amount(debt, plan.waiver, excess=ctx.audits[debt.id].excess)
        opening[debt.id] = Money(debt.balance - waived[debt.id])
        rate = debt.running_rate if plan.is_status_quo else debt.contract_rate
        payoff_debts.append(PayoffDebt(debt.id, debt.creditor, opening[debt.id], rate,
                                       MinPayment.fixed(debt.monthly_payment),
                                       charges=Money(debt.charges - waived[debt.id]), fee_rate=debt.fee_rate,
                                       compound=False))
    ids = {d.id for d in flexible}
    order = [i for i in scenario.surplus_order if i in ids] or None
    result = simulate_surplus(payoff_debts, budgets=budgets, after=max(disposable, FEN), start=scenario.start,
                              policy=scenario.surplus_policy or "avalanche", order=order, horizon=ctx.horizon)
    schedules = {}
    for debt in flexible:
        key = debt.id
        lines = tuple(
            Installment(m.month, m.date, m.payments[key], Money(m.payments[key] - m.interest[key] - m.fees[key]),
                        m.interest[key], m.fees[key], m.balances[key])
            for m in result.months
            if m.payments[key] or m.interest[key] or m.fees[key]
        )
        remaining = result.debt(key).balance
        flows = [(0, opening[key])] + [(line.period, -line.payment) for line in lines]
        if lines and remaining:
            flows.append((lines[-1].period, -remaining))
        findings = tuple(f for f in result.findings if f.subject == key)
        schedules[key] = Schedule(key, scenario.start, opening[key], waived[key], lines, remaining,
                                  apr_percent(flows) if lines else None, findings)
    return schedules, tuple(replace(f, subject=scenario.name) for f in result.findings if f.subject not in ids)


def _scenario_schedules(ctx: _Context, scenario: Scenario) -> tuple[list[Schedule], tuple[Finding, ...]]:
    """Return one schedule per debt (input order) and any plan-level findings of the surplus policy."""
    if scenario.surplus_policy is None:
        return [_schedule(ctx, debt, scenario.plan_for(debt.id), scenario.start) for debt in ctx.debts], ()
    fixed = {d.id: _schedule(ctx, d, scenario.plan_for(d.id), scenario.start)
             for d in ctx.debts if not scenario.plan_for(d.id).is_contract_terms}
    flexible, findings = _surplus_schedules(ctx, scenario, fixed)
    return [fixed.get(d.id) or flexible[d.id] for d in ctx.debts], findings


def _evaluate(
    ctx: _Context, scenario: Scenario, baseline: dict[str, Money], schedules: Sequence[Schedule] | None = None
) -> Outcome:
    """Evaluate ``scenario``; ``schedules`` may be given when already built (the status quo's are)."""
    surplus_findings: tuple[Finding, ...] = ()
    if schedules is None:
        schedules, surplus_findings = _scenario_schedules(ctx, scenario)
    debts = tuple(
        DebtOutcome(debt.id, debt.creditor, scenario.plan_for(debt.id), schedule, baseline[debt.id],
                    ctx.budget.disposable)
        for debt, schedule in zip(ctx.debts, schedules, strict=True)
    )
    months = _cash_flow(ctx.budget, scenario.start, schedules)
    findings = _start_findings(scenario, ctx.as_of) + _plan_findings(scenario)
    findings += [f for s in schedules for f in s.findings]
    findings += surplus_findings
    short = [m for m in months if not m.is_affordable]
    if short:
        worst = min(short, key=lambda m: m.surplus)
        findings.append(
            Finding(
                "PAYMENTS_EXCEED_DISPOSABLE",
                Severity.WARNING,
                scenario.name,
                f"共有 {len(short)} 个月的还款额超过可用于还款的收入，最多超出 ¥{-worst.surplus:,.2f}"
                f"（{worst.date:%Y年%m月}）。",
                f"In {len(short)} month(s) payments exceed disposable income, by up to ¥{-worst.surplus:,.2f} "
                f"({worst.date:%Y-%m}).",
                detail=(("months", str(len(short))), ("largest_gap", f"{-worst.surplus:.2f}")),
            )
        )
    return Outcome(scenario.name, scenario.start, ctx.budget, debts, months, tuple(findings))


def evaluate_case(
    case: Case,
    scenarios: Iterable[Scenario] | None = None,
    *,
    start: date | None = None,
    horizon: int = DEFAULT_HORIZON,
) -> Comparison:
    """Evaluate the status quo and each scenario of ``case``.

    Args:
        case: the household's budget and debts.
        scenarios: the scenarios to evaluate (default: the case's own).
        start: the status quo's start date (default: the first scenario's start, else the case's as-of date).
        horizon: months costed and shown.

    Returns:
        A :class:`Comparison` whose baseline is the status quo (名为“维持现状”).
    """
    chosen = tuple(case.scenarios if scenarios is None else scenarios)
    audits = {debt.id: audit_debt(debt, case.as_of) for debt in case.debts}
    ctx = _Context(case.debts, case.budget, audits, horizon, case.as_of)
    base_start = start or (chosen[0].start if chosen else case.as_of)
    status_quo = Scenario(STATUS_QUO_NAME, (), base_start)
    base_schedules = [_schedule(ctx, d, STATUS_QUO, base_start) for d in case.debts]
    costs = {s.debt_id: Money(s.total_payment + s.remaining) for s in base_schedules}
    baseline = _evaluate(ctx, status_quo, costs, base_schedules)
    outcomes = tuple(_evaluate(ctx, s, costs) for s in chosen)
    return Comparison(baseline, outcomes, tuple(audits.values()))


def evaluate(case: Case, scenario: Scenario, *, horizon: int = DEFAULT_HORIZON) -> Outcome:
    """Evaluate one scenario of ``case`` (its savings are against the status quo from the same start)."""
    return evaluate_case(case, (scenario,), start=scenario.start, horizon=horizon).outcomes[0]


# --- fit to budget -------------------------------------------------------------------------------------------


def _restructure_scenario(name: str, debts: Sequence[Debt], months: int, start: date, *, waiver: Waiver,
                          rate: RateChoice, method: RepaymentMethod) -> Scenario:
    plan = Plan(waiver=waiver, restructure=Restructure(months=months, method=method, rate=rate))
    return Scenario(name, tuple((d.id, plan) for d in debts), start)


def shortest_affordable_terms(
    case: Case,
    *,
    start: date,
    waiver: Waiver = Waiver(WaiverMode.PENALTIES_AND_FEES),  # noqa: B008 - frozen value, safe as a default
    rate: RateChoice = RateChoice.ZERO,
    method: RepaymentMethod = RepaymentMethod.EQUAL_INSTALLMENT,
    max_months: int = CARD_RESTRUCTURE_LIMIT,
) -> tuple[Scenario | None, tuple[Finding, ...]]:
    """Return the restructure with the shortest common term that is affordable every month.

    Every debt gets the same waiver and rate and the same number of installments; the term is the smallest
    ``n`` ≤ ``max_months`` whose every month fits disposable income (more months never raise an installment, so
    the search is a bisection). Returns ``(None, findings)`` when even ``max_months`` does not fit.
    """
    if not case.debts:
        return None, ()
    audits = {debt.id: audit_debt(debt, case.as_of) for debt in case.debts}
    ctx = _Context(case.debts, case.budget, audits, max(max_months, 1) + 1, case.as_of)

    def fits(months: int) -> bool:
        plan = Plan(waiver=waiver, restructure=Restructure(months=months, method=method, rate=rate))
        schedules = [_schedule(ctx, d, plan, start) for d in case.debts]
        return all(m.is_affordable for m in _cash_flow(case.budget, start, schedules))

    if not fits(max_months):
        finding = Finding(
            "NO_AFFORDABLE_TERM",
            Severity.WARNING,
            "budget",
            f"即使分 {max_months} 期，月还款额仍超过可用于还款的收入：请考虑延期、按比例还款或进一步减免。",
            f"Even over {max_months} months the installments exceed disposable income: consider a deferral, "
            "a pro-rata offer or a larger waiver.",
        )
        return None, (finding,)
    low, high = 1, max_months
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    name = f"最短可负担分期（{low}期）"
    return _restructure_scenario(name, case.debts, low, start, waiver=waiver, rate=rate, method=method), ()


def _months_within(balance: Decimal, share: Decimal) -> int:
    """Return the fewest 0 % installments of ``balance`` none of which exceeds ``share``.

    Starts from ``ceil(balance / share)`` (Decimal's ``//`` truncates toward zero, so the quotient is rounded up
    explicitly) and lengthens the term while the rounded installment, or the last one that absorbs the rounding
    residue, would still exceed the share.
    """
    months = int((balance / share).to_integral_value(rounding=ROUND_CEILING))
    while True:
        installment = round_fen(balance / months)
        if installment <= share and balance - (months - 1) * installment <= share:
            return months
        months += 1


def pro_rata_scenario(
    case: Case,
    *,
    start: date,
    waiver: Waiver = Waiver(WaiverMode.PENALTIES_AND_FEES),  # noqa: B008 - frozen value, safe as a default
    max_months: int = MAX_RESTRUCTURE_MONTHS,
) -> tuple[Scenario | None, tuple[Finding, ...]]:
    """Split the affordable amount across creditors in proportion to their balances (debt-management plan).

    Each debt's balance after the waiver gets ``share = floor_fen(disposable × balance / total)``, the residue
    going to the largest balance, and is repaid interest-free (停息) in ``ceil(balance / share)`` installments,
    which never exceed the share, so the plan fits disposable income every month. Terms over 60 months carry the
    schedule engine's ``TERM_OVER_60`` finding. Shortfall mode: where even ``max_months`` installments of the share
    cannot repay a debt, it gets 12 months of token payments (象征性还款) equal to its share, then installments,
    with a finding that the plan must be reviewed; where nothing is available at all (disposable income ≤ 0),
    payments are paused for 12 months (a token amount would not be affordable) with a ``SHORTFALL`` finding.
    """
    if not case.debts:
        return None, ()
    audits = {debt.id: audit_debt(debt, case.as_of) for debt in case.debts}
    balances = {d.id: Money(d.balance - waiver_amount(d, waiver, excess=audits[d.id].excess)) for d in case.debts}
    total = sum(balances.values(), ZERO)
    available = case.budget.disposable
    findings: list[Finding] = []
    shares = {d.id: ZERO for d in case.debts}
    if available > 0 and total > 0:
        shares = {k: floor_fen(available * b / total) for k, b in balances.items()}
        largest = max(balances, key=lambda k: balances[k])
        shares[largest] = Money(shares[largest] + available - sum(shares.values(), ZERO))
    else:
        findings.append(
            Finding(
                "SHORTFALL",
                Severity.WARNING,
                "budget",
                "收入不足以支付必要开支，暂无可用于还款的金额：方案先暂停还款 12 个月，请准备困难证明并尽快与债权人协商；"
                "如能挤出少量资金，象征性还款有助于表明还款诚意。",
                "Income does not cover essential expenses, so nothing is available for creditors: the plan pauses "
                "payments for 12 months; prepare hardship proof and talk to the creditors early. A small token "
                "payment, if at all possible, shows good faith.",
            )
        )
    plans = []
    for debt in case.debts:
        balance, share = balances[debt.id], shares[debt.id]
        if balance <= 0:
            plans.append((debt.id, Plan(waiver=waiver)))
            continue
        if share > 0:
            months = _months_within(balance, share)
            if months <= max_months:
                plans.append((debt.id, Plan(waiver=waiver, restructure=Restructure(months=months))))
                continue
        deferral = Deferral(months=12, token_amount=share)
        plans.append((debt.id, Plan(waiver=waiver, deferral=deferral, restructure=Restructure(months=max_months))))
        if share > 0:
            findings.append(
                Finding(
                    "TOKEN_PAYMENTS",
                    Severity.WARNING,
                    debt.id,
                    f"按比例分配的每月 ¥{share:,.2f} 不足以在 {max_months} 期内还清：先按此金额象征性还款 12 个月，"
                    "之后的分期超出可负担范围，需与债权人重新评估（例如进一步减免）。",
                    f"The pro-rata share of ¥{share:,.2f} a month cannot repay within {max_months} months: token "
                    "payments of that amount for 12 months; the installments after them exceed what is affordable "
                    "and must be reviewed with the creditor (e.g. a larger waiver).",
                )
            )
    return Scenario("按余额比例分配", tuple(plans), start), tuple(findings)
