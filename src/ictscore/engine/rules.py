"""Scoring rules: how an indicator's raw value becomes a score.

Rules that compare an entity with its peers (relative to the best, min-max, z-score) score a whole
column at once; the others score one value, which is what makes a one-value recompute cheap.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from ictscore.formats.criteria import PEER_RELATIVE_RULES, Indicator
from ictscore.formats.values import Value


def is_peer_relative(ind: Indicator) -> bool:
    return ind.rule.type in PEER_RELATIVE_RULES


Scorer = Callable[[Value], float]


def scorer(ind: Indicator) -> Scorer:
    """A function scoring one value with a rule that does not look at the peers.

    The rule's constants are read once here, not once per value: a column of 10,000 values
    is scored by 10,000 calls of a small closure.
    """
    r = ind.rule
    higher = ind.direction == "higher"
    if r.type == "category":
        table = {c.key: c.fraction * r.points for c in r.categories}

        def category(v: Value) -> float:
            try:
                return table[v]  # type: ignore[index]
            except KeyError:
                raise ValueError(f"unknown category {v!r} for {ind.id}") from None

        return category
    if r.type == "direct":
        return float
    if r.type == "ratio":
        pts, target, cap = r.points, r.target, r.cap
        if higher:
            return lambda v: min(float(v) / target, cap) * pts
        return lambda v: (cap if float(v) <= 0 else min(target / float(v), cap)) * pts
    if r.type == "steps":
        steps = [(st.at, st.points) for st in r.steps]
        otherwise = r.otherwise

        def step(v: Value) -> float:
            x = float(v)
            best: float | None = None
            for at, pts in steps:
                reached = x >= at if higher else x <= at
                if reached and (best is None or pts > best):
                    best = pts
            return otherwise if best is None else max(best, otherwise)

        return step
    if r.type == "yes_no":
        yes = r.points
        return lambda v: yes if float(v) >= 0.5 else 0.0
    if r.type == "goalposts":
        lower, upper, pts = r.lower, r.upper, r.points
        span = upper - lower
        if higher:
            return lambda v: min(1.0, max(0.0, (float(v) - lower) / span)) * pts
        return lambda v: min(1.0, max(0.0, (upper - float(v)) / span)) * pts
    if r.type == "bonus":
        per, lo, hi = r.per_unit, r.min, r.max
        return lambda v: min(hi, max(lo, float(v) * per))
    raise ValueError(f"rule {r.type} needs the peers' values")


def score_value(ind: Indicator, v: Value) -> float:
    """Score one value with a rule that does not look at peers."""
    return scorer(ind)(v)


def score_column(ind: Indicator, raw: Sequence[Value | None]) -> list[float | None]:
    """Score every entity's value; None stays None and takes no part among the peers."""
    r = ind.rule
    if r.type not in PEER_RELATIVE_RULES:
        f = scorer(ind)
        return [None if v is None else f(v) for v in raw]
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
