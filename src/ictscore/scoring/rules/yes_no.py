"""yes_no: yes earns the points, no earns nothing (has a data centre → 35 points)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from ictscore.scoring.base import Array, Bounds, IndicatorLike, Message, RuleBase, Scorer, Value


class YesNoRule(RuleBase):
    """1 (yes) earns the points, 0 (no) nothing."""

    type: Literal["yes_no"] = Field(description='Which rule: "yes_no".')
    points: float = Field(description="Points for yes.")

    values = "yes_no"

    def scorer(self, ind: IndicatorLike) -> Scorer:
        yes = self.points
        return lambda v: yes if float(v) >= 0.5 else 0.0

    def score_array(self, ind: IndicatorLike, x: Array) -> Array:
        import numpy as np

        out = np.where(x >= 0.5, self.points, 0.0)
        return np.asarray(np.where(np.isnan(x), np.nan, out), dtype=np.float64)

    def upward(self, ind: IndicatorLike) -> bool:
        return True

    def worst(self, ind: IndicatorLike) -> Value:
        return 0.0

    def bounds(self, ind: IndicatorLike) -> Bounds:
        return (min(0.0, self.points), max(0.0, self.points))

    def candidates(self, ind: IndicatorLike, current: Value) -> Sequence[Value] | None:
        return [1.0] if float(current) < 0.5 else []

    def describe(self, ind: IndicatorLike) -> Message:
        return Message("rule.yes_no", {"points": self.points})


RULE = YesNoRule
