"""points_over_max: each child as a share of its own maximum, weighted: Σ points × score ÷
max ÷ Σ points (0..1; `scale` turns it into points)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from ictscore.scoring.base import INF, Bounds
from ictscore.scoring.methods.base import Kid, total_factor
from ictscore.scoring.methods.weighted_mean import WeightedMean


class PointsOverMax(WeightedMean):
    """A weighted mean of shares: the arithmetic is the weighted mean's, on score ÷ maximum."""

    name = "points_over_max"

    def multipliers(self, kids: Sequence[Kid]) -> list[float]:
        return [k.factor / k.bounds[1] for k in kids]

    def bounds(self, kids: Sequence[Kid]) -> Bounds:
        w = total_factor(kids) or 1.0
        lo = math.fsum(k.factor * _share(k.bounds) for k in kids) / w
        return (lo, 1.0)

    def check_child(self, bounds: Bounds) -> str | None:
        hi = bounds[1]
        if not math.isfinite(hi) or hi <= 0:
            return "no_finite_max"
        return None


def _share(b: Bounds) -> float:
    lo, hi = b
    if hi <= 0 or not math.isfinite(hi):
        return -INF
    return lo / hi


METHOD = PointsOverMax()
