"""``build_schedule``: one debt under one plan (waiver, deferral, restructure or settlement)."""


from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.dates import months_between, parse_date
from planner.domain.model import CreditorKind, Debt
from planner.domain.options import (
    CARD_RESTRUCTURE_LIMIT,
    Plan,
    RateChoice,
    Restructure,
)
from planner.engines.schedules.amortize import amortize_lines
from planner.engines.schedules.apr import schedule_apr
from planner.engines.schedules.contract import continue_contract, never_paid_off, projected_payoff
from planner.engines.schedules.deferral import defer, deferral_rate
from planner.engines.schedules.lines import MAX_HORIZON, Installment, Schedule, due_dates_cached, new_line
from planner.engines.schedules.waiver import waiver_request
from planner.errors import InvalidInput
from planner.findings import Finding, Severity
from planner.money import ZERO, Money, money, round_fen, to_int
from planner.rates import Rate

CARD_RULE_SOURCE = "《商业银行信用卡业务监督管理办法》（原银监会令2011年第2号）第七十条"

_ZERO = Decimal("0.00")
_HUNDRED = Decimal(100)
_MONTHLY = Decimal(1200)  # annual percent -> monthly fraction


def _restructure_rate(debt: Debt, restructure: Restructure, cap_rate: Rate) -> Decimal:
    choice = restructure.rate
    if choice is RateChoice.ZERO:
        return _ZERO
    if choice is RateChoice.CUSTOM:
        assert restructure.custom_rate is not None  # Restructure checks it on creation
        return restructure.custom_rate.percent_per_year
    contract = debt.contract_rate.percent_per_year
    if choice is RateChoice.CONTRACT:
        return contract
    return min(contract, cap_rate.percent_per_year)


