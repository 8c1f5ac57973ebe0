"""geometric_mean: exp(Σ weight × ln score ÷ Σ weight); 0 when any score is 0 or less."""

from __future__ import annotations

import math
from collections.abc import Sequence
from operator import mul

from ictscore.scoring.base import INF, Array, Bounds, array_sum
from ictscore.scoring.methods.base import Combine, CombineArrays, Kid, Method, total_factor


class GeometricMean(Method):
    name = "geometric_mean"

    def compile(self, kids: Sequence[Kid]) -> Combine:
        fac = [k.factor for k in kids]
        w = total_factor(kids)
        fsum, exp, log = math.fsum, math.exp, math.log

        def combine(vals: Sequence[float]) -> float:
            if w <= 0 or any(s <= 0 for s in vals):
                return 0.0
            return exp(fsum(map(mul, fac, map(log, vals))) / w)

        return combine

    def compile_array(self, kids: Sequence[Kid]) -> CombineArrays:
        import numpy as np

        fac = [k.factor for k in kids]
        w = total_factor(kids)
        # numpy's own log and exp may differ from the C library's in the last bit; the engine's
        # math.log and math.exp, applied elementwise, keep the two paths identical
        log = np.frompyfunc(math.log, 1, 1)
        exp = np.frompyfunc(math.exp, 1, 1)

        def combine(cols: Sequence[Array]) -> Array:
            shape = np.broadcast_shapes(*(np.shape(c) for c in cols))
            full = [np.broadcast_to(c, shape) for c in cols]
            missing = np.zeros(shape, dtype=bool)
            nonpos = np.zeros(shape, dtype=bool)
            for c in full:
                missing |= np.isnan(c)
                nonpos |= c <= 0
            safe = [np.where((c > 0) & ~np.isnan(c), c, 1.0) for c in full]
            logs = array_sum(
                [f * np.asarray(log(s), dtype=np.float64) for s, f in zip(safe, fac, strict=True)]
            )
            out = np.asarray(exp(logs / w), dtype=np.float64) if w > 0 else np.zeros(shape)
            out = np.where(nonpos | (w <= 0), 0.0, out)
            return np.asarray(np.where(missing, np.nan, out), dtype=np.float64)

        return combine

    def bounds(self, kids: Sequence[Kid]) -> Bounds:
        fac = [k.factor for k in kids]
        return (_geo([k.bounds[0] for k in kids], fac), _geo([k.bounds[1] for k in kids], fac))

    def check_child(self, bounds: Bounds) -> str | None:
        return "can_be_negative" if bounds[0] < 0 else None


def _geo(values: list[float], weights: list[float]) -> float:
    w = math.fsum(weights) or 1.0
    if any(v <= 0 for v in values):
        return 0.0
    if any(math.isinf(v) for v in values):
        return INF
    return math.exp(math.fsum(wi * math.log(v) for v, wi in zip(values, weights, strict=True)) / w)


METHOD = GeometricMean()
