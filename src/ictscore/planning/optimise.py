"""The best use of a budget: which levers to fund.

Two questions: the highest total (or best rank) within a budget, and the least cost that reaches
a target rank. `brute_force` enumerates every choice and is the reference the tests hold the
branch and bound to. `optimise` is a depth-first branch and bound whose bound is the outcome of
taking, on top of the decisions made so far, every undecided lever that could still fit (at the
most units it could still afford), ignoring groups and the budget between them. Levers only
improve values and the engine is monotone in an entity's own values, so no completion can beat
that outcome: the bound is sound whatever the rules (peer-relative ones included). No MILP
package is used because the objective is the engine itself, not a linear function.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ictscore.planning.levers import LeverModel, Outcome, Progress, Units

Objective = Literal["score", "rank"]
EPS = 1e-9


@dataclass(frozen=True)
class Question:
    budget: float | None = None
    target_rank: int | None = None
    """When set, the least cost that reaches this rank (within the budget, if one is given)."""
    objective: Objective = "score"


def _key(q: Question) -> Callable[[Outcome], tuple[float, ...]]:
    """Larger is better. Ties on score within EPS are broken by cost, then by the units."""
    if q.target_rank is not None:
        return lambda o: (-round(o.cost, 3), _r(o.score), -o.rank)
    if q.objective == "rank":
        return lambda o: (-o.rank, _r(o.score), -round(o.cost, 3))
    return lambda o: (_r(o.score), -o.rank, -round(o.cost, 3))


def _r(x: float) -> float:
    return round(x, 9)


def _acceptable(q: Question, o: Outcome) -> bool:
    return q.target_rank is None or o.rank <= q.target_rank


def brute_force(model: LeverModel, q: Question) -> Outcome | None:
    """Every feasible choice evaluated: the reference answer (exponential in the levers)."""
    key = _key(q)
    best: Outcome | None = None
    for units in itertools.product(*(range(lv.units + 1) for lv in model.levers)):
        if not model.feasible(units, q.budget):
            continue
        o = model.outcome(units)
        if _acceptable(q, o) and (best is None or key(o) > key(best)):
            best = o
    return best


def optimise(model: LeverModel, q: Question, progress: Progress | None = None) -> Outcome | None:
    """Branch and bound; returns the same optimum as `brute_force` (up to equal keys)."""
    return _Search(model, q, progress).run()


class _Search:
    def __init__(self, model: LeverModel, q: Question, progress: Progress | None) -> None:
        self.m = model
        self.q = q
        self.key = _key(q)
        self.progress = progress
        self.order = _prerequisites_first(model)
        self.best: Outcome | None = None
        self.nodes = 0

    def run(self) -> Outcome | None:
        n = len(self.m.levers)
        self._visit([-1] * n, 0, 0.0, set())
        if self.progress:
            self.progress(1, 1)
        return self.best

    def _remaining(self, cost: float) -> float:
        return float("inf") if self.q.budget is None else self.q.budget - cost

    def _optimistic(self, decided: list[int], depth: int, cost: float, groups: set[str]) -> Units:
        rem = self._remaining(cost)
        units = [max(u, 0) for u in decided]
        for k in self.order[depth:]:
            lv = self.m.levers[k]
            if lv.group is not None and lv.group in groups:
                continue
            if any(decided[self.m.index[r]] == 0 for r in lv.requires):
                continue
            units[k] = _affordable(lv.units, lv.cost, lv.unit_cost, lv.divisible, rem)
        return tuple(units)

    def _visit(self, decided: list[int], depth: int, cost: float, groups: set[str]) -> None:
        self.nodes += 1
        if self.progress and self.nodes % 64 == 0:
            self.progress(self.nodes, 0)
        bound = self.m.outcome(self._optimistic(decided, depth, cost, groups))
        if not self._promising(bound, cost):
            return
        if depth == len(self.order):
            o = self.m.outcome(tuple(decided))
            if _acceptable(self.q, o) and (self.best is None or self.key(o) > self.key(self.best)):
                self.best = o
            return
        k = self.order[depth]
        lv = self.m.levers[k]
        rem = self._remaining(cost)
        blocked = (lv.group is not None and lv.group in groups) or any(
            decided[self.m.index[r]] == 0 for r in lv.requires
        )
        top = 0 if blocked else _affordable(lv.units, lv.cost, lv.unit_cost, lv.divisible, rem)
        for u in range(top, -1, -1):
            decided[k] = u
            g = groups | {lv.group} if (u > 0 and lv.group is not None) else groups
            self._visit(decided, depth + 1, cost + lv.cost_of(u), g)
        decided[k] = -1

    def _promising(self, bound: Outcome, cost: float) -> bool:
        """Could any completion below this node beat the incumbent?"""
        q, best = self.q, self.best
        if q.target_rank is not None:
            if bound.rank > q.target_rank:
                return False
            if best is None:
                return True
            if cost > best.cost + 1e-6:
                return False
            return not (abs(cost - best.cost) <= 1e-6 and bound.score < best.score - EPS)
        if best is None:
            return True
        cheaper = cost < best.cost - 1e-6
        if q.objective == "rank":
            if bound.rank != best.rank:
                return bound.rank < best.rank
            if bound.score > best.score + EPS:
                return True
            return bound.score >= best.score - EPS and cheaper
        if bound.score > best.score + EPS:
            return True
        if bound.score < best.score - EPS:
            return False
        return bound.rank < best.rank or cheaper


def _affordable(
    units: int, fixed: float, unit_cost: float | None, divisible: bool, rem: float
) -> int:
    if fixed > rem + 1e-6:
        return 0
    if not divisible or not unit_cost or rem == float("inf"):
        return units
    return max(0, min(units, int((rem - fixed + 1e-6) // unit_cost)))


def _prerequisites_first(model: LeverModel) -> list[int]:
    """Lever indices with every prerequisite before the levers that need it."""
    out: list[int] = []
    seen: set[int] = set()

    def visit(k: int) -> None:
        if k in seen:
            return
        seen.add(k)
        for r in model.levers[k].requires:
            visit(model.index[r])
        out.append(k)

    for k in range(len(model.levers)):
        visit(k)
    return out
