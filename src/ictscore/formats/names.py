"""Entity names as spreadsheets write them, reduced to one key per entity.

A province appears as "Thừa Thiên - Huế", "Thừa Thiên Huế", "TT-Huế" or "TT Huế", a city with or
without "TP." or "Thành phố", and "Hòa" with the tone mark on either vowel (old and new
placement). Each name is folded to a key (no diacritics, đ → d, no punctuation, no spaces, a
leading administrative prefix removed); a name matches an entity when the keys are equal. Only
equal keys match: a near miss is reported, never guessed, and two entities sharing a key make
that key ambiguous, which is reported too.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field

from ictscore.formats.criteria import Strict, no_items
from ictscore.formats.csvtext import csv_error
from ictscore.formats.errors import InputError, ProblemCollector, did_you_mean
from ictscore.formats.kinds import (
    VERSION_DESCRIPTION,
    check_header,
    kind_check,
    kind_description,
    version_check,
)
from ictscore.formats.message import N_
from ictscore.formats.tomlfile import load_model, locate, parse_toml, read_text

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower case ASCII words: diacritics dropped, đ → d, punctuation to single spaces."""
    if text.isascii():  # nothing to drop or decompose: the same result, without the char loop
        return _NON_WORD.sub(" ", text.lower()).strip()
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return _NON_WORD.sub(" ", bare.lower()).strip()


def name_key(text: str, prefixes: Sequence[str] = ()) -> str:
    """The matching key of a name: folded, one leading prefix word group removed, no spaces."""
    folded = fold(text)
    for p in _folded_prefixes(tuple(prefixes)):
        if p and folded.startswith(p + " ") and len(folded) > len(p) + 1:
            folded = folded[len(p) + 1 :]
            break
    return folded.replace(" ", "")


