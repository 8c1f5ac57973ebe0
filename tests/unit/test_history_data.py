"""A unit's history as data (planning) and in words (presentation), apart.

Planning gives editions, ranks, the number ranked and places moved, with the series each row
belongs to; the sentence is made from those in the reader's language, from the catalogue.
"""

from __future__ import annotations

from ictscore.formats.scenario import load_scenario
from ictscore.planning.history import Standing, focus_history, load_unit_history
from ictscore.presentation.history import latest_lines, rank_phrase, series_label

from ..conftest import CRITERIA, DEFAULT_SCENARIO, ROOT, SCENARIOS


def _bac_ninh() -> list[Standing]:
    return load_unit_history(CRITERIA, "bac-ninh").standings()


def test_standings_are_data_with_their_series() -> None:
    got = [
        (st.edition, st.series.id, st.series.relation, st.rank, st.of, st.change, st.since)
        for st in _bac_ninh()
    ]
    assert got[:4] == [
        (2020, "bac-ninh", "former", 3, 63, None, None),
        (2020, "bac-giang", "former", 10, 63, None, None),
        (2021, "bac-ninh", "former", 4, 63, -1, 2020),
        (2021, "bac-giang", "former", 10, 63, 0, 2020),
    ]
    assert (2023, "bac-giang", "former", 9, 63, 0, 2022) in got
    assert all(isinstance(x, int | None) for row in got for x in row[3:])


def test_a_change_is_never_counted_across_lists() -> None:
    """7th of 63 in 2024 and 17th of 34 in 2025 are not 10 places lost."""
    uh = load_unit_history(CRITERIA, "da-nang")
    new = [st for st in uh.standings() if st.series.relation == "self"]
    assert [(st.edition, st.of, st.change) for st in new] == [(2024, 34, None)]


def test_latest_per_series_keeps_the_unit_without_results() -> None:
    uh = load_unit_history(CRITERIA, "bac-ninh")
    latest = [(s.id, s.relation, None if st is None else st.edition) for s, st in uh.latest()]
    assert latest == [
        ("bac-ninh", "self", None),
        ("bac-ninh", "former", 2022),
        ("bac-giang", "former", 2023),
    ]


def test_the_phrase_in_vietnamese_and_english() -> None:
    by = {(st.edition, st.series.id): st for st in _bac_ninh()}
    bg23, bn21, bg22 = by[(2023, "bac-giang")], by[(2021, "bac-ninh")], by[(2022, "bac-giang")]
    assert rank_phrase(bg23, "vi") == "năm 2023 xếp thứ 9/63, giữ nguyên thứ hạng so với năm 2022"
    assert rank_phrase(bg22, "vi") == "năm 2022 xếp thứ 9/63, tăng 1 bậc so với năm 2021"
    assert rank_phrase(bn21, "vi") == "năm 2021 xếp thứ 4/63, giảm 1 bậc so với năm 2020"
    assert rank_phrase(bg22, "en") == "ranked 9 of 63 in 2022, up 1 place since 2021"
    assert rank_phrase(bn21, "en") == "ranked 4 of 63 in 2021, down 1 place since 2020"
    first = by[(2020, "bac-giang")]
    assert rank_phrase(first, "vi") == "năm 2020 xếp thứ 10/63"


def test_series_are_labelled_in_the_readers_language() -> None:
    uh = load_unit_history(CRITERIA, "bac-ninh")
    assert [series_label(s, "vi") for s in uh.series] == ["Bắc Ninh", "Bắc Ninh (cũ)", "Bắc Giang"]
    assert [series_label(s, "en") for s in uh.series] == [
        "Bac Ninh",
        "Bac Ninh (former)",
        "Bac Giang",
    ]
    assert latest_lines(uh, "en")[0] == "Bac Ninh: no published result yet."


def test_the_focus_history_follows_the_framework_key() -> None:
    bn = focus_history(load_scenario(SCENARIOS / "dti-2024-bac-ninh.toml"))
    assert bn is not None and bn.id == "bac-ninh" and bn.names.list_id == "vn-provinces-2025"
    hue = focus_history(load_scenario(ROOT / "tests" / "data" / "report" / "dti-hue.toml"))
    assert hue is not None and hue.names.list_id == "vn-provinces" and hue.has_ranks()
    # a department's framework names no results file: no history, and no error
    assert focus_history(load_scenario(DEFAULT_SCENARIO)) is None
