"""Baseline and what-if results of a scenario, and the focus entity's movement between them.

Every face (CLI, TUI, report) asks this module, so that "the projected rank" means one thing.
The edit log is replayed through the engine's one-value update, once per edited value: a later
edit of the same entity's indicator replaces an earlier one, so only the value each one ends
with is sent to the engine. A log of n changes therefore costs at most n cheap recomputes (and
usually far fewer: a planner tries many values on a few indicators), never a full one per change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.scenario import Change, Scenario
from ictscore.formats.values import Value, coerce

Cell = tuple[str, str]
"""(entity id, node id): what one change sets."""


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


def final_values(engine: Engine, changes: Iterable[Change], focus: str) -> dict[Cell, Value]:
    """The value each edited cell ends with; a change naming no entity edits the focus."""
    nodes = engine.criteria.nodes
    out: dict[Cell, Value] = {}
    for ch in changes:
        out[(ch.entity or focus, ch.node)] = coerce(nodes[ch.node], ch.value)
    return out


def settle(engine: Engine, start: Result, values: dict[Cell, Value | None]) -> Result:
    """`start` with each cell set to its value (None clears it): one update per cell that moves.

    The result depends only on the values the cells end with, not on the order of the edits
    that led there, so the cells can be sent in any order.
    """
    result = start
    for (entity, node), value in values.items():
        if result.inputs[node][result.index(entity)] != value:
            result = engine.update(result, entity, node, value)
    return result


def replay(engine: Engine, start: Result, changes: Iterable[Change], focus: str) -> Result:
    """The result after the edit log: O(n) to read the log, one engine update per edited cell."""
    return settle(engine, start, dict(final_values(engine, changes, focus)))


class WhatIf:
    """A scenario bound to its engine, with the baseline computed once."""

    def __init__(self, scenario: Scenario, engine: Engine | None = None) -> None:
        self.scenario = scenario
        self.engine = engine or Engine(scenario.criteria)
        self.baseline = self.engine.compute(scenario.dataset)

    def replay(self, changes: list[Change] | None = None) -> Result:
        chosen = self.scenario.applied() if changes is None else changes
        return replay(self.engine, self.baseline, chosen, self.scenario.focus)

    def project(self) -> Projection:
        return Projection(self.scenario.name, self.scenario.focus, self.baseline, self.replay())
