"""The leadership report of a scenario, as text or as a file whose extension chooses the format."""

from __future__ import annotations

from pathlib import Path

from ictscore.formats.scenario import Scenario
from ictscore.planning.whatif import Projection
from ictscore.presentation import writers
from ictscore.presentation.documents import report_of


def render_report(
    scenario: Scenario,
    fmt: str = "markdown",
    lang: str = "vi",
    projection: Projection | None = None,
) -> str:
    """The report in a format of the registry that writes reports (`markdown`, `html`)."""
    return writers.text(report_of(scenario, projection), fmt, lang)


def write_report(
    scenario: Scenario, path: Path, lang: str = "vi", projection: Projection | None = None
) -> Path:
    """Write the report atomically (`.md`, `.html`, …); InputError for any other extension,
    raised before the report is computed, or for an unwritable place."""
    writers.for_path(path, "report")
    return writers.write_file(report_of(scenario, projection), path, lang)
