"""QĐ 766/QĐ-TTg service index, 2024–25 layout: group maxima, and Bắc Giang's published groups.

Only four of Bắc Giang's six group scores are published, so its published total of 89.37 cannot
be reproduced from published figures alone: the tests pin the layout, the published values in
the bundled data, and that a total computed from groups is their sum.
"""

from __future__ import annotations

import math

import pytest

from ictscore.engine.bounds import node_bounds
from ictscore.engine.compute import Engine
from ictscore.formats.criteria import Criteria, load_criteria
from ictscore.formats.dataset import Dataset, Entity
from ictscore.formats.scenario import load_scenario
from ictscore.planning.whatif import WhatIf

from ..conftest import CRITERIA, SCENARIOS

GROUPS = {
    "cong_khai_minh_bach": 18,
    "tien_do_giai_quyet": 20,
    "dich_vu_cong_truc_tuyen": 12,
    "thanh_toan_truc_tuyen": 10,
    "muc_do_hai_long": 18,
    "so_hoa_ho_so": 22,
}
BAC_GIANG_PUBLISHED = {
    "cong_khai_minh_bach": 14.2,
    "dich_vu_cong_truc_tuyen": 8.1,
    "thanh_toan_truc_tuyen": 9.6,
    "so_hoa_ho_so": 19.7,
}
ILLUSTRATIVE = {"tien_do_giai_quyet": 19.9, "muc_do_hai_long": 17.87}


@pytest.fixture(scope="module")
def crit() -> Criteria:
    return load_criteria(CRITERIA / "vn-766-service-index.toml")


def test_group_maxima_sum_to_100(crit: Criteria) -> None:
    total = crit.nodes["tong_diem"]
    assert {c.node: c.points for c in total.children} == GROUPS  # type: ignore[union-attr]
    assert sum(GROUPS.values()) == 100
    bounds = node_bounds(crit)
    for group, points in GROUPS.items():
        assert bounds[group] == (0.0, points), group
    assert bounds["tong_diem"] == (0.0, 100.0)


def test_published_groups_plus_illustrative_compute(crit: Criteria) -> None:
    row = {**BAC_GIANG_PUBLISHED, **ILLUSTRATIVE}
    result = Engine(crit).compute(Dataset((Entity("bac-giang", "Bắc Giang", row),)))
    assert result.score("bac-giang") == pytest.approx(sum(row.values()), abs=1e-9)
    assert round(result.score("bac-giang") or 0.0, 2) == 89.37
    for group, value in row.items():
        assert result.score("bac-giang", group) == value


def test_components_path(crit: Criteria) -> None:
    full = {ind.id: 100.0 for ind in crit.indicators()}
    full["tdgq_qua_han"] = 0.0  # lower is better
    worst = {ind.id: 0.0 for ind in crit.indicators()}
    worst["tdgq_qua_han"] = 10.0
    result = Engine(crit).compute(
        Dataset((Entity("best", "best", full), Entity("worst", "worst", worst)))
    )
    assert result.score("best") == pytest.approx(100.0)
    assert result.score("worst") == 0.0
    for group, points in GROUPS.items():
        assert result.score("best", group) == pytest.approx(points)


def test_bundled_scenario_keeps_published_values() -> None:
    sc = load_scenario(SCENARIOS / "bac-giang-766-2024.toml")
    bg = sc.dataset.get("bac-giang")
    for group, value in BAC_GIANG_PUBLISHED.items():
        assert bg.values[group] == value
    assert "công bố" in bg.source and "minh họa" in bg.source
    for e in sc.dataset.entities:
        if e.id != "bac-giang":
            assert e.source.startswith("minh họa (illustrative)"), e.id
    proj = WhatIf(sc).project()
    assert round(proj.baseline.score("bac-giang") or 0.0, 2) == 89.37
    assert proj.baseline.rank("bac-giang") == 3
    # Tỉnh D is given by its components: 14.36 + 17.9 + 6.04 + 6.7 + 16.8 + 16.8
    assert math.isclose(proj.baseline.score("tinh-d") or 0.0, 78.6, abs_tol=1e-9)
    # the edit log raises online submission from 8.1 to 10.5 of 12
    assert proj.result.score("bac-giang", "dich_vu_cong_truc_tuyen") == 10.5
    assert round(proj.result.score("bac-giang") or 0.0, 2) == 91.77
    assert proj.result.rank("bac-giang") == 2
