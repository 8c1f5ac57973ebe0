"""The bundled DTI 2024 scenario: the new Bắc Ninh among the 34, from data of the 63.

Published figures (../shared/reference/history/dti-provinces.csv, 2024 rows) are written out
here, not read from the generator, so that a change of the data or of the script that breaks a
published figure fails here.
"""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from ictscore.cli.cmd_open import scenario_from_args
from ictscore.cli.main import build_parser, main
from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.names import load_entity_list
from ictscore.formats.scenario import Scenario, load_scenario
from ictscore.planning.whatif import WhatIf
from ictscore.resources import bundled_scenario

from ..conftest import CRITERIA, ROOT, SCENARIOS

PATH = SCENARIOS / "dti-2024-bac-ninh.toml"
DATA = SCENARIOS / "data" / "dti-2024-provinces-63.csv"
OLD_LIST = CRITERIA / "entities" / "vn-provinces.toml"

PUBLISHED_34 = {  # id: (rank, value or None)
    "ha-noi": (1, 0.8241),
    "thua-thien-hue": (2, 0.7951),
    "hai-phong": (3, 0.7857),
    "ho-chi-minh": (4, 0.7770),
    "thanh-hoa": (5, None),
    "dien-bien": (6, None),
    "ha-tinh": (7, None),
    "thai-nguyen": (8, None),
    "lao-cai": (14, 0.7167),
    "khanh-hoa": (16, 0.7071),
    "da-nang": (17, 0.7069),
    "gia-lai": (31, None),
    "cao-bang": (34, None),
}
BOTTOM_THREE = {"cao-bang", "quang-tri", "hung-yen"}
PUBLISHED_63 = {
    "ho-chi-minh": (1, None),
    "da-nang": (2, 0.8335),
    "quang-nam": (57, 0.5803),
}
INFERRED_63 = {"hai-phong": 3, "ha-noi": 4, "thua-thien-hue": 5}


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(PATH)


@pytest.fixture(scope="module")
def baseline(scenario: Scenario) -> Result:
    return WhatIf(scenario).baseline


def raw_rows() -> dict[str, dict[str, str]]:
    lines = [ln for ln in DATA.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return {r["id"]: r for r in csv.DictReader(lines)}


def test_the_data_gives_the_63_and_the_scenario_ranks_the_34(scenario: Scenario) -> None:
    assert sorted(raw_rows()) == sorted(load_entity_list(OLD_LIST).ids())
    assert len(scenario.dataset.ids()) == 34
    assert scenario.focus == "bac-ninh"
    assert scenario.dataset.get("bac-ninh").formed_from == ("bac-ninh", "bac-giang")


def test_each_new_province_is_the_mean_of_exactly_its_former_provinces(
    scenario: Scenario,
) -> None:
    raw = raw_rows()
    new = load_entity_list(CRITERIA / "entities" / "vn-provinces-2025.toml")
    for e in scenario.dataset.entities:
        formers = new.formed_from(e.id)
        assert e.formed_from == (formers if new.merged(e.id) else ())
        for node, value in e.values.items():
            want = math.fsum(float(raw[f][node]) for f in formers) / len(formers)
            assert value == pytest.approx(want, abs=1e-12), (e.id, node)


def test_every_published_figure_and_rank_of_the_34(baseline: Result) -> None:
    for eid, (rank, value) in PUBLISHED_34.items():
        assert baseline.rank(eid) == rank, eid
        if value is not None:
            assert round(baseline.score(eid) or 0, 4) == value, eid
    bottom = set(baseline.order()[-3:])
    assert bottom == BOTTOM_THREE
    assert all(0.5 <= (baseline.score(e) or 0) < 0.6 for e in bottom)  # "khoảng 0,5 đến gần 0,6"
    assert baseline.rank("bac-ninh") > 8  # not in the published top 8


def test_every_published_figure_and_rank_of_the_63(scenario: Scenario) -> None:
    former = load_scenario(PATH, OLD_LIST)
    result = Engine(former.criteria).compute(former.dataset)
    assert len(result.entity_ids) == 63
    for eid, (rank, value) in PUBLISHED_63.items():
        assert result.rank(eid) == rank, eid
        if value is not None:
            assert round(result.score(eid) or 0, 4) == value, eid
    for eid, rank in INFERRED_63.items():
        assert result.rank(eid) == rank, eid
    # an unchanged province scores the same in both rankings
    assert result.score("ha-noi") == pytest.approx(0.8241)


def test_rows_say_what_is_published_and_what_is_illustrative(scenario: Scenario) -> None:
    raw = raw_rows()
    published = {k for k, r in raw.items() if r["source"].startswith("công bố")}
    assert published == {"da-nang", "quang-nam", "ha-noi", "thua-thien-hue"}
    assert all("minh họa" in r["source"] for r in raw.values())  # main indices, everywhere
    # a merged unit carries its predecessors' marks
    assert "minh họa" in scenario.dataset.get("bac-ninh").source
    assert DATA.read_text(encoding="utf-8").startswith("# ")


def test_the_generator_reproduces_the_data_file() -> None:
    script = ROOT / "scripts" / "make_dti2024_illustrative.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_compute_json_of_the_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", str(PATH), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["entities"]) == 34
    merged = [e for e in out["entities"] if "formed_from" in e]
    assert len(merged) == 23
    by_id = {e["id"]: e for e in out["entities"]}
    assert by_id["da-nang"]["formed_from"] == ["da-nang", "quang-nam"]
    assert round(by_id["da-nang"]["score"], 4) == 0.7069
    assert by_id["ho-chi-minh"]["formed_from"] == ["ho-chi-minh", "binh-duong", "ba-ria-vung-tau"]
    assert "formed_from" not in by_id["ha-noi"]
    assert out["focus"]["baseline"]["rank"] > out["focus"]["scenario"]["rank"]


