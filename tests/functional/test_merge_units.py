"""Computing across a merger: a list of new units ranked from data of the units they replaced.

A small department framework written here (departments merged in 2025 too), so that each rule
of formats.lineage is seen on numbers one can check by hand: a new unit under a new id, one that
keeps a predecessor's id, one unchanged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ictscore.cli.main import main
from ictscore.formats.criteria import load_criteria
from ictscore.formats.dataset import Dataset, load_dataset
from ictscore.formats.errors import InputError
from ictscore.formats.lineage import merge_into, ranked_dataset
from ictscore.formats.names import load_entity_list
from ictscore.formats.scenario import load_scenario
from ictscore.formats.scenario_toml import save_scenario
from ictscore.planning.whatif import WhatIf

CRITERIA = """\
[framework]
id = "so-test"
name_vi = "Chỉ số sở"
name_en = "Department index"
edition = "2025"
entities = "departments"
publisher = "tests"
root = "tong"
missing = "error"
entity_list = "new.toml"
merge = "mean"

[[indicator]]
id = "nhan_thuc"
name_vi = "Nhận thức số"
name_en = "Awareness"
range = [0, 1]
rule = { type = "direct" }

[[indicator]]
id = "truc_tuyen"
name_vi = "Tỷ lệ hồ sơ trực tuyến"
name_en = "Online share"
range = [0, 100]
rule = { type = "ratio", points = 1, target = 100 }

[[aggregate]]
id = "tong"
name_vi = "Tổng"
name_en = "Total"
method = "weighted_mean"
children = [{ node = "nhan_thuc", weight = 1 }, { node = "truc_tuyen", weight = 3 }]
"""

FORMER_DATA = """\
id,name,nhan_thuc,truc_tuyen,source
so-a,Sở A,0.2,10,minh họa
so-b,Sở B,0.6,50,minh họa
so-c,Sở C,1.0,90,minh họa
so-d,Sở D,0.4,20,minh họa
so-e,Sở E,0.5,40,minh họa
"""

SCENARIO = """\
name = "thử"
criteria = "criteria.toml"
data = "data.csv"
focus = "so-ab"

