"""The planning part of a scenario file: levers with costs, a budget, peers' expectations and the
uncertainty settings of the Monte Carlo.

Field checks live on the models; checks that need the framework or the other levers (unknown
indicator ids, prerequisites that loop, an `add` that would make an indicator worse) live in
`check_plan`, called by the scenario loader so that every problem is listed in one run.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from pydantic import Field, field_validator, model_validator

from ictscore.formats.criteria import Criteria, Indicator, Strict, no_items
from ictscore.formats.errors import ProblemCollector, did_you_mean
from ictscore.formats.message import N_, message_of
from ictscore.formats.tomlfile import locate
from ictscore.formats.values import coerce

ID_PATTERN = r"^[A-Za-z0-9_.-]+$"

MOST_VND = 1e15
"""A million billion đồng: past this, an amount is a typo, not a cost (and `1e308` units of
it overflow every sum and every figure shown; found by scripts/fuzz.py)."""

MOST_UNITS = 1_000_000
"""A million units of one lever: more is a typo (a cost written as a count), and the planner
weighs a divisible lever one unit at a time (`ictscore next` tries every count up to it)."""


def _not_negative(v: float | None, what: str) -> float | None:
    if v is not None and (not math.isfinite(v) or v < 0):
        raise ValueError(
            N_("{what} must be a finite amount of 0 or more, got {v:g}", what=what, v=v)
        )
    return v


class Effect(Strict):
    """What a lever does to one indicator of the focus entity: set it to a value, or add to it.

    For a divisible lever, `add` is per unit bought.
    """

    node: str = Field(description="Id of the indicator the lever moves.")
    set_to: float | str | bool | None = Field(
        default=None,
        alias="set",
        description="The value the indicator takes when the lever is funded (a number, a "
        "category key, yes/no).",
    )
    add: float | None = Field(
        default=None,
        description="What the lever adds to the indicator (per unit of a divisible lever); it "
        "must move the indicator the better way.",
    )

    @model_validator(mode="after")
    def _one(self) -> Effect:
        if (self.set_to is None) == (self.add is None):
            raise ValueError(N_("an effect needs exactly one of 'set' or 'add'"))
        if self.add is not None and not math.isfinite(self.add):
            raise ValueError(N_("'add' must be a finite number"))
        return self


class Lever(Strict):
    """One thing the agency can fund, with what it costs and which indicators it moves."""

    id: str = Field(
        pattern=ID_PATTERN,
        description="Lever id (letters, digits, '_', '.', '-'), named by other levers' `requires`.",
    )
    name_vi: str = Field(description="What the agency would do, in Vietnamese.")
    name_en: str = Field(description="What the agency would do, in English.")
    cost: float = Field(
        default=0.0,
        le=MOST_VND,
        description="Fixed cost in VND (paid once whatever the number of units of a divisible "
        "lever).",
    )
    effect: list[Effect] = Field(
        min_length=1,
        description="What the lever does to the focus entity's indicators: [[lever.effect]].",
    )
    divisible: bool = Field(
        default=False,
        description="True when the lever is bought in units (courses, computers): give "
        "`unit_cost` and `max_units`, and effects that `add` per unit.",
    )
    unit_cost: float | None = Field(
        default=None, le=MOST_VND, description="VND per unit of a divisible lever."
    )
    max_units: int | None = Field(
        default=None,
        ge=1,
        le=MOST_UNITS,
        description="The most units of a divisible lever that can be bought: a whole number "
        "from 1 to 1,000,000.",
    )
    group: str | None = Field(
        default=None,
        description="Levers sharing a group are alternatives: at most one of them is chosen.",
    )
    requires: list[str] = Field(
        default_factory=no_items,
        description="Ids of levers that must be funded too for this one to be chosen.",
    )
    delivery: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Probability that the lever is delivered in full (overrides the "
        "scenario's [uncertainty] delivery).",
    )
    estimate: bool = Field(
        default=True,
        description="True while the cost is an estimate rather than a quotation or a budget "
        "line; reports mark such costs.",
    )
    basis: str | None = Field(default=None, description="What the cost estimate rests on.")
    source: str | None = Field(
        default=None, description="The document the lever, its cost or its effect comes from."
    )
    note: str | None = Field(default=None, description="Free text.")

    @field_validator("cost")
    @classmethod
    def _cost(cls, v: float) -> float:
        _not_negative(v, "cost")
        return v

    @field_validator("unit_cost")
    @classmethod
    def _unit_cost(cls, v: float | None) -> float | None:
        return _not_negative(v, "unit_cost")

    @model_validator(mode="after")
    def _units(self) -> Lever:
        if self.divisible:
            if self.unit_cost is None or self.max_units is None:
                raise ValueError(N_("a divisible lever needs 'unit_cost' and 'max_units'"))
            if any(e.add is None for e in self.effect):
                raise ValueError(N_("a divisible lever's effects must be 'add' (per unit)"))
        elif self.unit_cost is not None or self.max_units is not None:
            raise ValueError(N_("'unit_cost' and 'max_units' belong to a divisible lever"))
        return self

    @property
    def units(self) -> int:
        """How many units can be bought: 1 for an all-or-nothing lever."""
        return self.max_units if self.divisible and self.max_units else 1

    def name(self, lang: str) -> str:
        """What the lever is called in `lang`: every list, form and report names it this way."""
        return self.name_vi if lang == "vi" else self.name_en

    def cost_of(self, units: int) -> float:
        if units <= 0:
            return 0.0
        return self.cost + (self.unit_cost or 0.0) * units if self.divisible else self.cost


class PeerGrowth(Strict):
    """What the peers are expected to do on one indicator, per year, in the indicator's unit."""

    node: str = Field(description="Id of the indicator the peers move on.")
    add: float = Field(
        default=0.0,
        description="Expected change of each peer's value per year, in the indicator's unit.",
    )
    sd: float = Field(
        default=0.0,
        ge=0,
        description="Spread of each peer's growth around `add` in the Monte Carlo (normal).",
    )


