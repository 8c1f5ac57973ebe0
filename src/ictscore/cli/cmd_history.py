"""`ictscore history ENTITY`: a unit's score and rank in every edition, following its lineage.

Reads the bundled results files (criteria/history/<family>-*.csv) and entity lists; the new
Bắc Ninh shows its own 2024 result and, before the merger, the former Bắc Ninh's and Bắc
Giang's, each labelled. Vietnamese by default, like every output a leadership reads.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from ictscore.cli.common import add_format, emit
from ictscore.formats.criteria import Criteria, load_criteria
from ictscore.planning.history import UnitHistory, latest_phrases, load_unit_history
from ictscore.presentation import display, i18n
from ictscore.presentation.i18n import N_
from ictscore.presentation.writers.results import _md_table, _text_table
from ictscore.resources import bundled_root

_T = {
    "title": N_("Ranking history"),
    "year": N_("Year"),
    "unit": N_("Unit"),
    "rank": N_("Rank"),
    "score": N_("Score"),
    "status": N_("Figures"),
    "source": N_("Source"),
    "sources": N_("Sources"),
    "summary": N_("In short"),
    "published": N_("published"),
    "derived": N_("derived"),
    "none": N_("(no published result of this unit)"),
    "formed": N_("{name} was formed on {date} from: {parts}."),
    "became": N_("From {date}, {name} is part of {new}."),
}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "history",
        help="a unit's score and rank in every published edition, following its lineage",
        description="The published results of one unit in every edition of a ranking; a unit "
        "formed by a merger shows those of the units it was formed from before it.",
    )
    p.add_argument("entity", metavar="ENTITY", help="id or name of the unit (bac-ninh, 'Huế')")
    p.add_argument("--family", default="dti", help="the ranking (default: dti)")
    p.add_argument(
        "--entities",
        metavar="LIST",
        help="look the unit up in this entity list only (its id, e.g. vn-provinces for a "
        "former province that shares a new one's id)",
    )
    add_format(p, "results")  # the same four text layouts as results; its own writer below
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = bundled_root() / "criteria"
    uh = load_unit_history(root, args.entity, args.family, args.entities)
    emit(render(uh, args.format, args.lang, _labels(root, uh)), args.output, args.lang)
    return 0


def _labels(root: Path, uh: UnitHistory) -> dict[str, dict[str, str]]:
    """Names of the value columns (pillars) in both languages, from the editions' frameworks."""
    wanted = uh.history.frameworks()
    crits: list[Criteria] = []
    for path in sorted(root.glob("*.toml"), reverse=True):
        crit = load_criteria(path)
        if crit.framework.id in wanted:
            crits.append(crit)
    out: dict[str, dict[str, str]] = {}
    for col in uh.history.value_columns:
        known = next((c for c in crits if col in c.nodes), None)
        if known is not None:
            out[col] = {"vi": known.label(col, "vi"), "en": known.label(col, "en")}
    return out


def _date(d: dt.date, lang: str) -> str:
    if lang == "vi":
        return f"{d.day}/{d.month}/{d.year}"
    return f"{d.day} {d:%B} {d.year}"


def lineage_line(uh: UnitHistory, lang: str) -> str:
    t = i18n.table(_T, lang)
    rec = uh.names.records[uh.id]
    name = uh.names.name(uh.id) if lang == "vi" else (uh.names.name_en(uh.id) or uh.name)
    if uh.names.merged(uh.id) and rec.formed is not None:
        parts = ", ".join(s.label(lang) for s in uh.series if s.relation == "former")
        return t["formed"].format(name=name, date=_date(rec.formed, lang), parts=parts)
    succ = next((s for s in uh.series if s.relation == "successor"), None)
    if succ is not None and rec.ended is not None:
        return t["became"].format(name=name, date=_date(rec.ended, lang), new=succ.label(lang))
    return ""


