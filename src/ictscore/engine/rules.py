"""Scoring rules: how an indicator's raw value becomes a score.

Rules that compare an entity with its peers (relative to the best, min-max, z-score) score a whole
column at once; the others score one value, which is what makes a one-value recompute cheap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ictscore.formats.criteria import PEER_RELATIVE_RULES, Indicator
from ictscore.formats.values import Value


def is_peer_relative(ind: Indicator) -> bool:
    return ind.rule.type in PEER_RELATIVE_RULES


def score_value(ind: Indicator, v: Value) -> float:
    """Score one value with a rule that does not look at peers."""
    r = ind.rule
    higher = ind.direction == "higher"
    if r.type == "category":
        for c in r.categories:
            if c.key == v:
                return c.fraction * r.points
        raise ValueError(f"unknown category {v!r} for {ind.id}")
    x = float(v)
    if r.type == "direct":
        return x
    if r.type == "ratio":
        frac = x / r.target if higher else (r.cap if x <= 0 else r.target / x)
        return min(frac, r.cap) * r.points
    if r.type == "steps":
        best: float | None = None
        for s in r.steps:
            reached = x >= s.at if higher else x <= s.at
            if reached and (best is None or s.points > best):
                best = s.points
        return r.otherwise if best is None else max(best, r.otherwise)
    if r.type == "yes_no":
        return r.points if x >= 0.5 else 0.0
    if r.type == "goalposts":
        span = r.upper - r.lower
        frac = (x - r.lower) / span if higher else (r.upper - x) / span
        return min(1.0, max(0.0, frac)) * r.points
    if r.type == "bonus":
        return min(r.max, max(r.min, x * r.per_unit))
    raise ValueError(f"rule {r.type} needs the peers' values")


def score_column(ind: Indicator, raw: Sequence[Value | None]) -> list[float | None]:
    """Score every entity's value; None stays None and takes no part among the peers."""
    r = ind.rule
    if r.type not in PEER_RELATIVE_RULES:
        return [None if v is None else score_value(ind, v) for v in raw]
    xs = [float(v) for v in raw if v is not None]
    if not xs:
        return [None] * len(raw)
    higher = ind.direction == "higher"
    if r.type == "relative_to_best":
        pts = r.points
        if higher:
            best = max(xs)
            if best <= 0:
                return [None if v is None else 0.0 for v in raw]
            return [None if v is None else float(v) / best * pts for v in raw]
        best = min(xs)
        return [
            None if v is None else (pts if float(v) <= 0 else best / float(v) * pts) for v in raw
        ]
    if r.type == "minmax":
        lo, hi = min(xs), max(xs)
        pts = r.points
        if hi - lo <= 0:
            return [None if v is None else pts for v in raw]
        span = hi - lo
        if higher:
            return [None if v is None else (float(v) - lo) / span * pts for v in raw]
        return [None if v is None else (hi - float(v)) / span * pts for v in raw]
    # zscore: population standard deviation, as the ICT Index method describes
    n = len(xs)
    if max(xs) == min(xs):
        # equal values have no spread; computing it would give rounding noise (1e-17), and
        # dividing by that noise would turn equal peers into ±1
        return [None if v is None else 0.0 for v in raw]
    # z-scores do not change when every value is divided by one number; dividing by the largest
    # magnitude keeps the squares below from underflowing to a zero spread (values like 1e-200)
    size = max(abs(x) for x in xs)
    xs = [x / size for x in xs]
    mean = math.fsum(xs) / n
    sd = math.sqrt(math.fsum((x - mean) ** 2 for x in xs) / n)
    sign = 1.0 if higher else -1.0
    return [None if v is None else sign * (float(v) / size - mean) / sd for v in raw]
