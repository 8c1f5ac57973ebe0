"""Textual's own key names and commands are in the catalogue and shown translated."""

from __future__ import annotations

import textual.command
import textual.containers
import textual.screen
import textual.widgets
from textual.app import App
from textual.binding import Binding

from ictscore.presentation import i18n
from ictscore.tui import textual_words


def _textual_class(name: str) -> type:
    for mod in (textual.widgets, textual.containers, textual.screen, textual.command):
        if hasattr(mod, name):
            return getattr(mod, name)  # type: ignore[no-any-return]
    assert name == "App"
    return App


def test_every_binding_of_the_widgets_the_planner_uses_is_in_the_catalogue() -> None:
    """A Textual upgrade that adds a key to Tree or Input fails here, not on a user's screen."""
    marked = set(textual_words.BINDINGS)
    missing = set()
    for name in textual_words.WIDGETS:
        for klass in _textual_class(name).__mro__:
            for b in getattr(klass, "BINDINGS", ()) or ():
                desc = b.description if isinstance(b, Binding) else (b[2] if len(b) > 2 else "")
                if desc and desc not in marked:
                    missing.add((klass.__name__, desc))
    assert not missing


def test_they_read_vietnamese() -> None:
    assert i18n.gettext("Cursor Up", "vi") == "Lên"
    assert i18n.gettext("Scroll Home", "vi") == "Cuộn lên đầu"
    assert i18n.gettext("Copy selected text", "vi") == "Sao chép đoạn đã chọn"
    assert i18n.gettext(textual_words.PALETTE_PLACEHOLDER, "vi") == "Tìm lệnh…"
    for msgid in textual_words.BINDINGS + textual_words.SYSTEM_COMMANDS:
        assert i18n.gettext(msgid, "vi") != msgid, msgid
