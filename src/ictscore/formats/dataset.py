"""Entity values: a CSV file (one column per node id) or a TOML data file / inline table.

Values are checked against the framework as they load, so that a wrong column or an impossible
value is reported with its row and column instead of surfacing later as a strange score. The
shape of a TOML data file is the `DataFile` model (what `ictscore schema data` prints); what
needs the framework (node ids, values in range, duplicate ids) is checked here beside it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import Field, GetJsonSchemaHandler, ValidationError, WithJsonSchema
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from ictscore.formats.criteria import Criteria, Strict
from ictscore.formats.errors import InputError, ProblemCollector, did_you_mean
from ictscore.formats.kinds import (
    VERSION_DESCRIPTION,
    check_header,
    kind_check,
    kind_description,
    version_check,
)
from ictscore.formats.message import message_of
from ictscore.formats.tomlfile import locate, parse_toml, read_text, validation_problems
from ictscore.formats.values import Value, coerce

RESERVED = ("id", "name", "name_en", "source")

NodeValue = Annotated[Any, WithJsonSchema({"type": ["number", "string", "boolean"]})]
"""A value as a data file writes it. The model takes anything, because only the framework knows
what a node accepts: `coerce` then refuses a wrong value naming the node and the entity, where a
union of types would give three complaints about types instead."""


class DataEntity(Strict):
    """One entity of a TOML data file: who it is, where its numbers come from, its values."""

    id: str = Field(
        min_length=1,
        description="Entity id: the scenario's `focus` and changes name the entity by it.",
    )
    name: str | None = Field(
        default=None,
        description="Name shown in tables and reports (Vietnamese); the id when left out.",
    )
    name_en: str = Field(default="", description="Name in English, for --lang en.")
    source: str = Field(
        default="",
        description="Where this entity's numbers come from: a published table, a report, or "
        "'illustrative'.",
    )
    values: dict[str, NodeValue] = Field(
        default_factory=dict,
        description="[entity.values]: node id = value, for indicators (a number, a category "
        "key, yes/no as 1/0 or true/false) or for aggregates whose score is published.",
    )


class DataFile(Strict):
    """A TOML data file (or a scenario's inline [data] table): the entities and their values."""

    kind: Annotated[Literal["data"] | None, kind_check("data")] = Field(
        default=None, description=kind_description("data")
    )
    version: Annotated[Literal[1] | None, version_check] = Field(
        default=None, description=VERSION_DESCRIPTION
    )
    entity: list[DataEntity] = Field(
        min_length=1, description="The entities, one [[entity]] table each, in any order."
    )


class _AsDataFile:
    """Gives a raw table the JSON Schema of `DataFile`.

    A scenario keeps its inline data as the parsed table, because `parse_inline` must check it
    against the framework with the locations of the scenario file; the schema of that table is
    nonetheless the data file's, which `parse_inline` validates it with.
    """

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return handler(DataFile.__pydantic_core_schema__)


InlineData = Annotated[dict[str, Any], _AsDataFile]
"""A scenario's `data` written inline: a table that `parse_inline` validates as a `DataFile`."""


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
    """Entities written in TOML: `[[entity]]` with id, name, source and a `values` table.

    The table's shape is checked with `DataFile`, its values against the framework; both sets
    of problems are reported together.
    """
    pc = ProblemCollector()
    prefix = tuple(where.split(".")) if where else ()
    items = table.get("entity") if isinstance(table, dict) else None
    if not isinstance(items, list):
        raise InputError.one(path, "expected a list of [[entity]] tables", where or "entity")
    check_header(path, table, text, "data", prefix)
    try:
        DataFile.model_validate(table)
    except ValidationError as exc:
        pc.extend(validation_problems(path, text, DataFile, exc, prefix))
    entities: list[Entity] = []
    ids: set[str] = set()
    lines: dict[str, int] = {}
    for i, item in enumerate(items):
        loc = f"{where + '.' if where else ''}entity[{i + 1}]"
        line = locate(text, (*prefix, "entity", i))
        eid = item.get("id") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(eid, str) or not eid:
            continue  # the model has said what is wrong with it
        if eid in ids:
            pc.add(path, f"duplicate entity id '{eid}'", f"{loc}.id", line)
        ids.add(eid)
        if line is not None:
            lines.setdefault(eid, line)
        raw_values = item.get("values", {})
        values: dict[str, Value] = {}
        if not isinstance(raw_values, dict):
            raw_values = {}  # the model has said so
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
