"""Baseline and what-if results of a scenario, and the focus entity's movement between them.

Every face (CLI, TUI, report) asks this module, so that "the projected rank" means one thing.
The edit log is replayed change by change through the engine's one-value update; a scenario of
a few dozen edits therefore costs a few dozen cheap recomputes, not full ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.scenario import Change, Scenario


@dataclass(frozen=True)
class NodeDelta:
    node: str
    baseline_score: float | None
    scenario_score: float | None
    baseline_rank: int | None
    scenario_rank: int | None

    @property
    def score_change(self) -> float | None:
        if self.baseline_score is None or self.scenario_score is None:
            return None
        return self.scenario_score - self.baseline_score

    @property
    def rank_change(self) -> int | None:
        """Places gained: positive when the rank number went down (better)."""
        if self.baseline_rank is None or self.scenario_rank is None:
            return None
        return self.baseline_rank - self.scenario_rank


@dataclass(frozen=True)
class Projection:
    scenario_name: str
    focus: str
    baseline: Result
    result: Result

    def delta(self, node: str) -> NodeDelta:
        f = self.focus
        return NodeDelta(
            node,
            self.baseline.score(f, node),
            self.result.score(f, node),
            self.baseline.rank(f, node),
            self.result.rank(f, node),
        )

    def deltas(self) -> list[NodeDelta]:
        """Every node, headline first, then in the framework's display order."""
        return [self.delta(n) for n in display_order(self.result)]


def display_order(result: Result) -> list[str]:
    """Root first, then depth-first through the aggregates, as a reader walks the tree."""
    crit = result.criteria
    out: list[str] = []
    seen: set[str] = set()

    def walk(nid: str) -> None:
        if nid in seen:
            return
        seen.add(nid)
        out.append(nid)
        node = crit.nodes[nid]
        for ch in getattr(node, "children", []):
            walk(ch.node)

    walk(crit.root)
    for nid in crit.order:
        if not crit.parents[nid]:
            walk(nid)
    for nid in crit.order:
        walk(nid)
    return out


class WhatIf:
    """A scenario bound to its engine, with the baseline computed once."""

    def __init__(self, scenario: Scenario, engine: Engine | None = None) -> None:
        self.scenario = scenario
        self.engine = engine or Engine(scenario.criteria)
        self.baseline = self.engine.compute(scenario.dataset)

    def apply(self, result: Result, change: Change) -> Result:
        sc = self.scenario
        return self.engine.update(result, sc.entity_of(change), change.node, sc.value_of(change))

    def replay(self, changes: list[Change] | None = None) -> Result:
        result = self.baseline
        for ch in self.scenario.applied() if changes is None else changes:
            result = self.apply(result, ch)
        return result

    def project(self) -> Projection:
        return Projection(self.scenario.name, self.scenario.focus, self.baseline, self.replay())
