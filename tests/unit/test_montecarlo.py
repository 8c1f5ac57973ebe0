"""The numpy batch evaluator against the engine, and the Monte Carlo's distribution."""

from __future__ import annotations

import random

import numpy as np
import pytest

from ictscore.engine.compute import Engine
from ictscore.formats.criteria import Indicator, load_criteria
from ictscore.formats.scenario import load_scenario
from ictscore.planning.batch import BatchEvaluator, focus_ranks, start_arrays
from ictscore.planning.levers import LeverModel
from ictscore.planning.montecarlo import Plan, simulate
from ictscore.planning.optimise import Question, optimise
from ictscore.planning.peers import Growth, growth_model, project_peers
from ictscore.planning.planner import start_result
from ictscore.resources import bundled_criteria

from ..conftest import SCENARIOS
from .planning_support import peer_relative_criteria, random_dataset


def _frameworks(tmp_path):  # type: ignore[no-untyped-def]
    return [load_criteria(p) for p in bundled_criteria()] + [peer_relative_criteria(tmp_path)]


@pytest.mark.parametrize("ties", ["competition", "dense", "ordinal"])
def test_batch_matches_engine_on_every_framework(tmp_path, ties: str) -> None:  # type: ignore[no-untyped-def]
    for crit in _frameworks(tmp_path):
        crit.framework.__dict__["ties"] = ties  # frozen model: same framework, other tie rule
        engine = Engine(crit)
        ev = BatchEvaluator(engine)
        for seed in range(5):
            result = engine.compute(random_dataset(crit, 15, seed))
            raw, sup = start_arrays(engine, result)
            got = np.broadcast_to(ev.root_scores(raw, sup), (1, 15))
            want = [result.scores[crit.root][k] for k in range(15)]
            assert np.allclose(got[0], want, rtol=1e-9, atol=1e-9), crit.framework.id
            for k in range(15):
                dec = engine.rank_decimals(crit.root)
                assert focus_ranks(got, k, ties, dec)[0] == result.ranks[crit.root][k]


def test_batch_matches_engine_per_draw(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Many worlds at once: each row equals the engine on that row's values."""
    for crit in _frameworks(tmp_path):
        engine = Engine(crit)
        ev = BatchEvaluator(engine)
        base = engine.compute(random_dataset(crit, 9, 1))
        raw, sup = start_arrays(engine, base)
        rng = random.Random(5)
        grown = [i for i in crit.indicators() if i.range and i.rule.type not in ("category",)]
        draws = 6
        cols = dict(raw)
        for ind in grown:
            assert ind.range is not None
            lo, hi = ind.range
            cols[ind.id] = np.array([[rng.uniform(lo, hi) for _ in range(9)] for _ in range(draws)])
        got = ev.root_scores(cols, sup)
        for d in range(draws):
            inputs = dict(base.inputs)
            for ind in grown:
                inputs[ind.id] = tuple(float(x) for x in cols[ind.id][d])
            want = engine.compute_inputs(base.entity_ids, base.names, inputs)
            assert np.allclose(got[d], want.scores[crit.root], rtol=1e-9, atol=1e-9)


def test_monte_carlo_without_noise_is_the_deterministic_projection() -> None:
    sc = load_scenario(SCENARIOS / "bac-giang-so-noi-vu-2021.toml")
    w, start = start_result(sc)
    growth, years = growth_model(sc, start)
    still = [Growth(g.node, g.mean, 0.0) for g in growth]
    m = LeverModel(w.engine, start, sc.focus, sc.file.lever)
    best = optimise(m, Question(1.5e9))
    assert best is not None
    d = simulate(
        w.engine, start, sc.focus, still, years, Plan(m.levers, best.units, [1.0] * 8), 50, 1, 5
    )
    want = project_peers(w.engine, best.result, still, years)
    assert d.counts == {want.rank(sc.focus): 50}
    assert d.mean_score == pytest.approx(want.score(sc.focus))


def test_monte_carlo_distribution() -> None:
    sc = load_scenario(SCENARIOS / "bac-giang-so-noi-vu-2021.toml")
    w, start = start_result(sc)
    growth, years = growth_model(sc, start)
    m = LeverModel(w.engine, start, sc.focus, sc.file.lever)
    best = optimise(m, Question(1.5e9))
    assert best is not None
    plan = Plan(m.levers, best.units, [0.8] * 8)
    d = simulate(w.engine, start, sc.focus, growth, years, plan, 4000, 3, 5)
    again = simulate(w.engine, start, sc.focus, growth, years, plan, 4000, 3, 5)
    assert d == again  # a seed gives the same distribution
    assert sum(d.counts.values()) == 4000
    assert d.low <= d.median <= d.high
    assert d.p_target == pytest.approx(sum(c for r, c in d.counts.items() if r <= 5) / 4000)
    # nothing delivered: never better than the start against peers who only improve
    none = simulate(w.engine, start, sc.focus, growth, years, Plan(m.levers, best.units,
                    [0.0] * 8), 500, 3)  # fmt: skip
    assert min(none.counts) >= (start.rank(sc.focus) or 0)
    ind = sc.criteria.nodes["hd_so_hoa_ho_so"]
    assert isinstance(ind, Indicator)
