"""The app's charts: the live one drawn in the browser (bqplot), the others matplotlib figures kept between changes.

A figure is made once per chart and its axes are cleared and drawn again on a change (a new figure costs about
three times as much); the PNG goes into a ``widgets.Image``, which works the same in JupyterLab and Voila.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
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


# -- the conduct log's timeline ---------------------------------------------------------------------------------

CREDITOR_COLOURS = ("#1976d2", "#e65100", "#2e7d32", "#6a1b9a", "#00838f", "#795548", "#c2185b", "#546e7a")
THIRD_PARTY_COLOUR = "#b00020"
ALLOWED_COLOUR = "#c8e6c9"


@dataclass(frozen=True, slots=True)
class ContactSeries:
    """The conduct log as the timeline draws it (pure data: the tests read it, the chart sends it).

    Attributes:
        days: every calendar day (China's local time) from the first contact to the last, those without any too.
        creditors: the creditors' labels, in order of their first contact.
        counts: per creditor, the contacts on each day of ``days``.
        third_party: per day, the contacts of someone other than the debtor or a guarantor.
        points: one per contact: its day, its hour of the day (22.5 for 22:30), the creditor's index, and whether
            a third party was contacted.
    """

    days: tuple[date, ...]
    creditors: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    third_party: tuple[int, ...]
    points: tuple[tuple[date, float, int, bool], ...]

    @property
    def totals(self) -> tuple[int, ...]:
        """Return the contacts per day, all creditors together."""
        return tuple(sum(column) for column in zip(*self.counts, strict=True)) if self.counts else ()


def contact_series(entries: Iterable[Any], label_of: Callable[[str], str]) -> ContactSeries:
    """Return the timeline's data of log entries: contacts per calendar day per creditor (``label_of`` turns an
    entry's creditor, a debt id or a name, into the label it is counted under), the third-party contacts per day,
    and each contact's hour of the day.

    Days are the entries' own calendar days: times are China's local time already, so a call at 23:59 and one at
    00:01 fall on two days.
    """
    items = sorted(entries, key=lambda e: e.time)
    if not items:
        return ContactSeries((), (), (), (), ())
    first, last = items[0].time.date(), items[-1].time.date()
    days = tuple(first + timedelta(days=n) for n in range((last - first).days + 1))
    index = {day: n for n, day in enumerate(days)}
    creditors: dict[str, int] = {}
    labels: dict[str, int] = {}  # an entry's creditor as written → its row (label_of called once per spelling)
    counts: list[list[int]] = []
    third = [0] * len(days)
    points = []
    for entry in items:
        moment = entry.time
        row = labels.get(entry.creditor)
        if row is None:
            label = label_of(entry.creditor)
            if label not in creditors:
                creditors[label] = len(creditors)
                counts.append([0] * len(days))
            row = labels[entry.creditor] = creditors[label]
        day = moment.date()
        column = index[day]
        counts[row][column] += 1
        outside = entry.contacted.is_third_party
        if outside:
            third[column] += 1
        points.append((day, moment.hour + moment.minute / 60, row, outside))
    return ContactSeries(days, tuple(creditors), tuple(tuple(r) for r in counts), tuple(third), tuple(points))


class ContactTimeline:
    """Two charts of the conduct log drawn in the browser (bqplot): contacts per day per creditor (stacked bars,
    a mark above each day a third party was contacted), and each contact by its hour of the day over the days,
    with the allowed hours shaded when given (:meth:`draw`'s ``allowed``, from the conduct rules' data).

    The figures are made once; a change sends only the new numbers (milliseconds)."""

    def __init__(self) -> None:
        bqplot = _bqplot()

        self.x = bqplot.DateScale()  # one scale for both charts: a day is at the same place in each
        self.count = bqplot.LinearScale(min=0.0)
        self.bars = bqplot.Bars(x=[], y=[], scales={"x": self.x, "y": self.count}, type="stacked", padding=0.25,
                                colors=list(CREDITOR_COLOURS))
        self.marks = bqplot.Scatter(x=[], y=[], scales={"x": self.x, "y": self.count}, marker="triangle-down",
                                    colors=[THIRD_PARTY_COLOUR], default_size=48)
        margin = {"top": 30, "bottom": 30, "left": 50, "right": 20}
        self.count_axis = bqplot.Axis(scale=self.count, side="left", tick_format="d", tick_values=[0])
        self.per_day = bqplot.Figure(
            marks=[self.bars, self.marks],
            axes=[bqplot.Axis(scale=self.x, side="bottom", tick_format="%m-%d"), self.count_axis],
            fig_margin=margin, layout={"width": "860px", "height": "240px"}, animation_duration=0)
        self.hour = bqplot.LinearScale(min=0.0, max=24.0)
        self.band = bqplot.Lines(x=[], y=[], scales={"x": self.x, "y": self.hour}, fill="between",
                                 fill_colors=[ALLOWED_COLOUR], fill_opacities=[0.6], colors=["#81c784"],
                                 stroke_width=0.5)
        # colours by creditor through a colour scale: an array of indices is sent as is (a list of one colour
        # string per contact costs traitlets tens of milliseconds for a long log)
        self.palette = bqplot.OrdinalColorScale(colors=list(CREDITOR_COLOURS),
                                                domain=list(range(len(CREDITOR_COLOURS))))
        self.dots = bqplot.Scatter(x=[], y=[], color=[], marker="circle", default_size=36, stroke="white",
                                   scales={"x": self.x, "y": self.hour, "color": self.palette})
        self.third_dots = bqplot.Scatter(x=[], y=[], color=[], marker="triangle-up", default_size=64,
                                         stroke=THIRD_PARTY_COLOUR, stroke_width=2,
                                         scales={"x": self.x, "y": self.hour, "color": self.palette})
        # bars make a figure pad its x range: bars of no height here give this chart the same padding, so that a
        # day is at the same place in both charts
        self.spacer = bqplot.Bars(x=[], y=[], scales={"x": self.x, "y": self.hour}, padding=0.25, opacities=[0.0])
        self.by_hour = bqplot.Figure(
            marks=[self.spacer, self.band, self.dots, self.third_dots],
            axes=[bqplot.Axis(scale=self.x, side="bottom", tick_format="%m-%d"),
                  bqplot.Axis(scale=self.hour, side="left", tick_values=[0, 4, 8, 12, 16, 20, 24],
                              tick_format="d")],
            fig_margin=margin, layout={"width": "860px", "height": "240px"}, animation_duration=0)

    def draw(self, series: ContactSeries, *, titles: tuple[str, str],
             allowed: tuple[float, float] | None = None) -> None:
        """Show ``series``; ``allowed`` is the band of allowed hours (``(8.0, 22.0)``), shaded on the second
        chart (none when not given). The legend is the caller's (HTML beside the charts: a legend drawn inside
        a chart hides the contacts under it)."""
        import numpy as np

        self.per_day.title, self.by_hour.title = titles
        if not series.days:
            with self.per_day.hold_sync(), self.by_hour.hold_sync():
                self.bars.x, self.bars.y, self.marks.x, self.marks.y = [], [], [], []
                self.dots.x, self.dots.y, self.third_dots.x, self.third_dots.y = [], [], [], []
                self.dots.color, self.third_dots.color = [], []
                self.band.x, self.band.y, self.spacer.x, self.spacer.y = [], [], [], []
            return
        days = np.array(series.days, dtype="datetime64[D]")
        hours = days.astype("datetime64[h]")
        half = np.timedelta64(12, "h")
        noon = hours + half  # a day's contacts are drawn at its middle, between the ticks of its midnights
        totals = np.array(series.totals, dtype=float)
        top = int(totals.max())
        step = max(1, -(-top // 6))  # at most about six whole-number ticks
        marked = np.array(series.third_party) > 0
        colours = [CREDITOR_COLOURS[n % len(CREDITOR_COLOURS)] for n in range(len(series.creditors))]
        with self.per_day.hold_sync(), self.by_hour.hold_sync():
            self.x.min = hours[0].astype("datetime64[ms]").astype(object)
            self.x.max = (hours[-1] + 2 * half).astype("datetime64[ms]").astype(object)
            self.count.max = float(top + step)  # room for the marks above the bars
            self.count_axis.tick_values = list(range(0, top + step + 1, step))
            self.bars.x = noon
            self.bars.y = np.array(series.counts, dtype=float)
            self.bars.colors = colours
            self.marks.x = noon[marked]
            self.marks.y = totals[marked] + step * 0.45
            self.spacer.x = noon
            self.spacer.y = np.zeros(len(noon))
            days_of = np.array([p[0] for p in series.points], dtype="datetime64[D]").astype("datetime64[h]") + half
            hours_of = np.array([p[1] for p in series.points], dtype=float)
            rows = np.array([p[2] % len(CREDITOR_COLOURS) for p in series.points], dtype=int)
            outside = np.array([p[3] for p in series.points], dtype=bool)
            self.dots.x, self.dots.y, self.dots.color = days_of[~outside], hours_of[~outside], rows[~outside]
            self.third_dots.x, self.third_dots.y = days_of[outside], hours_of[outside]
            self.third_dots.color = rows[outside]
            if allowed is None:
                self.band.x, self.band.y = [], []
            else:
                start, end = allowed
                self.band.x = np.array([hours[0], hours[-1] + 2 * half])
                self.band.y = np.array([[start, start], [end, end]], dtype=float)
