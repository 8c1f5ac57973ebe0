"""The scenario file: a framework, a baseline data set, a focus entity and an ordered edit log.

`Scenario` is the file as read (or as last written): plain data that the CLI computes, reports
render and planners start from. Editing it — the log's cursor, undo and redo, the journal,
whether there is anything to save — belongs to `ictscore.planning.session.Session`, and writing
it back to `ictscore.formats.scenario_toml`, so that there is one edit log with one behaviour.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, field_validator

from ictscore.formats.criteria import Criteria, Strict, load_criteria, no_items
from ictscore.formats.dataset import Dataset, InlineData, load_dataset, parse_inline
from ictscore.formats.errors import InputError, ProblemCollector, did_you_mean
from ictscore.formats.kinds import (
    VERSION,
    VERSION_DESCRIPTION,
    check_header,
    kind_check,
    kind_description,
    version_check,
)
from ictscore.formats.lineage import ranked_dataset
from ictscore.formats.message import N_, message_of
from ictscore.formats.plan import MOST_VND, Lever, Peers, Uncertainty, check_plan
from ictscore.formats.reach import node_bounds
from ictscore.formats.tomlfile import load_model, locate, parse_toml
from ictscore.formats.values import Value, coerce
from ictscore.scoring.base import Bounds


class Change(Strict):
    """One edit of the log: one entity's value at one node, with who, when and why."""

    # NaN and infinity get through the schema so that `coerce` refuses them naming the node
    model_config = ConfigDict(allow_inf_nan=True)

    node: str = Field(
        description="Id of the node whose value changes: an indicator, or an aggregate whose "
        "score is then given directly."
    )
    value: float | str | bool = Field(
        description="The new value: a number, a category key, or yes/no (1/0, true/false)."
    )
    entity: str | None = Field(
        default=None, description="Id of the entity whose value changes; the focus when left out."
    )
    note: str | None = Field(default=None, description="Why: the target or the measure behind it.")
    author: str | None = Field(default=None, description="Who made the change (audit trail).")
    date: str | None = Field(
        default=None, description="When, as an ISO date or date-time (a TOML date is accepted)."
    )
    source: str | None = Field(default=None, description="The document the new value rests on.")

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
    """A scenario: a framework, its baseline data, the entity whose plan it is, the levers it
    could fund and the edit log of what-if changes."""

    kind: Annotated[Literal["scenario"] | None, kind_check("scenario")] = Field(
        default=None, description=kind_description("scenario")
    )
    version: Annotated[Literal[1] | None, version_check] = Field(
        default=None, description=VERSION_DESCRIPTION
    )
    name: str | None = Field(
        default=None,
        description="Title shown in the planner and in reports; the file name when left out.",
    )
    criteria: str = Field(description="The criteria file, relative to this file.")
    data: str | InlineData = Field(
        description="The baseline data: a CSV or TOML data file relative to this file, or the "
        "data itself as a [data] table with [[data.entity]] tables."
    )
    entities: str | None = Field(
        default=None,
        description="The entity list to rank (relative to this file) when not the framework's "
        "own: the 63 former provinces or the 34 new ones from the same data file, say.",
    )
    focus: str = Field(description="Id of the entity whose plan this is.")
    notes: str | None = Field(default=None, description="Free text shown with the scenario.")
    target_rank: int | None = Field(
        default=None,
        ge=1,
        description="The rank the focus entity aims for; the planner shows the gap to it.",
    )
    budget: float | None = Field(
        default=None, ge=0, le=MOST_VND, description="VND available for the levers."
    )
    lever: list[Lever] = Field(
        default_factory=no_items,
        description="What the agency could fund, with costs and effects: [[lever]] tables.",
    )
    peers: Peers | None = Field(
        default=None, description="What the other entities are expected to do: [peers]."
    )
    uncertainty: Uncertainty | None = Field(
        default=None, description="Settings of the Monte Carlo: [uncertainty]."
    )
    change: list[Change] = Field(
        default_factory=no_items,
        description="The edit log, applied in order: [[change]] tables.",
    )
    # --- who sends the report: the header and the signature of the .docx (NĐ 30/2020 form);
    # each is optional and the document leaves a dotted blank where one is missing
    agency: str | None = Field(
        default=None, description='The agency that issues the report ("Sở Nội vụ").'
    )
    parent_agency: str | None = Field(
        default=None,
        description='The agency above it, printed over its name ("UBND tỉnh Bắc Giang").',
    )
    place: str | None = Field(
        default=None, description='The place name before the date ("Bắc Giang").'
    )
    report_number: str | None = Field(
        default=None,
        description='What follows "Số:" ("   /BC-SNV": the number is given when the report '
        "is registered).",
    )
    signer: str | None = Field(default=None, description="The name of who signs the report.")
    signer_title: str | None = Field(
        default=None,
        description='The signature\'s heading, one line per line: "KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC".',
    )
    recipients: list[str] | None = Field(
        default=None,
        description='"Nơi nhận:", one entry per line ("Lãnh đạo Sở", "Lưu: VT, CV").',
    )


class ConflictError(Exception):
    """The file on disk changed since it was read; the caller must ask before overwriting."""

    def __init__(self, path: Path) -> None:
        super().__init__(N_("{path} changed on disk since it was opened", path=path))
        self.path = path


