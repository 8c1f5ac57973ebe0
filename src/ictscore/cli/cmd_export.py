"""`ictscore export`: a scenario's results to a file whose extension chooses the format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ictscore.cli.common import add_csv_style, add_lang, project
from ictscore.presentation import i18n, writers
from ictscore.presentation.documents import ResultsDoc


def register(sub: Any) -> None:
    choices = writers.file_choices("results")
    p = sub.add_parser(
        "export",
        help=f"export a scenario's results to {choices}",
        description="Compute a scenario and write its results to a file whose extension "
        f"chooses the format: {choices} (ranking, focus entity, input data, "
        "the edit log with its audit trail, and the sources).",
    )
    p.add_argument("scenario", type=Path, help="scenario TOML file")
    p.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    add_lang(p)
    add_csv_style(p, "vi with --lang vi, plain with --lang en")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    writers.for_path(args.output, "results")  # a wrong extension fails before any computing
    scenario, projection = project(args.scenario)
    doc = ResultsDoc(projection, scenario.applied())
    writers.write_file(doc, args.output, args.lang, args.csv_style)
    print(i18n.gettext("wrote {path}", args.lang, path=args.output), file=sys.stderr)
    return 0