def build_schedule(
    debt: Debt,
    plan: Plan,
    *,
    start: date,
    cap_rate: Rate,
    excess: Money = ZERO,
    horizon: int = 120,
) -> Schedule:
    """Return the schedule of ``debt`` under ``plan`` from ``start`` (see the module notes for every convention).

    Args:
        debt: the debt as stated on the start date.
        plan: waiver, deferral, restructure or settlement; :data:`planner.domain.options.STATUS_QUO` for the baseline.
        start: the plan's first day (period 0); the first monthly payment falls one month later.
        cap_rate: the legal cap rate of the debt (from the cap audit), used by the "capped" rate choices.
        excess: the charges above the legal cap (from the cap audit), used by ``WaiverMode.EXCESS``.
        horizon: months simulated when the contract continues (status quo, waiver or deferral only).

    The horizon cuts only the open-ended contract path: without a restructure or settlement the contract (and a
    deferral before it) runs from period 1 to ``horizon`` at most, and a debt not paid off by then has
    ``remaining > 0``, no :attr:`Schedule.payoff_date` and the finding ``UNPAID_AT_HORIZON`` ("not paid off
    within the N months shown", with the date it would be paid off later) — never ``NEVER_PAID_OFF``, which is
    reported only when the payment does not exceed the first contract month's interest and fee, so the balance
    cannot fall at all. Restructure installments (with the deferral and down payment before them) and a
    settlement are always listed in full, however far beyond the horizon they run: their payoff date may then
    fall after it, and the finding ``PLAN_BEYOND_HORIZON`` (information, subject ``"horizon"``, equal for every
    debt) says that this rule applies.

    Returns:
        The schedule, with the APR and findings.

    Raises:
        InvalidInput: ``horizon`` outside 1–1200, a negative ``excess``, a settlement ``pay_by`` before
            ``start``.
    """
    start = parse_date(start, field="start")
    horizon = to_int(horizon, field="horizon", low=1, high=MAX_HORIZON, allow_text=False)
    excess = money(excess, field="excess")
    findings: list[Finding] = []
    subject = debt.id

    charges = debt.charges
    request = waiver_request(debt, plan.waiver, excess)
    waived = request
    if request > charges:
        waived = charges
        findings.append(
            Finding.of(
                "WAIVER_CLAMPED",
                Severity.INFO,
                subject,
                f"申请减免 {request} 元超过利息、罚息和费用合计 {charges} 元，按 {charges} 元计算（本金不减免）。",
                f"The waiver asked for ({request}) exceeds the charges ({charges}); {charges} is used "
                "(principal is never waived).",
                requested=request,
                charges=charges,
            )
        )
    p: Decimal = debt.outstanding_principal
    c: Decimal = charges - waived
    opening = p + c
    lines: list[Installment] = []
    remaining = _ZERO
    guess = _ZERO

    if plan.settlement is not None:
        settlement = plan.settlement
        if settlement.pay_by < start:
            raise InvalidInput("pay_by", "date_order", settlement.pay_by.isoformat(), params={"other": "start"})
        pay = round_fen(opening * settlement.percent / _HUNDRED)
        waived = waived + opening - pay
        if opening:
            lines.append(new_line(Installment, (months_between(start, settlement.pay_by), settlement.pay_by, pay, pay,
                                             _ZERO, _ZERO, _ZERO)))
    elif plan.restructure is not None:
        restructure = plan.restructure
        deferral = plan.deferral
        deferred = deferral.months if deferral is not None else 0
        dates = due_dates_cached(start, deferred + restructure.months)
        down = restructure.down_payment
        if down > opening:
            findings.append(
                Finding.of(
                    "DOWN_PAYMENT_CLAMPED",
                    Severity.INFO,
                    subject,
                    f"首付款 {down} 元超过减免后欠款 {opening} 元，按 {opening} 元计算。",
                    f"The down payment ({down}) exceeds the balance after the waiver ({opening}); {opening} is used.",
                    down_payment=down,
                    balance=opening,
                )
            )
            down = opening
        if down:
            if down >= c:
                p -= down - c
                c = _ZERO
            else:
                c -= down
            lines.append(new_line(Installment, (0, start, down, down, _ZERO, _ZERO, p + c)))
        held = _ZERO
        if deferral is not None and deferral.months:
            p, c, held = defer(
                lines,
                p,
                c,
                months=deferral.months,
                token=deferral.token_amount,
                pct=deferral_rate(debt, deferral.interest, cap_rate),
                capitalise=deferral.capitalise,
                dates=dates,
            )
        amount = p + c
        rate = _restructure_rate(debt, restructure, cap_rate)
        guess = rate / _MONTHLY
        if amount:
            fee = round_fen(amount * restructure.monthly_fee_percent / _HUNDRED)
            lines.extend(
                amortize_lines(amount, rate, restructure.months, restructure.method, dates, deferred + 1, fee, held)
            )
            guess += restructure.monthly_fee_percent / 50  # a flat fee costs about twice its rate
        if restructure.months > CARD_RESTRUCTURE_LIMIT:
            card = debt.kind is CreditorKind.CREDIT_CARD
            findings.append(
                Finding.of(
                    "TERM_OVER_60",
                    Severity.WARNING if card else Severity.INFO,
                    subject,
                    f"分期 {restructure.months} 期超过 60 期："
                    + ("信用卡个性化分期最长 5 年（60 期），银行通常不会同意。" if card
                       else "60 期是信用卡个性化分期的上限，其他债权人可自行约定期限。"),
                    f"{restructure.months} installments exceed 60: "
                    + ("a credit-card personalised installment plan may last at most 5 years (60 months)." if card
                       else "60 months is the credit-card limit; other lenders set their own terms."),
                    CARD_RULE_SOURCE,
                    months=restructure.months,
                    limit=CARD_RESTRUCTURE_LIMIT,
                )
            )
    else:
        deferral = plan.deferral
        deferred = deferral.months if deferral is not None else 0
        dates = due_dates_cached(start, max(horizon, deferred))
        rate = debt.running_rate if plan.is_status_quo else debt.contract_rate
        guess = rate.percent_per_year / _MONTHLY
        held = _ZERO
        resume = (p, c, held)  # what the contract resumes from after the whole deferral, shown or not
        if deferral is not None and deferred:
            before = (p, c)
            pct = deferral_rate(debt, deferral.interest, cap_rate)
            p, c, held = defer(lines, p, c, months=min(deferred, horizon), token=deferral.token_amount, pct=pct,
                                capitalise=deferral.capitalise, dates=dates)
            resume = (p, c, held)
            if deferred > horizon:  # the horizon cuts the deferral: play it out (unlisted) to judge what follows
                resume = defer([], *before, months=deferred, token=deferral.token_amount, pct=pct,
                                capitalise=deferral.capitalise, dates=dates)
        stuck = never_paid_off(debt, *resume, rate)
        if stuck is not None:
            findings.append(stuck)
        p, c, held = continue_contract(
            debt, lines, p, c, held, first=deferred + 1, horizon=horizon, rate=rate, dates=dates
        )
        remaining = p + c + held
        if remaining and stuck is None:
            if deferred < horizon:
                later = projected_payoff(debt, start, p, c, held, first=horizon + 1, rate=rate)
            else:
                later = projected_payoff(debt, start, *resume, first=deferred + 1, rate=rate)
            findings.append(_unpaid_at_horizon(subject, remaining, horizon, deferred, later))

    if plan.settlement is not None or plan.restructure is not None:
        beyond = _beyond_horizon(lines, horizon)
        if beyond is not None:
            findings.append(beyond)

    return Schedule(
        debt_id=debt.id,
        start=start,
        opening_balance=Money(opening),
        waived=Money(waived),
        lines=tuple(lines),
        remaining=Money(remaining),
        apr_percent=schedule_apr(opening, lines, remaining, guess),
        findings=tuple(findings),
    )


