"""How an indicator moves: its +/- step, and the focus entity's rank across its valid range.

A planner stepping a value wants the next sensible figure (a whole meeting, five percentage
points), and before spending money wants to see where along the range the rank jumps. Both
answers come from the criteria alone, so the TUI, the CLI and reports share them here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.criteria import Indicator
from ictscore.formats.values import Value

SWEEP_POINTS = 201
"""At most this many values per sweep: a fine grid costs a few milliseconds."""


def step_of(ind: Indicator) -> float:
    """The +/- step: the criteria's own, else 1 for a percentage, else 1/100 of the range."""
    if ind.step is not None:
        return ind.step
    if ind.unit.strip() == "%":
        return 1.0
    if ind.range is not None and ind.range[1] > ind.range[0]:
        return _nice((ind.range[1] - ind.range[0]) / 100)
    return 1.0


def _nice(x: float) -> float:
    """1, 2 or 5 times a power of ten, the nearest to x."""
    exp = math.floor(math.log10(x))
    f = x / 10**exp
    nice = 1.0 if f < 1.5 else 2.0 if f < 3.5 else 5.0 if f < 7.5 else 10.0
    return float(nice * 10.0**exp)


def categories_in_order(ind: Indicator) -> list[str]:
    """Category keys from the worst to the best, so + means better."""
    return ind.rule.ordered_keys()


def stepped(ind: Indicator, current: Value | None, direction: int) -> Value:
    """The value one step up (direction > 0) or down from `current`, on the step grid, in range.

    A value between grid points moves to the next grid point, so 32 steps up to 35 by fives.
    """
    if ind.rule.values == "category":
        keys = categories_in_order(ind)
        at = keys.index(str(current)) if str(current) in keys else 0
        return keys[max(0, min(len(keys) - 1, at + (1 if direction > 0 else -1)))]
    if ind.rule.values == "yes_no":
        return 1.0 if direction > 0 else 0.0
    step = step_of(ind)
    x = 0.0 if current is None else float(current)
    lo = ind.range[0] if ind.range is not None else 0.0
    k = (x - lo) / step
    eps = 1e-9
    n = float(math.floor(k + eps) + 1 if direction > 0 else math.ceil(k - eps) - 1)
    value = lo + n * step
    if ind.range is not None:
        value = max(ind.range[0], min(ind.range[1], value))
    return tidy(value)


def tidy(v: float) -> float:
    """A value reached by steps, rid of float noise (0.1 + 0.2 → 0.3), so that a step lands on
    the value a user would type; one rounding for every planner that steps a value."""
    return float(round(v, 10))


def sweep_values(ind: Indicator, current: Value | None = None) -> list[Value]:
    """The values to try: every category, or the step grid over the range (thinned to fit),
    plus the rule's own thresholds and the current value, so no jump is missed."""
    if ind.rule.values == "category":
        return list(categories_in_order(ind))
    if ind.rule.values == "yes_no":
        return [0.0, 1.0]
    step = step_of(ind)
    if ind.range is not None:
        lo, hi = ind.range
    else:
        lo = 0.0
        hi = max(2 * float(current or 0.0), 50 * step)
    count = math.floor((hi - lo) / step + 1e-9) + 1
    if count > SWEEP_POINTS:
        grid = [lo + (hi - lo) * i / (SWEEP_POINTS - 1) for i in range(SWEEP_POINTS)]
    else:
        grid = [lo + i * step for i in range(count)]
    extra: list[float] = [hi, *ind.rule.thresholds(ind)]
    if current is not None and not isinstance(current, str):
        extra.append(float(current))
    values = {tidy(v) for v in grid + extra if lo - 1e-9 <= v <= hi + 1e-9}
    return [float(v) for v in sorted(values)]


@dataclass(frozen=True)
class SweepPoint:
    value: Value
    score: float | None
    """The headline score with the indicator at this value."""
    rank: int | None
    """The headline rank with the indicator at this value."""
    node_score: float | None
    """The indicator's own score at this value."""


@dataclass(frozen=True)
class Sweep:
    entity: str
    node: str
    current: Value | None
    points: tuple[SweepPoint, ...]

    def jumps(self) -> list[SweepPoint]:
        """The first value at each new rank: where a planner's effort starts to pay."""
        out: list[SweepPoint] = []
        prev: int | None = None
        for p in self.points:
            if p.rank != prev:
                out.append(p)
                prev = p.rank
        return out

    def best_rank(self) -> int | None:
        ranks = [p.rank for p in self.points if p.rank is not None]
        return min(ranks) if ranks else None


def sweep(engine: Engine, result: Result, entity: str, node: str) -> Sweep:
    """The entity's headline rank and score with `node` set to each value of `sweep_values`,
    everything else as in `result` (peer-relative rules recompute for everyone)."""
    ind = engine.criteria.nodes[node]
    if not isinstance(ind, Indicator):
        raise ValueError(f"'{node}' is not an indicator")
    current = result.raw_value(entity, node)
    root = engine.criteria.root
    points = []
    for v in sweep_values(ind, current):
        r = engine.update(result, entity, node, v)
        points.append(
            SweepPoint(v, r.score(entity, root), r.rank(entity, root), r.score(entity, node))
        )
    return Sweep(entity, node, current, tuple(points))
