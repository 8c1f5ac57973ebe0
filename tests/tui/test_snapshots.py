"""SVG snapshots of the planner's screens (pytest-textual-snapshot; --snapshot-update to accept).

Text cursors are frozen (blink=False) and snapshot files are LF (.gitattributes), so the
pictures are the same on every run and platform.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from ictscore.formats.scenario import load_scenario
from ictscore.planning.session import Session
from ictscore.tui.app import IctscoreApp

Snap = Callable[..., bool]


def app_for(path: Path, lang: str = "vi") -> IctscoreApp:
    return IctscoreApp(Session.open(load_scenario(path)), lang=lang, blink=False)


async def _settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await asyncio.wait_for(pilot.app.workers.wait_for_complete(), timeout=15)
    await pilot.pause()


def test_main_screen(snap_compare: Snap, scenario_copy: Path) -> None:
    assert snap_compare(app_for(scenario_copy), terminal_size=(120, 40), run_before=_settle)


def test_main_screen_80x24(snap_compare: Snap, scenario_copy: Path) -> None:
    assert snap_compare(app_for(scenario_copy), terminal_size=(80, 24), run_before=_settle)


def test_main_screen_english_after_an_edit(snap_compare: Snap, scenario_copy: Path) -> None:
    async def edit(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("slash", *"nt_hop_ban", "enter")
        await pilot.pause()
        await pilot.press("4", "enter")
        await _settle(pilot)

    app = app_for(scenario_copy, lang="en")
    assert snap_compare(app, terminal_size=(120, 40), run_before=edit)


def test_charts(snap_compare: Snap, scenario_copy: Path) -> None:
    async def charts(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("slash", *"hd_ty_le_nop", "enter")
        await pilot.pause()
        await pilot.press("g")
        await _settle(pilot)

    assert snap_compare(app_for(scenario_copy), terminal_size=(120, 40), run_before=charts)


def test_compare_screen(snap_compare: Snap, scenario_copy: Path) -> None:
    other = scenario_copy.parent / "plan-b.toml"
    other.write_text(scenario_copy.read_text().replace("value = 30", "value = 20"), "utf-8")

    async def compare(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("c")
        await _settle(pilot)

    assert snap_compare(app_for(scenario_copy), terminal_size=(120, 40), run_before=compare)


def test_help_screen(snap_compare: Snap, scenario_copy: Path) -> None:
    async def help_(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("f1")
        await _settle(pilot)

    assert snap_compare(app_for(scenario_copy), terminal_size=(100, 32), run_before=help_)


def test_invalid_value_refused(snap_compare: Snap, scenario_copy: Path) -> None:
    async def refuse(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("slash", *"hd_ty_le_nop", "enter")
        await pilot.pause()
        await pilot.press("1", "5", "0", "enter")
        await _settle(pilot)

    assert snap_compare(app_for(scenario_copy), terminal_size=(100, 30), run_before=refuse)


async def _optimised(pilot: Pilot[Any]) -> None:
    await _settle(pilot)
    await pilot.press("p")
    await pilot.pause()
    await pilot.press("o")
    await _settle(pilot)


def test_plan_screen(snap_compare: Snap, scenario_copy: Path) -> None:
    """After the optimiser: the seeded Monte Carlo makes the chart the same every run."""
    app = app_for(scenario_copy)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_optimised)


def test_plan_screen_80x24_english(snap_compare: Snap, scenario_copy: Path) -> None:
    app = app_for(scenario_copy, lang="en")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_optimised)
