"""All entities ranked: rank, change of rank, score and grade, sorted by the total or a pillar."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from ictscore.planning.session import Session
from ictscore.presentation import display
from ictscore.tui.i18n import tr


class RankingTable(DataTable[Text]):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._shown: tuple[Session, str] | None = None
        self._heads: list[str] = []
        self._room = 0
        self.sort_node: str | None = None
        """None sorts by the headline score; else a pillar's id."""

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def _name_width(self, grade: bool) -> int:
        """Names are cut so that score and grade stay visible in a narrow pane."""
        width = self.scrollable_content_region.width or 60
        fixed = 5 + 3 + 7 + (10 if grade else 0) + 2 * (5 if grade else 4)
        return max(10, width - fixed)

    def show(self, session: Session, lang: str) -> None:
        self._shown = (session, lang)
        r, b = session.result, session.baseline
        crit = r.criteria
        node = self.sort_node or crit.root
        dec = crit.decimals(node)
        heads = [tr("Rank", lang), "±", tr("Entity", lang), tr("Score", lang)]
        grade = (
            bool(crit.grades) and node == crit.root and self.scrollable_content_region.width >= 50
        )
        if grade:
            heads.append(tr("Grade", lang))
        room = self._name_width(grade)
        if heads != self._heads or room != self._room:
            # new columns only when the language or the kind of sort changes: cheaper repaint
            self.clear(columns=True)
            for h in heads:
                self.add_column(h)
            self._heads, self._room = heads, room
        else:
            self.clear()
        focus_row = 0
        for k, eid in enumerate(r.order(node)):
            i = r.index(eid)
            br, nr = b.ranks[node][i], r.ranks[node][i]
            gain = None if br is None or nr is None else br - nr
            focus = eid == session.focus
            style = "bold reverse" if focus else ""
            if focus:
                focus_row = k
            move = Text(display.rank_move(gain) if gain else "", _move_style(gain))
            cells = [
                Text(
                    ("► " if focus else "") + ("—" if nr is None else str(nr)),
                    style,
                    justify="right",
                ),
                move,
                Text(_cut(r.names[eid], room), style),
                Text(display.number(r.scores[node][i], dec, lang), style, justify="right"),
            ]
            if grade:
                g = r.grade(eid)
                cells.append(
                    Text("" if g is None else (g.label_vi if lang == "vi" else g.label_en), style)
                )
            self.add_row(*cells, key=eid)
        self.move_cursor(row=focus_row, scroll=True)
        what = tr("Total", lang) if node == crit.root else crit.label(node, lang)
        self.border_title = f"{tr('Ranking', lang)} — {tr('sorted by', lang)} {what}"

    def cycle_sort(self, session: Session) -> None:
        keys: list[str | None] = [None, *session.pillars()]
        k = keys.index(self.sort_node) if self.sort_node in keys else 0
        self.sort_node = keys[(k + 1) % len(keys)]


def _move_style(gain: int | None) -> str:
    if not gain:
        return ""
    return "bold green" if gain > 0 else "bold red"


def _cut(name: str, room: int) -> str:
    return name if len(name) <= room else name[: room - 1] + "…"
