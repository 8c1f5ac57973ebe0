"""`ictscore report`: a draft report for the leadership, in any format of the registry that
writes reports (Markdown to standard output by default)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ictscore.cli import language
from ictscore.cli.common import add_lang, add_scenario
from ictscore.cli.output import write_stdout
from ictscore.formats.scenario import load_scenario
from ictscore.presentation import i18n, writers
from ictscore.presentation.documents import report_of


def register(sub: Any) -> None:
    lang = language.current()
    names = i18n.text(writers.one_of([w.label for w in writers.file_writers("report")]), lang)
    p = sub.add_parser(
        "report",
        help=i18n.gettext("draft a report for the leadership ({names})", lang, names=names),
        description="Draft the report a Sở sends its leadership: score and rank at every "
        "pillar, strengths and weaknesses, the what-if (and plan), charts, and the sources of "
        "the criteria and of every changed number. Vietnamese by default.",
    )
    add_scenario(p)
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        help=i18n.gettext(
            "report file, {choices} (default: Markdown to stdout)",
            lang,
            choices=i18n.text(writers.file_choices("report"), lang),
        ),
    )
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    if args.output is None:
        write_stdout(writers.text(report_of(scenario), "markdown", args.lang))
        return 0
    writers.for_path(args.output, "report")  # a wrong extension fails before any computing
    writers.write_file(report_of(scenario), args.output, args.lang)
    print(i18n.gettext("wrote {path}", args.lang, path=args.output), file=sys.stderr)
    return 0
