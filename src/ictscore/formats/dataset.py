"""Entity values: a CSV file (one column per node id) or a TOML data file / inline table.

Values are checked against the framework as they load, so that a wrong column or an impossible
value is reported with its row and column instead of surfacing later as a strange score. The
shape of a TOML data file is the `DataFile` model (what `ictscore schema data` prints); what
needs the framework (node ids, values in range, duplicate ids) is checked here beside it.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal, overload

from pydantic import Field, GetJsonSchemaHandler, ValidationError, WithJsonSchema
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from ictscore.formats.criteria import Criteria, Strict, no_keys
from ictscore.formats.csvtext import checked_lines, csv_error
from ictscore.formats.errors import InputError, ProblemCollector, did_you_mean
from ictscore.formats.kinds import (
    VERSION_DESCRIPTION,
    check_header,
    kind_check,
    kind_description,
    version_check,
)
from ictscore.formats.message import N_, message_of
from ictscore.formats.tomlfile import locate, parse_toml, read_text, validation_problems
from ictscore.formats.values import Value, coerce, coercer

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
        default_factory=no_keys,
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


@dataclass(frozen=True, slots=True)
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
    entities: Sequence[Entity]
    """The rows in file order: a tuple, or (for a CSV file) `Rows`, which keeps the values by
    column and makes each `Entity` when it is asked for."""
    path: Path | None = None
    header_notes: tuple[str, ...] = field(default=())
    lines: Mapping[str, int] = field(default_factory=dict)
    """Line of each entity in its file, for messages about its values."""
    former: Mapping[str, Entity] = field(default_factory=dict)
    """The rows that merged units were combined from, by id (formats.lineage): what a face
    shows when it says what a unit was formed from."""

    def ids(self) -> list[str]:
        if isinstance(self.entities, Rows):
            return list(self.entities.ids)
        return [e.id for e in self.entities]

    def names(self) -> dict[str, str]:
        """Each entity's name by id."""
        if isinstance(self.entities, Rows):
            return self.entities.names()
        return {e.id: e.name for e in self.entities}

    def column(self, node: str) -> tuple[Value | None, ...]:
        """Every entity's value of `node` (None where it has none), in entity order."""
        if isinstance(self.entities, Rows):
            return self.entities.column(node)
        return tuple(e.values.get(node) for e in self.entities)

    def get(self, entity_id: str) -> Entity:
        if isinstance(self.entities, Rows):
            return self.entities.by_id(entity_id)
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)


# --- a CSV file's rows, kept by column -------------------------------------------------------
#
# A data file of a million rows held as a million `Entity` objects, each with a dict of floats,
# takes some twenty times the file's size in memory. `Rows` keeps what a CSV file holds the way a
# spreadsheet does, a column at a time: numbers in an array of doubles (8 bytes each, NaN where
# a cell is empty: a value is never NaN, `coerce` refuses it), category keys in a list (a key
# repeated down a column is one string), the ids, names and sources in lists. An `Entity` is made
# when one is asked for and equals the one the whole-file reader made.

_MISSING = math.nan


class _Column:
    """One node's cells: doubles while every value is a number, objects once one is not."""

    __slots__ = ("numbers", "objects", "shared")

    def __init__(self) -> None:
        self.numbers: array[float] | None = array("d")
        self.objects: list[Value | None] = []
        self.shared: dict[str, str] = {}

    def append(self, v: Value | None) -> None:
        if self.numbers is not None:
            if v is None:
                self.numbers.append(_MISSING)
                return
            if isinstance(v, float):
                self.numbers.append(v)
                return
            self.objects = [None if math.isnan(x) else x for x in self.numbers]
            self.numbers = None
        if isinstance(v, str) and len(self.shared) < 1_000:  # category keys: a few, repeated
            v = self.shared.setdefault(v, v)
        self.objects.append(v)

    def get(self, i: int) -> Value | None:
        if self.numbers is None:
            return self.objects[i]
        x = self.numbers[i]
        return None if math.isnan(x) else x

    def values(self) -> tuple[Value | None, ...]:
        if self.numbers is None:
            return tuple(self.objects)
        return tuple(None if math.isnan(x) else x for x in self.numbers)


