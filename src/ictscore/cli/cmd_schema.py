"""`ictscore schema KIND`: the JSON Schema of a file format, generated from its model.

The same text as the shipped `schemas/KIND.schema.json` (a test keeps them equal); this command
works wherever ictscore is installed, for an editor or a tool that wants the schema of the
version it runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ictscore.cli.output import write_stdout

KINDS = ("criteria", "scenario", "data", "entities")
"""The kinds a file may declare (`ictscore.formats.kinds.KINDS`), repeated here so that
`--help` does not import the file models; a test checks that the two agree."""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of a file format (criteria, scenario, data, entities)",
        description="Print the JSON Schema of criteria files, scenarios, TOML data files or "
        "entity lists, generated from the models that read them, with a description of every "
        "key. Editors (taplo, Even Better TOML) use it through a `#:schema` line.",
    )
    p.add_argument("kind", choices=KINDS, help="which file format")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ictscore.formats.schemas import schema_text

    write_stdout(schema_text(args.kind))
    sys.stdout.flush()
    return 0
