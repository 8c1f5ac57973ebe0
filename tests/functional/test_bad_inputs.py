"""The bad-input corpus (tests/bad_inputs/): every case exits 2 with a located message."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from ictscore.cli.main import main

CORPUS = Path(__file__).resolve().parent.parent / "bad_inputs"
CASES = sorted(d.name for d in CORPUS.iterdir() if d.is_dir() and not d.name.startswith("_"))
LINE = re.compile(r"^error: (?P<file>\S+?)(?P<line>:\d+(:\d+)?)?(?P<key> \[\S+\])?: (?P<msg>\S.*)$")
WHOLE_FILE = (
    "file not found",
    "not UTF-8",
    "is a directory",
    "cannot read",
    "cannot write",
    "add --criteria",
)

pytestmark = pytest.mark.usefixtures("english")  # they pin the English errors


def expectation(case: str) -> dict[str, Any]:
    return tomllib.loads((CORPUS / case / "case.expect").read_text("utf-8"))


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(CORPUS, tmp_path / "bad_inputs")
    return tmp_path / "bad_inputs"


def check_stderr(case: str, err: str, exp: dict[str, Any]) -> None:
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert lines, f"{case}: no message"
    names = {p.name for p in (CORPUS / case).iterdir()} | {Path(a).name for a in exp["args"]}
    for ln in lines:
        m = LINE.match(ln)
        assert m, f"{case}: not an error line: {ln!r}"
        assert Path(m["file"]).name in names, f"{case}: names no file of the case: {ln!r}"
        if not any(w in m["msg"] for w in WHOLE_FILE):
            assert m["line"] or m["key"], f"{case}: says neither line nor key: {ln!r}"
    for pattern in exp["stderr"]:
        assert any(re.search(pattern, ln) for ln in lines), f"{case}: no match for {pattern!r}"
    if "problems" in exp:
        assert len(lines) == exp["problems"], err


@pytest.mark.parametrize("case", CASES)
def test_case(
    case: str, corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    exp = expectation(case)
    folder = corpus / case
    before = snapshot(folder)
    monkeypatch.chdir(folder)
    code = main(exp["args"])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert out == ""
    check_stderr(case, err, exp)
    assert snapshot(folder) == before, "a file was written"


@pytest.mark.parametrize("case", [c for c in CASES if expectation(c).get("subprocess")])
def test_case_as_a_process(case: str, corpus: Path) -> None:
    exp = expectation(case)
    folder = corpus / case
    before = snapshot(folder)
    proc = subprocess.run(
        [sys.executable, "-m", "ictscore", *exp["args"]],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    check_stderr(case, proc.stderr, exp)
    assert snapshot(folder) == before


def test_every_case_has_expectations() -> None:
    assert len(CASES) >= 40, CASES
    assert len([c for c in CASES if expectation(c).get("subprocess")]) >= 5
    for case in CASES:
        exp = expectation(case)
        assert exp["args"] and exp["stderr"], case


def test_base_is_valid(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cases differ from a valid scenario by their one defect."""
    monkeypatch.chdir(corpus / "_base")
    assert main(["compute", "scenario.toml", "-f", "csv"]) == 0
    assert main(["validate", "criteria.toml", "scenario.toml"]) == 0
    assert main(["validate", "data.csv", "--criteria", "criteria.toml"]) == 0
    assert "so-a,Sở A,1,2,1,52.0,64.0" in capsys.readouterr().out


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads any file; directory-as-file and not-utf8 cover unreadable input",
)
def test_unreadable_file(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = corpus / "_base"
    (folder / "data.csv").chmod(0)
    monkeypatch.chdir(folder)
    try:
        assert main(["compute", "scenario.toml", "-o", "out.txt"]) == 2
    finally:
        (folder / "data.csv").chmod(0o644)
    err = capsys.readouterr().err
    assert re.search(r"data\.csv: cannot read file: Permission denied", err), err
    assert not (folder / "out.txt").exists()


def test_output_not_replaced_on_error(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing -o file keeps its content when the run fails."""
    folder = corpus / "nan-csv"
    (folder / "out.txt").write_text("previous\n", "utf-8")
    monkeypatch.chdir(folder)
    assert main(["compute", "scenario.toml", "-o", "out.txt"]) == 2
    assert (folder / "out.txt").read_text("utf-8") == "previous\n"
    capsys.readouterr()
