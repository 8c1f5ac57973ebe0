"""Levers applied to the focus entity, and what a choice of levers scores.

Every lever only ever improves an indicator: `set` takes the better of the current value and the
lever's value, `add` goes in the indicator's better direction (the loader refuses the other way),
and the result is kept inside the indicator's range. Because the engine's total and rank are
monotone in each of an entity's own values, a larger choice of levers never scores worse; the
optimiser's bounds rest on that.

When several chosen levers touch one indicator, the best `set` applies first and the `add`s
follow, whatever the order of the levers in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.criteria import Criteria, Indicator
from ictscore.formats.plan import Lever
from ictscore.formats.values import Value, coerce

Units = tuple[int, ...]
"""Units chosen of each lever, in the order of `LeverModel.levers`; 0 means not chosen."""


def better(ind: Indicator, a: Value, b: Value) -> Value:
    """The better of two values of one indicator, by its direction or category fraction."""
    rule = ind.rule
    return a if rule.order_value(ind, a) >= rule.order_value(ind, b) else b


def clamp(ind: Indicator, x: float) -> float:
    if ind.range is None:
        return x
    lo, hi = ind.range
    return min(hi, max(lo, x))


def worst(ind: Indicator) -> Value:
    return ind.rule.worst(ind)


@dataclass(frozen=True)
class Outcome:
    """One choice of levers and where it puts the focus entity."""

    units: Units
    cost: float
    score: float
    rank: int
    result: Result

    def chosen(self, levers: Sequence[Lever]) -> list[str]:
        return [lv.id for lv, u in zip(levers, self.units, strict=True) if u > 0]


class LeverModel:
    """The scenario's levers bound to a starting result; evaluations are memoised."""

    def __init__(self, engine: Engine, start: Result, focus: str, levers: Sequence[Lever]) -> None:
        self.engine = engine
        self.criteria: Criteria = engine.criteria
        self.start = start
        self.focus = focus
        self.levers = list(levers)
        self.index = {lv.id: k for k, lv in enumerate(self.levers)}
        self._i = start.index(focus)
        self._memo: dict[tuple[tuple[str, Value], ...], Result] = {}
        self.evaluations = 0

    # --- feasibility -----------------------------------------------------------------------

    def cost(self, units: Units) -> float:
        return sum(lv.cost_of(u) for lv, u in zip(self.levers, units, strict=True))

    def feasible(self, units: Units, budget: float | None) -> bool:
        if budget is not None and self.cost(units) > budget + 1e-6:
            return False
        groups: set[str] = set()
        for lv, u in zip(self.levers, units, strict=True):
            if u <= 0:
                continue
            if lv.group is not None:
                if lv.group in groups:
                    return False
                groups.add(lv.group)
            if any(units[self.index[r]] <= 0 for r in lv.requires):
                return False
        return True

    # --- evaluation ------------------------------------------------------------------------

    def values(self, units: Units) -> dict[str, Value]:
        """The focus entity's indicator values after the chosen levers (changed ones only)."""
        sets: dict[str, list[Value]] = {}
        adds: dict[str, float] = {}
        for lv, u in zip(self.levers, units, strict=True):
            if u <= 0:
                continue
            for eff in lv.effect:
                if eff.set_to is not None:
                    sets.setdefault(eff.node, []).append(eff.set_to)
                else:
                    adds[eff.node] = adds.get(eff.node, 0.0) + (eff.add or 0.0) * u
        out: dict[str, Value] = {}
        for node in sorted(set(sets) | set(adds)):
            ind = self.criteria.nodes[node]
            assert isinstance(ind, Indicator)
            current = self.start.raw[node][self._i]
            v: Value = worst(ind) if current is None else current
            for raw in sets.get(node, []):
                v = better(ind, v, coerce(ind, raw))
            if node in adds:
                v = clamp(ind, float(v) + adds[node])
            if v != current:
                out[node] = v
        return out

    def result(self, units: Units) -> Result:
        vals = self.values(units)
        key = tuple(sorted(vals.items()))
        hit = self._memo.get(key)
        if hit is None:
            hit = self.start
            for node, v in key:
                hit = self.engine.update(hit, self.focus, node, v)
            self._memo[key] = hit
            self.evaluations += 1
        return hit

    def outcome(self, units: Units) -> Outcome:
        r = self.result(units)
        score = r.score(self.focus)
        rank = r.rank(self.focus)
        return Outcome(
            units,
            self.cost(units),
            0.0 if score is None else score,
            len(r.entity_ids) + 1 if rank is None else rank,
            r,
        )

    def none(self) -> Units:
        return (0,) * len(self.levers)

    def only(self, k: int, units: int | None = None) -> Units:
        out = [0] * len(self.levers)
        out[k] = self.levers[k].units if units is None else units
        return tuple(out)


@dataclass(frozen=True)
class LeverGain:
    """One lever alone (with its prerequisites) on top of the start: the value for money."""

    lever: str
    cost: float
    score_gain: float
    rank_gain: int

    @property
    def score_per_100m(self) -> float | None:
        return None if self.cost <= 0 else self.score_gain / self.cost * 1e8

    @property
    def rank_per_100m(self) -> float | None:
        return None if self.cost <= 0 else self.rank_gain / self.cost * 1e8


def lever_gains(model: LeverModel, chosen: Units | None = None) -> list[LeverGain]:
    """Each lever alone on top of the start. With `chosen` (a plan's units), a lever the plan
    takes is costed at the units it takes, not at all it could: a plan of 3 of 7 computers must
    not list the cost and gain of 7 under its headline."""
    base = model.outcome(model.none())
    out = []
    for k, lv in enumerate(model.levers):
        units = list(model.only(k, chosen[k] if chosen is not None and chosen[k] else None))
        for req in all_requires(model, lv.id):
            units[model.index[req]] = model.levers[model.index[req]].units
        o = model.outcome(tuple(units))
        out.append(LeverGain(lv.id, o.cost, o.score - base.score, base.rank - o.rank))
    return out


def all_requires(model: LeverModel, lever_id: str) -> set[str]:
    out: set[str] = set()
    stack = list(model.levers[model.index[lever_id]].requires)
    while stack:
        r = stack.pop()
        if r not in out:
            out.add(r)
            stack.extend(model.levers[model.index[r]].requires)
    return out


Progress = Callable[[int, int], None]
"""Called with (done, total) as a long run goes; total is 0 when it is not known."""
