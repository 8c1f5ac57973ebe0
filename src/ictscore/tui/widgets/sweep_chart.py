"""For the selected indicator, the focus entity's rank and score across the indicator's range,
with the current value marked: where the rank jumps is what a planner needs to see."""

from __future__ import annotations

from textual.app import RenderResult
from textual_plotext import PlotextPlot

from ictscore.formats.criteria import Indicator
from ictscore.planning.session import Session
from ictscore.planning.sweep import SweepPoint
from ictscore.presentation import describe, display
from ictscore.tui.i18n import tr


class SweepChart(PlotextPlot):
    """Drawn at render time from the last `show`, like the pillar chart."""

    _shown: tuple[Session, str, str | None] | None = None

    def show(self, session: Session, lang: str, node: str | None) -> None:
        self._shown = (session, lang, node)
        self.refresh()

    def render(self) -> RenderResult:
        if self._shown is not None:
            self._draw(*self._shown)
        return super().render()

    def _draw(self, session: Session, lang: str, node: str | None) -> None:
        plt = self.plt
        plt.clear_figure()
        crit = session.scenario.criteria
        ind = None if node is None else crit.nodes[node]
        if not isinstance(ind, Indicator):
            plt.title(
                tr(
                    "Select an indicator to edit it; aggregates are computed from their parts.",
                    lang,
                )
            )
            return
        sw = session.sweep(ind.id)
        points = _interesting(sw.points, sw.current)
        ranks = [p.rank or 0 for p in points]
        scores = [p.score or 0.0 for p in points]
        xs: list[float]
        cur: float
        if isinstance(points[0].value, str):
            xs = [float(k) for k in range(len(points))]
            plt.xticks(xs, [describe.value(ind, p.value, lang)[:12] for p in points])
            cur = float(next((k for k, p in enumerate(points) if p.value == sw.current), 0))
        else:
            xs = [float(p.value) for p in points]
            cur = float(sw.current) if sw.current is not None else xs[0]
            # plotext writes its own ticks as "100.0": ours say 100 / 0,5 the language's way
            xt = _spread(min(xs), max(xs))
            plt.xticks(xt, [display.short(v, 2, lang) for v in xt])
        neg = [float(-r) for r in ranks]
        # explicit colours: plotext's default ones come from a set (a new order every run)
        plt.plot(xs, neg, marker="braille", label=tr("Rank", lang), color="blue+")
        plt.plot(
            xs, scores, marker="braille", yside="right", label=tr("Score", lang), color="orange+"
        )
        lo, hi = min(ranks), max(ranks)
        ticks = sorted({lo, hi, *(r for r in ranks)})
        if len(ticks) > 8:
            ticks = [*ticks[:: max(1, len(ticks) // 6)], hi]
        plt.yticks([float(-t) for t in ticks], [f"#{t}" for t in ticks])
        st = _spread(min(scores), max(scores))
        plt.yticks(st, [display.short(v, 2, lang) for v in st], yside="right")  # type: ignore[arg-type]
        plt.vline(cur, "red")
        unit = f" ({ind.unit})" if ind.unit else ""
        plt.title(f"{tr('Rank across the range of', lang)} {crit.label(ind.id, lang)}{unit}")


def _spread(lo: float, hi: float, n: int = 5) -> list[float]:
    """`n` evenly spaced tick positions from `lo` to `hi` (one when they are equal)."""
    if hi <= lo:
        return [lo]
    return [lo + (hi - lo) * k / (n - 1) for k in range(n)]


def _interesting(points: tuple[SweepPoint, ...], current: object) -> tuple[SweepPoint, ...]:
    """Cut a long flat tail: past the last change of rank only a little more range is shown
    (and the current value always is), so the steps are not squeezed into a corner."""
    if len(points) < 20 or isinstance(points[0].value, str):
        return points
    last = max(
        (k for k in range(1, len(points)) if points[k].rank != points[k - 1].rank), default=0
    )
    lo, hi = float(points[0].value), float(points[-1].value)
    end = float(points[last].value) + 0.25 * (hi - lo) * (last / len(points) + 0.2)
    if isinstance(current, int | float):
        end = max(end, float(current) * 1.1)
    cut = tuple(p for p in points if float(p.value) <= end)
    return cut if len(cut) >= 10 else points
