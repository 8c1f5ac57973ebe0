"""Scenarios side by side at every node: the comparison `ictscore compare` prints, in the TUI."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from ictscore.formats.criteria import Indicator
from ictscore.formats.errors import InputError
from ictscore.formats.scenario import Change, load_scenario
from ictscore.planning.compare import Comparison, compare
from ictscore.planning.session import Session
from ictscore.planning.whatif import Projection, WhatIf
from ictscore.presentation import describe, display, i18n
from ictscore.tui.i18n import tr
from ictscore.tui.screens.base import TranslatedScreen


def candidates(session: Session) -> list[Path]:
    """Saved scenarios of the same framework beside the open one (and the bundled ones)."""
    from ictscore.resources import bundled_scenarios

    sc = session.scenario
    here = sc.path.parent if sc.path is not None else Path.cwd()
    seen = {sc.path.resolve()} if sc.path is not None and sc.path.exists() else set()
    names = {p.name for p in seen}
    out = []
    for p in sorted(here.glob("*.toml")) + bundled_scenarios():
        if p.resolve() in seen or p.name in names:
            continue  # a bundled copy of a scenario already listed is the same plan
        seen.add(p.resolve())
        names.add(p.name)
        try:
            other = load_scenario(p)
        except InputError:
            continue
        if other.criteria.framework.id == sc.criteria.framework.id:
            out.append(p)
    return out


class CompareScreen(TranslatedScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the planner"),
        Binding("a", "add", "Add scenario", tooltip="Add a scenario to compare (path)"),
    ]

    def __init__(self, session: Session, paths: list[Path] | None = None) -> None:
        super().__init__()
        self.session = session
        self.paths = list(candidates(session) if paths is None else paths)
        own = session.scenario.path
        if not self.paths and own is not None and own.exists():
            self.paths = [own]  # alone, this session is compared with its file as saved

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="compare"):
            yield DataTable[Text](id="compare-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="compare-only")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show()

    def on_resize(self) -> None:
        self.show()

    def comparison(self) -> Comparison | None:
        s = self.session
        live = s.projection()
        name = f"{s.scenario.name} ({tr('this session', self.lang)})"
        projections = [Projection(name, live.focus, live.baseline, live.result)]
        changes: list[list[Change]] = [s.scenario.applied()]
        for p in self.paths:
            try:
                sc = load_scenario(p)
            except InputError as exc:
                self.notify(i18n.problem(exc.problems[0], self.lang), severity="error")
                continue
            except OSError as exc:
                self.notify(f"{p}: {exc.strerror or exc}", severity="error")
                continue
            proj = WhatIf(sc).project()
            projections.append(Projection(p.stem, proj.focus, proj.baseline, proj.result))
            changes.append(sc.applied())
        if len(projections) < 2:
            return None
        try:
            return compare(projections, changes)
        except InputError as exc:
            self.notify(i18n.text(exc.problems[0].message, self.lang), severity="error")
            return None

    def show(self) -> None:
        lang = self.lang
        table = self.query_one("#compare-table", DataTable)
        only = self.query_one("#compare-only", Static)
        table.clear(columns=True)
        self.title = tr("Scenarios side by side", lang)
        comp = self.comparison()
        if comp is None:
            only.update(tr("Give at least two scenarios: press a to add one", lang))
            return
        crit = self.session.scenario.criteria
        shared = comp.shared_baseline
        bases = 1 if shared else len(comp.names)  # different focus entities: a baseline each
        n = len(comp.names)
        room = max(20, self.size.width - 2 * (n + bases + 2) - 11 * bases - 16 * n - 5 - 2)
        # explicit widths: re-created columns otherwise keep the header's width here
        table.add_column(tr("Criterion", lang), key="node", width=room)
        if shared:
            table.add_column(tr("Baseline", lang), key="baseline", width=11)
        for k, name in enumerate(comp.names):
            if not shared:
                head = f"{tr('Baseline', lang)} {comp.focus[k]}"
                table.add_column(_cut(head, 11), key=f"b{k}", width=11)
            table.add_column(_cut(name, 16), key=f"s{k}", width=16)
        table.add_column(tr("Differs", lang), key="differs", width=5)
        for row in comp.rows:
            dec = crit.decimals(row.node)
            style = "bold" if row.differs else ""
            cells = [Text(_cut(_indent(crit, row.node) + crit.label(row.node, lang), room), style)]
            for k, d in enumerate(row.cells):
                if k == 0 or not shared:
                    base = f"{display.number(d.baseline_score, dec, lang)} #{_r(d.baseline_rank)}"
                    cells.append(Text(base, "dim", justify="right"))
                txt = f"{display.number(d.scenario_score, dec, lang)} #{_r(d.scenario_rank)}"
                cells.append(Text(txt, style, justify="right"))
            cells.append(Text("≠" if row.differs else "", "bold yellow"))
            table.add_row(*cells, key=row.node)
        lines = []
        for k, name in enumerate(comp.names):
            lines.append(tr("Only in {name}", lang, name=name) + ":")
            changes = comp.only_in(k)
            if not changes:
                lines.append("  " + tr("(no changes)", lang))
            for c in changes:
                node = crit.nodes[c.node]
                value = (
                    describe.value(node, c.value, lang) if isinstance(node, Indicator) else c.value
                )
                who = c.entity or comp.focus[k]
                why = c.audit_text()
                lines.append(
                    f"  • {who}: {crit.label(c.node, lang)} = {value}"
                    + (f" ({why})" if why else "")
                )
        only.update("\n".join(lines))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_add(self) -> None:
        from ictscore.tui.screens.prompt import PromptScreen

        def added(text: str | None) -> None:
            if not text:
                return
            path = Path(text).expanduser()
            why = self._refusal(path)
            if why is not None:
                # refused before it joins: the scenarios already compared stay on the screen
                self.notify(tr("Not added: {msg}", self.lang, msg=why), severity="error")
                return
            self.paths.append(path)
            self.show()

        self.app.push_screen(PromptScreen(tr("Add a scenario to compare (path)", self.lang)), added)

    def _refusal(self, path: Path) -> str | None:
        """Why `path` cannot join the comparison (unreadable, invalid, another framework)."""
        try:
            other = load_scenario(path)
        except InputError as exc:
            return i18n.problem(exc.problems[0], self.lang)
        except OSError as exc:
            return f"{path}: {exc.strerror or exc}"
        mine = self.session.scenario.criteria.framework.id
        theirs = other.criteria.framework.id
        if theirs != mine:
            return tr(
                "{path} scores {theirs}, not {mine}",
                self.lang,
                path=path.name,
                theirs=theirs,
                mine=mine,
            )
        return None


def _indent(crit: object, node: str) -> str:
    depth = 0
    parents = getattr(crit, "parents", {})
    n = node
    while parents.get(n):
        n = parents[n][0]
        depth += 1
    return "  " * depth


def _cut(text: str, room: int) -> str:
    return text if len(text) <= room else text[: room - 1] + "…"


def _r(rank: int | None) -> str:
    return "—" if rank is None else str(rank)
