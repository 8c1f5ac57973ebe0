"""`ictscore next` in table, JSON, CSV and Markdown: every node's next scoring step.

The JSON object is the contract: `focus`, and `steps`, each with `node`, `from`, `to`, `gain`
(root score after minus before), `rank`, and `lever` (id and cost) when one delivers the step.
"""

from __future__ import annotations

import json
from typing import Any

from ictscore.formats.criteria import Criteria, Indicator
from ictscore.planning.next_steps import NextStep, NextSteps
from ictscore.presentation import describe, display, i18n
from ictscore.presentation.i18n import N_
from ictscore.presentation.writers.tables import csv_table, for_format, json_number

_T = {
    "node": N_("Criterion"),
    "from": N_("Now"),
    "to": N_("Next step"),
    "gain": N_("Score gain"),
    "rank": N_("Rank"),
    "gap": N_("Gap to the one above"),
    "lever": N_("Cheapest lever"),
    "cost": N_("Cost"),
    "per100": N_("Score/100m"),
    "intro": N_("{name}: rank {rank}, {score} points — each criterion's next step"),
    "none": N_("No criterion can earn more: every one is at its best."),
}
"""Marked for the catalogue; `i18n.table(_T, lang)` gives them in the reader's language."""


def _lever(names: dict[str, dict[str, str]], s: NextStep, lang: str) -> str:
    if s.lever is None:
        return "—"
    name = names[s.lever.lever][lang]
    return f"{name} × {s.lever.units}" if s.lever.units > 1 else name


def next_json(ans: NextSteps, names: dict[str, str]) -> dict[str, Any]:
    def step(s: NextStep) -> dict[str, Any]:
        out: dict[str, Any] = {
            "node": s.node,
            "from": s.start,
            "to": s.to,
            "gain": json_number(s.gain),
            "node_gain": json_number(s.node_gain),
            "score": json_number(s.score),
            "rank": s.rank,
            "gap_above": json_number(s.gap_above),
        }
        if s.lever is not None:
            out["lever"] = {"id": s.lever.lever, "units": s.lever.units, "cost": s.lever.cost}
            out["per_100m"] = json_number(s.per_cost)
        return out

    return {
        "focus": {"id": ans.focus, "name": names.get(ans.focus, ans.focus)},
        "start": {"score": json_number(ans.start_score), "rank": ans.start_rank},
        "steps": [step(s) for s in ans.steps],
    }


def render_next(
    ans: NextSteps, names: dict[str, str], crit: Criteria, lever_names: dict[str, dict[str, str]],
    fmt: str, lang: str,
) -> str:  # fmt: skip
    if fmt == "json":
        return json.dumps(next_json(ans, names), ensure_ascii=False, indent=2) + "\n"
    T = i18n.table(_T, lang)
    dec = crit.decimals(crit.root)

    def value(node: str, v: object) -> str:
        ind = crit.nodes[node]
        if isinstance(ind, Indicator):
            return describe.value(ind, v, lang)
        return display.number(float(v), crit.decimals(node), lang)  # type: ignore[arg-type]

    head = [T["node"], T["from"], T["to"], T["gain"], T["rank"], T["gap"], T["lever"], T["cost"]]
    rows = [
        [
            display.label(crit, s.node, lang, both=fmt != "table"),
            value(s.node, s.start),
            value(s.node, s.to),
            display.number(s.gain, dec, lang, sign=True),
            str(s.rank),
            display.number(s.gap_above, dec, lang),
            _lever(lever_names, s, lang),
            display.money_short(s.lever.cost, lang) if s.lever else "—",
        ]
        for s in ans.steps
    ]
    if fmt == "csv":
        return csv_table(
            ["node", "from", "to", "gain", "rank", "gap_above", "lever", "cost"],
            [
                [
                    s.node, str(s.start), str(s.to), repr(json_number(s.gain)), str(s.rank),
                    "" if s.gap_above is None else repr(json_number(s.gap_above)),
                    s.lever.lever if s.lever else "", "" if s.lever is None else repr(s.lever.cost),
                ]
                for s in ans.steps
            ],
        )  # fmt: skip
    table = for_format(fmt)
    intro = T["intro"].format(
        name=names.get(ans.focus, ans.focus),
        rank=ans.start_rank,
        score=display.number(ans.start_score, dec, lang),
    )
    body = table(head, rows, {1, 2, 3, 4, 5, 7}) if rows else T["none"] + "\n"
    return intro + "\n\n" + body
