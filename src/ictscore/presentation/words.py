"""The words of reports and exports, by key: English in the "report" context of the catalogue.

The keys stay so that every report writer (Markdown, HTML, spreadsheets, documents) asks for a
phrase the same way; the Vietnamese (and any other language) is in `ictscore.po`.
"""

from __future__ import annotations

from ictscore.presentation import i18n
from ictscore.presentation.i18n import NP_

_WORDS = {
    "title": NP_("report", "Draft report: {focus} — {framework}"),
    "draft": NP_(
        "report", "Draft prepared by ictscore from the scenario “{scenario}”, for the leadership."
    ),
    "s_current": NP_("report", "Where we stand"),
    "current_line": NP_(
        "report", "{focus} scores **{score}** on the {root}, ranked **{rank} of {n}**{grade}."
    ),
    "grade_part": NP_("report", ", graded {grade}"),
    "s_strengths": NP_("report", "Strengths and weaknesses"),
    "sw_intro": NP_(
        "report",
        "Against the overall rank ({rank} of {n}): indicators ranked {k} or more places "
        "better (strengths) or worse (weaknesses).",
    ),
    "strengths": NP_("report", "Strengths"),
    "weaknesses": NP_("report", "Weaknesses"),
    "s_whatif": NP_("report heading", "What-if"),
    "no_changes": NP_("report", "The scenario changes nothing yet."),
    "whatif_line": NP_(
        "report",
        "With the changes below ({k}), {focus} would score **{score}** ({delta}), "
        "ranked **{rank} of {n}** ({move}).",
    ),
    "target_met": NP_("report", "Target rank {target}: **reached**."),
    "target_missed": NP_("report", "Target rank {target}: **not reached** ({gap} short)."),
    "s_plan": NP_("report", "Plan"),
    "plan_total": NP_("report", "Total cost: **{cost}**"),
    "plan_budget": NP_("report", " (budget: {budget})"),
    "plan_projected": NP_(
        "report", "Projected rank after the plan: **{rank} of {n}** (others unchanged)"
    ),
    "plan_next_year": NP_("report", "; next year, as the others improve too: rank {rank}"),
    "plan_range": NP_("report", ", 80 % interval {lo}–{hi}"),
    "plan_probability": NP_("report", "; chance of reaching the target: {p}"),
    "plan_target_reached": NP_("report", "Target rank {target} after the plan: **reached**."),
    "plan_target_missed": NP_("report", "Target rank {target} after the plan: **not reached**."),
    "plan_target_uncertain": NP_(
        "report",
        "Target rank {target} after the plan: **uncertain** (the projected rank and the "
        "simulation disagree).",
    ),
    "estimate": NP_("report", "estimate"),
    "s_charts": NP_("report", "Charts"),
    "chart_pillars": NP_("report", "Pillar scores against the leader (baseline → what-if)"),
    "chart_gaps": NP_("report", "Indicator ranks against the overall rank (positive: better)"),
    "history": NP_("report", "Rank over the years"),
    "history_source": NP_("report", "Ranks of past editions: {sources}"),
    "year": NP_("report", "Year"),
    "unit": NP_("report", "Unit"),
    "s_sources": NP_("report", "Sources"),
    "criteria_source": NP_("report", "Criteria: {name} ({publisher}, {edition})."),
    "representative": NP_("report", "{k} criteria are representative, not from the official list."),
    "data_source": NP_("report", "Data of {focus}: {source}"),
    "changed_numbers": NP_("report", "Source of each changed number"),
    "none": NP_("report", "(none)"),
    "criterion": NP_("report", "Criterion"),
    "score": NP_("report", "Score"),
    "rank": NP_("report", "Rank"),
    "leader": NP_("report", "Leader"),
    "value": NP_("report", "Value"),
    "gap": NP_("report", "Rank gap"),
    "baseline": NP_("report", "Baseline"),
    "whatif": NP_("report", "What-if"),
    "score_change": NP_("report", "Score change"),
    "rank_change": NP_("report", "Rank change"),
    "entity": NP_("report", "Entity"),
    "note": NP_("report", "Note"),
    "source": NP_("report", "Source"),
    "author": NP_("report", "Author"),
    "date": NP_("report", "Date"),
    "name": NP_("report", "Name"),
    "grade": NP_("report", "Grade"),
    "lever": NP_("report", "Lever"),
    "cost": NP_("report", "Cost"),
    "effect": NP_("report", "Effect"),
    "chosen": NP_("report", "Chosen"),
    "yes": NP_("report", "Yes"),
    "no": NP_("report", "No"),
    "places_up": NP_("report", "up {k}"),
    "places_down": NP_("report", "down {k}"),
    "places_same": NP_("report", "same rank"),
    "sheet_ranking": NP_("report", "Ranking"),
    "sheet_focus": NP_("report", "Focus"),
    "sheet_data": NP_("report", "Data"),
    "sheet_changes": NP_("report", "Changes"),
    "sheet_sources": NP_("report", "Sources"),
}


def tr(key: str, lang: str, **fields: object) -> str:
    return i18n.gettext(_WORDS[key], lang, **fields)


def places(gain: int | None, lang: str) -> str:
    if not gain:
        return tr("places_same", lang)
    return tr("places_up", lang, k=gain) if gain > 0 else tr("places_down", lang, k=-gain)
