"""A progress bar on standard error for long planning runs.

Drawn only on a terminal and only once a run has lasted a moment, so that quick runs, pipes and
the golden tests see nothing of it.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 0.5
WIDTH = 30


class ProgressBar:
    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.shown = False
        self.enabled = self.stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.started < DELAY:
            return
        if total > 0:
            filled = min(WIDTH, int(WIDTH * done / total))
            bar = "█" * filled + "░" * (WIDTH - filled)
            text = f"\r{self.label} {bar} {100 * done // total:3d} %"
        else:
            text = f"\r{self.label} … {done}"
        self.stream.write(text)
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
