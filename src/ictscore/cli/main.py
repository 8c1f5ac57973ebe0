"""The `ictscore` command: argument parsing and the one place that turns bad input into exit 2.

Subcommands live in their own modules; each exposes `register(subparsers)` and sets `func` on
its parser. Nothing here imports Textual: the TUI is imported only when it is asked for.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from ictscore import __version__
from ictscore.formats.errors import InputError

COMMANDS = [
    "compute",
    "change",
    "validate",
    "compare",
    "import",
    "export",
    "report",
    "seek",
    "plan",
    "open",
]
"""Each is the module ictscore.cli.cmd_<name>, imported only when its command runs (or for
`--help`): planning and reports load numpy and friends, which `compute` does not need."""

EXIT_BAD_INPUT = 2


def _command_module(name: str) -> ModuleType:
    return importlib.import_module(f"ictscore.cli.cmd_{name}")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with `argv` naming a command, only that command's module is imported."""
    parser = argparse.ArgumentParser(
        prog="ictscore",
        description="Score an agency against a Vietnamese government ranking (DTI, Vietnam ICT "
        "Index, provincial scorecards) and plan what to improve. With no command, opens the "
        "interactive planner on the bundled example.",
    )
    parser.add_argument("--version", action="version", version=f"ictscore {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    first = next((a for a in argv or () if not a.startswith("-")), None)
    names = [first] if first in COMMANDS else COMMANDS
    for name in names:
        _command_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(args_in)
    args = parser.parse_args(args_in)
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
    from ictscore.cli.cmd_open import run_default

    return run_default()
