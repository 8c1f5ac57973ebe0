"""What a person sees: keypress to the last byte of the screen update, in a real pseudo-terminal.

Run: python benchmarks/pty_bench.py [--presses 15] [--scenario PATH ...] [--first-paint N]

`ictscore open SCENARIO` is started on a pseudo-terminal of 120×40 with TERM=xterm-256color,
as a person starts it. Once its first screen has settled (no output for a second), one indicator
is selected (with Find) and given a low value (with Edit), and then two keys are pressed in
turn, `--presses` times each:

  +           an edit: one step up of the selected indicator; every view that shows it changes
  down arrow  a cursor move: the least a visible update costs (the cursor is put back with up,
              unmeasured, so that the next + edits the same indicator)

Each key is written to the terminal and its time is the time from that write to the last byte
the program writes in answer, where the answer is over once nothing more arrives for `--quiet`
seconds (150 ms; the quiet wait itself is not counted) after it has begun. Medians, the worst,
and the ratio of an edit to a cursor move (the issue's target: at most 1.5× median, the worst
edit at most 4× the median cursor move) are printed for the 63 provinces of DTI 2022 and the
3,321 illustrative communes. The journal is written to a temporary folder and read back
afterwards, to check that every + was an edit.

With `--first-paint N`, the time from starting the program to its first settled screen instead:
N runs each, interleaved, of a minimal Textual app (a header, a label, a footer: the floor of
any Textual program on this machine) and of `ictscore open` on the default scenario and on each
scenario above, with medians and ratios to the floor.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SCENARIOS = [
    ROOT / "scenarios" / "dti-2022-bac-giang.toml",
    ROOT / "scenarios" / "communes-2025-illustrative.toml",
]
INDICATOR = "nhan_thuc_so"
"""The indicator edited: the first in the tree of DTI 2022, so the down arrow has a row to go to."""
ROWS, COLS = 40, 120
DOWN, UP = "\x1b[B", "\x1b[A"
FIRST_BYTE = 10.0
"""How long the answer to a key may take to begin: the quiet window counts only after it has."""


class Terminal:
    """A program on a pseudo-terminal, and what it writes."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: size its terminal, then become the program
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        self.received = 0
        self.log: list[bytes] = []

    def drain(self, quiet: float, limit: float = 120.0, first: float = 0.0) -> float | None:
        """Read until nothing arrives for `quiet` seconds (the first byte may take up to `first`
        seconds); the time of the last byte read."""
        last: float | None = None
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            ready, _, _ = select.select([self.fd], [], [], quiet if last else max(quiet, first))
            if not ready:
                return last
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:  # the program has gone
                return last
            if not chunk:
                return last
            last = time.perf_counter()
            self.received += len(chunk)
            self.log.append(chunk)
        return last

    def press(self, key: str, quiet: float) -> float:
        """Write a key; seconds until the last byte of its answer (0 when nothing changed)."""
        t = time.perf_counter()
        os.write(self.fd, key.encode())
        last = self.drain(quiet, first=FIRST_BYTE)
        return 0.0 if last is None else last - t

    def type(self, text: str, quiet: float) -> None:
        for ch in text:
            self.press(ch, quiet)

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def measure(path: Path, presses: int, quiet: float, dump: Path | None = None) -> dict[str, object]:
    journal_dir = tempfile.mkdtemp(prefix="ictscore-pty-bench-")
    env = dict(os.environ, TERM="xterm-256color", ICTSCORE_JOURNAL_DIR=journal_dir)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    t = time.perf_counter()
    term = Terminal([sys.executable, "-m", "ictscore", "open", str(path)], env)
    try:
        painted = term.drain(quiet=1.0, first=60.0)  # the first paint, settled
        first_paint = (painted or time.perf_counter()) - t
        term.press("/", quiet)
        term.type(INDICATOR, quiet)
        term.press("\r", quiet)
        term.press("e", quiet)
        term.type("0.2", quiet)
        term.press("\r", quiet)
        edits: list[float] = []
        moves: list[float] = []
        for _ in range(presses):
            edits.append(term.press("+", quiet))
            moves.append(term.press(DOWN, quiet))
            term.press(UP, quiet)
    finally:
        term.close()
        if dump is not None:
            dump.write_bytes(b"".join(term.log))
    logged = sum(p.read_text("utf-8").count('"op": "edit"') for p in Path(journal_dir).glob("*"))
    return {"first_paint": first_paint, "edits": edits, "moves": moves, "journal": logged}


