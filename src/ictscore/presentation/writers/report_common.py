"""Formatting shared by the Markdown and HTML reports: the same words and numbers in both."""

from __future__ import annotations

import re

from ictscore.formats.criteria import Indicator
from ictscore.formats.scenario import Change
from ictscore.formats.values import Value
from ictscore.presentation import display
from ictscore.presentation.history import latest_lines, lineage_line, series_label
from ictscore.presentation.report_model import Pillar, ReportModel, Standout
from ictscore.presentation.report_plan import PlanSummary
from ictscore.presentation.words import places, word

BOLD = re.compile(r"\*\*(.+?)\*\*")

Rgb = tuple[int, int, int]
BASE_RGB: Rgb = (0x7A, 0x8C, 0xA8)
WHATIF_RGB: Rgb = (0x2E, 0x8B, 0x57)
BAD_RGB: Rgb = (0xC0, 0x50, 0x4D)
TRACK_RGB: Rgb = (0xE1, 0xE5, 0xEB)
"""The rest of a pillar's bar, up to the leader's score: a bar's whole length is the leader's,
which the charts' titles promise ("against the leader") and a bar alone did not show."""


def hex_colour(rgb: Rgb) -> str:
    """The same colour in the Word report and in the HTML report's SVG."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def pillar_legend(m: ReportModel, lang: str) -> list[tuple[Rgb, str]]:
    """What the pillar chart's colours mean, in the Word and the HTML report alike."""
    items = [(BASE_RGB, word("legend_base", lang))]
    if m.changes:
        items.append((WHATIF_RGB, word("legend_whatif", lang)))
    return [*items, (TRACK_RGB, word("legend_leader", lang))]


def gap_legend(lang: str) -> list[tuple[Rgb, str]]:
    return [(WHATIF_RGB, word("legend_better", lang)), (BAD_RGB, word("legend_worse", lang))]


"""Bold as the report's sentences mark it (`**...**`), which each format renders its own way."""


class Sections:
    """Numbers the report's sections as they appear (the plan section is optional)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.count = 0

    def __call__(self, key: str) -> str:
        self.count += 1
        return f"{self.count}. {word(key, self.lang)}"


def score(m: ReportModel, node: str, v: float | None, lang: str) -> str:
    return display.number(v, m.criteria.decimals(node), lang)


def value(v: Value | bool | None, lang: str) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float):
        text = display.number(v, 4, lang)
        sep = "," if lang == "vi" else "."
        return text.rstrip("0").rstrip(sep) if sep in text else text
    return str(v)


def label(m: ReportModel, node: str, lang: str) -> str:
    return display.label(m.criteria, node, lang, both=False)


def rank_of(rank: int | None, n: int) -> str:
    return "—" if rank is None else f"{rank}/{n}"


def title(m: ReportModel, lang: str) -> str:
    fw = m.criteria.framework
    return word("title", lang, focus=m.focus_name, framework=fw.name(lang))


def current_line(m: ReportModel, lang: str) -> str:
    d = m.overall.delta
    g = m.criteria.grade(d.baseline_score)
    grade = ""
    if g is not None:
        grade = word("grade_part", lang, grade=g.label_vi if lang == "vi" else g.label_en)
    return word(
        "current_line",
        lang,
        focus=m.focus_name,
        score=score(m, d.node, d.baseline_score, lang),
        root=label(m, d.node, lang),
        rank=d.baseline_rank or "—",
        n=m.count,
        grade=grade,
    )


def pillar_rows(m: ReportModel, lang: str) -> list[list[str]]:
    res = m.projection.result
    return [
        [
            label(m, p.delta.node, lang),
            score(m, p.delta.node, p.delta.baseline_score, lang),
            rank_of(p.delta.baseline_rank, m.count),
            f"{res.names[p.best_entity]} ({score(m, p.delta.node, p.best, lang)})",
        ]
        for p in m.pillars
    ]


def pillar_head(lang: str) -> list[str]:
    return [word("criterion", lang), word("score", lang), word("rank", lang), word("leader", lang)]


def node_value(m: ReportModel, node: str, v: Value | bool | None, lang: str) -> str:
    """A value with its unit, or a category's label rather than its key."""
    n = m.criteria.nodes[node]
    label = n.rule.label(v, lang) if isinstance(n, Indicator) else None
    if label is not None:
        return label
    if isinstance(n, Indicator) and n.rule.values == "yes_no" and v is not None:
        return word("yes", lang) if float(v) else word("no", lang)
    text = value(v, lang)
    unit = shown_unit(n.unit)
    return f"{text} {unit}" if unit and v is not None else text


