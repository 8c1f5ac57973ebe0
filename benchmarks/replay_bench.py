"""Replaying the edit log: a scenario with 1 change beside the same scenario with 10,000.

Run: python benchmarks/replay_bench.py [--changes N] [--runs R]

A scenario's what-if is its baseline with the edit log applied; a planner's afternoon of
what-ifs, or years of edits kept for the audit trail, must not make every compute slower by the
square of the log's length. The bundled default scenario is copied to a temporary folder with
1 and with N changes appended, in two shapes:

- "repeated": every change sets one of a few indicators of the focus entity (a planner trying
  value after value), so the log has N changes but few distinct edited cells;
- "spread": the changes walk every (entity, indicator) cell of the data in turn, so as many
  cells as the data has are edited (the most engine updates a log of that data can need).

For each, side by side in one run, the two files taking turns in every round so that changes in
the machine's load hit both alike:
- `ictscore compute` in a fresh process (what a person waits for), median of R runs;
- in process: loading the scenario and replaying its log (`load_scenario` + `WhatIf.project`),
  and opening it as the planner does (`Session`), with the number of engine updates counted.

The target is `ictscore compute` of N = 10,000 changes within 3× the time of one change. Nothing
here runs under pytest; figures are wall-clock medians on this machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ictscore.engine.compute import Engine  # noqa: E402
from ictscore.formats.criteria import Indicator  # noqa: E402
from ictscore.formats.scenario import load_scenario  # noqa: E402
from ictscore.planning.session import Session  # noqa: E402
from ictscore.planning.whatif import WhatIf  # noqa: E402

DEFAULT_NAME = "bac-giang-so-noi-vu-2021.toml"
TARGET = 3.0


def _cells(folder: Path, shape: str) -> list[tuple[str | None, str, float, float]]:
    """(entity or None for the focus, indicator, its range) to cycle through."""
    sc = load_scenario(folder / "scenarios" / DEFAULT_NAME)
    numeric = [
        n
        for n in sc.criteria.indicators()
        if isinstance(n, Indicator)
        and n.range is not None
        and n.rule.type not in ("category", "yes_no")
        and not n.reported_only
    ]
    if shape == "repeated":
        return [(None, n.id, *n.range) for n in numeric[:3] if n.range is not None]
    return [
        (e.id, n.id, *n.range)
        for e in sc.dataset.entities
        for n in numeric
        if n.range is not None and e.values.get(n.id) is not None
    ]


def write_scenario(folder: Path, shape: str, n: int) -> Path:
    text = (folder / "scenarios" / DEFAULT_NAME).read_text(encoding="utf-8")
    base = text[: text.index("\n[[change]]")]  # the file's own edit log is replaced
    cells = _cells(folder, shape)
    parts = [base, "\n"]
    for k in range(n):
        entity, node, lo, hi = cells[k % len(cells)]
        value = lo + (hi - lo) * (k % 7) / 6
        parts.append(f'\n[[change]]\nnode = "{node}"\nvalue = {value:g}\n')
        if entity is not None:
            parts.append(f'entity = "{entity}"\n')
    path = folder / "scenarios" / f"replay-{shape}-{n}.toml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


class Counting:
    """Counts Engine.update calls while active (the cost the replay is measured in)."""

    def __init__(self) -> None:
        self.calls = 0
        self._orig = Engine.update

    def __enter__(self) -> Counting:
        orig = self._orig

        def update(engine: Engine, *a: object, **k: object) -> object:
            self.calls += 1
            return orig(engine, *a, **k)  # type: ignore[arg-type]

        Engine.update = update  # type: ignore[assignment,method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        Engine.update = self._orig  # type: ignore[method-assign]


def compute_command(path: Path) -> None:
    cmd = [sys.executable, "-m", "ictscore", "compute", str(path)]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)


def load_and_replay(path: Path) -> None:
    WhatIf(load_scenario(path)).project()


def measure(paths: list[Path], runs: int) -> list[dict[str, float]]:
    """Median timings of each path, the paths taking turns in every round."""
    times: list[dict[str, list[float]]] = [{"cli": [], "load": [], "session": []} for _ in paths]
    updates: list[int] = []
    for path in paths:
        with Counting() as count:
            load_and_replay(path)
        updates.append(count.calls)
    loaded = [load_scenario(path) for path in paths]
    for _ in range(runs):
        for path, sc, t in zip(paths, loaded, times, strict=True):
            t["cli"].append(timed(partial(compute_command, path)))
            t["load"].append(timed(partial(load_and_replay, path)))
            t["session"].append(timed(partial(Session, sc)))
    return [
        {k: statistics.median(v) for k, v in t.items()} | {"updates": n}
        for t, n in zip(times, updates, strict=True)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory(prefix="ictscore-replay-") as tmp:
        folder = Path(tmp)
        shutil.copytree(ROOT / "criteria", folder / "criteria")
        shutil.copytree(ROOT / "scenarios", folder / "scenarios")
        print(
            f"{'shape':9} {'changes':>8} {'updates':>8} {'compute':>10} {'load+replay':>12} "
            f"{'Session':>9}"
        )
        for shape in ("repeated", "spread"):
            one = write_scenario(folder, shape, 1)
            many = write_scenario(folder, shape, args.changes)
            a, b = measure([one, many], args.runs)
            for n, r in ((1, a), (args.changes, b)):
                print(
                    f"{shape:9} {n:>8,} {r['updates']:>8,.0f} {r['cli'] * 1000:>8.0f} ms "
                    f"{r['load'] * 1000:>9.1f} ms {r['session'] * 1000:>6.1f} ms"
                )
            ratio = b["cli"] / a["cli"]
            print(
                f"{shape:9} ratio {args.changes:,} : 1 — compute {ratio:.2f}× (target ≤ "
                f"{TARGET:g}×), load+replay {b['load'] / a['load']:.1f}×, "
                f"Session {b['session'] / a['session']:.1f}×"
            )
            ok = ok and ratio <= TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
