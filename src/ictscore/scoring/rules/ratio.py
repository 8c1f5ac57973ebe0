"""ratio: value ÷ target × points, capped (officials with a computer ÷ all officials × 20)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from ictscore.scoring.base import INF, N_, Array, Bounds, IndicatorLike, Message, RuleBase, Scorer


class RatioRule(RuleBase):
    """value / target × points, capped at `cap` × points; for a lower-is-better value,
    target / value × points."""

    type: Literal["ratio"] = Field(description='Which rule: "ratio".')
    points: float = Field(description="Points at the target.")
    target: float = Field(
        1.0, description="The value that earns the full points (100 for a percentage)."
    )
    cap: float = Field(
        1.0, description="The most a value past the target earns, as a multiple of the points."
    )

    @field_validator("target")
    @classmethod
    def _positive(cls, v: float) -> float:
        if v <= 0:
            raise ValueError(N_("target must be positive"))
        return v

    def scorer(self, ind: IndicatorLike) -> Scorer:
        pts, target, cap = self.points, self.target, self.cap
        if self.upward(ind):
            return lambda v: min(float(v) / target, cap) * pts
        return lambda v: (cap if float(v) <= 0 else min(target / float(v), cap)) * pts

    def score_array(self, ind: IndicatorLike, x: Array) -> Array:
        import numpy as np

        if self.upward(ind):
            frac = x / self.target
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                frac = np.where(x <= 0, self.cap, self.target / np.where(x == 0, 1.0, x))
        out = np.minimum(frac, self.cap) * self.points
        return np.asarray(np.where(np.isnan(x), np.nan, out), dtype=np.float64)

    def bounds(self, ind: IndicatorLike) -> Bounds:
        hi = self.cap * self.points
        lo_raw = ind.range[0] if ind.range else -INF
        lo = 0.0 if (lo_raw >= 0 or not self.upward(ind)) else -INF
        return (min(lo, hi), max(lo, hi))

    def thresholds(self, ind: IndicatorLike) -> list[float]:
        return [self.target * self.cap if self.upward(ind) else self.target / self.cap]

    def inverse(self, ind: IndicatorLike, score: float) -> float | None:
        if score > self.cap * self.points or self.points <= 0:
            return None
        if self.upward(ind):
            return score / self.points * self.target
        if score <= 0:
            return INF
        return self.target * self.points / score

    def describe(self, ind: IndicatorLike) -> Message:
        return Message(
            "rule.ratio" if self.upward(ind) else "rule.ratio_lower",
            {
                "points": self.points,
                "target": self.target,
                "most": self.cap * self.points,
                "unit": ind.unit,
            },
        )


RULE = RatioRule
