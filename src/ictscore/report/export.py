"""Results to a file chosen by its extension: .csv, .json, .md or .xlsx.

One function for every face: the CLI's `export` and the TUI's export action call
`export_projection`, so a file exported from either reads the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ictscore.cli.render import projection_to_csv, projection_to_json, projection_to_text
from ictscore.formats.errors import InputError
from ictscore.formats.scenario import Change, atomic_write
from ictscore.planning.whatif import Projection

EXPORT_FORMATS = {".csv": "csv", ".json": "json", ".md": "markdown", ".xlsx": "xlsx"}


def export_format(path: Path) -> str:
    fmt = EXPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError.one(
            path, "cannot tell the format from the name: use .csv, .json, .md or .xlsx"
        )
    return fmt


def export_bytes(
    projection: Projection, fmt: str, changes: Sequence[Change] = (), lang: str = "vi"
) -> bytes:
    chs = list(changes)
    if fmt == "csv":
        return projection_to_csv(projection).encode("utf-8")
    if fmt == "json":
        return projection_to_json(projection, chs).encode("utf-8")
    if fmt == "markdown":
        return projection_to_text(projection, chs, lang, markdown=True).encode("utf-8")
    if fmt == "xlsx":
        from ictscore.report.xlsx import workbook_bytes

        return workbook_bytes(projection, chs, lang)
    raise ValueError(f"unknown export format {fmt!r}")


def export_projection(
    projection: Projection,
    path: Path,
    changes: Sequence[Change] = (),
    lang: str = "vi",
) -> Path:
    """Write the results to `path` (format from the extension), atomically; return the path.

    `changes` is the applied edit log (`scenario.applied()`), shown with its audit trail.
    Raises InputError for an unknown extension, a missing openpyxl or an unwritable path.
    """
    return write_output(path, export_bytes(projection, export_format(path), changes, lang))


def write_output(path: Path, data: bytes) -> Path:
    """Write atomically; an unwritable place is bad input (exit 2), not a traceback."""
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise InputError.one(path, f"cannot write: {exc.strerror or exc}") from None
    return path
