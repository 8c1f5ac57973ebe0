"""Ranking the units of one entity list from data given for the units they were formed from.

On 1/7/2025 the 63 provinces became 34; DTI 2024 was scored for the 63 and published for the 34
too, each new province taking the plain mean of its former provinces' main indices. A data file
of the 63 therefore serves both rankings. This module turns a loaded data set into the data set
of the list being ranked, before the engine sees it, so that scoring, what-if and every face stay
what they are: a merged unit is an ordinary entity whose values are its predecessors' combined by
the framework's `merge` rule, and which remembers what it was formed from.

Which units are in a data file is read from its ids. A new unit that keeps a predecessor's id
(the new Bắc Ninh is `bac-ninh`, as was the former) is taken to be given directly only when the
file gives none of the units that ended in the merger; otherwise its row is the former unit's.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from ictscore.formats.criteria import Criteria, Indicator
from ictscore.formats.dataset import Dataset, Entity
from ictscore.formats.errors import InputError, ProblemCollector
from ictscore.formats.message import N_, joined, message_of
from ictscore.formats.names import EntityNames, load_entity_list
from ictscore.formats.values import Value, coerce

MERGE_WORDS = {"mean": ("trung bình cộng", "mean"), "sum": ("tổng", "sum")}
"""How each rule is named in a merged row's source and in notes (Vietnamese, English)."""
RULE_SAID = {"mean": N_("mean"), "sum": N_("sum")}
"""Each rule as a problem names it ("the mean of a, b"), translated where it is shown."""


def framework_list(criteria: Criteria) -> Path | None:
    """The entity list a framework ranks (`entity_list`, relative to the criteria file)."""
    rel = criteria.framework.entity_list
    if rel is None or criteria.path is None:
        return None
    return (criteria.path.parent / rel).resolve()


def ranked_dataset(dataset: Dataset, criteria: Criteria, entities: Path | None = None) -> Dataset:
    """The data set of the units to rank: `entities` when given, else the framework's list.

    A list chosen explicitly must hold every row (or the units a row was formed into); the
    framework's own list is applied only when it merges units, so data files of other entities
    (a framework's list is for import, too) keep working as they did.
    """
    chosen = entities.resolve() if entities is not None else framework_list(criteria)
    if chosen is None:
        return dataset
    names = load_entity_list(chosen)
    if not names.has_mergers():
        if entities is not None:
            _check_members(dataset, names)
        return dataset
    return merge_into(dataset, criteria, names)


def _check_members(dataset: Dataset, names: EntityNames) -> None:
    pc = ProblemCollector()
    for e in dataset.entities:
        if e.id not in names.records:
            pc.add(
                _file(dataset),
                N_("row '{id}' is not a unit of {name}", id=e.id, name=Path(names.origin).name),
                e.id,
                dataset.lines.get(e.id),
            )
    pc.raise_if_any()


def _file(dataset: Dataset) -> str:
    return str(dataset.path) if dataset.path else "data"


def merge_into(dataset: Dataset, criteria: Criteria, names: EntityNames) -> Dataset:
    """The units of `names`, each given directly or combined from the rows of its predecessors.

    Every problem is reported together, each naming the rows involved: a unit given both
    directly and through its predecessors, a unit some of whose predecessors are missing, a row
    that belongs to no unit of the list.
    """
    rows = {e.id: e for e in dataset.entities}
    lines = dataset.lines
    file = _file(dataset)
    ended = {f for u in names.ids() for f in names.formed_from(u) if f not in names.records}
    of_former = any(r in ended for r in rows)
    pc = ProblemCollector()
    used: set[str] = set()
    out: list[Entity] = []
    out_lines: dict[str, int] = {}

    def at(eid: str) -> str:
        line = lines.get(eid)
        return N_("'{id}' (line {line})", id=eid, line=line) if line is not None else f"'{eid}'"

    for uid in names.ids():
        formers = names.formed_from(uid) or (uid,)
        if not names.merged(uid):
            if uid in rows:
                used.add(uid)
                out.append(_as_listed(rows[uid], names))
                _copy_line(lines, uid, uid, out_lines)
            continue
        present = [f for f in formers if f in rows]
        direct = uid in rows and uid not in formers
        if direct and present:
            pc.add(
                file,
                N_(
                    "'{uid}' ({value}) is given directly, row {value2}, and through the units "
                    "it was formed from, row {value3}: keep one or the other",
                    uid=uid,
                    value=names.name(uid),
                    value2=at(uid),
                    value3=joined([at(f) for f in present]),
                ),
                uid,
                lines.get(uid),
            )
            used.update([uid, *present])
        elif direct or (present == [uid] and not of_former):
            used.add(uid)
            out.append(_as_listed(rows[uid], names))
            _copy_line(lines, uid, uid, out_lines)
        elif len(present) == len(formers):
            used.update(present)
            parts = [_as_listed(rows[f], names.predecessors) for f in formers]
            merged = _merge(uid, parts, criteria, names, file, lines, pc)
            if merged is not None:
                out.append(merged)
                _copy_line(lines, formers[0], uid, out_lines)
        elif present:
            missing = [f for f in formers if f not in rows]
            pc.add(
                file,
                N_(
                    "'{uid}' ({value}) was formed from {value2}; the data gives {value3} but "
                    "not {value4}",
                    uid=uid,
                    value=names.name(uid),
                    value2=", ".join(formers),
                    value3=joined([at(f) for f in present]),
                    value4=", ".join(missing),
                ),
                present[0],
                lines.get(present[0]),
            )
            used.update(present)
    for eid in rows:
        if eid not in used:
            pc.add(
                file,
                N_(
                    "row '{eid}' is neither a unit of {name} nor one they were formed from",
                    eid=eid,
                    name=Path(names.origin).name,
                ),
                eid,
                lines.get(eid),
            )
    pc.raise_if_any()
    if not out:
        raise InputError.one(
            file, N_("no unit of {name} in the data", name=Path(names.origin).name)
        )
    former = MappingProxyType(
        {f: _as_listed(rows[f], names.predecessors) for e in out for f in e.formed_from}
    )
    return Dataset(
        tuple(out), dataset.path, dataset.header_notes, MappingProxyType(out_lines), former
    )


