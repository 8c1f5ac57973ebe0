"""`ictscore export`: a scenario's results to CSV, JSON, Markdown or XLSX, by file extension."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ictscore.cli.common import project
from ictscore.presentation.display import LANGS
from ictscore.report.export import export_format, export_projection


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="export a scenario's results to .csv, .json, .md or .xlsx",
        description="Compute a scenario and write its results to a file whose extension "
        "chooses the format: .csv, .json, .md or .xlsx (ranking, focus entity, input data, "
        "the edit log with its audit trail, and the sources).",
    )
    p.add_argument("scenario", type=Path, help="scenario TOML file")
    p.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    p.add_argument("--lang", choices=LANGS, default="vi", help="language (default: vi)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    export_format(args.output)  # a wrong extension fails before any computing
    scenario, projection = project(args.scenario)
    export_projection(projection, args.output, scenario.applied(), args.lang)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
