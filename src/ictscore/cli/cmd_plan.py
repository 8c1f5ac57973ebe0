"""`ictscore plan`: which levers to fund within a budget, or the cheapest set reaching a rank."""

from __future__ import annotations

import argparse
from typing import Any

from ictscore.cli.common import add_format, add_scenario, emit
from ictscore.cli.progress import ProgressBar
from ictscore.formats.errors import InputError
from ictscore.formats.message import N_, message_of
from ictscore.formats.scenario import load_scenario
from ictscore.planning.planner import plan
from ictscore.presentation import numbers, writers
from ictscore.presentation.documents import PlanDoc


def _vnd(text: str, lang: str, where: str) -> float:
    """--budget as a Vietnamese types it ("2 tỷ", "500 triệu", "2.000.000.000"); an error is a
    located problem, printed in the command's language."""
    try:
        return numbers.parse_money(text, lang)
    except ValueError as exc:
        raise InputError.one(where, message_of(exc), "--budget") from None


def register(sub: Any) -> None:
    p = sub.add_parser(
        "plan",
        help="choose levers within a budget, or the cheapest set reaching a target rank",
        description="Optimise the scenario's [[lever]] choice: the highest total (or rank) "
        "within the budget, or with --target-rank the least cost that reaches it. Shows every "
        "lever's gain per 100 million VND, next year's rank as the peers move, and a Monte "
        "Carlo of the rank when the scenario has [uncertainty] (or --draws).",
    )
    add_scenario(p)
    p.add_argument(
        "--budget",
        metavar="VND",
        help="budget, e.g. '2 tỷ' or 2000000000 (default: the scenario's)",
    )
    p.add_argument("--target-rank", type=int, metavar="N", help="least cost reaching rank N")
    p.add_argument(
        "--objective", choices=("score", "rank"), default="score", help="what to maximise"
    )
    p.add_argument("--draws", type=int, metavar="N", help="Monte Carlo draws (0: none)")
    p.add_argument(
        "--baseline", action="store_true", help="start from the baseline, not the what-if"
    )
    add_format(p, "plan")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    where = str(args.scenario)
    n = len(scenario.dataset.entities)
    budget = None if args.budget is None else _vnd(args.budget, args.lang, where)
    if args.target_rank is not None and not 1 <= args.target_rank <= n:
        raise InputError.one(
            where, N_("rank {rank} is not between 1 and {n}", rank=args.target_rank, n=n)
        )
    if args.draws is not None and args.draws < 0:
        raise InputError.one(where, N_("--draws cannot be negative"))
    bar = ProgressBar("plan")
    try:
        rep = plan(
            scenario,
            budget,
            args.target_rank,
            args.objective,
            "baseline" if args.baseline else "whatif",
            args.draws,
            bar,
        )
    finally:
        bar.close()
    emit(writers.text(PlanDoc(rep), args.format, args.lang), args.output, args.lang)
    return 0
