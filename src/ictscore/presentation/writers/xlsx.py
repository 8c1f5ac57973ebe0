"""The XLSX export: ranking, focus entity, input data, the edit log and the sources, one sheet each.

Headers are the nodes' names (ranking) or ids (data), so `ictscore import` reads an exported
workbook back: the round trip is a test.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ictscore.formats.criteria import Indicator
from ictscore.formats.scenario import Change
from ictscore.planning.whatif import Projection, display_order
from ictscore.presentation import display, i18n
from ictscore.presentation.notes import NOTES_HEADING
from ictscore.presentation.words import word

HEAD_FONT: dict[str, Any] = {"bold": True}


def workbook_bytes(
    p: Projection, changes: Sequence[Change], lang: str = "vi", notes: Sequence[str] = ()
) -> bytes:
    """`notes` (what compute prints under its table) get a last sheet of their own, there only
    when there are some: a sheet is where a workbook's reader looks, and an empty one would
    say nothing."""
    import openpyxl  # imported here: `--format json` need not load it
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    sheets = [
        (word("sheet_ranking", lang), _ranking(p, lang)),
        (word("sheet_focus", lang), _focus(p, lang)),
        (word("sheet_data", lang), _data(p)),
        (word("sheet_changes", lang), _changes(p, changes, lang)),
        (word("sheet_sources", lang), _sources(p, lang)),
    ]
    heading = i18n.gettext(NOTES_HEADING, lang)
    if notes:
        sheets.append((heading, [[heading], *([n] for n in notes)]))
    first = True
    for title, rows in sheets:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title[:31]
        for row in rows:
            ws.append(row)
        for cell in ws[1]:
            cell.font = Font(**HEAD_FONT)
        ws.freeze_panes = "A2"
        for col in ws.columns:
            width = max(len(str(c.value or "")) for c in col)
            ws.column_dimensions[col[0].column_letter].width = min(60, max(8, width + 2))
        if title == heading:  # a sentence per row: wrapped in its column, read without scrolling
            ws.column_dimensions["A"].width = 100
            for (cell,) in ws.iter_rows(min_row=2):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _r(v: float | None) -> float | None:
    return None if v is None else round(v, 10)


def _ranking(p: Projection, lang: str) -> list[list[Any]]:
    r, b = p.result, p.baseline
    crit = r.criteria
    root = crit.root
    nodes = [n for n in display_order(r) if n != root]
    head = [word("rank", lang), word("rank_change", lang), "id", word("name", lang)]
    head += [crit.label(root, lang), word("grade", lang), *[crit.label(n, lang) for n in nodes]]
    rows: list[list[Any]] = [head]
    for eid in r.order():
        i = r.index(eid)
        br, nr = b.ranks[root][i], r.ranks[root][i]
        g = r.grade(eid)
        rows.append(
            [
                nr,
                None if br is None or nr is None else br - nr,
                eid,
                r.names[eid],
                _r(r.scores[root][i]),
                None if g is None else (g.label_vi if lang == "vi" else g.label_en),
                *[_r(r.scores[n][i]) for n in nodes],
            ]
        )
    return rows


def _focus(p: Projection, lang: str) -> list[list[Any]]:
    crit = p.result.criteria
    rows: list[list[Any]] = [
        [
            "id",
            word("criterion", lang),
            word("baseline", lang),
            word("rank", lang),
            word("whatif", lang),
            word("rank", lang),
            word("score_change", lang),
            word("rank_change", lang),
        ]
    ]
    for d in p.deltas():
        rows.append(
            [
                d.node,
                display.label(crit, d.node, lang, both=False),
                _r(d.baseline_score),
                d.baseline_rank,
                _r(d.scenario_score),
                d.scenario_rank,
                _r(d.score_change),
                d.rank_change,
            ]
        )
    return rows


def _data(p: Projection) -> list[list[Any]]:
    """The what-if's input values, as a data file has them (node ids as headers)."""
    r = p.result
    crit = r.criteria
    cols = [i.id for i in crit.indicators() if any(v is not None for v in r.inputs[i.id])]
    cols += [
        n
        for n in crit.order
        if n not in cols
        and any(v is not None for v in r.inputs[n])
        and not isinstance(crit.nodes[n], Indicator)
    ]
    rows: list[list[Any]] = [["id", "name", *cols]]
    for k, eid in enumerate(r.entity_ids):
        rows.append([eid, r.names[eid], *[r.inputs[c][k] for c in cols]])
    return rows


def _changes(p: Projection, changes: Sequence[Change], lang: str) -> list[list[Any]]:
    crit = p.result.criteria
    rows: list[list[Any]] = [
        [
            "node",
            word("criterion", lang),
            word("entity", lang),
            word("value", lang),
            word("note", lang),
            word("source", lang),
            word("author", lang),
            word("date", lang),
        ]
    ]
    for c in changes:
        who = c.entity or p.focus
        rows.append(
            [
                c.node,
                crit.label(c.node, lang),
                p.result.names.get(who, who),
                c.value if not isinstance(c.value, bool) else int(c.value),
                c.note,
                c.source,
                c.author,
                c.date,
            ]
        )
    return rows


def _sources(p: Projection, lang: str) -> list[list[Any]]:
    fw = p.result.criteria.framework
    rows: list[list[Any]] = [[word("source", lang), word("date", lang), "URL", word("note", lang)]]
    rows.append(
        [
            f"{fw.name(lang)} — {fw.publisher}, {fw.edition}",
            None,
            None,
            fw.notes,
        ]
    )
    for s in fw.sources:
        rows.append([s.title, s.date, s.url, s.note_in(lang)])
    return rows
