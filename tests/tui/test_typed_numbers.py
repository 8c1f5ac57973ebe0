"""The planner reads numbers as a Vietnamese types them, says what it understood, and asks
when a text reads two ways for the indicator (issue 9, part 2)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from ictscore.formats.criteria import Indicator
from ictscore.tui.app import IctscoreApp
from ictscore.tui.screens.confirm import ChoiceScreen
from ictscore.tui.screens.main import MainScreen
from ictscore.tui.screens.prompt import PromptScreen
from ictscore.tui.widgets.value_editor import ValueEditor

pytestmark = pytest.mark.slow

MakeApp = Callable[..., IctscoreApp]
SIZE = (120, 40)


async def _find(pilot: Pilot[None], text: str) -> None:
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


async def test_one_thousand_or_one_is_asked(make_app: MakeApp, scenario_copy: Path) -> None:
    app = make_app(scenario_copy.parent / "dti-2022-bac-giang.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        crit = app.session.scenario.criteria
        ratio = next(i for i in crit.indicators() if i.range == (0.0, 1.0))
        assert isinstance(ratio, Indicator)
        await _find(pilot, ratio.id)
        main = app.screen
        assert isinstance(main, MainScreen) and main.selected == ratio.id
        await pilot.press("0", "comma", "5")
        await pilot.pause()
        editor = main.query_one(ValueEditor)
        assert str(editor.border_subtitle).startswith("= 0,5")  # echoed before Enter
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.value(ratio.id) == 0.5
        await pilot.press("1", "full_stop", "0", "0", "0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)  # never guessed
        assert "1000" in app.screen.question and "1" in app.screen.question
        await pilot.click("#choice-1")  # the second reading: one
        await pilot.pause()
        assert app.session.value(ratio.id) == 1.0


async def test_search_ignores_diacritics(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        crit = app.session.scenario.criteria
        target = crit.nodes["hd_ty_le_nop_truc_tuyen"]
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"ty le ho so")  # "Tỷ lệ hồ sơ ...", typed without diacritics
        await pilot.pause()
        shown = [str(o.prompt) for o in app.screen._filtered("ty le ho so")]
        assert any(target.name_vi in s for s in shown)
