"""`locate` finds a table by bisection in an outline of the file (issue 11: asked once per
entity, reading the file from the top each time made a big TOML data file quadratic). It must
name the same line as the scan it replaced, kept here to be compared with, for every place in
every bundled TOML file and for places that are not there."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from ictscore.formats.tomlfile import locate

from ..conftest import ROOT


def reference(text: str, loc: tuple[int | str, ...]) -> int | None:
    """The line scan as it was."""
    lines = text.splitlines()
    start, end = 0, len(lines)
    i = 0
    found: int | None = None
    while i < len(loc):
        key = loc[i]
        if not isinstance(key, str):
            i += 1
            continue
        index = loc[i + 1] if i + 1 < len(loc) and isinstance(loc[i + 1], int) else None
        header = re.compile(r"^\s*\[\[?\s*([\w.\"-]+)\s*\]\]?\s*(#.*)?$")
        if index is not None:
            count = -1
            hit = None
            for n in range(start, end):
                h = header.match(lines[n])
                if h and h.group(1).split(".")[-1].strip('"') == key:
                    count += 1
                    if count == index:
                        hit = n
                        break
            if hit is not None:
                found = hit + 1
                start = hit + 1
                nxt = end
                for n in range(start, end):
                    h = header.match(lines[n])
                    if h and h.group(1).split(".")[-1].strip('"') == key:
                        nxt = n
                        break
                end = nxt
                i += 2
                continue
        keyline = re.compile(r'(^|[\s{,])"?' + re.escape(key) + r'"?\s*=')
        hit = None
        for n in range(start, end):
            h = header.match(lines[n])
            if h and h.group(1).split(".")[-1].strip('"') == key:
                hit = n
                break
            if keyline.search(lines[n]):
                hit = n
                break
        if hit is None:
            return found
        found = hit + 1
        start = hit
        i += 2 if index is not None else 1
    return found


def places(data: Any, prefix: tuple[int | str, ...] = ()) -> list[tuple[int | str, ...]]:
    out: list[tuple[int | str, ...]] = [prefix] if prefix else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += places(v, (*prefix, k))
        out.append((*prefix, "no_such_key"))
    elif isinstance(data, list):
        for n, v in enumerate(data):
            out += places(v, (*prefix, n))
        out.append((*prefix, len(data) + 3))
    return out


FILES = sorted(
    p
    for pattern in (
        "criteria/*.toml",
        "criteria/entities/*.toml",
        "scenarios/*.toml",
        "scenarios/data/*.toml",
        "tests/bad_inputs/*/*.toml",
    )
    for p in ROOT.glob(pattern)
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(Path(p).relative_to(ROOT)))
def test_every_place_is_found_on_the_same_line(path: Path) -> None:
    text = path.read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        pytest.skip("not TOML: the bad input is its syntax")
    for loc in places(data):
        assert locate(text, loc) == reference(text, loc), loc
    for loc in [("entity", -1), ("indicator", 0, "rule", "points"), ("x", 0, "y"), (3,)]:
        assert locate(text, loc) == reference(text, loc), loc
