"""A unit's history as a table, JSON, CSV or Markdown: what `ictscore history` prints.

Pure functions from `planning.history.UnitHistory` to strings; the sentences come from
`presentation.history`, so the command and the report say the same. Faces reach this through
the registry in `ictscore.presentation.writers`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from ictscore.planning.history import UnitHistory
from ictscore.presentation import display, i18n
from ictscore.presentation.history import latest_lines, lineage_line, series_label, unit_name
from ictscore.presentation.i18n import N_
from ictscore.presentation.writers.tables import for_format

Labels = Mapping[str, Mapping[str, str]]

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
}


def render_history(uh: UnitHistory, fmt: str, lang: str, labels: Labels) -> str:
    if fmt == "json":
        return json.dumps(as_json(uh, lang), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return as_csv(uh, lang)
    return as_text(uh, lang, labels, fmt)


def _columns(uh: UnitHistory) -> list[str]:
    used = {c for st in uh.standings() for c in st.row.values}
    return [c for c in uh.history.value_columns if c in used]


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
                "edition": st.edition,
                "list": st.row.list,
                "of": st.of,
                "rank": st.rank,
                "id": st.row.id,
                "unit": series_label(st.series, lang),
                "relation": st.series.relation,
                "total": st.row.total,
                "values": dict(st.row.values),
                "change": st.change,
                "status": st.row.status,
                "source": st.row.source,
                "note": st.row.note,
            }
            for st in uh.standings()
        ],
        "summary": latest_lines(uh, lang),
    }


def as_csv(uh: UnitHistory, lang: str) -> str:
    cols = _columns(uh)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    head = ["edition", "list", "of", "rank", "id", "unit", "relation", "total", *cols]
    w.writerow([*head, "change", "status", "source", "note"])
    for st in uh.standings():
        r = st.row
        w.writerow(
            [
                r.edition,
                r.list,
                r.of,
                "" if r.rank is None else r.rank,
                r.id,
                series_label(st.series, lang),
                st.series.relation,
                "" if r.total is None else r.total,
                *[r.values.get(c, "") for c in cols],
                "" if st.change is None else st.change,
                r.status,
                r.source,
                r.note,
            ]
        )
    return out.getvalue()


def as_text(uh: UnitHistory, lang: str, labels: Labels, fmt: str) -> str:
    t = i18n.table(_T, lang)
    markdown = fmt == "markdown"
    h = "## " if markdown else ""
    title = f"{t['title']} {uh.history.family.upper()} — {unit_name(uh, lang)}"
    out = [f"{'# ' if markdown else ''}{title}", ""]
    line = lineage_line(uh, lang)
    if line:
        out += [line, ""]
    standings = uh.standings()
    if not standings:
        out.append(t["none"])
        return "\n".join(out) + "\n"
    cols = _columns(uh)
    head = [t["year"], t["unit"], t["rank"], "±", t["score"]]
    head += [labels.get(c, {}).get(lang, c) for c in cols]
    head += [t["status"], t["source"]]
    sources: list[str] = []
    rows = []
    for st in standings:
        r = st.row
        if r.source not in sources:
            sources.append(r.source)
        rows.append(
            [
                str(r.edition),
                series_label(st.series, lang),
                "—" if r.rank is None else f"{r.rank}/{r.of}",
                display.rank_move(st.change),
                display.number(r.total, 4, lang) if r.total is not None else "—",
                *[display.number(r.values[c], 4, lang) if c in r.values else "—" for c in cols],
                t[r.status],
                f"[{sources.index(r.source) + 1}]",
            ]
        )
    right = {0, 2, 4, *range(5, 5 + len(cols))}
    out.append(for_format(fmt)(head, rows, right))
    summary = latest_lines(uh, lang)
    if summary:
        out += [f"{h}{t['summary']}", "", *(f"- {x}" for x in summary), ""]
    out += [f"{h}{t['sources']}", ""]
    out += [f"[{k}] {src}" + ("  " if markdown else "") for k, src in enumerate(sources, 1)]
    return "\n".join(out).rstrip() + "\n"
