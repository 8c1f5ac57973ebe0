"""Goal seeking: the smallest change of one indicator that gains a rank, reaches rank N or
overtakes a named entity.

The focus entity's rank is a monotone step function of each of its own values (better value,
never a worse rank), also under peer-relative rules where the change moves the min, max or mean
and so every entity's score. So the valid values, ordered from the current one towards the
better end, are searched by bisection, each probe a full evaluation through `Engine.update`
(which recomputes the peers' scores where normalisation depends on them). With a step the search
runs over the grid `range[0] + k × step`; without one it bisects the real line and rounds the
answer up to the indicator's display decimals. Each answer is verified: it reaches the goal and
the next smaller candidate does not.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ictscore.engine.compute import Engine
from ictscore.engine.ranking import beats as ranks_above
from ictscore.engine.result import Result
from ictscore.formats.criteria import Aggregate, Indicator
from ictscore.formats.values import Value
from ictscore.planning.levers import Progress
from ictscore.planning.reasons import Reason
from ictscore.planning.sweep import tidy

BISECTIONS = 60
UNBOUNDED_LIMIT = 1e15


@dataclass(frozen=True)
class Goal:
    """Exactly one of: reach `rank`, gain `gain` places, or overtake the entity `overtake`."""

    rank: int | None = None
    gain: int | None = None
    overtake: str | None = None

    def target_rank(self, start_rank: int) -> int | None:
        if self.rank is not None:
            return self.rank
        if self.gain is not None:
            return max(1, start_rank - self.gain)
        return None

    def describe(self) -> dict[str, object]:
        return {
            k: v
            for k, v in (("rank", self.rank), ("gain", self.gain), ("overtake", self.overtake))
            if v is not None
        }


@dataclass(frozen=True)
class SeekOption:
    node: str
    start_value: Value | None
    value: Value
    score: float
    rank: int
    verified: bool
    """The goal is reached at `value` and not at the next smaller candidate."""


@dataclass(frozen=True)
class SeekAnswer:
    focus: str
    goal: Goal
    start_score: float
    start_rank: int
    target_rank: int | None
    options: list[SeekOption]
    unreachable: dict[str, Reason] = field(default_factory=dict)
    reason: Reason | None = None
    """Why there is no option at all: `goal_already_met` or `no_single_node_reaches`."""

    @property
    def already_met(self) -> bool:
        return self.reason is not None and self.reason.code == "goal_already_met"


Reached = Callable[[Result], bool]


def goal_test(goal: Goal, focus: str, start: Result, engine: Engine | None = None) -> Reached:
    start_rank = start.rank(focus) or len(start.entity_ids)
    target = goal.target_rank(start_rank)
    if target is not None:
        return lambda r: (r.rank(focus) or 10**9) <= target
    other = goal.overtake
    if other is None:
        raise ValueError("a goal needs a rank, a gain or an entity to overtake")
    start.index(other)  # KeyError for an unknown entity
    root = start.criteria.root
    decimals = None if engine is None else engine.rank_decimals(root)

    def overtakes(r: Result) -> bool:
        a, b = r.score(focus), r.score(other)
        if a is None:
            return False
        if b is None:
            return True
        return ranks_above(a, b, decimals)

    return overtakes


def seekable(engine: Engine, start: Result, focus: str) -> list[str]:
    """The nodes whose value the focus entity gives: its indicators, and every group node whose
    score it supplies itself (QĐ 766 data often gives a group's points, not its parts)."""
    crit = engine.criteria
    out = [i.id for i in crit.indicators()]
    out += [a.id for a in crit.aggregates() if start.supplied(focus, a.id)]
    return out


def seek(
    engine: Engine,
    start: Result,
    focus: str,
    goal: Goal,
    nodes: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> SeekAnswer:
    """For each node the focus entity supplies (or the given ones), the smallest change that
    reaches the goal."""
    start_rank = start.rank(focus) or len(start.entity_ids)
    start_score = start.score(focus) or 0.0
    target = goal.target_rank(start_rank)
    ok = goal_test(goal, focus, start, engine)
    candidates = list(nodes) if nodes else seekable(engine, start, focus)
    answer = SeekAnswer(focus, goal, start_score, start_rank, target, [])
    if ok(start):
        return SeekAnswer(
            focus, goal, start_score, start_rank, target, [], {}, Reason("goal_already_met")
        )
    for n, node in enumerate(candidates):
        found = seek_node(engine, start, focus, node, ok)
        if isinstance(found, Reason):
            answer.unreachable[node] = found
        else:
            answer.options.append(found)
        if progress:
            progress(n + 1, len(candidates))
    answer.options.sort(key=lambda o: (o.rank, _effort(engine, o), o.node))
    if not answer.options:
        return SeekAnswer(
            focus,
            goal,
            start_score,
            start_rank,
            target,
            [],
            answer.unreachable,
            Reason("no_single_node_reaches"),
        )
    return answer


def _effort(engine: Engine, o: SeekOption) -> float:
    """The change as a share of the node's range, to order options by how far they go."""
    if isinstance(o.value, str) or o.start_value is None or isinstance(o.start_value, str):
        return 1.0
    node = engine.criteria.nodes[o.node]
    span_of = node.range if isinstance(node, Indicator) else engine.bounds[o.node]
    if span_of is None:
        return 1.0
    span = span_of[1] - span_of[0]
    if span <= 0 or not math.isfinite(span):
        return 1.0
    return abs(float(o.value) - float(o.start_value)) / span


def seek_node(
    engine: Engine, start: Result, focus: str, node_id: str, ok: Reached
) -> SeekOption | Reason:
    """The smallest better value of one node that reaches the goal, or why there is none."""
    crit = engine.criteria
    node = crit.nodes.get(node_id)
    if node is None:
        return Reason("unknown_node", {"node": node_id})
    i = start.index(focus)
    above = next((a for a in crit.ancestors(node_id) if start.supplied(focus, a)), None)
    if above is not None:
        return Reason("counted_above", {"node": node_id, "supplied_at": above})
    if isinstance(node, Aggregate):
        if not start.supplied(focus, node_id):
            return Reason("computed_from_parts", {"node": node_id})
        current = start.scores[node_id][i]
        assert current is not None
        _lo, hi = engine.bounds[node_id]
        return _continuous(engine, start, focus, node_id, float(current), hi, True, ok)
    ind = node
    if ind.reported_only:
        return Reason("reported_only", {"node": node_id})
    current_raw = start.raw[ind.id][i]
    cur: Value = ind.rule.worst(ind) if current_raw is None else current_raw

    def at(v: Value) -> Result:
        return engine.update(start, focus, ind.id, v)

    grid = candidates(ind, cur)
    if grid is not None:
        if not grid:
            return Reason("already_best", {"node": node_id, "value": cur})
        best = at(grid[-1])
        if not ok(best):
            if ind.rule.values == "number" and not isinstance(grid, _Grid):
                # the rule's own thresholds (a step table): past the top step nothing counts
                return Reason(
                    "step_table_tops_out",
                    {"node": ind.id, "max": grid[-1], "rank": best.rank(focus)},
                )
            return _short(best, focus, ind.id, grid[-1])
        lo_k, hi_k = -1, len(grid) - 1  # ok(grid[hi_k]) holds; lo_k is the current value
        while hi_k - lo_k > 1:
            mid = (lo_k + hi_k) // 2
            if ok(at(grid[mid])):
                hi_k = mid
            else:
                lo_k = mid
        value = grid[hi_k]
        r = at(value)
        verified = ok(r) and (hi_k == 0 or not ok(at(grid[hi_k - 1])))
        return _option(ind.id, current_raw, value, r, focus, verified)
    higher = ind.rule.upward(ind)
    if ind.range is not None:
        end = ind.range[1] if higher else ind.range[0]
    else:
        end = _saturation(ind, float(cur))
    return _continuous(engine, start, focus, ind.id, float(cur), end, higher, ok)


def candidates(ind: Indicator, cur: Value) -> Sequence[Value] | None:
    """Better candidate values in order, or None when the value is continuous.

    Named values (categories, yes/no) and step tables come from the rule; a value with a `step`
    runs over its grid; anything else is continuous.
    """
    own = ind.rule.candidates(ind, cur)
    if own is not None:
        return own
    if ind.step is None:
        return None
    step = ind.step
    x = float(cur)
    higher = ind.rule.upward(ind)
    if ind.range is not None:
        lo, hi = ind.range
        anchor = lo
        end = hi if higher else lo
    else:
        anchor = x
        end = _saturation(ind, x)
    return _Grid(anchor, step, x, end, higher)


class _Grid(Sequence[Value]):
    """anchor + k × step, from just past `x` to `end`, without building the list."""

    def __init__(self, anchor: float, step: float, x: float, end: float, higher: bool) -> None:
        self.step = step if higher else -step
        self.anchor = anchor
        k0 = (x - anchor) / self.step
        self.first = math.floor(k0 + 1e-9) + 1
        k_end = (end - anchor) / self.step
        self.last = math.floor(k_end + 1e-9)
        self.n = max(0, self.last - self.first + 1)

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, k: int) -> float:  # type: ignore[override]
        if k < 0:
            k += self.n
        if not 0 <= k < self.n:
            raise IndexError(k)
        return tidy(self.anchor + (self.first + k) * self.step)


def _saturation(ind: Indicator, x: float) -> float:
    """Past this value the indicator's own score cannot rise (for a value with no range)."""
    sat = ind.rule.saturation(ind)
    if sat is not None and math.isfinite(sat):
        return sat
    return x + (UNBOUNDED_LIMIT if ind.rule.upward(ind) else -UNBOUNDED_LIMIT)


def _continuous(
    engine: Engine,
    start: Result,
    focus: str,
    node: str,
    cur: float,
    end: float,
    higher: bool,
    ok: Reached,
) -> SeekOption | Reason:
    if (end <= cur) if higher else (end >= cur):
        return Reason("already_best", {"node": node, "value": cur})

    def at(v: float) -> Result:
        return engine.update(start, focus, node, v)

    best = at(end)
    if not ok(best):
        return _short(best, focus, node, end)
    lo, hi = cur, end
    for _ in range(BISECTIONS):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        if ok(at(mid)):
            hi = mid
        else:
            lo = mid
    d = engine.criteria.decimals(node)
    unit = 10.0**-d
    value = (math.ceil(hi / unit - 1e-9) if higher else math.floor(hi / unit + 1e-9)) * unit
    value = tidy(min(end, value) if higher else max(end, value))
    r = at(value)
    if not ok(r):  # rounding went past the end of the range: keep the exact answer
        value, r = hi, at(hi)
    smaller = value - unit if higher else value + unit
    passed = (smaller <= cur) if higher else (smaller >= cur)
    verified = ok(r) and (passed or not ok(at(smaller)))
    return _option(node, cur, value, r, focus, verified)


def _short(best: Result, focus: str, node: str, value: Value) -> Reason:
    return Reason("falls_short", {"node": node, "value": value, "rank": best.rank(focus)})


def _option(
    node: str, current: Value | None, value: Value, r: Result, focus: str, verified: bool
) -> SeekOption:
    return SeekOption(node, current, value, r.score(focus) or 0.0, r.rank(focus) or 0, verified)
