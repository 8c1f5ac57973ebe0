"""`ictscore seek`: the smallest change of each indicator that reaches a rank, gains places or
overtakes a named entity."""

from __future__ import annotations

import argparse
import math
from typing import Any

from ictscore.cli.common import add_format, add_scenario, at_least_one, emit
from ictscore.cli.progress import ProgressBar
from ictscore.formats.errors import InputError
from ictscore.formats.message import N_
from ictscore.formats.plan import MOST_VND
from ictscore.formats.scenario import load_scenario
from ictscore.planning.combine import Combination
from ictscore.planning.planner import cheapest, goal_seek
from ictscore.planning.seek import Goal
from ictscore.presentation import numbers, writers
from ictscore.presentation.documents import SeekDoc


def register(sub: Any) -> None:
    p = sub.add_parser(
        "seek",
        help="goal seeking: the smallest change per indicator that reaches a rank",
        description="For the focus entity and each indicator (or those given with --node), the "
        "smallest change within the valid range that reaches the goal. Without a goal: gain "
        "one place.",
    )
    add_scenario(p)
    goal = p.add_mutually_exclusive_group()
    goal.add_argument("--rank", type=at_least_one("--rank"), metavar="N", help="reach rank N")
    goal.add_argument("--gain", type=at_least_one("--gain"), metavar="K", help="gain K places")
    goal.add_argument("--overtake", metavar="ID", help="overtake this entity")
    p.add_argument("--node", action="append", metavar="ID", help="only this indicator (repeat)")
    p.add_argument(
        "--cost",
        action="append",
        metavar="ID=VND",
        help="cost of one unit of an indicator (repeat): adds the cheapest combination of "
        "these indicators that reaches the rank",
    )
    p.add_argument(
        "--baseline", action="store_true", help="start from the baseline, not the what-if"
    )
    add_format(p, "seek")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    if args.rank is None and args.overtake is None:
        goal = Goal(gain=args.gain if args.gain is not None else 1)
    else:
        goal = Goal(rank=args.rank, overtake=args.overtake)
    bar = ProgressBar("seek")
    try:
        ans = goal_seek(scenario, goal, args.node, "baseline" if args.baseline else "whatif", bar)
    finally:
        bar.close()
    combo: Combination | bool | None = False
    if args.cost:
        costs = _costs(args.cost, str(args.scenario), args.lang)
        target = ans.target_rank
        if target is None:
            raise InputError.one(str(args.scenario), N_("--cost needs --rank or --gain"), "--cost")
        combo = cheapest(scenario, target, costs, "baseline" if args.baseline else "whatif", bar)
    names = {e.id: e.name for e in scenario.dataset.entities}
    doc = SeekDoc(ans, names, scenario.criteria, combo)
    emit(writers.text(doc, args.format, args.lang), args.output, args.lang)
    return 0


def _costs(items: list[str], where: str, lang: str) -> dict[str, float]:
    """`--cost node="500 triệu"`: amounts read as the user types them (see `numbers`)."""
    out: dict[str, float] = {}
    for item in items:
        node, sep, amount = item.partition("=")
        try:
            value = numbers.parse_money(amount, lang) if sep else -1.0
        except ValueError:
            value = -1.0
        if not math.isfinite(value) or value > MOST_VND:
            raise InputError.one(
                where, N_("'{item}': a cost must be a finite amount of VND", item=item), "--cost"
            )
        if not sep or value < 0:
            raise InputError.one(
                where, N_("'{item}' is not ID=VND (cost of one unit)", item=item), "--cost"
            )
        out[node.strip()] = value
    return out
