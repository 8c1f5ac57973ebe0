"""The one registry of output formats: every format ictscore writes is one `Writer` here.

The CLI's `--format` choices, the extensions `export` and `report` accept (and the message when
one is wrong), and the formats in the planner's export dialog are all read from `WRITERS`, so a
format added here is offered by every face at once, and no face lists formats of its own.

The renderers live in the modules beside this one and are imported only when a document is
written: choosing `--format json` must not load the XLSX writer, nor the plan writer, and through
it the optimiser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ictscore.formats.errors import InputError
from ictscore.formats.inputs import was_read
from ictscore.formats.message import N_, os_error
from ictscore.formats.scenario import atomic_write
from ictscore.presentation.documents import (
    ComparisonDoc,
    Document,
    HistoryDoc,
    Kind,
    NextDoc,
    PlanDoc,
    ReportDoc,
    ResultsDoc,
    SeekDoc,
)
from ictscore.presentation.writers.csv_style import CsvStyle, default_for, restyle

Write = Callable[[Document, str], str | bytes]
"""(document, language) → the output: text for a text format, bytes for a binary one."""
TextWrite = Callable[[Document, str], str]

_DOCS: dict[Kind, type[Document]] = {
    d.kind: d for d in (ResultsDoc, ComparisonDoc, SeekDoc, NextDoc, PlanDoc, HistoryDoc, ReportDoc)
}


@dataclass(frozen=True)
class Writer:
    """One output format: how the faces name and choose it, and the function that writes it."""

    name: str
    """What `--format` takes."""
    label: str
    """How the planner's export dialog names it (in English; the TUI translates)."""
    extensions: tuple[str, ...]
    """The file name endings that choose it, the usual one first; none for a layout meant for a
    terminal, which no file name chooses."""
    binary: bool
    """Bytes that cannot go to a terminal, only to a file."""
    kinds: frozenset[Kind]
    """The kinds of document it writes: the only ones a face offers it for."""
    write: Write
    """Called through `data` and `text`, which refuse a document of another kind."""

    def data(self, doc: Document, lang: str) -> bytes:
        """The bytes of a file: text formats are written as UTF-8."""
        _check_kind(self, doc)
        out = self.write(doc, lang)
        return out if isinstance(out, bytes) else out.encode("utf-8")


class CannotWrite(ValueError):
    """A format asked for a kind of document it does not write: a face offered a wrong choice."""


def _check_kind(w: Writer, doc: Document) -> None:
    if doc.kind not in w.kinds:
        raise CannotWrite(
            N_("the {fmt} format does not write a {kind} document", fmt=w.name, kind=doc.kind)
        )


def _tabular(fmt: str) -> TextWrite:
    """The planning documents (and a unit's history) in one of the layouts each of them has."""

    def write(doc: Document, lang: str) -> str:
        if isinstance(doc, ResultsDoc):
            from ictscore.presentation.writers.results import render_projection

            return render_projection(
                doc.projection, list(doc.changes), fmt, lang, doc.formed_from, doc.notes
            )
        if isinstance(doc, ComparisonDoc):
            from ictscore.presentation.writers.results import render_comparison

            return render_comparison(doc.comparison, doc.criteria, fmt, lang)
        if isinstance(doc, SeekDoc):
            from ictscore.presentation.writers.plans import render_seek

            return render_seek(doc.answer, doc.names, doc.criteria, fmt, lang, doc.combination)
        if isinstance(doc, NextDoc):
            from ictscore.presentation.writers.next_steps import render_next

            return render_next(doc.answer, doc.names, doc.criteria, doc.lever_names, fmt, lang)
        if isinstance(doc, PlanDoc):
            from ictscore.presentation.writers.plans import render_plan

            return render_plan(doc.report, fmt, lang)
        if isinstance(doc, HistoryDoc):
            from ictscore.presentation.writers.history import render_history

            return render_history(doc.history, fmt, lang, doc.labels)
        raise CannotWrite(
            N_("the {fmt} format does not write a {kind} document", fmt=fmt, kind=doc.kind)
        )

    return write


def _markdown(doc: Document, lang: str) -> str:
    if isinstance(doc, ReportDoc):
        from ictscore.presentation.writers.report_markdown import render_markdown

        return render_markdown(doc.model, lang)
    return _tabular("markdown")(doc, lang)


def _html(doc: Document, lang: str) -> str:
    if isinstance(doc, ReportDoc):
        from ictscore.presentation.writers.report_html import render_html

        return render_html(doc.model, lang)
    raise CannotWrite(
        N_("the {fmt} format does not write a {kind} document", fmt="html", kind=doc.kind)
    )


def _docx(doc: Document, lang: str) -> bytes:
    if isinstance(doc, ReportDoc):
        from ictscore.presentation.writers.report_docx import render_docx

        return render_docx(doc.model, lang)
    raise CannotWrite(
        N_("the {fmt} format does not write a {kind} document", fmt="docx", kind=doc.kind)
    )


def _xlsx(doc: Document, lang: str) -> bytes:
    if isinstance(doc, ResultsDoc):
        from ictscore.presentation.writers.xlsx import workbook_bytes

        return workbook_bytes(doc.projection, doc.changes, lang, doc.notes)
    raise CannotWrite(
        N_("the {fmt} format does not write a {kind} document", fmt="xlsx", kind=doc.kind)
    )


