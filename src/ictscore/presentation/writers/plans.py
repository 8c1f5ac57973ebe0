"""Text renderings of a plan and of a goal seek: table, JSON, CSV and Markdown.

The JSON objects are the contract (`plan`: levers, cost, projected.score/rank; `seek`: options
of node, value, rank, or an empty list with a reason); the other formats show the same content.
Floats are rounded to 6 decimals so that the golden files do not depend on float noise.
"""

from __future__ import annotations

import json
from typing import Any

from ictscore.formats.criteria import Criteria, Indicator
from ictscore.planning.combine import Combination
from ictscore.planning.planner import PlanReport
from ictscore.planning.reasons import Reason
from ictscore.planning.seek import SeekAnswer
from ictscore.presentation import display, i18n
from ictscore.presentation.i18n import N_, NP_
from ictscore.presentation.reasons import reason_text
from ictscore.presentation.writers.tables import csv_table, for_format, json_number

_T = {
    "lever": N_("Lever"),
    "cost": N_("Cost"),
    "units": N_("Units"),
    "chosen": N_("Chosen"),
    "gain": N_("Score gain"),
    "rank_gain": N_("Rank gain"),
    "per100": NP_("heading", "Score/100m"),
    "rank_per100": NP_("heading", "Rank/100m"),
    "budget": N_("Budget"),
    "start": N_("Start"),
    "projected": N_("Projected"),
    "target": N_("Target rank"),
    "reached": N_("reached"),
    "uncertain": N_("uncertain"),
    "deterministic": N_("deterministic rank"),
    "missed": N_("not reached"),
    "next_year": N_("Next year (the peers improve too)"),
    "own": N_("own improvement"),
    "norm": N_("normalisation shift"),
    "peers": N_("peers' changes"),
    "mc": N_("Monte Carlo"),
    "median": N_("median rank"),
    "interval": N_("80 % interval"),
    "p_target": N_("probability of the target rank"),
    "node": N_("Criterion"),
    "from": N_("Now"),
    "to": N_("Needed"),
    "rank": N_("Rank"),
    "score": N_("Score"),
    "unreachable": N_("Unreachable"),
    "estimate": N_("(estimate)"),
    "rank_word": N_("rank"),
    "combination": N_("Cheapest combination"),
}


# --- plan ------------------------------------------------------------------------------------


def plan_json(rep: PlanReport) -> dict[str, Any]:
    sc, m, o = rep.scenario, rep.model, rep.outcome
    f = sc.focus
    out: dict[str, Any] = {
        "scenario": sc.name,
        "focus": {"id": f, "name": rep.start.names[f]},
        "start_from": rep.start_from,
        "budget": rep.question.budget,
        "target_rank": rep.question.target_rank or sc.file.target_rank,
        "mode": rep.mode,
        "objective": rep.question.objective,
        "reached": rep.reached,
        "verdict": rep.verdict,
        "levers": rep.chosen,
        "units": {lv.id: u for lv, u in zip(m.levers, o.units, strict=True) if u},
        "cost": o.cost,
        "start": {"score": json_number(rep.start.score(f)), "rank": rep.start.rank(f)},
        "projected": {"score": json_number(o.score), "rank": o.rank},
        "values": {n: v for n, v in m.values(o.units).items()},
        "lever_gains": [
            {
                "id": g.lever,
                "name_vi": m.levers[m.index[g.lever]].name_vi,
                "name_en": m.levers[m.index[g.lever]].name_en,
                "estimate": m.levers[m.index[g.lever]].estimate,
                "cost": g.cost,
                "score_gain": json_number(g.score_gain),
                "rank_gain": g.rank_gain,
                "score_per_100m": json_number(g.score_per_100m),
                "rank_per_100m": json_number(g.rank_per_100m),
            }
            for g in rep.gains
        ],
    }
    if rep.next_year is not None:
        a = rep.next_year.attribution
        out["next_year"] = {
            "score": json_number(rep.next_year.result.score(f)),
            "rank": rep.next_year.result.rank(f),
            "attribution": {
                "from_rank": a.before_rank,
                "to_rank": a.after_rank,
                "own": a.own,
                "normalisation": a.normalisation,
                "peers": a.peers,
            },
        }
    if rep.distribution is not None:
        d = rep.distribution.as_dict()
        d["mean_score"] = json_number(rep.distribution.mean_score)
        out["monte_carlo"] = d
    return out


