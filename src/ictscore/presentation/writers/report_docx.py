"""The leadership report as a Word document in the administrative form of NĐ 30/2020/NĐ-CP.

What a Sở hands its leadership is a BÁO CÁO on A4 with the agency and the national heading side
by side, the number and the place and date under them, the title and its summary, the body in
numbered sections, "Nơi nhận:" and the signature. This writer lays the report model out that
way, so the draft only needs its blanks filled (the number, the date, the signature) before it
goes into the document workflow. The numbers and sentences come from `report_common`, as the
Markdown and HTML reports' do, so the three cannot disagree.

Page layout, from Phụ lục I of Nghị định 30/2020/NĐ-CP (công tác văn thư), as the government's
summaries of it state (e.g. luatvietnam.vn, "Hướng dẫn mới về cách trình bày văn bản hành
chính"; giaoan.link, "Định dạng đúng chuẩn trong văn bản hành chính"):
- paper A4 (210 × 297 mm), portrait;
- margins: top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm (the smallest of each
  here, for the widest tables);
- Times New Roman, Unicode (TCVN 6909:2001), black;
- Quốc hiệu: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" 12–13 pt bold capitals, "Độc lập - Tự do -
  Hạnh phúc" 13–14 pt bold with a solid rule as long as the line under it;
- the issuing agency: its superior in capitals, its own name in bold capitals with a rule of a
  third to a half of the name under it;
- "Số:" 13 pt; place and date 13–14 pt italic, centred under the national heading;
- the kind of document ("BÁO CÁO") 13–14 pt bold capitals, its summary 13–14 pt bold, a short
  rule under it;
- the body 13–14 pt, justified, first lines indented 1–1.27 cm, at least 6 pt between paragraphs;
- the signer's authority and title 13–14 pt bold capitals, the name 13–14 pt bold;
- "Nơi nhận:" 12 pt bold italic, the recipients 11 pt, one a line, each ending ";" and the last
  ".";
- page numbers 13–14 pt centred in the top margin, none on the first page.

Charts are pictures: each bar is a small PNG (`png.bar` on its track up to the leader's score,
`png.solid` for the rank gaps) stretched to its length in a borderless table whose other columns
are the label and the number, so the chart needs no plotting library and its words are text, in
the document's font.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ictscore.presentation import display
from ictscore.presentation.report_model import ReportModel, Standout
from ictscore.presentation.words import word
from ictscore.presentation.writers import png
from ictscore.presentation.writers import report_common as c

BLANK = "……………"
"""What an absent scenario key leaves: a dotted space to fill in by hand, as a Sở's form has."""

FONT = "Times New Roman"
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
"""The width of the text: 165 mm."""

BODY = 14
NATION, MOTTO, AGENCY, NUMBER, DATE = 12, 13, 13, 13, 14
RECIPIENTS_HEAD, RECIPIENTS = 12, 11
TABLE = 12
"""Tables and charts in 12 pt: NĐ 30 sets no size for them, and a four-column table of long
indicator names at 14 pt wraps every cell."""
FOOTNOTE = 10
INDENT = Mm(12.7)
HEAD_MM = (70, 95)
"""The header's columns: the agency, and the national heading (wide enough for its 12 pt line)."""

BAR_MM = 3.5
CHART_BAR_MM = 74.0

# --- runs, paragraphs, tables -------------------------------------------------------------------


def _rpr(parent: BaseOxmlElement) -> BaseOxmlElement:
    """The run properties (`w:rPr`) of a run, a style or the document defaults, made if absent."""
    rpr: BaseOxmlElement | None = parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        parent.insert(0 if parent.tag == qn("w:r") else len(parent), rpr)
    return rpr


def _set_font(parent: BaseOxmlElement) -> None:
    """Times New Roman for every script (Vietnamese letters are Latin, but Word picks the
    East Asian or complex-script slot for some characters), with no theme font to override it."""
    rpr = _rpr(parent)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _run(p: Paragraph, text: str, size: float, bold: bool = False, italic: bool = False) -> None:
    run = p.add_run(text)
    _set_font(run._r)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic


def _runs(p: Paragraph, text: str, size: float, bold: bool = False, italic: bool = False) -> None:
    """Text with the report's `**bold**` marks as bold runs."""
    pos = 0
    for mark in c.BOLD.finditer(text):
        if mark.start() > pos:
            _run(p, text[pos : mark.start()], size, bold, italic)
        _run(p, mark.group(1), size, True, italic)
        pos = mark.end()
    if pos < len(text):
        _run(p, text[pos:], size, bold, italic)


