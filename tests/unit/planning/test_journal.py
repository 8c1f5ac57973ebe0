"""Edits survive a crash: the journal is written as they happen and replayed on reopening."""

from __future__ import annotations

from pathlib import Path

import pytest

from ictscore.formats.scenario import load_scenario
from ictscore.planning.journal import Journal, journal_path
from ictscore.planning.session import Session


def test_journal_lives_beside_a_writable_scenario(scenario_copy: Path) -> None:
    assert journal_path(scenario_copy) == scenario_copy.with_name(
        ".bac-giang-so-noi-vu-2021.toml.journal"
    )


def test_journal_dir_can_be_forced(
    scenario_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ICTSCORE_JOURNAL_DIR", str(tmp_path / "j"))
    p = journal_path(scenario_copy)
    assert p.parent == tmp_path / "j" and p.name.startswith("bac-giang-so-noi-vu-2021-")


def test_a_half_written_last_line_is_ignored(tmp_path: Path) -> None:
    j = Journal(tmp_path / "x.journal", "abc")
    j.append({"op": "undo"})
    j.append({"op": "redo"})
    with (tmp_path / "x.journal").open("a") as fh:
        fh.write('{"op": "edit", "change": {"node"')
    pending = j.pending()
    assert pending is not None
    assert [op["op"] for op in pending.ops] == ["undo", "redo"]
    assert pending.disk_hash == "abc"


def test_crash_then_reopen_restores_every_edit(scenario_copy: Path) -> None:
    s = Session.open(load_scenario(scenario_copy))
    s.undo()
    s.edit("hd_ty_le_nop_truc_tuyen", "20")
    s.edit("nt_hop_ban_chi_dao", "4")
    s.undo()
    s.set_target_rank(3)
    assert s.result.rank(s.focus) == 11
    # the process dies here: nothing saved, the journal stays
    again = Session.open(load_scenario(scenario_copy))
    assert again.result.rank(again.focus) == 10  # the file as saved
    pending = again.pending()
    assert pending is not None and pending.edits() == 2
    assert again.restore(pending) == []
    assert again.result.rank(again.focus) == 11
    assert [c.value for c in again.scenario.applied()] == [20.0]
    assert again.scenario.file.target_rank == 3
    redone = again.redo()  # the undone edit is still there to redo
    assert redone is not None and (redone.node, redone.value) == ("nt_hop_ban_chi_dao", 4.0)
    # 4 meetings score 20 points instead of 10: 696 + 10 = 706, one place up
    assert again.result.score(again.focus) == 706.0 and again.result.rank(again.focus) == 10
    journal = again.pending()  # the restored session journals on: the redo is in it
    assert journal is not None and [op["op"] for op in journal.ops][-1] == "redo"


def test_saving_removes_the_journal(scenario_copy: Path) -> None:
    s = Session.open(load_scenario(scenario_copy))
    s.edit("hd_ty_le_nop_truc_tuyen", "50")
    assert s.journal is not None and s.journal.path.exists()
    s.save()
    assert not s.journal.path.exists()
    assert Session.open(load_scenario(scenario_copy)).pending() is None
