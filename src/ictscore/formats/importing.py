"""A spreadsheet of results or peer data → a data file the scenario's `data` key can name.

Columns are matched to nodes by their header (the node's Vietnamese or English name or its id,
with or without diacritics, over one or two header rows) or by a mapping file; rows are matched
to entities by name through the framework's entity list. Anything that matches nothing, or more
than one thing, is a problem with its row and column: the import refuses rather than guesses,
unless told to skip what it cannot match, and then it still lists every skipped row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from pydantic import Field

from ictscore.formats.criteria import (
    Aggregate,
    Criteria,
    Indicator,
    Node,
    Strict,
    no_items,
    no_keys,
)
from ictscore.formats.dataset import Dataset, Entity
from ictscore.formats.errors import InputError, Problem
from ictscore.formats.message import N_, joined, message_of
from ictscore.formats.names import EntityNames, NameLookupError, fold, load_entity_list, name_key
from ictscore.formats.numbers import (
    AmbiguousNumber,
    decimal_evidence,
    is_missing,
    looks_numeric,
    parse_number,
)
from ictscore.formats.sheet import Cell, Grid, column_letter, read_grid
from ictscore.formats.tomlfile import load_model
from ictscore.formats.values import Value, coerce
from ictscore.scoring.rules.category import CategoryRule

HEADER_SCAN = 15

ID_HEADERS = {"id", "ma", "madonvi", "matinh", "code"}
NAME_HEADERS = {
    "ten",
    "name",
    "entity",
    "donvi",
    "tendonvi",
    "tinh",
    "tentinh",
    "tinhthanhpho",
    "tinhthanh",
    "tinhtp",
    "diaphuong",
    "province",
    "coquan",
    "tencoquan",
    "agency",
    "department",
    "sobannganh",
    "cacsobannganh",
    "coquandonvi",
}
BOOKKEEPING = {
    "stt",
    "tt",
    "sothutu",
    "no",
    "xephang",
    "hang",
    "rank",
    "thuhang",
    "thaydoihang",
    "rankchange",
    "ghichu",
    "note",
    "notes",
    "focus",
    "baselinerank",
    "baselinescore",
    "score",
    "diem",
    "tongdiem",
    "xeploai",
    "grade",
    "nameen",
    "source",
    "nguon",
    *ID_HEADERS,
    *NAME_HEADERS,
}
"""Columns a results table carries beside the values (row number, rank, notes): not data."""

_NOTE_WORDS = ("nguon", "source", "ghi chu", "chu thich", "note")
_ENUM = re.compile(r"^([ivx]+|\d+(\s\d+)*|[a-z])\s+")
_PAREN = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*$")


class ImportMapping(Strict):
    """A mapping file: what the header names cannot say on their own."""

    sheet: str | None = None
    delimiter: str | None = None
    decimal: Literal[",", "."] | None = None
    header_row: int | None = Field(default=None, ge=1)
    """The first header row, 1-based as the spreadsheet numbers it."""
    header_rows: int | None = Field(default=None, ge=1, le=3)
    entity_column: str | None = None
    """The header of the column holding entity names (or ids when the header is 'id')."""
    columns: dict[str, str] = Field(default_factory=no_keys)
    """Header text → node id; an empty id ignores the column."""
    ignore: list[str] = Field(default_factory=no_items)
    entities: dict[str, str] = Field(default_factory=no_keys)
    """Entity name as written in the sheet → entity id."""
    source: str | None = None


def load_mapping(path: Path) -> ImportMapping:
    return load_model(path, ImportMapping)[0]


@dataclass
class ImportOptions:
    mapping: ImportMapping = field(default_factory=ImportMapping)
    mapping_path: Path | None = None
    sheet: str | None = None
    decimal: str | None = None
    skip_unmatched: bool = False
    entities: EntityNames | None = None
    source: str | None = None


@dataclass(frozen=True)
class ColumnMatch:
    col: int
    header: str
    node: str | None
    how: str
    """'name', 'mapping', 'ignored', 'entity', 'aggregate' (skipped) or 'unmatched'."""


@dataclass(frozen=True)
class Imported:
    dataset: Dataset
    columns: tuple[ColumnMatch, ...]
    notes: tuple[str, ...]
    """What was decided or skipped, for standard error: nothing happens unreported."""


def entities_for(criteria: Criteria) -> EntityNames | None:
    """The framework's entity list (its `entity_list` key), if it has one."""
    rel = criteria.framework.entity_list
    if rel is None or criteria.path is None:
        return None
    return load_entity_list((criteria.path.parent / rel).resolve())


