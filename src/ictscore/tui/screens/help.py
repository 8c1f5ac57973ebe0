"""F1 / ?: every key of the screen underneath, and how the planner works, in the chosen language."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

from ictscore.tui.i18n import N_, tr

INTRO = N_(
    """# ictscore — planning a better rank

Select an **indicator** in the tree on the left (arrows, or `/` to find one), type a new value and
press Enter, or step it with `+`/`-`. Every entity is recomputed at once (rules relative to the
best entity move everyone). Each edit goes into the scenario's edit log: `ctrl+z`/`ctrl+y` undo
and redo; `ctrl+s` saves. Unsaved edits are journaled as you type, so a crash loses nothing.

Charts (the *Charts* tab): the pillars against the leader, the median and the entity just above;
the rank across the selected indicator's whole range, the red line at the current value.

`k`: the value the selected indicator needs to gain one rank or reach the target rank. `p`: the
plan — tick levers (space), `o` finds the best ones within the budget (`b`), `a` applies them to
the what-if (one `ctrl+z` takes them back); the Monte Carlo rank distribution.

`h`: the edit log — who changed what, when and why (`a` annotates: note, source document). `x`:
export the results (.xlsx, .csv, .json, .md); `X`: write the report (.html, .md).
"""
)
"""How the planner works, in the catalogue like every other text (one long message, so a
translator sees the whole page)."""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "close", "Close"),
    ]

    def __init__(self, under: Screen[object], lang: str) -> None:
        super().__init__()
        self.under = under
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Markdown(self._text())

    def _text(self) -> str:
        lang = self.lang
        rows = []
        seen = set()
        for key, ab in self.under.active_bindings.items():
            b = ab.binding
            if not b.description or b.action in seen:
                continue
            seen.add(b.action)
            keys = self.app.get_key_display(b)
            rows.append(f"| `{keys}` | {tr(b.description, lang)} | {tr(b.tooltip, lang)} |")
            del key
        cols = (tr("Key", lang), tr("Command", lang), tr("What it does", lang))
        head = "| " + " | ".join(cols) + " |\n|---|---|---|\n"
        palette = "\n" + tr("`ctrl+p`: every command in the command palette.", lang) + "\n"
        return tr(INTRO, lang) + "\n" + head + "\n".join(rows) + "\n" + palette

    def action_close(self) -> None:
        self.dismiss(None)
