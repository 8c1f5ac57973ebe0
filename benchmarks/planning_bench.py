"""Planning benchmarks: the Monte Carlo (10,000 draws, 63 entities × 100 indicators, target
under 2 s) and the optimiser on the bundled scenario (branch and bound against brute force).

Run: .venv/bin/python benchmarks/planning_bench.py
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from ictscore.engine.compute import Engine
from ictscore.formats.criteria import Aggregate, Criteria, CriteriaFile, Framework, Indicator
from ictscore.formats.dataset import Dataset, Entity
from ictscore.formats.scenario import load_scenario
from ictscore.planning.levers import LeverModel
from ictscore.planning.optimise import Question, brute_force, optimise
from ictscore.planning.planner import start_result

ROOT = Path(__file__).resolve().parent.parent
RULES = [
    {"type": "ratio", "points": 10, "target": 100},
    {"type": "steps", "steps": [{"at": 75, "points": 10}, {"at": 50, "points": 6}]},
    {"type": "minmax", "points": 10},
    {"type": "relative_to_best", "points": 10},
    {"type": "zscore"},
    {"type": "goalposts", "lower": 10, "upper": 90, "points": 10},
]


def synthetic(n_entities: int = 63, n_indicators: int = 100) -> tuple[Criteria, Dataset]:
    """A framework of 10 pillars × 10 indicators of every numeric rule, one pillar rescaled."""
    inds = [
        Indicator.model_validate(
            {
                "id": f"i{k}",
                "name_vi": f"i{k}",
                "name_en": f"i{k}",
                "range": [0, 100],
                "rule": RULES[k % len(RULES)],
            }
        )
        for k in range(n_indicators)
    ]
    pillars = [
        Aggregate.model_validate(
            {
                "id": f"p{p}",
                "name_vi": f"p{p}",
                "name_en": f"p{p}",
                "method": "weighted_mean",
                "rescale": "minmax" if p == 0 else "none",
                "children": [{"node": f"i{k}"} for k in range(p, n_indicators, 10)],
            }
        )
        for p in range(10)
    ]
    root = Aggregate.model_validate(
        {
            "id": "total",
            "name_vi": "t",
            "name_en": "t",
            "method": "sum",
            "children": [{"node": f"p{p}"} for p in range(10)],
        }
    )
    fw = Framework(
        id="bench", name_vi="b", name_en="b", edition="b", entities="provinces", publisher="b",
        root="total",
    )  # fmt: skip
    crit = Criteria(CriteriaFile(framework=fw, indicator=inds, aggregate=[*pillars, root]))
    rng = random.Random(1)
    ds = Dataset(
        tuple(
            Entity(f"e{e}", f"e{e}", {i.id: rng.uniform(0, 100) for i in inds})
            for e in range(n_entities)
        )
    )
    return crit, ds


def bench_monte_carlo(draws: int = 10_000) -> float:
    from ictscore.planning.montecarlo import simulate
    from ictscore.planning.peers import Growth

    crit, ds = synthetic()
    engine = Engine(crit)
    start = engine.compute(ds)
    n = len(ds.entities)
    growth = [Growth(i.id, tuple(0.0 if e == 0 else 3.0 for e in range(n)), 4.0)
              for i in crit.indicators()]  # fmt: skip
    simulate(engine, start, "e0", growth, 1.0, None, 200, 0, 10)  # warm-up (imports)
    t = time.perf_counter()
    d = simulate(engine, start, "e0", growth, 1.0, None, draws, 0, 10)
    dt = time.perf_counter() - t
    print(
        f"monte carlo: {draws} draws × {n} entities × {len(crit.indicators())} indicators "
        f"in {dt:.2f} s (median rank {d.median:g}, 80 % {d.low}–{d.high}, "
        f"P(rank ≤ 10) {d.p_target:.3f})"
    )
    return dt


def bench_optimiser() -> None:
    sc = load_scenario(ROOT / "scenarios" / "bac-giang-so-noi-vu-2021.toml")
    w, start = start_result(sc)
    for q in (Question(1.5e9), Question(1.5e9, target_rank=5), Question(None, target_rank=3)):
        m = LeverModel(w.engine, start, sc.focus, sc.file.lever)
        t = time.perf_counter()
        o = optimise(m, q)
        t_bb, ev_bb = time.perf_counter() - t, m.evaluations
        m = LeverModel(w.engine, start, sc.focus, sc.file.lever)
        t = time.perf_counter()
        b = brute_force(m, q)
        t_bf, ev_bf = time.perf_counter() - t, m.evaluations
        assert (
            o is not None
            and b is not None
            and (o.score, o.rank, o.cost)
            == (
                b.score,
                b.rank,
                b.cost,
            )
        )
        print(
            f"optimiser {q}: branch and bound {t_bb * 1000:.0f} ms ({ev_bb} evaluations), "
            f"brute force {t_bf * 1000:.0f} ms ({ev_bf}); same optimum: cost {o.cost:,.0f}, "
            f"score {o.score:g}, rank {o.rank}"
        )


if __name__ == "__main__":
    dt = bench_monte_carlo()
    bench_optimiser()
    sys.exit(0 if dt < 2.0 else 1)
