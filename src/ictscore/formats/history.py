"""Published results by edition: `criteria/history/<family>-<entities>.csv`.

One row per unit per edition it was found for: edition, the entity list and how many units it
ranked, rank, total and pillar values where published, whether the row is published or derived
(computed or inferred from published figures), the source. A ranking changes its framework and,
since 2025, its units; this file is what lets a planner see a unit's place over the years, and
the lineage of the lists lets a merged province show its predecessors' places before the merger.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from ictscore.formats.csvtext import check_text, csv_error, open_quote_line, unclosed_quote
from ictscore.formats.errors import InputError, ProblemCollector, did_you_mean
from ictscore.formats.message import N_
from ictscore.formats.tomlfile import read_text

COLUMNS = ("edition", "list", "of", "rank", "id", "name", "total", "status", "framework")
TEXT = ("source", "note")
REQUIRED = ("edition", "list", "of", "id", "status", "source")
STATUSES = ("published", "derived")


@dataclass(frozen=True)
class HistoryRow:
    edition: int
    list: str
    """The id of the entity list (`[list].id`) the unit was ranked in."""
    of: int
    """How many units that edition ranked (63, 34)."""
    rank: int | None
    id: str
    name: str
    total: float | None
    values: Mapping[str, float]
    """Other published values (pillars), by node id of the edition's framework."""
    status: str
    framework: str
    source: str
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class History:
    path: Path
    rows: tuple[HistoryRow, ...]
    value_columns: tuple[str, ...] = field(default=())

    @property
    def family(self) -> str:
        """'dti' for dti-provinces.csv: the ranking, whatever units it ranks."""
        return self.path.stem.split("-", 1)[0]

    def of_unit(self, list_id: str, entity_id: str) -> list[HistoryRow]:
        return sorted(
            (r for r in self.rows if r.list == list_id and r.id == entity_id),
            key=lambda r: r.edition,
        )

    def lists(self) -> set[str]:
        return {r.list for r in self.rows}

    def frameworks(self) -> set[str]:
        return {r.framework for r in self.rows if r.framework}


def load_history(path: Path) -> History:
    """Read and check a history file; every bad cell is reported with its line and column."""
    text = read_text(path, table=True)
    lines = text.splitlines(keepends=True)
    first = 0
    while first < len(lines) and lines[first].lstrip().startswith("#"):
        first += 1
    body = "".join(lines[first:])
    check_text(path, body, first + 1)
    opened = open_quote_line(body, ",")
    if opened is not None:
        raise unclosed_quote(path, first + opened)
    reader = csv.reader(io.StringIO(body, newline=""))
    try:
        table = list(reader)
    except csv.Error as exc:
        raise csv_error(path, exc, first + reader.line_num) from None
    if not table:
        raise InputError.one(path, N_("no header row"))
    header = [h.strip() for h in table[0]]
    hline = first + 1
    pc = ProblemCollector()
    for col in REQUIRED:
        if col not in header:
            pc.add(
                path,
                N_("no column '{col}'{hint}", col=col, hint=did_you_mean(col, header)),
                line=hline,
            )
    pc.raise_if_any()
    values = tuple(h for h in header if h not in COLUMNS and h not in TEXT)
    rows: list[HistoryRow] = []
    seen: dict[tuple[int, str, str], int] = {}
    for n, raw in enumerate(table[1:], start=hline + 1):
        if not raw or all(not c.strip() for c in raw):
            continue
        if len(raw) != len(header):
            pc.add(
                path,
                N_("row has {n} fields, the header has {n2}", n=len(raw), n2=len(header)),
                line=n,
            )
            continue
        cells = {h: c.strip() for h, c in zip(header, raw, strict=True)}
        row = _row(path, n, header, cells, values, pc)
        if row is None:
            continue
        key = (row.edition, row.list, row.id)
        if key in seen:
            pc.add(
                path,
                N_(
                    "'{id}' appears twice for {edition} in {list} (line {seen})",
                    id=row.id,
                    edition=row.edition,
                    list=row.list,
                    seen=seen[key],
                ),
                row.id,
                n,
            )
        seen[key] = n
        rows.append(row)
    pc.raise_if_any()
    return History(path, tuple(rows), values)


def _row(
    path: Path,
    n: int,
    header: list[str],
    cells: dict[str, str],
    values: tuple[str, ...],
    pc: ProblemCollector,
) -> HistoryRow | None:
    before = len(pc.problems)
    where = cells.get("id", "") or f"row {n}"

    def bad(col: str, msg: str) -> None:
        pc.add(path, msg, f"{where}.{col}", n, header.index(col) + 1)

    def integer(col: str, required: bool) -> int | None:
        raw = cells.get(col, "")
        if raw == "":
            if required:
                bad(col, N_("'{col}' is required", col=col))
            return None
        if not raw.isdigit() or int(raw) < 1:
            bad(col, N_("'{raw}' is not a whole number from 1 ('{col}')", raw=raw, col=col))
            return None
        return int(raw)

    def number(col: str) -> float | None:
        raw = cells.get(col, "")
        if raw == "":
            return None
        try:
            v = float(raw)
        except ValueError:
            bad(col, N_("'{raw}' is not a number ('{col}')", raw=raw, col=col))
            return None
        if not math.isfinite(v):
            bad(col, N_("'{col}' must be a finite number, got {raw}", col=col, raw=raw))
            return None
        return v

    edition = integer("edition", True)
    of = integer("of", True)
    rank = integer("rank", False) if "rank" in cells else None
    if rank is not None and of is not None and rank > of:
        bad("rank", N_("rank {rank} is beyond the {of} units ranked", rank=rank, of=of))
    for col in ("id", "list", "source"):
        if not cells.get(col):
            bad(col, N_("'{col}' is required", col=col))
    status = cells.get("status", "")
    if status not in STATUSES:
        bad(
            "status",
            N_(
                "status '{status}' is not one of: {value}", status=status, value=", ".join(STATUSES)
            ),
        )
    total = number("total") if "total" in cells else None
    vals = {c: v for c in values if (v := number(c)) is not None}
    if len(pc.problems) > before or edition is None or of is None:
        return None
    return HistoryRow(
        edition,
        cells["list"],
        of,
        rank,
        cells["id"],
        cells.get("name", "") or cells["id"],
        total,
        MappingProxyType(vals),
        status,
        cells.get("framework", ""),
        cells["source"],
        cells.get("note", ""),
        n,
    )
