"""`ictscore open`: the interactive planner on a scenario, or on a criteria file plus data.

The CLI does not import the planner (no face imports another): the program hands `main` a
`Planner`, which imports Textual only when it opens, so every other command stays headless.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ictscore.cli.common import Planner, add_lang, add_scenario
from ictscore.formats.errors import InputError
from ictscore.formats.message import N_
from ictscore.formats.scenario import Scenario, load_scenario, new_scenario


def register(sub: Any) -> None:
    p = sub.add_parser(
        "open",
        help="open the interactive planner on a scenario (or on criteria + data)",
        description="Open the interactive what-if planner. Give a scenario file, or a criteria "
        "file and a data file to start a new scenario (saved to -o, or to DATA's name with "
        ".scenario.toml).",
    )
    add_scenario(p, nargs="?")
    p.add_argument("--criteria", type=Path, help="criteria TOML file (with --data)")
    p.add_argument("--data", type=Path, help="data file, CSV or TOML (with --criteria)")
    p.add_argument("--focus", help="focus entity id for a new scenario (default: the first)")
    p.add_argument(
        "-o", "--output", type=Path, help="where a new scenario is saved (with --criteria/--data)"
    )
    add_lang(p)
    p.set_defaults(func=run)


def scenario_from_args(args: argparse.Namespace) -> Scenario:
    """The scenario the arguments name; InputError (exit 2) for a bad combination."""
    if args.scenario is not None:
        if args.criteria or args.data or args.focus or args.output:
            raise InputError.one(
                "open", N_("give either a SCENARIO or --criteria with --data, not both")
            )
        return load_scenario(args.scenario)
    if args.criteria is None or args.data is None:
        raise InputError.one("open", N_("give a SCENARIO, or both --criteria and --data"))
    target = args.output or args.data.with_name(args.data.stem + ".scenario.toml")
    return new_scenario(args.criteria, args.data, args.focus, target.resolve())


def run(args: argparse.Namespace) -> int:
    scenario = scenario_from_args(args)
    return planner_of(args)(scenario, args.lang)


def planner_of(args: argparse.Namespace) -> Planner:
    """The planner the program handed in; a caller of the CLI alone has none to open."""
    planner: Planner | None = getattr(args, "planner", None)
    if planner is None:
        raise InputError.one(
            "open",
            N_("no interactive planner here: run the ictscore program (python -m ictscore)"),
        )
    return planner


def run_default(args: argparse.Namespace) -> int:
    """Bare `ictscore`: the planner on the bundled example in a terminal; piped or redirected,
    where no screen can be drawn, the computed table instead."""
    import sys

    from ictscore.resources import default_scenario

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from ictscore.cli import cmd_compute

        return cmd_compute.run_path(default_scenario(), "table", "vi")
    return planner_of(args)(load_scenario(default_scenario()), "vi")
