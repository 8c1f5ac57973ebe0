"""`ictscore compute`: the ranking and the focus entity's baseline → scenario at every node."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ictscore.cli.common import add_csv_style, add_format, add_scenario, emit
from ictscore.formats.message import N_
from ictscore.formats.scenario import load_scenario
from ictscore.planning.whatif import WhatIf
from ictscore.presentation import writers
from ictscore.presentation.documents import results_of
from ictscore.presentation.writers.csv_style import CsvStyle


def register(sub: Any) -> None:
    p = sub.add_parser(
        "compute",
        help="compute a scenario: ranking, and the focus entity's baseline → what-if at every node",
        description="Compute a scenario's baseline and what-if results.",
    )
    add_scenario(p)
    p.add_argument(
        "--entities",
        type=Path,
        metavar="LIST",
        help="entity list to rank (default: the scenario's 'entities', else the framework's "
        "entity_list); a list whose units were formed from others ranks them from data of those",
    )
    add_format(p, "results")
    add_csv_style(p, N_("plain, which programs read"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    style: CsvStyle = args.csv_style or "plain"
    return run_path(args.scenario, args.format, args.lang, args.output, args.entities, style)


def run_path(
    path: Path,
    fmt: str,
    lang: str,
    output: Path | None = None,
    entities: Path | None = None,
    csv_style: CsvStyle = "plain",
) -> int:
    """Print (or write to `output`) the results; CSV is plain unless asked: `compute` feeds
    programs and the golden files, `export` writes the file a person opens."""
    scenario = load_scenario(path, entities)
    projection = WhatIf(scenario).project()
    doc = results_of(scenario, projection, lang)
    emit(writers.text(doc, fmt, lang, csv_style), output, lang)
    return 0
