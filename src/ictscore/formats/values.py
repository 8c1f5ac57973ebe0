"""Turning what a person typed or a file held into a value the engine accepts.

One function serves the data loader, the scenario's edit log and the TUI's input, so a value
refused in one place is refused everywhere with the same words.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ictscore.formats.criteria import Aggregate, Indicator, Node
from ictscore.formats.message import N_
from ictscore.scoring.base import Bounds, Value

__all__ = ["Value", "coerce", "coercer"]

_YES = {"1", "yes", "y", "true", "có", "co", "x", "đạt", "dat"}
_NO = {"0", "no", "n", "false", "không", "khong", "chưa", "chua", ""}


def coerce(node: Node, raw: object, bounds: Bounds | None = None) -> Value:
    """Return the value for `node`, or raise ValueError with a message fit for a planner.

    `bounds` are what a group `node` can score (formats.reach): a value given for a group
    beyond them (a QĐ 766 total of 131 out of 100) is a typo, refused like an indicator's
    value outside its range.
    """
    if isinstance(node, Indicator) and node.rule.values == "category":
        key = str(raw).strip()
        keys = node.rule.keys()
        if key not in keys:
            raise ValueError(
                N_(
                    "'{key}' is not a category of '{id}' (one of: {value})",
                    key=key,
                    id=node.id,
                    value=", ".join(keys),
                )
            )
        return key
    if isinstance(node, Indicator) and node.rule.values == "yes_no":
        if isinstance(raw, bool):
            return 1.0 if raw else 0.0
        if isinstance(raw, int | float) and raw in (0, 1):
            return float(raw)
        word = str(raw).strip().lower()
        if word in _YES:
            return 1.0
        if word in _NO and word != "":
            return 0.0
        raise ValueError(N_("'{raw}' is not yes/no for '{id}' (use 1 or 0)", raw=raw, id=node.id))
    value = _number(node, raw)
    if isinstance(node, Indicator) and node.range is not None:
        lo, hi = node.range
        if not lo <= value <= hi:
            raise ValueError(
                N_(
                    "{value:g} is outside the valid range of '{id}' ({lo:g} to {hi:g}{value2})",
                    value=value,
                    id=node.id,
                    lo=lo,
                    hi=hi,
                    value2=" " + node.unit if node.unit else "",
                )
            )
    if isinstance(node, Aggregate) and bounds is not None:
        lo, hi = bounds
        tol = 1e-9 * max(1.0, abs(lo), abs(hi))
        if not lo - tol <= value <= hi + tol:
            raise ValueError(
                N_(
                    "{value:g} is outside what '{id}' can score ({lo:g} to {hi:g})",
                    value=value,
                    id=node.id,
                    lo=lo,
                    hi=hi,
                )
            )
    return value


def _number(node: Node, raw: object) -> float:
    if isinstance(raw, bool):
        raise ValueError(N_("'{node}' needs a number, not true/false", node=node.id))
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip()
        try:
            value = float(text)
        except ValueError:
            msg = (
                N_(
                    "'{text}' is not a number ('{node}' needs an aggregate score)",
                    text=text,
                    node=node.id,
                )
                if isinstance(node, Aggregate)
                else N_(
                    "'{text}' is not a number ('{node}' needs a number)", text=text, node=node.id
                )
            )
            raise ValueError(msg) from None
    if not math.isfinite(value):
        raise ValueError(
            N_("'{node}' must be a finite number, got {value}", node=node.id, value=value)
        )
    return value


def coercer(node: Node) -> Callable[[str], Value]:
    """`coerce` for one node, on text, made once for a whole column of a data file.

    A number inside the node's range is taken with one `float` and two comparisons; anything
    else (a category, yes/no, a word, NaN, a value out of range) goes through `coerce`, so that
    every value and every message is the one `coerce` gives.
    """
    if isinstance(node, Indicator) and node.rule.values != "number":
        return lambda raw: coerce(node, raw)
    if isinstance(node, Indicator) and node.range is not None:
        lo, hi = node.range

        def in_range(raw: str) -> Value:
            try:
                value = float(raw)
            except ValueError:
                return coerce(node, raw)
            if lo <= value <= hi and math.isfinite(value):
                return value
            return coerce(node, raw)

        return in_range

    def number(raw: str) -> Value:
        try:
            value = float(raw)
        except ValueError:
            return coerce(node, raw)
        return value if math.isfinite(value) else coerce(node, raw)

    return number
