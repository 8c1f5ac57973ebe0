"""`y`: the focus entity's rank over the years, a chart with one line per series of its lineage.

Driven by the Pilot pressing the real key, on the bundled DTI 2024 scenario opened by name (the
new Bắc Ninh, whose history before the merger is the former Bắc Ninh's and Bắc Giang's), and on
the department scenario, whose framework has no published results to show.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from ictscore.formats.scenario import load_scenario
from ictscore.planning.session import Session
from ictscore.resources import bundled_scenario
from ictscore.tui.app import IctscoreApp
from ictscore.tui.screens.help import HelpScreen
from ictscore.tui.screens.history import HistoryScreen
from ictscore.tui.screens.main import MainScreen
from ictscore.tui.widgets.history_chart import HistoryChart

from .test_snapshots import Snap

NAME = "dti-2024-bac-ninh"


def _bac_ninh(scenario_copy: Path) -> Path:
    """The bundled scenario found by its name, driven in the writable copy beside it."""
    found = bundled_scenario(Path(NAME))
    assert found is not None and found.name == f"{NAME}.toml"
    return scenario_copy.parent / found.name


def _app(path: Path, lang: str = "vi") -> IctscoreApp:
    return IctscoreApp(Session.open(load_scenario(path)), lang=lang, blink=False)


async def _settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await asyncio.wait_for(pilot.app.workers.wait_for_complete(), timeout=15)
    await pilot.pause()


def _text(app: IctscoreApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_y_shows_both_predecessors(scenario_copy: Path) -> None:
    app = _app(_bac_ninh(scenario_copy))
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("y")
        await _settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one(HistoryChart).display
        assert (
            _text(app, "#history-legend") == "━━ Bắc Ninh (cũ) — trên 63   ━━ Bắc Giang — trên 63"
        )
        said = _text(app, "#history-text")
        assert "Bắc Ninh được hình thành ngày 1/7/2025 từ: Bắc Ninh (cũ), Bắc Giang." in said
        assert "Bắc Giang: năm 2023 xếp thứ 9/63, giữ nguyên thứ hạng so với năm 2022." in said
        await pilot.press("l")  # the language follows, words and chart alike
        await _settle(pilot)
        assert "Bac Giang: ranked 9 of 63 in 2023, unchanged since 2022." in _text(
            app, "#history-text"
        )
        assert app.screen.title == "Rank over the years"
        await pilot.press("escape")
        await _settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_no_published_history_is_said_plainly(scenario_copy: Path) -> None:
    app = _app(scenario_copy)  # a department: its framework names no results file
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        await pilot.press("y")
        await _settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert not app.screen.query_one(HistoryChart).display
        assert _text(app, "#history-text") == (
            "Bộ chỉ số này không có tệp kết quả đã công bố của các năm trước."
        )
        await pilot.press("y")  # the same key closes it
        await _settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_the_key_is_in_the_help_translated(scenario_copy: Path) -> None:
    app = _app(scenario_copy)
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("f1")
        await _settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        page = app.screen._text()
        assert "| `y` | Lịch sử xếp hạng | Thứ hạng của đơn vị trọng tâm qua các năm |" in page


def test_history_screen_snapshot(snap_compare: Snap, scenario_copy: Path) -> None:
    async def history(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("y")
        await _settle(pilot)

    app = _app(_bac_ninh(scenario_copy))
    assert snap_compare(app, terminal_size=(120, 40), run_before=history)
