"""Regenerate schemas/*.schema.json: the JSON Schema of every file format, from its model.

Editors read these through the `#:schema` line at the top of each bundled TOML file, so they
must say exactly what the loaders accept; tests/test_schemas.py fails when a model changes and
this script has not been run. `ictscore schema KIND` prints the same text.

    python scripts/make_schemas.py            # rewrite schemas/
    python scripts/make_schemas.py --check    # exit 1 if a schema is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "schemas"


def expected() -> dict[Path, str]:
    """Each schema file with the text the models give it."""
    sys.path.insert(0, str(ROOT / "src"))
    from ictscore.formats.schemas import MODELS, schema_file_name, schema_text

    return {OUT / schema_file_name(kind): schema_text(kind) for kind in MODELS}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check that schemas/ is current")
    args = ap.parse_args(argv)
    files = expected()
    stale = [p for p, text in files.items() if not p.exists() or p.read_text("utf-8") != text]
    known = set(files)
    extra = sorted(p for p in OUT.glob("*.schema.json") if p not in known)
    if args.check:
        for p in stale:
            print(f"{p} is out of date: run {Path(__file__).name}", file=sys.stderr)
        for p in extra:
            print(f"{p} is no file format's schema: remove it", file=sys.stderr)
        if not stale and not extra:
            print(f"{OUT}: up to date", file=sys.stderr)
        return 1 if stale or extra else 0
    OUT.mkdir(exist_ok=True)
    for p in stale:
        p.write_text(files[p], encoding="utf-8", newline="\n")
        print(f"wrote {p}", file=sys.stderr)
    for p in extra:
        p.unlink()
        print(f"removed {p}", file=sys.stderr)
    if not stale and not extra:
        print(f"{OUT}: up to date", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