def render_plan(rep: PlanReport, fmt: str, lang: str) -> str:
    if fmt == "json":
        return json.dumps(plan_json(rep), ensure_ascii=False, indent=2) + "\n"
    head, rows, right = _lever_rows(rep, lang)
    if fmt == "csv":
        return csv_table(head, rows)
    table = for_format(fmt)
    lines = _plan_summary(rep, lang)
    if fmt == "markdown":
        lines = [f"- {ln}" for ln in lines]
    return "\n".join(lines) + "\n\n" + table(head, rows, right)


def _lever_rows(rep: PlanReport, lang: str) -> tuple[list[str], list[list[str]], set[int]]:
    T = i18n.table(_T, lang)
    m, o = rep.model, rep.outcome
    gains = {g.lever: g for g in rep.gains}
    head = [T["chosen"], T["lever"], T["cost"], T["gain"], T["rank_gain"], T["per100"],
            T["rank_per100"]]  # fmt: skip
    rows = []
    for lv, u in zip(m.levers, o.units, strict=True):
        g = gains[lv.id]
        name = lv.name(lang)
        mark = ("✓" if u else "") + (f" ×{u}" if u and lv.divisible else "")
        rows.append(
            [
                mark,
                name,
                display.money(g.cost, lang) + (" *" if lv.estimate else ""),
                display.number(g.score_gain, 1, lang, sign=True),
                display.rank_move(g.rank_gain) or "=",
                display.number(g.score_per_100m, 2, lang),
                display.number(g.rank_per_100m, 2, lang),
            ]
        )
    return head, rows, {2, 3, 4, 5, 6}


def _plan_summary(rep: PlanReport, lang: str) -> list[str]:
    T = i18n.table(_T, lang)
    f = rep.scenario.focus
    o = rep.outcome
    crit = rep.start.criteria
    dec = crit.decimals(crit.root)
    lines = [
        f"{rep.start.names[f]} — {T['budget']}: {display.money(rep.question.budget, lang)}",
        f"{T['start']}: {display.number(rep.start.score(f), dec, lang)} "
        f"({T['rank_word']} {rep.start.rank(f)})  →  {T['projected']}: "
        f"{display.number(o.score, dec, lang)} ({T['rank_word']} {o.rank}), "
        f"{T['cost']}: {display.money(o.cost, lang)} {T['estimate']}",
    ]
    target = rep.question.target_rank or rep.scenario.file.target_rank
    verdict = rep.verdict
    if target is not None and verdict is not None:
        word = {"reached": T["reached"], "missed": T["missed"], "uncertain": T["uncertain"]}
        prob = None if rep.distribution is None else rep.distribution.p_target
        if prob is None:
            lines.append(f"{T['target']} {target}: {word[verdict]}")
        else:
            # the probability leads, the deterministic rank beside it, each labelled
            lines.append(
                f"{T['target']} {target}: {T['p_target']} {display.percent(prob, 1, lang)} "
                f"({T['mc']}), {T['deterministic']} {o.rank}: {word[verdict]}"
            )
    if rep.next_year is not None:
        a = rep.next_year.attribution
        lines.append(
            f"{T['next_year']}: {T['rank_word']} {a.after_rank} "
            f"({display.rank_move(a.own) or '='} {T['own']}, "
            f"{display.rank_move(a.normalisation) or '='} {T['norm']}, "
            f"{display.rank_move(a.peers) or '='} {T['peers']})"
        )
    d = rep.distribution
    if d is not None:
        p = (
            ""
            if d.p_target is None
            else f", {T['p_target']} {display.percent(d.p_target, 1, lang)}"
        )
        lines.append(
            f"{T['mc']} ({d.draws}): {T['median']} {display.number(d.median, 0, lang)}, "
            f"{T['interval']} {d.low}–{d.high}{p}"
        )
    return lines


# --- seek ------------------------------------------------------------------------------------


def combination_json(c: Combination | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "values": c.values,
        "cost": json_number(c.cost),
        "score": json_number(c.score),
        "rank": c.rank,
    }


