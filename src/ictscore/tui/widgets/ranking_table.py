"""All entities ranked: rank, change of rank, score and grade, sorted by the total or a pillar.

The table is filled once (and again only for a new language, sort, width or scenario); after an
edit only the cells whose rank, move or score changed are replaced, and the rows are put in the
new order in place, never by clearing and refilling: at 3,321 communes refilling cost most of
a second per key, while an edit moves a handful of rows. Textual's DataTable renders only the
rows on screen, so the table stays virtual at any size.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.geometry import Region
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from ictscore.planning.session import Session
from ictscore.presentation import display
from ictscore.tui.i18n import tr

COLUMNS = ("rank", "move", "name", "score", "grade")


class RowState(NamedTuple):
    """What one row shows: a row is repainted only when this changes."""

    rank: int | None
    gain: int | None
    score: float | None
    focus: bool


class Shown(NamedTuple):
    """What the rows were last made from: the sorting node's ranks and scores, and the focus."""

    ranks: tuple[int | None, ...]
    scores: tuple[float | None, ...]
    focus: str | None


class Layout(NamedTuple):
    """What the cells are made for: another layout fills the table anew."""

    session: Session
    lang: str
    node: str
    grade: bool
    room: int


class RankingTable(DataTable[Text]):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._shown: tuple[Session, str] | None = None
        self._layout: Layout | None = None
        self._rows: dict[str, RowState] = {}
        self._order: list[str] = []
        self._keys: dict[str, RowKey] = {}
        self._shown_columns = Shown((), (), None)
        self.sort_node: str | None = None
        """None sorts by the headline score; else a pillar's id."""
        self.filled = 0
        """How many times the table was filled from scratch (tests check that edits do not)."""

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def _content_width(self, rows: int) -> int:
        """The width the rows will have: less the vertical scrollbar that `rows` will need,
        known before the table is filled (it is filled once, when it first has a size)."""
        width = self.scrollable_content_region.width
        if rows + 1 > self.scrollable_content_region.height and not self.show_vertical_scrollbar:
            width -= self.styles.scrollbar_size_vertical
        return width

    def _name_width(self, grade: bool, width: int) -> int:
        """Names are cut so that score and grade stay visible in a narrow pane."""
        fixed = 5 + 3 + 7 + (10 if grade else 0) + 2 * (5 if grade else 4)
        return max(10, width - fixed)

    def show(self, session: Session, lang: str) -> None:
        self._shown = (session, lang)
        if not self.size.width:
            # not laid out yet: the names' room is unknown, and filling now would fill again on
            # the first resize (two fills of 3,321 rows were a third of the first paint)
            return
        crit = session.result.criteria
        node = self.sort_node or crit.root
        width = self._content_width(len(session.result.entity_ids))
        grade = bool(crit.grades) and node == crit.root and width >= 50
        layout = Layout(session, lang, node, grade, self._name_width(grade, width))
        if layout != self._layout:
            self._fill(session, layout)
        else:
            self._update(session, layout)
        if session.focus in self._rows:
            self.move_cursor(row=self.get_row_index(session.focus), scroll=True)

    def _state(self, session: Session, node: str, i: int) -> RowState:
        r = session.result
        nr, br = r.ranks[node][i], session.baseline.ranks[node][i]
        gain = None if br is None or nr is None else br - nr
        return RowState(nr, gain, r.scores[node][i], r.entity_ids[i] == session.focus)

    def _columns(self, session: Session, node: str) -> Shown:
        r = session.result
        return Shown(r.ranks[node], r.scores[node], session.focus)

    def _cells(self, session: Session, layout: Layout, eid: str, st: RowState) -> list[Text]:
        r = session.result
        lang = layout.lang
        style = "bold reverse" if st.focus else ""
        gain = st.gain
        dec = r.criteria.decimals(layout.node)
        cells = [
            Text(
                ("► " if st.focus else "") + ("—" if st.rank is None else str(st.rank)),
                style,
                justify="right",
            ),
            Text(display.rank_move(gain) if gain else "", _move_style(gain)),
            Text(_cut(r.names[eid], layout.room), style),
            Text(display.number(st.score, dec, lang), style, justify="right"),
        ]
        if layout.grade:
            g = r.criteria.grade(st.score)
            cells.append(
                Text("" if g is None else (g.label_vi if lang == "vi" else g.label_en), style)
            )
        return cells

    def _fill(self, session: Session, layout: Layout) -> None:
        """The whole table, for a new layout."""
        lang = layout.lang
        crit = session.result.criteria
        heads = [tr("Rank", lang), "±", tr("Entity", lang), tr("Score", lang)]
        if layout.grade:
            heads.append(tr("Grade", lang))
        self.clear(columns=True)
        for key, head in zip(COLUMNS, heads, strict=False):
            self.add_column(head, key=key)
        node = layout.node
        r = session.result
        states = {eid: self._state(session, node, i) for i, eid in enumerate(r.entity_ids)}
        order = r.order(node)
        for eid in order:
            self.add_row(*self._cells(session, layout, eid, states[eid]), key=eid)
        self._shown_columns = self._columns(session, node)
        self._keys = {k.value: k for k in self.rows if k.value is not None}
        self._rows, self._order, self._layout = states, order, layout
        self.filled += 1
        what = tr("Total", lang) if layout.node == crit.root else crit.label(layout.node, lang)
        self.border_title = f"{tr('Ranking', lang)} — {tr('sorted by', lang)} {what}"

    def _update(self, session: Session, layout: Layout) -> None:
        """Only the cells that changed, then the rows put in the new order."""
        node = layout.node
        was, now = self._shown_columns, self._columns(session, node)
        self._shown_columns = now
        touched: list[int] = []
        if now.ranks is not was.ranks or now.scores is not was.scores:
            # column against column: a few milliseconds at 3,321 communes
            pairs = zip(now.ranks, was.ranks, now.scores, was.scores, strict=True)
            touched = [i for i, (a, b, c, d) in enumerate(pairs) if a != b or c != d]
        ids = session.result.entity_ids
        index = session.result.index
        rows = {ids[i] for i in touched}
        if now.focus != was.focus:
            rows |= {e for e in (now.focus, was.focus) if e is not None and e in self._rows}
        new: dict[str, list[tuple[str, Text]]] = {}
        for eid in rows:
            old = self._rows[eid]
            st = self._state(session, node, index(eid))
            if st == old:
                continue
            self._rows[eid] = st
            cells = self._cells(session, layout, eid, st)
            changed = [
                st.rank != old.rank or st.focus != old.focus,
                st.gain != old.gain,
                st.focus != old.focus,
                st.score != old.score or st.focus != old.focus,
                st.score != old.score or st.focus != old.focus,
            ]
            new[eid] = [(k, c) for k, c, yes in zip(COLUMNS, cells, changed, strict=False) if yes]
        reranked = now.ranks is not was.ranks and now.ranks != was.ranks
        order = session.result.order(node) if reranked else self._order
        widths = {key: col.content_width for key, col in self.columns.items()}
        if any(cell.cell_len > widths[key] for row in new.values() for key, cell in row):  # type: ignore[index]
            # a column must widen: Textual's own path, which measures and repaints everything
            for eid, row in new.items():
                for key, cell in row:
                    self.update_cell(eid, key, cell, update_width=True)
            new = {}
        self._patch(new, order)

    def _patch(self, new: dict[str, list[tuple[str, Text]]], order: list[str]) -> None:
        """Put the new cells and the new order in, and repaint only the rows that changed.

        DataTable.update_cell and DataTable.sort are right but coarse: each invalidates every
        cached line of the table, so that one changed score repaints every row on screen (the
        most part of an edit's screen update, measured). Here the caches of the rows changed
        or moved are dropped and only those rows are repainted. It reaches into DataTable's
        caches, so Textual is pinned to one version and tests/tui check that an edited table
        paints exactly what a table filled anew paints.
        """
        moved = [k for k, (a, b) in enumerate(zip(self._order, order, strict=True)) if a != b]
        self._order = order
        if not new and not moved:
            return
        keys = self._keys
        for eid, row in new.items():
            data = self._data[keys[eid]]
            for key, cell in row:
                data[key] = cell  # type: ignore[index]
        if moved:
            # the rows that moved trade places among themselves: only their positions are
            # written (in the locations and, where Textual has them, its lists of rows and
            # lines, all one line per row), not those of the other thousands
            locations = self._row_locations
            for k in moved:
                locations[keys[order[k]]] = k
            uc, count = self._update_count, self.row_count
            ordered = self._ordered_row_cache.get((count, uc))
            lines = self._offset_cache.get(uc)
            for k in moved:
                moved_key = keys[order[k]]
                if ordered is not None:
                    ordered[k] = self.rows[moved_key]
                if lines is not None:
                    lines[k] = (moved_key, 0)
        rows = {keys[order[k]] for k in moved} | {keys[eid] for eid in new}
        indices = set(moved) | {self._row_locations.get(k) for k in rows}
        # the caches have keys() but no __iter__
        for ck in [ck for ck in self._row_render_cache.keys() if ck[0] in rows]:  # noqa: SIM118
            self._row_render_cache.discard(ck)
        for cc in [cc for cc in self._cell_render_cache.keys() if cc[0] in rows]:  # noqa: SIM118
            self._cell_render_cache.discard(cc)
        for rk in [rk for rk in self._row_renderable_cache.keys() if rk[1] in indices]:  # noqa: SIM118
            self._row_renderable_cache.discard(rk)
        self._line_cache.clear()
        # every row is one line high: row k is line k below the header (refresh_row would add
        # up the heights of all the rows above it, for each row)
        top = round(self.scroll_offset.y) - self.header_height
        width = self.size.width
        for index in indices:
            if index is not None and top - 1 <= index <= top + self.size.height:
                self.refresh(Region(0, index - top, width, 1))

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
