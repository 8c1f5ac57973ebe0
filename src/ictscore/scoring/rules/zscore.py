"""zscore: (value − peers' mean) ÷ their population standard deviation, as the Vietnam ICT
Index method describes; 0 for everyone when all are equal."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from ictscore.scoring.base import (
    INF,
    Array,
    Bounds,
    IndicatorLike,
    Message,
    RuleBase,
    Value,
    axis_sum,
    flat_array,
    is_flat,
    keep_missing,
    nan_max,
    nan_min,
)


class ZScoreRule(RuleBase):
    """Standard scores across the entities that have a value."""

    type: Literal["zscore"] = Field(description='Which rule: "zscore".')

    peer_relative = True
    exact_inverse = False

    def score_column(self, ind: IndicatorLike, raw: Sequence[Value | None]) -> list[float | None]:
        xs = [float(v) for v in raw if v is not None]
        if not xs:
            return [None] * len(raw)
        if is_flat(min(xs), max(xs)):
            # equal values have no spread; computing it would give rounding noise (1e-17), and
            # dividing by that noise would turn equal peers into ±1
            return [None if v is None else 0.0 for v in raw]
        n = len(xs)
        # z-scores do not change when every value is divided by one number; dividing by the
        # largest magnitude keeps the squares from underflowing to a zero spread (1e-200)
        size = max(abs(x) for x in xs)
        xs = [x / size for x in xs]
        mean = math.fsum(xs) / n
        sd = math.sqrt(math.fsum((x - mean) * (x - mean) for x in xs) / n)
        sign = 1.0 if self.upward(ind) else -1.0
        return [None if v is None else sign * ((float(v) / size - mean) / sd) for v in raw]

    def score_array(self, ind: IndicatorLike, x: Array) -> Array:
        import numpy as np

        valid = ~np.isnan(x)
        n = valid.sum(axis=-1, keepdims=True)
        lo, hi = nan_min(x), nan_max(x)
        with np.errstate(invalid="ignore", divide="ignore"):
            flat = flat_array(lo, hi) | (n == 0)
            size = np.fmax.reduce(np.abs(x), axis=-1, keepdims=True)
            size = np.where(flat, 1.0, size)
            xs = x / size
            nn = np.where(n > 0, n, 1)
            mean = axis_sum(np.where(valid, xs, 0.0)) / nn
            d = np.where(valid, xs - mean, 0.0)
            sd = np.sqrt(axis_sum(d * d) / nn)
            sd = np.where(flat, 1.0, sd)
            sign = 1.0 if self.upward(ind) else -1.0
            z = sign * ((x / size - mean) / sd)
        out = np.where(flat, 0.0, z)
        return keep_missing(x, out)

    def bounds(self, ind: IndicatorLike) -> Bounds:
        return (-INF, INF)

    def describe(self, ind: IndicatorLike) -> Message:
        return Message("rule.zscore", {})


RULE = ZScoreRule
