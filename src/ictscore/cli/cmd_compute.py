"""`ictscore compute`: the ranking and the focus entity's baseline → scenario at every node."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from ictscore.cli import cache
from ictscore.cli.common import add_format, emit, project
from ictscore.cli.render import render_projection
from ictscore.formats.tomlfile import recording_reads


def register(sub: Any) -> None:
    p = sub.add_parser(
        "compute",
        help="compute a scenario: ranking, and the focus entity's baseline → what-if at every node",
        description="Compute a scenario's baseline and what-if results.",
    )
    p.add_argument("scenario", type=Path, help="scenario TOML file")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return run_path(args.scenario, args.format, args.lang, args.output)


def run_path(path: Path, fmt: str, lang: str, output: Path | None = None) -> int:
    started = time.time_ns()
    with recording_reads() as read:
        scenario, projection = project(path)
        text = render_projection(projection, scenario.applied(), fmt, lang)
    emit(text, output)
    if output is None and cache.enabled():
        # every file the run read, not only the ones the scenario names: a loader that comes
        # to read one more file (an entity list, say) cannot leave a stale entry behind
        deps = {p for p in (scenario.criteria.path, scenario.dataset.path) if p is not None}
        cache.store(path, fmt, lang, deps | read, text, started)
    return 0
