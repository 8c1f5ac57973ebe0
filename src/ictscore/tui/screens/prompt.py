"""Ask for one line of text, optionally offering a filtered list to choose from."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ictscore.presentation.numbers import fold


class PromptScreen(ModalScreen[str | None]):
    """Enter accepts the typed text, or the highlighted option when the list has the focus;
    Down moves from the input into the list; Escape cancels (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("down", "to_list", show=False),
    ]

    def __init__(
        self, title: str, value: str = "", options: list[tuple[str, str]] | None = None
    ) -> None:
        super().__init__()
        self.title_text = title
        self.initial = value
        self.options = options or []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.title_text, id="question")
            yield Input(self.initial, id="prompt-input")
            if self.options:
                yield OptionList(*self._filtered(""), id="prompt-options")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = bool(getattr(self.app, "blink", True))

    def _filtered(self, text: str) -> list[Option]:
        """Options holding every typed word, ignoring case and diacritics ("tuyen truyen"
        finds "Tuyên truyền", "Đ" is "d")."""
        words = fold(text).split()
        return [
            Option(Text(label), id=value)  # Text: a [bracket] in a label is not markup
            for value, label in self.options
            if all(w in fold(label + " " + value) for w in words)
        ]

    def on_input_changed(self, event: Input.Changed) -> None:
        if not self.options:
            return
        ol = self.query_one(OptionList)
        ol.clear_options()
        ol.add_options(self._filtered(event.value))
        if ol.option_count:
            ol.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if self.options and text:
            ol = self.query_one(OptionList)
            exact = [v for v, _ in self.options if v == text]
            if not exact and ol.option_count == 1:
                opt = ol.get_option_at_index(0)
                self.dismiss(opt.id)
                return
        self.dismiss(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_to_list(self) -> None:
        if self.options and isinstance(self.focused, Input):
            self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
