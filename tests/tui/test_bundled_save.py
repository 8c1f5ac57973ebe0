"""Saving the bundled example of an installed package offers a copy in the working folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ictscore.formats.scenario import load_scenario
from ictscore.resources import in_installed_bundle
from ictscore.tui import app as app_module
from ictscore.tui.app import IctscoreApp
from ictscore.tui.screens.prompt import PromptScreen

from ..conftest import ROOT

SIZE = (120, 40)


def test_a_checkout_is_not_an_installed_bundle() -> None:
    assert not in_installed_bundle(ROOT / "scenarios" / "bac-giang-so-noi-vu-2021.toml")


async def test_ctrl_s_on_the_installed_example_saves_a_copy_here(
    make_app: Callable[..., IctscoreApp],
    scenario_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr(app_module, "in_installed_bundle", lambda path: True)
    original = scenario_copy.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("enter")
        for _ in range(20):
            await pilot.pause()
            if (work / scenario_copy.name).exists():
                break
    copy = work / scenario_copy.name
    assert scenario_copy.read_bytes() == original  # the bundled file is untouched
    saved = load_scenario(copy)  # criteria and data paths were rewritten for the new folder
    assert saved.focus == "so-noi-vu" and len(saved.applied()) == 1
