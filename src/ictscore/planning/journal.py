"""The crash-recovery journal: every edit appended and synced as it happens.

A planner's afternoon of what-ifs must survive a killed terminal. Each operation on a scenario
(an edit, a group of edits applied together as one undo step, undo, redo, a new focus or target
rank) is one JSON line, flushed to disk before the screen updates; a save or a deliberate
discard removes the file. Opening the scenario again finds the journal and offers to replay it.
A half-written last line (the crash itself) is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = 2
"""2: a plan's edits are one "group" operation (1 wrote them as separate edits, which restore
could only replay as separate undo steps); journals of either format replay."""
ENV_DIR = "ICTSCORE_JOURNAL_DIR"
"""When set, journals go to this directory (tests, read-only installs)."""


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "ictscore" / "journal"


def journal_path(scenario_path: Path) -> Path:
    """Beside the scenario (`.name.toml.journal`) when that folder is writable, else the state
    directory, under a name unique to the scenario's absolute path."""
    target = scenario_path.resolve()
    forced = os.environ.get(ENV_DIR)
    if forced is None and os.access(target.parent, os.W_OK):
        return target.with_name(f".{target.name}.journal")
    digest = hashlib.sha256(str(target).encode("utf-8")).hexdigest()[:12]
    folder = Path(forced) if forced else state_dir()
    return folder / f"{target.stem}-{digest}.journal"


@dataclass(frozen=True)
class Pending:
    """What a journal found on opening holds."""

    path: Path
    disk_hash: str | None
    ops: tuple[dict[str, Any], ...]

    def edits(self) -> int:
        return sum(
            len(op.get("changes", ())) if op.get("op") == "group" else 1
            for op in self.ops
            if op.get("op") in ("edit", "group")
        )


class Journal:
    def __init__(self, path: Path, disk_hash: str | None = None) -> None:
        self.path = path
        self.disk_hash = disk_hash
        self._started = False

    @classmethod
    def for_scenario(cls, scenario_path: Path, disk_hash: str | None) -> Journal:
        return cls(journal_path(scenario_path), disk_hash)

    def pending(self) -> Pending | None:
        """The operations a previous session left behind, or None when there are none."""
        if not self.path.exists():
            return None
        header, ops = _read(self.path)
        if not ops:
            return None
        return Pending(self.path, header.get("disk_hash"), tuple(ops))

    def append(self, op: dict[str, Any]) -> None:
        """Write one operation and sync it before returning."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        mode = "a" if self._started and self.path.exists() else "w"
        with self.path.open(mode, encoding="utf-8") as fh:
            if mode == "w":
                header = {"journal": FORMAT, "disk_hash": self.disk_hash}
                fh.write(json.dumps(header) + "\n")
            fh.write(json.dumps(op, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        self._started = True

    def discard(self, disk_hash: str | None = None) -> None:
        """Forget the journal: the edits are saved, or the person chose to drop them."""
        self.path.unlink(missing_ok=True)
        self._started = False
        if disk_hash is not None:
            self.disk_hash = disk_hash


def _read(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    header: dict[str, Any] = {}
    ops: list[dict[str, Any]] = []
    for k, obj in enumerate(_lines(path)):
        if k == 0 and "journal" in obj:
            header = obj
        elif "op" in obj:
            ops.append(obj)
    return header, ops


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    for line in text.splitlines():
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue  # the line being written when the process died
        if isinstance(obj, dict):
            yield obj