def import_table(path: Path, criteria: Criteria, options: ImportOptions) -> Imported:
    m = options.mapping
    grid = read_grid(path, options.sheet or m.sheet, m.delimiter)
    return _Importer(grid, path, criteria, options).run()


class _Importer:
    def __init__(self, grid: Grid, path: Path, criteria: Criteria, options: ImportOptions):
        self.grid = grid
        self.path = path
        self.crit = criteria
        self.opt = options
        self.map = options.mapping
        self.problems: list[Problem] = []
        self.notes: list[str] = list(grid.notes)
        names = options.entities
        if names is not None and self.map.entities:
            names = names.with_aliases(self.map.entities)
        self.names = names
        self._index = self._node_index()
        self._header_row = 0

    # --- reporting ---------------------------------------------------------------------------

    def problem(self, msg: str, row: int | None = None, col: int | None = None) -> None:
        where = ""
        if col is not None:
            where = column_letter(col) + (str(row + 1) if row is not None else "")
        self.problems.append(
            Problem(
                self.grid.origin,
                msg,
                where,
                None if row is None else row + 1,
                None if col is None else col + 1,
            )
        )

    def unmatched(self, msg: str, row: int | None = None, col: int | None = None) -> None:
        """A row or column that matches nothing: an error, or a listed skip when allowed."""
        if self.opt.skip_unmatched:
            place = ""
            if col is not None:
                place = column_letter(col) + (str(row + 1) if row is not None else "")
            elif row is not None:
                place = f"row {row + 1}"
            self.notes.append(N_("skipped {place}: {msg}", place=place, msg=msg))
        else:
            self.problem(msg, row, col)

    # --- header → node -----------------------------------------------------------------------

    def _node_index(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for nid, node in self.crit.nodes.items():
            for text in (nid, node.name_vi, node.name_en):
                owners = index.setdefault(name_key(text), [])
                if nid not in owners:
                    owners.append(nid)
        return index

    def _mapped(self) -> dict[str, str]:
        out = {name_key(k): v for k, v in self.map.columns.items()}
        out.update({name_key(k): "" for k in self.map.ignore})
        for header, nid in self.map.columns.items():
            if nid and nid not in self.crit.nodes:
                self.problems.append(
                    Problem(
                        str(self.opt.mapping_path or "mapping"),
                        N_("'{nid}' is not a node id of {id}", nid=nid, id=self.crit.framework.id),
                        f"columns.{header}",
                    )
                )
                # reported above; matched as nothing, so the import goes on to find the rest
                # of the problems instead of failing on the unknown id
                out[name_key(header)] = ""
        return out

    @staticmethod
    def _keys(text: str) -> list[str]:
        f = fold(text)
        out = [f]
        bare = _PAREN.sub("", f)
        for t in (bare, _ENUM.sub("", f), _ENUM.sub("", bare)):
            if t not in out:
                out.append(t)
        return [t.replace(" ", "") for t in out if t]

    def _candidates(self, texts: list[str]) -> list[str]:
        texts = [t.strip() for t in texts]
        distinct: list[str] = []
        for t in texts:
            if t and t not in distinct:
                distinct.append(t)
        if len(distinct) > 1:
            return [" ".join(distinct), *reversed(distinct)]
        return distinct

    def _match_header(self, texts: list[str], mapped: dict[str, str]) -> tuple[str | None, str]:
        """(node id or None, how); raises ValueError when one header names several nodes."""
        for cand in self._candidates(texts):
            for key in self._keys(cand):
                if key in mapped:
                    return (mapped[key] or None), ("mapping" if mapped[key] else "ignored")
                owners = self._index.get(key, [])
                if len(owners) > 1:
                    raise ValueError(
                        N_(
                            "header '{cand}' names several nodes: {value} (say which in a "
                            "mapping file)",
                            cand=cand,
                            value=", ".join(owners),
                        )
                    )
                if owners:
                    return owners[0], "name"
        return None, "unmatched"

    def _header_texts(self, start: int, span: int, col: int) -> list[str]:
        return [
            self.grid.cell(r, col).text
            for r in range(start, min(start + span, len(self.grid.rows)))
        ]

    def _find_header(self, mapped: dict[str, str]) -> tuple[int, int]:
        if self.map.header_row is not None:
            return self.map.header_row - 1, self.map.header_rows or 1
        best = (0, -1, 1)  # (score, start, span)
        spans = (self.map.header_rows,) if self.map.header_rows else (1, 2)
        for start in range(min(HEADER_SCAN, len(self.grid.rows))):
            for span in spans:
                score = 0
                for col in range(self.grid.width()):
                    try:
                        node, _ = self._match_header(self._header_texts(start, span, col), mapped)
                    except ValueError:
                        continue
                    score += node is not None
                if score > best[0]:
                    best = (score, start, span)
        if best[1] < 0:
            raise InputError.one(
                self.grid.origin,
                N_(
                    "no header row names an indicator of {id} in the first {n} rows (headers "
                    "are matched to the indicators' Vietnamese or English names or ids; give a "
                    "mapping file with --mapping for other headers){notes}",
                    id=self.crit.framework.id,
                    n=HEADER_SCAN,
                    notes=N_("; {notes}", notes=joined(list(self.grid.notes)))
                    if self.grid.notes
                    else "",
                ),
            )
        return best[1], best[2]

    # --- the run -----------------------------------------------------------------------------

    def run(self) -> Imported:
        mapped = self._mapped()
        start, span = self._find_header(mapped)
        first_data = start + span
        self._header_row = start
        if span > 1:
            self.notes.append(
                N_("header: rows {value}–{value2}", value=start + 1, value2=start + span)
            )
        elif start > 0:
            self.notes.append(N_("header: row {value}", value=start + 1))
        columns = self._match_columns(start, span, mapped, first_data)
        ent_col = next((c for c in columns if c.how == "entity"), None)
        if ent_col is None:
            self.problem(
                N_(
                    "no column of entity names: name it 'Tên'/'Đơn vị'/'Tỉnh, thành phố'/'id' "
                    "or set entity_column in a mapping file"
                ),
            )
            raise InputError(self.problems)
        data_cols = [c for c in columns if c.node is not None and c.how in ("name", "mapping")]
        decimal = self._decimal(data_cols, first_data)
        dataset = self._rows(ent_col, data_cols, first_data, decimal)
        if self.problems:
            raise InputError(self.problems)
        return Imported(dataset, tuple(columns), tuple(self.notes))

    def _match_columns(
        self, start: int, span: int, mapped: dict[str, str], first_data: int
    ) -> list[ColumnMatch]:
        out: list[ColumnMatch] = []
        for col in range(self.grid.width()):
            texts = self._header_texts(start, span, col)
            header = " / ".join(dict.fromkeys(t.strip() for t in texts if t.strip()))
            try:
                node, how = self._match_header(texts, mapped)
            except ValueError as exc:
                self.problem(message_of(exc), start, col)
                continue
            if not header and not self._column_has_data(col, first_data):
                continue
            out.append(ColumnMatch(col, header, node, how))
        out = self._pick_entity_column(out, first_data)
        used: dict[str, ColumnMatch] = {}
        final: list[ColumnMatch] = []
        for c in out:
            if c.node is not None and c.how in ("name", "mapping"):
                if c.node in used:
                    self.problem(
                        N_(
                            "columns {value} and {value2} both name '{node}'",
                            value=column_letter(used[c.node].col),
                            value2=column_letter(c.col),
                            node=c.node,
                        ),
                        start,
                        c.col,
                    )
                    continue
                used[c.node] = c
            final.append(c)
        return [self._skip_computed(c, used) for c in final]

    def _skip_computed(self, c: ColumnMatch, used: dict[str, ColumnMatch]) -> ColumnMatch:
        """An aggregate column is computed from its children when they are imported too."""
        node = self.crit.nodes.get(c.node or "")
        if not isinstance(node, Aggregate) or c.how not in ("name", "mapping"):
            return c
        below = self.crit.descendants(node.id) & set(used)
        if not below:
            return c
        self.notes.append(
            N_(
                "column {value} '{header}' is the aggregate '{id}', computed from the imported "
                "columns below it: not imported",
                value=column_letter(c.col),
                header=c.header,
                id=node.id,
            )
        )
        return ColumnMatch(c.col, c.header, c.node, "aggregate")

    def _column_has_data(self, col: int, first: int) -> bool:
        return any(not self.grid.cell(r, col).empty for r in range(first, len(self.grid.rows)))

    def _pick_entity_column(self, cols: list[ColumnMatch], first: int) -> list[ColumnMatch]:
        free = [c for c in cols if c.node is None and c.how == "unmatched"]
        chosen: ColumnMatch | None = None
        if self.map.entity_column is not None:
            want = name_key(self.map.entity_column)
            chosen = next((c for c in free if name_key(c.header) == want), None)
            if chosen is None:
                self.problem(
                    N_(
                        "no column headed '{entity_column}' (entity_column)",
                        entity_column=self.map.entity_column,
                    )
                )
        else:
            ranked = (
                [c for c in free if name_key(c.header) == "id"]
                + [c for c in free if name_key(c.header) in NAME_HEADERS]
                + [c for c in free if name_key(c.header) in ID_HEADERS]
            )
            chosen = ranked[0] if ranked else None
            if chosen is None and self.names is not None:
                chosen = self._entity_column_by_content(free, first)
        out = []
        for c in cols:
            if chosen is not None and c.col == chosen.col:
                out.append(ColumnMatch(c.col, c.header, None, "entity"))
            elif c.how == "unmatched" and name_key(c.header) in BOOKKEEPING:
                out.append(ColumnMatch(c.col, c.header, None, "ignored"))
            elif c.how == "unmatched":
                self.unmatched(
                    N_(
                        "column '{header}' matches no node of {id}{hint} (map it, or list it "
                        "under ignore, in a mapping file)",
                        header=c.header or N_("(no header)"),
                        id=self.crit.framework.id,
                        hint=self._near(c.header),
                    ),
                    self._header_row,
                    c.col,
                )
                out.append(c)
            else:
                out.append(c)
        return out

    def _entity_column_by_content(self, free: list[ColumnMatch], first: int) -> ColumnMatch | None:
        assert self.names is not None
        best, best_hits = None, 0
        for c in free:
            hits = filled = 0
            for r in range(first, len(self.grid.rows)):
                text = self.grid.cell(r, c.col).text.strip()
                if not text:
                    continue
                filled += 1
                try:
                    self.names.match(text)
                    hits += 1
                except NameLookupError:
                    pass
            if hits > best_hits and hits * 2 >= filled:
                best, best_hits = c, hits
        if best is not None:
            self.notes.append(
                N_(
                    "entity names read from column {value} '{header}' ({best_hits} names "
                    "recognised)",
                    value=column_letter(best.col),
                    header=best.header,
                    best_hits=best_hits,
                )
            )
        return best

    def _near(self, header: str) -> str:
        import difflib

        key = name_key(header)
        close = difflib.get_close_matches(key, list(self._index), n=1, cutoff=0.8)
        return N_(" (closest: '{name}')", name=self._index[close[0]][0]) if close else ""

    # --- values ------------------------------------------------------------------------------

    def _decimal(self, cols: list[ColumnMatch], first: int) -> str | None:
        chosen = self.opt.decimal or self.map.decimal
        if chosen is not None:
            return chosen
        seen: dict[str, tuple[int, int]] = {}
        for c in cols:
            for r in range(first, len(self.grid.rows)):
                cell = self.grid.cell(r, c.col)
                if isinstance(cell.value, str):
                    ev = decimal_evidence(cell.value)
                    if ev is not None and ev not in seen:
                        seen[ev] = (r, c.col)
        if len(seen) > 1:
            (r1, c1), (r2, c2) = seen[","], seen["."]
            self.problem(
                N_(
                    "the file mixes decimal commas ({value}{value2}) and decimal points "
                    "({value3}{value4}); give --decimal , or --decimal .",
                    value=column_letter(c1),
                    value2=r1 + 1,
                    value3=column_letter(c2),
                    value4=r2 + 1,
                ),
            )
            return None
        if seen:
            mark = next(iter(seen))
            self.notes.append(
                N_("decimal mark: comma (1.234,5)")
                if mark == ","
                else N_("decimal mark: point (1,234.5)")
            )
            return mark
        return None

    def _rows(
        self, ent: ColumnMatch, cols: list[ColumnMatch], first: int, decimal: str | None
    ) -> Dataset:
        entities: list[Entity] = []
        rows_of: dict[str, int] = {}
        header_notes = [f"Nhập từ {self.path.name} (imported by ictscore import)"]
        source = self.opt.source or self.map.source or self.path.name
        for r in range(first, len(self.grid.rows)):
            label = self.grid.cell(r, ent.col).text.strip()
            cells = [(c, self.grid.cell(r, c.col)) for c in cols]
            filled = [(c, cell) for c, cell in cells if not cell.empty and not _missing(cell)]
            first_text = next((c.text.strip() for c in self.grid.rows[r] if not c.empty), "")
            if not filled and fold(first_text).startswith(_NOTE_WORDS):
                header_notes.append(first_text)
                continue
            if not label and not filled:
                continue
            if not label:
                self.unmatched(N_("a row with values but no entity name"), r, ent.col)
                continue
            if not filled and not self._known(label, ent):
                self.notes.append(
                    N_(
                        "row {value}: '{label}' has no values and is not an entity (a section "
                        "heading?): not imported",
                        value=r + 1,
                        label=label,
                    )
                )
                continue
            eid = self._entity_id(label, ent, r)
            if eid is None:
                continue
            if eid in rows_of:
                self.problem(
                    N_(
                        "'{label}' is '{eid}', already given in row {value}",
                        label=label,
                        eid=eid,
                        value=rows_of[eid] + 1,
                    ),
                    r,
                    ent.col,
                )
                continue
            rows_of[eid] = r
            values: dict[str, Value] = {}
            for c, cell in filled:
                assert c.node is not None
                try:
                    values[c.node] = self._value(self.crit.nodes[c.node], cell, decimal)
                except ValueError as exc:
                    self.problem(message_of(exc), r, c.col)
            name, name_en = self._names_of(eid, label)
            entities.append(Entity(eid, name, MappingProxyType(values), name_en, source))
        if not entities and not self.problems:
            self.problem(N_("no entity rows below the header"))
        return Dataset(tuple(entities), None, tuple(header_notes))

    def _entity_id(self, label: str, ent: ColumnMatch, r: int) -> str | None:
        by_id = name_key(ent.header) in ID_HEADERS
        if self.names is None:
            from ictscore.formats.names import slug

            return label if by_id else slug(label)
        if by_id:
            if label in self.names.records:
                return label
            self.unmatched(
                N_(
                    "'{label}' is not an entity id of {origin}",
                    label=label,
                    origin=self.names.origin,
                ),
                r,
                ent.col,
            )
            return None
        try:
            return self.names.match(label)
        except NameLookupError as exc:
            self.unmatched(message_of(exc), r, ent.col)
            return None

    def _known(self, label: str, ent: ColumnMatch) -> bool:
        if self.names is None:
            return True
        if name_key(ent.header) in ID_HEADERS:
            return label in self.names.records
        try:
            self.names.match(label)
        except NameLookupError:
            return False
        return True

    def _names_of(self, eid: str, label: str) -> tuple[str, str]:
        if self.names is not None and eid in self.names.records:
            return self.names.name(eid), self.names.name_en(eid)
        return label, ""

    def _value(self, node: Node, cell: Cell, decimal: str | None) -> Value:
        if isinstance(node, Indicator) and node.rule.values == "category":
            return self._category(node, cell.text)
        if isinstance(cell.value, float):
            number, percent = cell.value, cell.percent
        elif (
            isinstance(node, Indicator)
            and node.rule.values == "yes_no"
            and not looks_numeric(cell.text)
        ):
            return coerce(node, cell.text)
        else:
            ev = decimal_evidence(cell.text)
            if ev is not None and decimal is not None and ev != decimal:
                raise ValueError(
                    N_(
                        "'{value}' uses '{ev}' as decimal mark, the file uses '{decimal}'",
                        value=cell.text.strip(),
                        ev=ev,
                        decimal=decimal,
                    )
                )
            try:
                number, percent = parse_number(cell.text, decimal)
            except AmbiguousNumber as exc:
                raise ValueError(message_of(exc)) from None
            except ValueError as exc:
                raise ValueError(
                    N_("{error} ('{node}' needs a number)", error=message_of(exc), node=node.id)
                ) from None
        if percent:
            number = _from_percent(node, number)
        return coerce(node, number)

    @staticmethod
    def _category(node: Indicator, text: str) -> Value:
        assert isinstance(node.rule, CategoryRule)
        key = name_key(text)
        for cat in node.rule.categories:
            if key in (name_key(cat.key), name_key(cat.label_vi), name_key(cat.label_en)):
                return cat.key
        return coerce(node, text)


def _missing(cell: Cell) -> bool:
    return isinstance(cell.value, str) and is_missing(cell.value)


def _from_percent(node: Node, value: float) -> float:
    """45% is 45 for a node measured in %, 0.45 for a node measured in 0..1."""
    hi = node.range[1] if isinstance(node, Indicator) and node.range is not None else None
    if "%" in node.unit or (hi is not None and hi > 1):
        return value
    if hi is not None:
        return value / 100
    raise ValueError(
        N_("a percentage was given, but '{id}' is measured in '{unit}'", id=node.id, unit=node.unit)
    )
