"""weighted_mean: Σ weight × score ÷ Σ weight (equal weights when none are given)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from operator import mul

from ictscore.scoring.base import Array, Bounds, array_sum
from ictscore.scoring.methods.base import Combine, CombineArrays, Kid, Method, total_factor


class WeightedMean(Method):
    name = "weighted_mean"

    def multipliers(self, kids: Sequence[Kid]) -> list[float]:
        """What each child's score is multiplied by before the sum is divided by Σ factor."""
        return [k.factor for k in kids]

    def compile(self, kids: Sequence[Kid]) -> Combine:
        fac = self.multipliers(kids)
        w = total_factor(kids)
        fsum = math.fsum
        if w <= 0:
            return lambda vals: 0.0
        return lambda vals: fsum(map(mul, vals, fac)) / w

    def compile_array(self, kids: Sequence[Kid]) -> CombineArrays:
        import numpy as np

        fac = self.multipliers(kids)
        w = total_factor(kids)

        def combine(cols: Sequence[Array]) -> Array:
            total = array_sum([c * f for c, f in zip(cols, fac, strict=True)])
            if w <= 0:
                return np.asarray(np.where(np.isnan(total), np.nan, 0.0), dtype=np.float64)
            return np.asarray(total / w, dtype=np.float64)

        return combine

    def bounds(self, kids: Sequence[Kid]) -> Bounds:
        w = total_factor(kids) or 1.0
        lo = math.fsum(k.factor * k.bounds[0] for k in kids) / w
        hi = math.fsum(k.factor * k.bounds[1] for k in kids) / w
        return (lo, hi)


METHOD = WeightedMean()