@functools.lru_cache(maxsize=64)
def _folded_prefixes(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """The prefixes folded, longest first: a list of thousands of names asks for them each time."""
    return tuple(sorted((fold(p) for p in prefixes), key=len, reverse=True))


def slug(text: str) -> str:
    """An id made from a name, for entities that no list knows yet: 'Sở Nội vụ' → 'so-noi-vu'."""
    return fold(text).replace(" ", "-")


class EntityRecord(Strict):
    """One entity with every name it goes by, so that a spreadsheet's name finds its id."""

    id: str = Field(
        pattern=r"^[A-Za-z0-9_.-]+$",
        description="Entity id (letters, digits, '_', '.', '-'), the one data files use.",
    )
    name: str = Field(default="", description="Official name in Vietnamese (e.g. 'TP. Đà Nẵng').")
    name_en: str = Field(default="", description="Name in English.")
    aliases: list[str] = Field(
        default_factory=no_items,
        description="Other ways the name is written that normalising cannot reach: "
        "abbreviations ('TP.HCM'), old names and spellings.",
    )
    source: str | None = Field(default=None, description="Where the name comes from.")
    values: dict[str, Any] | None = Field(
        default=None,
        description="Present when the list is a data file, which can serve as one: ignored here.",
    )

    formed_from: list[str] = Field(
        default_factory=no_items,
        description="Ids, in the list [list].predecessors names, of the units this one was "
        "formed from; an unchanged unit names itself. What lets a ranking of the new units use "
        "data of the old.",
    )
    formed: dt.date | None = Field(
        default=None, description="When the unit was formed from them (the merger's date)."
    )
    ended: dt.date | None = Field(
        default=None,
        description="When this unit stopped existing on its own (it became part of `became`), "
        "or stopped being called so (it goes on as `became`, its own id, under a new name).",
    )
    became: str | None = Field(
        default=None,
        description="The id of the unit (in the successor list) it became part of on `ended`; "
        "its own id when it was renamed.",
    )


class ListInfo(Strict):
    """What the list is and how its names are matched."""

    id: str = Field(description="Id of the list (e.g. 'vn-provinces').")
    name_vi: str = Field(default="", description="Name of the list in Vietnamese.")
    name_en: str = Field(default="", description="Name of the list in English.")
    source: str | None = Field(default=None, description="Where the names come from.")
    prefixes: list[str] = Field(
        default_factory=no_items,
        description='Words that may lead a name and do not distinguish it ("TP.", "Thành phố", '
        '"Tỉnh"): matching ignores them.',
    )
    predecessors: str | None = Field(
        default=None,
        description="The entity list (relative to this file) whose units `formed_from` names.",
    )


class EntityListFile(Strict):
    """An entity list: the entities a framework ranks and the other names they go by."""

    kind: Annotated[Literal["entities"] | None, kind_check("entities")] = Field(
        default=None, description=kind_description("entities")
    )
    version: Annotated[Literal[1] | None, version_check] = Field(
        default=None, description=VERSION_DESCRIPTION
    )
    info: ListInfo | None = Field(
        default=None, alias="list", description="What the list is: the [list] table."
    )
    entity: list[EntityRecord] = Field(
        min_length=1, description="The entities, one [[entity]] table each."
    )


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str


class NameLookupError(LookupError):
    """No entity, or more than one, has this name; the message says which."""


class EntityNames:
    """The entities a framework ranks, found by any of their names."""

    def __init__(
        self,
        records: Iterable[EntityRecord],
        prefixes: Sequence[str] = (),
        origin: str = "",
        info: ListInfo | None = None,
        predecessors: EntityNames | None = None,
    ) -> None:
        self.origin = origin
        self.prefixes = tuple(prefixes)
        self.info = info
        self.predecessors = predecessors
        """The list the units were formed from (`[list].predecessors`), loaded and checked."""
        self.records: dict[str, EntityRecord] = {}
        self._by_key: dict[str, list[str]] = {}
        for rec in records:
            self.records[rec.id] = rec
            for name in (rec.id, rec.name, rec.name_en, *rec.aliases):
                key = name_key(name, self.prefixes)
                if not key:
                    continue
                owners = self._by_key.setdefault(key, [])
                if rec.id not in owners:
                    owners.append(rec.id)

    def ids(self) -> list[str]:
        return list(self.records)

    def name(self, entity_id: str) -> str:
        rec = self.records[entity_id]
        return rec.name or entity_id

    def name_en(self, entity_id: str) -> str:
        return self.records[entity_id].name_en

    @property
    def list_id(self) -> str:
        """The list's own id (`[list].id`), or its file name when it has no `[list]` table."""
        if self.info is not None:
            return self.info.id
        return Path(self.origin).stem if self.origin else ""

    def list_name(self, lang: str = "vi") -> str:
        if self.info is None:
            return self.list_id
        return (self.info.name_vi if lang == "vi" else self.info.name_en) or self.info.id

    def formed_from(self, entity_id: str) -> tuple[str, ...]:
        """The predecessors' ids of a unit (empty when the list says nothing of lineage)."""
        return tuple(self.records[entity_id].formed_from)

    def merged(self, entity_id: str) -> bool:
        """True when the unit is not simply the one predecessor of the same id."""
        ff = self.formed_from(entity_id)
        return bool(ff) and ff != (entity_id,)

    def has_mergers(self) -> bool:
        return any(self.merged(e) for e in self.records)

    def clashes(self) -> dict[str, list[str]]:
        """Keys that more than one entity answers to."""
        return {k: v for k, v in self._by_key.items() if len(v) > 1}

    def match(self, text: str) -> str:
        """The id of the one entity called `text`; NameLookupError when none or several."""
        key = name_key(text, self.prefixes)
        owners = self._by_key.get(key, [])
        if len(owners) == 1:
            return owners[0]
        if owners:
            listed = ", ".join(f"'{o}' ({self.name(o)})" for o in owners)
            raise NameLookupError(N_("'{text}' could be any of {listed}", text=text, listed=listed))
        raise NameLookupError(
            N_("'{text}' is not a known entity{hint}", text=text, hint=self._near(key))
        )

    def with_aliases(self, extra: dict[str, str]) -> EntityNames:
        """A copy that also knows the names a mapping file gives (name → id)."""
        recs = {k: v.model_copy(deep=True) for k, v in self.records.items()}
        for name, eid in extra.items():
            if eid in recs:
                recs[eid] = recs[eid].model_copy(update={"aliases": [*recs[eid].aliases, name]})
        return EntityNames(recs.values(), self.prefixes, self.origin, self.info, self.predecessors)

    def _near(self, key: str) -> str:
        import difflib

        close = difflib.get_close_matches(key, list(self._by_key), n=1, cutoff=0.75)
        if not close:
            return ""
        eid = self._by_key[close[0]][0]
        return N_(
            " (closest: '{name}', id '{id}'; add it as an alias if it is that)",
            name=self.name(eid),
            id=eid,
        )


def load_entity_list(path: Path, _chain: tuple[Path, ...] = ()) -> EntityNames:
    """An entity list TOML (`[list]` + `[[entity]]` with aliases) or a data file (CSV/TOML).

    A list that names its `predecessors` loads that list too and checks the lineage against it,
    so that a ranking which merges data of the old units never meets a half-described merger.
    """
    if path.suffix.lower() == ".csv":
        return _from_csv(path)
    data, text = parse_toml(path)
    if data.get("kind") == "data":
        # a data file names its entities too (`import --entities` takes one): its header is a
        # data file's, and its rows are read as the list
        check_header(path, data, text, "data")
        data = {k: v for k, v in data.items() if k not in ("kind", "version")}
    else:
        check_header(path, data, text, "entities")
    file, _ = load_model(path, EntityListFile, data, text)
    prefixes = file.info.prefixes if file.info else []
    pc = ProblemCollector()
    predecessors = _predecessors(path, text, file, _chain, pc)
    names = EntityNames(file.entity, prefixes, str(path), file.info, predecessors)
    seen: set[str] = set()
    for i, rec in enumerate(file.entity):
        if rec.id in seen:
            pc.add(path, N_("duplicate entity id '{id}'", id=rec.id), f"entity[{i + 1}].id")
        seen.add(rec.id)
    for key, owners in names.clashes().items():
        pc.add(
            path,
            N_(
                "entities {value} share the name key '{key}': a name written that way could not "
                "be told apart",
                value=", ".join(owners),
                key=key,
            ),
            "entity",
            locate(text, ("entity", file.entity.index(names.records[owners[-1]]))),
        )
    _check_own_lineage(path, text, file, pc)
    if predecessors is not None:
        _check_lineage(path, text, file, predecessors, pc)
    pc.raise_if_any()
    return names


def _predecessors(
    path: Path, text: str, file: EntityListFile, chain: tuple[Path, ...], pc: ProblemCollector
) -> EntityNames | None:
    rel = file.info.predecessors if file.info else None
    where = "list.predecessors"
    if rel is None:
        for i, rec in enumerate(file.entity):
            if rec.formed_from:
                pc.add(
                    path,
                    N_(
                        "'{id}' says what it was formed from, but the list does not say which "
                        'list those ids are in: add predecessors = "FILE.toml" to [list]',
                        id=rec.id,
                    ),
                    f"entity[{i + 1}].formed_from",
                    locate(text, ("entity", i, "formed_from")),
                )
                break
        return None
    target = (path.parent / rel).resolve()
    line = locate(text, ("list", "predecessors"))
    if target in (*chain, path.resolve()):
        pc.add(path, N_("predecessors '{rel}' leads back to this list", rel=rel), where, line)
        return None
    if not target.is_file():
        pc.add(
            path,
            N_("predecessors file not found: {rel} (looked for {target})", rel=rel, target=target),
            where,
            line,
        )
        return None
    try:
        return load_entity_list(target, (*chain, path.resolve()))
    except InputError as exc:
        pc.extend(exc.problems)
        return None


def _check_own_lineage(path: Path, text: str, file: EntityListFile, pc: ProblemCollector) -> None:
    """What one list can say about itself: an end has a successor, formed_from no repeats."""
    owner: dict[str, str] = {}
    for i, rec in enumerate(file.entity):
        loc = ("entity", i)
        if (rec.ended is None) != (rec.became is None):
            pc.add(
                path,
                N_(
                    "'{id}' gives {value} without {value2}: say when it ended and what it became",
                    id=rec.id,
                    value="ended" if rec.ended else "became",
                    value2="became" if rec.ended else "ended",
                ),
                f"entity[{i + 1}]",
                locate(text, loc),
            )
        for f in rec.formed_from:
            if f in owner and owner[f] == rec.id:
                msg = N_("'{f}' is listed twice in the formed_from of '{id}'", f=f, id=rec.id)
            elif f in owner:
                msg = N_(
                    "'{f}' is in the formed_from of both '{other}' and '{id}': "
                    "a unit can become part of only one",
                    f=f,
                    other=owner[f],
                    id=rec.id,
                )
            else:
                owner[f] = rec.id
                continue
            pc.add(path, msg, f"entity[{i + 1}].formed_from", locate(text, (*loc, "formed_from")))


def _renamed(
    prev: EntityRecord, rec: EntityRecord, old: EntityNames, prefixes: Sequence[str]
) -> bool:
    """A unit that went on under its id with another name (Thừa Thiên - Huế → TP. Huế): told by
    the names as matching reads them, so "TP. Hà Nội" and "Hà Nội" are one name."""
    if not prev.name or not rec.name:
        return False
    return name_key(prev.name, old.prefixes) != name_key(rec.name, prefixes)


def _check_lineage(
    path: Path, text: str, file: EntityListFile, old: EntityNames, pc: ProblemCollector
) -> None:
    """Every old unit is in exactly one new unit, and the old list says the same of it: a
    merged unit's predecessors and a renamed unit's former self say what they became (the link
    `history` follows forward), and when, if the new unit says when it was formed."""
    old_name = Path(old.origin).name
    prefixes = file.info.prefixes if file.info is not None else ()
    covered: set[str] = set()
    for i, rec in enumerate(file.entity):
        where = f"entity[{i + 1}].formed_from"
        line = locate(text, ("entity", i, "formed_from"))
        if not rec.formed_from:
            pc.add(
                path,
                N_(
                    "'{id}' does not say what it was formed from (an unchanged unit names "
                    'itself: formed_from = ["{id}"])',
                    id=rec.id,
                ),
                f"entity[{i + 1}]",
                locate(text, ("entity", i)),
            )
            continue
        merged = rec.formed_from != [rec.id]
        for f in rec.formed_from:
            covered.add(f)
            if f not in old.records:
                pc.add(
                    path,
                    N_(
                        "'{f}' is not a unit of {old_name}{hint}",
                        f=f,
                        old_name=old_name,
                        hint=did_you_mean(f, old.records),
                    ),
                    where,
                    line,
                )
                continue
            prev = old.records[f]
            if merged and prev.became != rec.id:
                said = (
                    N_("says it became '{became}'", became=prev.became)
                    if prev.became
                    else N_("does not say")
                )
                pc.add(
                    path,
                    N_(
                        "'{id}' was formed from '{f}', but {old_name} {said} (expected became = "
                        '"{id}")',
                        id=rec.id,
                        f=f,
                        old_name=old_name,
                        said=said,
                    ),
                    where,
                    line,
                )
            elif not merged and prev.became not in (None, rec.id):
                pc.add(
                    path,
                    N_(
                        "'{id}' is '{f}' unchanged, but {old_name} says it became '{became}'",
                        id=rec.id,
                        f=f,
                        old_name=old_name,
                        became=prev.became,
                    ),
                    where,
                    line,
                )
            elif not merged and prev.became is None and _renamed(prev, rec, old, prefixes):
                pc.add(
                    path,
                    N_(
                        "'{id}' goes on under a new name ('{old}' → '{new}'), but {old_name} "
                        'does not say so (expected became = "{id}" and ended = the date of the '
                        "new name)",
                        id=rec.id,
                        old=prev.name,
                        new=rec.name,
                        old_name=old_name,
                    ),
                    where,
                    line,
                )
            if prev.ended and rec.formed and prev.ended != rec.formed:
                pc.add(
                    path,
                    N_(
                        "'{f}' ended on {value} in {old_name}, but '{id}' was formed on {value2}",
                        f=f,
                        value=prev.ended.isoformat(),
                        old_name=old_name,
                        id=rec.id,
                        value2=rec.formed.isoformat(),
                    ),
                    f"entity[{i + 1}].formed",
                    locate(text, ("entity", i, "formed")),
                )
    missing = [e for e in old.records if e not in covered]
    if missing:
        pc.add(
            path,
            N_(
                "{n} unit(s) of {old_name} are in no unit's formed_from: {missing}",
                n=len(missing),
                old_name=old_name,
                missing=", ".join(missing),
            ),
            "list.predecessors",
            locate(text, ("list", "predecessors")),
        )


def _from_csv(path: Path) -> EntityNames:
    kept = [
        (n, ln)
        for n, ln in enumerate(read_text(path, table=True).splitlines(), start=1)
        if not ln.lstrip().startswith("#")
    ]
    reader = csv.DictReader(io.StringIO("\n".join(ln for _, ln in kept)))
    try:
        rows = list(reader)
    except csv.Error as exc:  # said at the file's line, the notes counted back in
        line = kept[min(reader.line_num, len(kept)) - 1][0] if kept else None
        raise csv_error(path, exc, line) from None
    if not rows or "id" not in rows[0]:
        raise InputError.one(path, N_("an entity list in CSV needs an 'id' column"))
    recs = [
        EntityRecord(
            id=r["id"].strip(),
            name=(r.get("name") or "").strip(),
            name_en=(r.get("name_en") or "").strip(),
        )
        for r in rows
        if (r.get("id") or "").strip()
    ]
    return EntityNames(recs, (), str(path))
