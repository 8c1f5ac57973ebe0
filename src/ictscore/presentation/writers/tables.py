"""The two table layouts every text document shares: aligned columns for a terminal, and
Markdown. One place, so that `compute`, `plan`, `next` and `history` line up the same way."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection

Table = Callable[[list[str], list[list[str]], Collection[int]], str]
"""(header, rows, indexes of the right-aligned columns) → the table's text."""


def text_table(head: list[str], rows: list[list[str]], right: Collection[int]) -> str:
    widths = [
        max(len(h), *(len(r[k]) for r in rows)) if rows else len(h) for k, h in enumerate(head)
    ]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if k in right else c.ljust(w)
            for k, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(head), "  ".join("─" * w for w in widths), *map(line, rows)]) + "\n"


def md_table(head: list[str], rows: list[list[str]], right: Collection[int]) -> str:
    def esc(s: str) -> str:
        return s.replace("|", "\\|")

    sep = ["---:" if k in right else "---" for k in range(len(head))]
    out = ["| " + " | ".join(map(esc, head)) + " |", "| " + " | ".join(sep) + " |"]
    out += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def for_format(fmt: str) -> Table:
    """The table layout of a text format: Markdown for `markdown`, aligned columns otherwise."""
    return md_table if fmt == "markdown" else text_table


def csv_table(head: list[str], rows: list[list[str]]) -> str:
    """A CSV document of one table (the plain convention; `csv_style` turns it Vietnamese)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(head)
    w.writerows(rows)
    return out.getvalue()


def json_number(x: float | None) -> float | None:
    """A score or a gain in JSON: six decimals, enough for any published figure, and no
    float noise (0.30000000000000004) for a tool downstream to trip on."""
    return None if x is None else round(x, 6)
