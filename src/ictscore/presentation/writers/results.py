"""Text renderings of a projection and a comparison: table, JSON, CSV and Markdown.

Pure functions from planning objects to strings, so golden tests can pin every byte. Faces reach
them through the registry in `ictscore.presentation.writers`, never directly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ictscore.engine.result import Result
from ictscore.formats.scenario import Change
from ictscore.planning.whatif import Projection, display_order
from ictscore.presentation import display, i18n
from ictscore.presentation.i18n import N_, NP_
from ictscore.presentation.notes import NOTES_HEADING
from ictscore.presentation.writers.tables import md_table, text_table

if TYPE_CHECKING:  # `compute` does not compare: the comparison's module stays unimported there
    from ictscore.planning.compare import Comparison

_T = {
    "node": N_("Criterion"),
    "baseline": N_("Baseline"),
    "whatif": N_("What-if"),
    "change": N_("Change"),
    "rank": N_("Rank"),
    "score": N_("Score"),
    "entity": N_("Entity"),
    "grade": N_("Grade"),
    "ranking": NP_("heading", "Ranking"),
    "focus": N_("Focus entity"),
    "peers": N_("Peers"),
    "changes": N_("Changes"),
    "none": N_("(no changes)"),
    "differs": N_("Differs"),
    "only": N_("Only in"),
    "of": N_("of"),
    "notes": NOTES_HEADING,
}


def t(key: str, lang: str) -> str:
    return i18n.gettext(_T[key], lang)


# --- JSON ------------------------------------------------------------------------------------


def projection_json(
    p: Projection,
    changes: list[Change],
    formed_from: Mapping[str, Sequence[str]] | None = None,
    notes: Sequence[str] = (),
) -> dict[str, Any]:
    """`formed_from` (unit → former units) marks units ranked from their predecessors' data."""
    r, b = p.result, p.baseline
    lineage = formed_from or {}
    crit = r.criteria
    nodes = display_order(r)
    entities: list[dict[str, Any]] = []
    for eid in r.order():
        i = r.index(eid)
        g = r.grade(eid)
        entities.append(
            {
                "id": eid,
                "name": r.names[eid],
                "score": r.scores[crit.root][i],
                "rank": r.ranks[crit.root][i],
                "baseline_rank": b.ranks[crit.root][i],
                "grade": None if g is None else {"vi": g.label_vi, "en": g.label_en},
                "nodes": {n: r.scores[n][i] for n in nodes},
                "ranks": {n: r.ranks[n][i] for n in nodes},
            }
        )
        if eid in lineage:
            entities[-1]["formed_from"] = list(lineage[eid])
    f = p.focus
    out: dict[str, Any] = {
        "framework": {
            "id": crit.framework.id,
            "name_vi": crit.framework.name_vi,
            "name_en": crit.framework.name_en,
            "root": crit.root,
        },
        "scenario": p.scenario_name,
        "entities": entities,
        "focus": {
            "id": f,
            "name": r.names[f],
            "baseline": {"score": b.score(f), "rank": b.rank(f)},
            "scenario": {"score": r.score(f), "rank": r.rank(f)},
            "nodes": {
                d.node: {
                    "baseline": {"score": d.baseline_score, "rank": d.baseline_rank},
                    "scenario": {"score": d.scenario_score, "rank": d.scenario_rank},
                }
                for d in p.deltas()
            },
        },
        "peers": {n: list(r.peer_ids(n)) for n in nodes if n in r.peers},
        "changes": [c.model_dump(exclude_none=True) for c in changes],
    }
    if notes:
        out["notes"] = list(notes)
    return out


def projection_to_json(
    p: Projection,
    changes: list[Change],
    formed_from: Mapping[str, Sequence[str]] | None = None,
    notes: Sequence[str] = (),
) -> str:
    data = projection_json(p, changes, formed_from, notes)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- CSV -------------------------------------------------------------------------------------


def projection_to_csv(p: Projection) -> str:
    r, b = p.result, p.baseline
    nodes = display_order(r)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "name", "focus", "baseline_rank", "rank", "baseline_score", "score", *nodes])
    root = r.criteria.root
    for eid in r.order():
        i = r.index(eid)
        w.writerow(
            [
                eid,
                r.names[eid],
                "1" if eid == p.focus else "",
                b.ranks[root][i],
                r.ranks[root][i],
                _num(b.scores[root][i]),
                _num(r.scores[root][i]),
                *[_num(r.scores[n][i]) for n in nodes],
            ]
        )
    return out.getvalue()


