"""`ictscore compare` of scenarios that share a name (a copy saved under another file name):
every format keeps their columns apart, with the same labels, saying which file each is."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from ictscore.cli.main import main

from ..conftest import DEFAULT_SCENARIO, ROOT

NAME = 'name = "Sở Nội vụ Bắc Giang 2021 — nộp hồ sơ trực tuyến"'


def _copy(path: Path, *, focus: str | None = None) -> Path:
    """The default scenario under another file name, same name, its files found from anywhere."""
    text = DEFAULT_SCENARIO.read_text("utf-8")
    assert NAME in text
    text = text.replace('criteria = "../criteria/', f'criteria = "{ROOT.as_posix()}/criteria/')
    text = text.replace('data = "data/', f'data = "{ROOT.as_posix()}/scenarios/data/')
    if focus is not None:
        text = text.replace('focus = "so-noi-vu"', f'focus = "{focus}"')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], files: list[Path], fmt: str, lang: str) -> str:
    capsys.readouterr()
    assert main(["compare", *map(str, files), "--format", fmt, "--lang", lang]) == 0
    return capsys.readouterr().out


def _cells(fmt: str, text: str) -> list[str]:
    first = text.splitlines()[0]
    if fmt == "markdown":
        return [c.strip() for c in first.strip("|").split("|")]
    return re.split(r"\s{2,}", first.strip())


def _check(
    capsys: pytest.CaptureFixture[str],
    files: list[Path],
    lang: str,
    want: list[str],
    baselines: int = 1,
) -> None:
    """`want` the labels; `baselines` how many baseline columns (one when all share it)."""
    data = json.loads(_run(capsys, files, "json", lang))
    labels = [s["label"] for s in data["scenarios"]]
    assert labels == want
    assert [s["file"] for s in data["scenarios"]] == [p.stem for p in files]
    assert len({s["name"] for s in data["scenarios"]}) == 1  # the names themselves stay

    head = next(csv.reader(io.StringIO(_run(capsys, files, "csv", lang))))
    assert len(set(head)) == len(head), head
    assert [h.removeprefix("score_") for h in head if h.startswith("score_")] == labels

    for fmt in ("table", "markdown"):
        text = _run(capsys, files, fmt, lang)
        cells = _cells(fmt, text)
        for label in labels:
            assert cells.count(label) == 1, (fmt, lang, cells)
        bases = [c for c in cells if c.startswith(("Hiện trạng", "Baseline"))]
        assert len(set(bases)) == len(bases) == baselines, (fmt, lang, bases)
        only = [ln for ln in text.splitlines() if ln.rstrip(":").endswith(tuple(labels))]
        assert len(only) == len(labels), (fmt, lang, only)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_copy_under_another_file_name_is_named_by_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    copy = _copy(tmp_path / "ban-sao.toml")
    name = "Sở Nội vụ Bắc Giang 2021 — nộp hồ sơ trực tuyến"
    want = [f"{name} (bac-giang-so-noi-vu-2021)", f"{name} (ban-sao)"]
    _check(capsys, [DEFAULT_SCENARIO, copy], lang, want)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_same_file_name_in_two_folders_gets_a_counter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    files = [_copy(tmp_path / "a" / "plan.toml"), _copy(tmp_path / "b" / "plan.toml")]
    name = "Sở Nội vụ Bắc Giang 2021 — nộp hồ sơ trực tuyến"
    _check(capsys, files, lang, [f"{name} (plan) #1", f"{name} (plan) #2"])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_same_name_other_focus_keeps_each_baseline_column_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    peer = _copy(tmp_path / "tu-phap.toml", focus="so-tu-phap")
    name = "Sở Nội vụ Bắc Giang 2021 — nộp hồ sơ trực tuyến"
    want = [f"{name} (bac-giang-so-noi-vu-2021)", f"{name} (tu-phap)"]
    _check(capsys, [DEFAULT_SCENARIO, peer], lang, want, baselines=2)
    head = next(csv.reader(io.StringIO(_run(capsys, [DEFAULT_SCENARIO, peer], "csv", lang))))
    assert [h for h in head if h.startswith("baseline_score_")] == [
        f"baseline_score_{w}" for w in want
    ]