class Peers(Strict):
    """How the other entities are expected to move while the focus entity carries out its plan;
    the focus entity itself moves only by its plan."""

    years: float = Field(
        default=1.0, gt=0, description="Years ahead that the peers' growth is projected."
    )
    growth: list[PeerGrowth] = Field(
        default_factory=no_items,
        description="Growth per indicator: [[peers.growth]]; overrides `trend` on its indicator.",
    )
    trend: str | None = Field(
        default=None,
        description="An earlier edition's data file (relative to the scenario): each peer "
        "keeps its own yearly change since then.",
    )
    trend_years: float = Field(
        default=1.0, gt=0, description="Years between the earlier edition and this one."
    )


class Uncertainty(Strict):
    """Settings of the Monte Carlo that `ictscore plan` runs over delivery and peer growth."""

    draws: int = Field(default=10_000, ge=1, le=1_000_000, description="Number of random draws.")
    seed: int = Field(
        default=0, description="Seed of the random draws: the same seed gives the same result."
    )
    delivery: float = Field(
        default=1.0,
        ge=0,
        le=1,
        description="Default probability that a chosen lever is delivered in full.",
    )


def check_plan(
    path: object,
    text: str,
    criteria: Criteria,
    levers: list[Lever],
    peers: Peers | None,
    pc: ProblemCollector,
) -> None:
    """Cross-checks of levers and peers against the framework and each other.

    They run once without lines, and again with them only when something is wrong: locating
    scans the text, which grows with the scenario's edit log, and a sound plan needs no line.
    """
    first = ProblemCollector()
    _check_plan(path, lambda loc: None, criteria, levers, peers, first)
    if first.problems:
        _check_plan(path, lambda loc: locate(text, loc), criteria, levers, peers, pc)


