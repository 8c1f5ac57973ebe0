"""A cache of `compute` output keyed by the content of every file it read.

Starting pydantic and building the criteria models costs about 110 ms, several times the engine
and the rendering together. The output of `ictscore compute` is a pure function of the scenario,
criteria and data files' bytes, the format, the language and the code; so when all of these are
unchanged since a successful run, the stored text is that run's output, byte for byte. Entries
are only ever written after a full, successful computation, a lookup re-hashes every input file,
and any doubt (a changed byte, an edited source file of ictscore, an unreadable entry) is a miss
that falls back to the full path. Failures are never cached, so errors are always re-checked.

This module must stay free of pydantic and of the rest of ictscore: it runs before them.
Set ICTSCORE_NO_CACHE=1 to bypass it, ICTSCORE_CACHE_DIR to move it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

CACHE_VERSION = "1"
MAX_ENTRIES = 256


def enabled() -> bool:
    return not os.environ.get("ICTSCORE_NO_CACHE")


def cache_dir() -> Path:
    explicit = os.environ.get("ICTSCORE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "ictscore"


def _code_fingerprint() -> str:
    """Size and modification time of every module of ictscore: an edit invalidates the cache."""
    pkg = Path(__file__).resolve().parent.parent
    parts: list[str] = [sys.version]
    for dirpath, dirnames, filenames in os.walk(pkg):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".py"):
                st = os.stat(os.path.join(dirpath, name))
                parts.append(f"{dirpath}/{name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _key(scenario: Path, fmt: str, lang: str) -> str:
    head = [CACHE_VERSION, _code_fingerprint(), str(scenario.resolve()), fmt, lang]
    return hashlib.sha256(json.dumps(head).encode()).hexdigest()


def lookup(scenario: Path, fmt: str, lang: str) -> str | None:
    """The stored output, if every input file still has the bytes it had; else None."""
    try:
        entry = json.loads((cache_dir() / f"{_key(scenario, fmt, lang)}.json").read_text("utf-8"))
        deps: dict[str, str] = entry["deps"]
        for dep, digest in deps.items():
            if _digest(Path(dep)) != digest:
                return None
        output = entry["output"]
        return output if isinstance(output, str) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(
    scenario: Path, fmt: str, lang: str, deps: Iterable[Path], output: str, started: int
) -> None:
    """Remember a successful run's output; a cache that cannot be written is simply skipped.

    `started` is `time.time_ns()` from before the run read its files. A file modified since then
    may not hold the bytes the run computed from, so nothing is stored.
    """
    try:
        files = sorted({str(p.resolve()) for p in (scenario, *deps)})
        digests = {f: _digest(Path(f)) for f in files}
        if any(os.stat(f).st_mtime_ns >= started for f in files):
            return
        entry = {"deps": digests, "output": output}
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        import tempfile  # only when storing: a lookup must start fast

        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(entry, fh, ensure_ascii=False)
            os.replace(tmp, folder / f"{_key(scenario, fmt, lang)}.json")
        finally:
            Path(tmp).unlink(missing_ok=True)
        _prune(folder)
    except OSError:
        return


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
    for old in entries[:-MAX_ENTRIES]:
        old.unlink(missing_ok=True)
