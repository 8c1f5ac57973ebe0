"""CSV for Excel on a Vietnamese computer (`;`, decimal commas, BOM) or for programs (plain).

`export` writes a file a person opens, so Vietnamese output gets the Vietnamese style unless
`--csv-style plain`; `compute --format csv` feeds programs and the golden files, so it stays
plain (byte for byte) unless `--csv-style vi`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from ictscore.cli.main import main
from ictscore.formats.sheet import read_grid
from ictscore.presentation.writers.csv_style import BOM, restyle

from ..conftest import ROOT, SCENARIOS

BUNDLED = SCENARIOS / "bac-giang-so-noi-vu-2021.toml"
GOLDEN = ROOT / "tests" / "golden"


def _compute(capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    fmt = [] if "--format" in extra else ["--format", "csv"]  # an option is given once
    assert main(["compute", str(BUNDLED), *fmt, *extra]) == 0
    return capsys.readouterr().out


def _rows(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix(BOM), newline=""), delimiter=delimiter))


def test_export_is_for_vietnamese_excel_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = _compute(capsys)
    out = tmp_path / "r.csv"
    assert main(["export", str(BUNDLED), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid;name;focus;")  # UTF-8 with BOM
    vi, pl = _rows(data.decode("utf-8"), ";"), _rows(plain, ",")
    assert len(vi) == len(pl) > 10 and all(len(a) == len(b) for a, b in zip(vi, pl, strict=True))
    for a, b in zip(vi, pl, strict=True):
        for x, y in zip(a, b, strict=True):  # only the decimal points changed
            assert x == (y.replace(".", ",") if y.replace(".", "").lstrip("-").isdigit() else y)
    focus = next(r for r in vi if r[0] == "so-noi-vu")
    assert focus[1] == "Sở Nội vụ" and focus[5] == "666,0" and focus[3] == "13"
    # what `ictscore import` reads: one column per field, and the comma as the decimal mark
    grid = read_grid(out)
    assert [c.text for c in grid.rows[0][:3]] == ["id", "name", "focus"]
    assert any("semicolon" in n for n in grid.notes)


def test_plain_on_request_and_in_english_is_the_compute_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = _compute(capsys).encode("utf-8")
    assert plain == (GOLDEN / "compute-csv-vi.csv").read_bytes()  # the golden is untouched
    for extra in (["--csv-style", "plain"], ["--lang", "en"]):
        out = tmp_path / "r.csv"
        assert main(["export", str(BUNDLED), "-o", str(out), *extra]) == 0
        assert out.read_bytes() == plain, extra


def test_compute_in_the_vietnamese_style(capsys: pytest.CaptureFixture[str]) -> None:
    vi = _compute(capsys, "--csv-style", "vi")
    assert vi == restyle(_compute(capsys), "vi")
    assert vi.startswith(BOM + "id;name;") and ";666,0;" in vi
    out = _compute(capsys, "--format", "table", "--csv-style", "vi")  # no CSV: nothing to do
    assert ";" not in out.splitlines()[0] and BOM not in out


def test_restyle_changes_only_decimal_numbers() -> None:
    text = (
        'id,name,date,n,x\na,"Hà Nội, cũ",2024-01-05,12,-0.5\n'
        'b,"x;""y""",1.2.3,7,1e-05\nc,,,,2.5e-07\n'
    )
    assert restyle(text, "plain") == text
    assert _rows(restyle(text, "vi"), ";") == [
        ["id", "name", "date", "n", "x"],
        ["a", "Hà Nội, cũ", "2024-01-05", "12", "-0,5"],
        ["b", 'x;"y"', "1.2.3", "7", "1e-05"],
        ["c", "", "", "", "2,5e-07"],
    ]


@pytest.mark.usefixtures("english")
def test_a_wrong_style_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", str(BUNDLED), "-o", str(tmp_path / "r.csv"), "--csv-style", "excel"])
    assert exc.value.code == 2
    assert "invalid choice: 'excel'" in capsys.readouterr().err
    assert not (tmp_path / "r.csv").exists()
