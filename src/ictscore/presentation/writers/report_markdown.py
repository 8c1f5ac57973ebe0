"""The leadership report as Markdown, with text charts a mail client shows as they are."""

from __future__ import annotations

from ictscore.presentation.report_model import ReportModel, Standout
from ictscore.presentation.words import word
from ictscore.presentation.writers import report_common as c

BAR = 24


def _table(
    head: list[str], rows: list[list[str]], right: frozenset[int] | set[int] = frozenset()
) -> list[str]:
    def esc(s: str) -> str:
        return s.replace("|", "\\|").replace("\n", " ")

    sep = ["---:" if k in right else "---" for k in range(len(head))]
    out = ["| " + " | ".join(map(esc, head)) + " |", "| " + " | ".join(sep) + " |"]
    out += ["| " + " | ".join(esc(x) for x in r) + " |" for r in rows]
    return [*out, ""]


def _bar(fraction: float) -> str:
    full = round(fraction * BAR)
    return "█" * full + "░" * (BAR - full)


def pillar_chart(m: ReportModel, lang: str) -> list[str]:
    labels = [c.label(m, p.delta.node, lang) for p in m.pillars]
    width = max(len(x) for x in labels)
    lines = [f"{word('chart_pillars', lang)}:", "", "```"]
    changed = bool(m.changes)
    for lab, p in zip(labels, m.pillars, strict=True):
        d = p.delta
        lines.append(
            f"{lab.ljust(width)}  {_bar(c.bar_fraction(p, d.baseline_score))} "
            f"{c.score(m, d.node, d.baseline_score, lang)}"
        )
        if changed and d.scenario_score != d.baseline_score:
            lines.append(
                f"{'→'.rjust(width)}  {_bar(c.bar_fraction(p, d.scenario_score))} "
                f"{c.score(m, d.node, d.scenario_score, lang)}"
            )
    return [*lines, "```", ""]


def gap_chart(m: ReportModel, items: tuple[Standout, ...], lang: str) -> list[str]:
    if not items:
        return []
    labels = [c.label(m, s.node, lang) for s in items]
    width = max(len(x) for x in labels)
    half = max(abs(s.gap) for s in items)
    scale = 12 / half if half else 1.0
    lines = [f"{word('chart_gaps', lang)}:", "", "```"]
    for lab, s in zip(labels, items, strict=True):
        n = round(abs(s.gap) * scale)
        left = ("◀" * n).rjust(12) if s.gap < 0 else " " * 12
        right = ("▶" * n).ljust(12) if s.gap > 0 else " " * 12
        lines.append(f"{lab.ljust(width)}  {left}│{right} {s.gap:+d}".rstrip())
    return [*lines, "```", ""]


def render_markdown(m: ReportModel, lang: str = "vi") -> str:
    sec = c.Sections(lang)
    out = [f"# {c.title(m, lang)}", "", f"*{word('draft', lang, scenario=m.scenario.name)}*", ""]
    if m.scenario.file.notes:
        out += [m.scenario.file.notes.strip(), ""]
    out += [f"## {sec('s_current')}", "", c.current_line(m, lang), ""]
    out += _table(c.pillar_head(lang), c.pillar_rows(m, lang), {1, 2})
    out += pillar_chart(m, lang)
    history = c.history_lines(m, lang)
    if history:
        out += [f"### {word('history', lang)}", ""]
        out += [f"- {line}" for line in history] + [""]
        out += _table(c.history_head(lang), c.history_rows(m, lang), {0, 2, 3})

    out += [f"## {sec('s_strengths')}", ""]
    rank = m.overall.delta.baseline_rank or "—"
    out += [word("sw_intro", lang, rank=rank, n=m.count, k=m.threshold), ""]
    for key, items in (("strengths", m.strengths), ("weaknesses", m.weaknesses)):
        out += [f"### {word(key, lang)}", ""]
        if items:
            out += _table(c.standout_head(lang), c.standout_rows(m, items, lang), {1, 2, 3})
        else:
            out += [word("none", lang), ""]
    chosen = tuple(sorted((*m.strengths, *m.weaknesses), key=lambda s: -s.gap))
    out += gap_chart(m, chosen, lang)

    out += [f"## {sec('s_whatif')}", ""]
    if not m.changes:
        out += [word("no_changes", lang), ""]
    else:
        out += [c.whatif_line(m, lang), ""]
        target = c.target_line(m, lang)
        if target:
            out += [target, ""]
        out += _table(c.whatif_head(lang), c.whatif_rows(m, lang), {1, 2, 3})
        out += _table(c.change_head(lang)[:2], [r[:2] for r in c.change_rows(m, lang)])

    if m.plan is not None:
        out += [f"## {sec('s_plan')}", ""]
        out += _table(c.plan_head(lang), c.plan_rows(m.plan, lang), {2})
        for line in c.plan_lines(m, m.plan, lang):
            out += [line, ""]

    out += [f"## {sec('s_sources')}", ""]
    out += [f"- {line}" for line in c.source_lines(m, lang)] + [""]
    if m.changes:
        out += [f"### {word('changed_numbers', lang)}", ""]
        out += _table(c.change_head(lang), c.change_rows(m, lang))
    return "\n".join(out).rstrip("\n") + "\n"
