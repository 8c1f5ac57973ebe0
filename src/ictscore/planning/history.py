"""A unit's place in every edition of a ranking, following the lineage of its entity list.

The new Bắc Ninh (1/7/2025) has its own results from DTI 2024 on; before that its history is
that of the two provinces it was formed from, the former Bắc Ninh and Bắc Giang, each ranked
among the 63. This module gathers those series (the unit's own, its predecessors', or for a
former unit what it became) from a history file and the entity lists, and tells where each
stood in every edition and how many places it moved: data for the `history` command, the report
and the planner's chart, which say it in words (`presentation.history`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ictscore.formats.criteria import Criteria
from ictscore.formats.errors import InputError, ProblemCollector, did_you_mean
from ictscore.formats.history import History, HistoryRow, load_history
from ictscore.formats.lineage import framework_list
from ictscore.formats.message import N_, message_of
from ictscore.formats.names import EntityNames, NameLookupError, load_entity_list
from ictscore.formats.scenario import Scenario
from ictscore.formats.tomlfile import locate
from ictscore.resources import bundled_root

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

    @property
    def shares_name(self) -> bool:
        """A predecessor or successor called as the unit is: told apart as former or new."""
        return self.names.name(self.id) == self.unit_name

    def change(self, row: HistoryRow) -> int | None:
        """Places gained since the edition before, in the same list (None if not known)."""
        prev = next((r for r in self.rows if r.edition == row.edition - 1), None)
        if prev is None or prev.rank is None or row.rank is None or prev.of != row.of:
            return None
        return prev.rank - row.rank

    def standings(self) -> tuple[Standing, ...]:
        return tuple(Standing(self, r, self.change(r)) for r in self.rows)

    def latest(self) -> Standing | None:
        """The latest edition that ranked this unit."""
        ranked = [st for st in self.standings() if st.rank is not None]
        return ranked[-1] if ranked else None


@dataclass(frozen=True)
class Standing:
    """One edition of one series: where the unit stood, and how it moved since the edition
    before (in the same list of units: a place among 63 is not compared with one among 34)."""

    series: Series
    row: HistoryRow
    change: int | None
    """Places gained since the edition before (negative: lost); None when not known."""

    @property
    def edition(self) -> int:
        return self.row.edition

    @property
    def rank(self) -> int | None:
        return self.row.rank

    @property
    def of(self) -> int:
        return self.row.of

    @property
    def since(self) -> int | None:
        """The edition the change is counted from."""
        return None if self.change is None else self.row.edition - 1


@dataclass(frozen=True)
class UnitHistory:
    names: EntityNames
    id: str
    history: History
    series: tuple[Series, ...]

    @property
    def name(self) -> str:
        return self.names.name(self.id)

    def standings(self) -> list[Standing]:
        """Every edition of every series, by edition; within one, the unit first, then its
        lineage in order."""
        order = {id(s): k for k, s in enumerate(self.series)}
        rows = [st for s in self.series for st in s.standings()]
        return sorted(rows, key=lambda st: (st.edition, order[id(st.series)]))

    def latest(self) -> list[tuple[Series, Standing | None]]:
        """Per series, its latest ranked edition; a predecessor never ranked is left out, the
        unit itself is kept (None: no published result yet)."""
        out: list[tuple[Series, Standing | None]] = []
        for s in self.series:
            st = s.latest()
            if st is not None or s.relation == "self":
                out.append((s, st))
        return out

    def has_ranks(self) -> bool:
        return any(st.rank is not None for st in self.standings())


ENTITY_ARG, ENTITIES_ARG, FAMILY_ARG = "ENTITY", "--entities", "--family"
"""The arguments of `ictscore history` a refusal names as its place, spelt as its usage line."""


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
    """The list and id of the unit called `entity` (id or any name), newest list first.

    A refusal names the results file looked in and the argument at fault (`ENTITY`, as the
    usage line calls it, or `--entities`), the way a scenario's refusal names its `--node`:
    the file is what was read, the argument the place to correct.
    """
    candidates = _lists_for(history, lists)
    if within is not None:
        candidates = [n for n in candidates if within in (n.list_id, Path(n.origin).stem)]
        if not candidates:
            known = ", ".join(sorted(history.lists()))
            raise InputError.one(
                history.path,
                N_("no list '{list}' in this file (it has: {known})", list=within, known=known),
                ENTITIES_ARG,
            )
    last: str | None = None
    for names in candidates:
        if entity in names.records:
            return names, entity
        try:
            return names, names.match(entity)
        except NameLookupError as exc:
            last = message_of(exc)
    where = ", ".join(Path(n.origin).name for n in candidates) or N_("no entity list")
    raise InputError.one(
        history.path,
        N_("{what} (looked in {where})", what=last or N_("'{name}'", name=entity), where=where),
        ENTITY_ARG,
    )


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
            pc.add(
                history.path,
                N_("'{list}' is not an entity list{hint}", list=r.list, hint=hint),
                f"{r.id}.list",
                r.line,
            )
        elif r.id not in names.records:
            hint = did_you_mean(r.id, names.records)
            pc.add(
                history.path,
                N_("'{id}' is not a unit of {list}{hint}", id=r.id, list=r.list, hint=hint),
                r.id,
                r.line,
            )
    pc.raise_if_any()


def load_unit_history(
    root: Path, entity: str, family: str = "dti", within: str | None = None
) -> UnitHistory:
    """The history of `entity` in the bundled files of `family` under `root` (criteria/)."""
    paths = history_files(root, family)
    if not paths:
        known = ", ".join(families(root)) or N_("none")
        raise InputError.one(
            root / "history",
            N_(
                "no results file for family '{family}' (known: {known})", family=family, known=known
            ),
            FAMILY_ARG,
        )
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


def history_root(criteria: Criteria) -> Path | None:
    """The folder whose history/ holds the framework's results file: beside the criteria
    file, else the bundled criteria; None when the framework names none, or none is found."""
    family = criteria.framework.history
    if family is None:
        return None
    here = [criteria.path.parent] if criteria.path is not None else []
    for root in [*here, bundled_root() / "criteria"]:
        if history_files(root, family):
            return root
    return None


def check_history_key(criteria: Criteria, text: str) -> None:
    """A framework naming a results file that is nowhere is bad input, said at its key (the
    report and the planner would otherwise show no history, silently)."""
    family = criteria.framework.history
    if family is None or history_root(criteria) is not None:
        return
    roots = [criteria.path.parent] if criteria.path is not None else []
    known = sorted(
        {
            p.stem
            for r in [*roots, bundled_root() / "criteria"]
            for p in (r / "history").glob("*.csv")
        }
    )
    raise InputError.one(
        criteria.path or "criteria",
        N_(
            "no results file history/{family}.csv (nor history/{family}-*.csv) beside this "
            "file or bundled{hint}",
            family=family,
            hint=did_you_mean(family, known),
        ),
        "framework.history",
        locate(text, ("framework", "history")),
    )


def ranked_list(scenario: Scenario, entities: Path | None = None) -> str | None:
    """The name (file stem) of the entity list the scenario ranks, to look its focus up in."""
    chosen = entities
    if chosen is None and scenario.file.entities is not None and scenario.path is not None:
        chosen = scenario.path.parent / scenario.file.entities
    if chosen is None:
        chosen = framework_list(scenario.criteria)
    return None if chosen is None else chosen.stem


def focus_history(scenario: Scenario, focus: str | None = None) -> UnitHistory | None:
    """The published history of the focus entity (or of `focus`) in the framework's results
    file; None when the framework names none, or the entity is in none of its lists: a report
    and the planner then show no history, rather than refuse the scenario."""
    root = history_root(scenario.criteria)
    family = scenario.criteria.framework.history
    if root is None or family is None:
        return None
    entity = focus or scenario.focus
    within = ranked_list(scenario)
    lists = bundled_lists(root)
    for path in history_files(root, family):
        history = load_history(path)
        known = {Path(n.origin).stem for n in lists if n.list_id in history.lists()}
        try:
            return unit_history(entity, history, lists, within if within in known else None)
        except InputError:
            continue
    return None
