"""Published results by edition, and `ictscore history`, following the lineage of the lists.

The file is checked against what else the project holds of the same editions: the published
order of 2022 (tests/data/dti-2022-ranks.csv) and the DTI 2024 scenario, which reproduces the
published 2024 ranking of the 34.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from ictscore.cli.main import main
from ictscore.formats.errors import InputError
from ictscore.formats.history import load_history
from ictscore.formats.scenario import load_scenario
from ictscore.planning.history import bundled_lists, check_units, load_unit_history
from ictscore.planning.whatif import WhatIf

from ..conftest import CRITERIA, SCENARIOS

FILE = CRITERIA / "history" / "dti-provinces.csv"
RANKS_2022 = Path(__file__).resolve().parent.parent / "data" / "dti-2022-ranks.csv"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["history", *args])
    out, err = capsys.readouterr()
    return code, out, err


# --- the file ---------------------------------------------------------------------------------


def test_the_bundled_file_loads_and_names_real_units() -> None:
    history = load_history(FILE)
    assert {r.edition for r in history.rows} == {2020, 2021, 2022, 2023, 2024}
    assert history.lists() == {"vn-provinces", "vn-provinces-2025"}
    check_units(history, bundled_lists(CRITERIA))
    assert all(r.source for r in history.rows)
    assert {r.status for r in history.rows} == {"published", "derived"}
    assert all(r.of == (34 if r.list == "vn-provinces-2025" else 63) for r in history.rows)
    assert main(["validate", str(FILE)]) == 0


def test_2022_is_the_published_order() -> None:
    history = load_history(FILE)
    with RANKS_2022.open(encoding="utf-8", newline="") as fh:
        want = {r["id"]: int(r["rank"]) for r in csv.DictReader(fh)}
    got = {r.id: r.rank for r in history.rows if r.edition == 2022}
    assert got == want


def test_2024_of_the_34_is_what_the_scenario_reproduces() -> None:
    history = load_history(FILE)
    base = WhatIf(load_scenario(SCENARIOS / "dti-2024-bac-ninh.toml")).baseline
    rows = [r for r in history.rows if r.edition == 2024 and r.list == "vn-provinces-2025"]
    assert len(rows) == 15
    for r in rows:
        assert base.rank(r.id) == r.rank, r.id
        if r.total is not None:
            assert round(base.score(r.id) or 0, 4) == r.total, r.id


def test_published_pillars_are_carried() -> None:
    rows = {(r.edition, r.id): r for r in load_history(FILE).rows}
    assert dict(rows[(2020, "bac-ninh")].values) == {
        "chinh_quyen_so": 0.4449,
        "kinh_te_so": 0.3668,
        "xa_hoi_so": 0.4052,
    }
    assert rows[(2022, "quang-ninh")].values["chinh_quyen_so"] == 0.7804
    assert rows[(2021, "tra-vinh")].status == "derived"


BAD = """\
# a comment line
edition,list,of,rank,id,name,total,chinh_quyen_so,status,framework,source,note
2023,vn-provinces,63,9,bac-giang,Bắc Giang,,,published,,x,
2023,vn-provinces,63,70,bac-ninh,Bắc Ninh,abc,,official,,x,
2023,vn-provinces,63,9,bac-giang,Bắc Giang,,,published,,x,
2023,vn-provinces,63,1,bac-nin,Bắc Ninh,,,published,,,
"""


def test_a_bad_file_lists_every_cell(tmp_path: Path) -> None:
    path = tmp_path / "dti-provinces.csv"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_history(path)
    msgs = [str(p) for p in exc.value.problems]
    assert f"{path}:4:4 [bac-ninh.rank]: rank 70 is beyond the 63 units ranked" in msgs
    assert f"{path}:4:7 [bac-ninh.total]: 'abc' is not a number ('total')" in msgs
    assert any(":4:9 [bac-ninh.status]: status 'official' is not one of" in m for m in msgs)
    assert any(":5 [bac-giang]: 'bac-giang' appears twice for 2023" in m for m in msgs)
    assert any(":6:11 [bac-nin.source]: 'source' is required" in m for m in msgs)


@pytest.mark.usefixtures("english")
def test_a_unit_no_list_knows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "dti-provinces.csv"
    path.write_text(
        BAD.splitlines()[1] + "\n" + BAD.splitlines()[2].replace("bac-giang", "bac-gian") + "\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(
        r"dti-provinces\.csv:2 \[bac-gian\]: 'bac-gian' is not a unit of vn-provinces "
        r"\(did you mean 'bac-giang'\?\)",
        err,
    ), err


# --- the command ------------------------------------------------------------------------------


def test_new_bac_ninh_shows_both_predecessors_ranks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "bac-ninh")
    assert code == 0, err
    assert "Bắc Ninh được hình thành ngày 1/7/2025 từ: Bắc Ninh (cũ), Bắc Giang." in out
    rows = re.findall(r"^(20\d\d)  (\S.*?)\s{2,}(\d+/\d+)", out, re.M)
    assert rows == [
        ("2020", "Bắc Ninh (cũ)", "3/63"),
        ("2020", "Bắc Giang", "10/63"),
        ("2021", "Bắc Ninh (cũ)", "4/63"),
        ("2021", "Bắc Giang", "10/63"),
        ("2022", "Bắc Ninh (cũ)", "7/63"),
        ("2022", "Bắc Giang", "9/63"),
        ("2023", "Bắc Giang", "9/63"),
    ]
    assert "- Bắc Giang: năm 2023 xếp thứ 9/63, giữ nguyên thứ hạng so với năm 2022." in out
    assert "- Bắc Ninh (cũ): năm 2022 xếp thứ 7/63, giảm 3 bậc so với năm 2021." in out
    assert "- Bắc Ninh: chưa có kết quả công bố." in out


def test_vietnamese_output_has_no_node_id_or_english_word(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "bac-ninh")
    body = "\n".join(ln for ln in out.splitlines() if not ln.startswith("["))  # sources are URLs
    for word in ("chinh_quyen_so", "published", "derived", "rank", "former", "Score", "note"):
        assert word not in body, word
    assert "Chính quyền số" in body and "công bố" in body


def test_by_name_and_a_renamed_unit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "Huế")
    assert code == 0
    assert "TP. Huế" in out and "Thừa Thiên - Huế" in out
    assert re.search(r"^2024  TP\. Huế\s+2/34\s+0,7951", out, re.M)
    assert re.search(r"^2023  Thừa Thiên - Huế\s+3/63\s+▲1", out, re.M)


def test_a_renamed_unit_links_forward_from_its_former_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Thừa Thiên - Huế in the 63 is followed to TP. Huế of the 34, as a merged unit is to what
    it became; said as a new name, not as being part of it."""
    code, out, _ = run(capsys, "thua-thien-hue", "--entities", "vn-provinces")
    assert code == 0
    assert "Từ ngày 1/1/2025, Thừa Thiên - Huế mang tên TP. Huế." in out
    assert "là một phần của" not in out
    assert re.search(r"^2024  TP\. Huế\s+2/34\s+0,7951", out, re.M)
    assert re.search(r"^2024  Thừa Thiên - Huế\s+5/63", out, re.M)
    _, out, _ = run(capsys, "thua-thien-hue", "--entities", "vn-provinces", "--format", "json")
    data = json.loads(out)
    assert data["became"] == "thua-thien-hue"
    successor = [r for r in data["rows"] if r["relation"] == "successor"]
    assert [(r["edition"], r["list"], r["rank"], r["unit"]) for r in successor] == [
        (2024, "vn-provinces-2025", 2, "TP. Huế")
    ]
    _, out, _ = run(capsys, "thua-thien-hue", "--entities", "vn-provinces", "--lang", "en")
    assert "From 1 January 2025, Thua Thien Hue is called Hue." in out


