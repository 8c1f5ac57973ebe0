"""SVG snapshot of the edit log with its audit trail (--snapshot-update to accept).

Author and date are fixed so that the picture does not depend on who runs it, or when.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from ictscore.planning import audit

from .test_snapshots import Snap, _settle, app_for


def test_edit_log_screen(
    snap_compare: Snap, scenario_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(audit.ENV_AUTHOR, "Nguyễn Văn An")
    monkeypatch.setattr(audit, "today", lambda: "2026-11-20")

    async def log(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("slash", *"nt_hop_ban", "enter")
        await pilot.pause()
        await pilot.press("4", "enter")
        await pilot.press("slash", *"hd_ty_le_nop", "enter")
        await pilot.pause()
        await pilot.press("plus", "ctrl+z")  # undone: greyed
        await pilot.press("h")
        await _settle(pilot)

    assert snap_compare(app_for(scenario_copy), terminal_size=(120, 32), run_before=log)
