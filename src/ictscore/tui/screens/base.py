"""A screen whose footer, help and palette show binding descriptions in the app's language."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding
from textual.screen import Screen

from ictscore.tui.i18n import tr


class TranslatedScreen(Screen[None]):
    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        lang = str(getattr(self.app, "lang", "en"))
        out = {}
        for key, ab in super().active_bindings.items():
            b = ab.binding
            desc = tr(b.description, lang) if b.description else b.description
            tip = tr(b.tooltip, lang) if b.tooltip else b.tooltip
            out[key] = ab._replace(binding=replace(b, description=desc, tooltip=tip), tooltip=tip)
        return out
