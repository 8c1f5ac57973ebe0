"""What a reader of a scenario's numbers must know, in the reader's language.

The framework's assumptions where no source was found, and which units were combined from
others and by what rule: `compute` prints them under its tables, and any face that shows
results (an export, the report, the planner) takes the same sentences from here.
"""

from __future__ import annotations

from ictscore.formats.scenario import Scenario
from ictscore.presentation import i18n
from ictscore.presentation.i18n import N_, NP_

NOTES_HEADING = N_("Notes")
"""What the notes are headed with wherever they are written: under compute's table, the
Markdown section, the workbook's sheet and the first cell of each CSV note row."""
RULE_WORDS = {"mean": NP_("merge rule", "mean"), "sum": NP_("merge rule", "sum")}
"""A merge rule as the sentence "each value is the {rule} of ..." names it."""


def results_notes(scenario: Scenario, lang: str) -> list[str]:
    """The assumptions, then the mergers: how many units, the rule, and what the focus
    entity was formed from when it is one of them."""
    fw = scenario.criteria.framework
    out = [
        i18n.gettext("Assumption: {text}", lang, text=a.text_vi if lang == "vi" else a.text_en)
        for a in fw.assumptions
    ]
    ds = scenario.dataset
    merged = [e for e in ds.entities if e.formed_from]
    rule = fw.merge
    if merged and rule is not None:
        out.append(
            i18n.gettext(
                "{n} of {total} units were formed by a merger: each of their values is the "
                "{rule} of the former units' values.",
                lang,
                n=len(merged),
                total=len(ds.entities),
                rule=i18n.text(RULE_WORDS[rule], lang),
            )
        )
        focus = next((e for e in merged if e.id == scenario.focus), None)
        if focus is not None:
            former = [ds.former[f] for f in focus.formed_from]
            if lang == "vi":
                name = focus.name
                parts = ", ".join(former_name(f.name, focus.name, lang) for f in former)
            else:
                name = focus.name_en or focus.name
                parts = ", ".join(former_name(f.name_en or f.name, name, lang) for f in former)
            out.append(
                i18n.gettext("{name} was formed from: {parts}.", lang, name=name, parts=parts)
            )
    return out


def former_name(name: str, new_name: str, lang: str) -> str:
    """A former unit that shares the new unit's name is told apart: "Bắc Ninh (cũ)"."""
    return i18n.gettext("{name} (former)", lang, name=name) if name == new_name else name


def successor_name(name: str, old_name: str, lang: str) -> str:
    """The unit a former one became, when it kept the former's name: "Bắc Ninh (mới)"."""
    return i18n.gettext("{name} (new)", lang, name=name) if name == old_name else name