def _format(
    p: Paragraph,
    align: int | None = None,
    before: float = 0,
    after: float = 0,
    indent: bool = False,
    keep: bool = False,
) -> Paragraph:
    fmt = p.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if align is not None:
        p.alignment = align  # type: ignore[assignment]
    if indent:
        fmt.first_line_indent = INDENT
    if keep:
        fmt.keep_with_next = True
    return p


class _Where:
    """Where paragraphs go: the document's body or a table cell (whose first paragraph exists)."""

    def __init__(self, target: DocxDocument | _Cell) -> None:
        self.target = target
        self.fresh = isinstance(target, _Cell)

    def para(self) -> Paragraph:
        if self.fresh and isinstance(self.target, _Cell):
            self.fresh = False
            first: Paragraph = self.target.paragraphs[0]
            return first
        p: Paragraph = self.target.add_paragraph()
        return p


def _line(
    where: _Where,
    text: str,
    size: float,
    bold: bool = False,
    italic: bool = False,
    align: int | None = WD_ALIGN_PARAGRAPH.CENTER,
    before: float = 0,
    after: float = 0,
) -> Paragraph:
    p = _format(where.para(), align, before, after)
    _runs(p, text, size, bold, italic)
    return p


def _body(doc: DocxDocument, text: str, after: float = 6) -> Paragraph:
    """A paragraph of the body: justified, its first line indented."""
    p = _format(doc.add_paragraph(), WD_ALIGN_PARAGRAPH.JUSTIFY, 0, after, indent=True)
    _runs(p, text, BODY)
    return p


def _heading(doc: DocxDocument, text: str, level: int) -> Paragraph:
    """A section heading ("I. KẾT QUẢ …" or "1. …"), on a Heading style so that Word's
    navigation pane lists it; the style is restyled to the body's font in `_styles`."""
    p = doc.add_paragraph(style=f"Heading {level}")
    _format(p, WD_ALIGN_PARAGRAPH.JUSTIFY, 6, 6, indent=True, keep=True)
    _run(p, text, BODY, bold=True)
    return p


def _rule(where: _Where, length_mm: float, box_mm: float, before: float = 0) -> Paragraph:
    """A short solid rule, centred in a box `box_mm` wide: an empty paragraph, three points
    high, whose top border is the line (NĐ 30 wants a drawn line, not underlined text)."""
    p = _format(where.para(), WD_ALIGN_PARAGRAPH.CENTER, before, 0)
    fmt = p.paragraph_format
    side = max(0.0, (box_mm - length_mm) / 2)
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.line_spacing = Pt(3)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(k), v)
    borders.append(top)
    ppr.append(borders)
    return p


_NARROW = set("ijlt.,;:'!|()[]/- ")
_WIDE = set("mwMW")


def text_mm(text: str, size: float, bold: bool = False) -> float:
    """About how wide a line of Times New Roman is: enough to size the rules under a line."""
    units = 0.0
    for ch in text:
        if ch in _WIDE:
            units += 0.9
        elif ch in _NARROW:
            units += 0.3
        elif ch.isupper():
            units += 0.72
        else:
            units += 0.5
    return units * size * (1.06 if bold else 1.0) * 25.4 / 72


