"""What the peers are expected to do, and where that leaves the focus entity next year.

Growth comes from the scenario's `[peers]` table: a fixed amount per indicator per year, or each
peer's own yearly change since an earlier edition's data (`trend`); an explicit growth overrides
the trend on its indicator. The focus entity does not drift: it moves only by its plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.criteria import Indicator
from ictscore.formats.dataset import load_dataset
from ictscore.formats.scenario import Scenario
from ictscore.formats.values import Value
from ictscore.planning.levers import clamp


@dataclass(frozen=True)
class Growth:
    node: str
    mean: tuple[float, ...]
    """Expected change per year of each entity's value (0 for the focus entity)."""
    sd: float = 0.0
    """Spread per year of each peer's change, for the Monte Carlo."""


def growth_model(scenario: Scenario, start: Result) -> tuple[list[Growth], float]:
    """The scenario's peer growth (one entry per indicator that moves) and its horizon in years."""
    peers = scenario.file.peers
    if peers is None:
        return [], 1.0
    crit = scenario.criteria
    ids = start.entity_ids
    focus = start.index(scenario.focus)
    out: dict[str, Growth] = {}
    if peers.trend is not None:
        base = scenario.path.parent if scenario.path else Path()
        earlier = load_dataset((base / peers.trend).resolve(), crit)
        old = {e.id: e.values for e in earlier.entities}
        for ind in crit.indicators():
            if ind.rule.values != "number" or ind.reported_only:
                continue
            mean = []
            for k, eid in enumerate(ids):
                now = start.raw[ind.id][k]
                was = old.get(eid, {}).get(ind.id)
                moved = k != focus and now is not None and was is not None
                mean.append((float(now) - float(was)) / peers.trend_years if moved else 0.0)  # type: ignore[arg-type]
            if any(mean):
                out[ind.id] = Growth(ind.id, tuple(mean))
    for g in peers.growth:
        mean = [0.0 if k == focus else g.add for k in range(len(ids))]
        out[g.node] = Growth(g.node, tuple(mean), g.sd)
    return [out[n] for n in crit.order if n in out], peers.years


def project_peers(engine: Engine, start: Result, growth: list[Growth], years: float) -> Result:
    """`start` with every peer's values moved by their expected growth over `years`."""
    inputs: dict[str, tuple[Value | None, ...]] = dict(start.inputs)
    for g in growth:
        ind = engine.criteria.nodes[g.node]
        assert isinstance(ind, Indicator)
        col = start.raw[g.node]
        inputs[g.node] = tuple(
            None if v is None else (clamp(ind, float(v) + years * m) if m else v)
            for v, m in zip(col, g.mean, strict=True)
        )
    return engine.compute_inputs(start.entity_ids, start.names, inputs, "peers")
