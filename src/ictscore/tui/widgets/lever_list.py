"""The scenario's levers as a checklist: what each costs (an estimate is starred) and what it
buys per 100 million VND, so that a planner can tick levers by hand or read the optimiser's."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from ictscore.formats.criteria import Criteria, Indicator
from ictscore.formats.plan import Lever
from ictscore.planning.levers import LeverGain, Units
from ictscore.presentation import describe, display, i18n
from ictscore.tui.i18n import tr


class LeverList(DataTable[Text]):
    def show(
        self, levers: list[Lever], units: Units, gains: list[LeverGain], lang: str, width: int
    ) -> None:
        row = self.cursor_row
        self.clear(columns=True)
        name_w = max(16, width - 2 - 6 - 13 - 10 - 9 - 2 * 5)
        self.add_column("", key="tick", width=6)
        self.add_column(tr("Lever", lang), key="lever", width=name_w)
        self.add_column(tr("Cost", lang), key="cost", width=13)
        self.add_column(tr("Score/100m", lang), key="per100", width=10)
        self.add_column(tr("Rank gain", lang), key="rank", width=9)
        by_id = {g.lever: g for g in gains}
        for lv, u in zip(levers, units, strict=True):
            g = by_id[lv.id]
            tick = "[x]" if u else "[ ]"
            if u and lv.divisible:
                tick += f" ×{u}"
            name = lv.name(lang)
            # its own cost, of the ticked units (the gain column counts its prerequisites too)
            own = lv.cost_of(u or lv.units)
            cost = display.money_short(own, lang) + (" *" if lv.estimate else "")
            self.add_row(
                Text(tick, "bold green" if u else "dim"),
                Text(name if len(name) <= name_w else name[: name_w - 1] + "…"),
                Text(cost, justify="right"),
                Text(display.number(g.score_per_100m, 2, lang), justify="right"),
                Text(display.rank_move(g.rank_gain) or "=", justify="right"),
                key=lv.id,
            )
        if self.row_count:
            self.move_cursor(row=min(max(row, 0), self.row_count - 1))


def lever_detail(lever: Lever, crit: Criteria, lang: str) -> str:
    """The highlighted lever in full: its cost, what the estimate rests on and its effects."""
    if lever.divisible:
        each = display.money(lever.unit_cost or 0.0, lang)
        cost = f"{each} × {lever.units} " + tr("units", lang)
        if lever.cost:
            cost = f"{display.money(lever.cost, lang)} + {cost}"
    else:
        cost = display.money(lever.cost, lang)
    lines = [
        f"{tr('Cost', lang)}: {cost}" + (f" ({tr('estimate', lang)})" if lever.estimate else "")
    ]
    if lever.basis:
        lines.append(f"{tr('Basis', lang)}: {lever.basis}")
    effects = []
    for e in lever.effect:
        node = crit.nodes.get(e.node)
        if e.set_to is not None:
            shown = (
                describe.value(node, e.set_to, lang) if isinstance(node, Indicator) else e.set_to
            )
            what = f"= {shown}"
        else:
            what = f"+{display.short(e.add or 0.0, 4, lang)}"
        unit = i18n.pgettext("lever", "unit", lang)
        per = f"/{unit}" if lever.divisible and e.add is not None else ""
        effects.append(f"{crit.label(e.node, lang)} {what}{per}")
    lines.append(f"{tr('Effects', lang)}: " + "; ".join(effects))
    if lever.requires:
        lines.append(f"{tr('Requires', lang)}: " + ", ".join(lever.requires))
    return "\n".join(lines)
