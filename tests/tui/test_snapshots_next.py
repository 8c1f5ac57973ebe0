"""SVG snapshots of Bước tiếp theo and of the charts at 80×24 (--snapshot-update to accept)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from .test_snapshots import Snap, _settle, app_for


async def _next_steps(pilot: Pilot[Any]) -> None:
    await _settle(pilot)
    await pilot.press("n")
    await _settle(pilot)


def test_next_steps_screen(snap_compare: Snap, scenario_copy: Path) -> None:
    assert snap_compare(app_for(scenario_copy), terminal_size=(120, 40), run_before=_next_steps)


def test_next_steps_screen_80x24(snap_compare: Snap, scenario_copy: Path) -> None:
    assert snap_compare(app_for(scenario_copy), terminal_size=(80, 24), run_before=_next_steps)


def test_charts_80x24(snap_compare: Snap, scenario_copy: Path) -> None:
    """The sweep gets the room; the pillar chart says that it needs more."""

    async def charts(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("slash", *"hd_ty_le_nop", "enter")
        await pilot.pause()
        await pilot.press("g")
        await _settle(pilot)

    assert snap_compare(app_for(scenario_copy), terminal_size=(80, 24), run_before=charts)