_TABULAR: frozenset[Kind] = frozenset({"results", "comparison", "seek", "next", "plan", "history"})

WRITERS: tuple[Writer, ...] = (
    Writer("table", N_("Text table"), (), False, _TABULAR, _tabular("table")),
    Writer("json", N_("JSON"), (".json",), False, _TABULAR, _tabular("json")),
    Writer("csv", N_("CSV table"), (".csv",), False, _TABULAR, _tabular("csv")),
    Writer(
        "markdown", N_("Markdown"), (".md", ".markdown"), False, _TABULAR | {"report"}, _markdown
    ),
    Writer("html", N_("HTML"), (".html", ".htm"), False, frozenset({"report"}), _html),
    Writer("docx", N_("Word document"), (".docx",), True, frozenset({"report"}), _docx),
    Writer("xlsx", N_("Excel workbook"), (".xlsx",), True, frozenset({"results"}), _xlsx),
)
"""In the order `--format` lists them; `table` first, the default of every command."""


def get(name: str) -> Writer:
    for w in WRITERS:
        if w.name == name:
            return w
    raise CannotWrite(N_("no output format is called '{name}'", name=name))


def stream_formats(kind: Kind) -> tuple[str, ...]:
    """The formats of a kind that can go to standard output: a command's `--format` choices."""
    return tuple(w.name for w in WRITERS if kind in w.kinds and not w.binary)


def file_writers(kind: Kind) -> tuple[Writer, ...]:
    """The formats of a kind that a file name can choose."""
    return tuple(w for w in WRITERS if kind in w.kinds and w.extensions)


def one_of(items: Sequence[str]) -> str:
    """`.csv, .json, .md or .xlsx`: choices as a sentence names them (a `Message`, so that the
    "or" is translated where it is shown)."""
    if len(items) == 1:
        return items[0]
    return N_("{items} or {last}", items=", ".join(items[:-1]), last=items[-1])


def file_choices(kind: Kind) -> str:
    """The usual extension of each file format of a kind, in alphabetical order."""
    return one_of(sorted(w.extensions[0] for w in file_writers(kind)))


def for_path(path: Path, kind: Kind) -> Writer:
    """The format a file name chooses; InputError (exit 2) naming the choices when none."""
    suffix = path.suffix.lower()
    for w in file_writers(kind):
        if suffix in w.extensions:
            return w
    said = _DOCS[kind].unknown_name
    message = N_(getattr(said, "msgid", said), choices=file_choices(kind))
    raise InputError.one(path, message)


def text(doc: Document, fmt: str, lang: str, csv_style: CsvStyle = "plain") -> str:
    """A document in a text format, for standard output or a file named with `-o`.

    CSV is plain unless asked otherwise: what goes to standard output is read by programs.
    """
    w = get(fmt)
    _check_kind(w, doc)
    out = w.write(doc, lang)
    if isinstance(out, bytes):
        raise CannotWrite(N_("the {fmt} format is binary: it is written to a file only", fmt=fmt))
    return restyle(out, csv_style) if w.name == "csv" else out


def write_file(doc: Document, path: Path, lang: str, csv_style: CsvStyle | None = None) -> Path:
    """Write a document in the format its file name chooses, atomically; return the path.

    A `.csv` file is opened by a person, in Excel: in the Vietnamese style (`;`, decimal
    commas, BOM) when the output is Vietnamese, unless `csv_style` says otherwise, with the
    results' notes in rows under the table; every face
    writes through here, so the same choice gives the same bytes from each.
    InputError for an extension of no format of the kind or an unwritable place, so that
    every face reports it as bad input rather than a traceback.
    """
    w = for_path(path, doc.kind)
    if w.name != "csv":
        return write_output(path, w.data(doc, lang))
    style = csv_style or default_for(lang)
    table = text(doc, "csv", lang) + _reader_notes(doc, lang)
    return write_output(path, restyle(table, style).encode("utf-8"))


def _reader_notes(doc: Document, lang: str) -> str:
    """The notes under a CSV file's table: a CSV has no other place a person would see them,
    and the file must not say less than `compute` (`results.notes_to_csv` says why there)."""
    if not isinstance(doc, ResultsDoc) or not doc.notes:
        return ""
    from ictscore.presentation.writers.results import notes_to_csv

    return notes_to_csv(doc.notes, lang)


def write_output(path: Path, data: bytes) -> Path:
    """Write atomically; an unwritable place is bad input (exit 2), not a traceback.

    A file this run has read is never replaced (the scenario, its data, the spreadsheet being
    imported), and a folder that does not exist is not created: a typo in a path must not
    become a folder.
    """
    if was_read(path):
        raise InputError.one(
            path, N_("is a file this command reads: write the output to another file")
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise InputError.one(
            path, N_("no folder {folder}: create it first, or choose another", folder=parent)
        )
    if not parent.is_dir():
        raise InputError.one(path, N_("{folder} is not a folder", folder=parent))
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise InputError.one(path, N_("cannot write: {error}", error=os_error(exc))) from None
    return path
