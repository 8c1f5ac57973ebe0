"""Export from the planner: the results or the report of the session as it stands, unsaved edits
included, to a file named in a dialog.

The formats offered are those of the registry in `ictscore.presentation.writers`, which
`ictscore export` and `ictscore report` also write through, so a file from either face reads the
same, and is written atomically. Every failure (a name whose extension says no format,
a folder, an unwritable place) is a message in the app, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ictscore.formats.errors import InputError
from ictscore.presentation import i18n, writers
from ictscore.presentation.documents import Kind, report_of, results_of
from ictscore.tui.i18n import N_, tr
from ictscore.tui.screens.confirm import ChoiceScreen
from ictscore.tui.screens.prompt import PromptScreen

if TYPE_CHECKING:
    from ictscore.planning.session import Session
    from ictscore.tui.app import IctscoreApp


def _choices(kind: Kind, suggested: str, report: bool = False) -> list[tuple[str, str]]:
    """(extension, English label) of each file format of a kind: the suggested one first, as
    the default name has it, then by extension."""
    found = sorted(writers.file_writers(kind), key=lambda w: (w.name != suggested, w.extensions))
    return [
        (w.extensions[0], N_("Report ({format})", format=w.label) if report else w.label)
        for w in found
    ]


RESULT_KINDS = _choices("results", "xlsx")
"""The workbook first: what a planner forwards to colleagues, every sheet in one file."""
REPORT_KINDS = _choices("report", "html", report=True)
"""The page first: what the leadership opens from a mail, charts included."""
EXPORT_TIP = N_(
    "Export the results ({formats})", formats=writers.one_of([e for e, _ in RESULT_KINDS])
)
REPORT_TIP = N_(
    "Write the report ({formats})", formats=writers.one_of([e for e, _ in REPORT_KINDS])
)
"""The keys' help and the dialogs' titles, listing what the dialog accepts (messages of the
catalogue, translated where they are shown)."""
STEMS = {
    ("vi", False): "ket-qua",
    ("en", False): "results",
    ("vi", True): "bao-cao",
    ("en", True): "report",
}


def default_path(session: Session, lang: str, report: bool) -> Path:
    """Beside the scenario: `<scenario>-ket-qua.xlsx`, or `<scenario>-bao-cao.html`."""
    path = session.scenario.path
    folder = path.parent if path is not None else Path.cwd()
    stem = path.stem if path is not None else "ictscore"
    ext = (REPORT_KINDS if report else RESULT_KINDS)[0][0]
    return folder / f"{stem}-{STEMS[lang if lang in ('vi', 'en') else 'en', report]}{ext}"


def check_target(path: Path, report: bool) -> None:
    """Refuse a name before asking anything: the format must follow from it and it is a file."""
    writers.for_path(path, "report" if report else "results")
    if path.is_dir():
        raise InputError.one(path, N_("this is a folder: give a file name"))


def write(session: Session, path: Path, lang: str, report: bool) -> Path:
    projection = session.projection()
    if report:
        return writers.write_file(report_of(session.scenario, projection), path, lang)
    return writers.write_file(results_of(session.scenario, projection, lang), path, lang)


async def export_dialog(app: IctscoreApp, report: bool) -> Path | None:
    """Ask for the file, ask before overwriting, write it; the path written, or None."""
    lang = app.lang
    default = default_path(app.session, lang, report)
    kinds = REPORT_KINDS if report else RESULT_KINDS
    options = [
        (str(default.with_suffix(ext)), f"{tr(label, lang)}  ({default.with_suffix(ext).name})")
        for ext, label in kinds
    ]
    title = tr(REPORT_TIP if report else EXPORT_TIP, lang)
    text = await app.push_screen_wait(PromptScreen(title, str(default), options))
    if not text:
        return None
    path = Path(text).expanduser()
    try:
        check_target(path, report)
        if path.exists():
            q = tr("{path} exists. Overwrite it?", lang, path=path)
            choices = [("overwrite", tr("Overwrite", lang)), ("cancel", tr("Cancel", lang))]
            if await app.push_screen_wait(ChoiceScreen(q, choices)) != "overwrite":
                return None
        written = write(app.session, path, lang, report)
    except InputError as exc:
        for p in exc.problems:
            app.notify(
                tr("Cannot export: {msg}", lang, msg=i18n.problem(p, lang)), severity="error"
            )
        return None
    except OSError as exc:  # write_output turns these into InputError; a last safety net
        app.notify(tr("Cannot export: {msg}", lang, msg=str(exc)), severity="error")
        return None
    app.notify(
        tr("Report written to {path}", lang, path=written)
        if report
        else tr("Exported to {path}", lang, path=written)
    )
    return written
