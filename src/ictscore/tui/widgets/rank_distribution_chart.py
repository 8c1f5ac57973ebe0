"""The Monte Carlo's rank distribution as bars: how often each rank comes out when the peers
grow and the plan is only partly delivered."""

from __future__ import annotations

from textual.app import RenderResult
from textual_plotext import PlotextPlot

from ictscore.planning.montecarlo import RankDistribution
from ictscore.presentation import display
from ictscore.tui.i18n import tr


class RankDistributionChart(PlotextPlot):
    """Drawn at render time from the last `show`, like the other charts."""

    _shown: tuple[RankDistribution | None, str] | None = None

    def show(self, dist: RankDistribution | None, lang: str) -> None:
        self._shown = (dist, lang)
        self.refresh()

    def render(self) -> RenderResult:
        if self._shown is not None:
            self._draw(*self._shown)
        return super().render()

    def _draw(self, dist: RankDistribution | None, lang: str) -> None:
        plt = self.plt
        plt.clear_figure()
        if dist is None:
            plt.title(tr("Run the optimiser (o) to see the rank distribution", lang))
            return
        ranks = sorted(dist.counts)
        share = [100.0 * dist.counts[r] / dist.draws for r in ranks]
        # explicit colours: plotext's default ones come from a set (a new order every run)
        plt.bar([f"#{r}" for r in ranks], share, color="blue+", width=0.6)
        plt.ylabel("%")
        plt.title(tr("Rank distribution (Monte Carlo)", lang))


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
