"""TUI benchmark: start to first painted screen, and an edit's keypress to the updated screen.

Run `python benchmarks/tui_bench.py` (targets: first paint < 1 s, edit < 50 ms). Each bundled
scenario is opened in a fresh process (so imports count, as a user waits for them) in
Textual's headless driver at 120×40; then + is pressed repeatedly on an indicator and each
press is timed until the screen has finished repainting (the end of the last layout or
compositor refresh after the key; `Pilot.press`'s own round trip, which waits for every widget to
go idle, is shown beside it). The figures are medians; journals go to a temporary folder.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

SIZE = (120, 40)
PRESSES = 30


async def _measure(path: Path, presses: int) -> dict[str, float]:
    from ictscore.formats.criteria import Indicator
    from ictscore.formats.scenario import load_scenario
    from ictscore.planning.session import Session
    from ictscore.tui.app import IctscoreApp
    from ictscore.tui.screens.main import MainScreen

    app = IctscoreApp(Session.open(load_scenario(path), journal=False))
    async with app.run_test(size=SIZE) as pilot:
        while not isinstance(app.screen, MainScreen):
            await pilot.pause()
        await pilot.pause()
        first_paint = time.perf_counter() - T0
        main = app.screen
        crit = app.session.scenario.criteria
        node = next(
            i.id
            for i in crit.indicators()
            if isinstance(i, Indicator) and i.range is not None and not i.reported_only
        )
        main.go_to(node)
        await pilot.press("minus")  # start from the bottom of the range
        for _ in range(60):
            await pilot.press("minus")
        painted = _watch_paints()
        times, paints, noop = [], [], []
        for _ in range(presses):
            painted.clear()
            t = time.perf_counter()
            await pilot.press("plus")
            times.append(time.perf_counter() - t)
            paints.append((max(painted) if painted else time.perf_counter()) - t)
        for _ in range(presses):
            t = time.perf_counter()
            await pilot.press("x")  # bound to nothing: what Pilot itself costs
            noop.append(time.perf_counter() - t)
        handler = []
        for _ in range(presses):
            t = time.perf_counter()
            main.action_step(1)
            handler.append(time.perf_counter() - t)
        return {
            "first_paint_s": first_paint,
            "edit_keypress_ms": statistics.median(paints) * 1000,
            "edit_keypress_max_ms": max(paints) * 1000,
            "pilot_roundtrip_ms": statistics.median(times) * 1000,
            "pilot_noop_ms": statistics.median(noop) * 1000,
            "edit_handler_ms": statistics.median(handler) * 1000,
        }


def _watch_paints() -> list[float]:
    """Times at which the screen finished writing an update (layout or partial repaint)."""
    from textual.screen import Screen

    ends: list[float] = []
    for name in ("_refresh_layout", "_compositor_refresh"):
        original = getattr(Screen, name)

        def timed(self: Screen[object], *a: object, _o: object = original, **k: object) -> object:
            out = _o(self, *a, **k)  # type: ignore[operator]
            ends.append(time.perf_counter())
            return out

        setattr(Screen, name, timed)
    return ends


def child(path: Path, presses: int) -> None:
    print(json.dumps(asyncio.run(_measure(path, presses))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--presses", type=int, default=PRESSES)
    parser.add_argument("--runs", type=int, default=3, help="processes per scenario")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.presses)
        return 0
    from ictscore.resources import bundled_scenarios

    env = dict(os.environ, ICTSCORE_JOURNAL_DIR=tempfile.mkdtemp(prefix="ictscore-bench-"))
    ok = True
    for path in bundled_scenarios():
        runs = []
        for _ in range(args.runs):
            t = time.perf_counter()
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path), "--presses", str(args.presses)],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            )
            wall = time.perf_counter() - t
            res = json.loads(out.stdout.strip().splitlines()[-1])
            res["process_wall_s"] = wall
            runs.append(res)
        fp = statistics.median(r["first_paint_s"] for r in runs)
        ek = statistics.median(r["edit_keypress_ms"] for r in runs)
        emax = max(r["edit_keypress_max_ms"] for r in runs)
        eh = statistics.median(r["edit_handler_ms"] for r in runs)
        rt = statistics.median(r["pilot_roundtrip_ms"] for r in runs)
        noop = statistics.median(r["pilot_noop_ms"] for r in runs)
        print(
            f"{path.name}: first paint {fp * 1000:.0f} ms (target < 1000); "
            f"edit keypress → screen repainted {ek:.1f} ms median, {emax:.1f} ms max "
            f"(target < 50); edit handler alone {eh:.1f} ms; Pilot round trip {rt:.1f} ms "
            f"(of which Pilot's own cost, a key bound to nothing: {noop:.1f} ms)"
        )
        ok = ok and fp < 1.0 and ek < 50
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