@dataclass(frozen=True)
class Scenario:
    """A scenario file as read or last written; frozen, so that only Session changes a plan."""

    path: Path | None
    file: ScenarioFile
    criteria: Criteria
    dataset: Dataset
    text: str = ""
    """The file's text as read ("" for a file not yet written): saving edits this text."""
    disk_hash: str | None = None
    """Fingerprint of the file as read, to notice another writer before overwriting it."""

    @property
    def focus(self) -> str:
        return self.file.focus

    @property
    def name(self) -> str:
        return self.file.name or (self.path.stem if self.path else "scenario")

    def applied(self) -> list[Change]:
        """The file's edit log, in order: every change in a file applies (redo lives in Session)."""
        return list(self.file.change)

    def make_change(
        self, node: str, raw: object, entity: str | None = None, **audit: Any
    ) -> Change:
        """Validate a value typed by a person and return the change that records it."""
        if node not in self.criteria.nodes:
            raise ValueError(
                N_("no node '{node}' in {id}", node=node, id=self.criteria.framework.id)
            )
        if entity is not None and entity not in self.dataset.ids():
            raise ValueError(N_("no entity '{entity}' in the data", entity=entity))
        value = coerce(self.criteria.nodes[node], raw, self.bounds.get(node))
        return Change(node=node, value=value, entity=entity, **audit)

    def value_of(self, change: Change) -> Value:
        return coerce(self.criteria.nodes[change.node], change.value, self.bounds.get(change.node))

    @cached_property
    def bounds(self) -> dict[str, Bounds]:
        """What each node can score: a change on a group is refused beyond it."""
        return node_bounds(self.criteria)

    def entity_of(self, change: Change) -> str:
        return change.entity or self.focus


def relative_path(p: Path, folder: Path) -> str:
    """`p` as a scenario names a file: relative to the scenario's folder, with forward slashes
    (the same text on every system)."""
    return Path(os.path.relpath(p.resolve(), folder.resolve())).as_posix()


def fingerprint(data: bytes) -> str:
    """What `Scenario.disk_hash` holds: equal fingerprints, same bytes on disk."""
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
    import tempfile  # only a save needs it: not imported on the start-up of every command

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
    check_header(path, data, text, "scenario")
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
    bounds = node_bounds(criteria)
    pc = ProblemCollector()
    ids = set(dataset.ids())
    if file.focus not in ids:
        pc.add(
            path,
            N_(
                "focus '{focus}' is not an entity of the data{hint}",
                focus=file.focus,
                hint=did_you_mean(file.focus, ids),
            ),
            "focus",
            locate(text, ("focus",)),
        )
    for i, ch in enumerate(file.change):
        # the line is looked up only for a change in error: locating scans the text, and doing
        # it for every change made loading a long edit log quadratic
        where = f"change[{i + 1}]"
        if ch.node not in criteria.nodes:
            pc.add(
                path,
                N_(
                    "unknown node id '{node}'{hint}",
                    node=ch.node,
                    hint=did_you_mean(ch.node, set(criteria.nodes)),
                ),
                where + ".node",
                locate(text, ("change", i)),
            )
            continue
        if ch.entity is not None and ch.entity not in ids:
            pc.add(
                path,
                N_(
                    "unknown entity id '{entity}'{hint}",
                    entity=ch.entity,
                    hint=did_you_mean(ch.entity, ids),
                ),
                where + ".entity",
                locate(text, ("change", i)),
            )
        try:
            coerce(criteria.nodes[ch.node], ch.value, bounds.get(ch.node))
        except ValueError as exc:
            pc.add(path, message_of(exc), where + ".value", locate(text, ("change", i)))
    if file.target_rank is not None and file.target_rank > len(ids):
        pc.add(
            path,
            N_(
                "target_rank {target_rank} is beyond the {n} entities",
                target_rank=file.target_rank,
                n=len(ids),
            ),
            "target_rank",
            locate(text, ("target_rank",)),
        )
    check_plan(path, text, criteria, file.lever, file.peers, pc)
    pc.raise_if_any()
    return Scenario(
        path,
        file,
        criteria,
        dataset,
        text,
        fingerprint(text.encode("utf-8")) if path.exists() else None,
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
        try:
            target = (base / rel).resolve()
        except (RuntimeError, OSError):  # Python 3.11 says RuntimeError for a symlink loop
            msg = N_(
                "{key} file {rel} is a symbolic link that leads back to itself", key=key, rel=rel
            )
            pc.add(path, msg, key, locate(text, (key,)))
            continue
        if not target.exists():
            msg = N_(
                "{key} file not found: {rel} (looked for {target})",
                key=key,
                rel=rel,
                target=target,
            )
            pc.add(path, msg, key, locate(text, (key,)))
        elif not target.is_file():
            msg = N_("{key} must name a file, but {rel} is a directory", key=key, rel=rel)
            pc.add(path, msg, key, locate(text, (key,)))
    pc.raise_if_any()


def new_scenario(criteria_path: Path, data_path: Path, focus: str | None, target: Path) -> Scenario:
    """A scenario with an empty edit log, from a criteria file and a data file."""
    criteria = load_criteria(criteria_path.resolve())
    dataset = ranked_dataset(load_dataset(data_path.resolve(), criteria), criteria)
    chosen = focus or dataset.entities[0].id
    if chosen not in dataset.ids():
        raise InputError.one(data_path, N_("no entity '{chosen}' in the data", chosen=chosen))
    file = ScenarioFile(
        kind="scenario",
        version=VERSION,
        criteria=relative_path(criteria_path, target.parent),
        data=relative_path(data_path, target.parent),
        focus=chosen,
        name=f"{criteria.framework.name_vi} — {chosen}",
    )
    return Scenario(target, file, criteria, dataset)