MINIMAL_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Label

class Minimal(App):
    BINDINGS = [("q", "quit", "Quit")]
    def compose(self):
        yield Header()
        yield Label("hello")
        yield Footer()

Minimal().run()
"""


def first_paint(argv: list[str], quiet: float) -> float:
    journal_dir = tempfile.mkdtemp(prefix="ictscore-pty-bench-")
    env = dict(os.environ, TERM="xterm-256color", ICTSCORE_JOURNAL_DIR=journal_dir)
    for var in ("PYTHONDONTWRITEBYTECODE", "COLUMNS", "LINES"):
        env.pop(var, None)
    t = time.perf_counter()
    term = Terminal(argv, env)
    try:
        painted = term.drain(quiet=quiet, first=60.0)
        return (painted or time.perf_counter()) - t
    finally:
        term.close()


def first_paints(runs: int, scenarios: list[Path]) -> None:
    from ictscore.resources import default_scenario

    commands = {"minimal Textual app": [sys.executable, "-c", MINIMAL_APP]}
    for path in [default_scenario(), *scenarios]:
        commands[f"ictscore open {path.name}"] = [
            sys.executable,
            "-m",
            "ictscore",
            "open",
            str(path),
        ]
    times: dict[str, list[float]] = {name: [] for name in commands}
    for argv in commands.values():  # once each, unmeasured: bytecode caches, disk cache
        first_paint(argv, 1.0)
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(first_paint(argv, 1.0))
    floor = statistics.median(times["minimal Textual app"])
    print(f"first paint, median of {runs} interleaved runs (start to the last byte of the screen):")
    for name, ts in times.items():
        m = statistics.median(ts)
        print(f"    {name:48s} {m * 1000:7.0f} ms  {m / floor:5.2f}× the minimal app")


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--presses", type=int, default=15, help="edits and cursor moves, each")
    ap.add_argument("--quiet", type=float, default=0.15, help="seconds of silence ending a paint")
    ap.add_argument("--scenario", type=Path, action="append", help="(default: 63 and 3,321)")
    ap.add_argument("--dump", type=Path, help="write what the program wrote to this file")
    ap.add_argument("--first-paint", type=int, metavar="N", help="time N first paints instead")
    args = ap.parse_args()
    if args.first_paint:
        first_paints(args.first_paint, args.scenario or SCENARIOS)
        return 0
    for path in args.scenario or SCENARIOS:
        r = measure(path, args.presses, args.quiet, args.dump)
        edits = [x * 1000 for x in r["edits"]]  # type: ignore[attr-defined]
        moves = [x * 1000 for x in r["moves"]]  # type: ignore[attr-defined]
        em, mm = statistics.median(edits), statistics.median(moves)
        print(f"{path.name} (first paint after {r['first_paint']:.1f} s):")
        print(f"    edit (+)       median {em:7.1f} ms, worst {max(edits):7.1f} ms")
        print(f"    cursor (down)  median {mm:7.1f} ms, worst {max(moves):7.1f} ms")
        if mm > 0:
            print(
                f"    edit / cursor: median {em / mm:.2f}× (target ≤ 1.5), "
                f"worst edit {max(edits) / mm:.2f}× the median cursor move (target ≤ 4)"
            )
        print(
            f"    edits in the journal: {r['journal']} (expected {args.presses + 1}: the typed "
            "value and every +)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
