"""`ictscore compare`: saved scenarios side by side at every node, and what differs."""

from __future__ import annotations

import argparse
from typing import Any

from ictscore.cli.common import add_format, add_scenario, emit, project
from ictscore.formats.errors import InputError, Problem
from ictscore.planning.compare import compare
from ictscore.presentation import writers
from ictscore.presentation.documents import ComparisonDoc


def register(sub: Any) -> None:
    p = sub.add_parser(
        "compare",
        help="compare saved scenarios side by side",
        description="Compare two or more saved scenarios of one framework.",
    )
    add_scenario(p, dest="scenarios", nargs="+")
    add_format(p, "comparison")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    problems: list[Problem] = []
    loaded = []
    for path in args.scenarios:
        try:
            loaded.append(project(path))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    files = [path.stem for path in args.scenarios]
    comp = compare([p for _, p in loaded], [s.applied() for s, _ in loaded], files)
    crit = loaded[0][1].result.criteria
    emit(writers.text(ComparisonDoc(comp, crit), args.format, args.lang), args.output, args.lang)
    return 0
