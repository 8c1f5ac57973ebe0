"""A projection's results to a file whose extension chooses the format (.csv, .json, .md, .xlsx)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ictscore.formats.scenario import Change
from ictscore.planning.whatif import Projection
from ictscore.presentation import writers
from ictscore.presentation.documents import ResultsDoc


def export_projection(
    projection: Projection,
    path: Path,
    changes: Sequence[Change] = (),
    lang: str = "vi",
) -> Path:
    """Write the results to `path` (format from the extension), atomically; return the path.

    `changes` is the applied edit log (`scenario.applied()`), shown with its audit trail.
    Raises InputError for an unknown extension or an unwritable path.
    """
    return writers.write_file(ResultsDoc(projection, tuple(changes)), path, lang)
