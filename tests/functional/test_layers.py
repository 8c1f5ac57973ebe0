"""The import contracts of pyproject.toml hold, and would catch a break.

`lint-imports` runs with the tests (CI runs only pytest), so a face importing another face, a
lower layer importing a higher one, or Textual reaching the headless path fails the build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ..conftest import ROOT


def _lint_imports() -> str:
    """The lint-imports installed beside the Python running the tests (the test extra)."""
    beside = Path(sys.executable).parent / "lint-imports"
    exe = str(beside) if beside.exists() else shutil.which("lint-imports")
    if exe is None:
        pytest.fail("lint-imports is not installed: import-linter is part of the test extra")
    return exe


def _contract_names() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = [c["name"] for c in config["tool"]["importlinter"]["contracts"]]
    assert names, "pyproject.toml declares no import contracts"
    return names


def _run(cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_lint_imports(), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


def test_every_contract_is_kept() -> None:
    out = _run(ROOT)
    report = out.stdout + out.stderr
    assert out.returncode == 0, report
    for name in _contract_names():
        assert f"{name} KEPT" in report, report


def test_the_contracts_catch_a_break(tmp_path: Path) -> None:
    """On a copy of the package with three bad imports added, each is reported."""
    copy = tmp_path / "src" / "ictscore"
    shutil.copytree(ROOT / "src" / "ictscore", copy, ignore=shutil.ignore_patterns("__pycache__"))
    bad = {
        "cli/cmd_compute.py": "from ictscore.report import build",  # a face importing a face
        "engine/result.py": "from ictscore.planning import whatif",  # a layer importing up
        "presentation/display.py": "import textual",  # Textual on the headless path
    }
    for module, line in bad.items():
        with (copy / module).open("a", encoding="utf-8") as f:
            f.write(f"\n{line}  # noqa\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src")}
    out = _run(tmp_path, env)
    report = out.stdout + out.stderr
    assert out.returncode == 1, report
    assert "Contracts: 0 kept" in report, report
    assert "ictscore.cli.cmd_compute -> ictscore.report.build" in report, report
    assert "ictscore.engine.result -> ictscore.planning.whatif" in report, report
    assert "ictscore.presentation.display -> textual" in report, report
