"""The plan section of a report: the optimiser's choice of levers, costs and projected rank.

A scenario with `[[lever]]` tables gets the same answer `ictscore plan` gives (within the
scenario's budget, towards its target rank, with the Monte Carlo its [uncertainty] asks for), so
the leadership reads one plan whichever face produced it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ictscore.formats.criteria import Criteria, Indicator
from ictscore.formats.plan import Lever
from ictscore.formats.scenario import Scenario
from ictscore.planning.planner import plan
from ictscore.planning.whatif import Projection
from ictscore.presentation import describe, display, i18n


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
    effects_in: Mapping[str, str] = field(default_factory=dict)
    """`effects` for a reader of each language: indicators by name, units per lever unit
    ("Phần mềm chuyên ngành + 1/đợt × 4 đợt"), numbers written the language's way."""

    def effects_for(self, lang: str) -> str:
        return self.effects_in.get(lang, self.effects)


@dataclass(frozen=True)
class PlanSummary:
    levers: tuple[PlanLever, ...]
    total_cost: float | None = None
    budget: float | None = None
    projected_rank: int | None = None
    """Rank once the chosen levers are delivered, the peers as they are."""
    next_year_rank: int | None = None
    """Rank once the peers have also moved as the scenario expects."""
    rank_range: tuple[int, int] | None = None
    """A likely range of the projected rank (the 80 % interval of the simulation)."""
    target_probability: float | None = None
    target_rank: int | None = None
    verdict: str | None = None
    """The plan's `PlanReport.verdict`: "reached" only when the rank and the simulation agree."""


def effects_text(lever: Lever) -> str:
    parts = []
    for e in lever.effect:
        if e.set_to is not None:
            parts.append(f"{e.node} → {e.set_to}")
        else:
            per = "/unit" if lever.divisible else ""
            parts.append(f"{e.node} + {e.add:g}{per}")
    return "; ".join(parts)


def effects_words(lever: Lever, criteria: Criteria, lang: str, units: int = 0) -> str:
    """What a lever moves, for a reader: names, not ids; "/đợt" per unit; "× 4 đợt" bought."""
    unit = i18n.pgettext("lever", "unit", lang)
    parts = []
    for e in lever.effect:
        name = (
            display.label(criteria, e.node, lang, both=False)
            if e.node in criteria.nodes
            else e.node
        )
        if e.set_to is not None:
            node = criteria.nodes.get(e.node)
            to = (
                describe.value(node, e.set_to, lang)
                if isinstance(node, Indicator)
                else str(e.set_to)
            )
            parts.append(f"{name} → {to}")
        else:
            per = f"/{unit}" if lever.divisible else ""
            parts.append(f"{name} + {display.short(e.add or 0.0, 4, lang)}{per}")
    text = "; ".join(parts)
    if lever.divisible and units:
        text += f" × {units} {unit}"
    return text


def plan_for(scenario: Scenario, projection: Projection) -> PlanSummary | None:
    """The optimised plan of a scenario that lists levers; None when it lists none."""
    if not scenario.file.lever:
        return None
    report = plan(scenario)
    chosen = set(report.chosen)
    units = dict(zip((lv.id for lv in report.model.levers), report.outcome.units, strict=True))
    levers = tuple(
        PlanLever(
            lv.name_vi,
            lv.name_en,
            lv.cost + (lv.unit_cost or 0.0) * units[lv.id] if lv.divisible else lv.cost,
            effects_text(lv) + (f" × {units[lv.id]}" if lv.divisible and units[lv.id] else ""),
            lv.id in chosen,
            lv.estimate,
            lv.source or lv.basis,
            {lang: effects_words(lv, scenario.criteria, lang, units[lv.id]) for lang in i18n.LANGS},
        )
        for lv in report.model.levers
    )
    dist = report.distribution
    return PlanSummary(
        levers,
        report.outcome.cost,
        report.question.budget,
        report.outcome.rank,
        None if report.next_year is None else report.next_year.result.rank(scenario.focus),
        None if dist is None else (dist.low, dist.high),
        None if dist is None else dist.p_target,
        report.question.target_rank or scenario.file.target_rank,
        report.verdict,
    )