[[change]]
node = "truc_tuyen"
value = 60
"""


@pytest.fixture
def folder(unit_lists: Path) -> Path:
    """The lists of conftest.py, with a framework, data of the former units and a scenario."""
    for name, text in {
        "criteria.toml": CRITERIA,
        "data.csv": FORMER_DATA,
        "scenario.toml": SCENARIO,
    }.items():
        (unit_lists.parent / name).write_text(text, encoding="utf-8")
    return unit_lists.parent


def ranked(folder: Path, data: str | None = None, entities: Path | None = None) -> Dataset:
    if data is not None:
        (folder / "data.csv").write_text(data, encoding="utf-8")
    crit = load_criteria(folder / "criteria.toml")
    return ranked_dataset(load_dataset(folder / "data.csv", crit), crit, entities)


def errors(folder: Path, data: str) -> list[str]:
    with pytest.raises(InputError) as exc:
        ranked(folder, data)
    return [str(p) for p in exc.value.problems]


def test_each_new_unit_is_the_mean_of_exactly_its_predecessors(folder: Path) -> None:
    ds = ranked(folder)
    assert ds.ids() == ["so-ab", "so-c", "so-e"]
    ab, c, e = ds.entities
    assert dict(ab.values) == pytest.approx({"nhan_thuc": 0.4, "truc_tuyen": 30.0})
    assert dict(c.values) == pytest.approx({"nhan_thuc": 0.7, "truc_tuyen": 55.0})
    assert dict(e.values) == {"nhan_thuc": 0.5, "truc_tuyen": 40.0}
    assert (ab.formed_from, c.formed_from, e.formed_from) == (
        ("so-a", "so-b"),
        ("so-c", "so-d"),
        (),
    )
    assert ab.name == "Sở AB" and c.name == "Sở C (mới)"
    assert ds.former["so-d"].name == "Sở D"
    assert ab.source == "trung bình cộng của: Sở A — minh họa; Sở B — minh họa"


def test_then_scored_as_usual(folder: Path) -> None:
    sc = load_scenario(folder / "scenario.toml")
    base = WhatIf(sc).project().baseline
    # weighted mean: (0.4·1 + 0.30·3) / 4 for so-ab; (0.7 + 0.55·3) / 4 for so-c
    assert base.score("so-ab") == pytest.approx((0.4 + 0.9) / 4)
    assert base.score("so-c") == pytest.approx((0.7 + 1.65) / 4)
    assert [base.rank(e) for e in ("so-c", "so-e", "so-ab")] == [1, 2, 3]


def test_the_sum_rule(folder: Path) -> None:
    text = CRITERIA.replace('merge = "mean"', 'merge = "sum"')
    (folder / "criteria.toml").write_text(text, encoding="utf-8")
    ab = ranked(folder, FORMER_DATA.replace("so-c,Sở C,1.0,90", "so-c,Sở C,0.5,70")).entities[0]
    assert dict(ab.values) == pytest.approx({"nhan_thuc": 0.8, "truc_tuyen": 60.0})
    assert ab.source.startswith("tổng của:")


def test_a_sum_beyond_the_range_is_refused(folder: Path) -> None:
    (folder / "criteria.toml").write_text(
        CRITERIA.replace('merge = "mean"', 'merge = "sum"'), encoding="utf-8"
    )
    msgs = errors(folder, FORMER_DATA.replace("so-c,Sở C,1.0", "so-c,Sở C,0.9"))
    assert any(
        "data.csv:4 [so-c.nhan_thuc]: 'so-c', the sum of so-c, so-d: 1.3 is outside" in m
        for m in msgs
    )


def test_compute_json_carries_formed_from(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", str(folder / "scenario.toml"), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    by_id = {e["id"]: e for e in out["entities"]}
    assert by_id["so-ab"]["formed_from"] == ["so-a", "so-b"]
    assert by_id["so-c"]["formed_from"] == ["so-c", "so-d"]
    assert "formed_from" not in by_id["so-e"]
    assert any("2/3" in n and "trung bình cộng" in n for n in out["notes"])


def test_compute_table_notes_say_how_in_vietnamese_and_english(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compute", str(folder / "scenario.toml")]) == 0
    out = capsys.readouterr().out
    assert "Ghi chú" in out
    assert "- Sở AB được hình thành từ: Sở A, Sở B." in out
    assert main(["compute", str(folder / "scenario.toml"), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "2 of 3 units were formed by a merger" in out and "mean" in out


def test_the_same_data_ranks_the_former_units(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "scenario.toml").write_text(SCENARIO.replace("so-ab", "so-a"), encoding="utf-8")
    args = ["compute", str(folder / "scenario.toml"), "--entities", str(folder / "old.toml")]
    assert main([*args, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert sorted(e["id"] for e in out["entities"]) == ["so-a", "so-b", "so-c", "so-d", "so-e"]
    assert all("formed_from" not in e for e in out["entities"])
    assert "notes" not in out


def test_a_scenario_key_chooses_the_list(folder: Path) -> None:
    text = SCENARIO.replace("so-ab", "so-d").replace(
        'data = "data.csv"', 'data = "data.csv"\nentities = "old.toml"'
    )
    (folder / "scenario.toml").write_text(text, encoding="utf-8")
    sc = load_scenario(folder / "scenario.toml")
    assert len(sc.dataset.ids()) == 5
    # saved elsewhere, the key still names the same list
    sub = folder / "elsewhere"
    sub.mkdir()
    save_scenario(sc, sc.file, sub / "copy.toml")
    assert 'entities = "../old.toml"' in (sub / "copy.toml").read_text(encoding="utf-8")
    assert len(load_scenario(sub / "copy.toml").dataset.ids()) == 5


def test_a_missing_entities_file_is_reported_at_its_key(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SCENARIO.replace('data = "data.csv"', 'data = "data.csv"\nentities = "gone.toml"')
    (folder / "scenario.toml").write_text(text, encoding="utf-8")
    assert main(["compute", str(folder / "scenario.toml")]) == 2
    err = capsys.readouterr().err
    assert re.search(r"scenario\.toml:4 \[entities\]: entities file not found: gone\.toml", err)


def test_data_of_the_new_units_is_read_as_it_is(folder: Path) -> None:
    data = "id,nhan_thuc,truc_tuyen,source\nso-ab,0.3,30,x\nso-c,0.9,80,x\nso-e,0.5,40,x\n"
    ds = ranked(folder, data)
    assert [e.formed_from for e in ds.entities] == [(), (), ()]
    assert ds.get("so-c").values["nhan_thuc"] == 0.9


@pytest.mark.usefixtures("english")
def test_a_unit_given_directly_and_through_its_predecessors(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "data.csv").write_text(FORMER_DATA + "so-ab,Sở AB,0.5,50,x\n", encoding="utf-8")
    assert main(["compute", str(folder / "scenario.toml")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert re.match(
        r"error: \S*data\.csv:7 \[so-ab\]: 'so-ab' \(Sở AB\) is given directly, row 'so-ab' "
        r"\(line 7\), and through the units it was formed from, row 'so-a' \(line 2\), "
        r"'so-b' \(line 3\)",
        lines[0],
    ), lines[0]


def test_a_predecessor_missing_from_the_data(folder: Path) -> None:
    data = "\n".join(ln for ln in FORMER_DATA.splitlines() if not ln.startswith("so-d")) + "\n"
    msgs = errors(folder, data)
    assert msgs == [
        f"{folder / 'data.csv'}:4 [so-c]: 'so-c' (Sở C (mới)) was formed from so-c, so-d; "
        "the data gives 'so-c' (line 4) but not so-d"
    ]


def test_a_row_of_no_unit(folder: Path) -> None:
    msgs = errors(folder, FORMER_DATA + "so-x,Sở X,0.1,1,x\n")
    assert any(
        "[so-x]: row 'so-x' is neither a unit of new.toml nor one they were formed from" in m
        for m in msgs
    )


def test_an_explicit_list_without_mergers_must_hold_every_row(folder: Path) -> None:
    data = FORMER_DATA + "so-x,Sở X,0.1,1,x\n"
    with pytest.raises(InputError, match=r"row 'so-x' is not a unit of old\.toml"):
        ranked(folder, data, folder / "old.toml")


def test_a_value_only_some_predecessors_give(folder: Path) -> None:
    msgs = errors(folder, FORMER_DATA.replace("so-b,Sở B,0.6,50", "so-b,Sở B,0.6,"))
    assert any(
        "[so-b.truc_tuyen]: 'so-ab' is the mean of so-a, so-b at 'truc_tuyen', "
        "but so-b gives no value there" in m
        for m in msgs
    )


def test_no_merge_rule(folder: Path) -> None:
    (folder / "criteria.toml").write_text(
        CRITERIA.replace('merge = "mean"\n', ""), encoding="utf-8"
    )
    msgs = errors(folder, FORMER_DATA)
    assert any("so-test has no merge rule" in m for m in msgs)


def test_categories_have_no_mean(folder: Path) -> None:
    crit_text = CRITERIA.replace(
        'rule = { type = "direct" }',
        'rule = { type = "category", points = 1, categories = [{ key = "co", label_vi = "Có", '
        'label_en = "Yes", fraction = 1 }, { key = "khong", label_vi = "Không", '
        'label_en = "No", fraction = 0 }] }',
    ).replace("range = [0, 1]\n", "")
    (folder / "criteria.toml").write_text(crit_text, encoding="utf-8")
    data = FORMER_DATA.replace("0.2,", "co,").replace("0.6,", "khong,").replace("1.0,", "co,")
    data = data.replace("0.4,", "co,").replace("0.5,", "co,")
    msgs = errors(folder, data)
    assert any(
        "'nhan_thuc' takes category values: there is no mean of so-a, so-b" in m for m in msgs
    )


def test_merge_into_is_generic(folder: Path) -> None:
    crit = load_criteria(folder / "criteria.toml")
    ds = merge_into(
        load_dataset(folder / "data.csv", crit), crit, load_entity_list(folder / "new.toml")
    )
    assert len(ds.entities) == 3


def test_validate_checks_data_against_the_units_ranked(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "data.csv").write_text(FORMER_DATA + "so-ab,Sở AB,0.5,50,x\n", encoding="utf-8")
    crit = str(folder / "criteria.toml")
    assert main(["validate", "--criteria", crit, str(folder / "data.csv")]) == 2
    assert "is given directly" in capsys.readouterr().err
