"""A report file from a scenario: the one entry point the CLI and the TUI call."""

from __future__ import annotations

from pathlib import Path

from ictscore.formats.errors import InputError
from ictscore.formats.scenario import Scenario
from ictscore.planning.whatif import Projection, WhatIf
from ictscore.report.export import write_output
from ictscore.report.html import render_html
from ictscore.report.markdown import render_markdown
from ictscore.report.model import build_report

REPORT_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def render_report(
    scenario: Scenario,
    fmt: str = "markdown",
    lang: str = "vi",
    projection: Projection | None = None,
) -> str:
    model = build_report(scenario, projection or WhatIf(scenario).project())
    return render_html(model, lang) if fmt == "html" else render_markdown(model, lang)


def write_report(
    scenario: Scenario, path: Path, lang: str = "vi", projection: Projection | None = None
) -> Path:
    fmt = REPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError.one(path, "a report is .md or .html")
    return write_output(path, render_report(scenario, fmt, lang, projection).encode("utf-8"))
