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
from ictscore.engine.ranking import TIE_TOLERANCE
from ictscore.engine.result import Result
from ictscore.formats.criteria import Indicator
from ictscore.formats.plan import upward
from ictscore.formats.values import Value
from ictscore.planning.levers import Progress, worst

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
    unreachable: dict[str, str] = field(default_factory=dict)
    reason: str | None = None
    """Why there is no option at all (the goal is already met, or no indicator can reach it)."""


Reached = Callable[[Result], bool]


def goal_test(goal: Goal, focus: str, start: Result) -> Reached:
    start_rank = start.rank(focus) or len(start.entity_ids)
    target = goal.target_rank(start_rank)
    if target is not None:
        return lambda r: (r.rank(focus) or 10**9) <= target
    other = goal.overtake
    if other is None:
        raise ValueError("a goal needs a rank, a gain or an entity to overtake")
    start.index(other)  # KeyError for an unknown entity

    def beats(r: Result) -> bool:
        a, b = r.score(focus), r.score(other)
        if a is None:
            return False
        if b is None:
            return True
        return a - b > TIE_TOLERANCE * max(1.0, abs(b))

    return beats


def seek(
    engine: Engine,
    start: Result,
    focus: str,
    goal: Goal,
    nodes: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> SeekAnswer:
    """For each indicator (or the given ones), the smallest change that reaches the goal."""
    crit = engine.criteria
    start_rank = start.rank(focus) or len(start.entity_ids)
    start_score = start.score(focus) or 0.0
    target = goal.target_rank(start_rank)
    ok = goal_test(goal, focus, start)
    candidates = list(nodes) if nodes else [i.id for i in crit.indicators()]
    answer = SeekAnswer(focus, goal, start_score, start_rank, target, [])
    if ok(start):
        return SeekAnswer(
            focus, goal, start_score, start_rank, target, [], {}, "the goal is already met"
        )
    for n, node in enumerate(candidates):
        ind = crit.nodes.get(node)
        if not isinstance(ind, Indicator):
            answer.unreachable[node] = "not an indicator"
            continue
        found = seek_node(engine, start, focus, ind, ok)
        if isinstance(found, str):
            answer.unreachable[node] = found
        else:
            answer.options.append(found)
        if progress:
            progress(n + 1, len(candidates))
    answer.options.sort(key=lambda o: (o.rank, _effort(crit.nodes[o.node], o), o.node))
    if not answer.options:
        return SeekAnswer(
            focus,
            goal,
            start_score,
            start_rank,
            target,
            [],
            answer.unreachable,
            "no single indicator reaches the goal within its valid range",
        )
    return answer


def _effort(ind: object, o: SeekOption) -> float:
    """The change as a share of the indicator's range, to order options by how far they go."""
    if not isinstance(ind, Indicator) or ind.range is None or isinstance(o.value, str):
        return 1.0
    span = ind.range[1] - ind.range[0]
    if span <= 0 or o.start_value is None or isinstance(o.start_value, str):
        return 1.0
    return abs(float(o.value) - float(o.start_value)) / span


def seek_node(
    engine: Engine, start: Result, focus: str, ind: Indicator, ok: Reached
) -> SeekOption | str:
    """The smallest better value of one indicator that reaches the goal, or why there is none."""
    if ind.reported_only:
        return "reported only, never scored"
    i = start.index(focus)
    current = start.raw[ind.id][i]
    cur: Value = worst(ind) if current is None else current

    def at(v: Value) -> Result:
        return engine.update(start, focus, ind.id, v)

    grid = candidates(ind, cur)
    if grid is not None:
        if not grid:
            return "already at the best value"
        best = at(grid[-1])
        if not ok(best):
            return _short(best, focus, grid[-1])
        lo, hi = -1, len(grid) - 1  # ok(grid[hi]) holds; lo is the current value
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if ok(at(grid[mid])):
                hi = mid
            else:
                lo = mid
        value = grid[hi]
        r = at(value)
        verified = ok(r) and (hi == 0 or not ok(at(grid[hi - 1])))
        return _option(ind.id, current, value, r, focus, verified)
    return _continuous(engine, start, focus, ind, float(cur), ok)


def candidates(ind: Indicator, cur: Value) -> Sequence[Value] | None:
    """Better candidate values in order, or None when the value is continuous."""
    r = ind.rule
    if r.type == "category":
        frac = {c.key: c.fraction for c in r.categories}
        now = frac.get(str(cur), -1.0)
        return [c.key for c in sorted(r.categories, key=lambda c: c.fraction) if c.fraction > now]
    x = float(cur)
    if r.type == "yes_no":
        return [1.0] if x < 0.5 else []
    if ind.step is None:
        return None
    step = ind.step
    higher = upward(ind)
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
        return _tidy(self.anchor + (self.first + k) * self.step)


def _tidy(v: float) -> float:
    return float(round(v, 10))


def _saturation(ind: Indicator, x: float) -> float:
    """Past this value the indicator's own score cannot rise (for a value with no range)."""
    r = ind.rule
    higher = upward(ind)
    if r.type == "ratio":
        return r.target * r.cap if higher else r.target / r.cap
    if r.type == "goalposts":
        return r.upper if higher else r.lower
    if r.type == "steps":
        ats = [s.at for s in r.steps]
        return max(ats) if higher else min(ats)
    if r.type == "bonus" and r.per_unit != 0:
        return r.max / r.per_unit
    return x + (UNBOUNDED_LIMIT if higher else -UNBOUNDED_LIMIT)


def _continuous(
    engine: Engine, start: Result, focus: str, ind: Indicator, cur: float, ok: Reached
) -> SeekOption | str:
    higher = upward(ind)
    if ind.range is not None:
        end = ind.range[1] if higher else ind.range[0]
    else:
        end = _saturation(ind, cur)
    if (end <= cur) if higher else (end >= cur):
        return "already at the best value"

    def at(v: float) -> Result:
        return engine.update(start, focus, ind.id, v)

    best = at(end)
    if not ok(best):
        return _short(best, focus, end)
    lo, hi = cur, end
    for _ in range(BISECTIONS):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        if ok(at(mid)):
            hi = mid
        else:
            lo = mid
    d = engine.criteria.decimals(ind.id)
    unit = 10.0**-d
    value = (math.ceil(hi / unit - 1e-9) if higher else math.floor(hi / unit + 1e-9)) * unit
    value = _tidy(min(end, value) if higher else max(end, value))
    r = at(value)
    if not ok(r):  # rounding went past the end of the range: keep the exact answer
        value, r = hi, at(hi)
    smaller = value - unit if higher else value + unit
    passed = (smaller <= cur) if higher else (smaller >= cur)
    verified = ok(r) and (passed or not ok(at(smaller)))
    return _option(ind.id, cur, value, r, focus, verified)


def _short(best: Result, focus: str, value: Value) -> str:
    v = value if isinstance(value, str) else f"{float(value):g}"
    return f"even {v} reaches only rank {best.rank(focus)}"


def _option(
    node: str, current: Value | None, value: Value, r: Result, focus: str, verified: bool
) -> SeekOption:
    return SeekOption(node, current, value, r.score(focus) or 0.0, r.rank(focus) or 0, verified)
