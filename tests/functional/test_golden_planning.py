"""Golden CLI outputs of `seek` and `plan` on the default scenario (`pytest --update-golden`)."""

from __future__ import annotations

import json
import tomllib
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


CHOSEN = {
    "ht_danh_gia_cchc_hai_long": 1,
    "pm_luu_tru_lich_su": 1,
    "thay_may_tinh": 4,
    "danh_gia_attt_doc_lap": 1,
    "chien_dich_nop_truc_tuyen": 2,
}
"""The optimiser's choice within 1.5 billion (see tests/unit/test_planning.py)."""


def _by_hand(units: dict[str, int]) -> tuple[float, dict[str, float]]:
    """The cost of `units` and the focus entity's values after them, from the TOML files alone:
    the data, the edit log's one change (30 % online), then each lever's set and add."""
    sc = tomllib.loads(Path(SCENARIO).read_text(encoding="utf-8"))
    data = tomllib.loads((Path(SCENARIO).parent / sc["data"]).read_text(encoding="utf-8"))
    row = next(e for e in data["entity"] if e["id"] == sc["focus"])
    now = {k: float(v) for k, v in row["values"].items() if isinstance(v, int | float)}
    assert [(c["node"], c["value"]) for c in sc["change"]] == [("hd_ty_le_nop_truc_tuyen", 30)]
    now["hd_ty_le_nop_truc_tuyen"] = 30.0
    levers = {lv["id"]: lv for lv in sc["lever"]}
    cost = 0.0
    after = dict(now)
    for lid, u in units.items():
        lv = levers[lid]
        cost += lv["unit_cost"] * u if lv.get("divisible") else lv["cost"]
        for e in lv["effect"]:
            if "set" in e:
                after[e["node"]] = max(after[e["node"]], float(e["set"]))
            else:
                after[e["node"]] += e["add"] * u
    return cost, {k: v for k, v in after.items() if v != now[k]}


def test_json_contract(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(CASES["plan.json"]) == 0
    p = json.loads(capsys.readouterr().out)
    cost, values = _by_hand(CHOSEN)
    assert cost == 1_460_000_000  # 500 + 400 + 4 × 90 + 120 + 2 × 40 million
    assert p["levers"] == list(CHOSEN) and p["units"] == CHOSEN
    assert p["cost"] == cost
    assert p["values"] == values
    assert values["hd_phan_mem_chuyen_nganh"] == 5.0  # 3 + 1 + 1: two levers add to it
    assert p["start"] == {"score": 711.0, "rank": 10}  # the what-if of compute
    assert p["projected"] == {"score": 805.0, "rank": 4}
    assert (p["budget"], p["target_rank"], p["reached"]) == (1.5e9, 5, True)
    assert main(CASES["seek-rank1.json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["options"] == []
    assert s["reason"] == {"code": "no_single_node_reaches"}
    assert main(CASES["seek-gain.json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert (s["start"]["rank"], s["target_rank"]) == (10, 9)
    assert s["options"], "one place up is within reach of a single indicator"
    assert all(set(o) >= {"node", "value", "rank"} and o["rank"] <= 9 for o in s["options"])
    assert {"node": "at_danh_gia_doc_lap", "value": 1.0, "rank": 8}.items() <= next(
        o for o in s["options"] if o["node"] == "at_danh_gia_doc_lap"
    ).items()


def test_monte_carlo_in_plan_output(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["plan", SCENARIO, "--draws", "500", "-f", "json"]) == 0
    mc = json.loads(capsys.readouterr().out)["monte_carlo"]
    assert mc["draws"] == 500 and sum(mc["counts"].values()) == 500
    assert mc["interval_80"][0] <= mc["median"] <= mc["interval_80"][1]
    assert mc["target_rank"] == 5  # the scenario's target
    counts = {int(r): c for r, c in mc["counts"].items()}
    assert mc["p_target"] == pytest.approx(sum(c for r, c in counts.items() if r <= 5) / 500)


@pytest.mark.usefixtures("english")
def test_bad_arguments_exit_2(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["seek", SCENARIO, "--overtake", "nobody"]) == 2
    assert "no entity 'nobody' to overtake" in capsys.readouterr().err
    assert main(["plan", SCENARIO, "--target-rank", "99"]) == 2
    assert "rank 99 is not between 1 and 19" in capsys.readouterr().err
    assert main(["seek", SCENARIO, "--node", "nope"]) == 2
    assert "[--node]: unknown node id 'nope'" in capsys.readouterr().err
