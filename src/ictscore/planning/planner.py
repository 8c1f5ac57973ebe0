"""One call per planning question, for every face (CLI now, the TUI's plan screen later).

`plan()` answers "what should we fund": the optimiser's choice within the budget (or the
cheapest choice reaching the target rank), each lever's value for money, the rank next year once
the peers have moved (with its attribution) and, when asked, the Monte Carlo distribution.
`goal_seek()` answers "how far must one indicator move". Both start from the scenario's what-if
(its applied edit log) unless told to start from the baseline. numpy is imported only when a
Monte Carlo is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ictscore.engine.result import Result
from ictscore.formats.criteria import Indicator
from ictscore.formats.errors import InputError
from ictscore.formats.message import N_
from ictscore.formats.scenario import Change, Scenario
from ictscore.planning.attribution import Attribution, attribute
from ictscore.planning.combine import Combination, cheapest_combination
from ictscore.planning.levers import (
    LeverGain,
    LeverModel,
    Outcome,
    Progress,
    Units,
    lever_gains,
)
from ictscore.planning.optimise import Objective, Question, optimise
from ictscore.planning.peers import growth_model, project_peers
from ictscore.planning.seek import Goal, SeekAnswer, seek
from ictscore.planning.whatif import WhatIf

if TYPE_CHECKING:
    from ictscore.planning.montecarlo import RankDistribution

Start = Literal["whatif", "baseline"]


@dataclass(frozen=True)
class NextYear:
    result: Result
    attribution: Attribution


@dataclass(frozen=True)
class PlanReport:
    scenario: Scenario
    start: Result
    start_from: Start
    question: Question
    model: LeverModel
    outcome: Outcome
    mode: Literal["max_score", "least_cost"]
    reached: bool | None
    """Whether the target rank is reached (None without a target)."""
    gains: list[LeverGain]
    next_year: NextYear | None
    distribution: RankDistribution | None

    @property
    def chosen(self) -> list[str]:
        return self.outcome.chosen(self.model.levers)

    @property
    def verdict(self) -> Literal["reached", "missed", "uncertain"] | None:
        """Whether the plan reaches the target rank, said once for every face.

        Without uncertainty it is the deterministic rank's answer. With it, the plan is
        "reached" only when the deterministic rank reaches the target and the simulation gives
        it at least even odds, "missed" when neither does, and "uncertain" when they disagree:
        "reached" above a 0 % probability is a contradiction no planner should read.
        """
        if self.reached is None:
            return None
        p = None if self.distribution is None else self.distribution.p_target
        if p is None:
            return "reached" if self.reached else "missed"
        likely = p >= 0.5
        if likely == self.reached:
            return "reached" if likely else "missed"
        return "uncertain"

    def changes(self) -> list[Change]:
        """The chosen levers as edits of the focus entity, to apply to the what-if."""
        return lever_changes(self.scenario, self.model, self.outcome.units)


def lever_changes(scenario: Scenario, model: LeverModel, units: Units) -> list[Change]:
    """A choice of levers as edits of the focus entity, each noting the levers behind it."""
    out = []
    for node, v in model.values(units).items():
        note = "; ".join(
            lv.id
            for lv, u in zip(model.levers, units, strict=True)
            if u and any(e.node == node for e in lv.effect)
        )
        out.append(scenario.make_change(node, v, note=f"plan: {note}"))
    return out


def start_result(scenario: Scenario, start_from: Start = "whatif") -> tuple[WhatIf, Result]:
    w = WhatIf(scenario)
    return w, (w.replay() if start_from == "whatif" else w.baseline)


def plan(
    scenario: Scenario,
    budget: float | None = None,
    target_rank: int | None = None,
    objective: Objective = "score",
    start_from: Start = "whatif",
    draws: int | None = None,
    progress: Progress | None = None,
) -> PlanReport:
    """Optimise the scenario's levers; `draws` = 0 skips the Monte Carlo, None takes the file's."""
    if not scenario.file.lever:
        raise InputError.one(
            str(scenario.path or scenario.name), N_("the scenario has no [[lever]] to plan with")
        )
    w, start = start_result(scenario, start_from)
    budget = scenario.file.budget if budget is None else budget
    target = scenario.file.target_rank if target_rank is None else target_rank
    model = LeverModel(w.engine, start, scenario.focus, scenario.file.lever)
    mode: Literal["max_score", "least_cost"] = "max_score"
    reached: bool | None = None
    outcome: Outcome | None = None
    q = Question(budget, None, objective)
    if target_rank is not None:
        q = Question(budget, target_rank, objective)
        outcome = optimise(model, q, progress)
        mode, reached = "least_cost", outcome is not None
    if outcome is None:
        q_max = Question(budget, None, objective)
        outcome = optimise(model, q_max, progress)
        assert outcome is not None  # choosing nothing is always feasible
        if target is not None:
            reached = outcome.rank <= target
    gains = lever_gains(model, outcome.units)
    growth, years = growth_model(scenario, start)
    next_year = None
    if growth:
        nxt = project_peers(w.engine, outcome.result, growth, years)
        next_year = NextYear(nxt, attribute(w.engine, start, nxt, scenario.focus))
    unc = scenario.file.uncertainty
    n_draws = (unc.draws if unc else 0) if draws is None else draws
    dist = None
    if n_draws > 0:
        from ictscore.planning.montecarlo import Plan, simulate

        default = unc.delivery if unc else 1.0
        deliver = [default if lv.delivery is None else lv.delivery for lv in model.levers]
        dist = simulate(
            w.engine,
            start,
            scenario.focus,
            growth,
            years,
            Plan(model.levers, outcome.units, deliver),
            n_draws,
            unc.seed if unc else 0,
            target,
            progress,
        )
    return PlanReport(
        scenario, start, start_from, q, model, outcome, mode, reached, gains, next_year, dist
    )


def goal_seek(
    scenario: Scenario,
    goal: Goal,
    nodes: list[str] | None = None,
    start_from: Start = "whatif",
    progress: Progress | None = None,
) -> SeekAnswer:
    w, start = start_result(scenario, start_from)
    where = str(scenario.path or scenario.name)
    ids = set(start.entity_ids)
    if goal.overtake is not None and goal.overtake not in ids:
        raise InputError.one(
            where, N_("no entity '{overtake}' to overtake", overtake=goal.overtake), "--overtake"
        )
    if goal.overtake == scenario.focus:
        raise InputError.one(where, N_("the focus entity cannot overtake itself"), "--overtake")
    n = len(ids)
    if goal.rank is not None and not 1 <= goal.rank <= n:
        raise InputError.one(
            where, N_("rank {rank} is not between 1 and {n}", rank=goal.rank, n=n), "--rank"
        )
    for node in nodes or []:
        if node not in scenario.criteria.nodes:
            raise InputError.one(where, N_("unknown node id '{node}'", node=node), "--node")
    return seek(w.engine, start, scenario.focus, goal, nodes, progress)


def cheapest(
    scenario: Scenario,
    target_rank: int,
    unit_costs: dict[str, float],
    start_from: Start = "whatif",
    progress: Progress | None = None,
) -> Combination | None:
    """The cheapest changes of the given indicators (cost per unit each) reaching the rank."""
    w, start = start_result(scenario, start_from)
    where = str(scenario.path or scenario.name)
    for node in unit_costs:
        ind = scenario.criteria.nodes.get(node)
        if not isinstance(ind, Indicator) or ind.reported_only:
            raise InputError.one(
                where, N_("'{node}' is not a scored indicator", node=node), "--cost"
            )
    return cheapest_combination(w.engine, start, scenario.focus, target_rank, unit_costs, progress)
