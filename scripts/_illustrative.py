"""What the scripts that generate illustrative data share: the framework's points, the draw of
main indices that add up to an exact total, the commented CSV, and `--check`.

One copy, so that a fix to the draw or to the check reaches every generated file alike; each
script keeps only what it knows about its own edition (what was published, the totals, the
checks against the engine).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))


def scored_children(criteria: Path, root: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The children of `root` that carry points, in the framework's order, and their points:
    read from the criteria file so that the data follow it if the points change."""
    from ictscore.formats.criteria import Aggregate, load_criteria

    agg = load_criteria(criteria).nodes[root]
    assert isinstance(agg, Aggregate)
    kids = [(c.node, int(c.factor)) for c in agg.children if c.factor > 0]
    return tuple(k for k, _ in kids), tuple(p for _, p in kids)


def total(points: Sequence[int], units: Sequence[int]) -> int:
    """Σ points × units: the total in points × units, an integer so that ties are exact."""
    return sum(p * u for p, u in zip(points, units, strict=True))


def fit(
    units: list[int],
    goal: int,
    points: Sequence[int],
    free: int,
    nudge: tuple[int, int],
    bounds: tuple[int, int],
) -> tuple[int, ...] | None:
    """`units` with index `free` (a 200-point index) set so that the total is exactly `goal`,
    or None when that puts a value out of `bounds` (the caller draws again).

    `goal` minus the other indices is a multiple of 50; one unit more on the 100-point and/or
    the 150-point index of `nudge` makes it divide by 200, so the free index takes it whole.
    """
    units = list(units)
    units[free] = 0
    rest = goal - total(points, units)
    bump = {0: (0, 0), 100: (1, 0), 150: (0, 1), 50: (1, 1)}[rest % 200]
    for idx, b in zip(nudge, bump, strict=True):
        units[idx] += b
    rest = goal - total(points, units)
    units[free] = rest // 200
    low, high = bounds
    if not all(low <= u <= high for u in units):
        return None
    assert total(points, units) == goal
    return tuple(units)


def noisy(mean: float, shift: float, noise: float, rng: random.Random) -> float:
    """A value around `mean + shift`, a triangular draw of ±2×`noise` from two `random()` calls
    (whose sequence for an integer seed is stable across Python versions)."""
    return mean + shift + (rng.random() + rng.random() - 1.0) * noise * 2


def commented_csv(header: str, fields: Sequence[str], rows: Iterable[dict[str, str]]) -> str:
    """`rows` as CSV below `header`, each of its lines a `# ` comment (which the data reader
    skips), so the file says what is published and what is made up."""
    buf = io.StringIO()
    for line in header.splitlines():
        buf.write(f"# {line}\n")
    w = csv.DictWriter(buf, list(fields), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def run(
    argv: list[str] | None,
    doc: str | None,
    script: str,
    expected: Callable[[], dict[Path, str]],
) -> int:
    """A generator's command line: rewrite the files `expected()` gives that differ, or with
    `--check` only say which are out of date (exit 1), so a test or CI can keep them current.

    `expected` raises SystemExit when the engine does not reproduce what was published: then
    nothing is written."""
    ap = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check that the files are current")
    args = ap.parse_args(argv)
    files = expected()
    stale = [p for p, text in files.items() if not p.exists() or p.read_text("utf-8") != text]
    if args.check:
        for p in stale:
            print(f"{p} is out of date: run {Path(script).name}", file=sys.stderr)
        for p in files:
            if p not in stale:
                print(f"{p}: up to date", file=sys.stderr)
        return 1 if stale else 0
    for p in stale:
        p.write_text(files[p], encoding="utf-8", newline="\n")
        print(f"wrote {p}", file=sys.stderr)
    return 0
