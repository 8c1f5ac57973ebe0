"""Exports by extension, and the round trip import → compute → export → import."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl  # a core dependency: the xlsx checks must run, never skip
import pytest

from ictscore.cli.main import main
from ictscore.formats.criteria import load_criteria
from ictscore.formats.dataset import load_csv
from ictscore.formats.scenario import load_scenario
from ictscore.planning.whatif import WhatIf
from ictscore.report.export import export_projection

from ..conftest import CRITERIA, ROOT, SCENARIOS

BUNDLED = SCENARIOS / "bac-giang-so-noi-vu-2021.toml"
DTI = CRITERIA / "vn-dti-2022-province.toml"
MESSY = ROOT / "tests" / "data" / "import" / "dti-2022-tinh.csv"


def test_export_each_format(tmp_path: Path) -> None:
    for ext in ("csv", "json", "md", "xlsx"):
        assert main(["export", str(BUNDLED), "-o", str(tmp_path / f"r.{ext}")]) == 0
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["focus"]["scenario"]["rank"] == 10
    assert data["changes"][0]["source"].startswith("Báo cáo Sở Nội vụ 8/2021")
    # for Excel on a Vietnamese computer (tests/functional/test_csv_style.py has the rest)
    assert (tmp_path / "r.csv").read_text(encoding="utf-8").startswith("\ufeffid;name;focus;")
    assert "| Tiêu chí |" in (tmp_path / "r.md").read_text(encoding="utf-8")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == ["Xếp hạng", "Đơn vị trọng tâm", "Dữ liệu", "Thay đổi", "Nguồn"]
    ranking = list(wb["Xếp hạng"].iter_rows(values_only=True))
    assert ranking[0][:4] == ("Hạng", "Thay đổi hạng", "id", "Tên")
    nv = next(r for r in ranking if r[2] == "so-noi-vu")
    assert nv[0] == 10 and nv[1] == 3 and nv[4] == pytest.approx(711.0)
    changes = list(wb["Thay đổi"].iter_rows(values_only=True))
    assert changes[1][0] == "hd_ty_le_nop_truc_tuyen" and changes[1][3] == 30
    assert changes[1][5].startswith("Báo cáo Sở Nội vụ 8/2021")


def test_export_in_english(tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    assert main(["export", str(BUNDLED), "-o", str(out), "--lang", "en"]) == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == "Ranking"


@pytest.mark.usefixtures("english")
def test_unknown_extension_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.pdf"
    assert main(["export", str(BUNDLED), "-o", str(out)]) == 2
    assert "use .csv, .json, .md or .xlsx" in capsys.readouterr().err
    assert not out.exists()


def test_export_projection_is_callable_without_the_cli(tmp_path: Path) -> None:
    sc = load_scenario(BUNDLED)
    p = export_projection(WhatIf(sc).project(), tmp_path / "x.md", sc.applied(), "en")
    assert p.read_text(encoding="utf-8").startswith("# Bắc Giang department")


def _scenario(tmp: Path, data: Path) -> Path:
    s = tmp / "s.toml"
    s.write_text(
        f'criteria = "{DTI.as_posix()}"\ndata = "{data.name}"\nfocus = "thua-thien-hue"\n\n'
        '[[change]]\nnode = "hoat_dong_kinh_te_so"\nvalue = 0.8\nnote = "Mục tiêu 2025"\n'
        'author = "Phòng CĐS"\ndate = 2026-11-20\nsource = "Kế hoạch 123/KH-UBND"\n',
        encoding="utf-8",
    )
    return s


def test_round_trip_import_compute_export_import(tmp_path: Path) -> None:
    crit = load_criteria(DTI)
    data = tmp_path / "data.csv"
    assert main(["import", str(MESSY), "--criteria", str(DTI), "-o", str(data)]) == 0
    scenario = _scenario(tmp_path, data)
    sc = load_scenario(scenario)
    after = WhatIf(sc).project().result
    xlsx, csv_out = tmp_path / "out.xlsx", tmp_path / "out.csv"
    assert main(["export", str(scenario), "-o", str(xlsx)]) == 0
    assert main(["export", str(scenario), "-o", str(csv_out)]) == 0
    original = load_csv(data, crit)
    for sheet, src in (("Dữ liệu", xlsx), ("Xếp hạng", xlsx), (None, csv_out)):
        back = tmp_path / f"back-{sheet}.csv"
        args = ["import", str(src), "--criteria", str(DTI), "-o", str(back)]
        assert main([*args, "--sheet", sheet] if sheet else args) == 0, sheet
        ds = load_csv(back, crit)
        assert sorted(ds.ids()) == sorted(original.ids())
        for e in original.entities:
            got = dict(ds.get(e.id).values)
            want = dict(e.values)
            if e.id == "thua-thien-hue":
                want["hoat_dong_kinh_te_so"] = 0.8  # the change is in the export
            if sheet != "Dữ liệu":  # scores: a missing reported-only value scores 0 here
                want = {k: v for k, v in want.items() if k != "do_thi_thong_minh"}
                got = {k: v for k, v in got.items() if k != "do_thi_thong_minh"}
            assert got == pytest.approx(want), (sheet, e.id)
    # and the re-imported data computes to the same ranking as the what-if
    back = tmp_path / "back-Dữ liệu.csv"
    sc2 = load_scenario(_scenario(tmp_path, back).rename(tmp_path / "s2.toml"))
    assert WhatIf(sc2).baseline.order() == after.order()