def _borderless(t: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    t._tbl.tblPr.append(borders)


def _widths(t: Table, widths_mm: Sequence[float]) -> None:
    t.autofit = False
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in t.rows:  # a row split over two pages reads as two rows
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for col, w in zip(t.columns, widths_mm, strict=True):
        col.width = Mm(w)  # the grid, which LibreOffice reads; Word reads the cells'
    for row in t.rows:
        for cell, w in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(w)


def _cell_border(cell: _Cell, side: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    el = OxmlElement(f"w:{side}")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:color", "808080")):
        el.set(qn(k), v)
    borders.append(el)
    tcpr.append(borders)


def _grid(
    doc: DocxDocument,
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    right: frozenset[int] | set[int] = frozenset(),
) -> Table:
    """A ruled table of numbers, its head repeated on each page it runs over."""
    t: Table = doc.add_table(rows=1 + len(rows), cols=len(head))
    t.style = doc.styles["Table Grid"]
    _widths(t, widths_mm)
    head_row = t.rows[0]
    head_row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(head_row.cells, head, strict=True):
        _line(_Where(cell), text, TABLE, bold=True, before=2, after=2)
    for r, row in enumerate(rows, start=1):
        for k, (cell, text) in enumerate(zip(t.rows[r].cells, row, strict=True)):
            align = WD_ALIGN_PARAGRAPH.RIGHT if k in right else WD_ALIGN_PARAGRAPH.LEFT
            _line(_Where(cell), text, TABLE, align=align, before=2, after=2)
    _space(doc)
    return t


def _space(doc: DocxDocument, pt: float = 6) -> None:
    _format(doc.add_paragraph(), after=0).paragraph_format.line_spacing = Pt(pt)


# --- the page and the styles ----------------------------------------------------------------


def _page(doc: DocxDocument) -> None:
    s = doc.sections[0]
    s.orientation = WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    s.top_margin, s.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    s.left_margin, s.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    s.header_distance = s.footer_distance = Mm(10)


def _styles(doc: DocxDocument, lang: str) -> None:
    """Times New Roman everywhere, even in an empty paragraph, and no blue theme headings."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            _set_font(rpr_default)
            language = OxmlElement("w:lang")
            language.set(qn("w:val"), "vi-VN" if lang == "vi" else "en-GB")
            _rpr(rpr_default).append(language)
    for name in ("Normal", "Heading 1", "Heading 2", "Table Grid"):
        style = doc.styles[name]
        _set_font(style.element)
        style.font.name = FONT
        style.font.size = Pt(BODY)
    for name in ("Heading 1", "Heading 2"):
        font = doc.styles[name].font
        font.bold, font.italic = True, False
        font.color.rgb = None
        font.color.theme_color = None
    doc.styles["Normal"].paragraph_format.space_after = Pt(0)


def _page_numbers(doc: DocxDocument, m: ReportModel, lang: str) -> None:
    """The page number centred at the top from the second page; the draft note at the foot of
    every page, so that nobody mistakes the draft for the signed report."""
    s = doc.sections[0]
    s.different_first_page_header_footer = True
    p = _format(s.header.paragraphs[0], WD_ALIGN_PARAGRAPH.CENTER)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    _set_font(run)
    rpr = _rpr(run)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(2 * NUMBER))
    rpr.append(size)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    p._p.append(field)
    note = word("draft", lang, scenario=m.scenario.name)
    for footer in (s.footer, s.first_page_footer):
        fp = _format(footer.paragraphs[0], WD_ALIGN_PARAGRAPH.CENTER)
        _run(fp, note, FOOTNOTE, italic=True)


# --- the parts of the report ----------------------------------------------------------------


def _upper(text: str) -> str:
    return text.upper()


def _header(doc: DocxDocument, m: ReportModel, lang: str) -> None:
    """The agency beside the national heading; the number beside the place and date."""
    f = m.scenario.file
    t = doc.add_table(rows=2, cols=2)
    _borderless(t)
    _widths(t, HEAD_MM)
    left, right = _Where(t.cell(0, 0)), _Where(t.cell(0, 1))
    if f.parent_agency:
        _line(left, _upper(f.parent_agency), AGENCY)
    agency = _upper(f.agency) if f.agency else BLANK
    _line(left, agency, AGENCY, bold=True)
    _rule(left, max(15.0, min(text_mm(agency, AGENCY, True), HEAD_MM[0]) * 0.4), HEAD_MM[0], 2)
    nation = word("nation", lang)
    motto = word("motto", lang)
    _line(right, nation, NATION, bold=True)
    _line(right, motto, MOTTO, bold=True)
    _rule(right, text_mm(motto, MOTTO, True), HEAD_MM[1], 2)
    number = word("number", lang, number=f.report_number or word("number_blank", lang))
    _line(_Where(t.cell(1, 0)), number, NUMBER, before=6)
    date = word("place_date", lang, place=f.place or BLANK)
    _line(_Where(t.cell(1, 1)), date, DATE, italic=True, before=6)


def summary(m: ReportModel, lang: str) -> str:
    """The line under "BÁO CÁO": what it reports on and for whom."""
    fw = m.criteria.framework
    return word("summary", lang, framework=fw.name(lang), focus=m.focus_name)


def _title(doc: DocxDocument, m: ReportModel, lang: str) -> None:
    where = _Where(doc)
    _line(where, word("kind", lang), BODY, bold=True, before=18)
    text = summary(m, lang)
    _line(where, text, BODY, bold=True)
    _rule(where, min(text_mm(text, BODY, True), TEXT_MM) / 3, TEXT_MM, 2)
    _space(doc, 12)


def _opening(doc: DocxDocument, m: ReportModel, lang: str) -> None:
    if m.scenario.file.notes:
        _body(doc, " ".join(m.scenario.file.notes.split()))
    fw = m.criteria.framework
    agency = m.scenario.file.agency or word("the_agency", lang)
    _body(
        doc,
        word(
            "opening",
            lang,
            agency=agency,
            framework=fw.name(lang),
        ),
    )


class _Figures:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.count = 0

    def caption(self, doc: DocxDocument, title: str) -> None:
        self.count += 1
        _line(
            _Where(doc),
            word("figure", self.lang, k=self.count, title=title),
            TABLE,
            italic=True,
            after=8,
        )


def _bar(
    cell: _Cell, length_mm: float, rgb: c.Rgb, align: int, whole_mm: float | None = None
) -> None:
    """A bar; with `whole_mm`, on a track of that length (the leader's score)."""
    p = _format(cell.paragraphs[0], align, 1, 1)
    if whole_mm is not None:
        picture = png.bar(rgb, c.TRACK_RGB, length_mm / whole_mm if whole_mm else 0.0)
        p.add_run().add_picture(io.BytesIO(picture), Mm(whole_mm), Mm(BAR_MM))
    elif length_mm >= 0.3:
        p.add_run().add_picture(io.BytesIO(png.solid(rgb)), Mm(length_mm), Mm(BAR_MM))


def _keep_together(t: Table) -> None:
    """A chart on one page: each of its paragraphs kept with the next, down to the caption."""
    for row in t.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def _legend(doc: DocxDocument, items: Sequence[tuple[c.Rgb, str]]) -> None:
    p = _format(doc.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER, 2, 0, keep=True)
    for k, (rgb, text) in enumerate(items):
        if k:
            _run(p, "      ", TABLE)
        p.add_run().add_picture(io.BytesIO(png.solid(rgb)), Mm(BAR_MM), Mm(BAR_MM))
        _run(p, " " + text, TABLE)


def _pillar_chart(doc: DocxDocument, m: ReportModel, lang: str, figs: _Figures) -> None:
    """Each pillar's score as a bar against the leader's (a full bar), the what-if under it."""
    changed = bool(m.changes)
    rows: list[tuple[str, float, tuple[int, int, int], str]] = []
    for p in m.pillars:
        d = p.delta
        score = c.score(m, d.node, d.baseline_score, lang)
        rows.append(
            (c.label(m, d.node, lang), c.bar_fraction(p, d.baseline_score), c.BASE_RGB, score)
        )
        if changed and d.scenario_score != d.baseline_score:
            after = "→ " + c.score(m, d.node, d.scenario_score, lang)
            rows.append(("", c.bar_fraction(p, d.scenario_score), c.WHATIF_RGB, after))
    widths = (60, CHART_BAR_MM + 4, TEXT_MM - 64 - CHART_BAR_MM)
    t = doc.add_table(rows=len(rows), cols=3)
    _borderless(t)
    _widths(t, widths)
    for row, (label, frac, rgb, text) in zip(t.rows, rows, strict=True):
        _line(_Where(row.cells[0]), label, TABLE, align=WD_ALIGN_PARAGRAPH.RIGHT, before=1)
        left = WD_ALIGN_PARAGRAPH.LEFT
        _bar(row.cells[1], CHART_BAR_MM * frac, rgb, left, CHART_BAR_MM)
        _line(_Where(row.cells[2]), text, TABLE, align=WD_ALIGN_PARAGRAPH.LEFT, before=1)
    _keep_together(t)
    _legend(doc, c.pillar_legend(m, lang))
    figs.caption(doc, word("chart_pillars", lang))


def _gap_chart(
    doc: DocxDocument, m: ReportModel, items: Sequence[Standout], lang: str, figs: _Figures
) -> None:
    """Places better (right) or worse (left) than the overall rank, about a middle line."""
    if not items:
        return
    half_mm = 36.0
    most = max(abs(s.gap) for s in items) or 1
    widths = (68, half_mm + 3, half_mm + 3, TEXT_MM - 74 - 2 * half_mm)
    t = doc.add_table(rows=len(items), cols=4)
    _borderless(t)
    _widths(t, widths)
    for row, s in zip(t.rows, items, strict=True):
        cells = row.cells
        _line(_Where(cells[0]), c.label(m, s.node, lang), TABLE, align=WD_ALIGN_PARAGRAPH.RIGHT)
        length = half_mm * abs(s.gap) / most
        _bar(cells[1], length if s.gap < 0 else 0, c.BAD_RGB, WD_ALIGN_PARAGRAPH.RIGHT)
        _bar(cells[2], length if s.gap > 0 else 0, c.WHATIF_RGB, WD_ALIGN_PARAGRAPH.LEFT)
        _cell_border(cells[2], "left")
        _line(_Where(cells[3]), f"{s.gap:+d}", TABLE, align=WD_ALIGN_PARAGRAPH.LEFT)
    _keep_together(t)
    _legend(doc, c.gap_legend(lang))
    figs.caption(doc, word("chart_gaps", lang))


def _history(doc: DocxDocument, m: ReportModel, lang: str) -> None:
    """The focus entity's rank in past editions, under its results; nothing without one."""
    lines = c.history_lines(m, lang)
    if not lines:
        return
    p = _body(doc, f"{word('history', lang)}:", after=3)
    p.paragraph_format.keep_with_next = True
    for line in lines:
        _body(doc, f"- {line}", after=3)
    _grid(doc, c.history_head(lang), c.history_rows(m, lang), (20, 75, 30, 40), {0, 2, 3})


def _results(doc: DocxDocument, m: ReportModel, lang: str, figs: _Figures) -> None:
    """I. Where the agency stands: the pillars, its strengths and weaknesses, the sources."""
    _heading(doc, f"I. {word('s1', lang)}", 1)
    _heading(doc, f"1. {word('s1_pillars', lang)}", 2)
    _body(doc, c.current_line(m, lang))
    _grid(doc, c.pillar_head(lang), c.pillar_rows(m, lang), (62, 20, 18, 65), {1, 2})
    _pillar_chart(doc, m, lang, figs)
    _history(doc, m, lang)

    _heading(doc, f"2. {word('s1_standouts', lang)}", 2)
    rank = m.overall.delta.baseline_rank or "—"
    _body(doc, word("sw_intro", lang, rank=rank, n=m.count, k=m.threshold))
    for key, items in (("strengths", m.strengths), ("weaknesses", m.weaknesses)):
        head = f"{word(key, lang)}:"
        if not items:
            _body(doc, f"{head} {word('none', lang)}")
            continue
        p = _body(doc, head, after=3)
        p.paragraph_format.keep_with_next = True
        rows = c.standout_rows(m, items, lang)
        _grid(doc, c.standout_head(lang), rows, (80, 33, 26, 26), {1, 2, 3})
    chosen = tuple(sorted((*m.strengths, *m.weaknesses), key=lambda s: -s.gap))
    _gap_chart(doc, m, chosen, lang, figs)

    _heading(doc, f"3. {word('s1_sources', lang)}", 2)
    for line in c.source_lines(m, lang):
        _body(doc, f"- {line}", after=3)


def _plan(doc: DocxDocument, m: ReportModel, lang: str) -> None:
    """II. How to rise: the scenario's changes and, when it lists levers, the optimised plan
    with its costs and the projected rank with its likely range."""
    _heading(doc, f"II. {word('s2', lang)}", 1)
    _heading(doc, f"1. {word('s2_whatif', lang)}", 2)
    if not m.changes:
        _body(doc, word("no_changes", lang))
    else:
        _body(doc, c.whatif_line(m, lang))
        target = c.target_line(m, lang)
        if target:
            _body(doc, target)
        _grid(doc, c.whatif_head(lang), c.whatif_rows(m, lang), (62, 38, 38, 27), {1, 2, 3})
        rows = [[r[0], r[1], "; ".join(x for x in r[2:] if x)] for r in c.change_rows(m, lang)]
        head = [*c.change_head(lang)[:2], word("change_basis", lang)]
        _grid(doc, head, rows, (55, 35, 75))
    _heading(doc, f"2. {word('s2_plan', lang)}", 2)
    if m.plan is None:
        _body(doc, word("no_levers", lang))
        return
    _grid(doc, c.plan_head(lang), c.plan_rows(m.plan, lang), (16, 60, 35, 54), {2})
    for line in c.plan_lines(m, m.plan, lang):
        _body(doc, line)


def recommendations(m: ReportModel, lang: str) -> list[str]:
    """III. What the agency asks for, from the plan and the weaknesses; the last one always
    asks that the draft's numbers be checked, since ictscore drafts and people sign."""
    whom = m.scenario.file.parent_agency or word("whom_default", lang)
    out = []
    plan = m.plan
    if plan is not None:
        chosen = [lv for lv in plan.levers if lv.chosen]
        if chosen and plan.total_cost is not None and plan.projected_rank is not None:
            out.append(
                word(
                    "ask_budget",
                    lang,
                    whom=whom,
                    cost=display.money(plan.total_cost, lang),
                    k=len(chosen),
                    rank=plan.projected_rank,
                    n=m.count,
                )
            )
        elif chosen:
            out.append(word("ask_levers", lang, whom=whom, k=len(chosen)))
        target = m.scenario.file.target_rank
        if target is not None and plan.projected_rank is not None and plan.projected_rank > target:
            out.append(word("ask_target", lang, target=target))
        if any(lv.estimate for lv in chosen):
            out.append(word("ask_estimate", lang))
    if m.weaknesses:
        names = ", ".join(c.label(m, s.node, lang) for s in m.weaknesses)
        out.append(word("ask_weak", lang, names=names))
    out.append(word("ask_check", lang))
    return out


def _recommend(doc: DocxDocument, m: ReportModel, lang: str) -> None:
    _heading(doc, f"III. {word('s3', lang)}", 1)
    items = recommendations(m, lang)
    for k, text in enumerate(items, start=1):
        _body(doc, f"{k}. {text}" + ("/." if k == len(items) else ""))


def recipient_lines(recipients: Sequence[str] | None, lang: str) -> list[str]:
    """One recipient a line, "- " before, ";" after, "." after the last (NĐ 30)."""
    items = list(recipients) if recipients else [BLANK, word("recipients_default", lang)]
    out = []
    for k, raw in enumerate(items):
        text = raw.strip().lstrip("-").strip().rstrip(";.").strip()
        out.append(f"- {text}{'.' if k == len(items) - 1 else ';'}")
    return out


def signer_lines(title: str | None) -> list[str]:
    """The signature's heading in capitals, one line per line of `signer_title`."""
    if not title:
        return [BLANK]
    return [line.strip().upper() for line in title.splitlines() if line.strip()]


def _signature(doc: DocxDocument, m: ReportModel, lang: str) -> None:
    """ "Nơi nhận:" on the left; the authority, the title, room to sign and seal, the name."""
    f = m.scenario.file
    t = doc.add_table(rows=1, cols=2)
    _borderless(t)
    _widths(t, (80, TEXT_MM - 80))
    left, right = _Where(t.cell(0, 0)), _Where(t.cell(0, 1))
    _line(left, word("recipients", lang), RECIPIENTS_HEAD, True, True, WD_ALIGN_PARAGRAPH.LEFT, 12)
    for line in recipient_lines(f.recipients, lang):
        _line(left, line, RECIPIENTS, align=WD_ALIGN_PARAGRAPH.LEFT)
    for k, line in enumerate(signer_lines(f.signer_title)):
        _line(right, line, BODY, bold=True, before=12 if k == 0 else 0)
    gap = _line(right, "", BODY)
    for _ in range(3):
        gap.add_run().add_break(WD_BREAK.LINE)
    _line(right, f.signer or BLANK, BODY, bold=True, before=24)


def render_docx(m: ReportModel, lang: str = "vi") -> bytes:
    """The report as the bytes of a .docx file."""
    doc = new_document()
    _page(doc)
    _styles(doc, lang)
    _page_numbers(doc, m, lang)
    props = doc.core_properties
    props.title = c.title(m, lang)
    props.subject = summary(m, lang)
    props.author = m.scenario.file.agency or "ictscore"
    props.language = "vi-VN" if lang == "vi" else "en-GB"
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's one empty paragraph
        body.remove(p)
    _header(doc, m, lang)
    _title(doc, m, lang)
    _opening(doc, m, lang)
    figs = _Figures(lang)
    _results(doc, m, lang, figs)
    _plan(doc, m, lang)
    _recommend(doc, m, lang)
    _signature(doc, m, lang)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