def shown_unit(unit: str) -> str:
    """A unit worth printing after a number: '%' or 'Mbps', not a scale such as '0..1'."""
    return unit if "%" in unit or any(ch.isalpha() for ch in unit) else ""


def standout_rows(m: ReportModel, items: tuple[Standout, ...], lang: str) -> list[list[str]]:
    return [
        [
            label(m, s.node, lang),
            node_value(m, s.node, s.value, lang),
            rank_of(s.rank, m.count) if s.last == s.rank else f"{s.rank}–{s.last}/{m.count}",
            f"{s.gap:+d}",
        ]
        for s in items
    ]


def standout_head(lang: str) -> list[str]:
    return [word("criterion", lang), word("value", lang), word("rank", lang), word("gap", lang)]


def whatif_line(m: ReportModel, lang: str) -> str:
    d = m.overall.delta
    return word(
        "whatif_line",
        lang,
        k=len(m.changes),
        focus=m.focus_name,
        score=score(m, d.node, d.scenario_score, lang),
        delta=display.number(d.score_change, m.criteria.decimals(d.node), lang, sign=True),
        rank=d.scenario_rank or "—",
        n=m.count,
        move=places(d.rank_change, lang),
    )


def target_line(m: ReportModel, lang: str) -> str | None:
    target = m.scenario.file.target_rank
    rank = m.overall.delta.scenario_rank
    if target is None or rank is None:
        return None
    if rank <= target:
        return word("target_met", lang, target=target)
    return word("target_missed", lang, target=target, gap=rank - target)


def whatif_rows(m: ReportModel, lang: str) -> list[list[str]]:
    rows = []
    for p in m.pillars:
        d = p.delta
        rows.append(
            [
                label(m, d.node, lang),
                f"{score(m, d.node, d.baseline_score, lang)} ({rank_of(d.baseline_rank, m.count)})",
                f"{score(m, d.node, d.scenario_score, lang)} ({rank_of(d.scenario_rank, m.count)})",
                display.rank_move(d.rank_change) if d.rank_change else "",
            ]
        )
    return rows


def whatif_head(lang: str) -> list[str]:
    return [
        word("criterion", lang),
        word("baseline", lang),
        word("whatif", lang),
        word("rank_change", lang),
    ]


def change_rows(m: ReportModel, lang: str) -> list[list[str]]:
    res = m.projection.result
    rows = []
    for c in m.changes:
        rows.append(
            [
                label(m, c.change.node, lang)
                + ("" if c.entity == m.focus else f" — {res.names.get(c.entity, c.entity)}"),
                f"{_bare(m, c.change.node, c.before, lang)} → "
                + node_value(m, c.change.node, c.change.value, lang),
                *audit(c.change),
            ]
        )
    return rows


def _bare(m: ReportModel, node: str, v: Value | bool | None, lang: str) -> str:
    """The value before a change: without the unit, which the value after it carries."""
    text = node_value(m, node, v, lang)
    unit = shown_unit(m.criteria.nodes[node].unit)
    return text[: -len(unit) - 1] if unit and text.endswith(" " + unit) else text


def audit(c: Change) -> list[str]:
    return [c.note or "", c.source or "", c.author or "", c.date or ""]


def change_head(lang: str) -> list[str]:
    return [
        word("criterion", lang),
        word("value", lang),
        word("note", lang),
        word("source", lang),
        word("author", lang),
        word("date", lang),
    ]


