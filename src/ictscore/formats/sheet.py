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
            return raw.decode("utf-16")
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
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.one(
            path,
            N_("not UTF-8 text (byte {byte}); in Excel use 'Save As → CSV UTF-8'", byte=exc.start),
        ) from None


def sniff_delimiter(text: str) -> str:
    """The separator that splits the most lines into the same number of fields (> 1)."""
    lines = [ln for ln in text.splitlines() if ln.strip()][:30]
    best, best_score = ",", -1.0
    for d in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=d)]
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
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise InputError.one(path, N_("malformed CSV: {exc}", exc=exc)) from None
    return Grid([[Cell(c) for c in r] for r in rows], str(path), notes)


def _read_xlsx(path: Path, sheet: str | None) -> Grid:
    from zipfile import BadZipFile

    import openpyxl  # imported here: reading a CSV need not load it

    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise InputError.one(path, N_("file not found")) from None
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError.one(path, N_("not a readable XLSX workbook: {exc}", exc=exc)) from None
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
