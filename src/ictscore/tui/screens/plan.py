"""The plan screen: the scenario's levers as a checklist against the budget, the optimiser in a
background thread, and one key that applies the chosen levers to the what-if as one undoable
step. Ticking by hand and the optimiser's answer share one state: the ticked units."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static
from textual.worker import get_current_worker

from ictscore.formats.errors import InputError
from ictscore.formats.plan import Lever
from ictscore.planning.levers import LeverGain, LeverModel, Units, lever_gains
from ictscore.planning.planner import PlanReport, lever_changes, plan
from ictscore.planning.session import Session
from ictscore.presentation import display, i18n, numbers
from ictscore.tui.i18n import tr
from ictscore.tui.screens.base import TranslatedScreen
from ictscore.tui.widgets.budget_bar import BudgetBar
from ictscore.tui.widgets.lever_list import LeverList, lever_detail
from ictscore.tui.widgets.rank_distribution_chart import RankDistributionChart, summary

if TYPE_CHECKING:
    pass


class Cancelled(Exception):
    """Raised from the progress callback to stop the optimiser's thread."""


class PlanScreen(TranslatedScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the planner (stops the optimiser)"),
        Binding("space", "tick", "Tick", tooltip="Tick or untick the highlighted lever"),
        Binding(
            "plus,equals_sign",
            "units(1)",
            "More units",
            tooltip="One more unit of a divisible lever",
            key_display="+",
            show=False,
        ),
        Binding(
            "minus",
            "units(-1)",
            "Fewer units",
            tooltip="One unit less of a divisible lever",
            show=False,
        ),
        Binding("o", "optimise", "Optimise", tooltip="Find the best levers within the budget"),
        Binding(
            "m",
            "mode",
            "Mode",
            tooltip="Best score within the budget, or least cost reaching the target rank",
        ),
        Binding("x", "stop", "Stop", tooltip="Stop the optimiser", show=False),
        Binding("b", "budget", "Budget", tooltip="Set the budget in VND"),
        Binding(
            "a",
            "apply",
            "Apply",
            tooltip="Apply the ticked levers to the what-if (one undo takes them back)",
        ),
        Binding("i", "new_lever", "New lever", tooltip="Add a lever in a form", show=False),
        Binding("e", "edit_lever", "Edit lever", tooltip="Edit the highlighted lever", show=False),
        Binding(
            "delete",
            "remove_lever",
            "Remove lever",
            tooltip="Remove the highlighted lever (ctrl+z brings it back)",
            show=False,
        ),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.budget: float | None = session.scenario.file.budget
        self.least_cost = False
        """Ask for the cheapest levers reaching the target rank instead of the best score."""
        self.report: PlanReport | None = None
        self.model: LeverModel | None = None
        self.gains: list[LeverGain] = []
        self.units: Units = ()
        self._last_progress = 0.0
        self._started_at: object = None
        self._levers_for: object = None
        """The session's levers the model was built on: a lever edited in the form rebuilds it."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="plan"):
            yield BudgetBar(id="plan-budget")
            with Horizontal(id="plan-body"):
                with Vertical(id="plan-left"):
                    yield LeverList(id="plan-levers", cursor_type="row", zebra_stripes=True)
                    yield Static(id="plan-detail")
                with Vertical(id="plan-right"):
                    yield Static(id="plan-result")
                    yield ProgressBar(id="plan-progress", show_eta=False)
                    yield RankDistributionChart(id="plan-chart")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#plan-progress").display = False
        self.show()
        self.query_one(LeverList).focus()

    def on_resize(self) -> None:
        self.show()

    # --- state ---------------------------------------------------------------------------------

    def _ensure_model(self) -> LeverModel:
        """The levers bound to the live what-if; a new what-if (an undo) or a lever edited in
        the form starts afresh."""
        s = self.session
        m = self.model
        if m is None or m.start is not s.result or self._levers_for is not s.levers:
            self._levers_for = s.levers
            m = self.model = LeverModel(s.engine, s.result, s.focus, s.scenario.file.lever)
            self.gains = lever_gains(m)
            self.units = m.none()
            self.report = None
        return m

    def ticked(self) -> list[str]:
        m = self._ensure_model()
        return [lv.id for lv, u in zip(m.levers, self.units, strict=True) if u]

    # --- painting ------------------------------------------------------------------------------

    def show(self) -> None:
        lang = self.lang
        self.title = tr("Plan: levers and budget", lang)
        if not self.session.scenario.file.lever:
            self.query_one(LeverList).clear()  # the last lever may just have been removed
            self.query_one("#plan-result", Static).update(
                tr("This scenario has no levers yet: press i to add one", lang)
            )
            return
        m = self._ensure_model()
        table = self.query_one(LeverList)
        table.show(m.levers, self.units, self.gains, lang, table.size.width or 60)
        o = m.outcome(self.units)
        crit = self.session.scenario.criteria
        score = display.number(o.score, crit.decimals(crit.root), lang)
        bar = self.query_one(BudgetBar)
        bar.show(o.cost, self.budget, score, o.rank, lang, bar.size.width or 80)
        self._show_detail()
        self._show_result()
        self.query_one(RankDistributionChart).show(
            None if self.report is None else self.report.distribution, lang
        )

    def _show_detail(self) -> None:
        m = self._ensure_model()
        row = self.query_one(LeverList).cursor_row
        text = ""
        if 0 <= row < len(m.levers):
            text = lever_detail(m.levers[row], self.session.scenario.criteria, self.lang)
        self.query_one("#plan-detail", Static).update(text)

    def _show_result(self) -> None:
        lang = self.lang
        rep = self.report
        out = self.query_one("#plan-result", Static)
        if rep is None:
            out.update(f"{self._mode_text()}\n" + tr("Press o to run the optimiser", lang))
            return
        crit = self.session.scenario.criteria
        f = self.session.focus
        o = rep.outcome
        dec = crit.decimals(crit.root)
        lines = [
            self._mode_text(),
            tr("Optimiser", lang) + f": {len(rep.chosen)} " + tr("levers", lang),
            f"{tr('Cost', lang)}: {display.money(o.cost, lang)}",
            f"{tr('Score', lang)}: {display.number(rep.start.score(f), dec, lang)} → "
            f"{display.number(o.score, dec, lang)}",
            f"{tr('Rank', lang)}: {rep.start.rank(f)} → {o.rank}",
        ]
        target = rep.question.target_rank or self.session.scenario.file.target_rank
        verdict = rep.verdict
        if target is not None and verdict is not None:
            word = tr({"reached": "reached", "missed": "not reached"}.get(verdict, verdict), lang)
            p = None if rep.distribution is None else rep.distribution.p_target
            head = tr("Target rank {rank}", lang, rank=target)
            if p is None:
                lines.append(f"{head}: {word}")
            else:
                # with uncertainty the probability leads, the deterministic rank beside it
                lines.append(
                    f"{head}: "
                    + tr(
                        "probability {p}, deterministic rank {rank}",
                        lang,
                        p=display.percent(p, 1, lang),
                        rank=o.rank,
                    )
                    + f" — {word}"
                )
        if rep.next_year is not None:
            lines.append(
                f"{tr('Next year (peers improve too)', lang)}: "
                f"{tr('Rank', lang)} {rep.next_year.result.rank(f)}"
            )
        if rep.distribution is not None:
            lines.append(summary(rep.distribution, lang))
        out.update("\n".join(lines))

    def _mode_text(self) -> str:
        lang = self.lang
        target = self.session.scenario.file.target_rank
        if self.least_cost and target is not None:
            return tr("Mode: least cost reaching rank {rank}", lang, rank=target)
        return tr("Mode: best score within the budget", lang)

    def action_mode(self) -> None:
        if not self.least_cost and self.session.scenario.file.target_rank is None:
            self.notify(tr("Set a target rank first (t)", self.lang))
            return
        self.least_cost = not self.least_cost
        self.report = None
        self.show()

    @on(DataTable.RowHighlighted, "#plan-levers")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#plan-levers")
    def _selected(self) -> None:
        self.action_tick()

    # --- ticking by hand -----------------------------------------------------------------------

    def _set_units(self, k: int, n: int) -> None:
        """Ticking a lever ticks what it requires; unticking one unticks what requires it."""
        m = self._ensure_model()
        units = list(self.units)
        units[k] = max(0, min(m.levers[k].units, n))
        changed = True
        while changed:
            changed = False
            for j, lv in enumerate(m.levers):
                if not units[j]:
                    continue
                for r in lv.requires:
                    i = m.index[r]
                    if not units[i]:
                        if j == k:
                            units[i] = m.levers[i].units
                        else:
                            units[j] = 0
                        changed = True
        self.units = tuple(units)
        self.show()

    def action_tick(self) -> None:
        m = self._ensure_model()
        k = self.query_one(LeverList).cursor_row
        if 0 <= k < len(m.levers):
            self._set_units(k, 0 if self.units[k] else m.levers[k].units)

    def action_units(self, delta: int) -> None:
        m = self._ensure_model()
        k = self.query_one(LeverList).cursor_row
        if 0 <= k < len(m.levers) and m.levers[k].divisible:
            self._set_units(k, self.units[k] + delta)

    def action_budget(self) -> None:
        from ictscore.tui.screens.prompt import PromptScreen

        lang = self.lang

        def chosen(text: str | None) -> None:
            if text is None:
                return
            try:
                self.budget = numbers.parse_money(text, lang) if text.strip() else None
            except ValueError as exc:
                msg = numbers.message(exc, lang)
                self.notify(tr("Refused: {msg}", lang, msg=msg), severity="error")
                return
            self.show()

        current = "" if self.budget is None else display.money(self.budget, lang)
        self.app.push_screen(
            PromptScreen(tr("Budget in VND (empty: no limit)", lang), current), chosen
        )

    # --- the optimiser -------------------------------------------------------------------------

    def action_optimise(self) -> None:
        if not self.session.scenario.file.lever:
            return
        bar = self.query_one("#plan-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        target = self.session.scenario.file.target_rank if self.least_cost else None
        self._started_at = self.session.result
        self._optimise(self.budget, target)

    @work(thread=True, exclusive=True, group="plan")
    def _optimise(self, budget: float | None, target: int | None) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise Cancelled
            now = time.monotonic()
            if now - self._last_progress > 0.05 or done == total:
                self._last_progress = now
                self.app.call_from_thread(self._progress, done, total)

        try:
            rep = plan(self.session.scenario, budget, target, progress=progress)
        except Cancelled:
            return
        except InputError as exc:
            self.app.call_from_thread(self._failed, i18n.problem(exc.problems[0], self.lang))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finished, rep)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#plan-progress", ProgressBar).update(
            total=total or None, progress=float(done)
        )

    def _failed(self, message: str) -> None:
        self.query_one("#plan-progress").display = False
        self.notify(message, severity="error")

    def _finished(self, rep: PlanReport) -> None:
        self.query_one("#plan-progress").display = False
        if self.session.result is not self._started_at:
            self.notify(tr("The what-if changed while the optimiser ran: run it again", self.lang))
            return
        self._ensure_model()
        self.report = rep
        self.units = rep.outcome.units
        self.show()

    def running(self) -> bool:
        return any(w.is_running for w in self.workers if w.group == "plan")

    def action_stop(self) -> None:
        if self.running():
            self.workers.cancel_group(self, "plan")
            self.query_one("#plan-progress").display = False
            self.notify(tr("Optimiser stopped", self.lang))

    # --- applying ------------------------------------------------------------------------------

    def action_apply(self) -> None:
        lang = self.lang
        if self.running():
            self.notify(tr("Wait for the optimiser, or stop it (x)", lang))
            return
        m = self._ensure_model()
        changes = lever_changes(self.session.scenario, m, self.units)
        if not changes:
            self.notify(tr("Tick some levers first (space, or o for the optimiser)", lang))
            return
        n = len(changes)
        if self.ictapp.apply_edit(lambda s: s.record_all(changes)):
            self.notify(tr("Applied {n} edits to the what-if (ctrl+z takes them back)", lang, n=n))
            self.dismiss(None)

    # --- levers made in the app --------------------------------------------------------------

    def _highlighted_lever(self) -> Lever | None:
        levers = self.session.levers
        row = self.query_one(LeverList).cursor_row
        return levers[row] if levers and 0 <= row < len(levers) else None

    def action_new_lever(self) -> None:
        self._lever_form(None)

    def action_edit_lever(self) -> None:
        lever = self._highlighted_lever()
        if lever is not None:
            self._lever_form(lever)

    def _lever_form(self, lever: Lever | None) -> None:
        from ictscore.tui.screens.lever_form import LeverFormScreen

        if self.running():
            self.notify(tr("Wait for the optimiser, or stop it (x)", self.lang))
            return
        s = self.session

        def done(made: Lever | None) -> None:
            if made is None:
                return
            replaces = None if lever is None else lever.id
            if self.ictapp.apply_edit(lambda ss: ss.put_lever(made, replaces)):
                name = made.name(self.lang)
                self.notify(tr("Lever saved in the scenario: {name}", self.lang, name=name))

        form = LeverFormScreen(s.scenario.criteria, s.levers, self.lang, lever)
        self.app.push_screen(form, done)

    def action_remove_lever(self) -> None:
        lever = self._highlighted_lever()
        if lever is None or self.running():
            return
        if self.ictapp.apply_edit(lambda ss: ss.remove_lever(lever.id)):
            name = lever.name(self.lang)
            self.notify(tr("Lever removed: {name} (ctrl+z brings it back)", self.lang, name=name))

    def action_back(self) -> None:
        self.workers.cancel_group(self, "plan")
        self.dismiss(None)