class RowValues(Mapping[str, Value]):
    """One row's values, read from the columns: the `values` of an `Entity` of `Rows`."""

    __slots__ = ("_columns", "_row")

    def __init__(self, columns: Mapping[str, _Column], row: int) -> None:
        self._columns = columns
        self._row = row

    def __getitem__(self, key: str) -> Value:
        col = self._columns.get(key)
        v = None if col is None else col.get(self._row)
        if v is None:
            raise KeyError(key)
        return v

    def get(self, key: str, default: Any = None) -> Any:
        col = self._columns.get(key)
        v = None if col is None else col.get(self._row)
        return default if v is None else v

    def __contains__(self, key: object) -> bool:
        col = self._columns.get(key) if isinstance(key, str) else None
        return col is not None and col.get(self._row) is not None

    def __iter__(self) -> Iterator[str]:
        return (k for k, c in self._columns.items() if c.get(self._row) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"RowValues({dict(self)!r})"


class Rows(Sequence[Entity]):
    """The rows of a CSV data file, kept by column; each `Entity` is made when asked for."""

    def __init__(self, nodes: Sequence[str]) -> None:
        self.ids: list[str] = []
        self._names: list[str | None] = []  # None: the name is the id
        self._names_en: list[str] = []
        self._sources: list[str] = []
        self._columns: dict[str, _Column] = {n: _Column() for n in nodes}
        self._index: dict[str, int] | None = None
        self._order = list(self._columns.values())

    def add(
        self, eid: str, name: str, name_en: str, source: str, cells: Sequence[Value | None]
    ) -> None:
        """One row; `cells` holds a value (or None) for each node given to the constructor."""
        self.ids.append(eid)
        self._names.append(None if name is eid else name)
        self._names_en.append(name_en)
        self._sources.append(source)
        for col, v in zip(self._order, cells, strict=True):
            col.append(v)

    def by_id(self, entity_id: str) -> Entity:
        """The entity of an id (KeyError when there is none); the index is made once."""
        if self._index is None or len(self._index) != len(self.ids):
            self._index = {}
            for i, eid in enumerate(self.ids):
                self._index.setdefault(eid, i)
        return self._entity(self._index[entity_id])

    def names(self) -> dict[str, str]:
        return {
            eid: eid if name is None else name
            for eid, name in zip(self.ids, self._names, strict=True)
        }

    def column(self, node: str) -> tuple[Value | None, ...]:
        col = self._columns.get(node)
        return (None,) * len(self.ids) if col is None else col.values()

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, i: int) -> Entity: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Entity, ...]: ...
    def __getitem__(self, i: int | slice) -> Entity | tuple[Entity, ...]:
        if isinstance(i, slice):
            return tuple(self._entity(k) for k in range(*i.indices(len(self.ids))))
        if i < 0:
            i += len(self.ids)
        if not 0 <= i < len(self.ids):
            raise IndexError(i)
        return self._entity(i)

    def __iter__(self) -> Iterator[Entity]:
        return (self._entity(i) for i in range(len(self.ids)))

    def _entity(self, i: int) -> Entity:
        eid = self.ids[i]
        name = self._names[i]
        return Entity(
            eid,
            eid if name is None else name,
            RowValues(self._columns, i),
            self._names_en[i],
            self._sources[i],
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable while it loads, like a list

    def __repr__(self) -> str:
        return f"Rows({len(self.ids)} entities)"


class _Lines(Mapping[str, int]):
    """Each row's line by id, kept as an array beside the ids; the index is built when asked."""

    __slots__ = ("_ids", "_index", "_lines")

    def __init__(self, ids: list[str], lines: array[int]) -> None:
        self._ids = ids
        self._lines = lines
        self._index: dict[str, int] | None = None

    def _where(self) -> dict[str, int]:
        if self._index is None:
            self._index = {}
            for i, eid in enumerate(self._ids):
                self._index.setdefault(eid, i)
        return self._index

    def __getitem__(self, key: str) -> int:
        return self._lines[self._where()[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._where())

    def __len__(self) -> int:
        return len(self._where())


def load_csv(path: Path, criteria: Criteria) -> Dataset:
    """Read a CSV data file a line at a time: memory grows with the values, not the text."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return _parse_csv_lines(f, path, criteria)
    except (OSError, UnicodeDecodeError):
        # the whole-file reader words these (which byte is not UTF-8, counted from the start of
        # the file, not of the chunk being decoded); it raises the same InputError as ever
        read_text(path, table=True)
        raise


def parse_csv(text: str, path: Path, criteria: Criteria) -> Dataset:
    """`load_csv` on text already read (what import checks before it writes a file)."""
    return _parse_csv_lines(io.StringIO(text, newline=""), path, criteria)


def _parse_csv_lines(f: Iterable[str], path: Path, criteria: Criteria) -> Dataset:
    """The rows of a CSV data file, checked against the framework, from an iterable of lines.

    Leading lines that begin with '#' are notes. Line numbers count the header as the line after
    the notes and then one per CSV record, as the whole-file reader did (a quoted cell that
    spans lines is one record).
    """
    pc = ProblemCollector()
    notes: list[str] = []
    first = 0
    body: Iterator[str] = iter(f)
    rest: list[str] = []
    for physical in body:
        # a note ends where str.splitlines ends a line, as it did when the file was read whole
        parts = physical.splitlines(keepends=True)
        for k, part in enumerate(parts):
            if part.lstrip().startswith("#"):
                notes.append(part.lstrip()[1:].strip())
                first += 1
                continue
            rest = ["".join(parts[k:])]
            break
        if rest:
            break
    reader = csv.reader(checked_lines(path, itertools.chain(rest, body), first + 1))
    try:
        head = next(reader, None)
        if head is None:
            raise InputError.one(path, N_("no header row (expected a column 'id')"))
        header = [h.strip() for h in head]
        hline = first + 1
        if "id" not in header:
            for _ in reader:  # a malformed record further on is told first, as it always was
                pass
            raise InputError.one(path, N_("no column 'id' in the header"), line=hline)
        for col, h in enumerate(header):
            if h in RESERVED:
                continue
            if h == "":
                pc.add(path, N_("column {value} has an empty header", value=col + 1), line=hline)
            elif h not in criteria.nodes:
                pc.add(
                    path,
                    N_(
                        "column '{h}' is not a node id of {id}{hint}",
                        h=h,
                        id=criteria.framework.id,
                        hint=did_you_mean(h, criteria.nodes),
                    ),
                    line=hline,
                    column=col + 1,
                )
        seen_cols: set[str] = set()
        for h in header:
            if h and h in seen_cols:
                pc.add(path, N_("column '{h}' appears twice", h=h), line=hline)
            seen_cols.add(h)
        ids: set[str] = set()
        row_lines: array[int] = array("q")
        width = len(header)
        # the last of two columns with one header is the one read, as a dict of the row gave it
        last = {h: col for col, h in enumerate(header)}
        nodes = [h for h in last if h not in RESERVED and h in criteria.nodes]
        slot = {h: k for k, h in enumerate(nodes)}
        kept = [
            (col, h, slot[h], last[h], coercer(criteria.nodes[h]))
            for col, h in enumerate(header)
            if h in slot
        ]
        rows = Rows(nodes)  # in the order of the header, as the values of a row come
        at = {name: last[name] for name in ("id", "name", "name_en", "source") if name in last}
        shared: dict[str, str] = {}  # a source repeated down the file is kept once
        for r, row in enumerate(reader, start=hline + 1):
            if not row or all(not c.strip() for c in row):
                continue
            if row[0].lstrip().startswith("#"):
                continue
            if len(row) != width:
                pc.add(
                    path,
                    N_("row has {n} fields, the header has {width}", n=len(row), width=width),
                    line=r,
                )
                continue
            eid = row[at["id"]].strip()
            if not eid:
                pc.add(path, N_("empty id"), line=r)
                continue
            if eid in ids:
                pc.add(path, N_("duplicate entity id '{eid}'", eid=eid), line=r)
            ids.add(eid)
            cells: list[Value | None] = [None] * len(nodes)
            for col, h, k, src, convert in kept:
                raw = row[src].strip()
                if raw == "":
                    continue
                try:
                    cells[k] = convert(raw)
                except ValueError as exc:
                    pc.add(path, message_of(exc), f"{eid}.{h}", line=r, column=col + 1)
            if pc.problems:
                continue  # nothing will be returned: keep no more rows
            source = row[at["source"]].strip() if "source" in at else ""
            if len(shared) < 10_000:
                source = shared.setdefault(source, source)
            rows.add(
                eid,
                (row[at["name"]].strip() if "name" in at else "") or eid,
                row[at["name_en"]].strip() if "name_en" in at else "",
                source,
                cells,
            )
            row_lines.append(r)
    except csv.Error as exc:
        raise csv_error(path, exc, first + reader.line_num) from None
    if not rows and not pc.problems:
        pc.add(path, N_("no entity rows"))
    pc.raise_if_any()
    return Dataset(rows, path, tuple(notes), _Lines(rows.ids, row_lines))


def parse_inline(table: Any, path: Path, where: str, text: str, criteria: Criteria) -> Dataset:
    """Entities written in TOML: `[[entity]]` with id, name, source and a `values` table.

    The table's shape is checked with `DataFile`, its values against the framework; both sets
    of problems are reported together.
    """
    pc = ProblemCollector()
    prefix = tuple(where.split(".")) if where else ()
    items = table.get("entity") if isinstance(table, dict) else None
    if not isinstance(items, list):
        raise InputError.one(path, N_("expected a list of [[entity]] tables"), where or "entity")
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
            pc.add(path, N_("duplicate entity id '{eid}'", eid=eid), f"{loc}.id", line)
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
                    N_(
                        "'{k}' is not a node id of {id}{hint}",
                        k=k,
                        id=criteria.framework.id,
                        hint=did_you_mean(k, criteria.nodes),
                    ),
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
        pc.add(path, N_("no entities"), where or "entity")
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
