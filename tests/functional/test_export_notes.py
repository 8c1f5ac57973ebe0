"""Every export carries the notes `compute` prints under its table (assumptions, mergers), equal
to compute's word for word: a file must never say less than the terminal did."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl  # a core dependency: the xlsx checks must run, never skip
import pytest

from ictscore.cli.main import main
from ictscore.formats.scenario import load_scenario
from ictscore.planning.whatif import WhatIf
from ictscore.report.export import export_projection

from ..conftest import CRITERIA, SCENARIOS

MERGED = SCENARIOS / "dti-2024-bac-ninh.toml"
"""An assumption of the framework, 23 merged units and a focus formed from two: three notes."""
HEADING = {"vi": "Ghi chú", "en": "Notes"}


def compute_notes(capsys: pytest.CaptureFixture[str], lang: str) -> list[str]:
    """The notes as compute gives them: its JSON's `notes`, which are its table's lines."""
    assert main(["compute", str(MERGED), "--format", "json", "--lang", lang]) == 0
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert main(["compute", str(MERGED), "--lang", lang]) == 0
    table = capsys.readouterr().out
    assert table.endswith("\n".join(f"- {n}" for n in notes) + "\n")
    assert len(notes) == 3
    return list(notes)


def export(tmp_path: Path, ext: str, lang: str, *extra: str) -> Path:
    out = tmp_path / f"r-{lang}.{ext}"
    assert main(["export", str(MERGED), "-o", str(out), "--lang", lang, *extra]) == 0
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_json_export_has_computes_notes_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    want = compute_notes(capsys, lang)
    data = json.loads(export(tmp_path, "json", lang).read_text(encoding="utf-8"))
    assert data["notes"] == want
    bac_ninh = next(e for e in data["entities"] if e["id"] == "bac-ninh")
    assert bac_ninh["formed_from"] == ["bac-ninh", "bac-giang"]  # as compute's JSON marks it


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_markdown_export_has_a_notes_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    want = compute_notes(capsys, lang)
    text = export(tmp_path, "md", lang).read_text(encoding="utf-8")
    section = text.split(f"\n## {HEADING[lang]}\n\n", 1)[1]
    assert section.splitlines() == [f"- {n}" for n in want]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_xlsx_export_has_a_notes_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    want = compute_notes(capsys, lang)
    wb = openpyxl.load_workbook(export(tmp_path, "xlsx", lang))
    assert wb.sheetnames[-1] == HEADING[lang]
    rows = [r for (r,) in wb[HEADING[lang]].iter_rows(values_only=True)]
    assert rows == [HEADING[lang], *want]


def test_no_notes_sheet_when_compute_prints_none(tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    assert main(["export", str(SCENARIOS / "bac-giang-so-noi-vu-2021.toml"), "-o", str(out)]) == 0
    assert "Ghi chú" not in openpyxl.load_workbook(out).sheetnames


@pytest.mark.parametrize(("lang", "style"), [("vi", "vi"), ("en", "plain"), ("vi", "plain")])
def test_csv_export_has_the_notes_in_rows_under_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, style: str
) -> None:
    """Where Excel shows them: below the ranking after a blank row, "Ghi chú" in column A."""
    want = compute_notes(capsys, lang)
    out = export(tmp_path, "csv", lang, "--csv-style", style)
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if style == "vi" else ","))
    blank = rows.index([])
    assert rows[blank - 1][0] == "cao-bang"  # the last of the ranking
    assert rows[blank + 1 :] == [[HEADING[lang], n] for n in want]


def test_csv_export_with_notes_imports_back(tmp_path: Path) -> None:
    """The note rows are what `import` already takes for notes: the file is still data."""
    out, back = export(tmp_path, "csv", "vi"), tmp_path / "back.csv"
    crit = CRITERIA / "vn-dti-2024-province.toml"
    assert main(["import", str(out), "--criteria", str(crit), "-o", str(back)]) == 0
    assert sum(1 for line in back.read_text("utf-8").splitlines() if not line.startswith("#")) == 35


def test_compute_csv_on_standard_output_stays_one_table(capsys: pytest.CaptureFixture[str]) -> None:
    """What programs read: one row per entity, no note rows."""
    assert main(["compute", str(MERGED), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 35 and "" not in lines


def test_export_projection_with_its_scenario_writes_what_export_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    want = compute_notes(capsys, "vi")
    sc = load_scenario(MERGED)
    p = export_projection(WhatIf(sc).project(), tmp_path / "x.json", scenario=sc)
    assert json.loads(p.read_text(encoding="utf-8"))["notes"] == want
    assert p.read_bytes() == export(tmp_path, "json", "vi").read_bytes()
