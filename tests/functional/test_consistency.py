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
