"""`ictscore export`: a scenario's results to a file whose extension chooses the format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ictscore.cli import language
from ictscore.cli.common import add_csv_style, add_lang, add_scenario, project
from ictscore.formats.message import N_
from ictscore.presentation import i18n, writers
from ictscore.presentation.documents import results_of


def register(sub: Any) -> None:
    lang = language.current()
    choices = i18n.text(writers.file_choices("results"), lang)
    p = sub.add_parser(
        "export",
        help=i18n.gettext("export a scenario's results to {choices}", lang, choices=choices),
        description=i18n.gettext(
            "Compute a scenario and write its results to a file whose extension "
            "chooses the format: {choices} (ranking, focus entity, input data, "
            "the edit log with its audit trail, and the sources).",
            lang,
            choices=choices,
        ),
    )
    add_scenario(p)
    p.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    add_lang(p)
    add_csv_style(p, N_("vi with --lang vi, plain with --lang en"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    writers.for_path(args.output, "results")  # a wrong extension fails before any computing
    scenario, projection = project(args.scenario)
    doc = results_of(scenario, projection, args.lang)
    writers.write_file(doc, args.output, args.lang, args.csv_style)
    print(i18n.gettext("wrote {path}", args.lang, path=args.output), file=sys.stderr)
    return 0
