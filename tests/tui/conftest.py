"""What the TUI tests share: the bundled default scenario copied where it may be written, the
app opened on it, and the few moves every flow makes (find an indicator, wait for the workers)."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from ictscore.formats.scenario import load_scenario
from ictscore.planning.session import Session
from ictscore.tui.app import IctscoreApp

from ..conftest import ROOT

SCENARIO = "bac-giang-so-noi-vu-2021.toml"
ONLINE = "hd_ty_le_nop_truc_tuyen"
"""The indicator the default scenario's edit log changes (online applications)."""
SIZE = (120, 40)
MakeApp = Callable[..., IctscoreApp]


async def done(app: IctscoreApp) -> None:
    """Wait for the app's workers, but never forever: an unexpected dialog fails the test."""
    await asyncio.wait_for(app.workers.wait_for_complete(), timeout=15)


async def find(pilot: Pilot[None], text: str) -> None:
    """Select a node as a user does: `/`, its name or id, Enter."""
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


def journal_of(path: Path) -> Path:
    """Where the planner keeps unsaved edits of `path` when its folder is writable, spelt out
    rather than asked of the code, so a journal that moves fails the tests."""
    return path.with_name(f".{path.name}.journal")


def beside(scenario: Path, name: str, old: str, new: str) -> Path:
    """A second saved scenario in the same folder, `old` replaced by `new` in its text."""
    text = scenario.read_text("utf-8")
    assert old in text, old  # the replacement must change something
    other = scenario.with_name(name)
    other.write_text(text.replace(old, new), encoding="utf-8")
    return other


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
