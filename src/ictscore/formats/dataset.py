"""Entity values: a CSV file (one column per node id) or an inline TOML table.

Values are checked against the framework as they load, so that a wrong column or an impossible
value is reported with its row and column instead of surfacing later as a strange score.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ictscore.formats.criteria import Criteria
from ictscore.formats.errors import InputError, ProblemCollector, did_you_mean
from ictscore.formats.message import message_of
from ictscore.formats.tomlfile import parse_toml, read_text
from ictscore.formats.values import Value, coerce

RESERVED = ("id", "name", "name_en", "source")


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    values: Mapping[str, Value]
    name_en: str = ""
    source: str = ""
    """Where this row's numbers come from: a published table, a report, or 'illustrative'."""
    formed_from: tuple[str, ...] = ()
    """For a unit ranked from the rows of the units it was formed from (formats.lineage): their
    ids. Empty for a row read as it is."""


@dataclass(frozen=True)
class Dataset:
    entities: tuple[Entity, ...]
    path: Path | None = None
    header_notes: tuple[str, ...] = field(default=())
    lines: Mapping[str, int] = field(default_factory=dict)
    """Line of each entity in its file, for messages about its values."""
    former: Mapping[str, Entity] = field(default_factory=dict)
    """The rows that merged units were combined from, by id (formats.lineage): what a face
    shows when it says what a unit was formed from."""

    def ids(self) -> list[str]:
        return [e.id for e in self.entities]

    def get(self, entity_id: str) -> Entity:
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)


def load_csv(path: Path, criteria: Criteria) -> Dataset:
    text = read_text(path)
    return parse_csv(text, path, criteria)


def parse_csv(text: str, path: Path, criteria: Criteria) -> Dataset:
    pc = ProblemCollector()
    notes: list[str] = []
    lines = text.splitlines(keepends=True)
    first = 0
    while first < len(lines) and lines[first].lstrip().startswith("#"):
        notes.append(lines[first].lstrip()[1:].strip())
        first += 1
    body = "".join(lines[first:])
    try:
        rows = list(csv.reader(io.StringIO(body, newline="")))
    except csv.Error as exc:
        raise InputError.one(path, f"malformed CSV: {exc}") from None
    if not rows:
        raise InputError.one(path, "no header row (expected a column 'id')")
    header = [h.strip() for h in rows[0]]
    hline = first + 1
    if "id" not in header:
        raise InputError.one(path, "no column 'id' in the header", line=hline)
    for col, h in enumerate(header):
        if h in RESERVED:
            continue
        if h == "":
            pc.add(path, f"column {col + 1} has an empty header", line=hline)
        elif h not in criteria.nodes:
            pc.add(
                path,
                f"column '{h}' is not a node id of {criteria.framework.id}"
                + did_you_mean(h, criteria.nodes),
                line=hline,
                column=col + 1,
            )
    seen_cols: set[str] = set()
    for h in header:
        if h and h in seen_cols:
            pc.add(path, f"column '{h}' appears twice", line=hline)
        seen_cols.add(h)
    entities: list[Entity] = []
    ids: set[str] = set()
    entity_lines: dict[str, int] = {}
    for r, row in enumerate(rows[1:], start=hline + 1):
        if not row or all(not c.strip() for c in row):
            continue
        if row[0].lstrip().startswith("#"):
            continue
        if len(row) != len(header):
            pc.add(path, f"row has {len(row)} fields, the header has {len(header)}", line=r)
            continue
        cells = dict(zip(header, row, strict=True))
        eid = cells["id"].strip()
        if not eid:
            pc.add(path, "empty id", line=r)
            continue
        if eid in ids:
            pc.add(path, f"duplicate entity id '{eid}'", line=r)
        ids.add(eid)
        entity_lines.setdefault(eid, r)
        values: dict[str, Value] = {}
        for col, h in enumerate(header):
            if h in RESERVED or h not in criteria.nodes:
                continue
            raw = cells[h].strip()
            if raw == "":
                continue
            try:
                values[h] = coerce(criteria.nodes[h], raw)
            except ValueError as exc:
                pc.add(path, message_of(exc), f"{eid}.{h}", line=r, column=col + 1)
        entities.append(
            Entity(
                eid,
                cells.get("name", "").strip() or eid,
                MappingProxyType(values),
                cells.get("name_en", "").strip(),
                cells.get("source", "").strip(),
            )
        )
    if not entities and not pc.problems:
        pc.add(path, "no entity rows")
    pc.raise_if_any()
    return Dataset(tuple(entities), path, tuple(notes), MappingProxyType(entity_lines))


