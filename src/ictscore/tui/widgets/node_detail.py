"""The selected node in full: both names, value with unit, the rule, range and step."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ictscore.formats.criteria import Indicator
from ictscore.planning.session import Session
from ictscore.planning.sweep import step_of
from ictscore.presentation import describe, display
from ictscore.tui.i18n import tr


class NodeDetail(Static):
    def show(self, session: Session, lang: str, node: str | None) -> None:
        if node is None:
            self.update("", layout=False)
            return
        crit = session.scenario.criteria
        n = crit.nodes[node]
        t = Text()
        t.append(display.label(crit, node, lang), "bold")
        # the id is what `ictscore change --node` takes; a Vietnamese screen shows names only
        t.append(f"  [{node}]\n" if lang != "vi" else "\n", "dim")
        if isinstance(n, Indicator):
            base = session.baseline_value(node)
            now = session.value(node)
            t.append(f"{tr('Value', lang)}: ")
            t.append(describe.value(n, base, lang))
            if now != base:
                t.append(" → ")
                t.append(describe.value(n, now, lang), "bold")
            if n.range is not None:
                lo, hi = n.range
                rng = f"{display.number(lo, _d(lo), lang)} … {display.number(hi, _d(hi), lang)}"
                step = step_of(n)
                t.append(f"   {tr('Range', lang)} {rng}, {tr('step', lang)} ")
                t.append(display.number(step, _d(step), lang), "")
            t.append(f"\n{tr('Rule', lang)}: {describe.rule(n, lang)}", "italic")
        else:
            t.append(tr("computed from its parts", lang), "dim italic")
        self.update(t, layout=False)  # a fixed height: no relayout per selection


def _d(x: float) -> int:
    return 0 if x == int(x) else len(repr(x).split(".")[1])
