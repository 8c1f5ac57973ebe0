"""Entity lineage as data: the 34 provinces of 1/7/2025 and the 63 they were formed from.

The bundled lists are checked against the reference's reading of Nghị quyết 202/2025/QH15
(tests/data/nq202-2025-lineage.md, matched by name, not by id), and the loader's checks are
exercised on small lists written here, since the mechanism is for any list (departments merged in
2025, communes), not for provinces alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from ictscore.cli.main import main
from ictscore.formats.errors import InputError
from ictscore.formats.names import EntityNames, load_entity_list

from ..conftest import CRITERIA
from .conftest import NEW as NEW_UNITS
from .conftest import OLD as OLD_UNITS
from .conftest import write_lists

NEW = CRITERIA / "entities" / "vn-provinces-2025.toml"
OLD = CRITERIA / "entities" / "vn-provinces.toml"
REFERENCE = Path(__file__).resolve().parent.parent / "data" / "nq202-2025-lineage.md"
MERGER = dt.date(2025, 7, 1)

pytestmark = pytest.mark.usefixtures("english")  # they pin the English errors


@pytest.fixture(scope="module")
def new() -> EntityNames:
    return load_entity_list(NEW)


@pytest.fixture(scope="module")
def old() -> EntityNames:
    return load_entity_list(OLD)


def reference_lineage() -> list[tuple[str, list[str]]]:
    """(new unit's name, [former provinces' names]) as the reference writes them."""
    text = " ".join(REFERENCE.read_text(encoding="utf-8").split())
    body = text.split("check against the resolution):", 1)[1]
    merged_part, unchanged_part = body.split("; unchanged:", 1)
    out = []
    for m in re.finditer(r"\s*([^;()]+?) \(([^()]+)\)", merged_part):
        out.append((m.group(1).strip(), [n.strip() for n in m.group(2).split(",")]))
    unchanged = re.sub(r"\([^)]*\)", "", unchanged_part).rstrip(". ")
    for name in unchanged.split(","):
        out.append((name.strip(), [name.strip()]))
    return out


def test_the_reference_is_read_whole() -> None:
    lineage = reference_lineage()
    assert len(lineage) == 34
    assert sum(len(f) for _, f in lineage) == 63
    assert sum(1 for n, f in lineage if f == [n]) == 11


def test_34_units_23_formed_by_merger_11_unchanged(new: EntityNames) -> None:
    assert len(new.ids()) == 34
    merged = [e for e in new.ids() if new.merged(e)]
    assert len(merged) == 23
    assert all(new.formed_from(e) == (e,) for e in new.ids() if e not in merged)
    assert new.predecessors is not None and new.predecessors.list_id == "vn-provinces"


def test_every_former_province_is_in_exactly_one_new_unit(new: EntityNames, old: EntityNames):
    counts = Counter(f for e in new.ids() for f in new.formed_from(e))
    assert sorted(counts) == sorted(old.ids())
    assert set(counts.values()) == {1}


def test_lineage_matches_the_resolution_for_all_34(new: EntityNames, old: EntityNames) -> None:
    got = {eid: sorted(new.formed_from(eid)) for eid in new.ids()}
    want = {}
    for name, formers in reference_lineage():
        want[new.match(name)] = sorted(old.match(n) for n in formers)
    assert got == want


def test_a_new_unit_keeps_the_id_of_the_province_whose_name_it_keeps(
    new: EntityNames, old: EntityNames
) -> None:
    for eid in new.ids():
        if new.merged(eid):
            assert eid in new.formed_from(eid), eid
            assert new.name(eid) == old.name(eid), eid
    assert new.formed_from("bac-ninh") == ("bac-ninh", "bac-giang")
    assert new.formed_from("da-nang") == ("da-nang", "quang-nam")


def test_new_names_are_known(new: EntityNames) -> None:
    assert new.match("TP. Huế") == new.match("Huế") == "thua-thien-hue"
    assert new.name("thua-thien-hue") == "TP. Huế"
    assert new.match("TP.HCM") == "ho-chi-minh"
    with pytest.raises(LookupError):
        new.match("Bình Dương")  # merged into TP. Hồ Chí Minh: not one of its names


def test_the_former_list_says_when_each_unit_ended_and_what_it_became(
    new: EntityNames, old: EntityNames
) -> None:
    for eid in new.ids():
        for f in new.formed_from(eid):
            rec = old.records[f]
            if new.merged(eid):
                assert (rec.ended, rec.became) == (MERGER, eid), f
            elif eid == "thua-thien-hue":  # renamed: test_hue_was_renamed_not_merged
                assert (rec.ended, rec.became) == (RENAMED, eid), f
            else:
                assert (rec.ended, rec.became) == (None, None), f
    for eid in new.ids():
        rec = new.records[eid]
        assert rec.source and "202/2025/QH15" in rec.source
        dated = MERGER if new.merged(eid) else RENAMED if eid == "thua-thien-hue" else None
        assert rec.formed == dated


RENAMED = dt.date(2025, 1, 1)
"""Thừa Thiên Huế became the centrally-run city of Huế (Nghị quyết 175/2024/QH15)."""


def test_hue_was_renamed_not_merged(new: EntityNames, old: EntityNames) -> None:
    """The former entry links forward as a merged one does, its source cited in the file."""
    was, now = old.records["thua-thien-hue"], new.records["thua-thien-hue"]
    assert (was.ended, was.became) == (RENAMED, "thua-thien-hue")
    assert was.source and "175/2024/QH15" in was.source and "202/2025/QH15" in was.source
    assert (now.formed, now.formed_from) == (RENAMED, ["thua-thien-hue"])
    assert not new.merged("thua-thien-hue")
    assert (was.name, now.name) == ("Thừa Thiên - Huế", "TP. Huế")


def test_a_renamed_unit_the_old_list_says_nothing_of(tmp_path: Path) -> None:
    path = new_list(tmp_path, 'name = "Sở E"', 'name = "Sở Nội vụ"')
    msgs = problems(path)
    assert any(
        "[entity[3].formed_from]: 'so-e' goes on under a new name ('Sở E' → 'Sở Nội vụ'), but "
        'old.toml does not say so (expected became = "so-e" and ended = the date' in m
        for m in msgs
    ), msgs


def test_a_renamed_unit_said_in_both_lists_loads(tmp_path: Path) -> None:
    old = _changed(
        OLD_UNITS, 'name = "Sở E"\n', 'name = "Sở E"\nended = 2025-05-01\nbecame = "so-e"\n'
    )
    new = _changed(NEW_UNITS, 'name = "Sở E"\n', 'name = "Sở Nội vụ"\n')
    names = load_entity_list(write_lists(tmp_path, old=old, new=new))
    assert not names.merged("so-e") and names.name("so-e") == "Sở Nội vụ"
    dated = _changed(new, 'formed_from = ["so-e"]', 'formed_from = ["so-e"]\nformed = 2025-06-01')
    msgs = problems(write_lists(tmp_path, old=old, new=dated))
    assert any(
        "'so-e' ended on 2025-05-01 in old.toml, but 'so-e' was formed on 2025-06-01" in m
        for m in msgs
    ), msgs


def test_a_name_written_another_way_is_no_rename(tmp_path: Path) -> None:
    """What matching takes for one name (diacritics, a prefix) needs no link."""
    new = _changed(NEW_UNITS, 'name = "Sở E"\n', 'name = "SO E"\n')
    assert load_entity_list(write_lists(tmp_path, new=new)).name("so-e") == "SO E"


def test_the_bundled_hue_without_its_link_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bundled lists with the forward link taken out: validate names the file and line."""
    folder = tmp_path / "entities"
    folder.mkdir()
    (folder / NEW.name).write_bytes(NEW.read_bytes())
    text = OLD.read_text("utf-8")
    (folder / OLD.name).write_text(
        _changed(text, 'ended = 2025-01-01\nbecame = "thua-thien-hue"\n', ""), "utf-8"
    )
    assert main(["validate", str(folder / NEW.name)]) == 2
    err = capsys.readouterr().err
    line = next(
        n
        for n, t in enumerate(NEW.read_text("utf-8").splitlines(), 1)
        if t == ('formed_from = ["thua-thien-hue"]')
    )
    assert err.strip() == (
        f"error: {folder / NEW.name}:{line} [entity[25].formed_from]: 'thua-thien-hue' goes on "
        "under a new name ('Thừa Thiên - Huế' → 'TP. Huế'), but vn-provinces.toml does not say "
        'so (expected became = "thua-thien-hue" and ended = the date of the new name)'
    )
    assert main(["validate", str(folder / NEW.name), "--lang", "vi"]) == 2
    assert "'thua-thien-hue' tiếp tục với tên mới ('Thừa Thiên - Huế' → 'TP. Huế'), nhưng " in (
        capsys.readouterr().err
    )


