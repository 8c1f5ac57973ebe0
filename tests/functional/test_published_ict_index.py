"""Vietnam ICT Index: the published Đà Nẵng 2019 figure and the z-score → mean → min-max steps."""

from __future__ import annotations

import math
import random
import statistics

import pytest

from ictscore.engine.compute import Engine
from ictscore.formats.criteria import Aggregate, Criteria, load_criteria
from ictscore.formats.dataset import Dataset, Entity
from ictscore.formats.errors import InputError
from ictscore.formats.scenario import load_scenario
from ictscore.planning.whatif import WhatIf

from ..conftest import CRITERIA, SCENARIOS

PILLARS = ("ha_tang_ky_thuat", "ha_tang_nhan_luc", "ung_dung_cntt")


@pytest.fixture(scope="module")
def crit() -> Criteria:
    return load_criteria(CRITERIA / "vn-ict-index-province.toml")


SUBINDICES = [
    "htkt_xa_hoi",
    "htkt_co_quan",
    "hanl_xa_hoi",
    "hanl_co_quan",
    "ud_noi_bo",
    "dich_vu_cong_truc_tuyen",
    "cong_nghiep_cntt",
]
"""Two sub-indices under each pillar, and the IT industry index: the nodes rescaled 0..1."""


def _subindices(crit: Criteria) -> list[Aggregate]:
    subs = [a for a in crit.aggregates() if a.rescale == "minmax"]
    assert [a.id for a in subs] == SUBINDICES
    return subs


def test_da_nang_2019_from_published_pillars(crit: Criteria) -> None:
    # Published pillars 0.7925 / 0.9538 / 0.85 → ICT Index 0.8654, rank 1 (indices.md §4).
    # The IT industry index is a second top-level node, so it needs a value of its own.
    values = dict(zip(PILLARS, (0.7925, 0.9538, 0.85), strict=True))
    other = dict(zip(PILLARS, (0.70, 0.80, 0.75), strict=True))
    ds = Dataset(
        (
            Entity("da-nang", "TP. Đà Nẵng", {**values, "cong_nghiep_cntt": 0.5}),
            Entity("other", "other", {**other, "cong_nghiep_cntt": 0.9}),
        )
    )
    result = Engine(crit).compute(ds)
    assert round(result.score("da-nang") or 0.0, 4) == 0.8654
    assert result.rank("da-nang") == 1
    # the IT industry ranking is separate: 'other' leads it without touching the headline
    assert result.rank("other", "cong_nghiep_cntt") == 1
    assert result.rank("other") == 2


def test_structure(crit: Criteria) -> None:
    assert crit.root == "ict_index"
    assert [c.node for c in crit.nodes["ict_index"].children] == list(PILLARS)  # type: ignore[union-attr]
    tops = sorted(n for n in crit.nodes if not crit.parents[n])
    assert tops == ["cong_nghiep_cntt", "ict_index"]
    assert "cong_nghiep_cntt" not in crit.descendants("ict_index")
    # online public services feed Ứng dụng CNTT (and are ranked like every node)
    assert crit.parents["dich_vu_cong_truc_tuyen"] == ["ung_dung_cntt"]
    for pillar in ("ha_tang_ky_thuat", "ha_tang_nhan_luc"):
        kids = [c.node for c in crit.nodes[pillar].children]  # type: ignore[union-attr]
        assert len(kids) == 2 and all(crit.nodes[k].rescale == "minmax" for k in kids)  # type: ignore[union-attr]
    # every indicator is representative and z-scored; no aggregate claims to be
    assert crit.indicators()
    for ind in crit.indicators():
        assert ind.representative and ind.rule.type == "zscore", ind.id
    assert not any(a.representative for a in crit.aggregates())


def _random_provinces(crit: Criteria, n: int, seed: int) -> Dataset:
    rng = random.Random(seed)
    ents = []
    for i in range(n):
        vals: dict[str, float | str] = {}
        for ind in crit.indicators():
            lo, hi = ind.range or (0.0, 100.0)
            vals[ind.id] = round(lo + (hi - lo) * rng.random(), 2)
        ents.append(Entity(f"p{i:02d}", f"Province {i}", vals))
    return Dataset(tuple(ents))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pipeline_best_is_one_worst_is_zero(crit: Criteria, seed: int) -> None:
    ds = _random_provinces(crit, 12, seed)
    result = Engine(crit).compute(ds)
    ids = ds.ids()
    for agg in _subindices(crit):
        # by hand: z-score each indicator (population sd), mean, min-max across provinces
        means = []
        for e in ds.entities:
            zs = []
            for ch in agg.children:
                col = [float(x.values[ch.node]) for x in ds.entities]
                mu, sd = statistics.fmean(col), statistics.pstdev(col)
                zs.append((float(e.values[ch.node]) - mu) / sd)
            means.append(statistics.fmean(zs))
        lo, hi = min(means), max(means)
        scores = [result.score(i, agg.id) for i in ids]
        best, worst = ids[means.index(hi)], ids[means.index(lo)]
        assert result.score(best, agg.id) == 1.0, agg.id
        assert result.score(worst, agg.id) == 0.0, agg.id
        assert result.rank(best, agg.id) == 1
        assert result.rank(worst, agg.id) == len(ids)
        for s, m in zip(scores, means, strict=True):
            assert s is not None and math.isclose(s, (m - lo) / (hi - lo), abs_tol=1e-12)
        assert result.peer_ids(agg.id) == tuple(ids)
    for i in ids:
        pillars = [result.score(i, p) or 0.0 for p in PILLARS]
        assert math.isclose(result.score(i) or 0.0, statistics.fmean(pillars), abs_tol=1e-12)


