"""`Engine.update` after random edits equals a fresh `compute`, on every rule type."""

from __future__ import annotations

import random
from typing import Any

import pytest

from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.criteria import Aggregate, Criteria, Indicator
from ictscore.formats.values import Value

from .builders import aggregate, criteria, dataset, indicator

CATS = [
    {"key": k, "label_vi": k, "label_en": k, "fraction": f}
    for k, f in (("a", 1.0), ("b", 0.5), ("c", 0.0))
]
STEPS = [{"at": 4, "points": 20}, {"at": 2, "points": 10}, {"at": 1, "points": 5}]


def every_rule(missing: str = "zero") -> Criteria:
    r100 = {"range": [0, 100]}
    return criteria(
        [
            indicator("d", {"type": "direct"}, range=[0, 1]),
            indicator("ra", {"type": "ratio", "points": 20, "target": 50}, **r100),
            indicator(
                "rl", {"type": "ratio", "points": 10, "target": 5}, range=[0, 20], direction="lower"
            ),
            indicator("st", {"type": "steps", "steps": STEPS}, range=[0, 12]),
            indicator("ca", {"type": "category", "points": 12, "categories": CATS}),
            indicator("yn", {"type": "yes_no", "points": 5}),
            indicator("rb", {"type": "relative_to_best", "points": 40}, **r100),
            indicator("rbl", {"type": "relative_to_best", "points": 8}, direction="lower", **r100),
            indicator("mm", {"type": "minmax", "points": 10}, **r100),
            indicator("mml", {"type": "minmax"}, direction="lower", **r100),
            indicator("z", {"type": "zscore"}, range=[-50, 50]),
            indicator("zl", {"type": "zscore"}, direction="lower", **r100),
            indicator("gp", {"type": "goalposts", "lower": 10, "upper": 30, "points": 15}, **r100),
            indicator(
                "bo",
                {"type": "bonus", "per_unit": -5, "min": -20, "max": 0},
                range=[0, 9],
                direction="lower",
            ),
            indicator("ro", {"type": "direct"}, range=[0, 1], reported_only=True),
        ],
        [
            aggregate("g1", "sum", ["ra", "rl", "st", "ca", "yn", "bo"], cap=60),
            aggregate(
                "g2",
                "weighted_mean",
                [{"node": "rb", "weight": 2}, "rbl", "mm", "mml", "gp"],
            ),
            aggregate("g3", "weighted_mean", ["z", "zl"], rescale="minmax", scale=100),
            aggregate("g4", "geometric_mean", ["d", "gp", "rb"]),
            aggregate(
                "g5",
                "points_over_max",
                [
                    {"node": "g1", "points": 300},
                    {"node": "g2", "points": 200},
                    {"node": "d", "points": 100},
                    "ro",
                ],
                scale=1000,
            ),
            aggregate("g6", "sum", ["g2", "mm"], rescale="minmax"),
            aggregate(
                "top",
                "weighted_mean",
                [{"node": "g5", "weight": 3}, "g3", "g4", {"node": "g1", "weight": 0.5}, "g6"],
            ),
        ],
        root="top",
        missing=missing,
    )


def random_value(
    node: Indicator | Aggregate, rng: random.Random, bounds: tuple[float, float] = (0, 100)
) -> Value:
    if isinstance(node, Aggregate):
        # a group's score given directly, within what the group can score (the engine refuses
        # anything else)
        lo, hi = bounds
        return min(hi, max(lo, round(rng.uniform(lo, hi), rng.choice([0, 2]))))
    if node.rule.type == "category":
        return rng.choice([c.key for c in node.rule.categories])
    if node.rule.type == "yes_no":
        return float(rng.randint(0, 1))
    lo, hi = node.range or (0.0, 1.0)
    if rng.random() < 0.5:  # coarse values make ties, the tricky case
        return float(rng.choice([lo, hi, round((lo + hi) / 2)]))
    return rng.uniform(lo, hi)


def random_rows(crit: Criteria, n: int, rng: random.Random) -> dict[str, dict[str, Value]]:
    rows: dict[str, dict[str, Value]] = {}
    for k in range(n):
        vals: dict[str, Value] = {}
        for ind in crit.indicators():
            if rng.random() < 0.93:
                vals[ind.id] = random_value(ind, rng)
        rows[f"e{k}"] = vals
    return rows


def assert_same(a: Result, b: Result) -> None:
    assert a.entity_ids == b.entity_ids
    for nid in a.criteria.order:
        for x, y in zip(a.scores[nid], b.scores[nid], strict=True):
            assert (x is None) == (y is None), nid
            if x is not None and y is not None:
                # to the last bit: a rank or a digit on a rounding boundary would flip
                assert x == y, (nid, x, y)
        assert a.ranks[nid] == b.ranks[nid], nid
        assert a.raw.get(nid) == b.raw.get(nid), nid
        assert a.peers.get(nid, ()) == b.peers.get(nid, ()), nid


@pytest.mark.parametrize("seed", range(40))
def test_random_edits_match_fresh_compute(seed: int) -> None:
    rng = random.Random(seed)
    crit = every_rule()
    engine = Engine(crit)
    rows = random_rows(crit, rng.choice([2, 3, 7, 20]), rng)
    result = engine.compute(dataset(rows))
    ids = list(rows)
    nodes = [n for n in crit.order]
    for _ in range(25):
        eid = rng.choice(ids)
        nid = rng.choice(nodes)
        node = crit.nodes[nid]
        if isinstance(node, Aggregate) and rng.random() < 0.7:
            continue  # mostly indicator edits, the fast path
        bounds = engine.bounds[nid]
        value: Value | None = None if rng.random() < 0.08 else random_value(node, rng, bounds)
        result = engine.update(result, eid, nid, value)
        if value is None:
            rows[eid].pop(nid, None)
        else:
            rows[eid][nid] = value
        assert_same(result, engine.compute(dataset(rows)))


def test_update_leaves_the_old_result_untouched() -> None:
    crit = every_rule()
    engine = Engine(crit)
    rows = random_rows(crit, 5, random.Random(1))
    before = engine.compute(dataset(rows))
    fresh = engine.compute(dataset(rows))  # the same numbers, in objects update never saw
    assert before.raw["mm"][0] != 77.0 and before.raw["ra"][1] != 3.0
    a = engine.update(before, "e0", "mm", 77.0)
    b = engine.update(before, "e1", "ra", 3.0)
    assert (a.raw["mm"][0], b.raw["ra"][1]) == (77.0, 3.0)
    assert a.scores["mm"] != before.scores["mm"] and b.scores["ra"] != before.scores["ra"]
    assert_same(before, fresh)
    assert dict(before.inputs) == dict(fresh.inputs)


def test_update_on_bundled_default() -> None:
    from ictscore.formats.scenario import load_scenario

    from ..conftest import DEFAULT_SCENARIO

    sc = load_scenario(DEFAULT_SCENARIO)
    engine = Engine(sc.criteria)
    base = engine.compute(sc.dataset)
    rows: dict[str, dict[str, Any]] = {e.id: dict(e.values) for e in sc.dataset.entities}
    rng = random.Random(7)
    result = base
    for _ in range(60):
        eid = rng.choice(list(rows))
        ind = rng.choice(sc.criteria.indicators())
        v = random_value(ind, rng)
        result = engine.update(result, eid, ind.id, v)
        rows[eid][ind.id] = v
    assert_same(result, engine.compute(dataset(rows)))
