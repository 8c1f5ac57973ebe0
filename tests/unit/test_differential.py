"""The engine (plain Python, one column at a time) and the batch evaluator (numpy, draws ×
entities) are two forms of one arithmetic: on every bundled framework and on data made to break
them — equal values, ties, float noise, one entity, missing values, groups supplied directly —
they give the same score, to the last bit, and the same rank at every node."""

from __future__ import annotations

import math
import random
from pathlib import Path

import numpy as np
import pytest

from ictscore.engine.compute import Engine
from ictscore.formats.criteria import Criteria, Indicator, load_criteria
from ictscore.formats.dataset import Dataset, Entity
from ictscore.formats.values import Value
from ictscore.planning.batch import BatchEvaluator, rank_rows, start_arrays
from ictscore.resources import bundled_criteria
from ictscore.scoring.methods import METHODS
from ictscore.scoring.rules import RULES

from .planning_support import peer_relative_criteria

EVERY_RULE = """
[framework]
id = "every-rule"
name_vi = "Mọi quy tắc"
name_en = "Every rule"
edition = "test"
entities = "agencies"
publisher = "tests"
root = "total"
decimals = 2
missing = "lowest"

[[indicator]]
id = "direct"
name_vi = "d"
name_en = "d"
range = [0, 1]
rule = { type = "direct" }

[[indicator]]
id = "ratio_hi"
name_vi = "r"
name_en = "r"
range = [0, 100]
rule = { type = "ratio", points = 20, target = 80, cap = 1.2 }

[[indicator]]
id = "ratio_lo"
name_vi = "r"
name_en = "r"
range = [0, 100]
direction = "lower"
rule = { type = "ratio", points = 10, target = 5 }

[[indicator]]
id = "steps"
name_vi = "s"
name_en = "s"
range = [0, 12]
step = 1
rule = { type = "steps", steps = [{ at = 4, points = 8 }, { at = 2, points = 4 }], otherwise = 1 }

[[indicator]]
id = "category"
name_vi = "c"
name_en = "c"
rule = { type = "category", points = 6, categories = [
    { key = "a", label_vi = "A", label_en = "A", fraction = 1 },
    { key = "b", label_vi = "B", label_en = "B", fraction = 0.5 },
    { key = "c", label_vi = "C", label_en = "C", fraction = 0 },
] }

[[indicator]]
id = "yes_no"
name_vi = "y"
name_en = "y"
rule = { type = "yes_no", points = 5 }

[[indicator]]
id = "best"
name_vi = "b"
name_en = "b"
range = [0, 100]
rule = { type = "relative_to_best", points = 7 }

[[indicator]]
id = "minmax"
name_vi = "m"
name_en = "m"
range = [0, 100]
direction = "lower"
rule = { type = "minmax", points = 3 }

[[indicator]]
id = "zscore"
name_vi = "z"
name_en = "z"
range = [-50, 50]
rule = { type = "zscore" }

[[indicator]]
id = "goalposts"
name_vi = "g"
name_en = "g"
range = [0, 20]
direction = "lower"
rule = { type = "goalposts", lower = 2, upper = 12, points = 4 }

[[indicator]]
id = "bonus"
name_vi = "p"
name_en = "p"
range = [0, 10]
direction = "lower"
rule = { type = "bonus", per_unit = -2.5, min = -10, max = 0 }

[[indicator]]
id = "bands"
name_vi = "n"
name_en = "n"
range = [0, 100]
rule = { type = "bands", bands = [
    { at = 0, points = 0 }, { at = 50, points = 10 }, { at = 80, points = 12 },
] }

[[aggregate]]
id = "peers"
name_vi = "p"
name_en = "p"
method = "weighted_mean"
rescale = "minmax"
scale = 10
children = [{ node = "best", weight = 2 }, { node = "minmax" }, { node = "zscore", weight = 0.5 }]

[[aggregate]]
id = "shares"
name_vi = "s"
name_en = "s"
method = "points_over_max"
cap = 0.9
children = [
    { node = "ratio_hi", points = 3 }, { node = "steps", points = 1 },
    { node = "category", points = 2 },
]

[[aggregate]]
id = "geo"
name_vi = "g"
name_en = "g"
method = "geometric_mean"
children = [{ node = "direct", weight = 1 }, { node = "bands", weight = 3 }, { node = "yes_no" }]

[[aggregate]]
id = "total"
name_vi = "t"
name_en = "t"
method = "sum"
children = [
    { node = "peers" }, { node = "shares", points = 100 }, { node = "geo" },
    { node = "ratio_lo" }, { node = "goalposts" }, { node = "bonus" },
]
"""


