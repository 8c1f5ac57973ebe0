"""The one registry of output formats: what it declares is what it writes, and every face reads it.

Each writer is tried on a real document of every kind, so a kind declared but not written (or
written but not declared) fails here rather than in front of a user.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from ictscore.cli.main import build_parser, main
from ictscore.formats.errors import InputError
from ictscore.formats.scenario import load_scenario
from ictscore.planning.compare import compare
from ictscore.planning.history import load_unit_history
from ictscore.planning.next_steps import next_steps
from ictscore.planning.planner import goal_seek, plan, start_result
from ictscore.planning.seek import Goal
from ictscore.planning.whatif import WhatIf
from ictscore.presentation import writers
from ictscore.presentation.documents import (
    KINDS,
    ComparisonDoc,
    Document,
    HistoryDoc,
    Kind,
    NextDoc,
    PlanDoc,
    ResultsDoc,
    SeekDoc,
    report_of,
)

from ..conftest import CRITERIA, ROOT, SCENARIOS

DEFAULT = SCENARIOS / "bac-giang-so-noi-vu-2021.toml"
SECOND = ROOT / "tests" / "golden" / "so-noi-vu-ky-so.toml"
REPORT = ROOT / "tests" / "data" / "report" / "dti-hue.toml"
COMMANDS: dict[str, Kind] = {
    "compute": "results",
    "compare": "comparison",
    "seek": "seek",
    "next": "next",
    "plan": "plan",
    "history": "history",
}


@pytest.fixture(scope="module")
def docs() -> dict[Kind, Document]:
    """One document of every kind, from the bundled scenario (the report from a test-owned one)."""
    sc = load_scenario(DEFAULT)
    other = load_scenario(SECOND)
    projection = WhatIf(sc).project()
    comparison = compare([projection, WhatIf(other).project()], [sc.applied(), other.applied()])
    names = {e.id: e.name for e in sc.dataset.entities}
    w, start = start_result(sc)
    out: dict[Kind, Document] = {
        "results": ResultsDoc(projection, sc.applied()),
        "comparison": ComparisonDoc(comparison, sc.criteria),
        "seek": SeekDoc(goal_seek(sc, Goal(gain=1)), names, sc.criteria),
        "next": NextDoc(
            next_steps(w.engine, start, sc.focus, sc.file.lever),
            names,
            sc.criteria,
            {lv.id: {"vi": lv.name_vi, "en": lv.name_en} for lv in sc.file.lever},
        ),
        "plan": PlanDoc(plan(sc, draws=0)),
        "history": HistoryDoc(load_unit_history(CRITERIA, "bac-ninh")),
        "report": report_of(load_scenario(REPORT)),
    }
    assert set(out) == set(KINDS)
    return out


def _pairs() -> Iterator[tuple[str, Kind]]:
    for w in writers.WRITERS:
        for kind in KINDS:
            yield w.name, kind


@pytest.mark.parametrize(("fmt", "kind"), list(_pairs()))
def test_a_writer_writes_exactly_the_kinds_it_declares(
    fmt: str, kind: Kind, docs: dict[Kind, Document]
) -> None:
    w = writers.get(fmt)
    doc = docs[kind]
    if kind not in w.kinds:
        with pytest.raises(writers.CannotWrite, match=f"does not write a {kind} document"):
            w.data(doc, "en")
        with pytest.raises(writers.CannotWrite):  # nor can it: kinds hides no writer
            w.write(doc, "en")
        return
    data = w.data(doc, "en")
    assert len(data) > 100
    if w.binary:
        assert data.startswith(b"PK")  # an XLSX workbook is a zip
        with pytest.raises(writers.CannotWrite, match="binary"):
            writers.text(doc, fmt, "en")
    else:
        assert writers.text(doc, fmt, "en").encode("utf-8") == data
        if fmt in ("table", "markdown", "html"):  # the layouts for people, in their language
            assert writers.text(doc, fmt, "vi") != writers.text(doc, fmt, "en")


def test_every_writer_can_be_reached() -> None:
    """A binary format cannot go to a terminal: a file name must choose it. No two formats of a
    kind share an extension, so a file name never chooses two."""
    assert writers.WRITERS[0].name == "table"  # every command's default
    for w in writers.WRITERS:
        assert w.kinds, w.name
        assert w.extensions or not w.binary, w.name
        assert all(e.startswith(".") and e == e.lower() for e in w.extensions), w.name
    for kind in KINDS:
        exts = [e for w in writers.file_writers(kind) for e in w.extensions]
        assert len(exts) == len(set(exts)), kind


@pytest.mark.parametrize(("command", "kind"), COMMANDS.items())
def test_format_choices_are_the_registrys(command: str, kind: Kind) -> None:
    parser = build_parser([command])
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    fmt = next(a for a in sub.choices[command]._actions if a.dest == "format")
    assert tuple(fmt.choices or ()) == writers.stream_formats(kind)
    assert fmt.default in writers.stream_formats(kind)


def test_a_file_name_chooses_its_format() -> None:
    assert writers.for_path(Path("r.XLSX"), "results").name == "xlsx"
    assert writers.for_path(Path("r.markdown"), "report").name == "markdown"
    assert writers.for_path(Path("r.htm"), "report").name == "html"
    with pytest.raises(InputError, match=r"use \.csv, \.json, \.md or \.xlsx$"):
        writers.for_path(Path("r.html"), "results")  # HTML is a report's format, not results'
    with pytest.raises(InputError, match=r"a report is \.docx, \.html or \.md$"):
        writers.for_path(Path("r.xlsx"), "report")
    with pytest.raises(InputError, match="use"):
        writers.for_path(Path("r.txt"), "results")  # the table is for a terminal only


def test_a_format_added_to_the_registry_is_offered_by_the_cli(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def tsv(doc: Document, lang: str) -> str:
        assert isinstance(doc, ResultsDoc)
        r = doc.projection.result
        return "".join(f"{eid}\t{r.rank(eid)}\n" for eid in r.order())

    extra = writers.Writer("tsv", "TSV", (".tsv",), False, frozenset({"results"}), tsv)
    monkeypatch.setattr(writers, "WRITERS", (*writers.WRITERS, extra))
    assert main(["compute", str(DEFAULT), "-f", "tsv"]) == 0
    printed = capsys.readouterr().out
    assert printed.splitlines()[0] == "so-thong-tin-truyen-thong\t1"
    out = tmp_path / "r.tsv"
    assert main(["export", str(DEFAULT), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == printed
    with pytest.raises(SystemExit):  # not a format of comparisons
        main(["compare", str(DEFAULT), str(SECOND), "-f", "tsv"])
    assert "invalid choice: 'tsv'" in capsys.readouterr().err


def test_the_planners_dialog_offers_the_registrys_file_formats() -> None:
    from ictscore.formats.message import Message
    from ictscore.presentation import i18n
    from ictscore.tui.exporting import EXPORT_TIP, REPORT_KINDS, REPORT_TIP, RESULT_KINDS

    for kinds, kind in ((RESULT_KINDS, "results"), (REPORT_KINDS, "report")):
        offered = sorted(ext for ext, _ in kinds)
        assert offered == sorted(w.extensions[0] for w in writers.file_writers(kind))
    assert RESULT_KINDS[0][0] == ".xlsx" and REPORT_KINDS[0][0] == ".html"
    assert EXPORT_TIP == "Export the results (.xlsx, .csv, .json or .md)"
    assert REPORT_TIP == "Write the report (.html, .docx or .md)"
    for text in (EXPORT_TIP, REPORT_TIP, *(label for _, label in RESULT_KINDS + REPORT_KINDS)):
        assert isinstance(text, Message), f"not from the catalogue: {text!r}"
    assert i18n.gettext(EXPORT_TIP, "vi") == "Xuất kết quả (.xlsx, .csv, .json hoặc .md)"