def _check_plan(
    path: object,
    line_of: Callable[[tuple[int | str, ...]], int | None],
    criteria: Criteria,
    levers: list[Lever],
    peers: Peers | None,
    pc: ProblemCollector,
) -> None:
    ids = [lv.id for lv in levers]
    known = set(ids)
    seen: set[str] = set()
    for i, lv in enumerate(levers):
        where = f"lever[{i + 1}]"
        line = line_of(("lever", i))
        if lv.id in seen:
            pc.add(str(path), N_("lever id '{id}' is used twice", id=lv.id), where + ".id", line)
        seen.add(lv.id)
        for j, eff in enumerate(lv.effect):
            _check_effect(path, criteria, eff, f"{where}.effect[{j + 1}]", line, pc)
        for req in lv.requires:
            if req not in known:
                pc.add(
                    str(path),
                    N_(
                        "requires unknown lever '{req}'{hint}",
                        req=req,
                        hint=did_you_mean(req, known),
                    ),
                    where + ".requires",
                    line,
                )
            elif req == lv.id:
                pc.add(str(path), N_("a lever cannot require itself"), where + ".requires", line)
    cycle = find_cycle({lv.id: [r for r in lv.requires if r in known] for lv in levers})
    if cycle:
        i = ids.index(cycle[0])
        pc.add(
            str(path),
            N_("prerequisites go round in a circle: {cycle}", cycle=" → ".join([*cycle, cycle[0]])),
            f"lever[{i + 1}].requires",
            line_of(("lever", i)),
        )
    if peers is not None:
        for j, g in enumerate(peers.growth):
            node = criteria.nodes.get(g.node)
            line = line_of(("peers", "growth", j))
            where = f"peers.growth[{j + 1}].node"
            if not isinstance(node, Indicator):
                pc.add(
                    str(path),
                    N_(
                        "unknown indicator id '{node}'{hint}",
                        node=g.node,
                        hint=did_you_mean(g.node, _indicator_ids(criteria)),
                    ),
                    where,
                    line,
                )
            elif node.rule.values != "number":
                pc.add(
                    str(path), N_("'{node}' is not a quantity that grows", node=g.node), where, line
                )


def _check_effect(
    path: object,
    criteria: Criteria,
    eff: Effect,
    where: str,
    line: int | None,
    pc: ProblemCollector,
) -> None:
    node = criteria.nodes.get(eff.node)
    if not isinstance(node, Indicator):
        hint = did_you_mean(eff.node, _indicator_ids(criteria))
        pc.add(
            str(path),
            N_("an aggregate, not an indicator '{node}'{hint}", node=eff.node, hint=hint)
            if node is not None
            else N_("unknown indicator id '{node}'{hint}", node=eff.node, hint=hint),
            where + ".node",
            line,
        )
        return
    if eff.set_to is not None:
        try:
            coerce(node, eff.set_to)
        except ValueError as exc:
            pc.add(str(path), message_of(exc), where + ".set", line)
        return
    assert eff.add is not None
    if node.rule.values != "number":
        pc.add(
            str(path), N_("'{node}' takes 'set', not 'add'", node=eff.node), where + ".add", line
        )
    elif (eff.add < 0) == node.rule.upward(node) and eff.add != 0:
        better = N_("rises") if node.rule.upward(node) else N_("falls")
        pc.add(
            str(path),
            N_(
                "a lever must improve '{node}', which is better as it {better}: 'add = {add:g}' "
                "goes the wrong way",
                node=eff.node,
                better=better,
                add=eff.add,
            ),
            where + ".add",
            line,
        )


def find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """One cycle of a directed graph as a list of nodes, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in graph.get(n, []):
            if state.get(m) == 1:
                return stack[stack.index(m) :]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in graph:
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def _indicator_ids(criteria: Criteria) -> set[str]:
    return {i.id for i in criteria.indicators()}
