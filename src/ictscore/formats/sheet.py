"""A spreadsheet as a plain grid of cells: CSV (any separator, BOM, UTF-16) or XLSX.

Everything downstream works on `Grid`, so the import rules are the same for both formats. XLSX
merged cells are filled with their top-left value, which turns a group header spanning five
columns, or a label spanning two header rows, into what a reader sees.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ictscore.formats.csvtext import (
    check_bytes,
    check_text,
    csv_error,
    open_quote_line,
    unclosed_quote,
)
from ictscore.formats.errors import InputError
from ictscore.formats.inputs import note_read
from ictscore.formats.message import N_, os_error

DELIMITERS = (";", "\t", ",", "|")


@dataclass(frozen=True)
class Cell:
    value: str | float | None
    percent: bool = False
    """An XLSX number shown as a percentage (0.45 displayed as 45%)."""

    @property
    def text(self) -> str:
        if self.value is None:
            return ""
        if isinstance(self.value, float):
            return repr(self.value)
        return self.value

    @property
    def empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass(frozen=True)
class Grid:
    rows: list[list[Cell]]
    origin: str
    notes: list[str] = field(default_factory=list)
    """What the reader chose on its own (the delimiter, the sheet), for the user to see."""

    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, row: int, col: int) -> Cell:
        r = self.rows[row]
        return r[col] if col < len(r) else Cell(None)


def column_letter(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how a spreadsheet user names a column."""
    out = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def read_grid(path: Path, sheet: str | None = None, delimiter: str | None = None) -> Grid:
    note_read(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if suffix == ".xls":
        raise InputError.one(path, N_("old .xls files are not read: save it as .xlsx or CSV UTF-8"))
    if sheet is not None:
        raise InputError.one(path, N_("--sheet applies to XLSX workbooks only"))
    return _read_csv(path, delimiter)


def _decode(path: Path) -> str:
    note_read(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError.one(path, N_("file not found")) from None
    except OSError as exc:
        raise InputError.one(path, N_("cannot read file: {error}", error=os_error(exc))) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            wide = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            # a UTF-16 mark followed by something else (found by scripts/fuzz.py)
            raise InputError.one(
                path,
                N_(
                    "not UTF-8 text, nor the UTF-16 its first bytes announce (byte {start}); in "
                    "Excel use 'Save As → CSV UTF-8'",
                    start=exc.start,
                ),
            ) from None
        check_text(path, wide)
        return wide
    check_bytes(path, raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.one(
            path,
            N_("not UTF-8 text (byte {byte}); in Excel use 'Save As → CSV UTF-8'", byte=exc.start),
        ) from None
    return text


def sniff_delimiter(text: str) -> str:
    """The separator that splits the most lines into the same number of fields (> 1)."""
    lines = [ln for ln in text.splitlines() if ln.strip()][:30]
    best, best_score = ",", -1.0
    for d in DELIMITERS:
        try:
            # line by line: a quote left open must not take the lines after it into one cell
            # and so lose the vote of the separator it belongs to
            counts = [len(r) for ln in lines for r in csv.reader([ln], delimiter=d)]
        except csv.Error:  # a cell too long for the reader: not this separator's, said later
            continue
        if not counts:
            continue
        width, agree = Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        score = agree + width / 1000
        if score > best_score:
            best, best_score = d, score
    return best


def _read_csv(path: Path, delimiter: str | None) -> Grid:
    text = _decode(path)
    notes: list[str] = []
    if delimiter is None:
        delimiter = sniff_delimiter(text)
        name = {
            "\t": N_("tab"),
            ";": N_("semicolon"),
            ",": N_("comma"),
            "|": N_("bar"),
        }[delimiter]
        notes.append(
            N_(
                "{name}: fields separated by {name2} ('{delimiter}')",
                name=path.name,
                name2=name,
                delimiter=delimiter,
            )
        )
    opened = open_quote_line(text, delimiter)
    if opened is not None:
        raise unclosed_quote(path, opened)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise csv_error(path, exc, reader.line_num) from None
    return Grid([[Cell(c) for c in r] for r in rows], str(path), notes)


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an old .xls begins, and an .xlsx protected by a password (encrypted into the same box)."""


def _not_a_workbook(path: Path, exc: BaseException) -> str:
    """Why openpyxl refused a file, from what the file is, in words a planner acts on.

    The library's own English ("File is not a zip file") is a parameter the Vietnamese leaves
    out and `--lang en` keeps, for whoever reports the bug.
    """
    from zipfile import BadZipFile

    said = str(exc) or type(exc).__name__
    if isinstance(exc, OSError):
        return N_("cannot read file: {error}", error=os_error(exc))
    if not isinstance(exc, BadZipFile):
        if isinstance(exc, KeyError):
            return N_("a ZIP archive, but not an XLSX workbook ({exc})", exc=said)
        return N_(
            "the workbook is damaged: a part of it cannot be read; open it in Excel and save "
            "it again ({exc})",
            exc=said,
        )
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError as err:
        return N_("cannot read file: {error}", error=os_error(err))
    if head.startswith(_OLE2):
        return N_(
            "an Excel file that is not XLSX (an old .xls, or a workbook protected by a "
            "password): save it as .xlsx without a password, or as CSV UTF-8 ({exc})",
            exc=said,
        )
    if head.startswith(b"PK"):
        return N_(
            "the workbook is damaged or cut short (copied or downloaded only in part?): open "
            "it in Excel and save it again ({exc})",
            exc=said,
        )
    if head and _is_text(head):
        return N_(
            "this is text, not an XLSX workbook (a CSV named .xlsx?): give it the name it "
            "should have, .csv ({exc})",
            exc=said,
        )
    return N_("not an XLSX workbook, nor any file a spreadsheet is saved as ({exc})", exc=said)


def _is_text(head: bytes) -> bool:
    """UTF-8 (a character cut at the end aside) without a NUL byte: a CSV, not random bytes."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:
            return False
    return b"\x00" not in head


def _read_xlsx(path: Path, sheet: str | None) -> Grid:
    import openpyxl  # imported here: reading a CSV need not load it

    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise InputError.one(path, N_("file not found")) from None
    except Exception as exc:  # whatever a damaged file makes openpyxl raise
        # (BadZipFile, zlib's error, the XML parsers' SyntaxError, a KeyError for a missing
        # part, a TypeError or ValueError for a part that parses but is no workbook's): each
        # one is the file's fault, found by fuzzing, and said as such rather than a traceback
        raise InputError.one(path, _not_a_workbook(path, exc)) from None
    names = wb.sheetnames
    notes: list[str] = []
    if sheet is None:
        ws = wb.worksheets[0]
        if len(names) > 1:
            notes.append(
                N_(
                    "{name}: reading sheet '{title}' (the workbook has {value}; choose with "
                    "--sheet)",
                    name=path.name,
                    title=ws.title,
                    value=", ".join(repr(n) for n in names),
                )
            )
    elif sheet in names:
        ws = wb[sheet]
    else:
        raise InputError.one(
            path,
            N_(
                "no sheet '{sheet}' (sheets: {value})",
                sheet=sheet,
                value=", ".join(repr(n) for n in names),
            ),
        )
    rows: list[list[Cell]] = []
    for row in ws.iter_rows():
        out = []
        for c in row:
            v = c.value
            pct = "%" in str(c.number_format or "")
            if isinstance(v, bool):
                out.append(Cell("1" if v else "0"))
            elif isinstance(v, int | float):
                out.append(Cell(round(float(v) * 100, 10) if pct else float(v), pct))
            elif v is None:
                out.append(Cell(None))
            else:
                out.append(Cell(str(v)))
        rows.append(out)
    for rng in ws.merged_cells.ranges:
        top = rows[rng.min_row - 1][rng.min_col - 1]
        for r in range(rng.min_row - 1, rng.max_row):
            for c in range(rng.min_col - 1, rng.max_col):
                while len(rows[r]) <= c:
                    rows[r].append(Cell(None))
                rows[r][c] = top
    return Grid(rows, f"{path}[{ws.title}]", notes)