def _unpaid_at_horizon(
    subject: str, remaining: Decimal, horizon: int, deferred: int, later: tuple[int, date] | None
) -> Finding:
    """UNPAID_AT_HORIZON: payments on contract terms are shown only for ``horizon`` months; the debt is not
    paid off within them, which is not the same as never (that is NEVER_PAID_OFF)."""
    if deferred >= horizon:
        cut_zh = f"延期 {deferred} 个月，已到显示的 {horizon} 个月末，延期后按合同继续还款的部分不在显示范围内"
        cut_en = (f"the {deferred}-month deferral reaches the end of the {horizon} months shown, so the payments on "
                  "contract terms after it are not shown")
    else:
        cut_zh = "按合同继续还款的部分只测算到此为止"
        cut_en = "payments on contract terms are projected only that far"
    when: dict[str, object] = {}
    if later is None and horizon >= MAX_HORIZON:
        when_zh = when_en = ""
    elif later is None:
        when_zh = f"按目前的还款额，{MAX_HORIZON} 个月内也还不清。"
        when_en = f" At the current payment it is not paid off within {MAX_HORIZON} months either."
    else:
        period, day = later
        when_zh = f"按目前的还款额欠款在逐月减少，预计 {day.isoformat()}（第 {period} 个月）还清。"
        when_en = (f" At the current payment the balance does fall: it would be paid off on {day.isoformat()} "
                   f"(month {period}).")
        when = {"payoff_month": period, "payoff_date": day.isoformat()}
    return Finding.of(
        "UNPAID_AT_HORIZON",
        Severity.WARNING,
        subject,
        f"在显示的 {horizon} 个月内未还清，第 {horizon} 个月末仍欠 {remaining} 元（{cut_zh}，"
        f"还清日期因此显示为空）。{when_zh}",
        f"Not paid off within the {horizon} months shown: {remaining} is still owed at the end of month {horizon} "
        f"({cut_en}, so no debt-free date is shown).{when_en}",
        remaining=Money(remaining),
        horizon=horizon,
        **when,
    )


HORIZON_SUBJECT = "horizon"  # the subject of PLAN_BEYOND_HORIZON, equal for every debt so a listing shows it once


def _beyond_horizon(lines: list[Installment], horizon: int) -> Finding | None:
    """PLAN_BEYOND_HORIZON when a negotiated plan's last payment falls after the horizon (it is listed anyway).

    Its subject, wording and detail depend only on the horizon, so the findings of several debts are equal and a
    listing can show the rule once; each debt's own last date is its schedule's :attr:`Schedule.payoff_date`.
    """
    if not lines or lines[-1][0] <= horizon:
        return None
    return Finding.of(
        "PLAN_BEYOND_HORIZON",
        Severity.INFO,
        HORIZON_SUBJECT,
        f"协商的分期或一次性结清有还款在显示的 {horizon} 个月之后：协商方案总是完整列出，测算月数只截断按合同继续"
        "还款的部分，所以协商方案的还清日期可以晚于显示的月数，还款总额也包括全部分期。",
        f"A negotiated installment plan or settlement has payments after the {horizon} months shown: negotiated "
        "plans are always listed in full and the horizon cuts only payments on contract terms, so a negotiated "
        "plan's debt-free date may fall after the months shown and its totals include every installment.",
        horizon=horizon,
    )


