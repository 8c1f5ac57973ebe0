"""Bad or odd input refused in one clear message, exit 2, nothing written, no traceback; and
no command writing over a file it reads or into a folder that does not exist (issue 10)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ictscore.cli.main import main

from ..conftest import ROOT

pytestmark = pytest.mark.usefixtures("english")  # pins the English wording

DEFAULT = "bac-giang-so-noi-vu-2021.toml"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse's own refusals
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_toml_nested_800_deep_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 800 + "]" * 800 + "\n", encoding="utf-8")
    code, _, err = _run(capsys, "validate", str(deep))
    assert code == 2
    assert err.count("\n") == 1 and "deep.toml" in err and "nested too deeply" in err


@pytest.mark.parametrize(
    "target", ["scenarios/" + DEFAULT, "scenarios/data/bac-giang-departments-2021.toml"]
)
def test_an_output_never_replaces_a_file_the_command_reads(
    tree: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    path = tree / target
    before = path.read_bytes()
    code, _, err = _run(capsys, "compute", str(tree / "scenarios" / DEFAULT), "-o", str(path))
    assert code == 2, err
    assert "is a file this command reads" in err
    assert path.read_bytes() == before


def test_import_never_replaces_the_spreadsheet_it_reads(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tree / "scenarios" / "data" / "bac-giang-766-2024.csv"
    before = sheet.read_bytes()
    crit = tree / "criteria" / "vn-766-service-index.toml"
    code, _, err = _run(capsys, "import", str(sheet), "--criteria", str(crit), "-o", str(sheet))
    assert code == 2, err
    assert sheet.read_bytes() == before


def test_a_missing_folder_is_an_error_not_a_new_folder(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(
        capsys, "compute", str(tree / "scenarios" / DEFAULT), "-o", str(tree / "tpyo" / "x.txt")
    )
    assert code == 2 and "no folder" in err
    assert not (tree / "tpyo").exists()


def test_dash_means_standard_output(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "compute", str(tree / "scenarios" / DEFAULT), "-o", "-")
    assert code == 0 and "Sở Nội vụ" in out
    assert not (tree / "-").exists() and not Path("-").exists()


@pytest.mark.parametrize("cost", ["inf", "nan", "1e308", "-5"])
def test_seek_costs_must_be_finite_amounts(
    tree: Path, capsys: pytest.CaptureFixture[str], cost: str
) -> None:
    scenario = str(tree / "scenarios" / DEFAULT)
    code, _, err = _run(
        capsys, "seek", scenario, "--rank", "5", "--cost", f"hd_ty_le_nop_truc_tuyen={cost}"
    )
    assert code == 2 and "--cost" in err and "Traceback" not in err


@pytest.mark.parametrize("args", [["--gain", "-2"], ["--rank", "0"]])
def test_seek_goals_must_be_positive(
    tree: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, _, err = _run(capsys, "seek", str(tree / "scenarios" / DEFAULT), *args)
    assert code == 2 and "must be 1 or more" in err


def test_an_option_given_twice_is_refused(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = str(tree / "scenarios" / DEFAULT)
    code, _, err = _run(capsys, "compute", scenario, "--lang", "en", "--lang=vi")
    assert code == 2 and "--lang is given twice" in err
    # repeatable options stay repeatable
    code, _, _ = _run(capsys, "seek", scenario, "--node", "ht_bang_thong", "--node", "hd_ky_so")
    assert code == 0


def test_output_to_a_pipe_whose_locale_cannot_hold_vietnamese(tree: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    run = subprocess.run(
        [sys.executable, "-m", "ictscore", "compute", str(tree / "scenarios" / DEFAULT)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert "Sở Nội vụ" in run.stdout.decode("utf-8")  # UTF-8, as every file ictscore writes


def test_a_group_score_above_its_maximum_is_refused(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tree / "scenarios" / "data" / "bac-giang-766-2024.csv"
    lines = data.read_text(encoding="utf-8").splitlines()
    head = next(i for i, ln in enumerate(lines) if not ln.startswith("#"))
    cols = lines[head].split(",")
    k = cols.index("so_hoa_ho_so")
    row = next(i for i in range(head + 1, len(lines)) if lines[i].startswith("bac-giang,"))
    cells = lines[row].split(",")
    cells[k] = "131"  # out of 22
    lines[row] = ",".join(cells)
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = _run(capsys, "compute", str(tree / "scenarios" / "bac-giang-766-2024.toml"))
    assert code == 2
    assert "bac-giang.so_hoa_ho_so" in err and "131 is outside" in err


def test_thousands_of_bad_cells_give_a_bounded_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crit = ROOT / "criteria" / "vn-dti-2022-province.toml"
    text = crit.read_text(encoding="utf-8")
    ids = re.findall(r'^id = "([a-z_]+)"', text, re.M)[1:4]
    assert len(ids) == 3
    rows = ["id," + ",".join(ids)]
    rows += [f"e{i},x,y,z" for i in range(2000)]
    data = tmp_path / "bad.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, _, err = _run(capsys, "validate", str(data), "--criteria", str(crit))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) <= 100, len(lines)
    assert "problems in all" in lines[-1]
    assert "more like this" in err


def test_a_data_path_that_is_a_symlink_loop_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ROOT / "tests" / "bad_inputs" / "_base"
    for name in ("criteria.toml", "scenario.toml"):
        shutil.copy(base / name, tmp_path / name)
    (tmp_path / "data.csv").symlink_to(tmp_path / "loop")
    (tmp_path / "loop").symlink_to(tmp_path / "data.csv")
    code, out, err = _run(capsys, "compute", str(tmp_path / "scenario.toml"))
    assert code == 2 and out == ""
    assert "scenario.toml:3 [data]: data file data.csv is a symbolic link that leads back" in err
    # named directly on the command line, the loop is a message too
    code, _, err = _run(capsys, "validate", str(tmp_path / "data.csv"))
    assert code == 2 and "Traceback" not in err and "data.csv" in err


def test_help_of_a_command_is_not_an_option_given_twice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, "import", "-h")
    assert code == 0 and "usage: ictscore import" in out and "twice" not in err
