"""minmax: (value − peers' min) ÷ (max − min) × points; all score full when all are equal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from ictscore.scoring.base import (
    Array,
    Bounds,
    IndicatorLike,
    Message,
    RuleBase,
    Value,
    flat_array,
    is_flat,
    keep_missing,
    nan_max,
    nan_min,
)


class MinMaxRule(RuleBase):
    """The best peer scores the points, the worst 0, the rest in proportion."""

    type: Literal["minmax"] = Field(description='Which rule: "minmax".')
    points: float = Field(1.0, description="Points of the best entity.")

    peer_relative = True
    exact_inverse = False

    def score_column(self, ind: IndicatorLike, raw: Sequence[Value | None]) -> list[float | None]:
        xs = [float(v) for v in raw if v is not None]
        if not xs:
            return [None] * len(raw)
        return rescale(
            [None if v is None else float(v) for v in raw], self.upward(ind), self.points
        )

    def score_array(self, ind: IndicatorLike, x: Array) -> Array:
        return rescale_array(x, self.upward(ind), self.points)

    def bounds(self, ind: IndicatorLike) -> Bounds:
        return (min(0.0, self.points), max(0.0, self.points))

    def describe(self, ind: IndicatorLike) -> Message:
        return Message("rule.minmax", {"points": self.points})


def rescale(
    col: Sequence[float | None], higher: bool = True, points: float = 1.0
) -> list[float | None]:
    """Min-max across the entities that have a value; float noise is no spread.

    Shared with aggregates that rescale across peers (`rescale = "minmax"`), so that the rule and
    the rescaling treat a near-tie the same way.
    """
    xs = [v for v in col if v is not None]
    if not xs:
        return list(col)
    lo, hi = min(xs), max(xs)
    if is_flat(lo, hi):
        return [None if v is None else points for v in col]
    span = hi - lo
    if higher:
        return [None if v is None else (v - lo) / span * points for v in col]
    return [None if v is None else (hi - v) / span * points for v in col]


def rescale_array(x: Array, higher: bool = True, points: float = 1.0) -> Array:
    """`rescale` over the last axis of an array; NaN takes no part."""
    import numpy as np

    lo = nan_min(x)
    hi = nan_max(x)
    with np.errstate(invalid="ignore"):
        flat = flat_array(lo, hi)
        span = np.where(flat, 1.0, hi - lo)
        frac = (x - lo) / span if higher else (hi - x) / span
    out = np.where(flat, points, frac * points)
    return keep_missing(x, out)


RULE = MinMaxRule
