"""The scenario file: a framework, a baseline data set, a focus entity and an ordered edit log.

`Scenario` is the one object that undo/redo, saving, CLI replay and the golden tests share. It
holds the log and a cursor: changes before the cursor are applied, those after it are what redo
brings back. Saving writes only the applied part.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ConfigDict, Field, field_validator

from ictscore.formats.criteria import Criteria, Strict, load_criteria
from ictscore.formats.dataset import Dataset, load_dataset, parse_inline
from ictscore.formats.errors import InputError, ProblemCollector, did_you_mean
from ictscore.formats.lineage import ranked_dataset
from ictscore.formats.plan import Lever, Peers, Uncertainty, check_plan
from ictscore.formats.tomlfile import load_model, locate, parse_toml
from ictscore.formats.values import Value, coerce


class Change(Strict):
    # NaN and infinity get through the schema so that `coerce` refuses them naming the node
    model_config = ConfigDict(allow_inf_nan=True)

    node: str
    value: float | str | bool
    entity: str | None = None
    note: str | None = None
    author: str | None = None
    """Who made the change (audit trail)."""
    date: str | None = None
    """When, as ISO date or date-time text."""
    source: str | None = None
    """The document the new value rests on."""

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: object) -> object:
        if isinstance(v, dt.date | dt.datetime | dt.time):
            return v.isoformat()
        return v

    def audit_text(self) -> str:
        """Why, from what, who and when, in one line ("" when the change carries none)."""
        return "; ".join(x for x in (self.note, self.source, self.author, self.date) if x)


AUDIT_FIELDS = ("note", "source", "author", "date")
"""The parts of a change that say who, when and why; annotating touches only these."""


class ScenarioFile(Strict):
    name: str | None = None
    criteria: str
    data: str | dict[str, Any]
    entities: str | None = None
    """The entity list to rank (relative to this file) when not the framework's own: the 63
    former provinces or the 34 new ones from the same data file, say."""
    focus: str
    notes: str | None = None
    target_rank: int | None = Field(default=None, ge=1)
    budget: float | None = Field(default=None, ge=0)
    """VND available for the levers."""
    lever: list[Lever] = Field(default_factory=list)
    peers: Peers | None = None
    uncertainty: Uncertainty | None = None
    change: list[Change] = Field(default_factory=list)
    # --- who sends the report: the header and the signature of the .docx (NĐ 30/2020 form);
    # each is optional and the document leaves a dotted blank where one is missing
    agency: str | None = None
    """The agency that issues the report ("Sở Nội vụ")."""
    parent_agency: str | None = None
    """The agency above it, printed over its name ("UBND tỉnh Bắc Giang")."""
    place: str | None = None
    """The place name before the date ("Bắc Giang")."""
    report_number: str | None = None
    """What follows "Số:" ("   /BC-SNV": the number is given when the report is registered)."""
    signer: str | None = None
    signer_title: str | None = None
    """The signature's heading, one line per line: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"."""
    recipients: list[str] | None = None
    """"Nơi nhận:", one entry per line ("Lãnh đạo Sở", "Lưu: VT, CV")."""


