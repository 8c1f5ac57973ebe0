"""goalposts: (value − lower) ÷ (upper − lower), clamped to 0..1, × points: fixed goalposts."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ictscore.scoring.base import (
    N_,
    Array,
    Bounds,
    IndicatorLike,
    Message,
    RuleBase,
    Scorer,
    clip,
    keep_missing,
)


class GoalpostsRule(RuleBase):
    """0 at the lower goalpost, the points at the upper, in proportion between (reversed when
    lower is better)."""

    type: Literal["goalposts"] = Field(description='Which rule: "goalposts".')
    lower: float = Field(description="The value that scores 0 (full points when lower is better).")
    upper: float = Field(description="The value that scores the points (0 when lower is better).")
    points: float = Field(1.0, description="Points at the better goalpost.")

    @model_validator(mode="after")
    def _ordered(self) -> GoalpostsRule:
        if self.upper <= self.lower:
            raise ValueError(N_("goalposts need lower < upper"))
        return self

    def scorer(self, ind: IndicatorLike) -> Scorer:
        lower, upper, pts = self.lower, self.upper, self.points
        span = upper - lower
        if self.upward(ind):
            return lambda v: clip((float(v) - lower) / span, 0.0, 1.0) * pts
        return lambda v: clip((upper - float(v)) / span, 0.0, 1.0) * pts

    def score_array(self, ind: IndicatorLike, x: Array) -> Array:
        import numpy as np

        span = self.upper - self.lower
        frac = (x - self.lower) / span if self.upward(ind) else (self.upper - x) / span
        return keep_missing(x, np.clip(frac, 0.0, 1.0) * self.points)

    def bounds(self, ind: IndicatorLike) -> Bounds:
        return (min(0.0, self.points), max(0.0, self.points))

    def thresholds(self, ind: IndicatorLike) -> list[float]:
        return [self.lower, self.upper]

    def inverse(self, ind: IndicatorLike, score: float) -> float | None:
        if self.points <= 0 or score > self.points:
            return None
        frac = max(0.0, score / self.points)
        span = self.upper - self.lower
        return self.lower + frac * span if self.upward(ind) else self.upper - frac * span

    def describe(self, ind: IndicatorLike) -> Message:
        return Message(
            "rule.goalposts" if self.upward(ind) else "rule.goalposts_lower",
            {"points": self.points, "lower": self.lower, "upper": self.upper, "unit": ind.unit},
        )


RULE = GoalpostsRule
