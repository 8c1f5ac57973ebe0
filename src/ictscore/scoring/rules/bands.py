"""bands: value bands to points, in proportion inside each band (0 % → 0, 50 % → 10,
100 % → 20: 75 % earns 15). Below the first band and above the last the points stay level."""

from __future__ import annotations

import itertools
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from ictscore.scoring.base import (
    N_,
    Array,
    Bounds,
    IndicatorLike,
    Message,
    NoBoolNumbers,
    RuleBase,
    Scorer,
    Value,
)


class Band(NoBoolNumbers):
    """One edge of a band: a value and the points at exactly that value."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    at: float = Field(description="A value where the band changes.")
    points: float = Field(description="Points at exactly that value.")


class BandsRule(RuleBase):
    """Points by linear interpolation between the band edges (`at`, `points`)."""

    type: Literal["bands"] = Field(description='Which rule: "bands".')
    bands: list[Band] = Field(
        min_length=2, description="The band edges, in increasing order of `at`."
    )

    @model_validator(mode="after")
    def _ordered(self) -> BandsRule:
        ats = [b.at for b in self.bands]
        if any(b <= a for a, b in itertools.pairwise(ats)):
            raise ValueError(N_("bands need strictly increasing values of 'at'"))
        return self

    def check(self, ind: IndicatorLike) -> str | None:
        pts = [b.points for b in self.bands]
        pairs = list(itertools.pairwise(pts))
        rising = all(b >= a for a, b in pairs)
        falling = all(b <= a for a, b in pairs)
        if ind.direction == "higher" and not rising:
            return N_("the points of the bands must not fall as the value rises (direction higher)")
        if ind.direction == "lower" and not falling:
            return N_("the points of the bands must not rise with the value (direction lower)")
        return None

    def scorer(self, ind: IndicatorLike) -> Scorer:
        edges = [(b.at, b.points) for b in self.bands]
        first, last = edges[0], edges[-1]

        def band(v: Value) -> float:
            x = float(v)
            if x <= first[0]:
                return first[1]
            if x >= last[0]:
                return last[1]
            for (a0, p0), (a1, p1) in itertools.pairwise(edges):
                if x <= a1:
                    return p0 + (x - a0) / (a1 - a0) * (p1 - p0)
            return last[1]  # pragma: no cover - x >= last[0] returned above

        return band

    def score_array(self, ind: IndicatorLike, x: Array) -> Array:
        import numpy as np

        edges = [(b.at, b.points) for b in self.bands]
        out = np.full(x.shape, edges[-1][1])
        # from the last band down, so that each value ends with the first band it falls in
        for (a0, p0), (a1, p1) in reversed(list(itertools.pairwise(edges))):
            inside = x <= a1
            out = np.where(inside, p0 + (x - a0) / (a1 - a0) * (p1 - p0), out)
        out = np.where(x <= edges[0][0], edges[0][1], out)
        return np.asarray(np.where(np.isnan(x), np.nan, out), dtype=np.float64)

    def bounds(self, ind: IndicatorLike) -> Bounds:
        pts = [b.points for b in self.bands]
        return (min(pts), max(pts))

    def thresholds(self, ind: IndicatorLike) -> list[float]:
        return [b.at for b in self.bands]

    def inverse(self, ind: IndicatorLike, score: float) -> float | None:
        edges = [(b.at, b.points) for b in self.bands]
        if not self.upward(ind):
            # walk from the high values (the worst) down
            edges = list(reversed(edges))
        if edges[0][1] >= score:
            return float(self.worst(ind)) if ind.range else edges[0][0]
        for (a0, p0), (a1, p1) in itertools.pairwise(edges):
            if p1 >= score > p0:
                return a0 + (score - p0) / (p1 - p0) * (a1 - a0)
        return None

    def describe(self, ind: IndicatorLike) -> Message:
        return Message(
            "rule.bands", {"bands": [(b.at, b.points) for b in self.bands], "unit": ind.unit}
        )


RULE = BandsRule
