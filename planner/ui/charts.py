"""The app's charts: the live one drawn in the browser (bqplot), the others matplotlib figures kept between changes.

A figure is made once per chart and its axes are cleared and drawn again on a change (a new figure costs about
three times as much); the PNG goes into a ``widgets.Image``, which works the same in JupyterLab and Voila.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from planner.present.charts import figure_png, new_figure

LIVE_DPI = 80  # the live charts: sharp enough on screen, half the pixels of 110 dpi


class KeptChart:
    """A figure with one axes, drawn again by ``draw(ax, ...)`` on every call of :meth:`png`."""

    def __init__(self, draw: Callable[..., Any], *, width: float = 8.5, height: float = 3.2) -> None:
        self.draw = draw
        self.figure: Figure = new_figure(width, height)
        self.ax: Axes = self.figure.subplots()

    def png(self, *args: Any, **kwargs: Any) -> bytes:
        """Draw with ``args`` and return the PNG bytes."""
        self.ax.clear()
        self.draw(self.ax, *args, **kwargs)
        return figure_png(self.figure, dpi=LIVE_DPI)



def _bqplot() -> Any:
    """Return bqplot, imported without the DeprecationWarning its scales package (bqscales 0.3.7) raises at import
    on traitlets 5.15 ("metadata {'args': …} was set from the constructor"): nothing we call, and nothing we can fix
    here; only that warning, from that package, is ignored."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"bqscales(\.|$)")
        import bqplot

    return bqplot


class LivePayments:
    """The always-visible chart of monthly payments against disposable income, drawn in the browser by bqplot.

    Measured on the example case, matplotlib needs 80–150 ms to draw and encode this chart as a PNG on our
    2-core machines: on its own most of the 100 ms a change may take. bqplot sends only the numbers (a few KB) and
    the browser draws them, so a change costs under a millisecond here. The same figures go to matplotlib for
    files and the other tabs' charts. Amounts become ``float`` only here, for drawing.
    """

    def __init__(self) -> None:
        bqplot = _bqplot()

        self.x = bqplot.DateScale()
        self.y = bqplot.LinearScale(min=0.0)
        self.lines = bqplot.Lines(x=[], y=[], scales={"x": self.x, "y": self.y}, interpolation="step-after",
                                  display_legend=True, stroke_width=2)
        self.limit = bqplot.Lines(x=[], y=[], scales={"x": self.x, "y": self.y}, colors=["black"],
                                  line_style="dashed", display_legend=True, stroke_width=1.5)
        self.figure = bqplot.Figure(
            marks=[self.lines, self.limit],
            axes=[bqplot.Axis(scale=self.x, side="bottom", label=""),
                  bqplot.Axis(scale=self.y, side="left", tick_format=",.0f")],
            legend_location="top-right", fig_margin={"top": 40, "bottom": 30, "left": 70, "right": 20},
            layout={"width": "860px", "height": "300px"}, animation_duration=0)

    def draw(self, outcomes: Any, *, title: str, names: list[str], disposable_label: str) -> None:
        """Show each outcome's payments per month and the disposable-income line."""
        import numpy as np

        months = [o.months for o in outcomes if o.months]
        if not months:
            with self.figure.hold_sync():
                self.lines.x, self.lines.y, self.limit.x, self.limit.y = [], [], [], []
            return
        width = min(len(m) for m in months)
        # each scenario on its own months: scenarios may start on different dates
        dates = np.array([[m.date for m in series[:width]] for series in months], dtype="datetime64[D]")
        payments = np.array([[float(m.payments) for m in series[:width]] for series in months])
        disposable = float(outcomes[0].budget.disposable)
        with self.figure.hold_sync():
            self.figure.title = title
            self.lines.x = dates
            self.lines.y = payments
            self.lines.labels = names
            self.y.max = float(max(payments.max(), disposable, 1.0)) * 1.08  # headroom: the top line stays visible
            paying = dates[payments > 0]  # the axis ends with the last payment of any scenario, not the window
            self.x.min = dates.min().astype("datetime64[ms]").astype(object)
            self.x.max = (paying.max() if paying.size else dates.max()).astype("datetime64[ms]").astype(object)
            self.limit.x = np.array([dates.min(), dates.max()])
            self.limit.y = np.array([disposable, disposable])
            self.limit.labels = [disposable_label]