def test_raising_an_indicator_for_the_best_keeps_it_at_one(crit: Criteria) -> None:
    ds = _random_provinces(crit, 8, 7)
    engine = Engine(crit)
    result = engine.compute(ds)
    sub = "dich_vu_cong_truc_tuyen"
    leader = result.order(sub)[0]
    after = engine.update(result, leader, "dvc_ho_so_truc_tuyen", 100.0)
    assert after.score(leader, sub) == 1.0
    assert min(s for s in after.scores[sub] if s is not None) == 0.0


def test_indicators_are_all_below_subindices(crit: Criteria) -> None:
    below = {ind.id: crit.parents[ind.id] for ind in crit.indicators()}
    assert len(below) == 23
    assert all(len(parents) == 1 for parents in below.values())
    assert {parents[0] for parents in below.values()} == set(SUBINDICES)


def test_illustrative_scenario_moves_peers_too() -> None:
    sc = load_scenario(SCENARIOS / "ict-index-illustrative.toml")
    assert all(e.source.startswith("minh họa (illustrative)") for e in sc.dataset.entities)
    proj = WhatIf(sc).project()
    sub = "dich_vu_cong_truc_tuyen"
    assert proj.baseline.peer_ids(sub) == tuple(sc.dataset.ids())
    d = proj.delta(sub)
    assert d.baseline_rank == 9 and d.scenario_rank == 3
    # z-scores and min-max are relative: a province whose data did not change scores differently
    assert proj.baseline.score("tinh-c", sub) != proj.result.score("tinh-c", sub)
    for result in (proj.baseline, proj.result):
        col = [s for s in result.scores[sub] if s is not None]
        assert max(col) == 1.0 and min(col) == 0.0


def test_published_pillars_alone_compute_the_main_index() -> None:
    """An entity that gives only the three published sub-indices gets the ICT Index; the IT
    industry index, a separate ranking outside the root, is simply not computed for it."""

    crit = load_criteria(CRITERIA / "vn-ict-index-province.toml")
    pillars = [ch.node for ch in crit.nodes["ict_index"].children]  # type: ignore[union-attr]
    assert pillars == ["ha_tang_ky_thuat", "ha_tang_nhan_luc", "ung_dung_cntt"]
    values = [(0.6, 0.3, 0.9), (0.2, 0.5, 0.5)]
    rows = tuple(
        Entity(f"p{k}", f"P{k}", dict(zip(pillars, v, strict=True))) for k, v in enumerate(values)
    )
    r = Engine(crit).compute(Dataset(rows))
    # equal weights: (0.6 + 0.3 + 0.9) / 3 = 0.6 and (0.2 + 0.5 + 0.5) / 3 = 0.4
    assert [round(r.score(e.id) or 0, 12) for e in rows] == [0.6, 0.4]
    assert [r.rank(e.id) for e in rows] == [1, 2]
    assert r.scores["cong_nghiep_cntt"] == (None, None)
    assert r.ranks["cong_nghiep_cntt"] == (None, None)


def test_a_separate_index_begun_must_be_complete() -> None:
    """Giving some of the IT industry's indicators and not others is still a missing value."""

    crit = load_criteria(CRITERIA / "vn-ict-index-province.toml")
    pillars = {ch.node: 0.5 for ch in crit.nodes["ict_index"].children}  # type: ignore[union-attr]
    rows = (Entity("p0", "P0", {**pillars, "cn_doanh_nghiep": 10.0}), Entity("p1", "P1", pillars))
    with pytest.raises(InputError) as err:
        Engine(crit).compute(Dataset(rows))
    wheres = {p.where for p in err.value.problems}
    assert wheres == {"p0.cn_lao_dong", "p0.cn_doanh_thu"}