def test_a_renamed_unit_says_its_former_name(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "Huế")
    assert "Trước ngày 1/1/2025, TP. Huế có tên Thừa Thiên - Huế." in out
    _, out, _ = run(capsys, "ha-noi")  # unchanged, and under the same name: nothing to say
    assert "Trước ngày" not in out and "Từ ngày" not in out


def test_compute_ranks_the_renamed_unit_in_either_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`compute --entities` follows the link as `history` does: one row of the 63 is TP. Huế,
    2nd of the 34, or Thừa Thiên - Huế, 5th of the 63, the ranks the results file holds."""
    text = (SCENARIOS / "dti-2024-bac-ninh.toml").read_text("utf-8")
    text = re.sub(r'(?m)^focus = ".*"$', 'focus = "thua-thien-hue"', text)
    text = text.replace('"../criteria/', f'"{CRITERIA.as_posix()}/').replace(
        '"data/', f'"{(SCENARIOS / "data").as_posix()}/'
    )
    scenario = tmp_path / "hue.toml"
    scenario.write_text(text, "utf-8")
    history = {
        (r.list, r.edition): r.rank for r in load_history(FILE).rows if r.id == "thua-thien-hue"
    }
    for name, listed, n in (
        ("TP. Huế", "vn-provinces-2025", 34),
        ("Thừa Thiên - Huế", "vn-provinces", 63),
    ):
        args = ["compute", str(scenario), "--format", "json"]
        assert main([*args, "--entities", str(CRITERIA / "entities" / f"{listed}.toml")]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["focus"]["name"], len(data["entities"])) == (name, n)
        assert data["focus"]["baseline"]["rank"] == history[(listed, 2024)]


def test_a_former_unit_says_what_it_became(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "Bắc Giang", "--lang", "en")
    assert code == 0
    assert "From 1 July 2025, Bac Giang is part of Bac Ninh." in out
    assert "- Bac Giang: ranked 9 of 63 in 2023, unchanged since 2022." in out
    code, out, _ = run(capsys, "bac-ninh", "--entities", "vn-provinces")
    assert "Từ ngày 1/7/2025, Bắc Ninh là một phần của Bắc Ninh (mới)." in out
    assert "Bắc Giang" not in out


def test_an_unchanged_unit_across_the_merger(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "da-nang", "--format", "json")
    data = json.loads(out)
    assert data["formed_from"] == ["da-nang", "quang-nam"]
    rows = {(r["edition"], r["list"], r["id"]): r for r in data["rows"]}
    assert rows[(2024, "vn-provinces-2025", "da-nang")]["rank"] == 17
    assert rows[(2024, "vn-provinces", "da-nang")]["total"] == 0.8335
    assert rows[(2024, "vn-provinces", "quang-nam")]["rank"] == 57
    assert rows[(2024, "vn-provinces", "quang-nam")]["relation"] == "former"
    assert rows[(2023, "vn-provinces", "da-nang")]["unit"] == "TP. Đà Nẵng (cũ)"
    assert rows[(2024, "vn-provinces", "da-nang")]["change"] == -1  # 1st in 2023, 2nd in 2024


def test_csv_and_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "bac-giang", "--format", "csv")
    rows = list(csv.DictReader(out.splitlines()))
    assert [(r["edition"], r["rank"], r["change"]) for r in rows] == [
        ("2020", "10", ""),
        ("2021", "10", "0"),
        ("2022", "9", "1"),
        ("2023", "9", "0"),
    ]
    _, out, _ = run(capsys, "bac-ninh", "--format", "markdown")
    assert out.startswith("# Lịch sử xếp hạng DTI — Bắc Ninh")
    assert "| 2022 | Bắc Ninh (cũ) | 7/63 | ▼3 |" in out


def test_written_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "ls.md"
    code, out, err = run(capsys, "bac-ninh", "-f", "markdown", "-o", str(target))
    assert code == 0 and out == "" and "đã ghi" in err  # Vietnamese, the default
    assert "Bắc Giang" in target.read_text(encoding="utf-8")


HISTORY = re.escape(str(FILE))
FOLDER = re.escape(str(CRITERIA / "history"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["bac-nihn"],
            rf"^error: {HISTORY} \[ENTITY\]: 'bac-nihn' is not a known entity "
            r"\(closest: 'Bắc Ninh', id 'bac-ninh'.*"
            r"\(looked in vn-provinces-2025\.toml, vn-provinces\.toml\)$",
        ),
        (
            ["bac-ninh", "--family", "ict"],
            rf"^error: {FOLDER} \[--family\]: no results file for family 'ict' \(known: dti\)$",
        ),
        (
            ["bac-ninh", "--entities", "nowhere"],
            rf"^error: {HISTORY} \[--entities\]: no list 'nowhere' in this file "
            r"\(it has: vn-provinces, vn-provinces-2025\)$",
        ),
    ],
)
@pytest.mark.usefixtures("english")
def test_bad_requests_name_the_file_and_the_argument(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    """As a scenario's refusal names the file and `--node`: the file read, the argument to fix."""
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert re.search(message, err.strip()), err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["nowhere"],
            f"lỗi: {FILE} [ENTITY]: 'nowhere' không phải một đơn vị đã biết "
            "(đã tìm trong vn-provinces-2025.toml, vn-provinces.toml)",
        ),
        (
            ["bac-ninh", "--family", "ict"],
            f"lỗi: {CRITERIA / 'history'} [--family]: không có tệp kết quả cho bộ chỉ số 'ict' "
            "(hiện có: dti)",
        ),
        (
            ["bac-ninh", "--entities", "nowhere"],
            f"lỗi: {FILE} [--entities]: tệp này không có danh sách 'nowhere' "
            "(tệp có: vn-provinces, vn-provinces-2025)",
        ),
    ],
)
def test_bad_requests_are_said_in_vietnamese_by_default(
    capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert err.strip() == said
    assert "history:" not in err


def test_history_of_another_root(tmp_path: Path) -> None:
    """Any folder laid out like criteria/: its own lists and results."""
    (tmp_path / "entities").mkdir()
    (tmp_path / "history").mkdir()
    (tmp_path / "entities" / "so.toml").write_text(
        '[list]\nid = "so"\n\n[[entity]]\nid = "so-a"\nname = "Sở A"\n', encoding="utf-8"
    )
    (tmp_path / "history" / "dti-so.csv").write_text(
        "edition,list,of,rank,id,name,total,status,framework,source,note\n"
        "2022,so,17,12,so-a,Sở A,0.61,published,,QĐ 1/QĐ-UBND,\n"
        "2023,so,17,9,so-a,Sở A,0.70,published,,QĐ 2/QĐ-UBND,\n",
        encoding="utf-8",
    )
    uh = load_unit_history(tmp_path, "Sở A")
    assert [(st.edition, st.rank, st.change) for st in uh.standings()] == [
        (2022, 12, None),
        (2023, 9, 3),
    ]
