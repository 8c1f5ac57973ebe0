"""A scoring rule in words, for a planner reading why a value earns what it earns.

The rule says what it does as a message key with its data (`RuleBase.describe`); this module
holds the words for each key, in Vietnamese and English. Shared by the TUI's node panel and any
report that explains a node; plain text, no UI.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ictscore.formats.criteria import Criteria, Indicator
from ictscore.presentation import display, i18n
from ictscore.presentation.i18n import N_


def _n(x: float, lang: str) -> str:
    return display.short(x, 2, lang)


_WORDS = {
    "value": N_("value"),
    "best": N_("the best peer"),
    "at_most": N_("at most"),
    "otherwise": N_("otherwise"),
    "peers": N_("across peers"),
    "per": N_("per"),
    "unit": N_(" unit"),
    "yes": N_("yes"),
    "no": N_("no"),
    "direct": N_("the value is the score"),
    "zscore": N_("(x − mean) ÷ standard deviation"),
    "between": N_("linear between the marks"),
}

Params = Mapping[str, object]
Writer = Callable[[Params, str, Mapping[str, str]], str]


def _unit(p: Params) -> str:
    u = str(p.get("unit") or "")
    return f" {u}" if u else ""


def _f(p: Params, key: str) -> float:
    v = p[key]
    assert isinstance(v, int | float)
    return float(v)


def _pairs(p: Params, key: str) -> list[tuple[float, float]]:
    v = p[key]
    assert isinstance(v, list)
    return [(float(a), float(b)) for a, b in v]


def _category(p: Params, lang: str, w: Mapping[str, str]) -> str:
    cats = p["categories"]
    assert isinstance(cats, list)
    return "; ".join(f"{labels[lang]} → {_n(pts, lang)}" for labels, pts in cats)


def _steps(cmp: str) -> Writer:
    def write(p: Params, lang: str, w: Mapping[str, str]) -> str:
        parts = [
            f"{cmp} {_n(at, lang)}{_unit(p)} → {_n(pts, lang)}" for at, pts in _pairs(p, "steps")
        ]
        return "; ".join([*parts, f"{w['otherwise']} → {_n(_f(p, 'otherwise'), lang)}"])

    return write


def _ratio(p: Params, lang: str, w: Mapping[str, str]) -> str:
    core = f"{_n(_f(p, 'points'), lang)} × {w['value']} ÷ {_n(_f(p, 'target'), lang)}{_unit(p)}"
    return f"{core}, {w['at_most']} {_n(_f(p, 'most'), lang)}"


def _ratio_lower(p: Params, lang: str, w: Mapping[str, str]) -> str:
    core = f"{_n(_f(p, 'points'), lang)} × {_n(_f(p, 'target'), lang)}{_unit(p)} ÷ {w['value']}"
    return f"{core}, {w['at_most']} {_n(_f(p, 'most'), lang)}"


def _goalposts(p: Params, lang: str, w: Mapping[str, str]) -> str:
    lo, hi = _n(_f(p, "lower"), lang), _n(_f(p, "upper"), lang)
    return f"{_n(_f(p, 'points'), lang)} × (x − {lo}) ÷ ({hi} − {lo})"


def _goalposts_lower(p: Params, lang: str, w: Mapping[str, str]) -> str:
    lo, hi = _n(_f(p, "lower"), lang), _n(_f(p, "upper"), lang)
    return f"{_n(_f(p, 'points'), lang)} × ({hi} − x) ÷ ({hi} − {lo})"


def _bonus(p: Params, lang: str, w: Mapping[str, str]) -> str:
    unit = _unit(p) or w["unit"]
    lo, hi = _n(_f(p, "min"), lang), _n(_f(p, "max"), lang)
    return f"{_n(_f(p, 'per_unit'), lang)} {w['per']}{unit}, {lo} … {hi}"


def _bands(p: Params, lang: str, w: Mapping[str, str]) -> str:
    marks = "; ".join(
        f"{_n(at, lang)}{_unit(p)} → {_n(pts, lang)}" for at, pts in _pairs(p, "bands")
    )
    return f"{marks} ({w['between']})"


WRITERS: dict[str, Writer] = {
    "rule.direct": lambda p, lang, w: w["direct"],
    "rule.ratio": _ratio,
    "rule.ratio_lower": _ratio_lower,
    "rule.steps": _steps("≥"),
    "rule.steps_lower": _steps("≤"),
    "rule.category": _category,
    "rule.yes_no": lambda p, lang, w: f"{w['yes']} → {_n(_f(p, 'points'), lang)}, {w['no']} → 0",
    "rule.relative_to_best": lambda p, lang, w: (
        f"{_n(_f(p, 'points'), lang)} × {w['value']} ÷ {w['best']}"
    ),
    "rule.minmax": lambda p, lang, w: (
        f"{_n(_f(p, 'points'), lang)} × (x − min) ÷ (max − min) {w['peers']}"
    ),
    "rule.zscore": lambda p, lang, w: w["zscore"],
    "rule.goalposts": _goalposts,
    "rule.goalposts_lower": _goalposts_lower,
    "rule.bonus": _bonus,
    "rule.bands": _bands,
}
"""The words of every rule's message key; a test checks each registered rule has its entry."""


def node_names(criteria: Criteria, lang: str) -> dict[str, str]:
    """Every node's name in `lang` by its id, for `i18n.text(..., names)`: a loader's message
    names a node by its id (a file's key or column), a planner on a screen knows it by name."""
    return {n: criteria.label(n, lang) for n in criteria.nodes}


def rule(ind: Indicator, lang: str = "vi") -> str:
    key, params = ind.rule.describe(ind)
    return WRITERS[key](params, lang, i18n.table(_WORDS, lang))


def value(ind: Indicator, v: object, lang: str = "vi") -> str:
    """A raw value as a planner reads it: the category's label, yes/no, or number with unit."""
    if v is None:
        return "—"
    label = ind.rule.label(v, lang)
    if label is not None:
        return label
    if ind.rule.values == "category":
        return str(v)
    if ind.rule.values == "yes_no":
        yes = float(v) >= 0.5  # type: ignore[arg-type]
        return i18n.gettext(_WORDS["yes" if yes else "no"], lang)
    text = _n(float(v), lang)  # type: ignore[arg-type]
    return f"{text} {ind.unit}" if ind.unit else text
