"""Every output format of `compute` and `compare`, byte for byte (see tests/golden/README.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ictscore.cli.main import main

from ..conftest import ROOT

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
DEFAULT = "scenarios/bac-giang-so-noi-vu-2021.toml"
SECOND = "tests/golden/so-noi-vu-ky-so.toml"
EXT = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md"}
CASES = [
    (cmd, fmt, lang)
    for cmd in ("compute", "compare")
    for fmt in ("table", "json", "csv", "markdown")
    for lang in ("vi", "en")
]


def run(
    cmd: str,
    fmt: str,
    lang: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> str:
    monkeypatch.chdir(ROOT)
    files = [DEFAULT] if cmd == "compute" else [DEFAULT, SECOND]
    assert main([cmd, *files, "--format", fmt, "--lang", lang]) == 0
    out, _ = capsys.readouterr()
    return out


@pytest.mark.parametrize(("cmd", "fmt", "lang"), CASES)
def test_golden(
    cmd: str,
    fmt: str,
    lang: str,
    golden: Callable[[str, str], None],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    golden(f"{cmd}-{fmt}-{lang}.{EXT[fmt]}", run(cmd, fmt, lang, monkeypatch, capsys))


def test_json_contract() -> None:
    """The keys other tools rely on (issue 2 §6), read from the golden file."""
    data = json.loads((GOLDEN / "compute-json-vi.json").read_text("utf-8"))
    first = data["entities"][0]
    assert {"id", "name", "score", "rank", "nodes"} <= set(first)
    focus = data["focus"]
    assert focus["id"] == "so-noi-vu"
    assert focus["baseline"] == {"score": pytest.approx(666.0), "rank": 13}
    assert focus["scenario"] == {"score": pytest.approx(711.0), "rank": 10}
    entry = next(e for e in data["entities"] if e["id"] == "so-noi-vu")
    assert entry["rank"] == 10 and entry["nodes"]["tong_diem"] == pytest.approx(711.0)


def test_vietnamese_and_english_numbers() -> None:
    vi = (GOLDEN / "compute-table-vi.txt").read_text("utf-8")
    en = (GOLDEN / "compute-table-en.txt").read_text("utf-8")
    assert "666,0" in vi and "711,0" in vi and "▲3" in vi
    assert "666.0" in en and "Focus entity: " in en