def notes_to_csv(notes: Sequence[str], lang: str) -> str:
    """The notes as rows under a CSV table, for the file a person opens in Excel.

    Excel shows a CSV as one sheet, so the notes can only be rows of it: after a blank row, each
    in a row of its own headed "Ghi chú" in the first column, the sentence beside it, as compute
    prints them under its table. A heading in the first cell is also what `ictscore import`
    takes for a note row, so the file still reads back as data. Standard output (`compute
    --format csv`) stays one table: programs read it.
    """
    if not notes:
        return ""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([])
    heading = i18n.gettext(NOTES_HEADING, lang)
    for n in notes:
        w.writerow([heading, n])
    return out.getvalue()


def _num(v: float | None) -> str:
    return "" if v is None else repr(round(v, 10))


# --- table and Markdown ----------------------------------------------------------------------


def _focus_rows(p: Projection, lang: str, markdown: bool) -> list[list[str]]:
    crit = p.result.criteria
    rows = []
    for d in p.deltas():
        depth = _depth(crit, d.node)
        dec = crit.decimals(d.node)
        rows.append(
            [
                "  " * depth + display.label(crit, d.node, lang, both=markdown and lang != "vi"),
                display.number(d.baseline_score, dec, lang),
                _rank(d.baseline_rank),
                display.number(d.scenario_score, dec, lang),
                _rank(d.scenario_rank),
                display.number(d.score_change, dec, lang, sign=True) if d.score_change else "",
                display.rank_move(d.rank_change) if d.rank_change else "",
            ]
        )
    return rows


def _depth(crit: Any, node: str) -> int:
    depth = 0
    n = node
    while crit.parents[n] and n != crit.root:
        n = crit.parents[n][0]
        depth += 1
    return depth


def _rank(r: int | None) -> str:
    return "—" if r is None else str(r)


def _ranking_rows(p: Projection, lang: str) -> list[list[str]]:
    r, b = p.result, p.baseline
    crit = r.criteria
    root = crit.root
    rows = []
    for eid in r.order():
        i = r.index(eid)
        br, nr = b.ranks[root][i], r.ranks[root][i]
        gain = None if br is None or nr is None else br - nr
        g = r.grade(eid)
        mark = "►" if eid == p.focus else ""
        rows.append(
            [
                mark + _rank(nr),
                display.rank_move(gain) if gain else "",
                r.names[eid],
                display.number(r.scores[root][i], crit.decimals(root), lang),
                "" if g is None else (g.label_vi if lang == "vi" else g.label_en),
            ]
        )
    return rows


def _heads(lang: str) -> tuple[list[str], list[str]]:
    focus_head = [
        t("node", lang),
        t("baseline", lang),
        t("rank", lang),
        t("whatif", lang),
        t("rank", lang),
        t("change", lang),
        "",
    ]
    rank_head = [t("rank", lang), "±", t("entity", lang), t("score", lang), t("grade", lang)]
    return focus_head, rank_head


def _changes_lines(p: Projection, changes: list[Change], lang: str) -> list[str]:
    crit = p.result.criteria
    if not changes:
        return [t("none", lang)]
    out = []
    for c in changes:
        who = c.entity or p.focus
        extra = c.audit_text()
        out.append(
            f"- {p.result.names.get(who, who)}: {display.label(crit, c.node, lang, False)}"
            f" = {_value(c.value, lang)}" + (f" ({extra})" if extra else "")
        )
    return out


def _value(v: object, lang: str) -> str:
    if isinstance(v, float):
        return display.short(v, 4, lang)
    return str(v)


def _peer_lines(r: Result, lang: str) -> list[str]:
    out = []
    for n, idx in r.peers.items():
        if len(idx) != len(r.entity_ids):
            names = ", ".join(r.entity_ids[i] for i in idx)
            out.append(f"- {display.label(r.criteria, n, lang, False)}: {names}")
    return out


