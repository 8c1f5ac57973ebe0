"""The report as a Word document in the form of NĐ 30/2020: read back with python-docx.

The page, the fonts, the header block, the sections, the signature are checked as a reader of
the decree would; the numbers of every table are checked against the Markdown report, so the
two cannot drift apart; and, where LibreOffice is installed, the document is laid out as pages.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table

from ictscore.cli.main import main
from ictscore.formats.scenario import load_scenario
from ictscore.planning.whatif import WhatIf
from ictscore.presentation import writers
from ictscore.presentation.report_model import build_report
from ictscore.presentation.writers import png, report_docx
from ictscore.presentation.writers import report_common as c
from ictscore.presentation.writers.report_docx import BLANK
from ictscore.report.build import render_report
from ictscore.tui.exporting import REPORT_KINDS

from ..conftest import ROOT, SCENARIOS

BUNDLED = SCENARIOS / "bac-giang-so-noi-vu-2021.toml"
"""Levers, a budget, peers and an uncertainty: the plan section with its Monte Carlo range."""
BARE = ROOT / "tests" / "data" / "report" / "dti-hue.toml"
"""No sender keys at all: every blank of the form is left dotted."""


def _write(tmp: Path, scenario: Path, lang: str = "vi") -> DocxDocument:
    out = tmp / f"{scenario.stem}-{lang}.docx"
    assert main(["report", str(scenario), "--lang", lang, "-o", str(out)]) == 0
    return Document(str(out))


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> DocxDocument:
    return _write(tmp_path_factory.mktemp("docx"), BUNDLED)


@pytest.fixture(scope="module")
def bundled_md() -> str:
    return render_report(load_scenario(BUNDLED), "markdown", "vi")


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> DocxDocument:
    return _write(tmp_path_factory.mktemp("docx"), BARE)


def _lines(cell_or_doc: object) -> list[str]:
    return [p.text for p in cell_or_doc.paragraphs if p.text.strip()]  # type: ignore[attr-defined]


def _mm(length: int | None) -> float:
    assert length is not None
    return length / Mm(1)


def _grids(doc: DocxDocument) -> list[Table]:
    return [t for t in doc.tables if t.style is not None and t.style.name == "Table Grid"]


def _rows(t: Table) -> list[tuple[str, ...]]:
    return [tuple(cell.text for cell in row.cells) for row in t.rows]


def _md_rows(md: str) -> set[tuple[str, ...]]:
    out = set()
    for line in md.splitlines():
        if line.startswith("| ") and not set(line) <= set("|-: "):
            out.add(tuple(x.strip().replace("\\|", "|") for x in line.strip("|").split(" | ")))
    return out


def test_a4_portrait_with_the_margins_of_nd30(bundled: DocxDocument) -> None:
    s = bundled.sections[0]
    assert round(_mm(s.page_width)) == 210 and round(_mm(s.page_height)) == 297
    assert 20 <= round(_mm(s.top_margin)) <= 25 and 20 <= round(_mm(s.bottom_margin)) <= 25
    assert 30 <= round(_mm(s.left_margin)) <= 35 and 15 <= round(_mm(s.right_margin)) <= 20
    # page numbers at the top, none on the first page
    assert s.different_first_page_header_footer
    assert s.header._element.find(".//" + qn("w:fldSimple")).get(qn("w:instr")) == "PAGE"
    assert not s.first_page_header.paragraphs[0].text


def test_every_run_is_times_new_roman_and_the_body_13_to_14(bundled: DocxDocument) -> None:
    runs = [r for p in bundled.paragraphs for r in p.runs]
    runs += [r for t in bundled.tables for row in t.rows for cl in row.cells for p in cl.paragraphs
             for r in p.runs]  # fmt: skip
    texts = [r for r in runs if r.text.strip()]
    assert len(texts) > 100
    assert {r.font.name for r in texts} == {"Times New Roman"}
    body = [p for p in bundled.paragraphs if p.paragraph_format.first_line_indent]
    assert len(body) > 15
    assert {r.font.size.pt for p in body for r in p.runs if r.font.size} <= {13.0, 14.0}
    for p in body:  # the body is justified, the sections included
        assert p.alignment == 3, p.text  # WD_ALIGN_PARAGRAPH.JUSTIFY


def test_the_header_block(bundled: DocxDocument) -> None:
    head = bundled.tables[0]
    borders = head._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}  # no lines round the header
    agency = head.cell(0, 0)
    assert _lines(agency) == ["UBND TỈNH BẮC GIANG", "SỞ NỘI VỤ"]
    assert agency.paragraphs[1].runs[0].bold and not agency.paragraphs[0].runs[0].bold
    nation = head.cell(0, 1)
    assert _lines(nation) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert all(r.bold for p in nation.paragraphs for r in p.runs)
    assert nation.paragraphs[0].runs[0].font.size.pt in (12, 13)
    # the short rule under the motto and under the agency: a drawn border, not underlining
    for cell in (agency, nation):
        assert cell.paragraphs[-1]._p.find(".//" + qn("w:pBdr")) is not None
    assert _lines(head.cell(1, 0)) == ["Số:    /BC-SNV"]
    date = head.cell(1, 1).paragraphs[0]
    assert date.text == "Bắc Giang, ngày … tháng … năm …" and date.runs[0].italic
    # the agency's column is narrower than the national heading's, which fits on one line
    assert _mm(head.columns[0].width) < _mm(head.columns[1].width)


def test_title_summary_and_sections(bundled: DocxDocument) -> None:
    texts = [p.text for p in bundled.paragraphs]
    k = texts.index("BÁO CÁO")
    assert bundled.paragraphs[k].runs[0].bold
    assert texts[k + 1] == (
        "Kết quả Chỉ số chuyển đổi số các sở, ban, ngành tỉnh Bắc Giang "
        "và phương án nâng hạng của Sở Nội vụ"
    )
    heads = [p.text for p in bundled.paragraphs if p.style.name == "Heading 1"]
    assert heads == ["I. KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG", "II. PHƯƠNG ÁN NÂNG HẠNG", "III. KIẾN NGHỊ"]
    subs = [p.text for p in bundled.paragraphs if p.style.name == "Heading 2"]
    assert subs[0] == "1. Điểm và hạng theo từng trụ cột"
    assert "2. Các giải pháp, kinh phí và hạng dự kiến" in subs
    last = [p.text for p in bundled.paragraphs if re.match(r"\d+\. ", p.text)][-1]
    assert last.endswith("./.")  # the body ends as an administrative text does


def test_tables_hold_the_numbers_of_the_markdown_report(
    bundled: DocxDocument, bundled_md: str
) -> None:
    md = _md_rows(bundled_md)
    grids = _grids(bundled)
    assert len(grids) == 6  # pillars, strengths, weaknesses, what-if, changes, plan
    for t in grids:
        rows = _rows(t)
        if rows[0][-1] == "Căn cứ":  # the changes, their audit trail in one column
            md2 = {r[:2] for r in md}
            assert all(r[:2] in md2 for r in rows), rows
            continue
        for r in rows:
            assert r in md, r
    pillars = _rows(grids[0])
    assert pillars[1][:3] == ("Chỉ số chuyển đổi số của cơ quan (tổng điểm)", "666,0", "13/19")
    plan = _rows(grids[-1])
    assert plan[0] == ("Chọn", "Giải pháp", "Kinh phí", "Tác động")
    assert sum(1 for r in plan[1:] if r[0] == "✓") == 5


def test_plan_gives_the_projected_rank_with_its_uncertainty(
    bundled: DocxDocument, bundled_md: str
) -> None:
    text = [p.text for p in bundled.paragraphs]
    projected = next(t for t in text if t.startswith("Hạng dự kiến sau kế hoạch"))
    assert "khoảng dao động 80 %" in projected and "khả năng đạt mục tiêu" in projected
    assert projected in bundled_md.replace("**", "")
    assert any(t.startswith("Tổng kinh phí: 1.460.000.000 đ") for t in text)
    asks = [t for t in text if t.startswith("1. Đề nghị UBND tỉnh Bắc Giang")]
    assert asks and "1.460.000.000 đ" in asks[0] and "5 giải pháp" in asks[0]


def _pixels(data: bytes) -> list[tuple[int, int, int]]:
    """The first row of one of the report's PNGs (8-bit RGB, no filter), pixel by pixel."""
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos : pos + 4])
        tag, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + n]
        if tag == b"IHDR":
            width = struct.unpack(">I", body[:4])[0]
        idat += body if tag == b"IDAT" else b""
        pos += 12 + n
    row = zlib.decompress(idat)[1 : 1 + 3 * width]
    return [(row[k], row[k + 1], row[k + 2]) for k in range(0, len(row), 3)]


