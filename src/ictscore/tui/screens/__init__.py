"""Screens of the planner. `EXTRA_SCREENS` is the one registry of screens opened by a key from
the planner: add a screen here (name → factory taking the app) and a binding on the app that
calls `open_screen(name)`, and it gets a footer key and a command-palette entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

    from ictscore.tui.app import IctscoreApp


def _compare(app: IctscoreApp) -> Screen[Any]:
    from ictscore.tui.screens.compare import CompareScreen

    return CompareScreen(app.session)


def _help(app: IctscoreApp) -> Screen[Any]:
    from ictscore.tui.screens.help import HelpScreen

    return HelpScreen(app.screen, app.lang)


def _plan(app: IctscoreApp) -> Screen[Any]:
    from ictscore.tui.screens.plan import PlanScreen

    return PlanScreen(app.session)


def _edit_log(app: IctscoreApp) -> Screen[Any]:
    from ictscore.tui.screens.edit_log import EditLogScreen

    return EditLogScreen()


def _next_steps(app: IctscoreApp) -> Screen[Any]:
    from ictscore.tui.screens.next_steps import NextStepsScreen

    return NextStepsScreen(app.session)


def _history(app: IctscoreApp) -> Screen[Any]:
    from ictscore.tui.screens.history import HistoryScreen

    return HistoryScreen()


EXTRA_SCREENS: dict[str, Callable[[IctscoreApp], Screen[Any]]] = {
    "compare": _compare,
    "help": _help,
    "plan": _plan,
    "edit_log": _edit_log,
    "next_steps": _next_steps,
    "history": _history,
}
