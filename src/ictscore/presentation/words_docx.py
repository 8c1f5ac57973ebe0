# ruff: noqa: E501  (a table of sentences: one per line reads better than wrapped)
"""The words of the Word report (the administrative form of NĐ 30/2020), Vietnamese and English.

Kept apart from `words.py` and in one place, keyed like it, so that moving them into the message
catalogue is one file's work. The report's own sentences (the lines and table heads the Markdown
report also prints) come from `words.py`, so the two reports say the same thing the same way.
"""

from __future__ import annotations

from ictscore.presentation import i18n
from ictscore.presentation.i18n import NP_

BLANK = "……………"
"""What an absent scenario key leaves: a dotted space to fill in by hand, as a Sở's form has."""

_WORDS = {
    "nation": NP_("report", "SOCIALIST REPUBLIC OF VIETNAM"),
    "motto": NP_("report", "Independence - Freedom - Happiness"),
    "number": NP_("report", "No.: {number}"),
    "number_blank": NP_("report", "…/BC-…"),
    "date": NP_("report", "{place}, day … month … year …"),
    "kind": NP_("report", "REPORT"),
    "summary": NP_(
        "report", "Results on the {framework} and the plan to rise in the ranking of {focus}"
    ),
    "opening": NP_(
        "report",
        "{agency} reports its results on the {framework} and its plan to rise in the ranking as follows:",
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
        "We ask {whom} to consider allocating {cost} for the {k} levers of section II, towards rank {rank} of {n}.",
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
"""The report's own words, marked for the catalogue (context "report")."""


def tr(key: str, lang: str, **fields: object) -> str:
    text = i18n.gettext(_WORDS[key], lang)
    return text.format(**fields) if fields else text
