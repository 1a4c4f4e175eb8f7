"""The true APR (年化利率, 中国人民银行公告〔2021〕第3号): the IRR of monthly cash flows, solved in Decimal."""


from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from planner.engines.schedules.lines import Installment
from planner.money import ROUNDING, to_int

_ZERO = Decimal("0.00")
_ONE = Decimal(1)
_MONTHLY = Decimal(1200)  # annual percent -> monthly fraction
_APR_PLACES = Decimal("0.01")
_NEWTON_STEPS = 50
_NEWTON_TOLERANCE = Decimal("1e-8")  # on v; quadratic convergence leaves an error of ~1e-15 after such a step
_BISECTION_TOLERANCE = Decimal("1e-16")
_BISECTION_STEPS = 200


# --------------------------------------------------------------------------------------------------------------
# APR


def schedule_apr(opening: Decimal, lines: list[Installment], remaining: Decimal, guess: Decimal) -> Decimal | None:
    """Return the APR of a schedule: +opening at period 0, −payments, −remaining at the last period."""
    if not lines:
        return None
    last = lines[-1][0]
    flows = [_ZERO] * (last + 1)
    flows[0] = opening
    for line in lines:
        flows[line[0]] -= line[2]
    flows[last] -= remaining
    return _apr_from_flows(flows, guess)


def meaningful_apr(
    opening: Decimal, lines: Sequence[Installment], remaining: Decimal, guess: Decimal, *, settlement: bool = False
) -> tuple[Decimal | None, str | None]:
    """Return a schedule's APR, or None and why it would mean nothing (the :attr:`Schedule.apr_note` codes):

    * ``"settlement"`` — a lump-sum settlement is not credit;
    * ``"no_payments"`` — nothing is paid;
    * ``"same_day"`` — the only payments fall on the start date;
    * ``"pays_less"`` — less is repaid (remaining included) than was owed at the start: the IRR is negative and
      says nothing about the cost of credit (a 60 % settlement would read −480 %).

    One rule for every schedule, whichever engine built its lines.
    """
    if settlement:
        return None, "settlement"
    paid = sum([line[2] for line in lines], _ZERO)
    if not paid:
        return None, "no_payments"
    if next(line[0] for line in reversed(lines) if line[2]) == 0:  # lines are in period order
        return None, "same_day"
    if paid + remaining < opening:
        return None, "pays_less"
    return schedule_apr(opening, list(lines), remaining, guess), None


def apr_percent(cashflows: Sequence[tuple[int, Decimal]], *, guess: Decimal | None = None) -> Decimal | None:
    """Return the annual percentage rate (年化利率) of monthly cash flows, as the PBoC 2021 No. 3 notice asks.

    The monthly rate ``i`` solves ``Σ amount_k · (1 + i)^−period_k = 0``; the APR is ``12 × i × 100``, rounded
    to 2 places half-up. Solved in ``Decimal`` (no float anywhere): Newton's method on ``v = 1 / (1 + i)`` with
    Horner evaluation, starting from ``guess`` (a monthly fraction, e.g. the nominal rate / 1200) or a
    simple-interest estimate, at most 50 steps, then bisection if Newton did not converge. For the borrower's
    pattern (money received first, payments after) the NPV is concave and decreasing in ``v``, so Newton
    converges from any start and the root is unique.

    Args:
        cashflows: ``(period, amount)`` pairs, signed from the borrower's side: + received (the amount financed at
            period 0), − paid. Several flows in one period are added.
        guess: optional starting monthly rate (a fraction).

    Returns:
        The APR in percent with 2 places; negative when less is paid back than was financed (a settlement);
        exactly 0 for a zero-rate zero-fee plan; ``None`` when there is nothing to compute (no money received or
        no payment).

    Raises:
        InvalidInput: a negative period.
    """
    if not cashflows:
        return None
    checked = [(to_int(period, field="period", low=0, high=100000, allow_text=False), value) for period, value in cashflows]
    flows = [_ZERO] * (max(period for period, _ in checked) + 1)
    for period, value in checked:
        flows[period] += value
    return _apr_from_flows(flows, _ZERO if guess is None else guess)


def _runs(flows: list[Decimal]) -> list[tuple[int, Decimal]]:
    """Return dense flows as ``(count, amount)`` runs of equal amounts, from the last period to the first."""
    runs: list[tuple[int, Decimal]] = []
    count = 0
    current = flows[-1]
    for value in reversed(flows):
        if value == current:
            count += 1
        else:
            runs.append((count, current))
            current = value
            count = 1
    runs.append((count, current))
    return runs


