"""The focus entity's pillar scores against the leader, the median and the entity just above."""

from __future__ import annotations

from typing import ClassVar

from ictscore.planning.session import Session
from ictscore.tui.i18n import tr
from ictscore.tui.widgets.chart_frame import ExplainedPlot, LegendItem, tick_labels

PERCENT_TICKS = [0.0, 25.0, 50.0, 75.0, 100.0]


class PillarChart(ExplainedPlot):
    """Drawn at render time, from the size it is rendered at, so labels never depend on when
    a resize arrived. The legend is a line under the chart: inside, plotext paints it over the
    first bars."""

    MIN_SIZE: ClassVar[tuple[int, int]] = (30, 9)
    _shown: tuple[Session, str] | None = None

    def show(self, session: Session, lang: str) -> None:
        self._shown = (session, lang)
        self.refresh()

    def _draw(self, session: Session, lang: str) -> list[LegendItem]:
        rows = session.pillar_rows()
        bounds = session.engine.bounds

        def pct(node: str, v: float | None) -> float:
            """Share of the pillar's maximum, so pillars of 100 and 400 points compare."""
            hi = bounds[node][1]
            if v is None:
                return 0.0
            return v / hi * 100 if 0 < hi < float("inf") else v

        crit = session.scenario.criteria
        plt = self.plt
        plt.clear_figure()
        # numbered ticks with the names in a key below: plotext places longer tick labels
        # differently from one run to the next (and drops those that collide)
        n = max(1, len(rows))
        slot = max(3, (self.size.width - 4 - 2 * (n - 1)) // n - 2)
        ticks = [str(k) for k in range(1, len(rows) + 1)]
        key = "  ".join(
            f"{k} {_short(crit.label(r.node, lang), slot)}"
            for k, r in zip(ticks, rows, strict=True)
        )
        series = [
            ([pct(r.node, r.focus) for r in rows], session.result.names[session.focus]),
            ([pct(r.node, r.above) for r in rows], tr("Entity above", lang)),
            ([pct(r.node, r.leader) for r in rows], tr("Leader", lang)),
            ([pct(r.node, r.median) for r in rows], tr("Median", lang)),
        ]
        if all(r.above is None for r in rows):
            series.pop(1)
        names = [n for _, n in series]
        colors = ["blue+", "orange+", "green+", "gray"][: len(series)]
        # the stub types `labels` and `color` wrongly: plotext takes one per series
        plt.multiple_bar(
            ticks,
            [s for s, _ in series],
            color=colors,  # type: ignore[arg-type]
        )
        plt.xticks(list(range(1, len(ticks) + 1)), ticks)
        plt.yticks(PERCENT_TICKS, tick_labels(PERCENT_TICKS, lang))
        plt.ylim(0, max([100.0, *(v for values, _ in series for v in values)]))
        plt.xlabel(key)
        plt.title(tr("Pillars", lang) + " (% max)")
        return [("█", name, c) for name, c in zip(names, colors, strict=True)]


def _short(label: str, room: int) -> str:
    """Cut to the room under each bar group: plotext drops labels that collide."""
    return label if len(label) <= room else label[: room - 1] + "…"
