"""For the selected indicator, the focus entity's rank and headline score across the indicator's
range, with the rule's step thresholds and the current value marked: the score steps at the
thresholds are what make the rank jump, so a planner sees both the cause and the effect. The
range always reaches past the rule's last threshold (the 50 % step of the online application
rate is on the axis, not cut off with the flat tail)."""

from __future__ import annotations

from ictscore.formats.criteria import Indicator
from ictscore.planning.session import Session
from ictscore.planning.sweep import SweepPoint
from ictscore.presentation import describe
from ictscore.tui.i18n import tr
from ictscore.tui.widgets.chart_frame import (
    ExplainedPlot,
    LegendItem,
    nice_ticks,
    spread,
    tick_labels,
)

RANK, SCORE, THRESHOLD, CURRENT = "blue+", "orange+", "cyan", "red"
"""Explicit colours: plotext's default ones come from a set (a new order every run)."""


class SweepChart(ExplainedPlot):
    """Drawn at render time from the last `show`, like the pillar chart."""

    _shown: tuple[Session, str, str | None] | None = None

    def show(self, session: Session, lang: str, node: str | None) -> None:
        self._shown = (session, lang, node)
        self.refresh()

    def _draw(self, session: Session, lang: str, node: str | None) -> list[LegendItem]:
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
            return []
        sw = session.sweep(ind.id)
        thresholds = sorted(set(ind.rule.thresholds(ind)))
        points = _interesting(sw.points, sw.current, thresholds)
        ranks = [p.rank or 0 for p in points]
        scores = [p.score or 0.0 for p in points]
        columns = max(10, self.size.width - 16)
        xs: list[float]
        cur: float
        marks: list[float] = []
        if isinstance(points[0].value, str):
            xs = [float(k) for k in range(len(points))]
            plt.xticks(xs, [describe.value(ind, p.value, lang)[:12] for p in points])
            cur = float(next((k for k, p in enumerate(points) if p.value == sw.current), 0))
        else:
            xs = [float(p.value) for p in points]
            cur = float(sw.current) if sw.current is not None else xs[0]
            lo, hi = xs[0], xs[-1]
            marks = [t for t in thresholds if lo <= t <= hi]
            # the ends and the thresholds first, then round values where they still fit
            wanted = [lo, hi, *marks, *nice_ticks(lo, hi, max(2, columns // 10))]
            wanted = list(dict.fromkeys(wanted))
            labels = tick_labels(wanted, lang)
            keep = spread(wanted, lo, hi, columns, labels)
            plt.xticks([wanted[k] for k in keep], [labels[k] for k in keep])
        for t in marks:
            plt.vline(t, THRESHOLD)
        neg = [float(-r) for r in ranks]
        plt.plot(xs, neg, marker="braille", color=RANK)
        plt.plot(xs, scores, marker="braille", yside="right", color=SCORE)
        ticks = sorted(set(ranks))
        if len(ticks) > 8:
            ticks = sorted({*ticks[:: max(1, len(ticks) // 6)], ticks[-1]})
        plt.yticks([float(-t) for t in ticks], [f"#{t}" for t in ticks])
        s_lo, s_hi = min(scores), max(scores)
        s_ticks = nice_ticks(s_lo, s_hi, 4) if s_hi > s_lo else [s_lo]
        plt.yticks(s_ticks, tick_labels(s_ticks, lang), yside="right")  # type: ignore[arg-type]
        plt.vline(cur, CURRENT)
        unit = f" ({ind.unit})" if ind.unit else ""
        title = f"{tr('Rank across the range of', lang)} {crit.label(ind.id, lang)}{unit}"
        width = self.size.width - 2
        # plotext drops a title longer than the chart: cut it instead, the name still leads
        plt.title(title if len(title) <= width else title[: width - 1] + "…")
        legend = [("━", tr("Rank", lang), RANK), ("━", tr("Score", lang), SCORE)]
        if marks:
            wide = self.size.width >= 60
            legend.append(
                ("│", tr("rule threshold", lang) if wide else tr("threshold", lang), THRESHOLD)
            )
        legend.append(("│", tr("current", lang), CURRENT))
        return legend


def _interesting(
    points: tuple[SweepPoint, ...],
    current: object,
    thresholds: list[float] = (),  # type: ignore[assignment]
) -> tuple[SweepPoint, ...]:
    """Cut a long flat tail: past the last change of rank only a little more range is shown,
    so the steps are not squeezed into a corner; the current value and every threshold of the
    rule always stay on the axis (the score steps there even where the rank does not)."""
    if len(points) < 20 or isinstance(points[0].value, str):
        return points
    last = max(
        (k for k in range(1, len(points)) if points[k].rank != points[k - 1].rank), default=0
    )
    lo, hi = float(points[0].value), float(points[-1].value)
    end = float(points[last].value) + 0.25 * (hi - lo) * (last / len(points) + 0.2)
    if isinstance(current, int | float):
        end = max(end, float(current) * 1.1)
    inside = [t for t in thresholds if lo <= t <= hi]
    if inside:
        end = max(end, max(inside) + 0.1 * (hi - lo))
    cut = tuple(p for p in points if float(p.value) <= end + 1e-9)
    return cut if len(cut) >= 10 else points