def seek_json(
    ans: SeekAnswer, names: dict[str, str], combo: Combination | None = None, costs: bool = False
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "focus": {"id": ans.focus, "name": names.get(ans.focus, ans.focus)},
        "goal": ans.goal.describe(),
        "target_rank": ans.target_rank,
        "start": {"score": json_number(ans.start_score), "rank": ans.start_rank},
        "options": [
            {
                "node": o.node,
                "from": o.start_value,
                "value": o.value,
                "rank": o.rank,
                "score": json_number(o.score),
                "verified": o.verified,
            }
            for o in ans.options
        ],
        "unreachable": [{"node": n, "reason": r.to_json()} for n, r in ans.unreachable.items()],
    }
    if ans.reason is not None:
        out["reason"] = ans.reason.to_json()
    if costs:
        out["combination"] = combination_json(combo)
    return out


def render_seek(
    ans: SeekAnswer,
    names: dict[str, str],
    crit: Any,
    fmt: str,
    lang: str,
    combo: Combination | bool | None = False,
) -> str:
    """`combo` False: no combination was asked for; None: asked for, but none reaches the rank."""
    asked = combo is not False
    found = combo if isinstance(combo, Combination) else None
    if fmt == "json":
        data = seek_json(ans, names, found, asked)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    T = i18n.table(_T, lang)
    head = [T["node"], T["from"], T["to"], T["rank"], T["score"]]
    dec = crit.decimals(crit.root)
    rows = [
        [
            display.label(crit, o.node, lang, both=fmt != "table"),
            _value(o.start_value, lang, crit, o.node),
            _value(o.value, lang, crit, o.node),
            str(o.rank),
            display.number(o.score, dec, lang),
        ]
        for o in ans.options
    ]
    if fmt == "csv":
        return csv_table(["node", "from", "value", "rank", "score"], [
            [o.node, str(o.start_value), str(o.value), str(o.rank), repr(json_number(o.score))]
            for o in ans.options
        ])  # fmt: skip
    table = for_format(fmt)
    goal = _goal_text(ans, names, lang)
    intro = (
        f"{names.get(ans.focus, ans.focus)}: {T['rank_word']} {ans.start_rank}, "
        f"{display.number(ans.start_score, dec, lang)} → {goal}"
    )
    if rows:
        body = table(head, rows, {1, 2, 3, 4})
    else:
        why = ans.reason.code if ans.reason is not None else "no_single_node_reaches"
        body = reason_text(Reason(why), lang).capitalize() + ".\n"
    if asked:
        body += "\n" + _combination_text(found, crit, lang) + "\n"
    return intro + "\n\n" + body


def _goal_text(ans: SeekAnswer, names: dict[str, str], lang: str) -> str:
    g = ans.goal
    if g.overtake is not None:
        return i18n.gettext("overtake {name}", lang, name=names.get(g.overtake, g.overtake))
    if g.gain is not None:
        places = (
            i18n.gettext("+{n} place", lang, n=g.gain)
            if g.gain == 1
            else i18n.gettext("+{n} places", lang, n=g.gain)
        )
        return places + " (" + i18n.gettext("rank {rank}", lang, rank=ans.target_rank) + ")"
    return i18n.gettext("rank {rank}", lang, rank=ans.target_rank)


def _combination_text(c: Combination | None, crit: Any, lang: str) -> str:
    T = i18n.table(_T, lang)
    if c is None:
        return f"{T['combination']}: {T['unreachable']}"
    parts = ", ".join(
        f"{display.label(crit, n, lang, both=False)} = {_value(v, lang)}"
        for n, v in c.values.items()
    )
    return (
        f"{T['combination']}: {parts} — {T['cost']} {display.money(c.cost, lang)}, "
        f"{T['rank_word']} {c.rank}"
    )


def _value(v: object, lang: str, crit: Criteria | None = None, node: str = "") -> str:
    ind = crit.nodes.get(node) if crit is not None else None
    label = ind.rule.label(v, lang) if isinstance(ind, Indicator) else None
    if label is not None:
        return label
    if isinstance(v, float):
        return display.number(v, 0 if v == int(v) else 4, lang)
    return "—" if v is None else str(v)
