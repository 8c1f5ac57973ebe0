"""bonus: value × per_unit, clamped to [min, max]: bonus points, or a penalty when per_unit < 0
(−5 points per security incident, at most −20)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ictscore.scoring.base import (
    INF,
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


class BonusRule(RuleBase):
    """Points per unit of the value, kept between `min` and `max`."""

    type: Literal["bonus"] = Field(description='Which rule: "bonus".')
    per_unit: float = Field(description="Points per unit; negative for a penalty.")
    min: float = Field(description="The lowest total (the largest penalty, for a penalty).")
    max: float = Field(description="The highest total.")

    @model_validator(mode="after")
    def _ordered(self) -> BonusRule:
        if self.max < self.min:
            raise ValueError(N_("bonus needs min <= max"))
        return self

    def check(self, ind: IndicatorLike) -> str | None:
        if (self.per_unit < 0) != (ind.direction == "lower"):
            return N_(
                "a bonus with per_unit < 0 is a penalty, so direction must be 'lower' "
                "(and 'higher' for a positive bonus): the missing-value policy and the "
                "planner read the direction"
            )
        return None

    def upward(self, ind: IndicatorLike) -> bool:
        # the sign decides: a penalty per incident is worse as the count rises
        return self.per_unit >= 0

    def scorer(self, ind: IndicatorLike) -> Scorer:
        per, lo, hi = self.per_unit, self.min, self.max
        return lambda v: clip(float(v) * per, lo, hi)

    def score_array(self, ind: IndicatorLike, x: Array) -> Array:
        import numpy as np

        return keep_missing(x, np.clip(x * self.per_unit, self.min, self.max))

    def bounds(self, ind: IndicatorLike) -> Bounds:
        return (self.min, self.max)

    def thresholds(self, ind: IndicatorLike) -> list[float]:
        if self.per_unit == 0:
            return []
        return sorted({self.min / self.per_unit, self.max / self.per_unit})

    def inverse(self, ind: IndicatorLike, score: float) -> float | None:
        if score > self.max:
            return None
        if self.per_unit == 0:
            return 0.0 if clip(0.0, self.min, self.max) >= score else None
        if score <= self.min:
            return -INF if self.per_unit > 0 else INF
        return score / self.per_unit

    def describe(self, ind: IndicatorLike) -> Message:
        return Message(
            "rule.bonus",
            {"per_unit": self.per_unit, "min": self.min, "max": self.max, "unit": ind.unit},
        )


RULE = BonusRule
