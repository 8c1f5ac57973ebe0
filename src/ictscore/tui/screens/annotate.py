"""Who and why for one change of the edit log: a note, the source document and the author.

The date is not typed: annotating stamps today's date, as an edit does. Enter moves to the next
field and accepts on the last; Escape cancels (None).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ictscore.formats.scenario import Change
from ictscore.tui.i18n import tr

FIELDS = ("note", "source", "author")


class AnnotateScreen(ModalScreen[dict[str, str] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(
        self, title: str, change: Change, author: str | None, date: str, lang: str
    ) -> None:
        super().__init__()
        self.title_text = title
        self.values = {
            "note": change.note or "",
            "source": change.source or "",
            "author": change.author or author or "",
        }
        self.date = date
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        labels = {
            "note": tr("Note (why)", lang),
            "source": tr("Source document", lang),
            "author": tr("Author", lang),
        }
        with Vertical(id="dialog"):
            yield Static(self.title_text, id="question")
            for name in FIELDS:
                yield Label(labels[name])
                yield Input(self.values[name], id=f"annotate-{name}", compact=True)
            yield Static(tr("Date: {date} (today)", lang, date=self.date), id="annotate-date")
            with Horizontal(id="buttons"):
                yield Button(tr("OK", lang), id="choice-ok", variant="primary", compact=True)
                yield Button(tr("Cancel", lang), id="choice-cancel", compact=True)

    def on_mount(self) -> None:
        blink = bool(getattr(self.app, "blink", True))
        for inp in self.query(Input):
            inp.cursor_blink = blink
        self.query_one("#annotate-note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == f"annotate-{FIELDS[-1]}":
            self._accept()
        else:
            self.focus_next(Input)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "choice-ok":
            self._accept()
        else:
            self.dismiss(None)

    def _accept(self) -> None:
        out = {name: self.query_one(f"#annotate-{name}", Input).value.strip() for name in FIELDS}
        out["date"] = self.date
        self.dismiss(out)

    def action_cancel(self) -> None:
        self.dismiss(None)
