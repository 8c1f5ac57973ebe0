"""Published DTI 2020 figures (shared/reference/indices.md §1) reproduce from the pillar values."""

from __future__ import annotations

import pytest

from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.criteria import load_criteria
from ictscore.formats.dataset import Dataset, Entity

from ..conftest import CRITERIA

# province: (CQS, KTS, XHS) as published, and the published DTI
PUBLISHED = {
    "da-nang": ((0.5346, 0.4155, 0.4964), 0.4874),
    "bac-ninh": ((0.4449, 0.3668, 0.4052), 0.4096),
    "quang-ninh": ((0.4513, 0.3019, 0.3955), 0.3897),
}
PILLARS = ("chinh_quyen_so", "kinh_te_so", "xa_hoi_so")


@pytest.fixture(scope="module")
def result() -> Result:
    crit = load_criteria(CRITERIA / "vn-dti-2020-province.toml")
    ds = Dataset(
        tuple(
            Entity(k, k, dict(zip(PILLARS, pillars, strict=True)))
            for k, (pillars, _) in PUBLISHED.items()
        )
    )
    return Engine(crit).compute(ds)


@pytest.mark.parametrize("province", list(PUBLISHED))
def test_total_to_four_decimals(result: Result, province: str) -> None:
    assert round(result.score(province) or 0.0, 4) == PUBLISHED[province][1]


def test_published_order_and_pillar_order(result: Result) -> None:
    # 1st, 3rd, 4th nationally: the same order among the three
    assert result.order() == ["da-nang", "bac-ninh", "quang-ninh"]
    # CQS: Đà Nẵng 1st, Quảng Ninh 5th, Bắc Ninh 8th; KTS: ĐN 1, BN 2, QN 14; XHS: ĐN 1, BN 2, QN 3
    assert result.order("chinh_quyen_so") == ["da-nang", "quang-ninh", "bac-ninh"]
    assert result.order("kinh_te_so") == ["da-nang", "bac-ninh", "quang-ninh"]
    assert result.order("xa_hoi_so") == ["da-nang", "bac-ninh", "quang-ninh"]


def test_points_are_400_300_300_of_1000() -> None:
    crit = load_criteria(CRITERIA / "vn-dti-2020-province.toml")
    dti = crit.nodes["dti"]
    assert [(c.node, c.points) for c in dti.children] == [  # type: ignore[union-attr]
        ("chinh_quyen_so", 400),
        ("kinh_te_so", 300),
        ("xa_hoi_so", 300),
    ]
    assert crit.root == "dti"
