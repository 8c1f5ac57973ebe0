"""Helpers shared by the subcommands: loading scenarios and writing output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ictscore.cli import language
from ictscore.cli.output import write_stdout
from ictscore.formats.message import Message
from ictscore.formats.scenario import Scenario, load_scenario
from ictscore.planning.whatif import Projection, WhatIf
from ictscore.presentation import i18n, writers
from ictscore.presentation.documents import Kind
from ictscore.presentation.i18n import ENV, LANGS
from ictscore.presentation.writers.csv_style import STYLES
from ictscore.resources import bundled_scenario

Planner = Callable[[Scenario, str], int]
"""Opens the interactive planner on a scenario, in a language; returns the exit code. The program
(`ictscore.__main__`) hands one to `ictscore.cli.main.main`, which cannot import the planner."""


def add_lang(p: argparse.ArgumentParser) -> None:
    """--lang: the language of every word and number the command prints, errors included.

    Left None here and resolved by `ictscore.cli.main` from ICTSCORE_LANG, else Vietnamese, so
    that one environment variable sets the language of every command."""
    p.add_argument(
        "--lang",
        choices=LANGS,
        default=None,
        help=i18n.gettext(
            "language of words, numbers and errors (default: ${env}, else vi)",
            language.current(),
            env=ENV,
        ),
    )


def scenario_file(text: str) -> Path:
    """A scenario argument: a file, or a bundled scenario by its name from any folder, so that
    every command takes what `ictscore open dti-2024-bac-ninh` takes. A name that is neither
    stays as typed, for the loader to refuse with the file named."""
    path = Path(text)
    if path.exists():
        return path
    return bundled_scenario(path) or path


def add_scenario(p: argparse.ArgumentParser, **kw: Any) -> None:
    """The SCENARIO argument of the commands that read one (not `change`, which edits the file
    it is given: a bundled scenario is no place to write)."""
    p.add_argument(
        kw.pop("dest", "scenario"),
        type=scenario_file,
        metavar="SCENARIO",
        help="scenario TOML file, or the name of a bundled one (dti-2024-bac-ninh)",
        **kw,
    )


def at_least_one(flag: str) -> Callable[[str], int]:
    """The parser of a count option (`--limit`, `--rank`): a whole number, 1 or more, refused
    in the command's language with the option named."""

    def parse(text: str) -> int:
        lang = language.current()
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                i18n.gettext("'{text}' is not a whole number", lang, text=text)
            ) from None
        if n < 1:
            raise argparse.ArgumentTypeError(
                i18n.gettext("{flag} must be 1 or more, got {n}", lang, flag=flag, n=n)
            )
        return n

    return parse


def add_format(p: argparse.ArgumentParser, kind: Kind) -> None:
    """--format (the registry's text formats for this kind of document), --lang and --output."""
    p.add_argument(
        "--format",
        "-f",
        choices=writers.stream_formats(kind),
        default="table",
        help="output format (default: table)",
    )
    add_lang(p)
    p.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        help="write to this file (atomically) instead of standard output",
    )


def add_csv_style(p: argparse.ArgumentParser, default: Message) -> None:
    """--csv-style: the CSV Excel opens on a Vietnamese computer, or the one programs read."""
    p.add_argument(
        "--csv-style",
        choices=STYLES,
        default=None,
        help=i18n.gettext(
            "CSV for Excel in Vietnamese settings (vi: ';' between fields, decimal commas, "
            "UTF-8 with BOM) or for programs (plain: ',' and points); default: {default}",
            language.current(),
            default=i18n.text(default, language.current()),
        ),
    )


def project(path: Path) -> tuple[Scenario, Projection]:
    scenario = load_scenario(path)
    return scenario, WhatIf(scenario).project()


def emit(text: str, output: Path | None, lang: str | None = None) -> None:
    """Data to `-o FILE` (saying so in `lang`), or to standard output (no -o, or `-o -`)."""
    if output is None or str(output) == "-":
        write_stdout(text)
        return
    writers.write_output(output, text.encode("utf-8"))
    print(i18n.gettext("wrote {path}", lang or i18n.default_lang(), path=output), file=sys.stderr)
