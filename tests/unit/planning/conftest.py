from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ...conftest import ROOT


@pytest.fixture
def scenario_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled default scenario with its criteria and data, in a writable folder."""
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    monkeypatch.delenv("ICTSCORE_JOURNAL_DIR", raising=False)
    return tmp_path / "scenarios" / "bac-giang-so-noi-vu-2021.toml"
