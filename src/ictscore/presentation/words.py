"""The words of reports and exports, by key: English in the "report" context of the catalogue.

The keys stay so that every report writer (Markdown, HTML, spreadsheets, documents) asks for a
phrase the same way; the Vietnamese (and any other language) is in `ictscore.po`. The Word
report's own words (the administrative form of NĐ 30/2020) are in the same table, asked for the
same way, and its sentences that the Markdown report also prints are the same entries, so the
two reports say the same thing the same way.
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
    # the Word report's own: the administrative form of NĐ 30/2020
    "nation": NP_("report", "SOCIALIST REPUBLIC OF VIETNAM"),
    "motto": NP_("report", "Independence - Freedom - Happiness"),
    "number": NP_("report", "No.: {number}"),
    "number_blank": NP_("report", "…/BC-…"),
    "place_date": NP_("report", "{place}, day … month … year …"),
    "kind": NP_("report", "REPORT"),
    "summary": NP_(
        "report", "Results on the {framework} and the plan to rise in the ranking of {focus}"
    ),
    "opening": NP_(
        "report",
        "{agency} reports its results on the {framework} and its plan to rise in the ranking "
        "as follows:",
    ),
    "the_agency": NP_("report", "The agency"),
    "s1": NP_("report", "RESULTS"),
    "s1_pillars": NP_("report", "Score and rank on each pillar"),
    "s1_standouts": NP_("report", "Strengths and weaknesses"),
    "s1_sources": NP_("report", "Sources"),
    "s2": NP_("report", "PLAN TO RISE IN THE RANKING"),
    "s2_whatif": NP_("report", "What-if"),
    "s2_plan": NP_("report", "Levers, costs and projected rank"),
    "no_levers": NP_(
        "report", "The scenario lists no levers with their costs, so no plan could be drawn up."
    ),
    "change_basis": NP_("report", "Basis"),
    "s3": NP_("report", "RECOMMENDATIONS"),
    "ask_budget": NP_(
        "report",
        "We ask {whom} to consider allocating {cost} for the {k} levers of section II, "
        "towards rank {rank} of {n}.",
    ),
    "ask_levers": NP_(
        "report", "We ask {whom} to consider directing the {k} levers of section II."
    ),
    "ask_weak": NP_(
        "report", "The departments should give priority to the weakest indicators: {names}."
    ),
    "ask_target": NP_(
        "report",
        "This plan does not reach the target rank {target}; more levers or resources are needed.",
    ),
    "ask_estimate": NP_(
        "report",
        "Some of the costs above are estimates; a detailed budget is needed before approval.",
    ),
    "ask_check": NP_(
        "report",
        "Check the numbers of this report against the official figures before it is issued.",
    ),
    "whom_default": NP_("report", "the leadership"),
    "recipients": NP_("report", "Recipients:"),
    "recipients_default": NP_("report", "Archived: VT"),
    "figure": NP_("report", "Chart {k}. {title}"),
    "legend_base": NP_("report", "Baseline"),
    "legend_whatif": NP_("report", "What-if"),
    "legend_leader": NP_("report", "Leader's score (the whole bar)"),
    "legend_better": NP_("report", "Ranked better than overall"),
    "legend_worse": NP_("report", "Ranked worse than overall"),
}


def word(key: str, lang: str, **fields: object) -> str:
    """The report's phrase under `key` (a key of the table above, not a message: the planner's
    `tr` takes the English message itself), in `lang`, with `fields` filled in."""
    return i18n.gettext(_WORDS[key], lang, **fields)


def places(gain: int | None, lang: str) -> str:
    if not gain:
        return word("places_same", lang)
    return word("places_up", lang, k=gain) if gain > 0 else word("places_down", lang, k=-gain)
