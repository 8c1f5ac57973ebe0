"""The leadership report as one self-contained HTML page with inline SVG charts.

Everything taken from files (names, notes, sources) is escaped; the page has no scripts and no
external resources, so it opens the same from a mail attachment as from a web server.
"""

from __future__ import annotations

from html import escape

from ictscore.presentation.report_model import ReportModel
from ictscore.presentation.words import word
from ictscore.presentation.writers import report_common as c
from ictscore.presentation.writers import svg

CSS = """
body { font-family: "Times New Roman", serif; max-width: 58em; margin: 2em auto; color: #111;
       line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; } h3 { font-size: 1.05em; }
table { border-collapse: collapse; margin: .6em 0 1em; }
th, td { border: 1px solid #999; padding: .25em .6em; vertical-align: top; }
th { background: #eef1f5; }
td.num { text-align: right; white-space: nowrap; }
p.draft { font-style: italic; color: #444; }
figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .9em; color: #444; }
"""


def _p(text: str) -> str:
    return "<p>" + c.BOLD.sub(r"<strong>\1</strong>", escape(text)) + "</p>"


def _table(
    head: list[str], rows: list[list[str]], right: frozenset[int] | set[int] = frozenset()
) -> str:
    out = ["<table>", "<thead><tr>"]
    out += [f"<th>{escape(h)}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    for r in rows:
        out.append("<tr>")
        for k, x in enumerate(r):
            cls = ' class="num"' if k in right else ""
            out.append(f"<td{cls}>{escape(x)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _figure(svg_text: str, caption: str) -> str:
    return f"<figure>{svg_text}<figcaption>{escape(caption)}</figcaption></figure>"


def _history(m: ReportModel, lang: str) -> list[str]:
    lines = c.history_lines(m, lang)
    if not lines:
        return []
    return [
        f"<h3>{escape(word('history', lang))}</h3>",
        "<ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>",
        _table(c.history_head(lang), c.history_rows(m, lang), {0, 2, 3}),
    ]


def render_html(m: ReportModel, lang: str = "vi") -> str:
    sec = c.Sections(lang)
    title = c.title(m, lang)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="draft">{escape(word("draft", lang, scenario=m.scenario.name))}</p>',
        _p(m.scenario.file.notes.strip()) if m.scenario.file.notes else "",
        f"<h2>{escape(sec('s_current'))}</h2>",
        _p(c.current_line(m, lang)),
        _table(c.pillar_head(lang), c.pillar_rows(m, lang), {1, 2}),
        _figure(
            svg.pillar_chart(m, lang, word("chart_pillars", lang)), word("chart_pillars", lang)
        ),
        *_history(m, lang),
        f"<h2>{escape(sec('s_strengths'))}</h2>",
        _p(
            word(
                "sw_intro",
                lang,
                rank=m.overall.delta.baseline_rank or "—",
                n=m.count,
                k=m.threshold,
            )
        ),
    ]
    for key, items in (("strengths", m.strengths), ("weaknesses", m.weaknesses)):
        out.append(f"<h3>{escape(word(key, lang))}</h3>")
        if items:
            out.append(_table(c.standout_head(lang), c.standout_rows(m, items, lang), {1, 2, 3}))
        else:
            out.append(_p(word("none", lang)))
    chosen = tuple(sorted((*m.strengths, *m.weaknesses), key=lambda s: -s.gap))
    if chosen:
        out.append(
            _figure(
                svg.gap_chart(m, chosen, lang, word("chart_gaps", lang)), word("chart_gaps", lang)
            )
        )
    out.append(f"<h2>{escape(sec('s_whatif'))}</h2>")
    if not m.changes:
        out.append(_p(word("no_changes", lang)))
    else:
        out.append(_p(c.whatif_line(m, lang)))
        target = c.target_line(m, lang)
        if target:
            out.append(_p(target))
        out.append(_table(c.whatif_head(lang), c.whatif_rows(m, lang), {1, 2, 3}))
        out.append(_table(c.change_head(lang)[:2], [r[:2] for r in c.change_rows(m, lang)]))
    if m.plan is not None:
        out.append(f"<h2>{escape(sec('s_plan'))}</h2>")
        out.append(_table(c.plan_head(lang), c.plan_rows(m.plan, lang), {2}))
        out += [_p(line) for line in c.plan_lines(m, m.plan, lang)]
    out.append(f"<h2>{escape(sec('s_sources'))}</h2>")
    out.append("<ul>" + "".join(f"<li>{escape(x)}</li>" for x in c.source_lines(m, lang)) + "</ul>")
    if m.changes:
        out.append(f"<h3>{escape(word('changed_numbers', lang))}</h3>")
        out.append(_table(c.change_head(lang), c.change_rows(m, lang)))
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
