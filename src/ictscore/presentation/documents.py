"""The kinds of document ictscore writes, each holding what it is written from.

A face builds one of these and hands it to the registry (`ictscore.presentation.writers`) with a
format name or a file name. The kind decides which formats a face may offer: `--format` choices,
the extensions `export` and `report` accept, the planner's export dialog. The planning objects
are imported for type checking only, so that `ictscore compute` does not load the optimiser to
print a table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Literal

if TYPE_CHECKING:
    from ictscore.formats.criteria import Criteria
    from ictscore.formats.scenario import Change, Scenario
    from ictscore.planning.combine import Combination
    from ictscore.planning.compare import Comparison
    from ictscore.planning.history import UnitHistory
    from ictscore.planning.next_steps import NextSteps
    from ictscore.planning.planner import PlanReport
    from ictscore.planning.seek import SeekAnswer
    from ictscore.planning.whatif import Projection
    from ictscore.presentation.report_model import ReportModel

Kind = Literal["results", "comparison", "seek", "next", "plan", "history", "report"]
KINDS: tuple[Kind, ...] = ("results", "comparison", "seek", "next", "plan", "history", "report")

UNKNOWN_NAME = "cannot tell the format from the name: use {choices}"


@dataclass(frozen=True)
class ResultsDoc:
    """A projection with its applied edit log: what `compute` prints and `export` writes."""

    kind: ClassVar[Kind] = "results"
    unknown_name: ClassVar[str] = UNKNOWN_NAME
    """What a face says of a file name whose extension names no format of this kind."""
    projection: Projection
    changes: Sequence[Change] = ()
    formed_from: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Units ranked from their predecessors' data: unit → former units."""
    notes: Sequence[str] = ()
    """What a reader of the numbers must know (assumptions, mergers), in the output's language."""


@dataclass(frozen=True)
class ComparisonDoc:
    """Saved scenarios side by side at every node: what `compare` prints."""

    kind: ClassVar[Kind] = "comparison"
    unknown_name: ClassVar[str] = UNKNOWN_NAME
    comparison: Comparison
    criteria: Criteria


@dataclass(frozen=True)
class NextDoc:
    """Every node's next scoring step for the focus entity: what `next` prints."""

    kind: ClassVar[Kind] = "next"
    unknown_name: ClassVar[str] = UNKNOWN_NAME
    answer: NextSteps
    names: dict[str, str]
    criteria: Criteria
    lever_names: dict[str, dict[str, str]]
    """Lever id → its name in each language."""


@dataclass(frozen=True)
class SeekDoc:
    """A goal seek's answer: what `seek` prints."""

    kind: ClassVar[Kind] = "seek"
    unknown_name: ClassVar[str] = UNKNOWN_NAME
    answer: SeekAnswer
    names: dict[str, str]
    """Entity id → name, for the focus and an entity to overtake."""
    criteria: Criteria
    combination: Combination | bool | None = False
    """False: no combination was asked for; None: asked for, but none reaches the rank."""


@dataclass(frozen=True)
class PlanDoc:
    """The optimiser's plan: what `plan` prints."""

    kind: ClassVar[Kind] = "plan"
    unknown_name: ClassVar[str] = UNKNOWN_NAME
    report: PlanReport


@dataclass(frozen=True)
class HistoryDoc:
    """A unit's published ranks in every edition, following its lineage: what `history`
    prints."""

    kind: ClassVar[Kind] = "history"
    unknown_name: ClassVar[str] = UNKNOWN_NAME
    history: UnitHistory
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Value column (pillar node id) → its name in each language."""


@dataclass(frozen=True)
class ReportDoc:
    """The leadership report: what `report` and the planner's `X` write."""

    kind: ClassVar[Kind] = "report"
    unknown_name: ClassVar[str] = "a report is {choices}"
    model: ReportModel


Document = ResultsDoc | ComparisonDoc | SeekDoc | NextDoc | PlanDoc | HistoryDoc | ReportDoc


def report_of(scenario: Scenario, projection: Projection | None = None) -> ReportDoc:
    """The report of a scenario as it stands (or of `projection`, the planner's unsaved state).

    Building it runs the optimiser when the scenario lists levers, so it is imported only here.
    """
    from ictscore.planning.whatif import WhatIf
    from ictscore.presentation.report_model import build_report

    return ReportDoc(build_report(scenario, projection or WhatIf(scenario).project()))


def results_of(scenario: Scenario, projection: Projection, lang: str) -> ResultsDoc:
    """The results of a scenario with what their reader must know: the units combined from
    others (unit → former units) and the notes, in `lang` (`presentation.notes`)."""
    from ictscore.presentation.notes import results_notes

    formed_from = {e.id: e.formed_from for e in scenario.dataset.entities if e.formed_from}
    notes = tuple(results_notes(scenario, lang))
    return ResultsDoc(projection, scenario.applied(), formed_from, notes)
