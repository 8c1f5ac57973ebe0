"""The audit trail of the edit log: annotating a change, and edits signed with who and when."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from ictscore.formats.scenario import load_scenario
from ictscore.planning import audit
from ictscore.planning.session import Session

ONLINE = "hd_ty_le_nop_truc_tuyen"


def test_annotating_keeps_the_value_and_saves_the_trail(scenario_copy: Path) -> None:
    s = Session(load_scenario(scenario_copy))
    assert not s.dirty
    before = s.changes[0]
    new = s.annotate(0, note="  Kế hoạch 2022 ", author="Trần Thị B", date="2026-11-20")
    assert s.changes[0] is new and new.value == before.value and new.node == before.node
    assert new.note == "Kế hoạch 2022" and new.source == before.source  # untouched field stays
    assert s.dirty
    s.annotate(0, source="")  # an emptied field is removed
    assert s.changes[0].source is None
    s.save()
    again = load_scenario(scenario_copy).applied()[0]
    assert (again.note, again.author, again.date, again.source) == (
        "Kế hoạch 2022",
        "Trần Thị B",
        "2026-11-20",
        None,
    )


def test_annotating_refuses_what_is_not_an_audit_field(scenario_copy: Path) -> None:
    s = Session(load_scenario(scenario_copy))
    with pytest.raises(ValueError, match="not an audit field: value"):
        s.annotate(0, value="40")
    with pytest.raises(ValueError, match="no change number 2"):
        s.annotate(1, note="x")
    assert not s.dirty


def test_annotating_an_undone_change_leaves_the_file_clean(scenario_copy: Path) -> None:
    s = Session(load_scenario(scenario_copy))
    s.undo()
    s.save()
    s.annotate(0, note="later")  # not applied: the saved file would not change
    assert not s.dirty
    s.redo()
    assert s.dirty and s.applied()[0].note == "later"


def test_signed_session_stamps_author_and_date(
    scenario_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit, "today", lambda: "2026-11-21")
    s = Session(load_scenario(scenario_copy))
    s.edit(ONLINE, "40")
    assert s.scenario.applied()[-1].author is None  # the CLI and tests: nothing added
    s.stamp, s.author = True, "Lê Văn C"
    c1 = s.edit(ONLINE, "50")
    c2 = s.step(ONLINE, 1)
    c3 = s.edit(ONLINE, "60", note="given", author="Someone else")
    assert (c1.author, c1.date) == ("Lê Văn C", "2026-11-21")
    assert c2 is not None and (c2.author, c2.date) == ("Lê Văn C", "2026-11-21")
    assert (c3.author, c3.note) == ("Someone else", "given")  # an explicit author wins
    plan = [s.scenario.make_change(ONLINE, 70), s.scenario.make_change("hd_ky_so", 100)]
    s.record_all(plan)  # the plan screen's levers, applied together: signed as well
    assert [(c.author, c.date) for c in s.scenario.applied()[-2:]] == [
        ("Lê Văn C", "2026-11-21")
    ] * 2


def test_default_author(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(audit.ENV_AUTHOR, "  Phạm Thị D ")
    assert audit.default_author() == "Phạm Thị D"
    monkeypatch.setenv(audit.ENV_AUTHOR, "")
    monkeypatch.setattr(audit.getpass, "getuser", lambda: "pdung")
    assert audit.default_author() == "pdung"

    def no_user() -> str:
        raise OSError("no login name")

    monkeypatch.setattr(audit.getpass, "getuser", no_user)
    assert audit.default_author() is None
    assert audit.today() == datetime.date.today().isoformat()


def test_an_annotation_survives_a_crash(scenario_copy: Path) -> None:
    first = Session.open(load_scenario(scenario_copy))
    first.annotate(0, note="ghi chú mới", author="Trần Thị B", date="2026-11-20")
    # killed here: nothing saved, the journal holds the annotation
    second = Session.open(load_scenario(scenario_copy))
    pending = second.pending()
    assert pending is not None and pending.ops[0]["op"] == "annotate"
    assert second.restore(pending) == []
    c = second.scenario.applied()[0]
    assert (c.note, c.author, c.date) == ("ghi chú mới", "Trần Thị B", "2026-11-20")
    assert c.source is not None and c.source.startswith("Báo cáo Sở Nội vụ 8/2021")
    assert second.dirty
