"""The report states the focus entity's published ranks of past editions, following lineage.

Only when the framework names a results file (`[framework] history`) that ranks the focus
entity; a department's report (no such file) has no heading over nothing.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from ictscore.formats.scenario import load_scenario
from ictscore.presentation import writers
from ictscore.presentation.documents import report_of

from ..conftest import CRITERIA, DEFAULT_SCENARIO, SCENARIOS

BAC_NINH = SCENARIOS / "dti-2024-bac-ninh.toml"

VI = [
    "Bắc Ninh được hình thành ngày 1/7/2025 từ: Bắc Ninh (cũ), Bắc Giang.",
    "Bắc Ninh (cũ): năm 2022 xếp thứ 7/63, giảm 3 bậc so với năm 2021.",
    "Bắc Giang: năm 2023 xếp thứ 9/63, giữ nguyên thứ hạng so với năm 2022.",
]
EN = [
    "Bac Ninh was formed on 1 July 2025 from: Bac Ninh (former), Bac Giang.",
    "Bac Ninh (former): ranked 7 of 63 in 2022, down 3 places since 2021.",
    "Bac Giang: ranked 9 of 63 in 2023, unchanged since 2022.",
]


def _text(path: Path, fmt: str, lang: str) -> str:
    return writers.text(report_of(load_scenario(path)), fmt, lang)


@pytest.mark.parametrize(
    ("lang", "heading", "lines"),
    [("vi", "Thứ hạng qua các năm", VI), ("en", "Rank over the years", EN)],
)
def test_markdown_and_html_state_both_predecessors(
    lang: str, heading: str, lines: list[str]
) -> None:
    md = _text(BAC_NINH, "markdown", lang)
    results, rest = md.split("\n## 2.", 1)  # in section 1, the results
    assert f"### {heading}" in results
    for line in lines:
        assert f"- {line}" in results
    assert (
        "| 2023 | Bắc Giang | 9/63 | = |" in results or "| 2023 | Bac Giang | 9/63 | = |" in results
    )
    assert heading not in rest
    html = _text(BAC_NINH, "html", lang)
    assert f"<h3>{heading}</h3>" in html
    for line in lines:
        assert f"<li>{line}</li>" in html


def test_the_word_report_states_it_in_section_one() -> None:
    data = writers.get("docx").data(report_of(load_scenario(BAC_NINH)), "vi")
    doc = docx.Document(io.BytesIO(data))
    paras = [p.text for p in doc.paragraphs]
    at = paras.index("Thứ hạng qua các năm:")
    assert any(p.startswith("I. ") for p in paras[:at])
    assert paras[at + 1 : at + 5] == [
        f"- {VI[0]}",
        "- Bắc Ninh: chưa có kết quả công bố.",
        f"- {VI[1]}",
        f"- {VI[2]}",
    ]
    assert not any(p.startswith("II.") for p in paras[:at])
    table = next(t for t in doc.tables if t.cell(0, 0).text == "Năm")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert rows[0] == ["2020", "Bắc Ninh (cũ)", "3/63", ""]
    assert rows[-1] == ["2023", "Bắc Giang", "9/63", "="]


def test_no_history_no_heading() -> None:
    """The department's framework names no results file: no history in any format."""
    for fmt in ("markdown", "html"):
        for lang, word in (("vi", "Thứ hạng qua các năm"), ("en", "Rank over the years")):
            assert word not in _text(DEFAULT_SCENARIO, fmt, lang)
    data = writers.get("docx").data(report_of(load_scenario(DEFAULT_SCENARIO)), "vi")
    assert not any("Thứ hạng qua" in p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_a_results_file_that_is_nowhere_gives_no_history(tmp_path: Path) -> None:
    """A framework naming a results file found neither beside it nor bundled: no history."""
    crit = CRITERIA / "vn-dti-2024-province.toml"
    text = crit.read_text(encoding="utf-8")
    text = text.replace('history = "dti-provinces"', 'history = "ict-provinces"')
    lists = (CRITERIA / "entities" / "vn-provinces-2025.toml").as_posix()
    text = text.replace(
        'entity_list = "entities/vn-provinces-2025.toml"', f'entity_list = "{lists}"'
    )
    (tmp_path / "c.toml").write_text(text.replace("#:schema ../schemas/", "#:schema "), "utf-8")
    data = (SCENARIOS / "data" / "dti-2024-provinces-63.csv").as_posix()
    (tmp_path / "s.toml").write_text(
        f'criteria = "c.toml"\ndata = "{data}"\nfocus = "bac-ninh"\n', encoding="utf-8"
    )
    sc = load_scenario(tmp_path / "s.toml")
    assert report_of(sc).model.history is None
    assert "Thứ hạng qua" not in writers.text(report_of(sc), "markdown", "vi")