class ConflictError(Exception):
    """The file on disk changed since it was read; the caller must ask before overwriting."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} changed on disk since it was opened")
        self.path = path


@dataclass
class Scenario:
    path: Path | None
    file: ScenarioFile
    criteria: Criteria
    dataset: Dataset
    changes: list[Change] = field(default_factory=list)
    cursor: int = 0
    text: str = ""
    disk_hash: str | None = None
    saved_cursor_changes: tuple[Change, ...] = ()
    _meta_dirty: bool = False
    """Focus or target rank changed since the last save (they are not edits of the log)."""

    # --- the edit log ----------------------------------------------------------------------

    @property
    def focus(self) -> str:
        return self.file.focus

    @property
    def name(self) -> str:
        return self.file.name or (self.path.stem if self.path else "scenario")

    def applied(self) -> list[Change]:
        return self.changes[: self.cursor]

    def record(self, change: Change) -> None:
        """Append an edit, dropping whatever redo could have brought back."""
        del self.changes[self.cursor :]
        self.changes.append(change)
        self.cursor += 1

    def undo(self) -> Change | None:
        if self.cursor == 0:
            return None
        self.cursor -= 1
        return self.changes[self.cursor]

    def redo(self) -> Change | None:
        if self.cursor >= len(self.changes):
            return None
        self.cursor += 1
        return self.changes[self.cursor - 1]

    @property
    def dirty(self) -> bool:
        return tuple(self.applied()) != self.saved_cursor_changes or self._meta_dirty

    def set_focus(self, entity_id: str) -> None:
        if entity_id not in self.dataset.ids():
            raise ValueError(f"no entity '{entity_id}' in the data")
        self.file = self.file.model_copy(update={"focus": entity_id})
        self._meta_dirty = True

    def set_target_rank(self, rank: int | None) -> None:
        self.file = self.file.model_copy(update={"target_rank": rank})
        self._meta_dirty = True

    def make_change(
        self, node: str, raw: object, entity: str | None = None, **audit: Any
    ) -> Change:
        """Validate a value typed by a person and return the change that records it."""
        if node not in self.criteria.nodes:
            raise ValueError(f"no node '{node}' in {self.criteria.framework.id}")
        if entity is not None and entity not in self.dataset.ids():
            raise ValueError(f"no entity '{entity}' in the data")
        value = coerce(self.criteria.nodes[node], raw)
        return Change(node=node, value=value, entity=entity, **audit)

    def annotate(self, index: int, **audit: str | None) -> Change:
        """Replace the audit trail of change `index` (applied or undone); its value stays.

        An applied change that differs from the saved one makes the scenario dirty.
        """
        unknown = set(audit) - set(AUDIT_FIELDS)
        if unknown:
            raise ValueError(f"not an audit field: {', '.join(sorted(unknown))}")
        if not 0 <= index < len(self.changes):
            raise ValueError(f"no change number {index + 1} in the edit log")
        clean = {k: (v.strip() or None) if isinstance(v, str) else None for k, v in audit.items()}
        new = self.changes[index].model_copy(update=clean)
        self.changes[index] = new
        return new

    def value_of(self, change: Change) -> Value:
        return coerce(self.criteria.nodes[change.node], change.value)

    def entity_of(self, change: Change) -> str:
        return change.entity or self.focus

    # --- saving ----------------------------------------------------------------------------

    def to_toml(self) -> tuple[str, bool]:
        """The file text to save, and whether hand-written comments would be lost by it.

        The part of a hand-written file before its first [[change]] is kept verbatim (with
        `focus` and `target_rank` updated in place), and the change tables are regenerated.
        """
        changes = "".join("\n[[change]]\n" + tomli_w.dumps(_change_dict(c)) for c in self.applied())
        if self.text:
            head, tail = _split_changes(self.text)
            if head is not None:
                head = _set_scalar(head, "focus", self.file.focus)
                head = _set_scalar(head, "target_rank", self.file.target_rank)
                lost = "#" in "".join(_comment_part(ln) for ln in tail.splitlines())
                return head.rstrip("\n") + "\n" + changes, lost
        skip = {"change"} | (set() if self.file.lever else {"lever"})
        body = self.file.model_dump(exclude_none=True, exclude=skip, by_alias=True)
        text = tomli_w.dumps(body) + changes
        lost = bool(self.text) and any(_comment_part(ln) for ln in self.text.splitlines())
        return text, lost

    def save(self, path: Path | None = None, force: bool = False) -> Path:
        """Write atomically; refuse (ConflictError) when the file changed on disk since loading."""
        target = path or self.path
        if target is None:
            raise ValueError("no file name to save to")
        same = self.path is not None and target.resolve() == self.path.resolve()
        if not force and target.exists():
            current = _hash(target.read_bytes())
            if not same or current != self.disk_hash:
                raise ConflictError(target)
        text, _ = self.to_toml() if same else self._relocated(target)
        data = text.encode("utf-8")
        atomic_write(target, data)
        self.path = target
        self.text = text
        self.disk_hash = _hash(data)
        self.saved_cursor_changes = tuple(self.applied())
        self._meta_dirty = False
        return target

    def _relocated(self, target: Path) -> tuple[str, bool]:
        """Save-as to another folder: relative paths are rewritten to stay correct."""
        if self.path is None or target.parent.resolve() == self.path.parent.resolve():
            return self.to_toml()
        base = self.path.parent
        upd: dict[str, Any] = {"criteria": _rel(base / self.file.criteria, target.parent)}
        if isinstance(self.file.data, str):
            upd["data"] = _rel(base / self.file.data, target.parent)
        if self.file.entities is not None:
            upd["entities"] = _rel(base / self.file.entities, target.parent)
        saved_file, saved_text = self.file, self.text
        self.file = self.file.model_copy(update=upd)
        self.text = ""
        try:
            return self.to_toml()
        finally:
            self.file, self.text = saved_file, saved_text


def _rel(p: Path, start: Path) -> str:
    return Path(os.path.relpath(p.resolve(), start.resolve())).as_posix()


def _change_dict(c: Change) -> dict[str, Any]:
    d: dict[str, Any] = {"node": c.node, "value": c.value}
    for k in ("entity", "note", "author", "date", "source"):
        v = getattr(c, k)
        if v is not None:
            d[k] = v
    return d


_HEADER = re.compile(r"^\s*\[")
_CHANGE = re.compile(r"^\s*\[\[\s*change\s*\]\]")


def _split_changes(text: str) -> tuple[str | None, str]:
    lines = text.splitlines(keepends=True)
    first = next((i for i, ln in enumerate(lines) if _CHANGE.match(ln)), None)
    if first is None:
        return text, ""
    tail = lines[first:]
    if any(_HEADER.match(ln) and not _CHANGE.match(ln) for ln in tail):
        return None, ""
    # comments above the first [[change]] (a heading for the log, say) stay with the head:
    # regenerating the change tables must not drop them
    return "".join(lines[:first]), "".join(tail)


def _comment_part(line: str) -> str:
    in_str: str | None = None
    for i, ch in enumerate(line):
        if in_str:
            if ch == in_str:
                in_str = None
        elif ch in "\"'":
            in_str = ch
        elif ch == "#":
            return line[i:]
    return ""


def _set_scalar(head: str, key: str, value: object) -> str:
    pat = re.compile(rf"^{key}\s*=.*$", re.M)
    first_table = re.search(r"^\s*\[", head, re.M)
    limit = first_table.start() if first_table else len(head)
    m = pat.search(head, 0, limit)
    if value is None:
        return head if m is None else head[: m.start()] + head[m.end() + 1 :]
    line = tomli_w.dumps({key: value}).strip()
    if m:
        return head[: m.start()] + line + head[m.end() :]
    return head[:limit] + line + "\n" + head[limit:]


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def atomic_write(target: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file.

    The file keeps the permissions it had (or gets the usual ones for a new file). A target that
    is not a regular file (/dev/null, a pipe) is written to directly: renaming over it would
    replace the device with a file.
    """
    if target.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(target))
    if target.exists() and not target.is_file():
        with open(target, "wb") as fh:
            fh.write(data)
        return
    real = target.resolve() if target.is_symlink() else target
    real.parent.mkdir(parents=True, exist_ok=True)
    if real.exists():
        mode = real.stat().st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_scenario(path: Path, entities: Path | None = None) -> Scenario:
    """Load and check a scenario; `entities` (an entity list) overrides its `entities` key.

    The data set is that of the list ranked: units formed from several are combined from their
    predecessors' rows (formats.lineage), so focus and changes name units of that list.
    """
    data, text = parse_toml(path)
    file, _ = load_model(path, ScenarioFile, data, text)
    file = file.model_copy()
    base = path.parent
    _check_referenced(path, text, base, file)
    criteria = load_criteria((base / file.criteria).resolve())
    if isinstance(file.data, str):
        dataset = load_dataset((base / file.data).resolve(), criteria)
    else:
        dataset = parse_inline(file.data, path, "data", text, criteria)
    if entities is None and file.entities is not None:
        entities = base / file.entities
    dataset = ranked_dataset(dataset, criteria, entities)
    pc = ProblemCollector()
    ids = set(dataset.ids())
    if file.focus not in ids:
        pc.add(
            path,
            f"focus '{file.focus}' is not an entity of the data" + did_you_mean(file.focus, ids),
            "focus",
            locate(text, ("focus",)),
        )
    for i, ch in enumerate(file.change):
        where = f"change[{i + 1}]"
        line = locate(text, ("change", i))
        if ch.node not in criteria.nodes:
            pc.add(
                path,
                f"unknown node id '{ch.node}'" + did_you_mean(ch.node, set(criteria.nodes)),
                where + ".node",
                line,
            )
            continue
        if ch.entity is not None and ch.entity not in ids:
            pc.add(
                path,
                f"unknown entity id '{ch.entity}'" + did_you_mean(ch.entity, ids),
                where + ".entity",
                line,
            )
        try:
            coerce(criteria.nodes[ch.node], ch.value)
        except ValueError as exc:
            pc.add(path, str(exc), where + ".value", line)
    if file.target_rank is not None and file.target_rank > len(ids):
        pc.add(
            path,
            f"target_rank {file.target_rank} is beyond the {len(ids)} entities",
            "target_rank",
            locate(text, ("target_rank",)),
        )
    check_plan(path, text, criteria, file.lever, file.peers, pc)
    pc.raise_if_any()
    changes = list(file.change)
    return Scenario(
        path,
        file,
        criteria,
        dataset,
        changes,
        len(changes),
        text,
        _hash(text.encode("utf-8")) if path.exists() else None,
        tuple(changes),
    )


