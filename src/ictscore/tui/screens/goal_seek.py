"""Goal seeking on one indicator: the value the focus entity needs to gain one rank and to reach
the target rank (or why no value in range is enough), with a key to apply each as an edit."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from ictscore.formats.criteria import Criteria, Indicator
from ictscore.formats.errors import InputError
from ictscore.planning.planner import goal_seek
from ictscore.planning.reasons import Reason
from ictscore.planning.seek import Goal, SeekAnswer
from ictscore.planning.session import Session
from ictscore.presentation import describe, display, i18n
from ictscore.presentation.reasons import reason_text
from ictscore.tui.i18n import tr
from ictscore.tui.screens.base import TranslatedScreen

if TYPE_CHECKING:
    from ictscore.tui.app import IctscoreApp


class GoalSeekScreen(TranslatedScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the planner"),
        Binding("1", "apply(0)", "Apply +1 rank", tooltip="Apply the value that gains one rank"),
        Binding(
            "2", "apply(1)", "Apply target", tooltip="Apply the value that reaches the target rank"
        ),
    ]

    def __init__(self, session: Session, node: str) -> None:
        super().__init__()
        self.session = session
        self.node = node
        self.answers: list[tuple[str, SeekAnswer | str]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="seek"):
            yield Static(id="seek-answer")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show()
        self._seek()

    def goals(self) -> list[tuple[str, Goal]]:
        out = [("gain", Goal(gain=1))]
        target = self.session.scenario.file.target_rank
        if target is not None:
            out.append(("target", Goal(rank=target)))
        return out

    @work(thread=True, exclusive=True, group="seek")
    def _seek(self) -> None:
        answers: list[tuple[str, SeekAnswer | str]] = []
        for name, goal in self.goals():
            try:
                answers.append((name, goal_seek(self.session.scenario, goal, [self.node])))
            except InputError as exc:
                answers.append((name, i18n.text(exc.problems[0].message, self.lang)))
        self.app.call_from_thread(self._done, answers)

    def _done(self, answers: list[tuple[str, SeekAnswer | str]]) -> None:
        self.answers = answers
        self.show()

    def show(self) -> None:
        lang = self.lang
        crit = self.session.scenario.criteria
        ind = crit.nodes[self.node]
        self.title = tr("Goal seeking", lang)
        lines = [f"{crit.label(self.node, lang)}  [{self.node}]"]
        if isinstance(ind, Indicator):
            now = self.session.value(self.node)
            lines.append(f"{tr('current', lang)}: {describe.value(ind, now, lang)}")
        lines.append("")
        if not self.answers:
            lines.append(tr("Searching…", lang))
        for k, (name, ans) in enumerate(self.answers):
            head = (
                tr("Gain one rank", lang) if name == "gain" else tr("Reach the target rank", lang)
            )
            if isinstance(ans, str):
                lines.append(f"{k + 1}. {head}: {ans}")
                continue
            head += f" ({tr('Rank', lang)} {ans.start_rank} → {ans.target_rank})"
            if ans.options and isinstance(ind, Indicator):
                o = ans.options[0]
                need = describe.value(ind, o.value, lang)
                lines.append(
                    f"{k + 1}. {head}: {tr('value needed', lang)} {need}"
                    f" → {tr('Rank', lang)} {o.rank}, {tr('Score', lang)} "
                    f"{display.number(o.score, crit.decimals(crit.root), lang)}"
                )
            elif ans.already_met:
                lines.append(f"{k + 1}. {head}: {tr('already reached', lang)}")
            else:
                why = _reason(ans.unreachable.get(self.node) or ans.reason, crit, lang)
                lines.append(f"{k + 1}. {head}: {tr('unreachable', lang)} — {why}")
        if self.answers:
            lines += ["", tr("Press 1 or 2 to apply that value as an edit", lang)]
        self.query_one("#seek-answer", Static).update("\n".join(lines))

    def action_apply(self, k: int) -> None:
        if k >= len(self.answers):
            return
        ans = self.answers[k][1]
        if isinstance(ans, str) or not ans.options:
            self.notify(tr("No value to apply", self.lang))
            return
        value = ans.options[0].value
        app = cast("IctscoreApp", self.app)
        if app.apply_edit(lambda s: s.edit(self.node, value, note="goal seek")):
            self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)


def _reason(reason: Reason | None, crit: Criteria, lang: str) -> str:
    """The engine's reason in the interface's language, its value written as the tree shows it."""
    if reason is None:
        return ""

    def value(node: str, v: object) -> str:
        ind = crit.nodes.get(node)
        if isinstance(ind, Indicator):
            with contextlib.suppress(ValueError, TypeError):
                return describe.value(ind, v if ind.rule.values == "category" else float(v), lang)  # type: ignore[arg-type]
        return str(v)

    return reason_text(reason, lang, lambda n: crit.label(n, lang), value)
