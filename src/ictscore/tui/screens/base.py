"""A screen whose footer, help and palette show binding descriptions in the app's language, and
which repaints when the session changes."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual.binding import ActiveBinding
from textual.screen import Screen

from ictscore.tui.i18n import tr
from ictscore.tui.messages import SessionChanged

if TYPE_CHECKING:
    from ictscore.tui.app import IctscoreApp


class TranslatedScreen(Screen[None]):
    @property
    def ictapp(self) -> IctscoreApp:
        return cast("IctscoreApp", self.app)

    @property
    def lang(self) -> str:
        """The planner's language, one place for every screen (Vietnamese unless it says)."""
        return str(getattr(self.app, "lang", "vi"))

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        lang = self.lang
        out = {}
        for key, ab in super().active_bindings.items():
            b = ab.binding
            desc = tr(b.description, lang) if b.description else b.description
            tip = tr(b.tooltip, lang) if b.tooltip else b.tooltip
            out[key] = ab._replace(binding=replace(b, description=desc, tooltip=tip), tooltip=tip)
        return out

    def on_session_changed(self, message: SessionChanged) -> None:
        self.session_changed(message.node, message.repeat)

    def session_changed(self, node: str | None, repeat: bool = False) -> None:
        """Repaint after a change of the session (see SessionChanged); a screen with a `show`
        repaints all of itself, the main screen only what the change reached."""
        show = getattr(self, "show", None)
        if callable(show):
            show()