def projection_to_text(
    p: Projection, changes: list[Change], lang: str, markdown: bool, notes: Sequence[str] = ()
) -> str:
    crit = p.result.criteria
    fw = crit.framework
    title = fw.name(lang)
    focus_head, rank_head = _heads(lang)
    table = md_table if markdown else text_table
    h = "## " if markdown else ""
    out = [f"{'# ' if markdown else ''}{title} — {p.scenario_name}", ""]
    out += [f"{h}{t('focus', lang)}: {p.result.names[p.focus]} ({p.focus})", ""]
    out.append(table(focus_head, _focus_rows(p, lang, markdown), {1, 2, 3, 4, 5}))
    out += [f"{h}{t('changes', lang)}", "", *_changes_lines(p, changes, lang), ""]
    out += [f"{h}{t('ranking', lang)}", ""]
    out.append(table(rank_head, _ranking_rows(p, lang), {0, 3}))
    peers = _peer_lines(p.result, lang)
    if peers:
        out += [f"{h}{t('peers', lang)}", "", *peers, ""]
    if notes:
        out += [f"{h}{t('notes', lang)}", "", *(f"- {n}" for n in notes), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_projection(
    p: Projection,
    changes: list[Change],
    fmt: str,
    lang: str,
    formed_from: Mapping[str, Sequence[str]] | None = None,
    notes: Sequence[str] = (),
) -> str:
    if fmt == "json":
        return projection_to_json(p, changes, formed_from, notes)
    if fmt == "csv":
        return projection_to_csv(p)
    return projection_to_text(p, changes, lang, markdown=fmt == "markdown", notes=notes)


# --- comparison ------------------------------------------------------------------------------


def comparison_json(c: Comparison) -> dict[str, Any]:
    return {
        "scenarios": [
            {
                "name": n,
                "label": lab,
                "file": file,
                "focus": f,
                "changes": [x.model_dump(exclude_none=True) for x in chs],
            }
            for n, lab, file, f, chs in zip(
                c.names, c.labels, c.files, c.focus, c.changes, strict=True
            )
        ],
        "nodes": [
            {
                "node": row.node,
                "differs": row.differs,
                "cells": [
                    {
                        "baseline": {"score": d.baseline_score, "rank": d.baseline_rank},
                        "scenario": {"score": d.scenario_score, "rank": d.scenario_rank},
                    }
                    for d in row.cells
                ],
            }
            for row in c.rows
        ],
    }


def render_comparison(c: Comparison, criteria: Any, fmt: str, lang: str) -> str:
    if fmt == "json":
        return json.dumps(comparison_json(c), ensure_ascii=False, indent=2) + "\n"
    shared = c.shared_baseline
    head = [t("node", lang)] + ([t("baseline", lang)] if shared else [])
    for n in c.labels:
        if not shared:
            head.append(f"{t('baseline', lang)} ({n})")
        head += [n, t("rank", lang)]
    head.append(t("differs", lang))
    rows = []
    for row in c.rows:
        dec = criteria.decimals(row.node)
        cells = [display.label(criteria, row.node, lang, fmt == "csv")]
        for k, d in enumerate(row.cells):
            if k == 0 or not shared:
                cells.append(
                    f"{display.number(d.baseline_score, dec, lang)} ({_rank(d.baseline_rank)})"
                )
            cells += [display.number(d.scenario_score, dec, lang), _rank(d.scenario_rank)]
        cells.append("≠" if row.differs else "")
        rows.append(cells)
    if fmt == "csv":
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        per = ("baseline_score", "baseline_rank") if not shared else ()
        w.writerow(
            [
                "node",
                *(("baseline_score", "baseline_rank") if shared else ()),
                *[f"{k}_{n}" for n in c.labels for k in (*per, "score", "rank")],
                "differs",
            ]
        )
        for row in c.rows:
            first = row.cells[0]
            w.writerow(
                [
                    row.node,
                    *((_num(first.baseline_score), first.baseline_rank) if shared else ()),
                    *[
                        x
                        for d in row.cells
                        for x in (
                            *((_num(d.baseline_score), d.baseline_rank) if not shared else ()),
                            _num(d.scenario_score),
                            d.scenario_rank,
                        )
                    ],
                    int(row.differs),
                ]
            )
        return out.getvalue()
    md = fmt == "markdown"
    table = md_table if md else text_table
    right = set(range(1, len(head) - 1))
    out_lines = [table(head, rows, right)]
    for k, name in enumerate(c.labels):
        only = c.only_in(k)
        out_lines.append(f"{'### ' if md else ''}{t('only', lang)} {name}:")
        out_lines.append("")
        if not only:
            out_lines.append(t("none", lang))
        for ch in only:
            extra = ch.audit_text()
            name = (
                display.label(criteria, ch.node, lang, False)
                if ch.node in criteria.nodes
                else ch.node
            )
            out_lines.append(
                f"- {ch.entity or c.focus[k]}: {name} = {_value(ch.value, lang)}"
                + (f" ({extra})" if extra else "")
            )
        out_lines.append("")
    return "\n".join(out_lines).rstrip("\n") + "\n"
