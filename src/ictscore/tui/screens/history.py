"""`y`: the focus entity's rank over the years, from the framework's published results.

A chart (one line per series of the lineage: the new Bắc Ninh's own results, and before the
merger the former Bắc Ninh's and Bắc Giang's), its key, and the sentences the report prints.
Says so plainly when the framework names no results file or the entity has no published rank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from ictscore.planning.history import UnitHistory, focus_history
from ictscore.presentation.history import latest_lines, lineage_line
from ictscore.tui.i18n import tr
from ictscore.tui.screens.base import TranslatedScreen
from ictscore.tui.widgets.history_chart import HistoryChart, legend

if TYPE_CHECKING:
    pass


class HistoryScreen(TranslatedScreen):
    CSS_PATH = "history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,y", "back", "Back", tooltip="Back to the planner"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._history: tuple[str, UnitHistory | None] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="history"):
            yield HistoryChart(id="history-chart")
            yield Static(id="history-legend")
            yield Static(id="history-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show()

    def history(self) -> UnitHistory | None:
        """Loaded once per focus entity: the files do not change while the planner runs."""
        s = self.ictapp.session
        if self._history is None or self._history[0] != s.focus:
            uh = focus_history(s.scenario, s.focus)
            self._history = (s.focus, uh if uh is not None and uh.has_ranks() else None)
        return self._history[1]

    def show(self) -> None:
        lang = self.ictapp.lang
        s = self.ictapp.session
        self.title = tr("Rank over the years", lang)
        uh = self.history()
        chart = self.query_one(HistoryChart)
        key = self.query_one("#history-legend", Static)
        text = self.query_one("#history-text", Static)
        chart.display = uh is not None
        if uh is None:
            name = s.result.names.get(s.focus, s.focus)
            if s.scenario.criteria.framework.history is None:
                msg = tr("This framework names no published results of past editions.", lang)
            else:
                msg = tr("No published rank of {name} in past editions.", lang, name=name)
            key.update("")
            text.update(msg)
            return
        chart.show(uh, lang)
        line = Text()
        for k, (color, label) in enumerate(legend(uh, lang)):
            if k:
                line.append("   ")
            line.append("━━ ", style=color)
            line.append(label)
        key.update(line)
        said = [x for x in (lineage_line(uh, lang), *latest_lines(uh, lang)) if x]
        text.update("\n".join(said))

    def action_back(self) -> None:
        self.dismiss(None)
