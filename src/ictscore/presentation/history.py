"""A unit's history in words: who each series is, where it stood, how it moved.

Planning (`planning.history`) gives the editions, ranks and changes; the `history` command, the
leadership report and the planner's chart all name the series and say the sentence
("Bắc Giang: năm 2023 xếp thứ 9/63, giữ nguyên thứ hạng so với năm 2022") through here, from
the one catalogue, in Vietnamese or English.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ictscore.formats.criteria import Criteria, load_criteria
from ictscore.planning.history import Series, Standing, UnitHistory
from ictscore.presentation import i18n
from ictscore.presentation.i18n import N_
from ictscore.presentation.notes import former_name, successor_name

_SAID = {
    "ranked": N_("ranked {rank} of {n} in {year}"),
    "up1": N_("up {k} place since {year}"),
    "up": N_("up {k} places since {year}"),
    "down1": N_("down {k} place since {year}"),
    "down": N_("down {k} places since {year}"),
    "same": N_("unchanged since {year}"),
    "line": N_("{unit}: {phrase}."),
    "none": N_("{unit}: no published result yet."),
    "formed": N_("{name} was formed on {date} from: {parts}."),
    "became": N_("From {date}, {name} is part of {new}."),
    "renamed": N_("From {date}, {name} is called {new}."),
    "was_called": N_("Before {date}, {name} was called {old}."),
}


def _say(key: str, lang: str, **fields: object) -> str:
    return i18n.gettext(_SAID[key], lang, **fields)


def unit_name(uh: UnitHistory, lang: str) -> str:
    """The unit asked for, by its name in `lang` (the Vietnamese one when it has no other)."""
    return uh.name if lang == "vi" else (uh.names.name_en(uh.id) or uh.name)


def series_label(s: Series, lang: str) -> str:
    """The name of a series; a predecessor or successor of the unit's own name is marked
    former or new ("Bắc Ninh (cũ)")."""
    name = s.names.name(s.id)
    if lang != "vi":
        name = s.names.name_en(s.id) or name
    if s.shares_name and s.relation == "former":
        return former_name(name, name, lang)
    if s.shares_name and s.relation == "successor":
        return successor_name(name, name, lang)
    return name


def move_phrase(st: Standing, lang: str) -> str:
    """'tăng 1 bậc so với năm 2022' / 'up 1 place since 2022'; '' when not known."""
    if st.change is None or st.since is None:
        return ""
    k = abs(st.change)
    if st.change == 0:
        return _say("same", lang, year=st.since)
    key = ("up" if st.change > 0 else "down") + ("1" if k == 1 else "")
    return _say(key, lang, k=k, year=st.since)


def rank_phrase(st: Standing, lang: str) -> str:
    """'năm 2023 xếp thứ 9/63, tăng 1 bậc so với năm 2022'; '' for an edition without rank."""
    if st.rank is None:
        return ""
    text = _say("ranked", lang, rank=st.rank, n=st.of, year=st.edition)
    move = move_phrase(st, lang)
    return f"{text}, {move}" if move else text


def latest_lines(uh: UnitHistory, lang: str) -> list[str]:
    """One sentence per series: its latest ranked edition and how it moved; the unit itself,
    when never ranked yet, says so."""
    out = []
    for s, st in uh.latest():
        label = series_label(s, lang)
        if st is None:
            out.append(_say("none", lang, unit=label))
        else:
            out.append(_say("line", lang, unit=label, phrase=rank_phrase(st, lang)))
    return out


def date(d: dt.date, lang: str) -> str:
    """1/7/2025, or 1 July 2025."""
    if lang == "vi":
        return f"{d.day}/{d.month}/{d.year}"
    return f"{d.day} {d:%B} {d.year}"


def lineage_line(uh: UnitHistory, lang: str) -> str:
    """What the unit was formed from, what it became, or the name it had or has; '' for a unit
    unchanged. A unit that went on under its id with another name (Thừa Thiên - Huế, TP. Huế
    from 1/1/2025) is not "part of" its successor: it is called so."""
    rec = uh.names.records[uh.id]
    name = unit_name(uh, lang)
    if uh.names.merged(uh.id) and rec.formed is not None:
        parts = ", ".join(series_label(s, lang) for s in uh.series if s.relation == "former")
        return _say("formed", lang, name=name, date=date(rec.formed, lang), parts=parts)
    succ = next((s for s in uh.series if s.relation == "successor"), None)
    if succ is not None and rec.ended is not None:
        key = "became" if succ.names.merged(succ.id) else "renamed"
        return _say(key, lang, name=name, date=date(rec.ended, lang), new=series_label(succ, lang))
    same = next((s for s in uh.series if s.relation == "same"), None)
    if same is not None and rec.formed is not None and not same.shares_name:
        return _say(
            "was_called", lang, name=name, date=date(rec.formed, lang), old=series_label(same, lang)
        )
    return ""


def value_labels(root: Path, uh: UnitHistory) -> dict[str, dict[str, str]]:
    """Names of the value columns (pillars) in both languages, from the editions' frameworks
    among the criteria files in `root`."""
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
