"""Charts with matplotlib, Chinese labels in Noto Sans SC (OFL) that arrives with ``pip install``.

Helpers follow matplotlib's recommended signature ``plot_x(ax, data) -> list[Artist]`` and never touch pyplot:
:func:`new_figure` builds a ``matplotlib.figure.Figure`` directly, so library code creates no global figures and
works the same in JupyterLab, Voila, the CLI and the PDF. Amounts are converted to ``float`` only here, at the
moment of plotting (the engine figures stay ``Decimal``).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from matplotlib import font_manager, rcParams
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from planner.engines.payoff import BASELINE, PayoffResult
from planner.engines.scenarios import Comparison, Outcome
from planner.text import choice_label, label, message, scenario_label

FONT_PACKAGE = "pylopdf_fonts_zh_cn"
FONT_FILE = "NotoSansSC-Regular.otf"


def default_font_path() -> Path:
    """Return the path of the bundled Noto Sans SC font file."""
    return Path(str(resources.files(FONT_PACKAGE) / FONT_FILE))


@cache
def use_cjk_font(path: str | None = None) -> str:
    """Register the CJK font with matplotlib (once per process) and make it the default family.

    Args:
        path: another font file to use instead of the bundled Noto Sans SC.

    Returns:
        The font's family name.
    """
    font = str(path or default_font_path())
    font_manager.fontManager.addfont(font)
    name = font_manager.FontProperties(fname=font).get_name()
    rcParams["font.family"] = [name, "DejaVu Sans"]
    rcParams["axes.unicode_minus"] = False
    return name


def new_figure(width: float = 8.0, height: float = 4.0) -> Figure:
    """Return a pyplot-free figure with the CJK font registered."""
    use_cjk_font()
    return Figure(figsize=(width, height), layout="constrained")


def figure_png(figure: Figure, *, dpi: int = 110) -> bytes:
    """Return the figure as PNG bytes (for widgets.Image and documents)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _policy(result: PayoffResult, locale: str) -> str:
    return choice_label("policies", BASELINE if result.policy is None else result.policy.value, locale)


def _yuan_axis(ax: Axes) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"¥{v:,.0f}"))
    ax.grid(axis="y", alpha=0.3)


def plot_payments_vs_disposable(ax: Axes, outcomes: Sequence[Outcome], *, locale: str = "zh") -> list[Artist]:
    """Draw each scenario's total monthly payments against disposable income (a horizontal line)."""
    artists: list[Artist] = []
    for outcome in outcomes:
        months: list[Any] = [m.date for m in outcome.months]  # matplotlib plots dates; its stubs say numbers
        payments = [float(m.payments) for m in outcome.months]  # float only for drawing
        artists += ax.step(months, payments, where="post", label=scenario_label(outcome, locale))
    if outcomes:
        disposable = float(outcomes[0].budget.disposable)
        artists.append(ax.axhline(disposable, color="black", linestyle="--", linewidth=1.2,
                                  label=label("disposable", locale)))
    ax.set_title(message("chart.payments", locale))
    ax.set_ylabel(label("payments", locale))
    _yuan_axis(ax)
    ax.legend(fontsize=8)
    return artists


def plot_balances(ax: Axes, outcomes: Sequence[Outcome], *, locale: str = "zh") -> list[Artist]:
    """Draw each scenario's total balance still owed, month by month."""
    artists: list[Artist] = []
    for outcome in outcomes:
        days: list[Any] = [m.date for m in outcome.months]
        artists += ax.plot(days, [float(m.balance) for m in outcome.months], label=scenario_label(outcome, locale))
    ax.set_title(message("chart.balances", locale))
    ax.set_ylabel(label("balance", locale))
    _yuan_axis(ax)
    ax.legend(fontsize=8)
    return artists


def plot_total_cost(ax: Axes, outcomes: Comparison | Iterable[Outcome], *, locale: str = "zh") -> list[Artist]:
    """Draw a bar per scenario: total paid and what is still owed at the horizon, stacked."""
    items = outcomes.all if isinstance(outcomes, Comparison) else tuple(outcomes)
    names = [scenario_label(o, locale) for o in items]
    paid = [float(o.total_paid) for o in items]
    left = [float(o.total_remaining) for o in items]
    bars = list(ax.bar(names, paid, label=label("total_paid", locale)))
    bars += list(ax.bar(names, left, bottom=paid, label=label("remaining", locale), color="#d9a0a0"))
    ax.set_title(message("chart.total_cost", locale))
    _yuan_axis(ax)
    ax.tick_params(axis="x", labelrotation=15, labelsize=8)
    ax.legend(fontsize=8)
    return bars


def comparison_figure(comparison: Comparison, *, locale: str = "zh") -> Figure:
    """Return a three-panel figure: payments vs disposable income, balances, total cost."""
    figure = new_figure(9, 10)
    top, middle, bottom = figure.subplots(3, 1)
    plot_payments_vs_disposable(top, comparison.all, locale=locale)
    plot_balances(middle, comparison.all, locale=locale)
    plot_total_cost(bottom, comparison, locale=locale)
    return figure


def plot_payoff_balances(ax: Axes, results: Sequence[PayoffResult], *, locale: str = "zh") -> list[Artist]:
    """Draw the total balance owed month by month under each payoff policy."""
    artists: list[Artist] = []
    for result in results:
        if not result.months:
            continue
        # Month 0 is what the engine says was owed at the start, charges included.
        totals = [result.opening_balance] + [sum(m.balances.values()) for m in result.months]
        dates: list[Any] = [result.start, *(m.date for m in result.months)]
        artists += ax.plot(dates, [float(t) for t in totals], label=_policy(result, locale))
    ax.set_title(message("chart.payoff_balances", locale))
    ax.set_ylabel(label("balance", locale))
    _yuan_axis(ax)
    ax.legend(fontsize=8)
    return artists


def plot_payoff_months(ax: Axes, results: Sequence[PayoffResult], *, locale: str = "zh") -> list[Artist]:
    """Draw, per debt, the month it is paid off under each policy (grouped horizontal bars)."""
    artists: list[Artist] = []
    if not results:
        return artists
    ids = [d.id for d in results[0].debts]
    height = 0.8 / len(results)
    for index, result in enumerate(results):
        horizon = len(result.months)
        # A debt never paid off is drawn to the end of the plan, hatched and marked, never as month 0.
        months = [_or(result.debt(i).payoff_month, horizon) for i in ids]
        positions = [row + index * height for row in range(len(ids))]
        bars = list(ax.barh(positions, months, height=height, label=_policy(result, locale)))
        for bar, debt_id in zip(bars, ids, strict=True):
            if result.debt(debt_id).payoff_month is None:
                bar.set_hatch("//")
                artists.append(ax.annotate(message("chart.not_paid_off", locale),
                                           (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                                           xytext=(3, 0), textcoords="offset points", va="center", fontsize=7))
        artists += bars
    ax.set_yticks([row + 0.4 - height / 2 for row in range(len(ids))], ids)
    ax.invert_yaxis()
    ax.set_xlabel(message("chart.payoff_month_axis", locale))
    ax.set_title(message("chart.payoff_months", locale))
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8)
    return artists
