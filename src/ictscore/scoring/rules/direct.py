"""direct: the value is already the score (DTI main indices are published in 0..1)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ictscore.scoring.base import INF, N_, Array, Bounds, IndicatorLike, Message, RuleBase, Scorer


class DirectRule(RuleBase):
    """The value is the score."""

    type: Literal["direct"] = Field(description='Which rule: "direct".')
    max: float | None = Field(
        None, description="The highest score, when the indicator has no range to say it."
    )

    def check(self, ind: IndicatorLike) -> str | None:
        if ind.direction == "lower":
            return N_(
                "a 'direct' rule takes the value as the score, so direction must be "
                "'higher'; use goalposts or minmax for a lower-is-better value"
            )
        return None

    def scorer(self, ind: IndicatorLike) -> Scorer:
        return float

    def score_array(self, ind: IndicatorLike, x: Array) -> Array:
        return x

    def bounds(self, ind: IndicatorLike) -> Bounds:
        if ind.range:
            return ind.range
        return (-INF, self.max) if self.max is not None else (-INF, INF)

    def inverse(self, ind: IndicatorLike, score: float) -> float | None:
        hi = self.bounds(ind)[1]
        return score if score <= hi else None

    def describe(self, ind: IndicatorLike) -> Message:
        return Message("rule.direct", {})


RULE = DirectRule
