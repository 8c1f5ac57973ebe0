"""The focus entity's published rank in every edition, one line per series of its lineage.

Rank 1 is at the top (ranks are plotted negated, their ticks say the rank), so a line that
rises is a unit that rose. The legend is not plotext's, which covers the lines: `legend` gives
the series and colours for a key under the plot.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual_plotext import PlotextPlot

from ictscore.planning.history import Series, UnitHistory
from ictscore.presentation.history import series_label, unit_name
from ictscore.tui.i18n import tr

COLORS = (
    ("blue+", "bright_blue"),
    ("orange+", "dark_orange"),
    ("green+", "bright_green"),
    ("magenta+", "bright_magenta"),
    ("cyan+", "bright_cyan"),
    ("red+", "bright_red"),
)
"""Explicit colours in series order, as plotext and Rich name them (the line, its key):
plotext's default ones come in a new order every run."""


def ranked_series(uh: UnitHistory) -> list[Series]:
    """The series with at least one published rank: the only ones drawn."""
    return [s for s in uh.series if any(r.rank is not None for r in s.rows)]


def legend(uh: UnitHistory, lang: str) -> list[tuple[str, str]]:
    """(Rich colour, "Bắc Ninh (cũ) — trên 63") per line of the chart, in its order."""
    out = []
    for k, s in enumerate(ranked_series(uh)):
        of = max(r.of for r in s.rows if r.rank is not None)
        text = tr("{name} — of {n}", lang, name=series_label(s, lang), n=of)
        out.append((COLORS[k % len(COLORS)][1], text))
    return out


class HistoryChart(PlotextPlot):
    """Drawn at render time from the last `show`, like the other charts."""

    _shown: tuple[UnitHistory, str] | None = None

    def show(self, uh: UnitHistory, lang: str) -> None:
        self._shown = (uh, lang)
        self.refresh()

    def render(self) -> RenderResult:
        if self._shown is not None:
            self._draw(*self._shown)
        return super().render()

    def _draw(self, uh: UnitHistory, lang: str) -> None:
        plt = self.plt
        plt.clear_figure()
        plt.title(tr("Rank over the years — {name}", lang, name=unit_name(uh, lang)))
        drawn = ranked_series(uh)
        years = sorted({r.edition for s in drawn for r in s.rows if r.rank is not None})
        ranks = sorted({r.rank for s in drawn for r in s.rows if r.rank is not None})
        if not years:
            return
        for k, s in enumerate(drawn):
            pts = [(float(r.edition), float(-r.rank)) for r in s.rows if r.rank is not None]
            xs, ys = [x for x, _ in pts], [y for _, y in pts]
            color = COLORS[k % len(COLORS)][0]
            plt.plot(xs, ys, marker="braille", color=color)
            plt.scatter(xs, ys, marker="dot", color=color)
        # years as years (2023, not 2.023,0) and ranks as ranks, 1 at the top
        plt.xticks([float(y) for y in years], [str(y) for y in years])
        if len(ranks) > 8:
            ranks = [*ranks[:: max(1, len(ranks) // 6)], ranks[-1]]
        plt.yticks([float(-r) for r in ranks], [str(r) for r in ranks])
        lo, hi = min(years), max(years)
        pad = 0.3 if hi > lo else 0.5
        plt.xlim(lo - pad, hi + pad)
        top, bottom = -min(ranks), -max(ranks)
        plt.ylim(bottom - 1, top + 1)
        plt.ylabel(tr("Rank (1 at the top)", lang))
