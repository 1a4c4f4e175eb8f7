"""Payoff policies: where each month's money goes — pro-rata, avalanche, snowball or a custom order.

The engine simulates a household paying a fixed monthly budget (plus one-off extra payments) into several debts,
month by month, to the fen. Month ``k`` (``k = 1, 2, …``) is paid on ``add_months(start, k)``. The convention
(issue 6, stated the same way in the README) is exactly this:

1. Each month, every open debt first accrues interest: ``round_half_up(balance × annual_rate / 12 / 100)`` to
   the fen, added to the balance (monthly compounding on the balance carried in).
2. Every open debt is then paid its minimum payment, or its whole balance if that is smaller.
3. What is left of the month's budget (plus any one-off extra payment dated that month) goes to the debts in the
   policy's order, each taking at most its balance, so a debt that is paid off passes the rest on **in the same
   month** (rollover). Avalanche: highest annual rate first (ties: smaller starting balance, then id). Snowball:
   smallest starting balance first (ties: higher rate, then id). The order is fixed at the start. Custom: the
   order given. Pro-rata: split in proportion to the balances after step 2, each share rounded down to the fen
   and the residue to the largest balance; a share larger than its balance is passed on by splitting again.
4. If the budget is smaller than the sum of the minimums (shortfall), the budget is split pro-rata over the
   minimums; the result says so and gives no debt-free date if balances do not fall. A horizon of 600 months ends
   any plan that never finishes, with a finding.

Details this module fixes:

* **Interest** is computed as ``balance × percent / 1200`` (the same number as ``/ 12 / 100``) and rounded once
  with :func:`planner.money.round_fen`. It is *not* computed from a pre-divided monthly fraction: ``15.4 / 1200``
  does not terminate, and ¥30.00 at 15.4 % must give exactly ¥0.385 → ¥0.39, not ¥0.3849… → ¥0.38.
* **Charges, fees and compounding** (keyword fields of :class:`PayoffDebt`, all off by default, so the rules
  above hold unchanged): a debt's balance is split into an interest-bearing part and ``charges`` (accrued
  interest, penalties and fees already owed), which bear no interest. Each month interest is accrued on the
  interest-bearing part only, ``round_fen(bearing × percent / 1200)``, and a recurring fee (``fee_rate``,
  percent a year of the interest-bearing part) as ``round_fen(bearing × fee_percent / 1200)``. With
  ``compound=True`` (the default, rule 1) the interest joins the interest-bearing part; with ``compound=False``
  it joins the charges (no interest on interest, as Chinese rules require for overdue interest and fees). The
  fee always joins the charges and is reported apart from interest (``fees``). Every payment reduces the charges
  first, then the interest-bearing part. This is exactly the status quo of :mod:`planner.engines.schedules.build` (its
  "contract continues" months) when ``compound=False``, so :func:`payoff_debts_from_case` builds debts that way.
  Totals paid include fees; ``interest`` never does. Avalanche and snowball rank by the *cost* rate: the annual
  rate in force in month 1 plus the fee rate (just the annual rate without a fee).
* **Rate changes** (:class:`RateChange`) apply from the first month whose payment date is on or after the
  change's effective date: that month's interest already uses the new rate.
* **The order is fixed at the start**: avalanche ranks by the rate in force in month 1 and snowball by the
  starting balance; later rate changes (an intro 0 % period ending) do not reorder the debts. Re-ranking every
  month would be a different policy.
* **Custom order**: ``order`` names debt ids, each at most once; an unknown id is an error. Debts it does not
  name follow, in input order. (``order`` is checked whatever the policy, but only the custom policy uses it.)
* **Minimum payments** (:class:`MinPayment`) are a fixed amount, or a percentage of the balance after that
  month's interest rounded half up to the fen with a floor (10 % with a ¥100 floor); never more than the balance.
* **Debts that do not accept extra payments** (``accepts_extra=False``: a negotiated fixed plan) get only their
  minimum in step 3 and in the pro-rata split; money nobody can take is *unallocated* (with a finding).
* **Shortfall**: shares are rounded down to the fen and the residue goes to the largest minimum (ties: the first
  in input order); a share above its minimum is passed on as in the pro-rata policy.
* **Unallocated** money in a month = budget + extras − payments: what is left once every debt that can take
  money has taken all it can (the month the last debt is paid off, or when only fixed plans remain).
* **End**: the plan ends in the month the last debt is paid off (``months_to_debt_free``). Extras dated after
  that are not used (a finding says so); extras dated before month 1 are an error. A plan that is not debt-free
  after ``horizon`` months — or whose total owed passes ¥10¹⁵ (runaway interest) — stops with a finding and has
  no debt-free date; its totals cover the months simulated.
* **Minimums-only baseline** (:func:`minimums_only`): every debt gets only its minimum, no extras; with a budget,
  a shortfall is split as in rule 4 and the rest is unallocated.
* **Findings** (codes): ``PAYOFF_SHORTFALL``, ``PAYOFF_HORIZON``, ``PAYOFF_BALANCES_DO_NOT_FALL`` (not debt-free
  and the total owed at the end is not below the start, or runaway), ``PAYOFF_UNALLOCATED`` (money left while
  debts remain), ``PAYOFF_EXTRAS_UNUSED``, and per debt ``PAYOFF_MINIMUM_BELOW_INTEREST`` /
  ``PAYOFF_NO_MINIMUM`` (month 1's minimum does not exceed its interest and fee, or is zero).

Pure and fast: ``Decimal`` only, no clock, no pandas; the app reruns it on every widget change. Bad arguments
raise :class:`planner.errors.InvalidInput` naming the field; observations are returned as
:class:`planner.findings.Finding` records.
"""


from planner.domain.options import Policy
from planner.engines.payoff.api import (
    DEFAULT_HORIZON,
    Extras,
    compare_policies,
    comparison_rows,
    interest_saved,
    minimums_only,
    simulate,
    simulate_surplus,
)
from planner.engines.payoff.inputs import (
    BASELINE,
    MinPayment,
    PayoffDebt,
    RateChange,
    payoff_debts_from_case,
)
from planner.engines.payoff.results import DebtSummary, PayoffMonth, PayoffResult

__all__ = [
    "BASELINE",
    "DEFAULT_HORIZON",
    "DebtSummary",
    "Extras",
    "MinPayment",
    "PayoffDebt",
    "PayoffMonth",
    "PayoffResult",
    "Policy",
    "RateChange",
    "compare_policies",
    "comparison_rows",
    "interest_saved",
    "minimums_only",
    "payoff_debts_from_case",
    "simulate",
    "simulate_surplus",
]
