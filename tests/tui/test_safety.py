"""The planner never loses or misattributes work (issue 10), driven by real key presses."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from ictscore.formats import scenario_toml
from ictscore.formats.scenario import load_scenario
from ictscore.tui import app as app_module
from ictscore.tui.app import IctscoreApp
from ictscore.tui.screens.compare import CompareScreen
from ictscore.tui.screens.confirm import ChoiceScreen
from ictscore.tui.screens.main import MainScreen
from ictscore.tui.screens.prompt import PromptScreen

from .conftest import ONLINE, SIZE, MakeApp, beside, done, find, journal_of

S766 = "bac-giang-766-2024.toml"


def messages(app: IctscoreApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_escape_on_restore_keeps_the_journal(make_app: MakeApp, scenario_copy: Path) -> None:
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, ONLINE)
        await pilot.press("2", "0", "enter")
        await pilot.pause()
    journal = journal_of(scenario_copy)
    kept = journal.read_bytes()
    for _ in range(2):  # asked again next time, and the time after
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            await find(pilot, ONLINE)
            await pilot.press("plus")  # an edit now must not overwrite the journal
            await pilot.pause()
        assert journal.read_bytes() == kept


async def test_save_after_undoing_every_edit_asks_and_redo_brings_all_back(
    make_app: MakeApp, scenario_copy: Path
) -> None:
    before = scenario_copy.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, ONLINE)
        await pilot.press("plus", "plus")
        await pilot.pause()
        assert app.session.cursor == 3
        await pilot.press("R")
        await pilot.pause()
        assert app.session.cursor == 0
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)  # the file's change would go: ask
        await pilot.press("escape")
        await done(app)
        assert scenario_copy.read_bytes() == before
        await pilot.press("ctrl+y")  # one step: every edit undone by R comes back
        await pilot.pause()
        assert app.session.cursor == 3
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.cursor == 2  # and undo is one edit again


async def test_another_focus_keeps_the_plan_where_it_was_and_can_be_undone(
    make_app: MakeApp, scenario_copy: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        s = app.session
        mine = s.value(ONLINE, "so-noi-vu")
        peer = s.value(ONLINE, "so-tu-phap")
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"Tư pháp", "enter")
        await pilot.pause()
        assert app.session.focus == "so-tu-phap"
        # the file's change was made for Sở Nội vụ: it stays with it
        assert s.value(ONLINE, "so-noi-vu") == mine and s.value(ONLINE, "so-tu-phap") == peer
        assert [c.entity for c in s.applied()] == ["so-noi-vu"]
        await pilot.press("ctrl+z")  # changing the focus was an edit: undone
        await pilot.pause()
        assert s.focus == "so-noi-vu" and [c.entity for c in s.applied()] == [None]
        assert not s.dirty
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert s.focus == "so-tu-phap"
        await pilot.press("ctrl+s")
        await done(app)
    saved = load_scenario(scenario_copy)
    assert saved.focus == "so-tu-phap" and saved.applied()[0].entity == "so-noi-vu"


async def test_quit_then_save_on_the_installed_example_saves_a_copy_here(
    make_app: MakeApp, scenario_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr(app_module, "in_installed_bundle", lambda path: True)
    original = scenario_copy.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-save")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)  # as ctrl+s: a copy, where one works
        await pilot.press("enter")
        await done(app)
    assert scenario_copy.read_bytes() == original
    assert load_scenario(work / scenario_copy.name).applied() == []


async def test_a_wrong_file_added_to_compare_is_refused_and_the_comparison_stays(
    make_app: MakeApp, scenario_copy: Path
) -> None:
    app = make_app()
    other = scenario_copy.parent / "dti-2022-bac-giang.toml"  # another framework
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        paths = list(screen.paths)
        rows = screen.query_one("#compare-table").row_count  # type: ignore[attr-defined]
        assert rows > 0
        for wrong in (str(other), str(scenario_copy.parent / "missing.toml")):
            await pilot.press("a")
            await pilot.pause()
            await pilot.press(*wrong, "enter")
            await pilot.pause()
            assert app.screen is screen and screen.paths == paths
            assert messages(app)[-1].startswith("Không thêm được:")
            assert screen.query_one("#compare-table").row_count == rows  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["nowhere/plan.toml", "plan.txt"])
async def test_save_as_refuses_a_missing_folder_and_a_name_not_toml(
    make_app: MakeApp, scenario_copy: Path, name: str
) -> None:
    target = scenario_copy.parent / name
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *str(target), "enter")
        await done(app)
        assert messages(app)[-1].startswith("Không lưu được:")
        assert app.session.scenario.path == scenario_copy
    assert not target.exists() and not (scenario_copy.parent / "nowhere").exists()


async def test_a_full_disk_on_save_is_a_message_and_nothing_is_lost(
    make_app: MakeApp, scenario_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(target: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(scenario_toml, "atomic_write", full)
    before = scenario_copy.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, ONLINE)
        await pilot.press("plus")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await done(app)
        assert "No space left on device" in messages(app)[-1]
        assert app.session.dirty and app.session.cursor == 2
    assert scenario_copy.read_bytes() == before
    assert journal_of(scenario_copy).exists()  # the edit survives in the journal


async def test_a_group_the_data_supplies_says_so_and_can_be_edited_within_its_bounds(
    make_app: MakeApp, scenario_copy: Path
) -> None:
    app = make_app(scenario_copy.parent / S766)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, "dvc_toan_trinh")  # below a group whose score the data gives
        await pilot.press("e")
        await pilot.pause()
        assert "Dữ liệu đã cho điểm của" in messages(app)[-1]
        await pilot.press("escape")
        await pilot.press("shift+left")  # the group itself
        await pilot.pause()
        group = app.screen.selected  # type: ignore[attr-defined]
        assert group == "dich_vu_cong_truc_tuyen"
        hi = app.session.scenario.bounds[group][1]
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *f"{hi + 5:g}", "enter")
        await pilot.pause()
        assert app.session.cursor == 1  # refused with a message, not an exception
        assert any("outside what" in m for m in messages(app))
        await pilot.press("ctrl+a", "ctrl+k", *"11", "enter")
        await pilot.pause()
        assert app.session.cursor == 2
        assert app.session.applied()[-1].node == group
        assert app.session.applied()[-1].value == 11.0


async def test_compare_with_another_focus_shows_each_baseline(
    make_app: MakeApp, scenario_copy: Path
) -> None:
    beside(scenario_copy, "peer.toml", 'focus = "so-noi-vu"', 'focus = "so-tu-phap"')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one("#compare-table")
        root = [str(c).strip() for c in table.get_row("tong_diem")]  # type: ignore[attr-defined]
        base = app.session.baseline
        for entity in ("so-noi-vu", "so-tu-phap"):
            assert f"#{base.rank(entity)}" in " ".join(root)
        assert len(root) == 1 + 2 * (1 + len(screen.paths)) + 1  # a baseline per scenario
