"""An editing session on one scenario: the edit log, the live what-if result and the journal.

The TUI is a thin face over this object: every keypress that changes something calls one method
here, which validates, records in `Scenario`, recomputes with the engine's one-value update and
journals the operation. Keeping it free of any UI lets the CLI, tests and a future planner screen
drive the same edits.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.criteria import Indicator
from ictscore.formats.scenario import Change, Scenario
from ictscore.formats.values import Value
from ictscore.planning import audit as audit_trail
from ictscore.planning.journal import Journal, Pending
from ictscore.planning.sweep import Sweep, stepped, sweep
from ictscore.planning.whatif import Projection, WhatIf, replay


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
class PillarRow:
    node: str
    focus: float | None
    leader: float | None
    median: float | None
    above: float | None


class Session:
    def __init__(self, scenario: Scenario, journal: Journal | None = None) -> None:
        self.scenario = scenario
        self.whatif = WhatIf(scenario)
        self.journal = journal
        self._results: list[Result] = [self.whatif.baseline]
        self._groups: dict[int, int] = {}
        """Edits recorded together (a plan): cursor after the group → cursor before it."""

        self.stamp = False
        """True (the TUI): every new edit is signed with `author` and today's date."""
        self.author: str | None = None

    @classmethod
    def open(cls, scenario: Scenario, journal: bool = True) -> Session:
        j = None
        if journal and scenario.path is not None:
            j = Journal.for_scenario(scenario.path, scenario.disk_hash)
        return cls(scenario, j)

    # --- state ---------------------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        return self.whatif.engine

    @property
    def baseline(self) -> Result:
        return self.whatif.baseline

    @property
    def result(self) -> Result:
        """The what-if result at the cursor, computed incrementally and cached per position."""
        sc = self.scenario
        while len(self._results) <= sc.cursor:
            k = len(self._results)
            step = [sc.changes[k - 1]]
            self._results.append(replay(self.engine, self._results[-1], step, sc.focus))
        return self._results[sc.cursor]

    def projection(self) -> Projection:
        sc = self.scenario
        return Projection(sc.name, sc.focus, self.baseline, self.result)

    @property
    def focus(self) -> str:
        return self.scenario.focus

    @property
    def dirty(self) -> bool:
        return self.scenario.dirty

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
        change = self._sign(self.scenario.make_change(node, raw, target, **audit))
        self._record(change)
        return change

    def step(self, node: str, direction: int) -> Change | None:
        """Move an indicator one step; None when it is already at the end of its range."""
        ind = self.scenario.criteria.nodes[node]
        if not isinstance(ind, Indicator):
            raise ValueError(f"'{node}' is computed from its parts; edit an indicator")
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
        n = self.scenario.cursor
        while self.scenario.undo() is not None:
            pass
        if n:
            self._log({"op": "reset_all"})
        return n

    def record_all(self, changes: list[Change]) -> None:
        """Record several edits as one step: a single undo takes them all back."""
        start = self.scenario.cursor
        for ch in changes:
            self._record(self._sign(ch))
        if len(changes) > 1:
            self._groups[self.scenario.cursor] = start

    def _sign(self, change: Change) -> Change:
        """With `stamp` on, an edit carries who and when unless it already says so itself."""
        if not self.stamp:
            return change
        upd = {} if change.date else {"date": audit_trail.today()}
        if change.author is None and self.author:
            upd["author"] = self.author
        return change.model_copy(update=upd) if upd else change

    def annotate(self, index: int, **audit: str | None) -> Change:
        """Set who, when and why on change `index` of the edit log (its value stays)."""
        change = self.scenario.annotate(index, **audit)
        self._log({"op": "annotate", "index": index, "audit": audit})
        return change

    def undo(self) -> Change | None:
        sc = self.scenario
        stop = self._groups.get(sc.cursor, sc.cursor - 1)
        ch = None
        while sc.cursor > stop and (ch := sc.undo()) is not None:
            self._log({"op": "undo"})
        return ch

    def redo(self) -> Change | None:
        sc = self.scenario
        ends = [e for e, s in self._groups.items() if s == sc.cursor]
        stop = max(ends, default=sc.cursor + 1)
        ch = None
        while sc.cursor < stop and (ch := sc.redo()) is not None:
            self._log({"op": "redo"})
        return ch

    def set_focus(self, entity: str) -> None:
        """Change the focus entity; the log's edits without an entity follow the focus."""
        self.scenario.set_focus(entity)
        self._results = [self.baseline]
        self._log({"op": "focus", "entity": entity})

    def set_target_rank(self, rank: int | None) -> None:
        n = len(self.baseline.entity_ids)
        if rank is not None and not 1 <= rank <= n:
            raise ValueError(f"a target rank must be between 1 and {n}")
        self.scenario.set_target_rank(rank)
        self._log({"op": "target", "rank": rank})

    def _record(self, change: Change) -> None:
        sc = self.scenario
        del self._results[sc.cursor + 1 :]
        self._groups = {e: s for e, s in self._groups.items() if e <= sc.cursor}
        sc.record(change)
        self._log({"op": "edit", "change": change.model_dump(exclude_none=True)})

    def _log(self, op: dict[str, Any]) -> None:
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
            audit = dict(op["change"])
            node, value = str(audit.pop("node")), audit.pop("value")
            entity = audit.pop("entity", None)
            self._record(self.scenario.make_change(node, value, entity, **audit))
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
        else:
            raise ValueError(f"unknown operation {kind!r}")

    def discard_journal(self) -> None:
        if self.journal is not None:
            self.journal.discard()

    # --- saving --------------------------------------------------------------------------------

    def save(self, path: Path | None = None, force: bool = False) -> Path:
        """Save atomically (ConflictError when the file changed on disk); the journal goes."""
        old = self.scenario.path
        target = self.scenario.save(path, force=force)
        if self.journal is not None:
            self.journal.discard()
            if old is None or target.resolve() != old.resolve():
                self.journal = Journal.for_scenario(target, self.scenario.disk_hash)
            else:
                self.journal.disk_hash = self.scenario.disk_hash
        return target

    # --- reading the result --------------------------------------------------------------------

    def standing(self, node: str | None = None) -> Standing:
        r, b = self.result, self.baseline
        crit = r.criteria
        nid = node or crit.root
        f = self.focus
        score, rank = r.score(f, nid), r.rank(f, nid)
        above, gap_above = None, None
        if score is not None:
            better = [
                (s, e)
                for e in r.entity_ids
                if e != f and (s := r.score(e, nid)) is not None and s > score + 1e-9
            ]
            if better:
                s, above = min(better)
                gap_above = s - score
        target = self.scenario.file.target_rank
        target_entity, gap_target = None, None
        if target is not None and score is not None:
            order = [e for e in r.order(nid) if r.score(e, nid) is not None]
            others = [e for e in order if e != f]
            if rank is not None and rank <= target:
                gap_target = 0.0
            elif len(others) >= target:
                target_entity = others[target - 1]
                ts = r.score(target_entity, nid)
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
        crit = self.scenario.criteria
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


def _same(a: Value | None, b: Value | None) -> bool:
    if isinstance(a, str) or isinstance(b, str) or a is None or b is None:
        return a == b
    return abs(float(a) - float(b)) <= 1e-12