def test_charts_are_pictures_whose_bars_follow_the_scores(bundled: DocxDocument) -> None:
    """Each pillar's bar on a track whose whole length is the leader's score: the picture is
    the chart's width, its bar colour fills the pillar's fraction of it, the track the rest."""
    sc = load_scenario(BUNDLED)
    m = build_report(sc, WhatIf(sc).project())
    chart = next(
        t for t in bundled.tables if t.cell(0, 0).text == c.label(m, m.overall.delta.node, "vi")
    )
    fractions, colours = [], []
    for row in chart.rows:
        (extent,) = row.cells[1]._tc.findall(".//" + qn("wp:extent"))
        assert int(extent.get("cx")) / Mm(1) == pytest.approx(report_docx.CHART_BAR_MM, abs=0.01)
        (blip,) = row.cells[1]._tc.findall(".//" + qn("a:blip"))
        pixels = _pixels(bundled.part.related_parts[blip.get(qn("r:embed"))].blob)
        bar = [px for px in pixels if px != c.TRACK_RGB]
        assert pixels == bar + [c.TRACK_RGB] * (len(pixels) - len(bar))  # bar, then track
        fractions.append(len(bar) / len(pixels))
        colours.append(set(bar))
    expected, expected_colours = [], []
    for p in m.pillars:
        d = p.delta
        expected.append(c.bar_fraction(p, d.baseline_score))
        expected_colours.append({c.BASE_RGB})
        if d.scenario_score != d.baseline_score:
            expected.append(c.bar_fraction(p, d.scenario_score))
            expected_colours.append({c.WHATIF_RGB})
    assert fractions == pytest.approx(expected, abs=0.005)
    assert colours == expected_colours
    assert len({round(f, 2) for f in fractions}) > 3  # the bars differ: the chart says something
    legend = next(p for p in bundled.paragraphs if "Điểm của đơn vị dẫn đầu (cả thanh)" in p.text)
    assert "Hiện trạng" in legend.text and "Giả định" in legend.text
    captions = [p.text for p in bundled.paragraphs if p.text.startswith("Biểu đồ ")]
    assert [x.split(".")[0] for x in captions] == ["Biểu đồ 1", "Biểu đồ 2"]


