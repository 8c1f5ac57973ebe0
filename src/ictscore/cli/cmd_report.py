"""`ictscore report`: a draft report for the leadership, in Markdown or HTML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ictscore.formats.scenario import load_scenario
from ictscore.presentation.display import LANGS
from ictscore.report.build import render_report, write_report


def register(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="draft a report for the leadership (Markdown or HTML)",
        description="Draft the report a Sở sends its leadership: score and rank at every "
        "pillar, strengths and weaknesses, the what-if (and plan), charts, and the sources of "
        "the criteria and of every changed number. Vietnamese by default.",
    )
    p.add_argument("scenario", type=Path, help="scenario TOML file")
    p.add_argument(
        "-o", "--output", type=Path, help="report file, .md or .html (default: Markdown to stdout)"
    )
    p.add_argument("--lang", choices=LANGS, default="vi", help="language (default: vi)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    if args.output is None:
        sys.stdout.write(render_report(scenario, "markdown", args.lang))
        return 0
    write_report(scenario, args.output, args.lang)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
