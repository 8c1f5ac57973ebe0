"""Goal seeking across several indicators: the cheapest combination of changes that reaches a
rank, given what one unit of each indicator costs.

The cost of a combination is the sum over its indicators of |new − current| × cost per unit (per
category level for a category, once for a yes/no). Each indicator's candidates run from its
current value towards its best end over its valid grid (`range`/`step`; an indicator without a
step is cut into 100 equal parts, then refined by bisection once the combination is found).
The search enumerates candidates in order of cost with the last indicator found by bisection
(the rank is monotone in each value) and prunes on cost and on an optimistic completion (every
remaining indicator at its best), so the answer is the exact optimum over the candidate grids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.criteria import Indicator
from ictscore.formats.message import N_
from ictscore.formats.values import Value
from ictscore.planning.levers import Progress, worst
from ictscore.planning.seek import candidates

CONTINUOUS_PARTS = 100


@dataclass(frozen=True)
class Combination:
    values: dict[str, Value]
    """New values of the indicators that change (unchanged ones are left out)."""
    cost: float
    score: float
    rank: int


class _Axis:
    def __init__(self, ind: Indicator, current: Value, unit_cost: float) -> None:
        self.ind = ind
        self.current = current
        self.unit_cost = unit_cost
        grid = candidates(ind, current)
        if grid is None:
            grid = _cut(ind, float(current))
        self.values: list[Value] = [current, *list(grid)]
        self.continuous = ind.step is None and ind.rule.values == "number"

    def cost(self, k: int) -> float:
        if k == 0:
            return 0.0
        if self.ind.rule.values != "number":
            return self.unit_cost * k
        return self.unit_cost * abs(float(self.values[k]) - float(self.current))


def _cut(ind: Indicator, x: float) -> list[float]:
    end = ind.range[1 if ind.rule.upward(ind) else 0] if ind.range is not None else x
    return [x + (end - x) * k / CONTINUOUS_PARTS for k in range(1, CONTINUOUS_PARTS + 1)]


def cheapest_combination(
    engine: Engine,
    start: Result,
    focus: str,
    target_rank: int,
    unit_costs: Mapping[str, float],
    progress: Progress | None = None,
) -> Combination | None:
    """The least-cost changes of the given indicators that bring `focus` to `target_rank`."""
    i = start.index(focus)
    axes: list[_Axis] = []
    for node, c in unit_costs.items():
        ind = engine.criteria.nodes[node]
        if not isinstance(ind, Indicator) or ind.reported_only:
            raise ValueError(N_("'{node}' is not a scored indicator", node=node))
        cur = start.raw[node][i]
        axes.append(_Axis(ind, worst(ind) if cur is None else cur, c))
    memo: dict[tuple[int, ...], Result] = {}

    def result(ks: Sequence[int]) -> Result:
        key = tuple(ks)
        hit = memo.get(key)
        if hit is None:
            hit = start
            for ax, k in zip(axes, ks, strict=True):
                if k:
                    hit = engine.update(hit, focus, ax.ind.id, ax.values[k])
            memo[key] = hit
            if progress and len(memo) % 32 == 0:
                progress(len(memo), 0)
        return hit

    def ok(ks: Sequence[int]) -> bool:
        return (result(ks).rank(focus) or 10**9) <= target_rank

    tops = [len(ax.values) - 1 for ax in axes]
    if not ok(tops):
        return None
    best: tuple[float, list[int]] | None = None

    def visit(prefix: list[int], cost: float) -> None:
        nonlocal best
        d = len(prefix)
        ax = axes[d]
        if d == len(axes) - 1:
            if not ok([*prefix, tops[d]]):
                return
            lo, hi = -1, tops[d]
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if ok([*prefix, mid]):
                    hi = mid
                else:
                    lo = mid
            total = cost + ax.cost(hi)
            if best is None or total < best[0] - 1e-9:
                best = (total, [*prefix, hi])
            return
        for k in range(tops[d] + 1):
            c = cost + ax.cost(k)
            if best is not None and c >= best[0] - 1e-9:
                break
            if ok([*prefix, k, *tops[d + 1 :]]):
                visit([*prefix, k], c)

    visit([], 0.0)
    assert best is not None
    ks = best[1]
    values = {ax.ind.id: ax.values[k] for ax, k in zip(axes, ks, strict=True) if k}
    values = _refine(engine, start, focus, target_rank, axes, values)
    r = start
    for node, v in values.items():
        r = engine.update(r, focus, node, v)
    cost = 0.0
    for ax, k in zip(axes, ks, strict=True):
        new = values.get(ax.ind.id)
        if new is None:
            continue
        if ax.ind.rule.values != "number":
            cost += ax.cost(k)
        else:
            cost += ax.unit_cost * abs(float(new) - float(ax.current))
    return Combination(values, cost, r.score(focus) or 0.0, r.rank(focus) or 0)


def _refine(
    engine: Engine,
    start: Result,
    focus: str,
    target: int,
    axes: list[_Axis],
    values: dict[str, Value],
) -> dict[str, Value]:
    """Lower each continuous indicator of the combination as far as the goal allows."""
    out = dict(values)
    for ax in axes:
        if not ax.continuous or ax.ind.id not in out:
            continue
        lo, hi = float(ax.current), float(out[ax.ind.id])

        def reaches(v: float, node: str = ax.ind.id) -> bool:
            r = start
            for n, val in {**out, node: v}.items():
                r = engine.update(r, focus, n, val)
            return (r.rank(focus) or 10**9) <= target

        for _ in range(40):
            mid = (lo + hi) / 2
            if reaches(mid):
                hi = mid
            else:
                lo = mid
        out[ax.ind.id] = hi
    return out
