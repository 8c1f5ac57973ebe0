"""The cheapest next points: for each node the focus entity gives, the smallest change that
earns more under its rule, what it adds to the headline score and rank, and the lever that
delivers it at the least cost.

A planner rebuilding this by hand walks every criterion asking "what is the next threshold, and
what does it bring?". The rule registry answers the first half exactly: a step table's next
step, the next better category, yes for a no, one step of the grid for a quantity; the engine's
one-value update answers the second, peers' normalisation included (a peer-relative rule
recomputes everyone's score).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.criteria import Aggregate, Indicator
from ictscore.formats.plan import Lever
from ictscore.formats.values import Value
from ictscore.planning.levers import LeverModel, all_requires
from ictscore.planning.seek import candidates, seekable
from ictscore.planning.sweep import step_of, tidy
from ictscore.scoring.base import TIE_TOLERANCE

EPS = 1e-9


@dataclass(frozen=True)
class LeverOffer:
    lever: str
    units: int
    cost: float


@dataclass(frozen=True)
class NextStep:
    node: str
    start: Value | None
    to: Value
    gain: float
    """Root score after the step minus before."""
    node_gain: float
    """The node's own score after minus before."""
    score: float
    rank: int
    gap_above: float | None
    """Points still between the focus and the entity just above it, after the step."""
    lever: LeverOffer | None

    @property
    def per_cost(self) -> float | None:
        """Points per 100 million VND, where a lever delivers the step."""
        if self.lever is None or self.lever.cost <= 0:
            return None
        return self.gain / self.lever.cost * 1e8


@dataclass(frozen=True)
class NextSteps:
    focus: str
    start_score: float
    start_rank: int
    steps: list[NextStep]


def next_steps(
    engine: Engine,
    start: Result,
    focus: str,
    levers: Sequence[Lever] = (),
    per_cost: bool = False,
    limit: int | None = None,
) -> NextSteps:
    """Every node's next scoring step for `focus`, best first (by gain, or by gain per VND)."""
    crit = engine.criteria
    i = start.index(focus)
    before = start.score(focus) or 0.0
    model = LeverModel(engine, start, focus, levers) if levers else None
    steps: list[NextStep] = []
    for node_id in seekable(engine, start, focus):
        if any(start.supplied(focus, a) for a in crit.ancestors(node_id)):
            continue  # a group above is given directly: this node does not count
        node = crit.nodes[node_id]
        if isinstance(node, Indicator) and node.reported_only:
            continue
        cur = _current(engine, start, node_id, i)
        to = _next_value(engine, start, focus, node_id, cur)
        if to is None:
            continue
        after = engine.update(start, focus, node_id, to)
        score = after.score(focus) or 0.0
        own_before = start.scores[node_id][i] or 0.0
        own_after = after.scores[node_id][i] or 0.0
        rank = after.rank(focus) or len(after.entity_ids)
        offer = _cheapest_lever(model, engine, node_id, to) if model is not None else None
        steps.append(
            NextStep(
                node_id,
                start.raw[node_id][i] if isinstance(node, Indicator) else cur,
                to,
                score - before,
                own_after - own_before,
                score,
                rank,
                _gap_above(after, focus),
                offer,
            )
        )

    def order(s: NextStep) -> tuple[float, float, str]:
        if per_cost:
            pc = s.per_cost
            return (0.0 if pc is not None else 1.0, -(pc or 0.0), s.node)
        return (-s.gain, float(s.rank), s.node)

    steps.sort(key=order)
    if limit is not None:
        steps = steps[:limit]
    return NextSteps(focus, before, start.rank(focus) or len(start.entity_ids), steps)


def _current(engine: Engine, start: Result, node_id: str, i: int) -> Value:
    node = engine.criteria.nodes[node_id]
    if isinstance(node, Aggregate):
        got = start.scores[node_id][i]
        assert got is not None
        return got
    raw = start.raw[node_id][i]
    return node.rule.worst(node) if raw is None else raw


def _next_value(
    engine: Engine, start: Result, focus: str, node_id: str, cur: Value
) -> Value | None:
    """The smallest better value that raises the node's own score, or None (at its best)."""
    node = engine.criteria.nodes[node_id]
    i = start.index(focus)
    own = start.scores[node_id][i] or 0.0

    def earns(v: Value) -> bool:
        r = engine.update(start, focus, node_id, v)
        return (r.scores[node_id][i] or 0.0) > own + TIE_TOLERANCE * max(1.0, abs(own))

    if isinstance(node, Aggregate):
        lo, hi = engine.bounds[node_id]
        x = float(cur)
        unit = 10.0 ** -engine.criteria.decimals(node_id)
        step = max(unit, _nice_step(hi - lo) if math.isfinite(hi - lo) else unit)
        if x >= hi - EPS:
            return None
        return tidy(min(hi, x + step))
    grid = candidates(node, cur)
    if grid is not None:
        for v in grid:  # nearest first: the first that earns is the next step
            if earns(v):
                return v
        return None
    # a quantity with no grid: one display step at a time, up to where the rule stops rising
    step = step_of(node)
    up = node.rule.upward(node)
    x = float(cur)
    end = node.range[1 if up else 0] if node.range is not None else node.rule.saturation(node)
    for k in range(1, 10_001):
        v = tidy(x + k * step if up else x - k * step)
        if end is not None and ((v > end + EPS) if up else (v < end - EPS)):
            v = end
        if earns(v):
            return v
        if end is not None and v == end:
            return None
        if k >= 100 and end is None:
            return None
    return None


def _nice_step(span: float) -> float:
    """About a hundredth of a group's range, rounded to 1, 2 or 5 × a power of ten."""
    if span <= 0:
        return 1.0
    x = span / 100
    exp = math.floor(math.log10(x))
    f = x / 10**exp
    nice = 1.0 if f < 1.5 else 2.0 if f < 3.5 else 5.0 if f < 7.5 else 10.0
    return float(nice * 10.0**exp)


def _gap_above(r: Result, focus: str) -> float | None:
    mine = r.score(focus)
    if mine is None:
        return None
    above = [
        s
        for s in r.scores[r.criteria.root]
        if s is not None and s > mine + TIE_TOLERANCE * max(1, mine)
    ]
    return min(above) - mine if above else None


def _cheapest_lever(
    model: LeverModel, engine: Engine, node_id: str, to: Value
) -> LeverOffer | None:
    """The least costly single lever (with its prerequisites) that brings the node to `to`."""
    node = engine.criteria.nodes[node_id]
    if not isinstance(node, Indicator):
        return None
    want = node.rule.order_value(node, to)
    best: LeverOffer | None = None
    for k, lv in enumerate(model.levers):
        if not any(e.node == node_id for e in lv.effect):
            continue
        for u in range(1, lv.units + 1):
            units = list(model.only(k, u))
            for req in all_requires(model, lv.id):
                units[model.index[req]] = model.levers[model.index[req]].units
            got = model.values(tuple(units)).get(node_id)
            if got is None or node.rule.order_value(node, got) < want - EPS:
                continue
            cost = model.cost(tuple(units))
            if best is None or cost < best.cost:
                best = LeverOffer(lv.id, u, cost)
            break  # more units of the same lever only cost more
    return best
