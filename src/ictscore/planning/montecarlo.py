"""Monte Carlo over the peers' growth and over how much of the plan is delivered: the
distribution of the focus entity's rank.

In each draw every peer's value of every growing indicator moves by a normal draw around its
expected growth, and each chosen lever is delivered in full with its delivery probability (or
not at all); each unit of a divisible lever is delivered on its own (a binomial count). Draws
are evaluated in chunks by the numpy batch evaluator; numpy is imported here and in `batch`
only, so the rest of the application does not pay for it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.criteria import Indicator
from ictscore.formats.plan import Lever
from ictscore.formats.values import coerce
from ictscore.planning.batch import Array, BatchEvaluator, focus_ranks, numeric, start_arrays
from ictscore.planning.levers import Progress, Units, worst
from ictscore.planning.peers import Growth

CHUNK = 1000
MAX_THREADS = 8


@dataclass(frozen=True)
class RankDistribution:
    draws: int
    median: float
    low: int
    """10th percentile: the better end of the 80 % interval."""
    high: int
    """90th percentile: the worse end of the 80 % interval."""
    counts: dict[int, int]
    target: int | None
    p_target: float | None
    mean_score: float

    def as_dict(self) -> dict[str, object]:
        return {
            "draws": self.draws,
            "median": self.median,
            "interval_80": [self.low, self.high],
            "target_rank": self.target,
            "p_target": self.p_target,
            "mean_score": self.mean_score,
            "counts": {str(k): v for k, v in sorted(self.counts.items())},
        }


@dataclass(frozen=True)
class Plan:
    """Levers chosen for the focus entity and the probability each is delivered."""

    levers: Sequence[Lever]
    units: Units
    delivery: Sequence[float]


def simulate(
    engine: Engine,
    start: Result,
    focus: str,
    growth: Sequence[Growth],
    years: float,
    plan: Plan | None,
    draws: int,
    seed: int = 0,
    target: int | None = None,
    progress: Progress | None = None,
) -> RankDistribution:
    evaluator = BatchEvaluator(engine)
    raw, supplied = start_arrays(engine, start)
    i = start.index(focus)
    ties = engine.criteria.framework.ties
    decimals = engine.rank_decimals(engine.criteria.root)
    sizes = [min(CHUNK, draws - k) for k in range(0, draws, CHUNK)]
    # one generator per chunk: the result depends on the seed, not on the number of threads
    rngs = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(len(sizes))]

    def chunk(d: int, rng: np.random.Generator) -> tuple[Array, float]:
        cols = dict(raw)
        for g in growth:
            cols[g.node] = _grown(engine, g, raw[g.node], years, i, d, rng)
        if plan is not None:
            _deliver(engine, plan, raw, cols, i, d, rng)
        root = evaluator.root_scores(cols, supplied)
        root = np.broadcast_to(root, (d, root.shape[-1]))
        return focus_ranks(root, i, ties, decimals).astype(np.float64), float(np.nansum(root[:, i]))

    ranks: list[Array] = []
    total = 0.0
    done = 0
    workers = min(len(sizes), os.cpu_count() or 1, MAX_THREADS)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:  # numpy releases the GIL
        for (r, t), d in zip(pool.map(chunk, sizes, rngs), sizes, strict=True):
            ranks.append(r)
            total += t
            done += d
            if progress:
                progress(done, draws)
    all_ranks = np.concatenate(ranks)
    values, counts = np.unique(all_ranks.astype(np.int64), return_counts=True)
    return RankDistribution(
        draws,
        float(np.median(all_ranks)),
        int(np.percentile(all_ranks, 10, method="lower")),
        int(np.percentile(all_ranks, 90, method="higher")),
        {int(v): int(c) for v, c in zip(values, counts, strict=True)},
        target,
        None if target is None else float(np.mean(all_ranks <= target)),
        total / draws,
    )


def _grown(
    engine: Engine, g: Growth, base: Array, years: float, i: int, d: int, rng: np.random.Generator
) -> Array:
    """A peer's value after `years` of growth in each draw; the focus entity does not drift."""
    ind = engine.criteria.nodes[g.node]
    assert isinstance(ind, Indicator)
    mean = np.asarray(g.mean, dtype=np.float64)
    n = base.shape[0]
    if g.sd > 0:
        # float32 normals are twice as fast to draw and ample for a growth assumption
        step = rng.standard_normal((d, n), dtype=np.float32).astype(np.float64)
        step *= g.sd
        step += mean
    else:
        step = np.array(np.broadcast_to(mean, (d, n)))
    step[:, i] = 0.0
    step *= years
    step += base
    if ind.range is not None:
        np.clip(step, ind.range[0], ind.range[1], out=step)
    return step


def _deliver(
    engine: Engine,
    plan: Plan,
    raw: dict[str, Array],
    cols: dict[str, Array],
    i: int,
    d: int,
    rng: np.random.Generator,
) -> None:
    """Set the focus entity's column of every indicator the plan touches, draw by draw."""
    chosen = [
        (lv, u, p) for lv, u, p in zip(plan.levers, plan.units, plan.delivery, strict=True) if u
    ]
    # all-or-nothing levers are delivered or not; each unit of a divisible lever on its own
    masks = [
        rng.binomial(u, p, d).astype(np.float64) if lv.divisible else (rng.random(d) < p) * 1.0
        for lv, u, p in chosen
    ]
    nodes = sorted({e.node for lv, _, _ in chosen for e in lv.effect})
    for node in nodes:
        ind = engine.criteria.nodes[node]
        assert isinstance(ind, Indicator)
        v = np.full(d, raw[node][i])
        if np.isnan(v[0]):
            v[:] = numeric(ind, worst(ind))
        up = ind.rule.upward(ind)
        for (lv, _, _), mask in zip(chosen, masks, strict=True):
            for e in lv.effect:
                if e.node == node and e.set_to is not None:
                    s = numeric(ind, coerce(ind, e.set_to))
                    v = np.where(mask > 0, np.maximum(v, s) if up else np.minimum(v, s), v)
        for (lv, u, _), mask in zip(chosen, masks, strict=True):
            for e in lv.effect:
                if e.node == node and e.add is not None:
                    v = v + mask * (e.add if lv.divisible else e.add * u)
        if ind.range is not None:
            v = np.clip(v, ind.range[0], ind.range[1])
        col = np.array(np.broadcast_to(cols[node], (d, raw[node].shape[0])), dtype=np.float64)
        col[:, i] = v
        cols[node] = col
