"""What a leadership report says, computed once and rendered as Markdown or HTML.

The numbers are decided here (which nodes are pillars, what counts as a strength), so the two
renderings cannot disagree. Strengths and weaknesses compare each indicator's rank with the
overall rank on the baseline: a Sở ranked 9th that is 2nd on digital signatures has a strength
there, and one that is 17th on online applications has a weakness, whatever the raw numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ictscore.engine.result import Result
from ictscore.formats.criteria import Aggregate, Criteria, Indicator
from ictscore.formats.scenario import Change, Scenario
from ictscore.formats.values import Value
from ictscore.planning.history import UnitHistory, focus_history
from ictscore.planning.whatif import NodeDelta, Projection, display_order
from ictscore.presentation.report_plan import PlanSummary, plan_for

MAX_STANDOUTS = 6


@dataclass(frozen=True)
class Pillar:
    delta: NodeDelta
    best: float | None
    """The best score any entity has at this node (baseline), for the bar's full length."""
    best_entity: str


@dataclass(frozen=True)
class Standout:
    node: str
    value: Value | None
    rank: int
    """The competition rank (first place of a tie)."""
    last: int
    """The last place of the tie (== rank when not tied)."""
    gap: int
    """Places better (positive) or worse (negative) than the overall rank. A strength counts
    from the last place of its tie: sharing first place with most peers is no distinction."""


@dataclass(frozen=True)
class ChangeLine:
    """The net change of one indicator of one entity: the baseline value `before`, and the
    last of its edits (`change`), so three edits of one indicator read as one "0 → 31 %"."""

    change: Change
    entity: str
    before: Value | None
    edits: int = 1
    """How many edits of the scenario this line sums up."""


def net_changes(scenario: Scenario, base: Result) -> tuple[ChangeLine, ...]:
    """One line per (entity, indicator), in the order each was first edited; the notes and
    sources of every edit are kept, joined, so the audit trail loses nothing."""
    groups: dict[tuple[str, str], list[Change]] = {}
    for c in scenario.applied():
        groups.setdefault((scenario.entity_of(c), c.node), []).append(c)
    out = []
    for (entity, node), edits in groups.items():
        last = edits[-1]
        before = _before(base, entity, node)
        if last.value == before:
            continue  # edited and brought back: no net change to report
        joined = {
            key: "; ".join(dict.fromkeys(v for e in edits if (v := getattr(e, key))))
            for key in ("note", "source")
        }
        merged = last.model_copy(update={k: v or None for k, v in joined.items()})
        out.append(ChangeLine(merged, entity, before, len(edits)))
    return tuple(out)


@dataclass(frozen=True)
class ReportModel:
    scenario: Scenario
    projection: Projection
    count: int
    pillars: tuple[Pillar, ...]
    threshold: int
    strengths: tuple[Standout, ...]
    weaknesses: tuple[Standout, ...]
    gaps: tuple[Standout, ...]
    """Every ranked indicator with its gap, for the chart."""
    changes: tuple[ChangeLine, ...]
    plan: PlanSummary | None
    history: UnitHistory | None = None
    """The focus entity's published ranks in past editions (its lineage's before a merger),
    when the framework names a results file that ranks it."""

    @property
    def criteria(self) -> Criteria:
        return self.projection.result.criteria

    @property
    def focus(self) -> str:
        return self.projection.focus

    @property
    def focus_name(self) -> str:
        return self.projection.result.names[self.focus]

    @property
    def overall(self) -> Pillar:
        return self.pillars[0]


def build_report(scenario: Scenario, projection: Projection) -> ReportModel:
    base = projection.baseline
    crit = base.criteria
    order = display_order(base)
    pillars = []
    for n in order:
        if isinstance(crit.nodes[n], Aggregate):
            best_id = base.order(n)[0]
            pillars.append(Pillar(projection.delta(n), base.score(best_id, n), best_id))
    count = base.count_ranked()
    threshold = max(2, math.ceil(count / 6))
    gaps = _gaps(base, projection.focus, order)
    strengths = sorted((g for g in gaps if g.gap >= threshold), key=lambda g: -g.gap)
    weaknesses = sorted((g for g in gaps if g.gap <= -threshold), key=lambda g: g.gap)
    changes = net_changes(scenario, base)
    return ReportModel(
        scenario,
        projection,
        count,
        tuple(pillars),
        threshold,
        tuple(strengths[:MAX_STANDOUTS]),
        tuple(weaknesses[:MAX_STANDOUTS]),
        tuple(gaps),
        changes,
        plan_for(scenario, projection),
        _history(scenario, projection.focus),
    )


def _history(scenario: Scenario, focus: str) -> UnitHistory | None:
    """Only a history with a published rank is reported: no heading over nothing."""
    uh = focus_history(scenario, focus)
    return uh if uh is not None and uh.has_ranks() else None


def _gaps(base: Result, focus: str, order: list[str]) -> list[Standout]:
    crit = base.criteria
    overall = base.rank(focus)
    if overall is None:
        return []
    out = []
    for n in order:
        node = crit.nodes[n]
        if isinstance(node, Indicator):
            if node.reported_only:
                continue
        elif n == crit.root or not base.supplied(focus, n):
            # a group counts where the focus supplies its score (QĐ 766 publishes group scores,
            # not indicators: a report of indicators only finds no strength and no weakness)
            continue
        rank = base.rank(focus, n)
        col = base.scores[n]
        if rank is None or len({s for s in col if s is not None}) < 2:
            continue  # everyone equal: nothing stands out
        last = sum(1 for r in base.ranks[n] if r is not None and r <= rank)
        if last < overall:
            gap = overall - last
        elif rank > overall:
            gap = overall - rank
        else:
            gap = 0
        out.append(Standout(n, _before(base, focus, n), rank, last, gap))
    return out


def _before(base: Result, entity: str, node: str) -> Value | None:
    if entity not in base.entity_ids:
        return None
    supplied = base.inputs[node][base.index(entity)]
    return supplied if supplied is not None else base.raw_value(entity, node)
