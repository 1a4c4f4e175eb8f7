"""Repayment schedules: exact to the fen, pure, and fast enough to rerun on every widget change.

One entry point, :func:`build_schedule`, turns a :class:`planner.domain.model.Debt` and a :class:`planner.domain.options.Plan`
into a :class:`Schedule`: one :class:`Installment` per payment, the amount waived, what is left at the horizon,
the true APR and the findings. :func:`amortize` is the plain loan calculator underneath (and behind
``planner schedule``); :func:`apr_percent` solves the annualised rate of any monthly cash flow.

Conventions (the README quotes them):

* **Amounts** are ``Decimal`` yuan on the fen. Interest accrues at full precision and is rounded half-up
  (四舍五入, :func:`planner.money.round_fen`) once per month; nothing else is rounded except where stated.
  Every amount in a schedule is positive "amount due" except ``principal`` in a month whose payment does not
  cover the interest charged (negative amortisation: the balance grows by the shortfall).
* **Monthly rate** ``r = annual % / 1200`` (月利率 = 年利率 / 12). Each month's interest is
  ``round_fen(balance × annual % / 1200)``, multiplied first and divided last: a pre-divided ``r`` does not
  terminate (``15.4 / 1200 = 0.01283…``), so ``30.00 × r`` would be ``0.38499…`` and round to 0.38 instead of the
  exact ``0.385`` → 0.39. ``r`` itself is used only in the level-payment formula and as the APR solver's guess.
* **Due dates** are ``add_months(start, k)`` for period ``k``, always from the start date (never cumulative), so
  the 31st falls on the last day of shorter months and a month-end start stays on month ends. Period 0 is the
  start date itself (down payment; a settlement due in the start month is period 0 on its own date).
* **Columns**: ``payment = principal + interest + fee`` exactly; ``principal`` is the reduction of the balance
  carried (for overdue debts it includes repaid charges); ``balance`` is what is carried after the payment, so
  ``balance = previous balance − principal`` on every line, starting from ``opening_balance``. The one thing the
  balance column leaves out is deferral interest held apart without capitalisation (see below), which is owed
  separately and shown in the interest column when it is paid.
* **Order of options** (per debt): waiver on the start date, then a down payment (period 0), then the deferral
  (periods ``1..d``), then the restructured installments (periods ``d+1..d+n``) or, without a restructure, the
  contract continuing from period ``d+1`` to the horizon. A settlement stands alone.
* **Waiver** (减免): see :func:`waiver_amount`. Charges are reduced in the order other fees, liquidated damages,
  penalty interest, accrued interest (:func:`split_waiver`); the principal is never waived.
* **Status quo and "contract continues"**: the principal part and the charges part are tracked separately. Each
  month: interest = ``round_fen(principal part × rate / 1200)`` with the debt's running rate (the penalty rate when
  overdue) for the status quo and the contract rate once any plan (waiver or deferral) is agreed; the recurring
  fee = ``round_fen(principal part × fee_rate / 1200)`` when ``debt.fee_rate`` is set. The payment is
  ``min(debt.monthly_payment, everything due)``, allocated to the fee, the interest, held deferral interest,
  the charges, then the principal. Unpaid interest and fees join the charges, which bear no interest (no
  compounding: 银发〔2016〕111号 §三 for credit cards). The schedule stops when the debt is paid off or at ``horizon`` months;
  ``remaining`` is what is then still owed (finding ``UNPAID_AT_HORIZON``: not paid off *within the months
  shown*, with the date the contract would pay it off when that is within :data:`MAX_HORIZON` months). A
  payment that does not exceed the first contract month's interest and fee can never pay the debt off, since
  the principal part then never falls and neither do the interest and fee charged on it: finding
  ``NEVER_PAID_OFF`` (judged whatever the horizon, and instead of ``UNPAID_AT_HORIZON``).
* **Deferral** (延期): months ``1..d`` pay ``token_amount`` (or everything owed if smaller; 0 = paused).
  Deferral interest each month = ``round_fen(interest-bearing balance × rate / 1200)`` with rate 0, the contract
  rate, or ``min(contract, cap)``; the interest-bearing balance is the principal part (plus capitalised deferral
  interest): charges bear none. The token pays the deferral interest first, then held deferral interest, then
  the charges and the principal. ``capitalise=True`` adds unpaid deferral interest to the principal part (the
  interest column shows the interest charged, the balance grows); ``False`` holds it apart interest-free: with
  a restructure it is spread over the installments (floored to the fen per installment, the residue in the
  last) and shown in their interest column; when the contract continues it is repaid right after each month's
  interest. No recurring contract fee is charged during a deferral. A deferral never reduces the principal
  except by token payments. Followed by the contract (no restructure), the deferral is part of the open-ended
  contract path and is cut at the horizon like it; followed by a restructure, it is listed in full.
* **Restructure** (个性化分期): the balance after the waiver, the down payment and the deferral is amortised by
  :func:`amortize` over ``months`` installments at rate 0, the custom rate, the contract rate or
  ``min(contract, cap)``; the installment fee (分期手续费) each period is
  ``round_fen(amount restructured × monthly_fee_percent / 100)``. More than 60 months: finding ``TERM_OVER_60``.
  The horizon does not shorten a restructure: every installment is listed (see :func:`build_schedule`).
* **Settlement** (一次性结清): one payment ``round_fen(balance after waiver × percent / 100)`` on ``pay_by``
  (period ``months_between(start, pay_by)``, even after the horizon); the rest is added to ``waived``; nothing
  remains.
* **APR** (年化利率, 中国人民银行公告〔2021〕第3号): the internal rate of return of the borrower's cash flows
  (the amount financed at period 0, each payment, and any balance left at the horizon counted as due at the
  last period, so a debt that is never repaid does not look cheap), × 12, in percent, 2 places half-up.
"""

from planner.engines.schedules.amortize import MAX_AMORTIZE_MONTHS, amortize
from planner.engines.schedules.apr import apr_percent
from planner.engines.schedules.build import build_schedule, restructure_rate
from planner.engines.schedules.lines import MAX_HORIZON, Installment, Schedule
from planner.engines.schedules.waiver import split_waiver, waiver_amount

__all__ = [
    "MAX_AMORTIZE_MONTHS",
    "MAX_HORIZON",
    "Installment",
    "Schedule",
    "amortize",
    "apr_percent",
    "build_schedule",
    "restructure_rate",
    "split_waiver",
    "waiver_amount",
]
