"""Every file this run has read, so that no command overwrites one of them.

`ictscore compute s.toml -o s.toml` (or an export over the data file, or an import over the
spreadsheet it reads) would replace the input with the output in one atomic rename: no error,
the file gone. The readers note what they read here; the one writer refuses those paths.
"""

from __future__ import annotations

from pathlib import Path

_READ: set[Path] = set()


def _key(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: the path as given
        return path.absolute()


def note_read(path: Path) -> None:
    _READ.add(_key(path))


def was_read(path: Path) -> bool:
    return _key(path) in _READ


def forget() -> None:
    """Start afresh (each command of a test run in one process is its own run)."""
    _READ.clear()
