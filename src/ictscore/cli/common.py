"""Helpers shared by the subcommands: loading scenarios and writing output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ictscore.cli.render import FORMATS
from ictscore.formats.errors import InputError
from ictscore.formats.scenario import Scenario, atomic_write, load_scenario
from ictscore.planning.whatif import Projection, WhatIf
from ictscore.presentation.display import LANGS


def add_format(p: argparse.ArgumentParser, choices: tuple[str, ...] = FORMATS) -> None:
    p.add_argument(
        "--format", "-f", choices=choices, default="table", help="output format (default: table)"
    )
    p.add_argument(
        "--lang", choices=LANGS, default="vi", help="language of labels and numbers (default: vi)"
    )
    p.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        help="write to this file (atomically) instead of standard output",
    )


def project(path: Path) -> tuple[Scenario, Projection]:
    scenario = load_scenario(path)
    return scenario, WhatIf(scenario).project()


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        atomic_write(output, text.encode("utf-8"))
    except OSError as exc:
        raise InputError.one(output, f"cannot write: {exc.strerror or exc}") from None
    print(f"wrote {output}", file=sys.stderr)
