"""The console entry point: a repeated `ictscore compute` is answered before pydantic loads.

Only the plain form `compute SCENARIO [--format F] [--lang L]` is looked up in the cache
(see `ictscore.cli.cache`); everything else, and every miss, runs the full command line.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

_FORMATS = ("table", "json", "csv", "markdown")
_LANGS = ("vi", "en")


def cached_request(argv: Sequence[str]) -> tuple[Path, str, str] | None:
    """(scenario, format, language) when argv is a plain stdout `compute`, else None."""
    if not argv or argv[0] != "compute":
        return None
    opts = {"--format": "table", "--lang": "vi"}
    alias = {"-f": "--format", "--format": "--format", "--lang": "--lang"}
    scenario: str | None = None
    rest = list(argv[1:])
    while rest:
        arg = rest.pop(0)
        name, eq, val = arg.partition("=")
        if name in alias and (eq or rest):
            opts[alias[name]] = val if eq else rest.pop(0)
        elif arg.startswith("-") or scenario is not None:
            return None
        else:
            scenario = arg
    if scenario is None or opts["--format"] not in _FORMATS or opts["--lang"] not in _LANGS:
        return None
    return Path(scenario), opts["--format"], opts["--lang"]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    request = cached_request(args)
    if request is not None:
        from ictscore.cli import cache

        if cache.enabled():
            hit = cache.lookup(*request)
            if hit is not None:
                try:
                    sys.stdout.write(hit)
                    sys.stdout.flush()
                except BrokenPipeError:
                    pass
                return 0
    from ictscore.cli.main import main as full

    return full(args)
