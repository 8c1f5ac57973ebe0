"""Goal seeking on group nodes an entity supplies itself (QĐ 766 data gives group points)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ictscore.cli.main import main

from ..conftest import ROOT

SCENARIO = "bac-giang-766-2024.toml"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    return tmp_path / "scenarios" / SCENARIO


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    capsys.readouterr()
    assert main([*args, "--format", "json"]) == 0
    out: dict[str, object] = json.loads(capsys.readouterr().out)
    return out


def test_seek_offers_the_online_services_group_and_compute_confirms_it(
    copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ans = _json(capsys, "seek", str(copy), "--gain", "1")
    options = {o["node"]: o for o in ans["options"]}  # type: ignore[attr-defined, union-attr]
    group = options["dich_vu_cong_truc_tuyen"]
    assert group["from"] == 10.5 and group["rank"] == 1
    # the same value as a change in the file, through compute: the rank seek promised
    text = copy.read_text(encoding="utf-8")
    copy.write_text(
        text + f'\n[[change]]\nnode = "dich_vu_cong_truc_tuyen"\nvalue = {group["value"]}\n',
        encoding="utf-8",
    )
    out = _json(capsys, "compute", str(copy))
    focus = next(e for e in out["entities"] if e["id"] == "bac-giang")  # type: ignore[attr-defined]
    assert focus["rank"] == 1
    assert round(focus["score"], 2) == round(group["score"], 2)


def test_already_met_is_said_in_every_format(
    copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ans = _json(capsys, "seek", str(copy), "--rank", "2")
    assert ans["reason"] == {"code": "goal_already_met"} and ans["options"] == []
    for fmt, lang, words in [
        ("table", "vi", "Đã đạt mục tiêu"),
        ("markdown", "en", "The goal is already met"),
    ]:
        capsys.readouterr()
        assert main(["seek", str(copy), "--rank", "2", "--format", fmt, "--lang", lang]) == 0
        out = capsys.readouterr().out
        assert words in out
        assert "No single" not in out and "Không chỉ" not in out
