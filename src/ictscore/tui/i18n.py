"""The planner's way into the message catalogue: `tr("English", lang, **fields)`.

Strings are written in English in the code; their translations are in the one catalogue
(`ictscore/locale/<lang>/LC_MESSAGES/ictscore.po`, see `ictscore.presentation.i18n`), shared
with the CLI and the reports so that a term reads the same on the screen and on paper.
`pybabel extract` (run by `scripts/i18n.py`) finds every literal passed to `tr`, to `N_`, and
every `Binding` description and tooltip.
"""

from __future__ import annotations

from ictscore.presentation import i18n
from ictscore.presentation.i18n import N_

__all__ = ["N_", "tr"]


def tr(text: str, lang: str, **fmt: object) -> str:
    """`text` is the message itself (the English msgid the extractor reads from this call),
    not a key: the report writers' phrases by key are `ictscore.presentation.words.word`."""
    return i18n.gettext(text, lang, **fmt)
