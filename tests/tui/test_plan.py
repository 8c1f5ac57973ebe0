"""The plan screen and goal seeking driven by real key presses on the default scenario."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from ictscore.formats.scenario import load_scenario
from ictscore.planning.levers import Progress
from ictscore.planning.planner import plan
from ictscore.tui.screens.goal_seek import GoalSeekScreen
from ictscore.tui.screens.main import MainScreen
from ictscore.tui.screens.plan import PlanScreen
from ictscore.tui.widgets.budget_bar import BudgetBar

from .test_flows import SIZE, MakeApp, done, find, rank, summary


def _text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_optimise_apply_and_undo(make_app: MakeApp, scenario_copy: Path) -> None:
    expected = plan(load_scenario(scenario_copy))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start_rank = rank(app)
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        assert screen.ticked() == []
        await pilot.press("o")
        await done(app)
        await pilot.pause()
        assert screen.report is not None
        assert screen.ticked() == expected.chosen
        assert screen.units == expected.outcome.units
        shown = _text(screen, "#plan-result")
        assert f"Hạng: {start_rank} → {expected.outcome.rank}" in shown
        # deterministic rank 4 but 18,4 %: the headline says both, and not "đã đạt"
        assert "Hạng mục tiêu 5: xác suất 18,4 %, hạng tất định 4 — không chắc chắn" in shown
        assert "đã đạt" not in shown
        # the scenario's seeded Monte Carlo; ranks compare scores as displayed (one decimal)
        assert "P(hạng ≤ 5) = 18,4 %" in shown
        assert "1,46 tỷ đ" in _text(screen, "#plan-budget")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert rank(app) == expected.outcome.rank
        assert f"→ {expected.outcome.rank} ▲" in summary(app)
        await pilot.press("ctrl+z")  # one undo takes the whole plan back
        await pilot.pause()
        assert rank(app) == start_rank
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert rank(app) == expected.outcome.rank


async def test_a_plan_applied_before_a_crash_is_one_undo_after_restoring(
    make_app: MakeApp, scenario_copy: Path
) -> None:
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start_rank = rank(first)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("space", "down", "down", "space")  # two levers, ticked by hand
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(first.screen, MainScreen)
        applied, planned_rank = first.session.cursor, rank(first)
        assert applied > 2 and planned_rank != start_rank
        # the terminal is killed here: the journal holds the plan
    second = make_app()
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#choice-restore")
        await done(second)
        await pilot.pause()
        assert second.session.cursor == applied and rank(second) == planned_rank
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert second.session.cursor == 1 and rank(second) == start_rank


async def test_ticking_by_hand_updates_the_budget_bar(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        bar = screen.query_one(BudgetBar)
        assert "Đã chọn: 0 đ" in str(bar.render())
        await pilot.press("space")  # the first lever: 300 million
        await pilot.pause()
        assert screen.ticked() == ["pm_ho_so_can_bo"]
        assert "300 triệu đ" in str(bar.render()) and "(20 %)" in str(bar.render())
        await pilot.press("down", "down", "down", "space")  # the database requires the first
        await pilot.pause()
        assert "1,1 tỷ đ" in str(bar.render())  # trailing zeros dropped, as said
        assert screen.ticked() == ["pm_ho_so_can_bo", "csdl_to_chuc_bien_che"]
        await pilot.press("up", "up", "up", "space")  # unticking the first unticks the database
        await pilot.pause()
        assert screen.ticked() == []
        await pilot.press("down", "down", "down", "space")
        await pilot.pause()
        await pilot.press("down", "down", "space")  # + 7 batches of computers, 630 million
        await pilot.pause()
        assert "Vượt ngân sách" in str(bar.render())
        await pilot.press("minus", "minus", "minus")  # divisible: down to 4 batches
        await pilot.pause()
        assert screen.units[5] == 4
        await pilot.press("b")
        await pilot.pause()
        app.screen.query_one(Input).value = ""
        await pilot.press(*"3.000.000.000", "enter")
        await pilot.pause()
        assert screen.budget == 3e9
        assert "Vượt ngân sách" not in str(bar.render())
        await pilot.press("b")
        await pilot.pause()
        app.screen.query_one(Input).value = ""
        await pilot.press(*"abc", "enter")  # refused: the budget stays
        await pilot.pause()
        assert screen.budget == 3e9
        assert any("Không nhận" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not app.session.dirty and app.session.cursor == 1  # nothing applied
        assert rank(app) == 10


async def _seek(pilot: Pilot[None]) -> str:
    """Press k on the selected indicator and read the answer once the search is done."""
    await pilot.press("k")
    await done(pilot.app)  # type: ignore[arg-type]
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GoalSeekScreen)
    return _text(screen, "#seek-answer")


async def test_goal_seek_on_the_selected_indicator(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, "hd_ty_le_nop")
        text = await _seek(pilot)
        assert (
            "Tăng một hạng (Hạng 10 → 9): không đạt được — "
            "từ 50 % trở lên điểm không tăng thêm: cao nhất chỉ đạt hạng 10" in text
        )
        assert "Đạt hạng mục tiêu (Hạng 10 → 5): không đạt được" in text
        await pilot.press("escape")
        await pilot.pause()
        await find(pilot, "at_danh_gia_doc")
        text = await _seek(pilot)
        assert "Tăng một hạng (Hạng 10 → 9): cần đạt có → Hạng 8" in text
        assert "Đạt hạng mục tiêu (Hạng 10 → 5): không đạt được" in text
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert rank(app) == 8
        assert app.session.value("at_danh_gia_doc_lap") == 1.0


async def test_least_cost_mode(make_app: MakeApp, scenario_copy: Path) -> None:
    expected = plan(load_scenario(scenario_copy), target_rank=5, draws=0)
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p", "m", "o")
        await done(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        assert screen.ticked() == expected.chosen
        shown = _text(screen, "#plan-result")
        assert "Mode: least cost reaching rank 5" in shown
        assert "Cost: 790,000,000 VND" in shown
        # reached deterministically, never in the simulation: not "reached"
        assert "Target rank 5: probability 0.0 %, deterministic rank 5 — uncertain" in shown


async def test_the_optimiser_can_be_stopped(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long run shows its progress and x stops it: no result, nothing ticked."""
    started = threading.Event()

    def slow(*args: object, progress: Progress, **kw: object) -> None:
        for k in range(2000):
            progress(k, 2000)
            started.set()
            time.sleep(0.005)
        raise AssertionError("not stopped")

    monkeypatch.setattr("ictscore.tui.screens.plan.plan", slow)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p", "o")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await asyncio.to_thread(started.wait, 5)
        await pilot.pause(0.1)
        assert screen.running()
        assert screen.query_one("#plan-progress").display
        await pilot.press("x")
        await done(app)
        await pilot.pause()
        assert not screen.running()
        assert screen.report is None and screen.ticked() == []
        assert not screen.query_one("#plan-progress").display
