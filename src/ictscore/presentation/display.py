"""Numbers, money and labels the way a Vietnamese official writes them, or in English.

Shared by every face: the CLI table, Markdown, the TUI and reports format through here, so a
score reads 0,8002 in Vietnamese and 0.8002 in English everywhere. The symbols and grouping come
from Babel (CLDR, locale `vi`), not from hand-written replacements; typed numbers are read back
by `ictscore.presentation.numbers`.
"""

from __future__ import annotations

from functools import cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

from ictscore.engine.ranking import displayed
from ictscore.formats.criteria import Criteria
from ictscore.presentation import i18n
from ictscore.presentation.i18n import LANGS

__all__ = ["LANGS", "label", "money", "money_short", "number", "percent"]


def _locale(lang: str) -> str:
    """The Babel locale of a language: its own, English for the msgids."""
    return lang if lang in LANGS else "vi"


@cache
def _compiled(pattern: str, locale: str) -> tuple[NumberPattern, Locale]:
    """A pattern parsed once: a table of 3,321 communes formats thousands of numbers, and
    Babel's format_decimal parses its pattern again for each."""
    return parse_pattern(pattern), Locale.parse(locale)


def _format(value: float, decimals: int, pattern: str, lang: str) -> str:
    """Babel's formatting of the value a reader sees (`ranking.displayed`: half up, as an
    official rounds, 655,85 → 655,9), which is also the value the ranks compare; Babel only
    writes it, with the locale's symbols."""
    parsed, locale = _compiled(pattern, _locale(lang))
    text: str = parsed.apply(displayed(value, decimals), locale)  # already rounded: no rounding
    return text


def _pattern(decimals: int, sign: bool, optional: bool = False) -> str:
    frac = ("#" if optional else "0") * decimals
    body = "#,##0" + (f".{frac}" if decimals else "")
    return f"+{body};-{body}" if sign else body


def number(value: float | None, decimals: int = 4, lang: str = "vi", sign: bool = False) -> str:
    """1.234,5000 in Vietnamese, 1,234.5000 in English (Babel's CLDR symbols for the locale)."""
    if value is None:
        return "—"
    return _format(value, decimals, _pattern(decimals, sign), lang)


def short(value: float, decimals: int = 2, lang: str = "vi") -> str:
    """At most `decimals`, trailing zeros dropped: 1,5 and 30 rather than 1,50 and 30,00."""
    return _format(value, decimals, _pattern(decimals, False, True), lang)


def money(vnd: float | None, lang: str = "vi") -> str:
    """12.500.000 đ in Vietnamese, 12,500,000 VND in English."""
    if vnd is None:
        return "—"
    text = number(round(vnd), 0, lang)
    return i18n.gettext("{amount} VND", lang, amount=text)


def money_short(vnd: float, lang: str = "vi") -> str:
    """Large sums as planners say them: 1,5 tỷ đ / 350 triệu đ (1.5 bn VND / 350 m VND)."""
    if abs(vnd) >= 1e9:
        return i18n.gettext("{amount} bn VND", lang, amount=short(vnd / 1e9, 2, lang))
    if abs(vnd) >= 1e6:
        return i18n.gettext("{amount} m VND", lang, amount=short(vnd / 1e6, 0, lang))
    return money(vnd, lang)


def percent(value: float | None, decimals: int = 1, lang: str = "vi") -> str:
    if value is None:
        return "—"
    return number(value * 100, decimals, lang) + " %"


def rank_move(gain: int | None) -> str:
    """Arrow and places gained: ▲2 is two places better, ▼1 one worse."""
    if gain is None:
        return ""
    if gain > 0:
        return f"▲{gain}"
    if gain < 0:
        return f"▼{-gain}"
    return "="


def label(criteria: Criteria, node_id: str, lang: str = "vi", both: bool = True) -> str:
    """The name in `lang`; in another language than Vietnamese, `both` adds the Vietnamese
    name beside it (the official term a reader may have to find). A Vietnamese reader never
    gets an English name."""
    n = criteria.nodes[node_id]
    first, second = n.name(lang), n.name("vi")
    return f"{first} ({second})" if both and lang != "vi" and second != first else first


def score(criteria: Criteria, node_id: str, value: float | None, lang: str = "vi") -> str:
    return number(value, criteria.decimals(node_id), lang)
