"""Frameworks and data made up for the planning tests: random values for any framework, and a
small framework full of peer-relative rules where moving one value moves everyone's score."""

from __future__ import annotations

import random
from pathlib import Path

from ictscore.formats.criteria import Criteria, Indicator, load_criteria
from ictscore.formats.dataset import Dataset, Entity
from ictscore.formats.values import Value

PEER_RELATIVE = """
[framework]
id = "peer-relative-test"
name_vi = "Thử"
name_en = "Test"
edition = "test"
entities = "agencies"
publisher = "tests"
root = "total"
decimals = 4

[[indicator]]
id = "a"
name_vi = "a"
name_en = "a"
range = [0, 100]
rule = { type = "minmax", points = 10 }

[[indicator]]
id = "b"
name_vi = "b"
name_en = "b"
range = [0, 100]
step = 1
rule = { type = "zscore" }

[[indicator]]
id = "c"
name_vi = "c"
name_en = "c"
range = [0, 100]
step = 5
rule = { type = "relative_to_best", points = 20 }

[[indicator]]
id = "d"
name_vi = "d"
name_en = "d"
range = [0, 50]
step = 1
direction = "lower"
rule = { type = "minmax", points = 5 }

[[indicator]]
id = "e"
name_vi = "e"
name_en = "e"
range = [0, 12]
step = 1
rule = { type = "steps", steps = [{ at = 4, points = 8 }, { at = 2, points = 4 }] }

[[aggregate]]
id = "pillar"
name_vi = "p"
name_en = "p"
method = "weighted_mean"
rescale = "minmax"
scale = 10
children = [{ node = "a", weight = 2 }, { node = "b", weight = 1 }]

[[aggregate]]
id = "total"
name_vi = "t"
name_en = "t"
method = "sum"
children = [{ node = "pillar" }, { node = "c" }, { node = "d" }, { node = "e" }]
"""


def peer_relative_criteria(tmp: Path) -> Criteria:
    path = tmp / "peer-relative.toml"
    path.write_text(PEER_RELATIVE, encoding="utf-8")
    return load_criteria(path)


def random_value(ind: Indicator, rng: random.Random) -> Value:
    r = ind.rule
    if r.values == "category":
        return rng.choice(r.keys())
    if r.values == "yes_no":
        return float(rng.random() < 0.5)
    lo, hi = ind.range if ind.range is not None else (0.0, 100.0)
    if ind.step is not None and rng.random() < 0.7:
        k = rng.randint(0, int((hi - lo) / ind.step))
        return round(lo + k * ind.step, 10)
    return rng.uniform(lo, hi)


def random_dataset(crit: Criteria, n: int, seed: int) -> Dataset:
    rng = random.Random(seed)
    inds = crit.indicators()
    return Dataset(
        tuple(
            Entity(f"e{k}", f"Entity {k}", {i.id: random_value(i, rng) for i in inds})
            for k in range(n)
        )
    )
