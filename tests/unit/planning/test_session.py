"""Every edit of the planner goes through Session: validated, logged, recomputed."""

from __future__ import annotations

from pathlib import Path

import pytest

from ictscore.formats.scenario import ConflictError, load_scenario
from ictscore.planning.session import Session

from ...conftest import SCENARIOS

DEFAULT = SCENARIOS / "bac-giang-so-noi-vu-2021.toml"
ONLINE = "hd_ty_le_nop_truc_tuyen"


@pytest.fixture
def session() -> Session:
    s = Session(load_scenario(DEFAULT))
    s.reset_all()
    return s


def test_edit_moves_the_rank(session: Session) -> None:
    assert session.result.rank("so-noi-vu") == 13
    session.edit(ONLINE, "30")
    assert session.result.rank("so-noi-vu") == 10
    assert session.result.score("so-noi-vu") == pytest.approx(711.0)
    assert session.dirty


def test_refused_values_change_nothing(session: Session) -> None:
    for bad in ("abc", "130", "-1", "nan"):
        with pytest.raises(ValueError):
            session.edit(ONLINE, bad)
    assert session.cursor == 0
    assert session.result.rank("so-noi-vu") == 13


def test_undo_redo_walk_the_log(session: Session) -> None:
    session.edit(ONLINE, "20")
    session.edit(ONLINE, "30")
    assert session.result.rank("so-noi-vu") == 10
    session.undo()
    assert session.result.rank("so-noi-vu") == 11
    session.undo()
    assert session.result.rank("so-noi-vu") == 13
    assert session.undo() is None
    session.redo()
    session.redo()
    assert session.result.rank("so-noi-vu") == 10
    assert session.redo() is None


def test_step_and_reset(session: Session) -> None:
    session.step("ht_may_tinh_dat_chuan", 1)
    assert session.value("ht_may_tinh_dat_chuan") == 35.0
    assert session.edited_nodes() == {"ht_may_tinh_dat_chuan"}
    session.reset("ht_may_tinh_dat_chuan")
    assert session.value("ht_may_tinh_dat_chuan") == 30.0
    assert session.edited_nodes() == set()
    assert session.reset("ht_may_tinh_dat_chuan") is None
    with pytest.raises(ValueError):
        session.step("tong_diem", 1)


def test_reset_all_is_undo_all(session: Session) -> None:
    session.edit(ONLINE, "30")
    session.edit("nt_hop_ban_chi_dao", "4")
    assert session.reset_all() == 2
    assert session.result.rank("so-noi-vu") == 13
    session.redo()
    assert session.value(ONLINE) == 30.0


def test_standing_gaps(session: Session) -> None:
    st = session.standing()
    assert (st.baseline_rank, st.rank) == (13, 13)
    assert st.above == "so-ke-hoach-dau-tu"
    assert st.gap_above == pytest.approx(15.6)
    assert st.target_rank == 5 and st.target_entity == "van-phong-ubnd"
    assert st.gap_target == pytest.approx(110.375)
    session.set_target_rank(13)
    assert session.standing().gap_target == 0.0
    with pytest.raises(ValueError):
        session.set_target_rank(40)


def test_pillars_against_leader_median_and_above(session: Session) -> None:
    rows = {r.node: r for r in session.pillar_rows()}
    assert next(iter(rows)) == "nhan_thuc_so" and len(rows) == 6
    assert rows["nhan_thuc_so"].focus == pytest.approx(77.5)
    assert rows["the_che_so"].leader == pytest.approx(100.0)


def test_focus_switch(session: Session) -> None:
    session.set_focus("so-tu-phap")
    assert session.standing().rank == 17
    with pytest.raises(ValueError):
        session.set_focus("nobody")


def test_save_conflict(scenario_copy: Path) -> None:
    s = Session.open(load_scenario(scenario_copy))
    s.edit(ONLINE, "40")
    scenario_copy.write_text(scenario_copy.read_text() + "\n# touched\n")
    with pytest.raises(ConflictError):
        s.save()
    s.save(force=True)
    assert "value = 40.0" in scenario_copy.read_text()


def test_a_plan_is_one_undo_step(session: Session) -> None:
    """record_all: the plan's edits go and come back together; a later edit is its own step."""
    from ictscore.planning.planner import plan

    session.edit("at_danh_gia_doc_lap", 1)
    rep = plan(session.scenario, draws=0)
    changes = rep.changes()
    assert len(changes) > 1
    session.record_all(changes)
    assert session.result.rank("so-noi-vu") == rep.outcome.rank
    assert session.undo() == changes[0]
    assert session.cursor == 1
    assert session.redo() == changes[-1]
    assert session.cursor == 1 + len(changes)
    session.edit(ONLINE, "100")
    session.undo()
    assert session.cursor == 1 + len(changes)  # only the single edit went
    session.undo()
    session.undo()
    assert session.cursor == 0