def every_rule(tmp: Path) -> Criteria:
    path = tmp / "every-rule.toml"
    path.write_text(EVERY_RULE, encoding="utf-8")
    return load_criteria(path)


def test_the_test_framework_uses_every_rule_and_method(tmp_path: Path) -> None:
    crit = every_rule(tmp_path)
    assert {i.rule.type for i in crit.indicators()} == set(RULES)
    assert {a.method for a in crit.aggregates()} == set(METHODS)


def _value(ind: Indicator, rng: random.Random, kind: str, k: int) -> Value | None:
    """One entity's value, by the kind of trouble the data set is made of."""
    rule = ind.rule
    lo, hi = ind.range if ind.range is not None else (0.0, 100.0)
    if kind == "missing" and rng.random() < 0.3:
        return None
    if rule.values == "category":
        keys = rule.keys()
        return keys[0] if kind in ("equal", "noise") else rng.choice(keys)
    if rule.values == "yes_no":
        return 1.0 if kind in ("equal", "noise") else float(rng.random() < 0.5)
    mid = lo + (hi - lo) * 0.3
    if kind == "equal":
        return mid
    if kind == "noise":
        # the same value reached by different float paths: 0.1 + 0.2 against 0.3
        return [mid, mid + mid * 2e-16, (mid / 3) * 3, mid - mid * 1e-16][k % 4]
    if kind == "ties":
        return rng.choice([lo, mid, hi, mid])
    if ind.step is not None and rng.random() < 0.5:
        return round(lo + rng.randint(0, int((hi - lo) / ind.step)) * ind.step, 10)
    return rng.uniform(lo, hi)


def _dataset(crit: Criteria, kind: str, n: int, seed: int) -> Dataset:
    rng = random.Random(seed)
    entities = []
    for k in range(n):
        values: dict[str, Value] = {}
        for ind in crit.indicators():
            v = _value(ind, rng, kind, k)
            if v is not None:
                values[ind.id] = v
        entities.append(Entity(f"e{k}", f"Entity {k}", values))
    if kind == "supplied" and n > 1:
        # a group's score given directly (as QĐ 766 data does), its parts left out
        agg = next((a for a in crit.aggregates() if a.id != crit.root), None)
        if agg is None:
            return Dataset(tuple(entities))
        values = {i: v for i, v in entities[0].values.items() if i not in crit.descendants(agg.id)}
        values[agg.id] = 0.5
        entities[0] = Entity("e0", "Entity 0", values)
    return Dataset(tuple(entities))


KINDS = ["random", "equal", "noise", "ties", "missing", "supplied", "one"]


def _frameworks(tmp: Path) -> list[Criteria]:
    crits = [load_criteria(p) for p in bundled_criteria()]
    crits += [peer_relative_criteria(tmp), every_rule(tmp)]
    return crits


def _same(a: float | None, b: float) -> bool:
    if a is None:
        return math.isnan(b)
    return a == b


@pytest.mark.parametrize("kind", KINDS)
def test_scalar_and_vector_paths_agree(tmp_path: Path, kind: str) -> None:
    checked = 0
    for crit in _frameworks(tmp_path):
        if kind == "missing":
            crit.framework.__dict__["missing"] = "lowest"  # frozen model: other policy
        engine = Engine(crit)
        batch = BatchEvaluator(engine)
        for seed in range(3):
            n = 1 if kind == "one" else 12
            data = _dataset(crit, kind, n, seed)
            try:
                result = engine.compute(data)
            except Exception as exc:  # a framework that refuses missing values: not this test's
                assert kind == "supplied", exc
                continue
            raw, supplied = start_arrays(engine, result)
            scores = batch.scores(raw, supplied)
            for node in crit.order:
                got = np.broadcast_to(scores[node], (1, n))
                want = result.scores[node]
                bad = [
                    (result.entity_ids[j], want[j], float(got[0, j]))
                    for j in range(n)
                    if not _same(want[j], float(got[0, j]))
                ]
                assert not bad, f"{crit.framework.id} {kind} seed {seed} {node}: {bad[:3]}"
                if all(w is None for w in want):
                    continue
                ranks = rank_rows(got, crit.framework.ties, engine.rank_decimals(node))[0]
                for j in range(n):
                    if want[j] is not None:
                        assert ranks[j] == result.ranks[node][j], (crit.framework.id, node, j)
                checked += 1
    assert checked > 100
