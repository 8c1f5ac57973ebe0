"""Why a rank moved: the focus entity's own improvement, the shift that its change caused in
the peers' scores through peer-relative normalisation, and the peers' own changes.

Between a result `before` and a result `after`, three counterfactual states telescope:

1. own: the focus entity's new score ranked against the peers' *old* scores;
2. normalisation: the focus entity's new values with the peers' old values, computed in full:
   where min, max, best or mean depend on the focus entity, the peers' scores move too;
3. peers: the `after` result, where the peers' own values changed as well.

The three parts add up to the whole rank change. The focus entity is credited first; the order
is stated because another order would split a joint effect differently.
"""

from __future__ import annotations

from dataclasses import dataclass

from ictscore.engine.compute import Engine
from ictscore.engine.ranking import rank_column
from ictscore.engine.result import Result


@dataclass(frozen=True)
class Attribution:
    focus: str
    before_rank: int
    after_rank: int
    own: int
    """Places gained by the focus entity's own improvement (positive = better)."""
    normalisation: int
    """Places gained because the focus entity's change moved the peers' scores."""
    peers: int
    """Places gained (usually lost) because the peers' own values changed."""
    before_score: float
    after_score: float

    @property
    def total(self) -> int:
        return self.before_rank - self.after_rank


def focus_only(engine: Engine, before: Result, after: Result, focus: str) -> Result:
    """`before` with the focus entity's supplied values replaced by those of `after`."""
    i = before.index(focus)
    r = before
    for node in engine.order:
        new = after.inputs[node][i]
        if new != before.inputs[node][i]:
            r = engine.update(r, focus, node, new)
    return r


def attribute(engine: Engine, before: Result, after: Result, focus: str) -> Attribution:
    root = engine.criteria.root
    ties = engine.criteria.framework.ties
    i = before.index(focus)
    mixed = focus_only(engine, before, after, focus)
    own_col = list(before.scores[root])
    own_col[i] = mixed.scores[root][i]
    r0 = _rank(before, focus)
    r1 = rank_column(own_col, ties)[i] or len(own_col) + 1
    r2 = _rank(mixed, focus)
    r3 = _rank(after, focus)
    return Attribution(
        focus,
        r0,
        r3,
        r0 - r1,
        r1 - r2,
        r2 - r3,
        before.score(focus) or 0.0,
        after.score(focus) or 0.0,
    )


def _rank(r: Result, focus: str) -> int:
    return r.rank(focus) or len(r.entity_ids) + 1
