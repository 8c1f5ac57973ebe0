"""The `ictscore` command: argument parsing and the one place that turns bad input into exit 2.

Subcommands live in their own modules; each exposes `register(subparsers)` and sets `func` on
its parser. Nothing here imports Textual: the TUI is imported only when it is asked for.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ictscore import __version__
from ictscore.cli import (
    cmd_compare,
    cmd_compute,
    cmd_export,
    cmd_import,
    cmd_plan,
    cmd_report,
    cmd_seek,
    cmd_validate,
)
from ictscore.formats.errors import InputError

COMMANDS = [
    cmd_compute,
    cmd_validate,
    cmd_compare,
    cmd_import,
    cmd_export,
    cmd_report,
    cmd_seek,
    cmd_plan,
]

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ictscore",
        description="Score an agency against a Vietnamese government ranking (DTI, Vietnam ICT "
        "Index, provincial scorecards) and plan what to improve. With no command, opens the "
        "interactive planner on the bundled example.",
    )
    parser.add_argument("--version", action="version", version=f"ictscore {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for mod in COMMANDS:
        mod.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _default(args)
        code: int = args.func(args)
        return code
    except InputError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _default(args: argparse.Namespace) -> int:
    from ictscore.resources import default_scenario

    return cmd_compute.run_path(default_scenario(), "table", "vi")
