"""A scoring rule in words, for a planner reading why a value earns what it earns.

Shared by the TUI's node panel and any report that explains a node; plain text, no UI.
"""

from __future__ import annotations

from ictscore.formats.criteria import Indicator
from ictscore.presentation import display


def _n(x: float, lang: str) -> str:
    text = display.number(x, 2, lang)
    sep = "," if lang == "vi" else "."
    return text.rstrip("0").rstrip(sep) if sep in text else text


def rule(ind: Indicator, lang: str = "vi") -> str:
    r = ind.rule
    vi = lang == "vi"
    unit = f" {ind.unit}" if ind.unit else ""
    if r.type == "category":
        parts = [
            f"{c.label_vi if vi else c.label_en} → {_n(c.fraction * r.points, lang)}"
            for c in r.categories
        ]
        return "; ".join(parts)
    if r.type == "yes_no":
        return (
            f"có → {_n(r.points, lang)}, không → 0" if vi else f"yes → {_n(r.points, lang)}, no → 0"
        )
    if r.type == "steps":
        steps = sorted(r.steps, key=lambda s: s.at, reverse=ind.direction == "higher")
        cmp = "≥" if ind.direction == "higher" else "≤"
        parts = [f"{cmp} {_n(s.at, lang)}{unit} → {_n(s.points, lang)}" for s in steps]
        other = "còn lại" if vi else "otherwise"
        return "; ".join([*parts, f"{other} → {_n(r.otherwise, lang)}"])
    if r.type == "ratio":
        pts, target, val = _n(r.points, lang), _n(r.target, lang), "giá trị" if vi else "value"
        if ind.direction == "higher":
            core = f"{pts} × {val} ÷ {target}{unit}"
        else:
            core = f"{pts} × {target}{unit} ÷ {val}"
        cap = _n(r.cap * r.points, lang)
        return f"{core}, {'tối đa' if vi else 'at most'} {cap}"
    if r.type == "relative_to_best":
        best = "đơn vị tốt nhất" if vi else "the best peer"
        return f"{_n(r.points, lang)} × {'giá trị' if vi else 'value'} ÷ {best}"
    if r.type == "minmax":
        peers = "giữa các đơn vị" if vi else "across peers"
        return f"{_n(r.points, lang)} × (x − min) ÷ (max − min) {peers}"
    if r.type == "zscore":
        return "(x − trung bình) ÷ độ lệch chuẩn" if vi else "(x − mean) ÷ standard deviation"
    if r.type == "goalposts":
        lo, hi = _n(r.lower, lang), _n(r.upper, lang)
        return f"{_n(r.points, lang)} × (x − {lo}) ÷ ({hi} − {lo})"
    if r.type == "bonus":
        per = "mỗi" if vi else "per"
        return (
            f"{_n(r.per_unit, lang)} {per}{unit or ' unit'}, {_n(r.min, lang)} … {_n(r.max, lang)}"
        )
    return "giá trị là điểm" if vi else "the value is the score"


def value(ind: Indicator, v: object, lang: str = "vi") -> str:
    """A raw value as a planner reads it: the category's label, yes/no, or number with unit."""
    if v is None:
        return "—"
    if ind.rule.type == "category":
        for c in ind.rule.categories:
            if c.key == v:
                return c.label_vi if lang == "vi" else c.label_en
        return str(v)
    if ind.rule.type == "yes_no":
        yes = float(v) >= 0.5  # type: ignore[arg-type]
        return ("có" if yes else "không") if lang == "vi" else ("yes" if yes else "no")
    text = _n(float(v), lang)  # type: ignore[arg-type]
    return f"{text} {ind.unit}" if ind.unit else text
