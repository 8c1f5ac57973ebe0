"""The registry of aggregation methods: every module of this package defines one, as `METHOD`.

An aggregate names its method by `method = "..."`; the engine compiles it once per framework,
the Monte Carlo uses its numpy form, bounds and descriptions come from it too.
"""

from __future__ import annotations

import importlib
import pkgutil

from ictscore.scoring.methods.base import Method


def _discover() -> dict[str, Method]:
    found: dict[str, Method] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        method: Method = module.METHOD
        found[method.name] = method
    return found


METHODS: dict[str, Method] = _discover()
"""Method name → method, in name order."""


def method(name: str) -> Method:
    return METHODS[name]


__all__ = ["METHODS", "Method", "method"]
