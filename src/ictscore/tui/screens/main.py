"""The planner: the framework tree and the editor on the left; summary, ranking and charts on the
right. Every edit goes through the session; the app's SessionChanged message then reaches
`session_changed`, which repaints what the change reached: the tree lines of the edited node and
its ancestors, the ranking rows that moved, the summary, and the charts when they are shown,
once per burst of keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, TabbedContent, TabPane, Tree

from ictscore.formats.criteria import Indicator
from ictscore.presentation import describe, display, numbers
from ictscore.tui.i18n import tr
from ictscore.tui.screens.base import TranslatedScreen
from ictscore.tui.widgets import retitle
from ictscore.tui.widgets.node_detail import NodeDetail
from ictscore.tui.widgets.node_tree import NodeTree
from ictscore.tui.widgets.ranking_table import RankingTable
from ictscore.tui.widgets.summary_panel import SummaryPanel
from ictscore.tui.widgets.value_editor import ValueEditor

if TYPE_CHECKING:
    pass

TYPING_STARTS_EDIT = set("0123456789.,")
CHART_PAUSE = 0.12
"""Seconds without a change before the charts are drawn: a key held down or typed quickly
draws them once, after the last key, while the tree, ranking and summary follow every key."""


class MainScreen(TranslatedScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", tooltip="Type a new value for the selected indicator"),
        Binding("plus,equals_sign", "step(1)", "Step up", tooltip="One step up", key_display="+"),
        Binding("minus", "step(-1)", "Step down", tooltip="One step down", key_display="-"),
        Binding("r", "reset", "Reset", tooltip="Back to the baseline value"),
        Binding(
            "R",
            "reset_all",
            "Reset all",
            tooltip="Undo every edit (redo brings them back)",
            show=False,
        ),
        Binding("slash", "find", "Find", tooltip="Find an indicator by name or id", show=False),
        Binding(
            "s", "sort", "Sort", tooltip="Sort the ranking by the total or a pillar", show=False
        ),
        Binding("k", "seek", "Goal seek", tooltip="The value the selected indicator needs"),
        Binding("g", "charts", "Charts", tooltip="Show the charts or the ranking", show=False),
        Binding("escape", "leave_editor", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected: str | None = None
        self._lang_shown = ""
        self._chart_timer: Timer | None = None
        self.chart_draws = 0
        self._charts_made = False
        """How many times the charts were given new content (tests check the debounce)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield NodeTree(id="tree")
                yield NodeDetail(id="detail")
                yield ValueEditor(id="editor")
            with Vertical(id="right"):
                yield SummaryPanel(id="summary")
                with TabbedContent(id="tabs"):
                    with TabPane("Ranking", id="tab-ranking"):
                        yield RankingTable(id="ranking")
                    # the charts are made when their tab is first opened: plotting imports
                    # plotext, a tenth of a second the first screen does not need
                    yield TabPane("Charts", id="tab-charts")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show()
        self.query_one(NodeTree).focus()

    def on_screen_resume(self) -> None:
        self.show()

    # --- painting ------------------------------------------------------------------------------

    def session_changed(self, node: str | None, repeat: bool = False) -> None:
        self.show(node, repeat)

    def show(self, node: str | None = None, repeat: bool = False) -> None:
        """Repaint every panel from the session, each only where it changed; `node` and
        `repeat` as in SessionChanged."""
        app = self.ictapp
        s, lang = app.session, app.lang
        tree = self.query_one(NodeTree)
        tree.show(s, lang, node)
        fw = s.scenario.criteria.framework
        retitle(tree, fw.name(lang))
        if self.selected is None or self.selected not in s.scenario.criteria.nodes:
            self.selected = tree.selected
        self.query_one(SummaryPanel).show(s, lang)
        self.query_one(RankingTable).show(s, lang)
        if lang != self._lang_shown:  # a new tab label costs a relayout: only on a switch
            tabs = self.query_one(TabbedContent)
            tabs.get_tab("tab-ranking").label = tr("Ranking", lang)
            tabs.get_tab("tab-charts").label = tr("Charts", lang)
            self._lang_shown = lang
        self.show_selection(now=not repeat)

    def show_selection(self, now: bool = False) -> None:
        """The detail of the selected node, and the charts once the keys pause (`now`: at
        once, as when their tab is opened or after a change that is not one of a burst)."""
        app = self.ictapp
        self.query_one(NodeDetail).show(app.session, app.lang, self.selected)
        if self._chart_timer is not None:
            self._chart_timer.stop()
            self._chart_timer = None
        if self.query_one(TabbedContent).active != "tab-charts" or not self._charts_made:
            return  # drawn when their tab is opened
        if now:
            self._draw_charts()
        else:
            self._chart_timer = self.set_timer(CHART_PAUSE, self._draw_charts)

    def _draw_charts(self) -> None:
        from ictscore.tui.widgets.pillar_chart import PillarChart
        from ictscore.tui.widgets.sweep_chart import SweepChart

        self._chart_timer = None
        app = self.ictapp
        s, lang = app.session, app.lang
        self.query_one(PillarChart).show(s, lang)
        self.query_one(SweepChart).show(s, lang, self.selected)
        self.chart_draws += 1

    @on(TabbedContent.TabActivated)
    async def _tab(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-charts" and not self._charts_made:
            from ictscore.tui.widgets.pillar_chart import PillarChart
            from ictscore.tui.widgets.sweep_chart import SweepChart

            self._charts_made = True
            await event.pane.mount(PillarChart(id="pillars"), SweepChart(id="sweep"))
        self.show_selection(now=True)

    @on(Tree.NodeHighlighted)
    def _highlight(self, event: Tree.NodeHighlighted[str]) -> None:
        self.selected = event.node.data
        self.show_selection()

    @on(Tree.NodeSelected)
    def _select(self, event: Tree.NodeSelected[str]) -> None:
        node = event.node
        if node.allow_expand:
            node.toggle()
        else:
            self.action_edit()

    def on_key(self, event: events.Key) -> None:
        """Typing a digit on the tree starts editing the selected indicator with it."""
        on_tree = isinstance(self.focused, NodeTree)
        if event.character in TYPING_STARTS_EDIT and on_tree and self._indicator() is not None:
            event.stop()
            event.prevent_default()
            editor = self.query_one(ValueEditor)
            if self.has_class("-editing") and editor.node == self.selected:
                # keys typed faster than the focus moves to the editor
                editor.insert_text_at_cursor(event.character or "")
            else:
                self.action_edit(event.character or "")

    # --- actions -------------------------------------------------------------------------------

    def _indicator(self) -> Indicator | None:
        if self.selected is None:
            return None
        node = self.ictapp.session.scenario.criteria.nodes[self.selected]
        return node if isinstance(node, Indicator) else None

    def _need_indicator(self) -> Indicator | None:
        ind = self._indicator()
        if ind is None and self.selected is not None:
            lang = self.ictapp.lang
            label = self.ictapp.session.scenario.criteria.label(self.selected, lang)
            self.notify(
                tr("{node} is computed from its parts; select an indicator", lang, node=label)
            )
        return ind

    def _supplied_group(self) -> str | None:
        """The selected group when the data gives its score for the focus entity: that score
        is what counts, so it is what can be edited."""
        s = self.ictapp.session
        nid = self.selected
        if nid is None or isinstance(s.scenario.criteria.nodes[nid], Indicator):
            return None
        return nid if s.result.supplied(s.focus, nid) else None

    def _edit_group(self, nid: str, text: str | None) -> None:
        app = self.ictapp
        s = app.session
        crit = s.scenario.criteria
        if text is None:
            v = s.result.inputs[nid][s.result.index(s.focus)]
            text = "" if v is None else display.number(float(v), crit.decimals(nid), "en")
        prompt = f"{tr('New value for', app.lang)} {crit.label(nid, app.lang)}"
        self.add_class("-editing")
        editor = self.query_one(ValueEditor)
        editor.start(crit, nid, text, prompt, True, app.lang, s.scenario.bounds[nid])

    def action_edit(self, text: str | None = None) -> None:
        group = self._supplied_group()
        if group is not None:
            self._edit_group(group, text)
            return
        ind = self._need_indicator()
        if ind is None:
            return
        app = self.ictapp
        s = app.session
        crit = s.scenario.criteria
        above = next((a for a in crit.ancestors(ind.id) if s.result.supplied(s.focus, a)), None)
        if above is not None:
            # the data gives the group's score: this indicator's value changes nothing shown
            self.notify(
                tr(
                    "The data gives the score of {node} for this entity, so this indicator "
                    "changes nothing above it: select {node} to edit its score",
                    app.lang,
                    node=crit.label(above, app.lang),
                ),
                severity="warning",
                timeout=10,
            )
        typed = text is not None
        if text is None:
            v = s.value(ind.id)
            text = (
                "" if v is None else (v if isinstance(v, str) else describe.value(ind, v, app.lang))
            )
            if ind.unit and text.endswith(" " + ind.unit):
                text = text[: -len(ind.unit) - 1]
            if ind.rule.values == "yes_no":
                text = "1" if v is not None and float(v) >= 0.5 else "0"
        prompt = f"{tr('New value for', app.lang)} {s.scenario.criteria.label(ind.id, app.lang)}"
        self.add_class("-editing")
        self.query_one(ValueEditor).start(
            s.scenario.criteria, ind.id, text, prompt, not typed, app.lang
        )

    @on(Input.Submitted, "#editor")
    def _submitted(self, event: Input.Submitted) -> None:
        editor = self.query_one(ValueEditor)
        if editor.node is None:
            return
        node = self.ictapp.session.scenario.criteria.nodes[editor.node]
        lang = self.ictapp.lang
        try:
            value = (
                numbers.indicator_value(node, event.value, lang)
                if isinstance(node, Indicator)
                else event.value
            )
        except numbers.Ambiguous as exc:
            self._ask_which(editor.node, exc)
            return
        except ValueError:
            value = event.value  # the session refuses it with its message
        self._apply_typed(editor.node, value)

    def _apply_typed(self, node: str, value: object) -> None:
        editor = self.query_one(ValueEditor)
        focus_value = isinstance(self.ictapp.session.scenario.criteria.nodes[node], Indicator)
        if self.ictapp.apply_edit(lambda s: s.edit(node, value), node if focus_value else None):
            self.action_leave_editor()
        else:
            editor.focus()

    def _ask_which(self, node: str, exc: numbers.Ambiguous) -> None:
        """ "1.000" for a 0..1 indicator: one thousand or one? The user says, never a guess."""
        from ictscore.tui.screens.confirm import ChoiceScreen

        lang = self.ictapp.lang
        ind = self.ictapp.session.scenario.criteria.nodes[node]
        assert isinstance(ind, Indicator)
        choices = [(str(k), describe.value(ind, v, lang)) for k, v in enumerate(exc.readings)] + [
            ("cancel", tr("Cancel", lang))
        ]

        def chosen(key: str | None) -> None:
            if key in ("0", "1"):
                self._apply_typed(node, exc.readings[int(key)])
            else:
                self.query_one(ValueEditor).focus()

        self.app.push_screen(ChoiceScreen(numbers.message(exc, lang), choices), chosen)

    def action_leave_editor(self) -> None:
        editor = self.query_one(ValueEditor)
        editor.value = ""
        editor.border_title = ""
        self.remove_class("-editing")
        self.query_one(NodeTree).focus()

    def action_step(self, direction: int) -> None:
        ind = self._need_indicator()
        if ind is None:
            return
        app = self.ictapp
        app.apply_edit(lambda s: s.step(ind.id, direction), ind.id, repeat=True)

    def action_reset(self) -> None:
        ind = self._need_indicator()
        if ind is not None:
            self.ictapp.apply_edit(lambda s: s.reset(ind.id), ind.id)

    def action_reset_all(self) -> None:
        self.ictapp.action_reset_all()

    def action_sort(self) -> None:
        table = self.query_one(RankingTable)
        table.cycle_sort(self.ictapp.session)
        table.show(self.ictapp.session, self.ictapp.lang)  # a new sort fills the table anew

    def action_charts(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = "tab-ranking" if tabs.active == "tab-charts" else "tab-charts"

    def action_seek(self) -> None:
        ind = self._need_indicator()
        if ind is not None:
            from ictscore.tui.screens.goal_seek import GoalSeekScreen

            self.app.push_screen(GoalSeekScreen(self.ictapp.session, ind.id))

    def action_find(self) -> None:
        from ictscore.tui.screens.prompt import PromptScreen

        app = self.ictapp
        crit = app.session.scenario.criteria
        options = [(n.id, f"{crit.label(n.id, app.lang)}  [{n.id}]") for n in crit.indicators()]

        def found(node: str | None) -> None:
            if node and node in crit.nodes:
                self.go_to(node)

        app.push_screen(PromptScreen(tr("Find", app.lang), "", options), found)

    def go_to(self, node: str) -> None:
        tree = self.query_one(NodeTree)
        stack = [tree.root]
        while stack:
            tn = stack.pop(0)
            if tn.data == node:
                parent = tn.parent
                while parent is not None:
                    parent.expand()
                    parent = parent.parent
                self.call_after_refresh(tree.move_cursor, tn)
                self.selected = node
                self.show_selection(now=True)
                tree.focus()
                return
            stack.extend(tn.children)