def test_png_bar_splits_at_the_fraction() -> None:
    pixels = _pixels(png.bar((1, 2, 3), (9, 9, 9), 0.25, width=8))
    assert pixels == [(1, 2, 3)] * 2 + [(9, 9, 9)] * 6
    assert _pixels(png.bar((1, 2, 3), (9, 9, 9), 1.4, width=4)) == [(1, 2, 3)] * 4
    assert _pixels(png.bar((1, 2, 3), (9, 9, 9), 0.0, width=4)) == [(9, 9, 9)] * 4
    with pytest.raises(ValueError):
        png.bands([((1, 2, 3), -1), ((1, 2, 3), 3)])


def test_recipients_and_signature(bundled: DocxDocument) -> None:
    sign = bundled.tables[-1]
    left, right = sign.cell(0, 0), sign.cell(0, 1)
    assert _lines(left) == [
        "Nơi nhận:",
        "- Sở Thông tin và Truyền thông;",
        "- Lãnh đạo Sở;",
        "- Lưu: VT, CV.",
    ]
    head = left.paragraphs[0].runs[0]
    assert head.bold and head.italic and head.font.size.pt == 12
    assert {r.font.size.pt for p in left.paragraphs[1:] for r in p.runs} == {11.0}
    assert _lines(right) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Quang Đông"]
    assert all(r.bold for p in right.paragraphs for r in p.runs if r.text.strip())


