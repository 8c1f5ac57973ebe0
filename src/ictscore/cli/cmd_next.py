"""`ictscore next`: every criterion's next scoring step for the focus entity, with what it earns
and the cheapest lever that delivers it."""

from __future__ import annotations

import argparse
from typing import Any

from ictscore.cli.common import add_format, add_scenario, at_least_one, emit
from ictscore.formats.errors import InputError
from ictscore.formats.message import N_
from ictscore.formats.scenario import load_scenario
from ictscore.planning.next_steps import next_steps
from ictscore.planning.planner import start_result
from ictscore.presentation import writers
from ictscore.presentation.documents import NextDoc


def register(sub: Any) -> None:
    p = sub.add_parser(
        "next",
        help="each criterion's next scoring step: what it earns, the rank, the cheapest lever",
        description="For the focus entity as the scenario stands, every criterion's smallest "
        "change that earns more points under its rule (the next step of a table, the next "
        "category, yes for a no, one step of a quantity), with the gain in the headline score, "
        "the rank it gives, the gap left to the entity above and, where a lever delivers it, "
        "the cheapest such lever.",
    )
    add_scenario(p)
    p.add_argument(
        "--limit", type=at_least_one("--limit"), metavar="N", help="only the N best steps"
    )
    p.add_argument(
        "--per-cost",
        action="store_true",
        help="order by points per VND (steps that no lever delivers come last)",
    )
    p.add_argument(
        "--baseline", action="store_true", help="start from the baseline, not the what-if"
    )
    add_format(p, "next")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    w, start = start_result(scenario, "baseline" if args.baseline else "whatif")
    if scenario.focus not in start.entity_ids:
        raise InputError.one(str(args.scenario), N_("no entity '{id}'", id=scenario.focus), "focus")
    levers = scenario.file.lever
    ans = next_steps(w.engine, start, scenario.focus, levers, args.per_cost, args.limit)
    names = {e.id: e.name for e in scenario.dataset.entities}
    lever_names = {lv.id: {"vi": lv.name_vi, "en": lv.name_en} for lv in levers}
    doc = NextDoc(ans, names, scenario.criteria, lever_names)
    emit(writers.text(doc, args.format, args.lang), args.output)
    return 0
