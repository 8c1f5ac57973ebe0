"""sum: the children's points added up (the DTI's 1,000 points are sums of sums)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from operator import mul

from ictscore.scoring.base import Array, Bounds, array_sum
from ictscore.scoring.methods.base import Combine, CombineArrays, Kid, Method


class Sum(Method):
    name = "sum"

    def compile(self, kids: Sequence[Kid]) -> Combine:
        fac = [k.factor for k in kids]
        fsum = math.fsum
        return lambda vals: fsum(map(mul, vals, fac))

    def compile_array(self, kids: Sequence[Kid]) -> CombineArrays:
        fac = [k.factor for k in kids]

        def combine(cols: Sequence[Array]) -> Array:
            return array_sum([c * f for c, f in zip(cols, fac, strict=True)])

        return combine

    def bounds(self, kids: Sequence[Kid]) -> Bounds:
        lo = math.fsum(k.factor * k.bounds[0] for k in kids)
        hi = math.fsum(k.factor * k.bounds[1] for k in kids)
        return (lo, hi)


METHOD = Sum()
