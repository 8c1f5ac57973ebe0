"""Bước tiếp theo in the TUI: the list is `planning.next_steps` for the session as it stands, and
Enter applies a step as one undoable edit that moves the score and rank by what the row claims."""

from __future__ import annotations

import math

from textual.widgets import DataTable, Static

from ictscore.planning.next_steps import NextSteps, next_steps
from ictscore.presentation import display
from ictscore.tui.app import IctscoreApp
from ictscore.tui.screens.main import MainScreen
from ictscore.tui.screens.next_steps import NextStepsScreen

from .test_flows import SIZE, MakeApp, done, rank, summary


def expected(app: IctscoreApp, per_cost: bool = False) -> NextSteps:
    s = app.session
    return next_steps(s.engine, s.result, s.focus, s.scenario.file.lever, per_cost)


def row(screen: NextStepsScreen, k: int) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(getattr(c, "plain", c)) for c in table.get_row_at(k)]


async def test_next_steps_lists_applies_and_undoes(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        want = expected(app)
        first = want.steps[0]
        start_score = app.session.result.score(app.session.focus)
        start_rank = rank(app)
        await pilot.press("n")
        await done(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NextStepsScreen)
        assert screen.answer == want
        cells = row(screen, 0)
        crit = app.session.scenario.criteria
        dec = crit.decimals(crit.root)
        assert cells[0].rstrip("…") in crit.label(first.node, "vi")
        assert first.node not in " ".join(cells)  # the name, never the id
        assert cells[2] == display.number(first.gain, dec, "vi", sign=True)
        assert cells[3] == str(first.rank)
        assert cells[4] == display.number(first.gap_above, dec, "vi")
        assert first.lever is not None  # the default scenario's best step has a lever
        assert cells[-1] == display.money_short(first.lever.cost, "vi")
        assert "120 triệu đ" in cells[-1]
        assert "Sở Nội vụ: hạng 10, 711,0 điểm" in str(
            screen.query_one("#next-head", Static).render()
        )

        await pilot.press("enter")
        await done(app)
        await pilot.pause()
        assert isinstance(app.screen, NextStepsScreen)
        after = app.session.result.score(app.session.focus)
        assert start_score is not None and after is not None
        assert math.isclose(after - start_score, first.gain, abs_tol=1e-9)
        assert rank(app) == first.rank
        last = app.session.changes[-1]
        assert (last.node, last.value, last.note) == (first.node, first.to, "Bước tiếp theo")
        assert last.author is not None and last.date is not None  # signed like other edits
        # the list is computed again on the new what-if: that step is no longer offered
        assert screen.answer == expected(app)
        assert first.node not in {s.node for s in screen.answer.steps}

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        shown = summary(app)
        assert f"→ {display.number(after, dec, 'vi')}" in shown
        assert f"→ #{first.rank}" in shown or f"→ {first.rank}" in shown
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert rank(app) == start_rank
        assert app.session.result.score(app.session.focus) == start_score


async def test_next_steps_by_gain_per_cost(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await done(app)
        await pilot.press("o")
        await done(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NextStepsScreen)
        want = expected(app, per_cost=True)
        assert screen.answer == want
        by_gain = expected(app)
        # the toggle changes the order: steps no lever delivers go last
        assert [s.node for s in want.steps] != [s.node for s in by_gain.steps]
        assert by_gain.steps[1].lever is None and want.steps[1].lever is not None
        assert row(screen, 1)[0].rstrip("…") in app.session.scenario.criteria.label(
            want.steps[1].node, "vi"
        )
        per = [s.per_cost for s in want.steps if s.per_cost is not None]
        assert per == sorted(per, reverse=True)
        assert row(screen, 0)[-1] == display.money_short(want.steps[0].lever.cost, "vi")  # type: ignore[union-attr]
        assert "theo điểm trên kinh phí" in str(screen.query_one("#next-head", Static).render())


async def test_next_steps_in_help_and_palette(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Bước tiếp theo" in titles
        await pilot.press("f1")
        await pilot.pause()
        text = app.screen._text()  # type: ignore[attr-defined]
        assert "| `n` | Bước tiếp theo |" in text
