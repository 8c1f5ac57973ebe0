"""The numpy batch evaluator against the engine, and the Monte Carlo's distribution."""

from __future__ import annotations

import itertools
import math
import random
from statistics import NormalDist

import numpy as np
import pytest

from ictscore.engine.compute import Engine
from ictscore.formats.criteria import load_criteria
from ictscore.formats.scenario import load_scenario
from ictscore.planning.batch import BatchEvaluator, focus_ranks, start_arrays
from ictscore.planning.levers import LeverModel
from ictscore.planning.montecarlo import Plan, simulate
from ictscore.planning.optimise import Question, optimise
from ictscore.planning.peers import Growth, growth_model, project_peers
from ictscore.planning.planner import start_result
from ictscore.resources import bundled_criteria

from ..conftest import SCENARIOS
from .builders import criteria, dataset, indicator
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


def _percentiles(counts: dict[int, int]) -> tuple[int, float, int]:
    """The 10th percentile (lower), the median and the 90th percentile (higher) of the ranks."""
    ranks = sorted(r for r, c in counts.items() for _ in range(c))
    n = len(ranks)
    mid = (ranks[(n - 1) // 2] + ranks[n // 2]) / 2
    return ranks[math.floor(0.1 * (n - 1))], mid, ranks[math.ceil(0.9 * (n - 1))]


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
    assert set(d.counts) <= set(range(1, 20))  # 19 departments
    assert (d.low, d.median, d.high) == _percentiles(d.counts)
    assert d.low < d.high  # the peers' spread and the delivery odds make a real spread
    assert d.p_target == pytest.approx(sum(c for r, c in d.counts.items() if r <= 5) / 4000)
    # nothing delivered: never better than the start against peers who only improve
    none = simulate(w.engine, start, sc.focus, growth, years, Plan(m.levers, best.units,
                    [0.0] * 8), 500, 3)  # fmt: skip
    assert min(none.counts) >= (start.rank(sc.focus) or 0)
    assert none.target is None and none.p_target is None


def test_monte_carlo_delivers_each_lever_with_its_probability() -> None:
    """Without peer growth the rank depends on what is delivered only: the distribution must be
    the exact mixture over every delivered subset (each unit of a divisible lever on its own),
    each subset scored by the engine, within four standard deviations of the binomial count."""
    sc = load_scenario(SCENARIOS / "bac-giang-so-noi-vu-2021.toml")
    w, start = start_result(sc)
    m = LeverModel(w.engine, start, sc.focus, sc.file.lever)
    best = optimise(m, Question(1.5e9))
    assert best is not None
    assert best.units == (0, 0, 1, 0, 1, 4, 1, 2)  # 3 all-or-nothing levers, 4 and 2 units
    p = [0.0, 0.0, 0.9, 0.0, 0.6, 0.75, 0.5, 0.3]  # a different probability for each lever
    ways = [
        [(k, math.comb(u, k) * p[j] ** k * (1 - p[j]) ** (u - k)) for k in range(u + 1)]
        if m.levers[j].divisible
        else [(0, 1 - p[j]), (u, p[j])]
        for j, u in enumerate(best.units)
    ]
    want: dict[int, float] = {}
    for combo in itertools.product(*ways):
        units = tuple(k for k, _ in combo)
        rank = m.outcome(units).rank
        want[rank] = want.get(rank, 0.0) + math.prod(q for _, q in combo)
    assert sum(want.values()) == pytest.approx(1.0)
    assert len(want) >= 4
    draws = 4000
    d = simulate(w.engine, start, sc.focus, [], 1.0, Plan(m.levers, best.units, p), draws, 11)
    assert set(d.counts) <= set(want)
    for rank, prob in want.items():
        expected, sd = draws * prob, math.sqrt(draws * prob * (1 - prob))
        assert abs(d.counts.get(rank, 0) - expected) <= 4 * sd + 1, (rank, d.counts, want)


def test_monte_carlo_peer_growth_is_normal_over_the_years() -> None:
    """One peer 5 points behind grows 3 ± 4 a year for 2 years: it ends above the focus entity
    when 45 + 2 × (3 + 4 Z) > 50, that is with probability Φ(1/8) = 0.5497."""
    crit = criteria([indicator("a", {"type": "direct"}, range=[0, 100])])
    engine = Engine(crit)
    start = engine.compute(dataset({"me": {"a": 50.0}, "peer": {"a": 45.0}, "low": {"a": 5.0}}))
    # the focus entity's mean is not 0 here: it must not drift all the same
    growth = [Growth("a", (3.0, 3.0, 0.0), 4.0)]
    draws = 4000
    d = simulate(engine, start, "me", growth, 2.0, None, draws, 5, target=1)
    p_overtaken = NormalDist().cdf(1 / 8)
    assert p_overtaken == pytest.approx(0.5497, abs=1e-4)
    sd = math.sqrt(draws * p_overtaken * (1 - p_overtaken))
    assert set(d.counts) == {1, 2}
    assert abs(d.counts[2] - draws * p_overtaken) <= 4 * sd
    assert d.p_target == d.counts[1] / draws
    assert d.mean_score == 50.0  # the focus entity's own value never moves
