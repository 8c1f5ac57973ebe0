"""relative_to_best: value ÷ the best peer's value × points (bandwidth per official ÷ the best
agency's × 40)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from ictscore.scoring.base import (
    N_,
    Array,
    Bounds,
    IndicatorLike,
    Message,
    RuleBase,
    Value,
    keep_missing,
    nan_max,
    nan_min,
)


class RelativeToBestRule(RuleBase):
    """value / best × points; for a lower-is-better value, best / value × points."""

    type: Literal["relative_to_best"] = Field(description='Which rule: "relative_to_best".')
    points: float = Field(1.0, description="Points of the best entity.")

    peer_relative = True
    exact_inverse = False

    def check(self, ind: IndicatorLike) -> str | None:
        if ind.range is None or ind.range[0] < 0:
            return N_(
                "'relative_to_best' divides by the best value: give a range "
                "that starts at 0 or above"
            )
        return None

    def score_column(self, ind: IndicatorLike, raw: Sequence[Value | None]) -> list[float | None]:
        xs = [float(v) for v in raw if v is not None]
        if not xs:
            return [None] * len(raw)
        pts = self.points
        if self.upward(ind):
            best = max(xs)
            if best <= 0:
                return [None if v is None else 0.0 for v in raw]
            return [None if v is None else float(v) / best * pts for v in raw]
        best = min(xs)
        return [
            None if v is None else (pts if float(v) <= 0 else best / float(v) * pts) for v in raw
        ]

    def score_array(self, ind: IndicatorLike, x: Array) -> Array:
        import numpy as np

        pts = self.points
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.upward(ind):
                best = nan_max(x)
                out = np.where(best <= 0, 0.0, x / np.where(best > 0, best, 1.0) * pts)
            else:
                best = nan_min(x)
                out = np.where(x <= 0, pts, best / np.where(x == 0, 1.0, x) * pts)
        return keep_missing(x, out)

    def bounds(self, ind: IndicatorLike) -> Bounds:
        return (min(0.0, self.points), max(0.0, self.points))

    def describe(self, ind: IndicatorLike) -> Message:
        return Message("rule.relative_to_best", {"points": self.points})


RULE = RelativeToBestRule
