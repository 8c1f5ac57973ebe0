"""A unit's place in every edition of a ranking, following the lineage of its entity list.

The new Bắc Ninh (1/7/2025) has its own results from DTI 2024 on; before that its history is
that of the two provinces it was formed from, the former Bắc Ninh and Bắc Giang, each ranked
among the 63. This module gathers those series (the unit's own, its predecessors', or for a
former unit what it became) from a history file and the entity lists, and says in words where
each stood and how it moved, for the `history` command and the report alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ictscore.formats.errors import InputError, ProblemCollector, did_you_mean
from ictscore.formats.history import History, HistoryRow, load_history
from ictscore.formats.names import EntityNames, NameLookupError, load_entity_list

Relation = Literal["self", "same", "former", "successor"]
"""self: the unit asked for; same: the same unit in an earlier list (unchanged, or renamed);
former: a unit it was formed from; successor: the unit a former unit became part of."""


@dataclass(frozen=True)
class Series:
    names: EntityNames
    id: str
    relation: Relation
    rows: tuple[HistoryRow, ...]
    unit_name: str
    """The name of the unit asked for, to tell a predecessor of the same name apart."""

    def label(self, lang: str = "vi") -> str:
        name = self.names.name(self.id)
        if lang == "en":
            name = self.names.name_en(self.id) or name
        if name == self.unit_name or self.names.name(self.id) == self.unit_name:
            if self.relation == "former":
                return f"{name} ({'cũ' if lang == 'vi' else 'former'})"
            if self.relation == "successor":
                return f"{name} ({'mới' if lang == 'vi' else 'new'})"
        return name

    def change(self, row: HistoryRow) -> int | None:
        """Places gained since the edition before, in the same list (None if not known)."""
        prev = next((r for r in self.rows if r.edition == row.edition - 1), None)
        if prev is None or prev.rank is None or row.rank is None or prev.of != row.of:
            return None
        return prev.rank - row.rank


@dataclass(frozen=True)
class UnitHistory:
    names: EntityNames
    id: str
    history: History
    series: tuple[Series, ...]

    @property
    def name(self) -> str:
        return self.names.name(self.id)

    def rows(self) -> list[tuple[Series, HistoryRow]]:
        """Every row, by edition; within one, the unit first, then its lineage in order."""
        order = {id(s): k for k, s in enumerate(self.series)}
        pairs = [(s, r) for s in self.series for r in s.rows]
        return sorted(pairs, key=lambda p: (p[1].edition, order[id(p[0])]))


def bundled_lists(root: Path) -> list[EntityNames]:
    return [load_entity_list(p) for p in sorted((root / "entities").glob("*.toml"))]


def history_files(root: Path, family: str) -> list[Path]:
    """criteria/history/<family>-*.csv (or the one file named <family>.csv)."""
    folder = root / "history"
    exact = folder / f"{family}.csv"
    if exact.is_file():
        return [exact]
    return sorted(folder.glob(f"{family}-*.csv"))


def families(root: Path) -> list[str]:
    return sorted({p.stem.split("-", 1)[0] for p in (root / "history").glob("*.csv")})


def _age(names: EntityNames) -> int:
    """How many lists lie behind this one: the newest list answers a name first."""
    depth, cur = 0, names.predecessors
    while cur is not None:
        depth, cur = depth + 1, cur.predecessors
    return depth


def _lists_for(history: History, lists: Iterable[EntityNames]) -> list[EntityNames]:
    wanted = history.lists()
    found = [n for n in lists if n.list_id in wanted]
    return sorted(found, key=_age, reverse=True)


def find_unit(
    entity: str, history: History, lists: Sequence[EntityNames], within: str | None = None
) -> tuple[EntityNames, str]:
    """The list and id of the unit called `entity` (id or any name), newest list first."""
    candidates = _lists_for(history, lists)
    if within is not None:
        candidates = [n for n in candidates if within in (n.list_id, Path(n.origin).stem)]
        if not candidates:
            known = ", ".join(sorted(history.lists()))
            raise InputError.one("history", f"no list '{within}' in {history.path.name} ({known})")
    last: str = ""
    for names in candidates:
        if entity in names.records:
            return names, entity
        try:
            return names, names.match(entity)
        except NameLookupError as exc:
            last = str(exc)
    where = ", ".join(n.list_id for n in candidates) or "no entity list"
    raise InputError.one("history", f"{last or repr(entity)} (looked in {where})")


def unit_history(
    entity: str, history: History, lists: Sequence[EntityNames], within: str | None = None
) -> UnitHistory:
    names, uid = find_unit(entity, history, lists, within)
    unit_name = names.name(uid)
    series: list[Series] = []

    def walk(n: EntityNames, eid: str, relation: Relation) -> None:
        series.append(Series(n, eid, relation, tuple(history.of_unit(n.list_id, eid)), unit_name))
        if n.predecessors is None or not n.formed_from(eid):
            return
        # a merger's parts are former units; an unchanged unit stays itself (or a former one)
        kind: Relation = "former" if n.merged(eid) or relation == "former" else "same"
        for f in n.formed_from(eid):
            walk(n.predecessors, f, kind)

    walk(names, uid, "self")
    became = names.records[uid].became
    if became is not None:
        successor = next(
            (
                n
                for n in _lists_for(history, lists)
                if n.predecessors is not None and n.predecessors.origin == names.origin
            ),
            None,
        )
        if successor is not None and became in successor.records:
            rows = tuple(history.of_unit(successor.list_id, became))
            series.append(Series(successor, became, "successor", rows, unit_name))
    return UnitHistory(names, uid, history, tuple(series))


def check_units(history: History, lists: Sequence[EntityNames]) -> None:
    """Every row names a list that exists and a unit of that list (line and id in the message)."""
    by_id = {n.list_id: n for n in lists}
    pc = ProblemCollector()
    for r in history.rows:
        names = by_id.get(r.list)
        if names is None:
            hint = did_you_mean(r.list, by_id)
            pc.add(history.path, f"'{r.list}' is not an entity list{hint}", f"{r.id}.list", r.line)
        elif r.id not in names.records:
            hint = did_you_mean(r.id, names.records)
            pc.add(history.path, f"'{r.id}' is not a unit of {r.list}{hint}", r.id, r.line)
    pc.raise_if_any()


def load_unit_history(
    root: Path, entity: str, family: str = "dti", within: str | None = None
) -> UnitHistory:
    """The history of `entity` in the bundled files of `family` under `root` (criteria/)."""
    paths = history_files(root, family)
    if not paths:
        known = ", ".join(families(root)) or "none"
        raise InputError.one("history", f"no results file for family '{family}' (known: {known})")
    lists = bundled_lists(root)
    last: InputError | None = None
    for path in paths:
        history = load_history(path)
        try:
            return unit_history(entity, history, lists, within)
        except InputError as exc:
            last = exc
    assert last is not None
    raise last


# --- in words ---------------------------------------------------------------------------------


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def move_words(change: int | None, lang: str) -> str:
    """'tăng 1 bậc' / 'giảm 2 bậc' / 'giữ nguyên thứ hạng'; '' when not known."""
    if change is None:
        return ""
    if lang == "vi":
        if change == 0:
            return "giữ nguyên thứ hạng"
        return f"{'tăng' if change > 0 else 'giảm'} {abs(change)} bậc"
    if change == 0:
        return "unchanged"
    k = abs(change)
    return f"{'up' if change > 0 else 'down'} {k} place{'s' if k != 1 else ''}"


def rank_phrase(row: HistoryRow, change: int | None, lang: str = "vi") -> str:
    """'năm 2023 xếp thứ 9/63, tăng 1 bậc' (or '9th of 63 in 2023, up 1 place')."""
    if row.rank is None:
        return ""
    if lang == "vi":
        text = f"năm {row.edition} xếp thứ {row.rank}/{row.of}"
    else:
        text = f"{ordinal(row.rank)} of {row.of} in {row.edition}"
    move = move_words(change, lang)
    return f"{text}, {move}" if move else text


def latest_phrases(uh: UnitHistory, lang: str = "vi") -> list[str]:
    """One sentence per series that has a rank: its latest edition, and how it moved."""
    out = []
    for s in uh.series:
        ranked = [r for r in s.rows if r.rank is not None]
        if not ranked:
            if s.relation == "self":
                none = "chưa có kết quả công bố" if lang == "vi" else "no published result yet"
                out.append(f"{s.label(lang)}: {none}.")
            continue
        row = ranked[-1]
        phrase = rank_phrase(row, s.change(row), lang)
        out.append(f"{s.label(lang)}: {phrase}.")
    return out
