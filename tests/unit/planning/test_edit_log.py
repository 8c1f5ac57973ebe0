"""The edit log owned by Session: groups that survive a crash, a replay linear in the log, and
the scenario left as plain data."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import pytest

from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.scenario import Change, Scenario, load_scenario
from ictscore.planning.planner import plan
from ictscore.planning.session import Session

from ...conftest import SCENARIOS

DEFAULT = SCENARIOS / "bac-giang-so-noi-vu-2021.toml"
ONLINE = "hd_ty_le_nop_truc_tuyen"
FOCUS = "so-noi-vu"


def _plan_changes(s: Session) -> list[Change]:
    changes = plan(s.scenario, draws=0).changes()
    assert len(changes) > 1
    return changes


def test_a_plan_restored_after_a_crash_is_still_one_undo_step(scenario_copy: Path) -> None:
    first = Session.open(load_scenario(scenario_copy))
    first.edit("at_danh_gia_doc_lap", 1)
    before = first.result.rank(FOCUS)
    changes = _plan_changes(first)
    first.record_all(changes)
    after = first.result.rank(FOCUS)
    assert after != before
    # the process dies here; the next session restores the journal
    second = Session.open(load_scenario(scenario_copy))
    pending = second.pending()
    assert pending is not None and pending.edits() == 1 + len(changes)
    assert second.restore(pending) == []
    assert second.result.rank(FOCUS) == after and second.cursor == 2 + len(changes)
    assert second.undo() == changes[0]  # one ctrl+z: the whole plan
    assert second.cursor == 2 and second.result.rank(FOCUS) == before
    assert second.redo() == changes[-1]  # one ctrl+y: all of it again
    assert second.result.rank(FOCUS) == after


def test_the_journal_writes_a_plan_as_one_line(scenario_copy: Path) -> None:
    s = Session.open(load_scenario(scenario_copy))
    changes = _plan_changes(s)
    s.record_all(changes)
    s.undo()
    assert s.journal is not None
    ops = [json.loads(line) for line in s.journal.path.read_text(encoding="utf-8").splitlines()]
    assert [op.get("op") for op in ops[1:]] == ["group", "undo"]  # no half plan after a crash
    assert [c["node"] for c in ops[1]["changes"]] == [c.node for c in changes]


def _change_by_change(engine: Engine, start: Result, changes: list[Change], focus: str) -> Result:
    """The replay as it was: one engine update per change, in order (the reference)."""
    nodes = engine.criteria.nodes
    from ictscore.formats.values import coerce

    result = start
    for c in changes:
        result = engine.update(result, c.entity or focus, c.node, coerce(nodes[c.node], c.value))
    return result


def test_edits_undo_redo_and_focus_agree_with_a_change_by_change_replay() -> None:
    s = Session(load_scenario(DEFAULT))
    rng = random.Random(11)
    cells = [(None, ONLINE), (None, "hd_so_hoa_ho_so"), ("so-tu-phap", ONLINE)]
    for _ in range(300):
        roll = rng.random()
        if roll < 0.5:
            entity, node = rng.choice(cells)
            s.edit(node, rng.choice([0, 10, 30, 30, 55, 100]), entity)
        elif roll < 0.75:
            s.undo()
        elif roll < 0.93:
            s.redo()
        elif roll < 0.97:
            s.set_focus(rng.choice([FOCUS, "so-tu-phap", "so-tai-chinh"]))
        else:
            s.record_all([s.source.make_change(ONLINE, 70), s.source.make_change("hd_ky_so", 90)])
        want = _change_by_change(s.engine, s.baseline, s.applied(), s.focus)
        for node, col in want.scores.items():
            assert s.result.scores[node] == pytest.approx(col, abs=1e-9), node
        assert s.result.ranks == want.ranks


class _Counted:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = Engine.update

        def update(engine: Engine, *args: object) -> Result:
            self.calls += 1
            return real(engine, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(Engine, "update", update)


def _with_log(changes: list[Change]) -> Scenario:
    sc = load_scenario(DEFAULT)
    return dataclasses.replace(sc, file=sc.file.model_copy(update={"change": changes}))


def test_a_long_log_costs_one_engine_update_per_edited_cell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    log = [
        Change(node=node, value=float(k % 90), entity=entity)
        for k in range(5_000)
        for entity, node in [(None, ONLINE), ("so-tu-phap", "hd_so_hoa_ho_so")][k % 2 : k % 2 + 1]
    ]
    counted = _Counted(monkeypatch)
    s = Session(_with_log(log))
    assert counted.calls == 2  # 5,000 changes, two cells
    counted.calls = 0
    s.undo()
    assert counted.calls == 1
    s.edit(ONLINE, 42)
    assert counted.calls == 2
    s.reset_all()
    assert counted.calls == 4  # every edited cell back to the baseline, once
    assert s.result.scores == s.baseline.scores


def test_the_scenario_stays_plain_data(scenario_copy: Path) -> None:
    loaded = load_scenario(scenario_copy)
    s = Session(loaded)
    s.edit(ONLINE, 50)
    s.set_focus("so-tu-phap")
    s.set_target_rank(3)
    assert loaded.applied() == s.source.applied() and len(loaded.applied()) == 1
    assert loaded.focus == FOCUS and loaded.file.target_rank == 5
    view = s.scenario
    assert view.focus == "so-tu-phap" and view.file.target_rank == 3
    assert [c.value for c in view.applied()] == [30.0, 50.0]
    assert view.text == loaded.text and view.disk_hash == loaded.disk_hash
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.path = None  # type: ignore[misc]
    for name in ("record", "undo", "redo", "save", "dirty", "cursor", "annotate"):
        assert not hasattr(loaded, name), name


def test_dirty_means_saving_would_change_the_file() -> None:
    s = Session(load_scenario(DEFAULT))
    s.set_focus("so-tu-phap")
    assert s.dirty
    s.set_focus(FOCUS)
    assert not s.dirty  # back where the file is: nothing to save
    s.set_target_rank(2)
    s.set_target_rank(5)
    assert not s.dirty
    s.undo()
    assert s.dirty
    s.redo()
    assert not s.dirty


def test_save_as_elsewhere_rewrites_paths_and_keeps_every_comment(
    scenario_copy: Path, tmp_path: Path
) -> None:
    text = scenario_copy.read_text(encoding="utf-8")
    s = Session(load_scenario(scenario_copy))
    s.edit("hd_ky_so", 90)
    target = tmp_path / "elsewhere" / "deeper" / "copy.toml"
    target.parent.mkdir(parents=True)
    assert s.save(target) == target
    out = target.read_text(encoding="utf-8")
    comments = [ln for ln in text.splitlines() if "#" in ln and "criteria" not in ln]
    assert [ln for ln in comments if ln not in out] == []
    again = load_scenario(target)  # the relative paths lead to the same files
    assert again.criteria.framework.id == s.source.criteria.framework.id
    assert Session(again).result.scores == s.result.scores
    assert not s.dirty and s.source.path == target
    s.edit("hd_ky_so", 95)
    s.save()  # now saving goes to the copy, whose paths are its own
    assert load_scenario(target).applied()[-1].value == 95.0
    assert scenario_copy.read_text(encoding="utf-8") == text