def plan_rows(plan: PlanSummary, lang: str) -> list[list[str]]:
    rows = []
    for lv in plan.levers:
        cost = "—" if lv.cost is None else display.money(lv.cost, lang)
        if lv.estimate:
            cost += f" ({word('estimate', lang)})"
        chosen = "" if lv.chosen is None else ("✓" if lv.chosen else "")
        rows.append(
            [chosen, lv.name_vi if lang == "vi" else lv.name_en, cost, lv.effects_for(lang)]
        )
    return rows


def plan_head(lang: str) -> list[str]:
    return [word("chosen", lang), word("lever", lang), word("cost", lang), word("effect", lang)]


def plan_lines(m: ReportModel, plan: PlanSummary, lang: str) -> list[str]:
    out = []
    if plan.total_cost is not None:
        line = word("plan_total", lang, cost=display.money(plan.total_cost, lang))
        if plan.budget is not None:
            line += word("plan_budget", lang, budget=display.money(plan.budget, lang))
        out.append(line + ".")
    if plan.projected_rank is not None:
        line = word("plan_projected", lang, rank=plan.projected_rank, n=m.count)
        if plan.next_year_rank is not None:
            line += word("plan_next_year", lang, rank=plan.next_year_rank)
        if plan.rank_range is not None:
            line += word("plan_range", lang, lo=plan.rank_range[0], hi=plan.rank_range[1])
        if plan.target_probability is not None:
            line += word(
                "plan_probability", lang, p=display.percent(plan.target_probability, 0, lang)
            )
        out.append(line + ".")
    if plan.verdict is not None and plan.target_rank is not None:
        out.append(word(f"plan_target_{plan.verdict}", lang, target=plan.target_rank))
    return out


def history_lines(m: ReportModel, lang: str) -> list[str]:
    """What the unit was formed from (or became), then per series its latest published rank
    and how it moved: "Bắc Giang: năm 2023 xếp thứ 9/63, giữ nguyên thứ hạng so với năm 2022."
    Empty when the report has no history: the writers then print no heading either."""
    if m.history is None:
        return []
    line = lineage_line(m.history, lang)
    return ([line] if line else []) + latest_lines(m.history, lang)


def history_rows(m: ReportModel, lang: str) -> list[list[str]]:
    """Every ranked edition of every series, oldest first."""
    if m.history is None:
        return []
    return [
        [
            str(st.edition),
            series_label(st.series, lang),
            rank_of(st.rank, st.of),
            display.rank_move(st.change),
        ]
        for st in m.history.standings()
        if st.rank is not None
    ]


def history_head(lang: str) -> list[str]:
    return [word("year", lang), word("unit", lang), word("rank", lang), word("rank_change", lang)]


def source_lines(m: ReportModel, lang: str) -> list[str]:
    fw = m.criteria.framework
    out = [
        word(
            "criteria_source",
            lang,
            name=fw.name(lang),
            publisher=fw.publisher,
            edition=fw.edition,
        )
    ]
    for s in fw.sources:
        extra = ", ".join(x for x in (s.date, s.url) if x)
        out.append(
            s.title + (f" ({extra})" if extra else "") + (f" — {s.note_in(lang)}" if s.note else "")
        )
    rep = sum(1 for n in m.criteria.nodes.values() if n.representative)
    if rep:
        out.append(word("representative", lang, k=rep))
    ds = m.scenario.dataset
    out.extend(ds.header_notes)
    src = ds.get(m.focus).source if m.focus in ds.ids() else ""
    if src:
        out.append(word("data_source", lang, focus=m.focus_name, source=src))
    if m.history is not None:
        cited = dict.fromkeys(st.row.source for st in m.history.standings() if st.rank is not None)
        out.append(word("history_source", lang, sources="; ".join(cited)))
    return out


def bar_fraction(p: Pillar, v: float | None) -> float:
    if v is None or p.best is None or p.best <= 0:
        return 0.0
    return max(0.0, min(1.0, v / p.best))
