"""The CSV data loader reads a line at a time and keeps values by column (issue 11): it must
give the same Dataset, and the same messages at the same lines, as the whole-file reader it
replaced. That reader is kept here, as it was, to be compared with."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path
from types import MappingProxyType

import pytest

from ictscore.engine.compute import Engine
from ictscore.formats.criteria import Criteria, load_criteria
from ictscore.formats.csvtext import check_text
from ictscore.formats.dataset import RESERVED, Dataset, Entity, load_csv, parse_csv
from ictscore.formats.errors import InputError, Problem, ProblemCollector, did_you_mean
from ictscore.formats.tomlfile import read_text
from ictscore.formats.values import Value, coerce

from ..conftest import CRITERIA, ROOT

DTI = CRITERIA / "vn-dti-2022-province.toml"
DEPT = CRITERIA / "bac-giang-department-dti.toml"


def reference(path: Path, criteria: Criteria) -> Dataset:
    """The whole-file reader as it was before the streamed one."""
    text = read_text(path)
    pc = ProblemCollector()
    notes: list[str] = []
    lines = text.splitlines(keepends=True)
    first = 0
    while first < len(lines) and lines[first].lstrip().startswith("#"):
        notes.append(lines[first].lstrip()[1:].strip())
        first += 1
    body = "".join(lines[first:])
    check_text(path, body, first + 1)  # the one refusal added since: a NUL byte, at its place
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
                pc.add(path, str(exc), f"{eid}.{h}", line=r, column=col + 1)
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


def outcome(load: object, path: Path, criteria: Criteria) -> Dataset | list[Problem]:
    try:
        return load(path, criteria)  # type: ignore[operator, no-any-return]
    except InputError as exc:
        return exc.problems


def same(path: Path, criteria: Criteria) -> Dataset | list[Problem]:
    new = outcome(load_csv, path, criteria)
    old = outcome(reference, path, criteria)
    assert new == old
    if isinstance(new, Dataset):
        assert isinstance(old, Dataset)
        assert [dict(e.values) for e in new.entities] == [dict(e.values) for e in old.entities]
        assert dict(new.lines) == dict(old.lines)
        assert new.header_notes == old.header_notes
        text = read_text(path)
        assert parse_csv(text, path, criteria) == new
    return new


BUNDLED = [
    (p, c)
    for p, c in [
        (ROOT / "scenarios/data/dti-2022-provinces.csv", DTI),
        (ROOT / "scenarios/data/dti-2024-provinces-63.csv", CRITERIA / "vn-dti-2024-province.toml"),
        (ROOT / "scenarios/data/bac-giang-766-2024.csv", CRITERIA / "vn-766-service-index.toml"),
        (
            ROOT / "scenarios/data/ict-index-illustrative.csv",
            CRITERIA / "vn-ict-index-province.toml",
        ),
    ]
]


@pytest.mark.parametrize(("data", "crit"), BUNDLED, ids=lambda p: Path(p).name)
def test_bundled_csv_files_load_as_before(data: Path, crit: Path) -> None:
    ds = same(data, load_criteria(crit))
    assert isinstance(ds, Dataset) and len(ds.entities) > 0


def _bad_input_csvs() -> list[Path]:
    return sorted((ROOT / "tests" / "bad_inputs").glob("*/data.csv"))


@pytest.mark.parametrize("data", _bad_input_csvs(), ids=lambda p: p.parent.name)
def test_bad_input_csvs_give_the_same_outcome(data: Path) -> None:
    crit = data.parent / "criteria.toml"
    if not crit.exists():
        crit = ROOT / "tests" / "bad_inputs" / "_base" / "criteria.toml"
    if not crit.exists():
        pytest.skip("no criteria beside it")
    try:
        criteria = load_criteria(crit)
    except InputError:
        pytest.skip("the criteria file itself is the bad input")
    same(data, criteria)


HEAD = "id,name,nhan_thuc_so,the_che_so,ha_tang_so,source\n"

EDGE_CASES = {
    "bom and crlf": "\ufeff# note\r\n" + HEAD.replace("\n", "\r\n") + "a,A,0.1,0.2,0.3,x\r\n",
    "notes then blank rows": "# one\n#two\n"
    + HEAD
    + "\n,,,,,\na,A,0.1,,0.3,x\n\nb,,0.2,0.3,0.4,x\n",
    "quoted cell over two lines": HEAD
    + 'a,"Tỉnh\nA",0.1,0.2,0.3,x\nb,B,0.1,0.2,0.3,x\nb,B,1,1,1,x\n',
    "a row that is a comment": HEAD + "a,A,0.1,0.2,0.3,x\n# skipped\nb,B,9,0.2,0.3,x\n",
    "note with a form feed": "# a\x0cb\n" + HEAD + "a,A,0.1,0.2,0.3,x\n",
    "ragged and empty id": HEAD + "a,A,0.1\n,B,0.1,0.2,0.3,x\nc,C,0.1,0.2,0.3,x,y\n",
    "unknown and twice": "id,name,nhan_thuc_so,nhan_thuc_so,bogus,\na,A,0.1,0.2,1,\n",
    "not a number": HEAD + "a,A,abc,0.2,0.3,x\nb,B,nan,inf,-1,x\n",
    "no id column": "# n\nname,nhan_thuc_so\nA,0.1\n",
    "no id and a bad quote": 'name,nhan_thuc_so\nA,"0.1\x00"\n',
    "header only": HEAD,
    "empty": "",
    "only notes": "# a\n# b\n",
    "missing cells": HEAD + "a,A,,,,\nb,B,0.5,,,\n",
    "last of two id columns": "id,name,id,nhan_thuc_so\nx,A,y,0.1\n",
}


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_edge_cases_give_the_same_outcome(case: str, tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(EDGE_CASES[case].encode("utf-8"))
    same(path, load_criteria(DTI))


def test_a_bad_byte_far_into_the_file_is_named_from_the_start(tmp_path: Path) -> None:
    rows = "".join(f"e{i},E{i},0.1,0.2,0.3,x\n" for i in range(20_000))
    raw = (HEAD + rows).encode("utf-8") + b"z\xff,Z,0.1,0.2,0.3,x\n"
    path = tmp_path / "data.csv"
    path.write_bytes(raw)
    new = same(path, load_criteria(DTI))
    assert isinstance(new, list) and f"byte {len(raw) - 18}" in new[0].message


def test_categories_and_yes_no_columns(tmp_path: Path) -> None:
    crit = load_criteria(DEPT)
    cats = [i for i in crit.indicators() if i.rule.values == "category"]
    yes = [i for i in crit.indicators() if i.rule.values == "yes_no"]
    nums = [i for i in crit.indicators() if i.rule.values == "number" and i.range is not None]
    assert cats and yes and nums
    rng = random.Random(7)
    cols = [cats[0].id, yes[0].id, nums[0].id]
    lines = ["id,name," + ",".join(cols)]
    for k in range(50):
        lo, hi = nums[0].range or (0.0, 1.0)
        cells = [
            rng.choice([*cats[0].rule.keys(), ""]),
            rng.choice(["1", "0", "có", "", "yes"]),
            rng.choice([f"{rng.uniform(lo, hi):.3f}", ""]),
        ]
        lines.append(f"d{k},D{k}," + ",".join(cells))
    path = tmp_path / "data.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ds = same(path, crit)
    assert isinstance(ds, Dataset)
    for node in cols:
        assert ds.column(node) == tuple(e.values.get(node) for e in ds.entities)
    assert ds.names() == {e.id: e.name for e in ds.entities}
    assert ds.ids() == [e.id for e in ds.entities]


def test_the_engine_computes_the_same_from_columns() -> None:
    path = ROOT / "scenarios/data/dti-2022-provinces.csv"
    crit = load_criteria(DTI)
    new, old = load_csv(path, crit), reference(path, crit)
    a, b = Engine(crit).compute(new), Engine(crit).compute(old)
    assert a.scores == b.scores
    assert a.ranks["dti"] == b.ranks["dti"]


def test_rows_behave_as_a_sequence_of_entities() -> None:
    path = ROOT / "scenarios/data/dti-2022-provinces.csv"
    crit = load_criteria(DTI)
    ds = load_csv(path, crit)
    old = reference(path, crit)
    assert ds.entities[0] == old.entities[0]
    assert ds.entities[-1] == old.entities[-1]
    assert ds.entities[2:5] == old.entities[2:5]
    assert list(ds.entities) == list(old.entities)
    assert ds.get("bac-giang") == old.get("bac-giang")
    with pytest.raises(KeyError):
        ds.get("no-such-province")
    first = ds.entities[0]
    key = next(iter(first.values))
    assert key in first.values and "no-such-node" not in first.values
    with pytest.raises(KeyError):
        first.values["no-such-node"]
    with pytest.raises(IndexError):
        ds.entities[len(ds.entities)]
