"""Lever edits are session state like the edit log's: dirty, undone and redone in the order
they were made among the value edits, journaled and restored after a crash, checked as the
loader checks them, and saved through the tomlkit writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from ictscore.formats.message import Message, message_of
from ictscore.formats.plan import Lever
from ictscore.formats.scenario import load_scenario
from ictscore.planning.journal import Journal
from ictscore.planning.session import Session, check_levers
from ictscore.presentation.numbers import parse_money

ONLINE = "hd_ty_le_nop_truc_tuyen"


def lever(lever_id: str = "tu_van_ung_cuu", **upd: object) -> Lever:
    data: dict[str, object] = {
        "id": lever_id,
        "name_vi": "Thuê tư vấn lập phương án ứng cứu sự cố",
        "name_en": "Incident response plan",
        "cost": 50e6,
        "effect": [{"node": "at_phuong_an_ung_cuu", "set": 1}],
    }
    return Lever.model_validate(data | upd)


def test_a_lever_is_named_in_the_language_asked_for() -> None:
    """One way to name a lever for every list, form and report: Vietnamese, else English."""
    lv = lever()
    assert lv.name("vi") == "Thuê tư vấn lập phương án ứng cứu sự cố"
    assert lv.name("en") == "Incident response plan"


def test_undo_and_redo_follow_the_order_of_the_steps(scenario_copy: Path) -> None:
    s = Session(load_scenario(scenario_copy))
    start = s.levers
    s.edit(ONLINE, 50)  # a value edit, then a lever, then another value edit
    s.put_lever(lever())
    s.edit(ONLINE, 60)
    assert s.dirty and len(s.levers) == len(start) + 1
    assert s.undo().value == 60.0  # type: ignore[union-attr]
    assert s.undo() == lever()
    assert s.levers == start
    assert s.value(ONLINE) == 50.0
    assert s.redo() == lever() and len(s.levers) == len(start) + 1
    assert s.redo().value == 60.0  # type: ignore[union-attr]
    assert s.redo() is None
    s.undo(), s.undo(), s.undo()
    assert not s.dirty and s.levers == start
    # a new step after undoing drops what redo could have brought back, levers included
    s.put_lever(lever("other"))
    assert s.redo() is None


def test_lever_edits_are_checked(scenario_copy: Path) -> None:
    s = Session(load_scenario(scenario_copy))
    with pytest.raises(ValueError, match="unknown indicator"):
        s.put_lever(lever(effect=[{"node": "no_such_node", "set": 1}]))
    with pytest.raises(ValueError, match="used twice"):
        s.put_lever(lever(s.levers[0].id))
    with pytest.raises(ValueError, match="wrong way"):
        s.put_lever(lever(effect=[{"node": ONLINE, "add": -5}]))
    with pytest.raises(ValueError, match="required by"):
        s.remove_lever("pm_ho_so_can_bo")
    assert not s.dirty


def test_the_lever_checks_need_only_the_framework(scenario_copy: Path) -> None:
    """The lever form checks a lever being typed with no Scenario at hand: the framework and
    the levers are enough, and every problem comes back as one message still to translate."""
    sc = load_scenario(scenario_copy)
    check_levers(sc.criteria, sc.file.lever)  # the file's own levers pass
    twice = lever(sc.file.lever[0].id, effect=[{"node": "no_such_node", "set": 1}])
    with pytest.raises(ValueError) as refused:
        check_levers(sc.criteria, [*sc.file.lever, twice])
    msg = message_of(refused.value)
    assert isinstance(msg, Message) and msg.msgid == "{first}; {rest}"
    parts = [msg.params["first"], msg.params["rest"]]
    assert [p.msgid for p in parts] == [
        "lever id '{id}' is used twice",
        "unknown indicator id '{node}'{hint}",
    ]
    assert parts[1].params["node"] == "no_such_node"  # an id: the face names it as it likes


def test_renaming_a_lever_carries_its_prerequisites_along(scenario_copy: Path) -> None:
    s = Session(load_scenario(scenario_copy))
    old = next(lv for lv in s.levers if lv.id == "pm_ho_so_can_bo")
    s.put_lever(old.model_copy(update={"id": "ho_so_can_bo"}), replaces="pm_ho_so_can_bo")
    needing = next(lv for lv in s.levers if lv.id == "csdl_to_chuc_bien_che")
    assert needing.requires == ["ho_so_can_bo"]


def test_the_journal_restores_lever_edits(scenario_copy: Path) -> None:
    sc = load_scenario(scenario_copy)
    journal = Journal(scenario_copy.with_suffix(".journal"), sc.disk_hash)
    s = Session(sc, journal)
    s.put_lever(lever())
    s.remove_lever("danh_gia_attt_doc_lap")
    s.undo()
    pending = journal.pending()
    assert pending is not None
    again = Session(load_scenario(scenario_copy))
    assert again.restore(pending) == []
    assert again.levers == s.levers
    assert again.undo() == lever()  # the restored steps undo as they did before the crash
    assert again.levers == Session(load_scenario(scenario_copy)).levers


def test_saving_writes_the_lever_and_keeps_every_comment(scenario_copy: Path) -> None:
    before = scenario_copy.read_text("utf-8")
    s = Session(load_scenario(scenario_copy))
    s.put_lever(lever())
    s.remove_lever("danh_gia_attt_doc_lap")
    s.save()
    assert not s.dirty
    text = scenario_copy.read_text("utf-8")
    comments = [ln for ln in before.splitlines() if ln.startswith("#")]
    assert [ln for ln in text.splitlines() if ln.startswith("#")] == comments
    assert 'id = "danh_gia_attt_doc_lap"' not in text
    again = load_scenario(scenario_copy)
    assert again.file.lever == list(s.levers)
    # saved again unchanged: the text stays byte for byte
    s.save()
    assert scenario_copy.read_text("utf-8") == text


@pytest.mark.parametrize(
    ("text", "vnd"),
    [
        ("500 triệu", 500e6),
        ("1,2 tỷ", 1.2e9),
        ("2.000.000.000", 2e9),
        ("120 triệu đ", 120e6),
        ("350tr", 350e6),
        ("2 tỷ đồng", 2e9),
        ("12.500.000 đ", 12.5e6),
        ("15 nghìn", 15e3),
    ],
)
def test_money_the_vietnamese_way(text: str, vnd: float) -> None:
    assert parse_money(text) == pytest.approx(vnd)


@pytest.mark.parametrize("text", ["triệu", "một tỷ", "1,2 tỷ tỷ", "-5 triệu"])
def test_money_that_is_not_an_amount(text: str) -> None:
    with pytest.raises(ValueError):
        parse_money(text)


def test_edits_levers_and_focus_changes_undo_newest_first(scenario_copy: Path) -> None:
    """The three kinds of step share one order: undo takes back the newest of any kind, redo
    brings back the oldest undone, and the focus goes where it was at each point."""
    s = Session(load_scenario(scenario_copy))
    home, start, cursor = s.focus, s.levers, s.cursor
    s.edit(ONLINE, 50)
    s.put_lever(lever())
    s.set_focus("so-tu-phap")
    s.edit(ONLINE, 70)  # made for the peer now in focus
    assert s.value(ONLINE, "so-tu-phap") == 70.0 and s.value(ONLINE, home) == 50.0
    s.undo()  # the peer's edit
    assert s.focus == "so-tu-phap" and s.value(ONLINE, home) == 50.0
    s.undo()  # the change of focus
    assert s.focus == home and len(s.levers) == len(start) + 1
    s.undo()  # the lever
    assert s.levers == start and s.value(ONLINE) == 50.0
    s.undo()  # the first edit
    assert s.cursor == cursor and not s.dirty
    s.redo(), s.redo(), s.redo()
    assert s.focus == "so-tu-phap" and len(s.levers) == len(start) + 1
    assert s.value(ONLINE, home) == 50.0
    s.redo()
    assert s.value(ONLINE, "so-tu-phap") == 70.0 and s.redo() is None
