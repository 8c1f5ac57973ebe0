from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ictscore.formats.scenario import load_scenario
from ictscore.planning.session import Session
from ictscore.tui.app import IctscoreApp

from ..conftest import ROOT

SCENARIO = "bac-giang-so-noi-vu-2021.toml"


@pytest.fixture
def scenario_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled default scenario with its criteria and data, in a writable folder."""
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    monkeypatch.delenv("ICTSCORE_JOURNAL_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "scenarios" / SCENARIO


@pytest.fixture
def make_app(scenario_copy: Path) -> Callable[..., IctscoreApp]:
    def make(path: Path | None = None, lang: str = "vi") -> IctscoreApp:
        # the journal is written beside the scenario: never into the repository's own folder
        assert path is None or ROOT not in path.resolve().parents, path
        return IctscoreApp(Session.open(load_scenario(path or scenario_copy)), lang=lang)

    return make