# --- the loader's checks, on any list ---------------------------------------------------------


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as exc:
        load_entity_list(path)
    return [str(p) for p in exc.value.problems]


def _changed(text: str, old: str, new: str) -> str:
    """`text` with `old` replaced, asserting there was one to replace (else the test is void)."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def new_list(tmp_path: Path, old: str, new: str) -> Path:
    return write_lists(tmp_path, new=_changed(NEW_UNITS, old, new))


def old_list(tmp_path: Path, old: str, new: str) -> Path:
    return write_lists(tmp_path, old=_changed(OLD_UNITS, old, new))


def test_a_department_merger_loads(unit_lists: Path) -> None:
    names = load_entity_list(unit_lists)
    assert names.merged("so-ab") and names.merged("so-c") and not names.merged("so-e")
    assert names.has_mergers()
    assert names.records["so-ab"].formed == dt.date(2025, 3, 1)  # the date both lists agree on


def test_a_former_unit_left_out_is_named(tmp_path: Path) -> None:
    msgs = problems(new_list(tmp_path, '["so-a", "so-b"]', '["so-a"]'))
    assert any("are in no unit's formed_from: so-b" in m for m in msgs), msgs


def test_a_unit_in_two_new_units_is_an_error(tmp_path: Path) -> None:
    msgs = problems(new_list(tmp_path, '["so-e"]', '["so-e", "so-b"]'))
    assert any("'so-b' is in the formed_from of both 'so-ab' and 'so-e'" in m for m in msgs), msgs
    assert any("new.toml:" in m and "[entity[3].formed_from]" in m for m in msgs), msgs


def test_the_two_lists_must_agree_on_what_a_unit_became(tmp_path: Path) -> None:
    path = old_list(
        tmp_path,
        'name = "Sở B"\nended = 2025-03-01\nbecame = "so-ab"',
        'name = "Sở B"\nended = 2025-03-01\nbecame = "so-e"',
    )
    msgs = problems(path)
    assert any("says it became 'so-e'" in m and "so-b" in m for m in msgs), msgs


def test_a_merged_unit_the_old_list_says_nothing_of(tmp_path: Path) -> None:
    path = old_list(
        tmp_path, 'name = "Sở C"\nended = 2025-03-01\nbecame = "so-c"\n', 'name = "Sở C"\n'
    )
    msgs = problems(path)
    assert any("'so-c' was formed from 'so-c', but old.toml does not say" in m for m in msgs), msgs


def test_dates_must_agree(tmp_path: Path) -> None:
    msgs = problems(new_list(tmp_path, "formed = 2025-03-01", "formed = 2025-07-01"))
    assert any(
        "ended on 2025-03-01 in old.toml, but 'so-ab' was formed on 2025-07-01" in m for m in msgs
    ), msgs


def test_unknown_former_id_has_a_hint(tmp_path: Path) -> None:
    msgs = problems(new_list(tmp_path, '"so-d"]', '"so-dd"]'))
    assert any("'so-dd' is not a unit of old.toml (did you mean 'so-d'?)" in m for m in msgs), msgs


def test_every_unit_says_what_it_was_formed_from(tmp_path: Path) -> None:
    msgs = problems(new_list(tmp_path, 'formed_from = ["so-e"]\n', ""))
    assert any("'so-e' does not say what it was formed from" in m for m in msgs), msgs


def test_formed_from_needs_a_predecessor_list(tmp_path: Path) -> None:
    msgs = problems(new_list(tmp_path, 'predecessors = "old.toml"\n', ""))
    assert any("add predecessors" in m for m in msgs), msgs


def test_missing_or_circular_predecessors(tmp_path: Path) -> None:
    msgs = problems(new_list(tmp_path, "old.toml", "gone.toml"))
    assert any("predecessors file not found: gone.toml" in m for m in msgs), msgs
    msgs = problems(
        old_list(tmp_path, 'id = "so-2024"', 'id = "so-2024"\npredecessors = "new.toml"')
    )
    assert any("leads back to this list" in m for m in msgs), msgs


def test_an_end_without_a_successor(tmp_path: Path) -> None:
    path = old_list(
        tmp_path,
        'name = "Sở D"\nended = 2025-03-01\nbecame = "so-c"\n',
        'name = "Sở D"\nended = 2025-03-01\n',
    )
    msgs = problems(path)
    assert any("gives ended without became" in m for m in msgs), msgs


def test_validate_reports_lineage_problems_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new_list(tmp_path, '["so-a", "so-b"]', '["so-a"]')
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(r"^error: \S*new\.toml:\d+ \[list\.predecessors\]: 1 unit", err, re.M), err


def test_validate_accepts_the_bundled_lists() -> None:
    assert main(["validate", str(NEW), str(OLD)]) == 0
