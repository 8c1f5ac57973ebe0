"""Published DTI 2022 figures (shared/reference/indices.md §1) reproduce to four decimals."""

from __future__ import annotations

import pytest

from ictscore.engine.compute import Engine
from ictscore.formats.criteria import load_criteria
from ictscore.formats.dataset import Dataset, Entity

from ..conftest import CRITERIA

KEYS = [
    "nhan_thuc_so",
    "the_che_so",
    "ha_tang_so",
    "nhan_luc_so",
    "an_toan_thong_tin",
    "hoat_dong_chinh_quyen_so",
    "hoat_dong_kinh_te_so",
    "hoat_dong_xa_hoi_so",
]
PUBLISHED = {
    "da-nang": [1.0, 0.9, 0.8253, 0.8487, 0.7578, 0.8575, 0.7836, 0.5197],
    "quang-ninh": [0.9581, 0.9, 0.7648, 0.625, 0.5382, 0.8385, 0.5904, 0.4505],
}


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    crit = load_criteria(CRITERIA / "vn-dti-2022-province.toml")
    ds = Dataset(tuple(Entity(k, k, dict(zip(KEYS, v, strict=True))) for k, v in PUBLISHED.items()))
    return Engine(crit).compute(ds)


def test_totals(result) -> None:  # type: ignore[no-untyped-def]
    assert round(result.score("da-nang"), 4) == 0.8002
    assert round(result.score("quang-ninh"), 4) == 0.7024
    assert result.rank("da-nang") == 1 and result.rank("quang-ninh") == 2


def test_quang_ninh_pillars(result) -> None:  # type: ignore[no-untyped-def]
    assert round(result.score("quang-ninh", "chinh_quyen_so"), 4) == 0.7804
    assert round(result.score("quang-ninh", "kinh_te_so"), 4) == 0.7187
    assert round(result.score("quang-ninh", "xa_hoi_so"), 4) == 0.6864