def parse_inline(table: Any, path: Path, where: str, text: str, criteria: Criteria) -> Dataset:
    """Entities written in TOML: `[[entity]]` with id, name, source and a `values` table."""
    from ictscore.formats.tomlfile import locate

    pc = ProblemCollector()
    prefix = where.split(".") if where else []
    items = table.get("entity") if isinstance(table, dict) else None
    if not isinstance(items, list):
        raise InputError.one(path, "expected a list of [[entity]] tables", where or "entity")
    entities: list[Entity] = []
    ids: set[str] = set()
    lines: dict[str, int] = {}
    for i, item in enumerate(items):
        loc = f"{where + '.' if where else ''}entity[{i + 1}]"
        line = locate(text, (*prefix, "entity", i))
        if not isinstance(item, dict):
            pc.add(path, "each entity must be a table", loc, line)
            continue
        unknown = set(item) - {"id", "name", "name_en", "source", "values"}
        for k in sorted(unknown):
            pc.add(
                path,
                f"unknown key '{k}'"
                + did_you_mean(k, {"id": 0, "name": 0, "name_en": 0, "source": 0, "values": 0}),
                f"{loc}.{k}",
                line,
            )
        eid = item.get("id")
        if not isinstance(eid, str) or not eid:
            pc.add(path, "each entity needs an 'id' string", loc, line)
            continue
        if eid in ids:
            pc.add(path, f"duplicate entity id '{eid}'", f"{loc}.id", line)
        ids.add(eid)
        if line is not None:
            lines.setdefault(eid, line)
        raw_values = item.get("values", {})
        values: dict[str, Value] = {}
        if not isinstance(raw_values, dict):
            pc.add(path, "'values' must be a table of node id = value", f"{loc}.values", line)
            raw_values = {}
        for k, v in raw_values.items():
            if k not in criteria.nodes:
                pc.add(
                    path,
                    f"'{k}' is not a node id of {criteria.framework.id}"
                    + did_you_mean(k, criteria.nodes),
                    f"{loc}.values.{k}",
                    line,
                )
                continue
            try:
                values[k] = coerce(criteria.nodes[k], v)
            except ValueError as exc:
                pc.add(path, message_of(exc), f"{loc}.values.{k}", line)
        entities.append(
            Entity(
                eid,
                str(item.get("name", eid)),
                MappingProxyType(values),
                str(item.get("name_en", "")),
                str(item.get("source", "")),
            )
        )
    if not entities and not pc.problems:
        pc.add(path, "no entities", where or "entity")
    pc.raise_if_any()
    return Dataset(tuple(entities), path, (), MappingProxyType(lines))


def load_dataset(path: Path, criteria: Criteria) -> Dataset:
    if path.suffix.lower() == ".toml":
        data, text = parse_toml(path)
        return parse_inline(data, path, "", text, criteria)
    return load_csv(path, criteria)


def write_csv(dataset: Dataset, criteria: Criteria) -> str:
    """The dataset as CSV text, columns in the framework's order; what import writes."""
    used = {k for e in dataset.entities for k in e.values}
    cols = [n for n in criteria.order if n in used]
    out = io.StringIO()
    for note in dataset.header_notes:
        out.write(f"# {note}\n")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "name", *cols, "source"])
    for e in dataset.entities:
        w.writerow([e.id, e.name, *[_fmt(e.values.get(c)) for c in cols], e.source])
    return out.getvalue()


def _fmt(v: Value | None) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return repr(v) if v != int(v) else str(int(v))
