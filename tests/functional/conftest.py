"""What several functional tests build: small entity lists of departments merged in 2025, a
unit formed under a new id, one that keeps a predecessor's id, one unchanged, so that the loader's
checks (test_lineage.py) and computing across the merger (test_merge_units.py) read one example."""

from __future__ import annotations

from pathlib import Path

import pytest

OLD = """\
[list]
id = "so-2024"

[[entity]]
id = "so-a"
name = "Sở A"
ended = 2025-03-01
became = "so-ab"

[[entity]]
id = "so-b"
name = "Sở B"
ended = 2025-03-01
became = "so-ab"

[[entity]]
id = "so-c"
name = "Sở C"
ended = 2025-03-01
became = "so-c"

[[entity]]
id = "so-d"
name = "Sở D"
ended = 2025-03-01
became = "so-c"

[[entity]]
id = "so-e"
name = "Sở E"
"""

NEW = """\
[list]
id = "so-2025"
predecessors = "old.toml"

[[entity]]
id = "so-ab"
name = "Sở AB"
formed_from = ["so-a", "so-b"]
formed = 2025-03-01

[[entity]]
id = "so-c"
name = "Sở C (mới)"
formed_from = ["so-c", "so-d"]

[[entity]]
id = "so-e"
name = "Sở E"
formed_from = ["so-e"]
"""


def write_lists(folder: Path, old: str = OLD, new: str = NEW) -> Path:
    """old.toml and new.toml (new naming old as its predecessors) in `folder`; new.toml's path."""
    (folder / "old.toml").write_text(old, encoding="utf-8")
    (folder / "new.toml").write_text(new, encoding="utf-8")
    return folder / "new.toml"


@pytest.fixture
def unit_lists(tmp_path: Path) -> Path:
    """The two lists as given above, in a fresh folder: the path of new.toml."""
    return write_lists(tmp_path)
