"""An edit repaints what it changed and nothing else, and what it paints is what a table, a
tree and a summary made anew would paint (issue 11: an edit as fast as a cursor move)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable
from textual.widgets.tree import TreeNode

from ictscore.formats.scenario import load_scenario
from ictscore.planning.session import Session
from ictscore.tui.app import IctscoreApp
from ictscore.tui.screens import main as main_screen
from ictscore.tui.screens.main import MainScreen
from ictscore.tui.widgets.node_tree import NodeTree
from ictscore.tui.widgets.ranking_table import RankingTable

from ..conftest import SCENARIOS

MakeApp = Callable[..., IctscoreApp]
ONLINE = "hd_ty_le_nop_truc_tuyen"
SIZE = (120, 40)


async def find(pilot: Pilot[None], text: str) -> None:
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


def rows(table: RankingTable) -> list[list[str]]:
    """Every row's cells as text, in the order shown."""
    return [[str(c) for c in table.get_row_at(k)] for k in range(table.row_count)]


def painted(table: RankingTable) -> list[str]:
    """The lines of the table on screen, rendered now (from its caches where it has them)."""
    return [table.render_line(y).text for y in range(table.size.height)]


async def refilled(pilot: Pilot[None], table: RankingTable) -> tuple[list[list[str]], list[str]]:
    """What the same table shows when filled from scratch for the same session, scrolled as
    it was (a table filled anew scrolls the focus into view from the top)."""
    assert table._shown is not None
    scrolled = table.scroll_offset.y
    table._layout = None  # another layout: the next show fills it anew
    table.show(*table._shown)
    await pilot.pause()
    table.scroll_to(y=scrolled, animate=False, immediate=True)
    await pilot.pause()
    assert table.scroll_offset.y == scrolled
    return rows(table), painted(table)


class Spy:
    """Counts calls of a method while still calling it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> None:
        self.calls: list[tuple[Any, ...]] = []
        original = getattr(owner, name)

        def spy(obj: Any, *args: Any, **kwargs: Any) -> Any:
            self.calls.append((obj, *args))
            return original(obj, *args, **kwargs)

        monkeypatch.setattr(owner, name, spy)


async def test_the_first_paint_fills_the_ranking_once(make_app: MakeApp) -> None:
    """Filled before its first layout, the table filled again on the first resize: two fills
    of every row on the way to the first screen."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(RankingTable)
        assert table.filled == 1 and table.row_count == len(app.session.result.entity_ids)
        assert table.cursor_row == table.get_row_index(app.session.focus)  # put on the focus
        await pilot.resize_terminal(100, 40)  # a new width is a new layout: filled again
        await pilot.pause()
        assert table.filled == 2


async def test_an_edit_updates_cells_and_never_refills_the_ranking(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, "at_danh_gia")
        main = app.screen
        assert isinstance(main, MainScreen)
        table = main.query_one(RankingTable)
        filled = table.filled
        clears = Spy(monkeypatch, DataTable, "clear")
        adds = Spy(monkeypatch, DataTable, "add_row")
        sorts = Spy(monkeypatch, DataTable, "sort")
        before = app.session.result.rank(app.session.focus)
        await pilot.press("plus")  # an independent assessment: 10th → 8th, rows move
        await pilot.pause()
        assert app.session.result.rank(app.session.focus) != before
        await pilot.press("minus")
        await pilot.pause()
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+y")
        await pilot.pause()
        assert table.filled == filled
        assert clears.calls == [] and adds.calls == [] and sorts.calls == []
        shown = rows(table), painted(table)
        assert any("► " in r[0] for r in shown[0])
        assert shown == await refilled(pilot, table)  # the same cells, order and pixels


async def test_only_the_rows_that_changed_are_repainted(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, "ht_bang_thong")
        table = app.screen.query_one(RankingTable)
        await pilot.pause()
        lines = Spy(monkeypatch, RankingTable, "_render_line")
        # bandwidth 30 → 35 %: the focus's score moves (711 → 712,25), its rank does not, so its
        # row alone changes
        f = app.session.focus
        before = app.session.result.rank(f), app.session.result.score(f)
        await pilot.press("plus")
        await pilot.pause()
        after = app.session.result.rank(f), app.session.result.score(f)
        assert after[0] == before[0] and after[1] != before[1]
        repainted = {args[1] for args in lines.calls}
        focus_line = table.get_row_index(app.session.focus) + table.header_height
        assert repainted == {focus_line}, repainted
        assert painted(table) == (await refilled(pilot, table))[1]


async def test_an_edit_relabels_the_indicator_and_its_ancestors_only(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, "hd_ty_le_nop")
        labels = Spy(monkeypatch, NodeTree, "_label")
        await pilot.press("plus")
        await pilot.pause()
        crit = app.session.scenario.criteria
        reach = {ONLINE, *crit.ancestors(ONLINE)}
        asked = {args[1] for args in labels.calls}
        assert asked and asked <= reach
        tree = app.screen.query_one(NodeTree)
        # what the tree shows is what relabelling every line gives
        shown = [str(n.label) for n in _nodes(tree.root)]
        tree._relabel()
        assert shown == [str(n.label) for n in _nodes(tree.root)]
        # undo may reach anything: every line is looked at again
        labels.calls.clear()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert {args[1] for args in labels.calls} == set(tree._lines)


def _nodes(root: TreeNode[str]) -> list[TreeNode[str]]:
    out, stack = [], [root]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(n.children)
    return out


async def test_a_burst_of_keys_draws_the_charts_once(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    pause = 1.0  # longer than the pause of a person, so that a loaded machine keeps the burst
    monkeypatch.setattr(main_screen, "CHART_PAUSE", pause)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, "hd_ty_le_nop")
        await pilot.press("g")
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        drawn = main.chart_draws
        assert drawn >= 1  # opening the tab draws them at once
        await pilot.press("plus", "plus", "plus", "plus", "plus")
        await pilot.pause()
        assert main.chart_draws == drawn  # not yet: the keys have not paused
        await pilot.pause(pause * 2)
        assert main.chart_draws == drawn + 1
        assert app.session.value(ONLINE) == 35.0
        await pilot.press("g")  # the ranking: edits there never draw the hidden charts
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause(pause * 2)
        assert main.chart_draws == drawn + 1


@pytest.fixture
def communes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> IctscoreApp:
    monkeypatch.setenv("ICTSCORE_JOURNAL_DIR", str(tmp_path))
    scenario = load_scenario(SCENARIOS / "communes-2025-illustrative.toml")
    return IctscoreApp(Session.open(scenario), lang="vi")


async def test_at_3321_communes_edits_patch_the_table_in_place(
    communes: IctscoreApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = communes
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(RankingTable)
        assert table.row_count == 3321
        await find(pilot, "nhan_thuc_so")
        await pilot.press("e", *"0.2", "enter")
        await pilot.pause()
        filled = table.filled
        adds = Spy(monkeypatch, DataTable, "add_row")
        start = app.session.result.rank(app.session.focus)
        for _ in range(4):
            await pilot.press("plus")
            await pilot.pause()
        assert app.session.result.rank(app.session.focus) != start  # rows did move
        assert table.filled == filled and adds.calls == []
        assert str(table.get_row(app.session.focus)[0]).startswith("► ")
        assert table.cursor_row == table.get_row_index(app.session.focus)
        assert (rows(table), painted(table)) == await refilled(pilot, table)