def test_vietnamese_table_shows_no_node_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", str(PATH)]) == 0
    out = capsys.readouterr().out
    crit = load_scenario(PATH).criteria
    for nid in crit.nodes:
        assert nid not in out, nid
    assert "TP. Huế" in out and "Thừa Thiên" not in out  # the 34 under their own names


def test_opens_by_name_from_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert bundled_scenario("dti-2024-bac-ninh") == PATH
    assert bundled_scenario("scenarios/dti-2024-bac-ninh.toml") == PATH
    args = build_parser(["open"]).parse_args(["open", "dti-2024-bac-ninh"])
    assert scenario_from_args(args).path == PATH


@pytest.mark.parametrize("command", ["compute", "export", "next", "plan", "report", "seek"])
def test_every_command_that_reads_a_scenario_takes_a_bundled_name(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `open` takes, every reader takes; `change` edits its file and keeps to paths."""
    monkeypatch.chdir(tmp_path)
    more = ["-o", "out.md"] if command == "export" else []
    args = build_parser([command]).parse_args([command, "dti-2024-bac-ninh", *more])
    assert args.scenario == PATH
    args = build_parser(["compare"]).parse_args(
        ["compare", "dti-2024-bac-ninh", "dti-2022-bac-giang"]
    )
    assert args.scenarios == [PATH, PATH.with_name("dti-2022-bac-giang.toml")]
    args = build_parser(["change"]).parse_args(
        ["change", "dti-2024-bac-ninh", "--node", "x", "--value", "1"]
    )
    assert args.scenario == Path("dti-2024-bac-ninh")


def test_compute_by_name_prints_what_compute_of_the_file_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compute", str(PATH), "--format", "json"]) == 0
    by_path = capsys.readouterr().out
    monkeypatch.chdir(tmp_path)
    assert main(["compute", "dti-2024-bac-ninh", "--format", "json"]) == 0
    assert capsys.readouterr().out == by_path
    assert main(["compute", "no-such-scenario"]) == 2
    assert "no-such-scenario" in capsys.readouterr().err


@pytest.mark.slow  # the planner driven by the Pilot
async def test_opens_in_the_planner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ictscore.planning.session import Session
    from ictscore.tui.app import IctscoreApp

    monkeypatch.setenv("ICTSCORE_JOURNAL_DIR", str(tmp_path))
    app = IctscoreApp(Session.open(load_scenario(PATH)), lang="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.session.focus == "bac-ninh"
        assert app.session.result.rank("bac-ninh") == 5
        await pilot.press("ctrl+z", "ctrl+z")  # back to the baseline
        await pilot.pause()
        assert app.session.result.rank("bac-ninh") == 10
