"""Every output agrees with the JSON (issue 10): what a table, a CSV or a Markdown file says is
what the JSON of the same command says."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from ictscore.cli.main import main

from ..conftest import ROOT

DEFAULT = "bac-giang-so-noi-vu-2021.toml"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    return tmp_path


def _out(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_compare_with_different_focus_entities_shows_each_baseline(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tree / "scenarios" / DEFAULT
    peer = mine.with_name("peer.toml")
    peer.write_text(
        mine.read_text("utf-8")
        .replace('focus = "so-noi-vu"', 'focus = "so-tu-phap"')
        .replace('name = "Sở Nội vụ Bắc Giang 2021', 'name = "Sở Tư pháp'),
        "utf-8",
    )
    data = json.loads(_out(capsys, "compare", str(mine), str(peer), "--format", "json"))
    root = data["nodes"][0]
    want = [(c["baseline"]["score"], c["baseline"]["rank"]) for c in root["cells"]]
    assert want[0] != want[1]  # two focus entities: two baselines
    rows = list(
        csv.reader(io.StringIO(_out(capsys, "compare", str(mine), str(peer), "--format", "csv")))
    )
    head, first = rows[0], rows[1]
    got = [
        (
            float(first[head.index(f"baseline_score_{n}")]),
            int(first[head.index(f"baseline_rank_{n}")]),
        )
        for n in (s["name"] for s in data["scenarios"])
    ]
    assert got == want
    for fmt in ("table", "markdown"):
        text = _out(capsys, "compare", str(mine), str(peer), "--format", fmt, "--lang", "en")
        line = next(ln for ln in text.splitlines() if "total points" in ln)
        for score, rank in want:
            assert f"{score:.1f} ({rank})" in line, (fmt, line)


def test_plan_headline_with_uncertainty_says_the_probability_and_the_rank(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sc = str(tree / "scenarios" / DEFAULT)
    data = json.loads(_out(capsys, "plan", sc, "--format", "json"))
    p = data["monte_carlo"]["p_target"]
    assert data["reached"] is True and p < 0.5  # the rank reaches 5, the simulation mostly not
    assert data["verdict"] == "uncertain"
    for fmt in ("table", "markdown"):
        text = _out(capsys, "plan", sc, "--format", fmt, "--lang", "en")
        line = next(ln for ln in text.splitlines() if "Target rank 5:" in ln)
        assert "probability of the target rank" in line and "deterministic rank 4" in line
        assert line.endswith("uncertain") and ": reached" not in line


def test_plan_rows_cost_the_units_the_plan_takes(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sc = str(tree / "scenarios" / DEFAULT)
    data = json.loads(_out(capsys, "plan", sc, "--format", "json"))
    rows = {g["id"]: g for g in data["lever_gains"]}
    chosen = [rows[i]["cost"] for i in data["levers"]]
    # each chosen lever costed as taken: together exactly the plan's cost (no shared effects
    # in cost; a divisible lever at the units chosen, not all it could buy)
    assert sum(chosen) == pytest.approx(data["cost"])


def test_the_report_weighs_the_group_scores_the_focus_supplies() -> None:
    """QĐ 766 data gives group scores, not indicators: those groups are what the report's
    strengths, weaknesses and gap chart compare with the overall rank."""
    from ictscore.formats.scenario import load_scenario
    from ictscore.planning.whatif import WhatIf
    from ictscore.presentation.report_model import build_report

    sc = load_scenario(ROOT / "scenarios" / "bac-giang-766-2024.toml")
    m = build_report(sc, WhatIf(sc).project())
    base = m.projection.baseline
    supplied = [
        a.id
        for a in sc.criteria.aggregates()
        if a.id != sc.criteria.root and base.supplied(sc.focus, a.id)
    ]
    assert len(supplied) == 6
    assert {g.node for g in m.gaps} == set(supplied)
    for g in m.gaps:  # the value shown is the one the data gives
        assert g.value == base.inputs[g.node][base.index(sc.focus)]
    # the standouts are drawn from them
    assert {s.node for s in (*m.strengths, *m.weaknesses)} <= set(supplied)
