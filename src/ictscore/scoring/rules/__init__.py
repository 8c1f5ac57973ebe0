"""The registry of scoring rules: every module of this package defines one, as `RULE`.

Adding a rule type is adding a module here; the union of rule models in criteria files, the
engine, the Monte Carlo, goal seeking, bounds and descriptions all find it by its `type`.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING, Annotated, Union

from pydantic import Field

from ictscore.scoring.base import RuleBase


def _discover() -> dict[str, type[RuleBase]]:
    found: dict[str, type[RuleBase]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        cls: type[RuleBase] = module.RULE
        (name,) = cls.model_fields["type"].annotation.__args__  # type: ignore[union-attr]
        found[name] = cls
    return found


RULES: dict[str, type[RuleBase]] = _discover()
"""Rule type name → model class, in name order."""

if TYPE_CHECKING:
    Rule = RuleBase
else:
    Rule = Annotated[Union[tuple(RULES.values())], Field(discriminator="type")]  # noqa: UP007
    """The `rule` field of an indicator: one of the registered models, chosen by `type`."""


def rule_class(name: str) -> type[RuleBase]:
    return RULES[name]


__all__ = ["RULES", "Rule", "RuleBase", "rule_class"]
