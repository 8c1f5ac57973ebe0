"""The optional plan section of a report: levers, costs and the projected rank.

The planning features (levers, the optimiser, the Monte Carlo) grow separately from the report,
so the report asks for a `PlanSummary` through this small hook and renders it when one comes
back. A provider is a function `(scenario, projection) -> PlanSummary | None`, registered with
`register_plan_provider`; the first that answers wins. Without one, a scenario that lists
`[[lever]]` tables still gets them in the report (name, cost, effects), just without an
optimised choice or a projected rank.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ictscore.formats.scenario import Scenario
from ictscore.planning.whatif import Projection


@dataclass(frozen=True)
class PlanLever:
    name_vi: str
    name_en: str
    cost: float | None
    effects: str
    """What it moves, already written for a reader ("hd_ky_so → 100")."""
    chosen: bool | None = None
    """True/False when an optimiser chose among the levers; None when nothing was chosen."""
    estimate: bool = False
    source: str | None = None


@dataclass(frozen=True)
class PlanSummary:
    levers: tuple[PlanLever, ...]
    total_cost: float | None = None
    budget: float | None = None
    projected_rank: int | None = None
    rank_range: tuple[int, int] | None = None
    """A likely range of the projected rank (e.g. the 10th–90th percentile of a simulation)."""
    target_probability: float | None = None


PlanProvider = Callable[[Scenario, Projection], PlanSummary | None]

_PROVIDERS: list[PlanProvider] = []


def register_plan_provider(provider: PlanProvider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def plan_for(scenario: Scenario, projection: Projection) -> PlanSummary | None:
    for provider in _PROVIDERS:
        summary = provider(scenario, projection)
        if summary is not None:
            return summary
    return levers_only(scenario)


def levers_only(scenario: Scenario) -> PlanSummary | None:
    """The scenario's [[lever]] tables as they are, when the scenario format has them."""
    levers: list[Any] = list(getattr(scenario.file, "lever", None) or [])
    if not levers:
        return None
    out = []
    for lv in levers:
        effects = []
        for e in getattr(lv, "effect", None) or []:
            node = getattr(e, "node", "?")
            set_to = getattr(e, "set_to", None)
            add = getattr(e, "add", None)
            effects.append(f"{node} → {set_to}" if set_to is not None else f"{node} + {add}")
        out.append(
            PlanLever(
                str(getattr(lv, "name_vi", getattr(lv, "id", "?"))),
                str(getattr(lv, "name_en", getattr(lv, "id", "?"))),
                getattr(lv, "cost", None),
                "; ".join(effects),
                None,
                bool(getattr(lv, "estimate", False)),
                getattr(lv, "source", None),
            )
        )
    costs = [lv.cost for lv in out if lv.cost is not None]
    return PlanSummary(
        tuple(out),
        sum(costs) if costs else None,
        getattr(scenario.file, "budget", None),
    )
