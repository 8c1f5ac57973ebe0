"""Bước tiếp theo: for the focus entity as the session stands, every criterion's next scoring
step (`planning.next_steps`) with what it earns, the rank it gives, the gap left to the entity
above and the cheapest lever that delivers it. A planner reads down the list for the cheapest
next points and applies one with Enter; the list is computed again on the new what-if."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from ictscore.engine.result import Result
from ictscore.formats.criteria import Criteria, Indicator
from ictscore.formats.values import Value
from ictscore.planning.next_steps import NextStep, NextSteps, next_steps
from ictscore.planning.session import Session
from ictscore.presentation import describe, display
from ictscore.tui.i18n import tr
from ictscore.tui.screens.base import TranslatedScreen

if TYPE_CHECKING:
    pass

FIXED = 19 + 9 + 5 + 8 + 12
"""Columns other than the criterion's and the lever's names: now → next, gain, rank, gap, cost."""


def step_value(crit: Criteria, node: str, v: Value | None, lang: str) -> str:
    """A step's value as the tree shows it: the indicator's unit or category, a group's score."""
    ind = crit.nodes[node]
    if isinstance(ind, Indicator):
        return describe.value(ind, v, lang)
    return display.number(None if v is None else float(v), crit.decimals(node), lang)


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


class NextStepsScreen(TranslatedScreen):
    CSS_PATH = "next_steps.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the planner"),
        Binding("enter", "apply", "Apply", tooltip="Apply the highlighted step (one undo)"),
        Binding("o", "order", "Order", tooltip="Order the steps by gain, or by gain per cost"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.per_cost = False
        """Order by points per VND (steps no lever delivers last) instead of by points."""
        self.answer: NextSteps | None = None
        self._for: tuple[Result, str, bool] | None = None
        """The what-if, focus and order the answer was computed for."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="next"):
            yield Static(id="next-head")
            yield DataTable(id="next-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="next-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self.show()

    # --- computing -----------------------------------------------------------------------------

    def wanted(self) -> tuple[Result, str, bool]:
        s = self.session
        return (s.result, s.focus, self.per_cost)

    @work(thread=True, exclusive=True, group="next")
    def _compute(self, key: tuple[Result, str, bool]) -> None:
        s = self.session
        result, focus, per_cost = key
        ans = next_steps(s.engine, result, focus, s.scenario.file.lever, per_cost)
        self.app.call_from_thread(self._done, key, ans)

    def _done(self, key: tuple[Result, str, bool], ans: NextSteps) -> None:
        if key != self.wanted():
            return  # the what-if moved on while this ran: `show` has asked again
        self.answer, self._for = ans, key
        self.show()

    # --- painting ------------------------------------------------------------------------------

    def show(self) -> None:
        """Paint the answer for the session as it now stands, computing it first if needed."""
        lang = self.lang
        self.title = tr("Next steps", lang)
        key = self.wanted()
        head = self.query_one("#next-head", Static)
        if self._for != key:
            self.answer = None
            head.update(tr("Searching…", lang))
            self.query_one(DataTable).clear(columns=True)
            self.query_one("#next-detail", Static).update("")
            self._compute(key)
            return
        ans = self.answer
        assert ans is not None
        crit = self.session.scenario.criteria
        dec = crit.decimals(crit.root)
        name = self.session.result.names.get(ans.focus, ans.focus)
        order = tr("by gain per cost", lang) if self.per_cost else tr("by gain", lang)
        head.update(
            tr(
                "{name}: rank {rank}, {score} points — each criterion's next step, {order}",
                lang,
                name=name,
                rank=ans.start_rank,
                score=display.number(ans.start_score, dec, lang),
                order=order,
            )
            + "\n"
            + (
                tr("Enter applies the highlighted step; ctrl+z takes it back", lang)
                if ans.steps
                else tr("No criterion can earn more", lang)
            )
        )
        self._fill(ans, crit, lang)
        self._show_detail()

    def _fill(self, ans: NextSteps, crit: Criteria, lang: str) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        total = table.size.width or self.size.width or 80
        # under about 100 columns the lever's name leaves the table for the line below it
        narrow = total - 2 * 7 - 2 - FIXED < 34
        width = total - 2 * (6 if narrow else 7) - 2
        crit_w = max(12, width - FIXED) if narrow else max(14, (width - FIXED) * 3 // 5)
        lever_w = 0 if narrow else max(10, width - FIXED - crit_w)
        dec = crit.decimals(crit.root)
        table.add_column(tr("Criterion", lang), key="node", width=crit_w)
        table.add_column(tr("Now → next", lang), key="to", width=19)
        table.add_column(tr("Gain", lang), key="gain", width=9)
        table.add_column(tr("Rank", lang), key="rank", width=5)
        table.add_column(tr("Gap above", lang), key="gap", width=8)
        if not narrow:
            table.add_column(tr("Cheapest lever", lang), key="lever", width=lever_w)
        table.add_column(tr("Cost", lang), key="cost", width=12)
        levers = {lv.id: lv for lv in self.session.scenario.file.lever}
        for s in ans.steps:
            now, to = step_value(crit, s.node, s.start, lang), step_value(crit, s.node, s.to, lang)
            move = f"{now} → {to}"
            lever = "—"
            cost = "—"
            if s.lever is not None:
                lv = levers[s.lever.lever]
                lever = lv.name(lang)
                if s.lever.units > 1:
                    lever = f"{lever} × {s.lever.units}"
                cost = display.money_short(s.lever.cost, lang)
            cells = [
                Text(cut(crit.label(s.node, lang), crit_w)),
                Text(cut(move, 19), justify="right"),
                Text(display.number(s.gain, dec, lang, sign=True), justify="right"),
                Text(str(s.rank), justify="right"),
                Text(display.number(s.gap_above, dec, lang), justify="right"),
                Text(cut(lever, lever_w), style="" if s.lever else "dim"),
                Text(cost, justify="right"),
            ]
            if narrow:
                del cells[5]
            table.add_row(*cells, key=s.node)
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))

    def selected(self) -> NextStep | None:
        ans = self.answer
        row = self.query_one(DataTable).cursor_row
        if ans is None or not 0 <= row < len(ans.steps):
            return None
        return ans.steps[row]

    def _show_detail(self) -> None:
        """The highlighted step in full: the criterion's whole name, the lever and its price."""
        s = self.selected()
        out = self.query_one("#next-detail", Static)
        if s is None:
            out.update("")
            return
        lang = self.lang
        crit = self.session.scenario.criteria
        dec = crit.decimals(crit.root)
        lines = [
            f"{crit.label(s.node, lang)}: {step_value(crit, s.node, s.start, lang)} → "
            f"{step_value(crit, s.node, s.to, lang)}",
            tr(
                "Score {score} ({gain}), rank {rank}",
                lang,
                score=display.number(s.score, dec, lang),
                gain=display.number(s.gain, dec, lang, sign=True),
                rank=s.rank,
            ),
        ]
        if s.lever is not None:
            lv = next(x for x in self.session.scenario.file.lever if x.id == s.lever.lever)
            name = lv.name(lang)
            per = s.per_cost
            line = f"{tr('Cheapest lever', lang)}: {name} — {display.money(s.lever.cost, lang)}"
            if lv.estimate:
                line += f" ({tr('estimate', lang)})"
            if per is not None:
                line += f"; {tr('Score/100m', lang)} {display.number(per, 2, lang)}"
            lines.append(line)
        out.update("\n".join(lines))

    @on(DataTable.RowHighlighted, "#next-table")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#next-table")
    def _selected(self) -> None:
        self.action_apply()

    # --- actions -------------------------------------------------------------------------------

    def action_order(self) -> None:
        self.per_cost = not self.per_cost
        self.show()

    def action_apply(self) -> None:
        """The highlighted step as one signed, undoable edit; the list is computed anew."""
        s = self.selected()
        if s is None:
            self.notify(tr("No value to apply", self.lang))
            return
        note = tr("Next step", self.lang)
        # the app repaints this screen after the edit: that computes the list anew
        self.ictapp.apply_edit(lambda ss: ss.edit(s.node, s.to, note=note))

    def action_back(self) -> None:
        self.workers.cancel_group(self, "next")
        self.dismiss(None)
