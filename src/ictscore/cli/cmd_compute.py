"""`ictscore compute`: the ranking and the focus entity's baseline → scenario at every node."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ictscore.cli.common import add_format, emit, project
from ictscore.presentation import writers
from ictscore.presentation.documents import ResultsDoc


def register(sub: Any) -> None:
    p = sub.add_parser(
        "compute",
        help="compute a scenario: ranking, and the focus entity's baseline → what-if at every node",
        description="Compute a scenario's baseline and what-if results.",
    )
    p.add_argument("scenario", type=Path, help="scenario TOML file")
    add_format(p, "results")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return run_path(args.scenario, args.format, args.lang, args.output)


def run_path(path: Path, fmt: str, lang: str, output: Path | None = None) -> int:
    scenario, projection = project(path)
    emit(writers.text(ResultsDoc(projection, scenario.applied()), fmt, lang), output)
    return 0
