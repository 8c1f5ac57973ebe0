"""An editing session on one scenario: the edit log, the live what-if result and the journal.

The session is the edit log's one owner. It holds the changes and the cursor (changes before it
apply, those after it are what redo brings back), the undo groups (a plan's edits, undone in
one step), the focus entity and target rank as edited, whether any of it differs from the file,
and the crash journal, which records every operation — groups included — as it happens. The
scenario it was opened on stays plain data (`Scenario`); `session.scenario` is the scenario as
it now stands, for the planners, reports and compare screens that take one.

The TUI is a thin face over this object: every keypress that changes something calls one method
here, which validates, records, recomputes with the engine's one-value update and journals the
operation. `ictscore change` is the headless face of the same methods.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.criteria import Criteria, Indicator
from ictscore.formats.errors import ProblemCollector
from ictscore.formats.message import N_
from ictscore.formats.plan import Lever, check_plan
from ictscore.formats.scenario import AUDIT_FIELDS, Change, Scenario
from ictscore.formats.scenario_toml import save_scenario
from ictscore.formats.values import Value
from ictscore.planning import audit as audit_trail
from ictscore.planning.journal import Journal, Pending
from ictscore.planning.sweep import Sweep, stepped, sweep
from ictscore.planning.whatif import Cell, Projection, replay, settle


@dataclass(frozen=True)
class Standing:
    """Where the focus entity stands at one node, and how far it is from the places above."""

    node: str
    baseline_score: float | None
    score: float | None
    baseline_rank: int | None
    rank: int | None
    above: str | None
    """The entity just above (the next better score), if any."""
    gap_above: float | None
    """Points needed to draw level with it."""
    target_rank: int | None
    target_entity: str | None
    """The entity now holding the target rank."""
    gap_target: float | None
    """Points needed to reach the target rank (0 when already there)."""


@dataclass(frozen=True)
class LeverStep:
    """One edit of the scenario's levers: the list before and after, and when it was made
    (`seq`, shared with the edit log's steps, so undo takes back the latest of either)."""

    seq: int
    before: tuple[Lever, ...]
    after: tuple[Lever, ...]
    lever: Lever
    """The lever added, edited or removed."""


@dataclass(frozen=True)
class PillarRow:
    node: str
    focus: float | None
    leader: float | None
    median: float | None
    above: float | None


@dataclass(frozen=True)
class FocusStep:
    """A change of focus entity, one undoable step of the session like an edit.

    The edits that named no entity were made for the focus of the time: the step pins them to
    it (they record the entity they were made for), so that looking at a peer never moves the
    plan onto the peer. Undoing the step unpins them and gives the old focus back.
    """

    cursor: int
    """The cursor when the focus changed: undo reaches the step there."""
    old: str
    new: str
    pinned: tuple[int, ...]
    """Indices in the edit log of the changes given the old focus as their entity."""
    unpinned: tuple[int, ...] = ()
    """Indices of the changes that named the new focus: like every edit for the focus, they
    name no entity now (so that going back to the file's focus is the file again)."""
    seq: int = 0
    """When it was made, on the count the edits and lever edits share (see `Session`)."""


class Session:
    """The one owner of a scenario's edit log, as the module docstring describes."""

    def __init__(self, scenario: Scenario, journal: Journal | None = None) -> None:
        self.source = scenario
        """The file as read or last saved: what `dirty` compares with and saving edits."""
        self.engine = Engine(scenario.criteria)
        self.baseline = self.engine.compute(scenario.dataset)
        self.journal = journal
        self._edits: list[Change] = scenario.applied()
        self._cursor = len(self._edits)
        self._focus = scenario.focus
        self._target = scenario.file.target_rank
        self._groups: dict[int, int] = {}
        """Edits recorded together (a plan): cursor after the group → cursor before it."""
        self._levers: tuple[Lever, ...] = tuple(scenario.file.lever)
        self._lever_done: list[LeverStep] = []
        self._lever_undone: list[LeverStep] = []
        self._focus_done: list[FocusStep] = []
        self._focus_undone: list[FocusStep] = []
        self._seq = 0
        """Counts undoable steps: edits, lever edits and focus changes share it, in the order
        made, so that undo takes back the latest of any kind and redo the earliest undone."""
        self._edit_seq: dict[int, int] = {}
        """Cursor after an edit-log step → its `seq`."""
        self._reset_from: int | None = None
        """Where `reset_all` moved the cursor from: redo right after it brings all back."""
        self._saved = self._state()
        self._result = replay(self.engine, self.baseline, self._edits, self._focus)
        self._view: Scenario | None = None

        self.stamp = False
        """True (the TUI, `ictscore change`): a new edit is signed with `author` and today."""
        self.author: str | None = None

    @classmethod
    def open(cls, scenario: Scenario, journal: bool = True) -> Session:
        j = None
        if journal and scenario.path is not None:
            j = Journal.for_scenario(scenario.path, scenario.disk_hash)
        return cls(scenario, j)

    # --- state ---------------------------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        """The scenario as it now stands (this session's focus, target rank and applied edits):
        what saving would write, for the planners and reports that take a Scenario."""
        if self._view is None:
            upd = {
                "focus": self._focus,
                "target_rank": self._target,
                "change": self.applied(),
                "lever": list(self._levers),
            }
            self._view = replace(self.source, file=self.source.file.model_copy(update=upd))
        return self._view

    @property
    def result(self) -> Result:
        """The what-if result at the cursor."""
        return self._result

    @property
    def changes(self) -> Sequence[Change]:
        """The whole edit log, the undone changes after the cursor included."""
        return self._edits

    @property
    def cursor(self) -> int:
        """How many changes of the log apply."""
        return self._cursor

    def applied(self) -> list[Change]:
        return self._edits[: self._cursor]

    @property
    def focus(self) -> str:
        return self._focus

    @property
    def target_rank(self) -> int | None:
        return self._target

    @property
    def levers(self) -> tuple[Lever, ...]:
        """The scenario's levers as this session has edited them."""
        return self._levers

    @property
    def dirty(self) -> bool:
        """Whether saving would change the file: the focus, the target, the applied edits or
        the levers."""
        return self._state() != self._saved

    def _state(self) -> tuple[str, int | None, list[Change], tuple[Lever, ...]]:
        return self._focus, self._target, self.applied(), self._levers

    def entity_of(self, change: Change) -> str:
        """The entity a change edits: its own, else the focus."""
        return change.entity or self._focus

    def projection(self) -> Projection:
        return Projection(self.scenario.name, self.focus, self.baseline, self.result)

    def value(self, node: str, entity: str | None = None) -> Value | None:
        return self.result.raw_value(entity or self.focus, node)

    def baseline_value(self, node: str, entity: str | None = None) -> Value | None:
        return self.baseline.raw_value(entity or self.focus, node)

    def edited_nodes(self) -> set[str]:
        """Indicators of the focus entity whose what-if value differs from the baseline."""
        f = self.focus
        return {
            n
            for n, col in self.result.raw.items()
            if col[self.result.index(f)] != self.baseline.raw[n][self.baseline.index(f)]
        }

    # --- edits ---------------------------------------------------------------------------------

    def edit(self, node: str, raw: object, entity: str | None = None, **audit: Any) -> Change:
        """Validate and apply one typed value; ValueError (with a message) leaves all unchanged."""
        target = None if entity in (None, self.focus) else entity
        change = self._sign(self.source.make_change(node, raw, target, **audit))
        self._record([change])
        return change

    def step(self, node: str, direction: int) -> Change | None:
        """Move an indicator one step; None when it is already at the end of its range."""
        ind = self.source.criteria.nodes[node]
        if not isinstance(ind, Indicator):
            raise ValueError(
                N_("'{node}' is computed from its parts; edit an indicator", node=node)
            )
        current = self.value(node)
        new = stepped(ind, current, direction)
        if current is not None and _same(new, current):
            return None
        return self.edit(node, new)

    def reset(self, node: str) -> Change | None:
        """Put one indicator back to its baseline value (an undoable edit)."""
        base = self.baseline_value(node)
        if base is None or _same(base, self.value(node)):
            return None
        return self.edit(node, base, note="reset")

    def reset_all(self) -> int:
        """Undo every applied edit; redo brings them back. Returns how many were undone."""
        n = self._cursor
        if n:
            self._move(0)
            self._reset_from = n
            self._journal({"op": "reset_all"})
        return n

    def record_all(self, changes: list[Change]) -> None:
        """Record several edits as one step: a single undo takes them all back."""
        if changes:
            self._record([self._sign(ch) for ch in changes])

    def _sign(self, change: Change) -> Change:
        """With `stamp` on, an edit carries who and when unless it already says so itself."""
        if not self.stamp:
            return change
        upd = {} if change.date else {"date": audit_trail.today()}
        if change.author is None and self.author:
            upd["author"] = self.author
        return change.model_copy(update=upd) if upd else change

    def annotate(self, index: int, **audit: str | None) -> Change:
        """Set who, when and why on change `index` of the edit log (applied or undone); its value
        stays. An applied change that then differs from the saved one makes the session dirty."""
        unknown = set(audit) - set(AUDIT_FIELDS)
        if unknown:
            raise ValueError(N_("not an audit field: {value}", value=", ".join(sorted(unknown))))
        if not 0 <= index < len(self._edits):
            raise ValueError(N_("no change number {value} in the edit log", value=index + 1))
        clean = {k: (v.strip() or None) if isinstance(v, str) else None for k, v in audit.items()}
        new = self._edits[index].model_copy(update=clean)
        self._edits[index] = new
        self._view = None
        self._journal({"op": "annotate", "index": index, "audit": audit})
        return new

    def undo(self) -> Change | Lever | FocusStep | None:
        """Take back the latest step — an edit or the whole group it ends, a lever edit, or a
        change of focus — and return the first change taken back (or the lever, or the step)."""
        # edits read from the file have no `seq`: older than any step of this session
        last_edit = self._edit_seq.get(self._cursor, 0) if self._cursor else -1
        last_lever = self._lever_done[-1].seq if self._lever_done else -1
        focus = self._focus_done[-1] if self._focus_done else None
        last_focus = focus.seq if focus is not None and focus.cursor == self._cursor else -1
        if max(last_edit, last_lever, last_focus) < 0:
            return None
        if focus is not None and last_focus > max(last_edit, last_lever):
            self._focus_done.pop()
            self._pin(focus.pinned, None)
            self._pin(focus.unpinned, focus.new)
            self._focus = focus.old
            self._focus_undone.append(focus)
            self._journal({"op": "undo"})
            return focus
        if last_lever > last_edit:
            step = self._lever_done.pop()
            self._lever_undone.append(step)
            self._set_levers(step.before)
            self._journal({"op": "undo"})
            return step.lever
        self._reset_from = None
        stop = self._groups.get(self._cursor, self._cursor - 1)
        self._move(stop)
        self._journal({"op": "undo"})
        return self._edits[stop]

    def redo(self) -> Change | Lever | FocusStep | None:
        """Bring back the earliest step undone — an edit or the whole group it starts, a lever
        edit, or a change of focus; the last change brought back (or the lever, or the step)."""
        next_edit = self._edit_seq.get(self._next_stop(), 0) if self._can_redo_edit() else -1
        next_lever = self._lever_undone[-1].seq if self._lever_undone else -1
        focus = self._focus_undone[-1] if self._focus_undone else None
        next_focus = focus.seq if focus is not None and focus.cursor == self._cursor else -1
        waiting = [q for q in (next_edit, next_lever, next_focus) if q >= 0]
        if not waiting:
            return None
        first = min(waiting)
        if focus is not None and first == next_focus and next_focus not in (next_edit, next_lever):
            self._focus_undone.pop()
            self._pin(focus.pinned, focus.old)
            self._pin(focus.unpinned, None)
            self._focus = focus.new
            self._focus_done.append(focus)
            self._journal({"op": "redo"})
            return focus
        if first == next_lever and next_lever != next_edit:
            step = self._lever_undone.pop()
            self._lever_done.append(step)
            self._set_levers(step.after)
            self._journal({"op": "redo"})
            return step.lever
        stop = self._next_stop()
        if self._cursor == 0 and self._reset_from is not None:
            stop = self._reset_from  # undoing every edit was one step: so is bringing them back
        self._reset_from = None
        self._move(stop)
        self._journal({"op": "redo"})
        return self._edits[stop - 1]

    def _can_redo_edit(self) -> bool:
        return self._cursor < len(self._edits)

    def _next_stop(self) -> int:
        ends = [e for e, s in self._groups.items() if s == self._cursor]
        return max(ends, default=self._cursor + 1)

    # --- levers --------------------------------------------------------------------------------

    def put_lever(self, lever: Lever, replaces: str | None = None) -> Lever:
        """Add a lever, or put it in the place of lever `replaces` (an edit; its id may
        change, and the levers requiring the old id then require the new one). ValueError
        when the levers it makes do not hold together (unknown indicator, a loop of
        prerequisites, an id used twice, an `add` the wrong way)."""
        levers = list(self._levers)
        if replaces is None:
            levers.append(lever)
        else:
            at = next((k for k, lv in enumerate(levers) if lv.id == replaces), None)
            if at is None:
                raise ValueError(N_("no lever '{id}'", id=replaces))
            levers[at] = lever
            if lever.id != replaces:
                levers = [
                    lv.model_copy(
                        update={"requires": [lever.id if r == replaces else r for r in lv.requires]}
                    )
                    for lv in levers
                ]
        self._lever_step(tuple(levers), lever)
        return lever

    def remove_lever(self, lever_id: str) -> Lever:
        """Remove a lever; ValueError when another lever requires it (remove that first)."""
        gone = next((lv for lv in self._levers if lv.id == lever_id), None)
        if gone is None:
            raise ValueError(N_("no lever '{id}'", id=lever_id))
        needing = [lv.id for lv in self._levers if lever_id in lv.requires]
        if needing:
            raise ValueError(
                N_("'{id}' is required by {others}", id=lever_id, others=", ".join(needing))
            )
        self._lever_step(tuple(lv for lv in self._levers if lv.id != lever_id), gone)
        return gone

    def _lever_step(self, levers: tuple[Lever, ...], lever: Lever) -> None:
        check_levers(self.source.criteria, levers)
        seq = self._new_step()
        self._lever_done.append(LeverStep(seq, self._levers, levers, lever))
        self._set_levers(levers)
        self._journal(
            {
                "op": "levers",
                "levers": [lv.model_dump(by_alias=True) for lv in levers],
                "lever": lever.id,
            }
        )

    def _set_levers(self, levers: tuple[Lever, ...]) -> None:
        self._levers = levers
        self._view = None

    def set_focus(self, entity: str) -> None:
        """Change the focus entity, as one undoable step: the edits that name no entity keep
        the entity they were made for (the old focus), so the plan stays where it was."""
        if entity not in self.baseline.entity_ids:
            raise ValueError(N_("no entity '{entity}' in the data", entity=entity))
        if entity == self._focus:
            return
        pinned = tuple(i for i, c in enumerate(self._edits) if c.entity is None)
        unpinned = tuple(i for i, c in enumerate(self._edits) if c.entity == entity)
        self._seq += 1
        step = FocusStep(self._cursor, self._focus, entity, pinned, unpinned, self._seq)
        self._pin(pinned, self._focus)
        self._pin(unpinned, None)
        self._focus = entity
        self._focus_done.append(step)
        self._focus_undone.clear()
        self._journal({"op": "focus", "entity": entity})

    def _pin(self, indices: tuple[int, ...], entity: str | None) -> None:
        """Set the entity of the changes at `indices`; what they edit stays the same cells."""
        for i in indices:
            if i < len(self._edits):
                self._edits[i] = self._edits[i].model_copy(update={"entity": entity})
        self._view = None

    def set_target_rank(self, rank: int | None) -> None:
        n = len(self.baseline.entity_ids)
        if rank is not None and not 1 <= rank <= n:
            raise ValueError(N_("a target rank must be between 1 and {n}", n=n))
        self._target = rank
        self._view = None
        self._journal({"op": "target", "rank": rank})

    def _new_step(self) -> int:
        """Begin an undoable step: history is one line, so what redo could have brought back
        (edits after the cursor, lever edits and focus changes undone) is dropped. Its `seq`."""
        start = self._cursor
        self._reset_from = None
        self._focus_undone.clear()
        self._lever_undone.clear()
        # the changes dropped here are no longer the ones a focus step pinned
        self._focus_done = [
            replace(
                st,
                pinned=tuple(i for i in st.pinned if i < start),
                unpinned=tuple(i for i in st.unpinned if i < start),
            )
            for st in self._focus_done
        ]
        del self._edits[start:]
        self._groups = {e: s for e, s in self._groups.items() if e <= start}
        self._edit_seq = {e: q for e, q in self._edit_seq.items() if e <= start}
        self._seq += 1
        return self._seq

    def _record(self, changes: list[Change]) -> None:
        """Append edits at the cursor (dropping what redo could have brought back) as one step."""
        start = self._cursor
        seq = self._new_step()
        self._edits.extend(changes)
        self._cursor += len(changes)
        self._edit_seq[self._cursor] = seq
        if len(changes) > 1:
            self._groups[self._cursor] = start
        self._result = replay(self.engine, self._result, changes, self._focus)
        self._view = None
        dumps = [c.model_dump(exclude_none=True) for c in changes]
        # a group is one line: a crash cannot leave half a plan, and restoring keeps it one step
        op = (
            {"op": "edit", "change": dumps[0]}
            if len(dumps) == 1
            else {"op": "group", "changes": dumps}
        )
        self._journal(op)

    def _move(self, to: int) -> None:
        """Put the cursor at `to`: one engine update per cell the changes in between edit."""
        lo, hi = sorted((self._cursor, to))
        cells = {(self.entity_of(c), c.node) for c in self._edits[lo:hi]}
        self._cursor = to
        self._result = settle(self.engine, self._result, self._values_at(cells))
        self._view = None

    def _values_at(self, cells: set[Cell]) -> dict[Cell, Value | None]:
        """Each cell's value at the cursor: its last applied edit's, else the baseline's."""
        out: dict[Cell, Value | None] = {}
        want = set(cells)
        for k in range(self._cursor - 1, -1, -1):
            if not want:
                break
            ch = self._edits[k]
            cell = (self.entity_of(ch), ch.node)
            if cell in want:
                out[cell] = self.source.value_of(ch)
                want.discard(cell)
        for entity, node in want:
            out[(entity, node)] = self.baseline.inputs[node][self.baseline.index(entity)]
        return out

    def _journal(self, op: dict[str, Any]) -> None:
        if self.journal is not None:
            self.journal.append(op)

    # --- journal -------------------------------------------------------------------------------

    def pending(self) -> Pending | None:
        return None if self.journal is None else self.journal.pending()

    def restore(self, pending: Pending) -> list[str]:
        """Replay a previous session's operations; returns a message for each one refused."""
        if self.journal is not None:
            self.journal.discard()
        problems = []
        for op in pending.ops:
            try:
                self._replay(op)
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(f"{op.get('op')}: {exc}")
        return problems

    def _replay(self, op: dict[str, Any]) -> None:
        kind = op.get("op")
        if kind == "edit":
            self._record([self._journalled(op["change"])])
        elif kind == "group":
            self._record([self._journalled(c) for c in op["changes"]])
        elif kind == "annotate":
            self.annotate(int(op["index"]), **dict(op["audit"]))
        elif kind == "undo":
            self.undo()
        elif kind == "redo":
            self.redo()
        elif kind == "reset_all":
            self.reset_all()
        elif kind == "focus":
            self.set_focus(str(op["entity"]))
        elif kind == "target":
            self.set_target_rank(op["rank"])
        elif kind == "levers":
            levers = tuple(Lever.model_validate(lv) for lv in op["levers"])
            changed = next((lv for lv in levers if lv.id == op.get("lever")), None)
            gone = next((lv for lv in self._levers if lv.id == op.get("lever")), None)
            lever = changed or gone
            if lever is None:
                raise ValueError(N_("no lever '{id}'", id=op.get("lever")))
            self._lever_step(levers, lever)
        else:
            raise ValueError(N_("unknown operation {kind!r}", kind=kind))

    def _journalled(self, change: dict[str, Any]) -> Change:
        """A change as the journal wrote it, validated again (the file may have moved on)."""
        audit = dict(change)
        node, value = str(audit.pop("node")), audit.pop("value")
        entity = audit.pop("entity", None)
        return self.source.make_change(node, value, entity, **audit)

    def discard_journal(self) -> None:
        if self.journal is not None:
            self.journal.discard()

    # --- saving --------------------------------------------------------------------------------

    def save(self, path: Path | None = None, force: bool = False) -> Path:
        """Save atomically (ConflictError when the file changed on disk); the journal goes."""
        old = self.source.path
        self.source = save_scenario(self.source, self.scenario.file, path, force=force)
        self._saved = self._state()
        self._view = None
        target = self.source.path
        assert target is not None
        if self.journal is not None:
            self.journal.discard()
            if old is None or target.resolve() != old.resolve():
                self.journal = Journal.for_scenario(target, self.source.disk_hash)
            else:
                self.journal.disk_hash = self.source.disk_hash
        return target

    # --- reading the result --------------------------------------------------------------------

    def standing(self, node: str | None = None) -> Standing:
        r, b = self.result, self.baseline
        crit = r.criteria
        nid = node or crit.root
        f = self.focus
        score, rank = r.score(f, nid), r.rank(f, nid)
        above, gap_above = None, None
        scores = r.scores[nid]  # read as one column: this runs on every key in the planner
        if score is not None:
            better = [
                (s, e)
                for e, s in zip(r.entity_ids, scores, strict=True)
                if e != f and s is not None and s > score + 1e-9
            ]
            if better:
                s, above = min(better)
                gap_above = s - score
        target = self._target
        target_entity, gap_target = None, None
        if target is not None and score is not None:
            if rank is not None and rank <= target:
                gap_target = 0.0
            else:
                # the target-th other entity in rank order, read no further than it
                others = (e for e in r.order(nid) if e != f and scores[r.index(e)] is not None)
                target_entity = next(itertools.islice(others, target - 1, None), None)
                ts = None if target_entity is None else r.score(target_entity, nid)
                gap_target = None if ts is None else max(0.0, ts - score)
        return Standing(
            nid,
            b.score(f, nid),
            score,
            b.rank(f, nid),
            rank,
            above,
            gap_above,
            target,
            target_entity,
            gap_target,
        )

    def pillars(self) -> list[str]:
        """The root's children, then any other top-level node (DTI's three pillars)."""
        crit = self.source.criteria
        root = crit.nodes[crit.root]
        out = [ch.node for ch in getattr(root, "children", [])]
        out += [n for n in crit.order if not crit.parents[n] and n != crit.root and n not in out]
        return out

    def pillar_rows(self) -> list[PillarRow]:
        """The focus entity's pillar scores against the leader, the median and the one above."""
        r = self.result
        root = r.criteria.root
        leader = r.order(root)[0]
        above = self.standing().above
        rows = []
        for n in self.pillars():
            col = [s for s in r.scores[n] if s is not None]
            rows.append(
                PillarRow(
                    n,
                    r.score(self.focus, n),
                    r.score(leader, n),
                    statistics.median(col) if col else None,
                    None if above is None else r.score(above, n),
                )
            )
        return rows

    def sweep(self, node: str) -> Sweep:
        return sweep(self.engine, self.result, self.focus, node)


def check_levers(criteria: Criteria, levers: Sequence[Lever]) -> None:
    """The loader's cross-checks of levers against the framework and each other, for whoever
    changes levers after loading (the session, and the lever form before it gives a lever back
    so that a refusal keeps what was typed): ValueError with every problem found, as one
    `Message` a face translates (naming nodes as it likes)."""
    pc = ProblemCollector()
    check_plan("", "", criteria, list(levers), None, pc)
    if pc.problems:
        raise ValueError(_joined([p.message for p in pc.problems]))


def _joined(messages: list[str]) -> str:
    """Several refusals as one message that still translates part by part."""
    if len(messages) == 1:
        return messages[0]
    return N_("{first}; {rest}", first=messages[0], rest=_joined(messages[1:]))


def _same(a: Value | None, b: Value | None) -> bool:
    if isinstance(a, str) or isinstance(b, str) or a is None or b is None:
        return a == b
    return abs(float(a) - float(b)) <= 1e-12
