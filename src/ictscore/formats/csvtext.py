"""What Python's csv reader refuses, or lets through garbled, said as a planner can act on it.

Every CSV ictscore reads (a data file, a spreadsheet to import, a results history) goes through
these, so a file broken one way gets one message whichever command read it. The reader's own
English ("field larger than field limit (131072)") is kept for `--lang en` only, as a parameter
the Vietnamese sentence leaves out; the place (the line, the column) is said in both.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ictscore.formats.errors import InputError, Problem
from ictscore.formats.message import N_

_LIMIT = re.compile(r"field larger than field limit \((\d+)\)")


def csv_error(path: Path, exc: csv.Error, line: int | None) -> InputError:
    """The reader's refusal at `line` (the line it had reached): a cell longer than the reader
    takes is a quote opened and never closed, which swallows the rest of the file."""
    said = str(exc)
    m = _LIMIT.fullmatch(said)
    if m:
        msg = N_(
            'a cell longer than {limit} characters: a quote (") opened here or above is never '
            "closed ({exc})",
            limit=int(m.group(1)),
            exc=said,
        )
    else:
        msg = N_("malformed CSV: {exc}", exc=said)
    return InputError([Problem(str(path), msg, "", line)])


def nul_error(path: Path, line: int, column: int) -> InputError:
    """A NUL byte: no text CSV holds one, a workbook or UTF-16 without its mark does."""
    return InputError(
        [
            Problem(
                str(path),
                N_(
                    "a NUL byte: this is not a text CSV (a workbook, or UTF-16 without its "
                    "byte-order mark?); in Excel use 'Save As → CSV UTF-8'"
                ),
                "",
                line,
                column,
            )
        ]
    )


def check_bytes(path: Path, raw: bytes) -> None:
    """Refuse a NUL byte before decoding: UTF-16 without its mark is NUL every other byte, and
    said as "not UTF-8" it would send the planner to the wrong setting."""
    at = raw.find(b"\x00")
    if at < 0:
        return
    before = raw[:at]
    start = before.rfind(b"\n") + 1
    column = len(before[start:].decode("utf-8", errors="replace")) + 1
    raise nul_error(path, before.count(b"\n") + 1, column)


def check_text(path: Path, text: str, first_line: int = 1) -> None:
    """Refuse a NUL byte, at its line and column (`first_line` is the text's first line)."""
    at = text.find("\x00")
    if at < 0:
        return
    before = text[:at]
    line = before.count("\n") + first_line
    raise nul_error(path, line, at - (before.rfind("\n") + 1) + 1)


def checked_lines(path: Path, lines: Iterable[str], first_line: int = 1) -> Iterator[str]:
    """The lines of a file streamed to the reader, a NUL byte refused at its line."""
    for n, line in enumerate(lines, start=first_line):
        if "\x00" in line:
            raise nul_error(path, n, line.index("\x00") + 1)
        yield line


def open_quote_line(text: str, delimiter: str) -> int | None:
    """The line where a quoted cell opens that the text never closes, or None.

    Python's reader (not strict, as Excel is not) takes the rest of the file into that one cell
    and says nothing; what follows would be a puzzling complaint about the header or a row.
    Walked only when the quotes do not pair up: an even count is the usual, closed case.
    """
    if text.count('"') % 2 == 0:
        return None
    line, opened, quoted, at_start = 1, 0, False, True
    k, n = 0, len(text)
    while k < n:
        c = text[k]
        if c == "\n":
            line += 1
        if quoted:
            if c == '"':
                if text.startswith('"', k + 1):
                    k += 1
                else:
                    quoted = False
        elif c == '"' and at_start:
            quoted, opened = True, line
        at_start = not quoted and c in (delimiter, "\n", "\r")
        k += 1
    return opened if quoted else None


def unclosed_quote(path: Path, line: int) -> InputError:
    """The refusal at the line `open_quote_line` found, before the reader swallows the rest."""
    return InputError(
        [
            Problem(
                str(path),
                N_(
                    'a quote (") opens a cell here and is never closed: the rest of the file '
                    "would be that one cell"
                ),
                "",
                line,
            )
        ]
    )
