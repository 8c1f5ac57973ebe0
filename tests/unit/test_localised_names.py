"""Criteria labels as `name = { vi = "...", en = "..." }`, beside the old name_vi/name_en."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ictscore.formats.criteria import Indicator, Source


def _indicator(**names: object) -> Indicator:
    return Indicator.model_validate(
        {"id": "x", **names, "rule": {"type": "direct"}, "range": [0, 1]}
    )


def test_a_name_table_fills_both_and_keeps_every_language() -> None:
    ind = _indicator(name={"vi": "Tỷ lệ", "en": "Rate", "fr": "Taux"})
    assert (ind.name_vi, ind.name_en) == ("Tỷ lệ", "Rate")
    assert ind.name("fr") == "Taux" and ind.name("vi") == "Tỷ lệ"
    assert "names" not in ind.model_dump()  # files written back keep their old form


def test_the_old_form_still_reads() -> None:
    ind = _indicator(name_vi="Tỷ lệ", name_en="Rate")
    assert ind.name("en") == "Rate" and ind.name("fr") == "Rate"


def test_a_name_is_still_required() -> None:
    with pytest.raises(ValidationError):
        _indicator()


def test_a_source_note_in_two_languages() -> None:
    s = Source.model_validate({"title": "QĐ", "note": {"vi": "Ghi chú", "en": "Note"}})
    assert s.note_in("vi") == "Ghi chú" and s.note_in("en") == "Note" and s.note == "Note"
    assert Source(title="QĐ", note="plain").note_in("vi") == "plain"


def test_where_a_file_gives_both_the_two_keys_win_everywhere() -> None:
    """formats.md: name_vi/name_en win over the table; `name(lang)` must say the same."""
    ind = _indicator(name={"vi": "Bảng", "en": "Table", "fr": "Tableau"}, name_vi="Khoá")
    assert ind.name_vi == "Khoá" and ind.name("vi") == "Khoá"
    assert ind.name("en") == "Table" and ind.name("fr") == "Tableau"
