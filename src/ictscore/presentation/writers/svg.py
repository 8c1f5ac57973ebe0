"""Hand-written SVG bar charts for the HTML report: no plotting library, nothing to download."""

from __future__ import annotations

from html import escape

from ictscore.presentation.report_model import ReportModel, Standout
from ictscore.presentation.writers import report_common as c

BAR_W = 340
CHAR_W = 6.4
"""Average width of a 12 px sans-serif character: enough to keep long labels inside the chart."""
ROW = 22
BASE_COLOUR, WHATIF_COLOUR, BAD_COLOUR, TRACK_COLOUR = (
    c.hex_colour(rgb) for rgb in (c.BASE_RGB, c.WHATIF_RGB, c.BAD_RGB, c.TRACK_RGB)
)


def _label_width(labels: list[str]) -> float:
    return round(min(480.0, max(120.0, CHAR_W * max((len(x) for x in labels), default=0) + 16)))


def _svg(label_w: float, height: int, body: list[str], title: str) -> str:
    width = int(label_w + BAR_W + 90)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, s: str, anchor: str = "start", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-family="sans-serif">{escape(s)}</text>'
    )


def _rect(x: float, y: float, w: float, h: float, fill: str) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" fill="{fill}"/>'


def _legend(body: list[str], x: float, y: float, items: list[tuple[c.Rgb, str]]) -> float:
    """The chart's colours and what they mean, in one row under the bars; the row's bottom."""
    for rgb, text in items:
        body.append(_rect(x, y + 2, 12, 12, c.hex_colour(rgb)))
        body.append(_text(x + 17, y + 12, text, size=11))
        x += 17 + CHAR_W * len(text) + 18
    return y + ROW


def pillar_chart(m: ReportModel, lang: str, title: str) -> str:
    body: list[str] = []
    y = 10.0
    changed = bool(m.changes)
    label_w = _label_width([c.label(m, p.delta.node, lang) for p in m.pillars])
    for p in m.pillars:
        d = p.delta
        body.append(_text(label_w - 8, y + 13, c.label(m, d.node, lang), "end"))
        frac = c.bar_fraction(p, d.baseline_score)
        body.append(_rect(label_w, y + 2, BAR_W, 14, TRACK_COLOUR))
        body.append(_rect(label_w, y + 2, BAR_W * frac, 14, BASE_COLOUR))
        body.append(_text(label_w + BAR_W + 8, y + 13, c.score(m, d.node, d.baseline_score, lang)))
        y += ROW
        if changed and d.scenario_score != d.baseline_score:
            frac = c.bar_fraction(p, d.scenario_score)
            body.append(_rect(label_w, y - 4, BAR_W, 14, TRACK_COLOUR))
            body.append(_rect(label_w, y - 4, BAR_W * frac, 14, WHATIF_COLOUR))
            body.append(
                _text(label_w + BAR_W + 8, y + 7, "→ " + c.score(m, d.node, d.scenario_score, lang))
            )
            y += ROW - 4
        y += 4
    y = _legend(body, label_w, y + 4, c.pillar_legend(m, lang))
    return _svg(label_w, int(y + 8), body, title)


def gap_chart(m: ReportModel, items: tuple[Standout, ...], lang: str, title: str) -> str:
    body: list[str] = []
    half = max((abs(s.gap) for s in items), default=1) or 1
    label_w = _label_width([c.label(m, s.node, lang) for s in items])
    mid = label_w + 30 + BAR_W / 2
    y = 10.0
    for s in items:
        body.append(_text(label_w - 8, y + 13, c.label(m, s.node, lang), "end"))
        w = BAR_W / 2 * abs(s.gap) / half
        x = mid if s.gap > 0 else mid - w
        body.append(_rect(x, y + 2, w, 14, WHATIF_COLOUR if s.gap > 0 else BAD_COLOUR))
        tx = mid + w + 6 if s.gap > 0 else mid - w - 6
        body.append(_text(tx, y + 13, f"{s.gap:+d}", "start" if s.gap > 0 else "end"))
        y += ROW
    body.append(
        f'<line x1="{mid:.1f}" y1="4" x2="{mid:.1f}" y2="{y + 2:.1f}" stroke="#333" '
        'stroke-width="1"/>'
    )
    y = _legend(body, label_w, y + 8, c.gap_legend(lang))
    return _svg(label_w + 60, int(y + 8), body, title)