def _as_listed(row: Entity, listed: EntityNames | None) -> Entity:
    """The row under the name its list gives it (a data file may abbreviate or leave it out)."""
    if listed is None or row.id not in listed.records:
        return row
    return replace(row, name=listed.name(row.id), name_en=listed.name_en(row.id) or row.name_en)


def _copy_line(lines: Mapping[str, int], src: str, dst: str, out: dict[str, int]) -> None:
    if src in lines:
        out[dst] = lines[src]


def _merge(
    uid: str,
    parts: Sequence[Entity],
    criteria: Criteria,
    names: EntityNames,
    file: str,
    lines: Mapping[str, int],
    pc: ProblemCollector,
) -> Entity | None:
    """One unit from its predecessors' rows by the framework's merge rule, node by node."""
    rule = criteria.framework.merge
    ids = [p.id for p in parts]
    if rule is None:
        pc.add(
            file,
            N_(
                "'{uid}' ({value}) is to be ranked from {value2}, but {id} has no merge rule "
                '(merge = "mean" in [framework])',
                uid=uid,
                value=names.name(uid),
                value2=", ".join(ids),
                id=criteria.framework.id,
            ),
            ids[0],
            lines.get(ids[0]),
        )
        return None
    before = len(pc.problems)
    values: dict[str, Value] = {}
    for nid in criteria.order:
        given = [p.values.get(nid) for p in parts]
        if all(v is None for v in given):
            continue
        node = criteria.nodes[nid]
        lacking = [p.id for p, v in zip(parts, given, strict=True) if v is None]
        if lacking:
            pc.add(
                file,
                N_(
                    "'{uid}' is the {rule} of {value} at '{nid}', but {value2} gives no value "
                    "there",
                    uid=uid,
                    rule=RULE_SAID[rule],
                    value=", ".join(ids),
                    nid=nid,
                    value2=", ".join(lacking),
                ),
                f"{lacking[0]}.{nid}",
                lines.get(lacking[0]),
            )
            continue
        if isinstance(node, Indicator) and node.rule.values != "number":
            pc.add(
                file,
                N_(
                    "'{nid}' takes {value} values: there is no {rule} of {value2}",
                    nid=nid,
                    value=node.rule.type.replace("_", "/"),
                    rule=RULE_SAID[rule],
                    value2=", ".join(ids),
                ),
                f"{ids[0]}.{nid}",
                lines.get(ids[0]),
            )
            continue
        nums = [float(v) for v in given if v is not None]
        total = math.fsum(nums)
        try:
            values[nid] = coerce(node, total / len(nums) if rule == "mean" else total)
        except ValueError as exc:
            pc.add(
                file,
                N_(
                    "'{uid}', the {rule} of {value}: {exc}",
                    uid=uid,
                    rule=RULE_SAID[rule],
                    value=", ".join(ids),
                    exc=message_of(exc),
                ),
                f"{uid}.{nid}",
                lines.get(ids[0]),
            )
    if len(pc.problems) > before:
        return None
    # the predecessors' own sources travel with the result: an illustrative row stays marked
    vi, _ = MERGE_WORDS[rule]
    parts_said = "; ".join(f"{p.name} — {p.source}" if p.source else p.name for p in parts)
    return Entity(
        uid,
        names.name(uid),
        MappingProxyType(values),
        names.name_en(uid),
        f"{vi} của: {parts_said}",
        tuple(ids),
    )
