"""Total and rank baseline → what-if, the gap to the entity above and to the target rank."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from ictscore.planning.session import Session
from ictscore.presentation import display
from ictscore.tui.i18n import tr
from ictscore.tui.widgets import retitle


def _line() -> Text:
    return Text(no_wrap=True, overflow="ellipsis")


class SummaryPanel(Static):
    """Four short lines, cut rather than wrapped, so the panel keeps one height at any width."""

    def show(self, session: Session, lang: str) -> None:
        st = session.standing()
        r = session.result
        crit = r.criteria
        dec = crit.decimals(crit.root)
        head = _line()
        head.append(r.names[session.focus], "bold")
        head.append(f"  ({r.count_ranked()} {tr('entities', lang)})", "dim")
        total = _line()
        total.append(f"{tr('Total', lang)} ")
        total.append(display.number(st.baseline_score, dec, lang))
        moved = st.score != st.baseline_score
        if moved:
            total.append(" → ")
            total.append(display.number(st.score, dec, lang), "bold")
        total.append(f"  {tr('Rank', lang).lower()} {_r(st.baseline_rank)}")
        if st.rank != st.baseline_rank:
            total.append(" → ")
            total.append(_r(st.rank), "bold")
            if st.rank is not None and st.baseline_rank is not None:
                gain = st.baseline_rank - st.rank
                style = "bold green" if gain > 0 else "bold red"
                total.append(f" {display.rank_move(gain)}", style)
        above = _line()
        if st.above is None:
            above.append(tr("Already the best", lang), "green")
        else:
            above.append(f"{tr('Gap to', lang)} {r.names[st.above]}: ")
            above.append(display.number(st.gap_above, dec, lang), "bold")
        target = _line()
        if st.target_rank is None:
            target.append(tr("no target rank (press t)", lang), "dim")
        else:
            target.append(tr("Target rank {rank}", lang, rank=st.target_rank) + ": ")
            if st.gap_target == 0:
                target.append(tr("reached", lang), "bold green")
            elif st.gap_target is not None:
                gap = display.number(st.gap_target, dec, lang)
                target.append(tr("needs {gap}", lang, gap=gap), "bold yellow")
                if st.target_entity:
                    target.append(f" ({r.names[st.target_entity]})", "dim")
        self.lines = [head, total, above, target]
        self.update(Group(*self.lines), layout=False)  # a fixed height: no relayout per edit
        retitle(self, tr("Summary", lang))

    @property
    def plain(self) -> str:
        return "\n".join(t.plain for t in getattr(self, "lines", []))


def _r(rank: int | None) -> str:
    return "—" if rank is None else str(rank)
