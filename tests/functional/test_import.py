"""Import of messy spreadsheets: separators, decimal commas, two-line headers, merged cells."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl  # a core dependency: the xlsx checks must run, never skip
import pytest

from ictscore.cli.main import main
from ictscore.formats.criteria import load_criteria
from ictscore.formats.dataset import load_csv
from ictscore.formats.names import fold, load_entity_list, name_key
from ictscore.formats.numbers import ambiguous, decimal_evidence, parse_number

from ..conftest import CRITERIA, ROOT

DATA = ROOT / "tests" / "data" / "import"
DTI = CRITERIA / "vn-dti-2022-province.toml"
DEPT = CRITERIA / "bac-giang-department-dti.toml"
RANKS = ROOT / "tests" / "data" / "dti-2022-ranks.csv"
"""The published DTI 2022 order: 63 provinces by id and by the name the ranking prints."""

pytestmark = pytest.mark.usefixtures("english")  # they pin the English errors


# --- names -------------------------------------------------------------------------------------


def test_fold_and_keys() -> None:
    assert fold("Thừa Thiên - Huế") == "thua thien hue"
    assert fold("Đắk Lắk") == "dak lak"
    assert name_key("Khánh Hòa") == name_key("Khánh Hoà") == name_key("KHÁNH HOA")
    assert name_key("TP. Hồ Chí Minh", ["tp", "thành phố"]) == "hochiminh"
    assert name_key("Thành phố Đà Nẵng", ["tp", "thành phố"]) == "danang"
    # a prefix alone is a name, not a prefix
    assert name_key("TP", ["tp"]) == "tp"


@pytest.fixture(scope="module")
def provinces():  # type: ignore[no-untyped-def]
    return load_entity_list(CRITERIA / "entities" / "vn-provinces.toml")


def test_province_list_has_the_63_ids_of_the_dti_ranking(provinces) -> None:  # type: ignore[no-untyped-def]
    assert len(provinces.ids()) == 63
    with RANKS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 63
    assert sorted(provinces.ids()) == sorted(r["id"] for r in rows)
    for r in rows:  # the published names, e.g. "TP. Đà Nẵng", match the list's ids
        assert provinces.match(r["name"]) == r["id"]


@pytest.mark.parametrize(
    ("written", "pid"),
    [
        ("Thừa Thiên Huế", "thua-thien-hue"),
        ("Thừa Thiên - Huế", "thua-thien-hue"),
        ("TT-Huế", "thua-thien-hue"),
        ("TT Huế", "thua-thien-hue"),
        ("TP.HCM", "ho-chi-minh"),
        ("Tp. Hồ Chí Minh", "ho-chi-minh"),
        ("HCM", "ho-chi-minh"),
        ("Thành phố Hồ Chí Minh", "ho-chi-minh"),
        ("BR-VT", "ba-ria-vung-tau"),
        ("Bà Rịa Vũng Tàu", "ba-ria-vung-tau"),
        ("Dak Lak", "dak-lak"),
        ("Đắc Lắc", "dak-lak"),
        ("Thanh Hoá", "thanh-hoa"),
        ("Thanh Hóa", "thanh-hoa"),
        ("Khánh Hoà", "khanh-hoa"),
        ("Hoà Bình", "hoa-binh"),
        ("Hòa Bình", "hoa-binh"),
        ("tỉnh Bắc Giang", "bac-giang"),
        ("Hanoi", "ha-noi"),
        ("TP Hà Nội", "ha-noi"),
        ("Kontum", "kon-tum"),
    ],
)
def test_province_variants(provinces, written: str, pid: str) -> None:  # type: ignore[no-untyped-def]
    assert provinces.match(written) == pid


def test_unknown_province_is_refused_with_the_closest_name(provinces) -> None:  # type: ignore[no-untyped-def]
    from ictscore.formats.names import NameLookupError

    with pytest.raises(NameLookupError, match="Quảng Ninh"):
        provinces.match("Quang Ninhh")
    with pytest.raises(NameLookupError, match="not a known entity"):
        provinces.match("Tỉnh Mới")


def test_clashing_names_in_a_list_are_an_error(tmp_path: Path) -> None:
    p = tmp_path / "l.toml"
    p.write_text(
        '[[entity]]\nid = "a"\nname = "Hoà An"\n\n[[entity]]\nid = "b"\nname = "Hòa An"\n',
        encoding="utf-8",
    )
    from ictscore.formats.errors import InputError

    with pytest.raises(InputError, match="share the name key 'hoaan'"):
        load_entity_list(p)


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal", "value", "pct"),
    [
        ("1.234,5", None, 1234.5, False),
        ("1,234.5", None, 1234.5, False),
        ("0,8253", None, 0.8253, False),
        ("82,5%", None, 82.5, True),
        ("12 500 000", None, 12500000.0, False),
        ("1.234", ",", 1234.0, False),
        ("1.234", ".", 1.234, False),
        ("-3", None, -3.0, False),
    ],
)
def test_numbers(text: str, decimal: str | None, value: float, pct: bool) -> None:
    assert parse_number(text, decimal) == (pytest.approx(value), pct)


def test_number_evidence() -> None:
    assert decimal_evidence("0,5") == ","
    assert decimal_evidence("1.234.567") == ","
    assert decimal_evidence("1,234") is None
    assert ambiguous("1,234") and not ambiguous("1234")


# --- the DTI table: semicolons, BOM, decimal commas, two header rows, name variants -------------


def _import(tmp_path: Path, *args: str) -> tuple[int, Path]:
    out = tmp_path / "data.csv"
    code = main(["import", *args, "-o", str(out)])
    return code, out


def test_dti_semicolon_two_line_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _import(tmp_path, str(DATA / "dti-2022-tinh.csv"), "--criteria", str(DTI))
    err = capsys.readouterr().err
    assert code == 0, err
    assert "semicolon" in err and "rows 2–3" in err and "comma (1.234,5)" in err
    ds = load_csv(out, load_criteria(DTI))
    assert ds.ids() == [
        "da-nang",
        "ho-chi-minh",
        "quang-ninh",
        "thua-thien-hue",
        "khanh-hoa",
        "ba-ria-vung-tau",
        "thanh-hoa",
        "dak-lak",
    ]
    assert ds.get("da-nang").values["ha_tang_so"] == pytest.approx(0.8253)
    assert ds.get("ho-chi-minh").values["ha_tang_so"] == pytest.approx(0.82)  # "82,0%"
    assert "do_thi_thong_minh" not in ds.get("khanh-hoa").values  # "-" is missing
    assert ds.get("thua-thien-hue").name == "Thừa Thiên - Huế"  # the canonical name
    assert any("Nguồn" in n for n in ds.header_notes)


def test_bad_rows_and_columns_are_all_reported_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (DATA / "dti-2022-tinh.csv").read_text(encoding="utf-8-sig")
    text = text.replace("8;Đắk Lắk", "8;Tỉnh Mới").replace(";Tổng điểm;", ";Điểm DTI;")
    text = text.replace("3;Quảng Ninh;0,9581", "3;Quảng Ninh;abc")
    text = text.replace("4;Thừa Thiên Huế", "4;TT-Huế\n9;Thừa Thiên - Huế")
    bad = tmp_path / "bad.csv"
    bad.write_text(text, encoding="utf-8")
    out = tmp_path / "data.csv"
    out.write_text("old\n", encoding="utf-8")
    code = main(["import", str(bad), "--criteria", str(DTI), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert out.read_text(encoding="utf-8") == "old\n"
    lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert len(lines) == 4, err
    assert "[L2]: column 'Điểm DTI' matches no node" in err
    assert ":6:3 [C6]: 'abc' is not a number" in err
    assert "'Tỉnh Mới' is not a known entity" in err
    assert "is 'thua-thien-hue', already given in row 7" in err


def test_skip_unmatched_lists_what_it_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (DATA / "dti-2022-tinh.csv").read_text(encoding="utf-8-sig")
    bad = tmp_path / "bad.csv"
    bad.write_text(text.replace("8;Đắk Lắk", "8;Cả nước"), encoding="utf-8")
    code, out = _import(tmp_path, str(bad), "--criteria", str(DTI), "--skip-unmatched")
    err = capsys.readouterr().err
    assert code == 0
    assert "skipped B11: 'Cả nước' is not a known entity" in err
    assert len(load_csv(out, load_criteria(DTI)).entities) == 7


def test_ambiguous_thousands_need_a_decimal_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "t.csv"
    src.write_text(
        'Đơn vị,Băng thông Internet của đơn vị\nSở Nội vụ,"1,000"\nSở Y tế,100\n',
        encoding="utf-8",
    )
    code, out = _import(tmp_path, str(src), "--criteria", str(DEPT))
    assert code == 2
    assert "give --decimal" in capsys.readouterr().err
    assert not out.exists()
    code, out = _import(tmp_path, str(src), "--criteria", str(DEPT), "--decimal", ".")
    assert code == 0
    assert load_csv(out, load_criteria(DEPT)).get("so-noi-vu").values["ht_bang_thong"] == 1000


def test_header_naming_two_nodes_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "t.csv"
    src.write_text("Tỉnh,ha_tang_so,Hạ tầng số\nBắc Giang,0.5,0.5\n", encoding="utf-8")
    code, _ = _import(tmp_path, str(src), "--criteria", str(DTI))
    assert code == 2
    assert "columns B and C both name 'ha_tang_so'" in capsys.readouterr().err


# --- English headers, a mapping file, categories and yes/no by label ---------------------------


def test_departments_english_with_mapping(tmp_path: Path) -> None:
    code, out = _import(
        tmp_path,
        str(DATA / "departments-en.csv"),
        "--criteria",
        str(DEPT),
        "--mapping",
        str(DATA / "departments-en.toml"),
    )
    assert code == 0
    ds = load_csv(out, load_criteria(DEPT))
    assert ds.ids() == [
        "so-noi-vu",
        "so-thong-tin-truyen-thong",
        "so-tu-phap",
        "so-ke-hoach-dau-tu",
    ]
    tt = ds.get("so-thong-tin-truyen-thong").values
    assert tt["nt_truong_ban_chi_dao"] == "giam_doc"  # by its Vietnamese label
    assert tt["ht_bang_thong"] == 1000  # "1,000" in a decimal-point file
    assert tt["ht_may_tinh_dat_chuan"] == 85.5  # "85.5%" for a node in %
    assert tt["hd_ty_le_nop_truc_tuyen"] == 12.5
    assert ds.get("so-tu-phap").values["nt_ke_hoach_cds"] == 0.0  # "No"


# --- XLSX with merged cells -------------------------------------------------------------------


def make_dti_xlsx(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ghi chú"
    ws["A1"] = "Bảng này chỉ để ghi chú"
    ws = wb.create_sheet("DTI 2022")
    ws["A1"] = "KẾT QUẢ CHỈ SỐ DTI CẤP TỈNH NĂM 2022"
    ws.merge_cells("A1:K1")
    ws["A2"], ws["B2"], ws["C2"], ws["I2"] = "TT", "Tên tỉnh", "Chỉ số chính", "Hoạt động"
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("C2:H2")
    ws.merge_cells("I2:K2")
    heads = ["Nhận thức số", "The che so", "Hạ tầng số", "Nhân lực số", "An toàn thông tin mạng"]
    heads += ["Đô thị thông minh", "chính quyền số", "kinh tế số", "xã hội số"]
    for k, h in enumerate(heads):
        ws.cell(row=3, column=3 + k, value=h)
    rows = [
        ("TP. Đà Nẵng", [1.0, 0.9, 0.8253, 0.8487, 0.7578, 0.5, 0.8575, 0.7836, 0.5197]),
        ("Quảng Ninh", [0.9581, 0.9, 0.7648, 0.625, 0.5382, 0.4, 0.8385, 0.5904, 0.4505]),
        ("Thừa Thiên Huế", [0.93, 0.88, 0.75, 0.7, 0.6, 0.3, 0.8, 0.55, 0.45]),
    ]
    for i, (name, vals) in enumerate(rows):
        ws.cell(row=4 + i, column=1, value=i + 1)
        ws.cell(row=4 + i, column=2, value=name)
        for k, v in enumerate(vals):
            ws.cell(row=4 + i, column=3 + k, value=v)
    ws["E6"].number_format = "0.00%"  # Hạ tầng số of Huế shown as 75.00%
    wb.save(path)


def test_xlsx_merged_cells_two_header_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "dti.xlsx"
    make_dti_xlsx(src)
    code, out = _import(tmp_path, str(src), "--criteria", str(DTI), "--sheet", "DTI 2022")
    assert code == 0, capsys.readouterr().err
    ds = load_csv(out, load_criteria(DTI))
    assert ds.ids() == ["da-nang", "quang-ninh", "thua-thien-hue"]
    assert ds.get("thua-thien-hue").values["ha_tang_so"] == pytest.approx(0.75)
    assert ds.get("quang-ninh").values["hoat_dong_kinh_te_so"] == pytest.approx(0.5904)


def test_xlsx_first_sheet_is_reported_and_unknown_sheet_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "dti.xlsx"
    make_dti_xlsx(src)
    code, _ = _import(tmp_path, str(src), "--criteria", str(DTI), "--sheet", "Nope")
    assert code == 2
    assert "no sheet 'Nope'" in capsys.readouterr().err
    code, _ = _import(tmp_path, str(src), "--criteria", str(DTI))
    err = capsys.readouterr().err
    assert code == 2
    assert "no header row names an indicator" in err
    assert "reading sheet 'Ghi chú'" in err and "choose with --sheet" in err


# --- entity lists from elsewhere, and none at all ----------------------------------------------


def test_entities_from_a_data_file(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text("Đơn vị;Băng thông Internet của đơn vị\nSở Y tế;100\nSo Noi vu;30\n", "utf-8")
    data = ROOT / "scenarios" / "data" / "bac-giang-departments-2021.toml"
    code, out = _import(tmp_path, str(src), "--criteria", str(DEPT), "--entities", str(data))
    assert code == 0
    assert load_csv(out, load_criteria(DEPT)).ids() == ["so-y-te", "so-noi-vu"]


def test_without_an_entity_list_names_become_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crit = tmp_path / "c.toml"
    text = DEPT.read_text(encoding="utf-8")
    crit.write_text(
        "\n".join(ln for ln in text.splitlines() if not ln.startswith("entity_list")),
        encoding="utf-8",
    )
    src = tmp_path / "t.csv"
    src.write_text("Tên cơ quan,Băng thông Internet của đơn vị\nSở Mới Lập,50\n", "utf-8")
    code, out = _import(tmp_path, str(src), "--criteria", str(crit))
    assert code == 0, capsys.readouterr().err
    ds = load_csv(out, load_criteria(crit))
    assert ds.ids() == ["so-moi-lap"] and ds.entities[0].name == "Sở Mới Lập"


def test_validate_checks_entity_lists(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = CRITERIA / "entities" / "vn-provinces.toml"
    assert main(["validate", str(good), str(DTI)]) == 0
    bad = tmp_path / "l.toml"
    bad.write_text('[list]\nid = "x"\n\n[[entity]]\nid = "a b"\n', encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    assert "entity[1].id" in capsys.readouterr().err


def test_section_rows_are_listed_and_mixed_decimal_marks_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "t.csv"
    src.write_text(
        "Tỉnh;Hạ tầng số\nVùng Đồng bằng sông Hồng;\nBắc Ninh;0,5\nHà Nam;0,6\n", "utf-8"
    )
    code, out = _import(tmp_path, str(src), "--criteria", str(DTI))
    assert code == 0
    assert "row 2: 'Vùng Đồng bằng sông Hồng' has no values" in capsys.readouterr().err
    assert load_csv(out, load_criteria(DTI)).ids() == ["bac-ninh", "ha-nam"]
    src.write_text("Tỉnh;Hạ tầng số\nBắc Ninh;0,5\nHà Nam;0.6\n", "utf-8")
    code, _ = _import(tmp_path, str(src), "--criteria", str(DTI))
    assert code == 2
    assert "mixes decimal commas (B2) and decimal points (B3)" in capsys.readouterr().err
