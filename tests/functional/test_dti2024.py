"""DTI 2024 under QĐ 405/QĐ-BKHCN, at main-index level, ranking the 34 provinces of 1/7/2025.

The published figures are totals, and for a merged province the mean of its former provinces'
main indices (../shared/reference/dti-2024.md §2). Data of former provinces is built here from
profiles that differ by index, so that a merged total comes from merging the main indices, not
from averaging totals by accident.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ictscore.cli.main import main
from ictscore.engine.compute import Engine
from ictscore.formats.criteria import Aggregate, load_criteria
from ictscore.formats.dataset import Dataset, Entity
from ictscore.formats.lineage import ranked_dataset

from ..conftest import CRITERIA

DTI2024 = CRITERIA / "vn-dti-2024-province.toml"
MAIN = (
    "nhan_thuc_so",
    "the_che_so",
    "ha_tang_so",
    "nhan_luc_so",
    "an_toan_thong_tin",
    "hoat_dong_chinh_quyen_so",
    "hoat_dong_kinh_te_so",
    "hoat_dong_xa_hoi_so",
)
POINTS = (100, 100, 100, 100, 100, 200, 150, 150)


def profile(total: float, shift: float) -> dict[str, float]:
    """Main indices whose points-weighted total is `total`: foundation up, activity down."""
    up = [total + shift] * 5
    down = [total - shift] * 3  # 500 · shift up = (200 + 150 + 150) · shift down
    return dict(zip(MAIN, up + down, strict=True))


def former(rows: dict[str, dict[str, float]]) -> Dataset:
    return Dataset(tuple(Entity(k, k, v, source="test") for k, v in rows.items()))


def test_the_framework_is_qd405_at_main_index_level() -> None:
    crit = load_criteria(DTI2024)
    fw = crit.framework
    assert fw.root == "dti" and fw.merge == "mean"
    assert fw.entity_list == "entities/vn-provinces-2025.toml"
    assert [i.id for i in crit.indicators()] == list(MAIN)
    assert all(i.range == (0, 1) for i in crit.indicators())
    assert "do_thi_thong_minh" not in crit.nodes  # dropped by QĐ 405
    assert sorted(a.id for a in crit.aggregates()) == [
        "chinh_quyen_so",
        "dti",
        "kinh_te_so",
        "xa_hoi_so",
    ]
    dti = crit.nodes["dti"]
    assert isinstance(dti, Aggregate)
    assert [(c.node, c.points) for c in dti.children] == list(zip(MAIN, POINTS, strict=True))
    assert fw.assumptions and "QĐ 922" in fw.assumptions[0].text_vi
    assert "ASSUMPTION" in DTI2024.read_text(encoding="utf-8")
    assert any("405/QĐ-BKHCN" in s.title for s in fw.sources)


def test_new_da_nang_is_the_mean_of_its_former_provinces_as_published() -> None:
    crit = load_criteria(DTI2024)
    data = former(
        {
            "da-nang": profile(0.8335, 0.10),
            "quang-nam": profile(0.5803, 0.03),
            "ha-noi": profile(0.8241, 0.05),
            "thua-thien-hue": profile(0.7951, 0.02),
        }
    )
    ranked = ranked_dataset(data, crit)
    assert ranked.ids() == ["da-nang", "ha-noi", "thua-thien-hue"]
    assert ranked.get("da-nang").formed_from == ("da-nang", "quang-nam")
    # the main indices are averaged, index by index
    assert ranked.get("da-nang").values["nhan_thuc_so"] == pytest.approx((0.9335 + 0.6103) / 2)
    result = Engine(crit).compute(ranked)
    assert round(result.score("da-nang") or 0, 4) == 0.7069
    assert round(result.score("ha-noi") or 0, 4) == 0.8241
    assert round(result.score("thua-thien-hue") or 0, 4) == 0.7951
    # and the former provinces' own totals, from the same data
    former_result = Engine(crit).compute(data)
    assert round(former_result.score("da-nang") or 0, 4) == 0.8335
    assert round(former_result.score("quang-nam") or 0, 4) == 0.5803


def test_a_merged_total_is_the_mean_of_the_totals_whatever_the_points() -> None:
    """Linear in the main indices: whatever the points, a merged total is the mean of totals."""
    crit = load_criteria(DTI2024)
    data = former(
        {
            "ho-chi-minh": profile(0.8420, 0.12),
            "binh-duong": profile(0.7600, -0.04),
            "ba-ria-vung-tau": profile(0.7290, 0.07),
        }
    )
    result = Engine(crit).compute(ranked_dataset(data, crit))
    assert result.score("ho-chi-minh") == pytest.approx((0.8420 + 0.7600 + 0.7290) / 3)
    assert round(result.score("ho-chi-minh") or 0, 4) == 0.7770
    # a pillar is not a published figure and does depend on the profile
    assert result.score("ho-chi-minh", "chinh_quyen_so") != pytest.approx(0.7770, abs=1e-3)


def scenario(tmp_path: Path) -> Path:
    rows = {
        "da-nang": profile(0.8335, 0.1),
        "quang-nam": profile(0.5803, 0.0),
        "ha-noi": profile(0.8241, 0.0),
    }
    lines = ["id,name," + ",".join(MAIN) + ",source"]
    for k, v in rows.items():
        lines.append(f"{k},{k}," + ",".join(f"{v[m]:.4f}" for m in MAIN) + ",test")
    (tmp_path / "data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "s.toml").write_text(
        f'criteria = "{DTI2024.as_posix()}"\ndata = "data.csv"\nfocus = "da-nang"\n',
        encoding="utf-8",
    )
    return tmp_path / "s.toml"


def test_compute_shows_the_assumption_and_the_merger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = scenario(tmp_path)
    assert main(["compute", str(path)]) == 0
    out = capsys.readouterr().out
    assert "- Giả định: Điểm tối đa của 8 chỉ số chính" in out
    assert "- TP. Đà Nẵng được hình thành từ: TP. Đà Nẵng (cũ), Quảng Nam." in out
    assert "0,7069" in out
    assert main(["compute", str(path), "--lang", "en", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["notes"][0].startswith("Assumption: The maximum points of QĐ 405")
    dn = next(e for e in data["entities"] if e["id"] == "da-nang")
    assert dn["formed_from"] == ["da-nang", "quang-nam"]
    assert round(dn["score"], 4) == 0.7069


def test_the_63_from_the_same_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = scenario(tmp_path)
    (tmp_path / "s.toml").write_text(
        path.read_text(encoding="utf-8").replace('"da-nang"', '"quang-nam"'), encoding="utf-8"
    )
    old = CRITERIA / "entities" / "vn-provinces.toml"
    assert main(["compute", str(path), "--entities", str(old), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(e["id"], round(e["score"], 4)) for e in data["entities"]] == [
        ("da-nang", 0.8335),
        ("ha-noi", 0.8241),
        ("quang-nam", 0.5803),
    ]
    assert data["notes"][0].startswith("Giả định")  # the assumption holds for the 63 too
