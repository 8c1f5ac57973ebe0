"""The one message catalogue: every word a user reads, in English (the msgid) and translated.

Strings are written in English in the code and translated through gettext from
`ictscore/locale/<lang>/LC_MESSAGES/ictscore.mo`, built from the `.po` file that
`python scripts/i18n.py` manages with Babel (extract → update → compile). Vietnamese is the first
translation and the default; a third language is a new `.po` file, no code change. The terms are
fixed in `docs/glossary.md` (and the `.po` header). A written document's wording uses the
`pgettext` context "report" where it must differ from the screen's.

Lower layers cannot import this module: they raise `ictscore.formats.message.Message` (English
plus msgid and parameters) and the faces translate it here when they print it.
"""

from __future__ import annotations

import gettext as _gettext
import os
import string
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from ictscore.formats.errors import Problem
from ictscore.formats.message import N_, NP_, Message, context_of

__all__ = ["LANGS", "NP_", "N_", "Message", "default_lang", "gettext", "pgettext", "text"]

DOMAIN = "ictscore"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE = "en"
"""The language of the msgids: needs no catalogue."""
ENV = "ICTSCORE_LANG"
DEFAULT = "vi"


def _languages() -> tuple[str, ...]:
    found = sorted(
        p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
    )
    return (DEFAULT, *[x for x in found if x != DEFAULT], SOURCE)


LANGS = _languages()
"""Vietnamese first, then every compiled catalogue, then English (the msgids)."""


def default_lang(environ: dict[str, str] | None = None) -> str:
    """`ICTSCORE_LANG` when it names a language we have, else Vietnamese."""
    env = os.environ if environ is None else environ
    lang = env.get(ENV, "").strip().lower().split(".")[0].split("_")[0]
    return lang if lang in LANGS else DEFAULT


@cache
def _catalogue(lang: str) -> _gettext.NullTranslations:
    if lang == SOURCE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, [lang], fallback=True)


class _Numbers(string.Formatter):
    """`{value:g}` in a message the language's way: "1.000.000" and "0,9" in Vietnamese rather
    than Python's "1e+06" and "0.9" (the English text keeps Python's, which its tests pin)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> Any:
        if format_spec == "g" and isinstance(value, int | float) and not isinstance(value, bool):
            from babel.numbers import format_decimal

            return format_decimal(value, format="#,##0.######", locale=self.lang)
        return super().format_field(value, format_spec)


def _fill(out: str, fmt: dict[str, Any], lang: str = SOURCE) -> str:
    if not fmt:
        return out
    return out.format(**fmt) if lang == SOURCE else _Numbers(lang).format(out, **fmt)


def gettext(msgid: str, lang: str, /, **fmt: Any) -> str:
    """`msgid` in `lang`, formatted with `fmt`; untranslated text falls back to the English."""
    if isinstance(msgid, Message):  # marked with N_/NP_, maybe with its own parameters
        return _fill(text(msgid, lang), fmt, lang)
    return _fill(_catalogue(lang).gettext(str(msgid)) if msgid else "", fmt, lang)


def pgettext(context: str, msgid: str, lang: str, /, **fmt: Any) -> str:
    """`msgid` in its context: "report" is how a written document words it."""
    return _fill(_catalogue(lang).pgettext(context, msgid), fmt, lang)


def ngettext(singular: str, plural: str, n: int, lang: str, /, **fmt: Any) -> str:
    return _fill(_catalogue(lang).ngettext(singular, plural, n), {"n": n, **fmt}, lang)


def text(message: object, lang: str, names: Mapping[str, str] | None = None) -> str:
    """Any message a lower layer produced, translated when it is a `Message`, else as it is.

    Parameters that are themselves messages (a nested reason) are translated too. `names`
    (node id → its name in `lang`) is for the screens: a loader names a node by its id, which
    is right for a file (the id is its key or column) but not for a planner who sees names.
    """
    if not isinstance(message, Message):
        return str(message)
    ctx = context_of(message)
    params = {
        k: text(v, lang, names)
        if isinstance(v, Message)
        else names[v]
        if names is not None and isinstance(v, str) and v in names
        else v  # a number keeps its format spec
        for k, v in message.params.items()
        if k != "__context__"
    }
    if ctx:
        return pgettext(ctx, message.msgid, lang, **params)
    return gettext(message.msgid, lang, **params)


def problem(p: Problem, lang: str) -> str:
    """A located problem ("file:line [key]: message") with its message in `lang`."""
    place = str(p).removesuffix(f": {p.message}")
    return f"{place}: {text(p.message, lang)}"


def table(words: Mapping[str, str], lang: str) -> dict[str, str]:
    """A keyed table of marked msgids (`N_`/`NP_`) translated into `lang`, for code that
    looks phrases up by key (the CLI tables, the report's words)."""
    return {k: gettext(v, lang) for k, v in words.items()}
