"""What every chart of the planner shares so that it explains itself: the legend on its own line
under the plot (plotext draws its legend inside the plot, over the bars and lines), axis ticks
written the Vietnamese way (0,5 and 1.000, not plotext's 0.5 and 1000.0), and a plain sentence
instead of a plot squeezed past reading when the terminal leaves too little room."""

from __future__ import annotations

import math
from typing import Any, ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot

from ictscore.presentation import display
from ictscore.tui.i18n import tr

ANSI = {
    "gray": 8,
    "gray+": 7,
    "red": 1,
    "red+": 9,
    "green+": 10,
    "orange+": 11,
    "blue+": 12,
    "cyan": 6,
}
"""The terminal colour number of each plotext colour the charts use, for the legend's marks."""

LegendItem = tuple[str, str, str]
"""A mark ("━", "│", "█"), what it stands for, and the plotext colour it is drawn in."""


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """About `count` round values (1, 2 or 5 × a power of ten apart) spanning lo..hi."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo]
    raw = (hi - lo) / max(1, count - 1)
    exp = math.floor(math.log10(raw))
    f = raw / 10**exp
    step = (1.0 if f < 1.5 else 2.0 if f < 3.5 else 5.0 if f < 7.5 else 10.0) * 10.0**exp
    first = math.ceil(lo / step - 1e-9) * step
    out = []
    k = 0
    while first + k * step <= hi + 1e-9 * step:
        out.append(round(first + k * step, 10))
        k += 1
    return out


def decimals_for(values: list[float]) -> int:
    """The fewest decimals that tell the values apart as round ticks (0 for whole numbers)."""
    for d in range(0, 5):
        if all(abs(v * 10**d - round(v * 10**d)) < 1e-6 for v in values):
            return d
    return 4


def tick_labels(values: list[float], lang: str) -> list[str]:
    """Each tick with the decimals it needs (0 · 0,2 · 0,925): one odd end of a cut range
    should not pad every round tick with zeros."""
    return [display.number(v, decimals_for([v]), lang) for v in values]


def spread(
    candidates: list[float], lo: float, hi: float, columns: int, labels: list[str]
) -> list[int]:
    """Indexes of the candidate ticks (most wanted first) whose labels fit without touching."""
    if hi <= lo:
        return [0] if candidates else []
    kept: list[tuple[float, float]] = []
    out = []
    for k, (v, text) in enumerate(zip(candidates, labels, strict=True)):
        mid = (v - lo) / (hi - lo) * columns
        half = len(text) / 2 + 1
        if all(mid + half <= a or mid - half >= b for a, b in kept):
            kept.append((mid - half, mid + half))
            out.append(k)
    return out


class ExplainedPlot(PlotextPlot):
    """A plotext chart with its legend on a line of its own and a minimum legible size.

    Subclasses keep the arguments of their last `show` in `_shown` and implement `_draw`,
    which plots and returns the legend (an empty one for a single series).
    """

    MIN_SIZE: ClassVar[tuple[int, int]] = (30, 8)
    """Below this many columns × lines the chart says that it needs more room."""

    _shown: Any = None
    legend: tuple[LegendItem, ...] = ()
    """The legend of the last drawing, under the plot."""

    @property
    def lang(self) -> str:
        return str(getattr(self.app, "lang", "vi"))

    def _draw(self, *args: Any) -> list[LegendItem]:
        raise NotImplementedError

    def too_small(self) -> bool:
        w, h = self.size
        return w < self.MIN_SIZE[0] or h < self.MIN_SIZE[1]

    def render(self) -> RenderResult:
        if self._shown is None:
            return super().render()
        w, h = self.size
        if self.too_small():
            mw, mh = self.MIN_SIZE
            return Text(
                tr(
                    "This chart needs at least {w}×{h} characters (it has {cw}×{ch}): "
                    "enlarge the window",
                    self.lang,
                    w=mw,
                    h=mh,
                    cw=w,
                    ch=h,
                ),
                style="dim italic",
                justify="center",
            )
        legend = self._draw(*self._shown)
        self.legend = tuple(legend)
        rows = h - 1 if legend else h
        plt = self.plt
        plt.plotsize(w, rows)
        plt._set_size(w, rows)  # as PlotextPlot.render does: plotsize alone can lag a resize
        plt.theme(self._get_plotext_theme_name(self.app.theme))
        plot = Text.from_ansi(plt.build().rstrip("\n"))
        if not legend:
            return plot
        return Group(plot, legend_line(legend))


def legend_line(items: list[LegendItem]) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis", justify="center")
    for k, (mark, label, colour) in enumerate(items):
        if k:
            line.append("   ")
        line.append(mark, style=f"bold color({ANSI.get(colour, 7)})")
        line.append(f" {label}")
    return line
