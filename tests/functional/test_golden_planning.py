"""Golden CLI outputs of `seek` and `plan` on the default scenario (`pytest --update-golden`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ictscore.cli.main import main

from ..conftest import SCENARIOS

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
SCENARIO = str(SCENARIOS / "bac-giang-so-noi-vu-2021.toml")

CASES = {
    "plan.json": ["plan", SCENARIO, "--budget", "1500000000", "--draws", "0", "-f", "json"],
    "plan-target.json": [
        "plan",
        SCENARIO,
        "--budget",
        "1.500.000.000",
        "--target-rank",
        "5",
        "--draws",
        "0",
        "-f",
        "json",
    ],
    "plan-en.txt": ["plan", SCENARIO, "--draws", "0", "--lang", "en"],
    "plan.md": ["plan", SCENARIO, "--draws", "0", "-f", "markdown"],
    "plan.csv": ["plan", SCENARIO, "--draws", "0", "-f", "csv"],
    "seek-gain.json": ["seek", SCENARIO, "--gain", "1", "-f", "json"],
    "seek-rank1.json": ["seek", SCENARIO, "--rank", "1", "-f", "json"],
    "seek-overtake.json": ["seek", SCENARIO, "--overtake", "so-tai-chinh", "-f", "json"],
    "seek-node.txt": [
        "seek",
        SCENARIO,
        "--rank",
        "8",
        "--node",
        "ht_bang_thong",
        "--node",
        "at_danh_gia_doc_lap",
    ],
    "seek-combination.json": [
        "seek",
        SCENARIO,
        "--rank",
        "5",
        "--cost",
        "ht_bang_thong=2000000",
        "--cost",
        "hd_ty_le_nop_truc_tuyen=5e6",
        "--cost",
        "at_danh_gia_doc_lap=120_000_000",
        "-f",
        "json",
    ],
    "seek-combination-en.txt": [
        "seek",
        SCENARIO,
        "--gain",
        "4",
        "--cost",
        "ht_bang_thong=2000000",
        "--cost",
        "ht_may_tinh_dat_chuan=9000000",
        "--cost",
        "at_danh_gia_doc_lap=120000000",
        "--cost",
        "hd_ty_le_nop_truc_tuyen=5e6",
        "--lang",
        "en",
    ],
    "seek-baseline.csv": ["seek", SCENARIO, "--baseline", "-f", "csv"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, capsys, golden) -> None:  # type: ignore[no-untyped-def]
    assert main(CASES[name]) == 0
    golden(name, capsys.readouterr().out)


def test_json_contract(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(CASES["plan.json"]) == 0
    p = json.loads(capsys.readouterr().out)
    assert isinstance(p["levers"], list) and all(isinstance(x, str) for x in p["levers"])
    assert isinstance(p["cost"], float | int)
    assert set(p["projected"]) >= {"score", "rank"}
    assert main(CASES["seek-rank1.json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["options"] == [] and s["reason"]
    assert main(CASES["seek-gain.json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["options"] and all(set(o) >= {"node", "value", "rank"} for o in s["options"])


def test_monte_carlo_in_plan_output(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["plan", SCENARIO, "--draws", "500", "-f", "json"]) == 0
    mc = json.loads(capsys.readouterr().out)["monte_carlo"]
    assert mc["draws"] == 500 and sum(mc["counts"].values()) == 500
    assert mc["interval_80"][0] <= mc["median"] <= mc["interval_80"][1]
    assert 0.0 <= mc["p_target"] <= 1.0


def test_bad_arguments_exit_2(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["seek", SCENARIO, "--overtake", "nobody"]) == 2
    assert "no entity 'nobody' to overtake" in capsys.readouterr().err
    assert main(["plan", SCENARIO, "--target-rank", "99"]) == 2
    assert "rank 99 is not between 1 and 19" in capsys.readouterr().err
    assert main(["seek", SCENARIO, "--node", "nope"]) == 2
