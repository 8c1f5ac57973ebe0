"""ruff and mypy run with the tests, so CI (which runs only the README's pytest) enforces them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT


def _tool(name: str) -> str:
    """The tool installed beside the Python running the tests (the test extra), else on PATH."""
    beside = Path(sys.executable).parent / name
    exe = str(beside) if beside.exists() else shutil.which(name)
    if exe is None:
        pytest.fail(f"{name} is not installed: it is part of the test extra")
    return exe


def test_ruff_clean() -> None:
    out = subprocess.run(
        [_tool("ruff"), "check", "src", "tests"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_formatted() -> None:
    out = subprocess.run(
        [_tool("ruff"), "format", "--check", "src", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_strict_clean() -> None:
    out = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