def _columns(uh: UnitHistory) -> list[str]:
    used = {c for _, r in uh.rows() for c in r.values}
    return [c for c in uh.history.value_columns if c in used]


def render(uh: UnitHistory, fmt: str, lang: str, labels: dict[str, dict[str, str]]) -> str:
    if fmt == "json":
        return json.dumps(as_json(uh, lang), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return as_csv(uh, lang)
    return as_text(uh, lang, labels, markdown=fmt == "markdown")


def as_json(uh: UnitHistory, lang: str) -> dict[str, Any]:
    rec = uh.names.records[uh.id]
    return {
        "family": uh.history.family,
        "unit": {"id": uh.id, "name": uh.name, "list": uh.names.list_id},
        "formed_from": list(uh.names.formed_from(uh.id)) if uh.names.merged(uh.id) else [],
        "formed": rec.formed.isoformat() if rec.formed else None,
        "became": rec.became,
        "rows": [
            {
                "edition": r.edition,
                "list": r.list,
                "of": r.of,
                "rank": r.rank,
                "id": r.id,
                "unit": s.label(lang),
                "relation": s.relation,
                "total": r.total,
                "values": dict(r.values),
                "change": s.change(r),
                "status": r.status,
                "source": r.source,
                "note": r.note,
            }
            for s, r in uh.rows()
        ],
        "summary": latest_phrases(uh, lang),
    }


def as_csv(uh: UnitHistory, lang: str) -> str:
    cols = _columns(uh)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    head = ["edition", "list", "of", "rank", "id", "unit", "relation", "total", *cols]
    w.writerow([*head, "change", "status", "source", "note"])
    for s, r in uh.rows():
        change = s.change(r)
        w.writerow(
            [
                r.edition,
                r.list,
                r.of,
                "" if r.rank is None else r.rank,
                r.id,
                s.label(lang),
                s.relation,
                "" if r.total is None else r.total,
                *[r.values.get(c, "") for c in cols],
                "" if change is None else change,
                r.status,
                r.source,
                r.note,
            ]
        )
    return out.getvalue()


def as_text(uh: UnitHistory, lang: str, labels: dict[str, dict[str, str]], markdown: bool) -> str:
    t = i18n.table(_T, lang)
    h = "## " if markdown else ""
    name = uh.name if lang == "vi" else (uh.names.name_en(uh.id) or uh.name)
    out = [f"{'# ' if markdown else ''}{t['title']} {uh.history.family.upper()} — {name}", ""]
    line = lineage_line(uh, lang)
    if line:
        out += [line, ""]
    pairs = uh.rows()
    if not pairs:
        out.append(t["none"])
        return "\n".join(out) + "\n"
    cols = _columns(uh)
    head = [t["year"], t["unit"], t["rank"], "±", t["score"]]
    head += [labels.get(c, {}).get(lang, c) for c in cols]
    head += [t["status"], t["source"]]
    sources: list[str] = []
    rows = []
    for s, r in pairs:
        if r.source not in sources:
            sources.append(r.source)
        change = s.change(r)
        rows.append(
            [
                str(r.edition),
                s.label(lang),
                "—" if r.rank is None else f"{r.rank}/{r.of}",
                display.rank_move(change) if change is not None else "",
                display.number(r.total, 4, lang) if r.total is not None else "—",
                *[display.number(r.values[c], 4, lang) if c in r.values else "—" for c in cols],
                t[r.status],
                f"[{sources.index(r.source) + 1}]",
            ]
        )
    right = {0, 2, 4, *range(5, 5 + len(cols))}
    out.append((_md_table if markdown else _text_table)(head, rows, right))
    summary = latest_phrases(uh, lang)
    if summary:
        out += [f"{h}{t['summary']}", "", *(f"- {x}" for x in summary), ""]
    out += [f"{h}{t['sources']}", ""]
    out += [f"[{k}] {src}" + ("  " if markdown else "") for k, src in enumerate(sources, 1)]
    return "\n".join(out).rstrip() + "\n"
