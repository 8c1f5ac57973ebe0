"""A projection's results to a file whose extension chooses the format (.csv, .json, .md, .xlsx)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ictscore.formats.scenario import Change, Scenario
from ictscore.planning.whatif import Projection
from ictscore.presentation import writers
from ictscore.presentation.documents import ResultsDoc, results_of


def export_projection(
    projection: Projection,
    path: Path,
    changes: Sequence[Change] = (),
    lang: str = "vi",
    scenario: Scenario | None = None,
) -> Path:
    """Write the results to `path` (format from the extension), atomically; return the path.

    `changes` is the applied edit log (`scenario.applied()`), shown with its audit trail.
    `scenario`, the one projected, adds what `ictscore export` writes with the numbers (the
    notes on assumptions and mergers, the units formed from others), so that the file is the
    same as the command's; its own edit log is then the one shown.
    Raises InputError for an unknown extension or an unwritable path.
    """
    if scenario is not None:
        return writers.write_file(results_of(scenario, projection, lang), path, lang)
    return writers.write_file(ResultsDoc(projection, tuple(changes)), path, lang)
