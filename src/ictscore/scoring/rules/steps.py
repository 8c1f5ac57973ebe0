"""steps: points from the best step reached (meetings in the year: 4 → 20, 3 → 15, ...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import ConfigDict, Field

from ictscore.scoring.base import (
    Array,
    Bounds,
    IndicatorLike,
    Message,
    NoBoolNumbers,
    RuleBase,
    Scorer,
    Value,
)


class Step(NoBoolNumbers):
    """One step of a step table: the value that reaches it and its points."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    at: float = Field(
        description="The value that reaches the step (at least it, or at most it when lower is "
        "better)."
    )
    points: float = Field(description="Points of the step.")


class StepsRule(RuleBase):
    """The points of the best step reached; `otherwise` when none is."""

    type: Literal["steps"] = Field(description='Which rule: "steps".')
    steps: list[Step] = Field(min_length=1, description="The steps, in any order.")
    otherwise: float = Field(0.0, description="Points when no step is reached.")

    def _reached(self, ind: IndicatorLike, x: float, at: float) -> bool:
        return x >= at if self.upward(ind) else x <= at

    def scorer(self, ind: IndicatorLike) -> Scorer:
        steps = [(st.at, st.points) for st in self.steps]
        otherwise = self.otherwise
        higher = self.upward(ind)

        def step(v: Value) -> float:
            x = float(v)
            best: float | None = None
            for at, pts in steps:
                reached = x >= at if higher else x <= at
                if reached and (best is None or pts > best):
                    best = pts
            return otherwise if best is None else max(best, otherwise)

        return step

    def score_array(self, ind: IndicatorLike, x: Array) -> Array:
        import numpy as np

        out = np.full(x.shape, self.otherwise)
        higher = self.upward(ind)
        for s in self.steps:
            reached = x >= s.at if higher else x <= s.at
            out = np.where(reached, np.maximum(out, s.points), out)
        return np.asarray(np.where(np.isnan(x), np.nan, out), dtype=np.float64)

    def bounds(self, ind: IndicatorLike) -> Bounds:
        levels = [s.points for s in self.steps] + [self.otherwise]
        return (min(levels), max(levels))

    def thresholds(self, ind: IndicatorLike) -> list[float]:
        return sorted({s.at for s in self.steps})

    def candidates(self, ind: IndicatorLike, current: Value) -> Sequence[Value] | None:
        """The steps past the current value that earn more, nearest first.

        Values between two steps score as the lower one, so these are the only values worth
        trying; a step outside the indicator's range cannot be reached.
        """
        score = self.scorer(ind)
        now = score(current)
        x = float(current)
        up = self.upward(ind)
        ats = sorted({s.at for s in self.steps}, reverse=not up)
        out: list[Value] = []
        best = now
        for at in ats:
            if (at <= x) if up else (at >= x):
                continue
            if ind.range is not None and not ind.range[0] <= at <= ind.range[1]:
                continue
            if score(at) > best:
                out.append(float(at))
                best = score(at)
        return out

    def inverse(self, ind: IndicatorLike, score: float) -> float | None:
        if self.otherwise >= score:
            worst = self.worst(ind)
            return float(worst)
        up = self.upward(ind)
        ok = [s.at for s in self.steps if s.points >= score]
        if not ok:
            return None
        return min(ok) if up else max(ok)

    def describe(self, ind: IndicatorLike) -> Message:
        up = self.upward(ind)
        steps = sorted(self.steps, key=lambda s: s.at, reverse=up)
        return Message(
            "rule.steps" if up else "rule.steps_lower",
            {
                "steps": [(s.at, s.points) for s in steps],
                "otherwise": self.otherwise,
                "unit": ind.unit,
            },
        )


RULE = StepsRule