_NEAR_ONE = Decimal("1e-9")  # closer to v = 1 than this, runs are stepped one by one (no 1 / (1 − v))


def _npv_slope(runs: list[tuple[int, Decimal]], v: Decimal) -> tuple[Decimal, Decimal]:
    """Return ``f(v) = Σ flows[k]·v^k`` and ``f'(v)`` by Horner's rule over runs of equal flows.

    One Horner step is ``f ← f·v + c`` (and ``f' ← f'·v + f``). ``m`` equal steps at once are
    ``f ← f·v^m + c·S`` and ``f' ← f'·v^m + f·m·v^(m−1) + c·S'``, with the geometric sum ``S = Σ_{j<m} v^j =
    (1 − v^m)/(1 − v)`` and ``S' = (S − m·v^(m−1))/(1 − v)``; a 60-installment plan then costs 3 runs, not 61 steps.
    Near ``v = 1`` (a rate near 0) the steps are taken one by one to avoid the cancellation in ``1 − v``.
    """
    f = _ZERO
    d = _ZERO
    w = _ONE - v
    stepwise = -_NEAR_ONE < w < _NEAR_ONE
    for m, c in runs:
        if m < 4 or stepwise:
            for _ in range(m):
                d = d * v + f
                f = f * v + c
            continue
        vm1 = v ** (m - 1)
        vm = vm1 * v
        d = d * vm + f * m * vm1
        f = f * vm
        if c:
            geometric = (_ONE - vm) / w
            d += c * ((geometric - m * vm1) / w)
            f += c * geometric
    return f, d


def _npv(flows: list[Decimal], v: Decimal) -> Decimal:
    """Return ``Σ flows[k]·v^k`` by plain Horner steps (used by the bisection fallback)."""
    f = _ZERO
    for value in reversed(flows):
        f = f * v + value
    return f


def _apr_from_flows(flows: list[Decimal], guess: Decimal) -> Decimal | None:
    """Return the APR of dense monthly net flows (index = period), or None without money in both directions."""
    # Leading empty periods do not change the rate: drop them (v = 0 would otherwise be a spurious root).
    first = 0
    while first < len(flows) and not flows[first]:
        first += 1
    flows = flows[first:]
    if not any(value > 0 for value in flows) or not any(value < 0 for value in flows):
        return None
    monthly = _solve_monthly(flows, guess)
    if monthly is None:
        return None
    apr = (monthly * _MONTHLY).quantize(_APR_PLACES, ROUNDING)
    return apr if apr else _ZERO  # never "-0.00"


def _solve_monthly(flows: list[Decimal], guess: Decimal) -> Decimal | None:
    """Return the monthly IRR of dense flows (Newton on v from the guess, bisection fallback)."""
    if not guess:
        guess = _simple_guess(flows)
    runs = _runs(flows)
    v = _ONE / (_ONE + guess) if guess > -1 else _ONE
    for _ in range(_NEWTON_STEPS):
        f, d = _npv_slope(runs, v)
        if not f:
            return _ONE / v - _ONE
        if not d:
            break
        step = f / d
        v -= step
        if v <= 0:
            break
        if -_NEWTON_TOLERANCE <= step <= _NEWTON_TOLERANCE:
            return _ONE / v - _ONE
    return _bisect(flows)


def _simple_guess(flows: list[Decimal]) -> Decimal:
    """Return a simple-interest estimate of the monthly rate (close for amortising loans)."""
    received = sum([value for value in flows if value > 0], _ZERO)
    paid = -sum([value for value in flows if value < 0], _ZERO)
    weighted = -sum([k * value for k, value in enumerate(flows) if value < 0], _ZERO)
    if not received or not weighted:
        return _ZERO
    estimate = (paid - received) / received / (weighted / paid)
    return max(estimate, Decimal("-0.9"))


def _bisect(flows: list[Decimal]) -> Decimal | None:
    """Return the monthly IRR by bisection on v in (0, hi], or None without a sign change."""
    lo = Decimal("1e-9")
    f_lo = _npv(flows, lo)
    hi = Decimal(2)
    f_hi = _npv(flows, hi)
    while (f_lo > 0) == (f_hi > 0):
        hi *= 2
        if hi > Decimal("1e12"):
            return None
        f_hi = _npv(flows, hi)
    for _ in range(_BISECTION_STEPS):
        mid = (lo + hi) / 2
        f_mid = _npv(flows, mid)
        if not f_mid or hi - lo <= _BISECTION_TOLERANCE:
            lo = hi = mid
            break
        if (f_mid > 0) == (f_lo > 0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
    return _ONE / ((lo + hi) / 2) - _ONE
