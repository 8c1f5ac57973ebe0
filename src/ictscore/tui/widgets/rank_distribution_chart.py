"""The Monte Carlo's rank distribution as bars: how often each rank comes out when the peers
grow and the plan is only partly delivered."""

from __future__ import annotations

from ictscore.planning.montecarlo import RankDistribution
from ictscore.presentation import display
from ictscore.tui.i18n import tr
from ictscore.tui.widgets.chart_frame import ExplainedPlot, LegendItem, nice_ticks, tick_labels


class RankDistributionChart(ExplainedPlot):
    """Drawn at render time from the last `show`, like the other charts; one series, so the
    title is its legend."""

    _shown: tuple[RankDistribution | None, str] | None = None

    def show(self, dist: RankDistribution | None, lang: str) -> None:
        self._shown = (dist, lang)
        self.refresh()

    def _draw(self, dist: RankDistribution | None, lang: str) -> list[LegendItem]:
        plt = self.plt
        plt.clear_figure()
        if dist is None:
            plt.title(tr("Run the optimiser (o) to see the rank distribution", lang))
            return []
        ranks = sorted(dist.counts)
        share = [100.0 * dist.counts[r] / dist.draws for r in ranks]
        # explicit colours: plotext's default ones come from a set (a new order every run)
        plt.bar([f"#{r}" for r in ranks], share, color="blue+", width=0.6)
        top = max(share, default=0.0)
        ticks = nice_ticks(0.0, top, 4) if top > 0 else [0.0]
        plt.yticks(ticks, [f"{t} %" for t in tick_labels(ticks, lang)])
        plt.title(tr("Rank distribution (Monte Carlo)", lang))
        return []


def summary(dist: RankDistribution, lang: str) -> str:
    text = tr(
        "{n} draws: median rank {median}, 80 % interval {low}–{high}",
        lang,
        n=display.number(dist.draws, 0, lang),
        median=display.number(dist.median, 0, lang),
        low=dist.low,
        high=dist.high,
    )
    if dist.p_target is not None and dist.target is not None:
        text += ", " + tr(
            "P(rank ≤ {target}) = {p}",
            lang,
            target=dist.target,
            p=display.percent(dist.p_target, 1, lang),
        )
    return text