def test_absent_sender_keys_leave_dotted_blanks(bare: DocxDocument) -> None:
    head = bare.tables[0]
    assert _lines(head.cell(0, 0)) == [BLANK]  # no superior agency line at all
    assert _lines(head.cell(1, 0)) == ["Số: …/BC-…"]
    assert _lines(head.cell(1, 1)) == [f"{BLANK}, ngày … tháng … năm …"]
    sign = bare.tables[-1]
    assert _lines(sign.cell(0, 0)) == ["Nơi nhận:", f"- {BLANK};", "- Lưu: VT."]
    assert _lines(sign.cell(0, 1)) == [BLANK, BLANK]
    text = [p.text for p in bare.paragraphs]
    assert any(t.startswith("Đơn vị báo cáo kết quả") for t in text)
    # no levers: the plan section says so rather than disappearing
    assert any(t.startswith("Kịch bản chưa nêu giải pháp") for t in text)


def test_english(tmp_path: Path) -> None:
    doc = _write(tmp_path, BARE, "en")
    assert _lines(doc.tables[0].cell(0, 1)) == [
        "SOCIALIST REPUBLIC OF VIETNAM",
        "Independence - Freedom - Happiness",
    ]
    heads = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert heads == ["I. RESULTS", "II. PLAN TO RISE IN THE RANKING", "III. RECOMMENDATIONS"]


def test_recipient_and_signer_lines() -> None:
    assert report_docx.recipient_lines(["- Như trên;", "Lưu: VT."], "vi") == [
        "- Như trên;",
        "- Lưu: VT.",
    ]
    assert report_docx.signer_lines("kt. giám đốc\n\n  phó giám đốc ") == [
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
    ]


def test_the_registry_offers_docx_to_every_face(capsys: pytest.CaptureFixture[str]) -> None:
    assert writers.for_path(Path("r.DOCX"), "report").name == "docx"
    assert ".docx" in [ext for ext, _ in REPORT_KINDS]
    assert "docx" not in writers.stream_formats("report")  # binary: a file only
    assert main(["report", str(BARE), "-o", "r.txt"]) == 2
    assert ".docx" in capsys.readouterr().err


def test_a_wrong_sender_key_is_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "s.toml"
    text = BARE.read_text(encoding="utf-8").replace("../../../criteria", str(ROOT / "criteria"))
    text = text.replace('data = "dti-sample.csv"', f'data = "{BARE.parent / "dti-sample.csv"}"')
    bad.write_text(text.replace("target_rank = 2", 'target_rank = 2\nrecipients = "Sở"'), "utf-8")
    assert main(["report", str(bad), "-o", str(tmp_path / "r.docx")]) == 2
    err = capsys.readouterr().err
    assert "recipients" in err and "Traceback" not in err
    assert not (tmp_path / "r.docx").exists()


def test_png_is_a_valid_solid_picture() -> None:
    data = png.solid((1, 2, 3), 5, 2)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos : pos + 4])
        tag, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + n]
        (crc,) = struct.unpack(">I", data[pos + 8 + n : pos + 12 + n])
        assert crc == zlib.crc32(tag + body), tag
        chunks[tag] = body
        pos += 12 + n
    assert struct.unpack(">IIBB", chunks[b"IHDR"][:10]) == (5, 2, 8, 2)
    assert zlib.decompress(chunks[b"IDAT"]) == (b"\x00" + b"\x01\x02\x03" * 5) * 2
    with pytest.raises(ValueError):
        png.solid((256, 0, 0))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_lays_it_out_on_a4_pages(tmp_path: Path) -> None:
    """The document opens in another word processor than the one it was read back with: A4
    pages, the national heading on the first, the signature on the last."""
    out = tmp_path / "r.docx"
    assert main(["report", str(BUNDLED), "-o", str(out)]) == 0
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "r.pdf"
    if shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        assert pdf.stat().st_size > 10_000
        return
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info.stdout), info.stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    assert pages >= 2

    def page(k: int) -> str:
        args = ["pdftotext", "-f", str(k), "-l", str(k), "-layout", str(pdf), "-"]
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout

    first, last = page(1), page(pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "BÁO CÁO" in first
    assert re.search(r"SỞ NỘI VỤ\s+Độc lập - Tự do - Hạnh phúc", first)  # side by side
    assert "Nguyễn Quang Đông" in last and "Nơi nhận:" in last
