"""`ictscore validate` in the default language: the loaders' and validators' problems read in
Vietnamese (they were English: "Input should be a valid string", "required key is missing",
"unknown key 'bogus'; allowed here: ...")."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest

from ictscore.cli.main import main

from ..conftest import ROOT
from .test_vietnamese_outputs import leaks

CORPUS = ROOT / "tests" / "bad_inputs"
EXAMPLE = ROOT / "tests" / "data" / "formats-example" / "criteria.toml"


def run_main(args: list[str]) -> tuple[int, str]:
    """`ictscore ARGS` in this process: its exit code (argparse's too) and what it wrote to
    standard error."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(args)
        except SystemExit as stop:
            code = int(stop.code or 0)
    return code, err.getvalue()


def _validate(path: Path, capsys: pytest.CaptureFixture[str], *more: str) -> str:
    assert main(["validate", str(path), *more]) == 2
    return capsys.readouterr().err


def test_the_three_messages_of_the_issue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(re.sub(r'(?m)^name_vi = ".*"$', "name_vi = 1\nbogus = 2", text, count=1))
    err = _validate(bad, capsys)
    assert "[framework.name_vi]: phải là một chuỗi văn bản trong dấu ngoặc kép (nhận được 1)" in err
    assert "[framework.bogus]: khóa không hợp lệ 'bogus'; ở đây được dùng: " in err
    bad.write_text(re.sub(r'(?m)^id = ".*"$', "", text, count=1))
    assert "[framework.id]: thiếu khóa bắt buộc" in _validate(bad, capsys)
    en = _validate(bad, capsys, "--lang", "en")
    assert "[framework.id]: required key is missing" in en


def _prose(line: str) -> str:
    said = line.split("]: ", 1)[-1] if "]: " in line else line.split(": ", 2)[-1]
    said = re.sub(r"--[\w-]+|'[^']*'|\"[^\"]*\"|\S+\.(toml|csv|xlsx)\b|/\S+", " ", said)
    return re.sub(r"\b[a-z_]+(?:, [a-z_]+)+|\[+[\w.]+\]+|\b\w+ = \S+", " ", said)


CASES = sorted(d.name for d in CORPUS.iterdir() if d.is_dir() and not d.name.startswith("_"))


@pytest.mark.parametrize("case", CASES)
def test_the_bad_input_corpus_in_vietnamese(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every case of the corpus (run in English by test_bad_inputs) has no English word when
    it is said in Vietnamese, once the file names, keys and values it quotes are left out."""
    import tomllib

    shutil.copytree(CORPUS, tmp_path / "c")
    folder = tmp_path / "c" / case
    args = tomllib.loads((folder / "case.expect").read_text("utf-8"))["args"]
    monkeypatch.chdir(folder)
    monkeypatch.delenv("ICTSCORE_LANG", raising=False)
    code, err = run_main(args)
    assert code == 2
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert lines and all(ln.startswith("lỗi: ") for ln in lines), lines
    for ln in lines:
        assert leaks(_prose(ln)) == [], ln
        assert not re.search(r"\b(is|the|not|should|must|or|got|found|file)\b", _prose(ln)), ln
    assert os.getcwd() == str(folder)