def _check_referenced(path: Path, text: str, base: Path, file: ScenarioFile) -> None:
    """A missing criteria or data file is reported at the scenario key that names it."""
    pc = ProblemCollector()
    refs = [("criteria", file.criteria)]
    if isinstance(file.data, str):
        refs.append(("data", file.data))
    if file.entities is not None:
        refs.append(("entities", file.entities))
    for key, rel in refs:
        target = (base / rel).resolve()
        line = locate(text, (key,))
        if not target.exists():
            pc.add(path, f"{key} file not found: {rel} (looked for {target})", key, line)
        elif not target.is_file():
            pc.add(path, f"{key} must name a file, but {rel} is a directory", key, line)
    pc.raise_if_any()


def new_scenario(criteria_path: Path, data_path: Path, focus: str | None, target: Path) -> Scenario:
    """A scenario with an empty edit log, from a criteria file and a data file."""
    criteria = load_criteria(criteria_path.resolve())
    dataset = ranked_dataset(load_dataset(data_path.resolve(), criteria), criteria)
    chosen = focus or dataset.entities[0].id
    if chosen not in dataset.ids():
        raise InputError.one(data_path, f"no entity '{chosen}' in the data")
    file = ScenarioFile(
        criteria=_rel(criteria_path, target.parent),
        data=_rel(data_path, target.parent),
        focus=chosen,
        name=f"{criteria.framework.name_vi} — {chosen}",
    )
    return Scenario(
        target, file, criteria, dataset, text="", saved_cursor_changes=(), disk_hash=None
    )
