"""The Textual application: holds the session and the language, owns the global keys, and
repaints the planner after every change. Screens and widgets only read the session."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen

from ictscore.formats.criteria import Indicator
from ictscore.formats.errors import InputError
from ictscore.formats.message import message_of
from ictscore.formats.plan import Lever
from ictscore.formats.scenario import Change, ConflictError, load_scenario
from ictscore.planning.audit import default_author
from ictscore.planning.session import FocusStep, Session
from ictscore.presentation import describe, i18n
from ictscore.resources import in_installed_bundle
from ictscore.tui import textual_words
from ictscore.tui.exporting import EXPORT_TIP, REPORT_TIP, export_dialog
from ictscore.tui.i18n import tr
from ictscore.tui.messages import SessionChanged
from ictscore.tui.screens import EXTRA_SCREENS
from ictscore.tui.screens.confirm import ChoiceScreen
from ictscore.tui.screens.main import MainScreen
from ictscore.tui.screens.prompt import PromptScreen


class IctscoreApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "ictscore"
    ENABLE_COMMAND_PALETTE = True
    # typed as on App (an instance variable there), hence no ClassVar
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (80, "-narrow"), (120, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            tooltip="Save the scenario (atomic; asks if the file changed on disk)",
            priority=True,
        ),
        Binding(
            "f2", "save_as", "Save as", tooltip="Save the scenario to another file", show=False
        ),
        Binding("ctrl+z", "undo", "Undo", tooltip="Undo the last edit", priority=True),
        Binding("ctrl+y", "redo", "Redo", tooltip="Redo the edit undone", priority=True),
        Binding(
            "f1,question_mark",
            "help",
            "Help",
            tooltip="Keys and how the planner works",
            key_display="F1",
        ),
        Binding("l", "language", "Language", tooltip="Switch between Vietnamese and English"),
        Binding("p", "plan", "Plan", tooltip="Levers, budget and the optimiser"),
        Binding(
            "n",
            "next_steps",
            "Next steps",
            tooltip="Each criterion's next scoring step, what it earns and costs",
            show=False,
        ),
        Binding("c", "compare", "Compare", tooltip="Compare saved scenarios side by side"),
        # shown in help and the palette: the footer is full at 120 columns already
        Binding(
            "h", "edit_log", "Edit log", tooltip="Every change with who, when and why", show=False
        ),
        Binding(
            "x",
            "export",
            "Export",
            tooltip=EXPORT_TIP,
            show=False,
        ),
        Binding("X", "report", "Report", tooltip=REPORT_TIP, show=False),
        Binding(
            "y", "history", "History", tooltip="The focus entity's rank over the years", show=False
        ),
        Binding("f", "focus_entity", "Focus", tooltip="Choose the focus entity", show=False),
        Binding("t", "target", "Target rank", tooltip="Set the rank to aim for", show=False),
        Binding("o", "open", "Open", tooltip="Open another scenario", show=False),
        Binding("q", "quit", "Quit", tooltip="Quit (asks when there are unsaved changes)"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, session: Session, lang: str = "vi", blink: bool = True) -> None:
        super().__init__()
        self.session = self.signed(session)
        self.lang = lang
        self.blink = blink
        """False freezes the text cursors (snapshot tests)."""

    @staticmethod
    def signed(session: Session) -> Session:
        """Edits made here carry who (ICTSCORE_AUTHOR or the login name) and when (today)."""
        session.stamp, session.author = True, session.author or default_author()
        return session

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Messages carry file names and `[key]`s: never read them as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # --- lifecycle -----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.push_screen(MainScreen())
        self._update_title()
        self.offer_restore()

    @work(exclusive=True, group="restore")
    async def offer_restore(self) -> None:
        pending = self.session.pending()
        if pending is None:
            return
        lang = self.lang
        q = tr(
            "An earlier session left {n} unsaved changes for this scenario "
            "(journal {path}). Restore them?",
            lang,
            n=len(pending.ops),
            path=pending.path.name,
        )
        if pending.disk_hash != self.session.scenario.disk_hash:
            q += "\n" + tr("The scenario file has changed since then.", lang)
        # Escape gives the last answer: "later", which deletes nothing (asked again next time)
        choice = await self.push_screen_wait(
            ChoiceScreen(
                q,
                [
                    ("restore", tr("Restore", lang)),
                    ("discard", tr("Discard", lang)),
                    ("later", tr("Ask me next time", lang)),
                ],
            )
        )
        if choice == "restore":
            for problem in self.session.restore(pending):
                self.notify(problem, severity="warning")
            self.notify(tr("Restored {n} changes", lang, n=len(pending.ops)))
        elif choice == "discard":
            self.session.discard_journal()
        else:
            # this session must neither overwrite the journal nor remove it on saving
            self.session.journal = None
            self.notify(tr("The unsaved changes are kept; you will be asked again next time", lang))
        self.changed()

    def changed(self, node: str | None = None, repeat: bool = False) -> None:
        """After any change to the session or the language: the title now, and the screen by a
        message saying how far the change reaches (`node`, `repeat`: see SessionChanged)."""
        self._update_title()
        self.screen.post_message(SessionChanged(node, repeat))

    def _update_title(self) -> None:
        s = self.session
        sc = s.scenario
        # the marker leads the title: it must survive an 80-column header
        self.title = ("● " if s.dirty else "") + sc.name
        mark = f" — {tr('unsaved', self.lang)}" if s.dirty else ""
        self.sub_title = f"{sc.path.name if sc.path else ''}{mark}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that open a screen are hidden on that screen."""
        from ictscore.tui.screens.compare import CompareScreen
        from ictscore.tui.screens.edit_log import EditLogScreen

        if action == "edit_log" and isinstance(self.screen, EditLogScreen):
            return False
        return not (action == "compare" and isinstance(self.screen, CompareScreen))

    def apply_edit(
        self, edit: Callable[[Session], object], node: str | None = None, repeat: bool = False
    ) -> bool:
        """Run one edit on the session; a refused value becomes a message, never a crash.
        `node`: the edit sets that indicator of the focus entity and nothing else; `repeat`: it
        came from a key pressed in bursts (see SessionChanged)."""
        try:
            edit(self.session)
        except ValueError as exc:
            names = describe.node_names(self.session.scenario.criteria, self.lang)
            msg = i18n.text(message_of(exc), self.lang, names)
            self.notify(tr("Refused: {msg}", self.lang, msg=msg), severity="error")
            return False
        self.changed(node, repeat)
        return True

    # --- the command palette: every binding of the screen and the app --------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        seen = set()
        for ab in screen.active_bindings.values():
            b = ab.binding
            if not isinstance(ab.node, App | Screen) or not b.tooltip:
                continue  # a widget's own keys and Textual's built-in ones are not our commands
            if not b.description or (id(ab.node), b.action) in seen:
                continue
            seen.add((id(ab.node), b.action))
            yield SystemCommand(
                tr(b.description, self.lang),
                f"{self.get_key_display(b)} — {tr(b.tooltip, self.lang)}",
                partial(self._run_from_palette, ab.node, b.action),
            )
        for c in super().get_system_commands(screen):  # Textual's own: Theme, Keys, Quit, ...
            yield c._replace(title=tr(c.title, self.lang), help=tr(c.help, self.lang))

    def action_command_palette(self) -> None:
        """Textual's palette, with its placeholder ("Search for commands…") in our language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            placeholder = tr(textual_words.PALETTE_PLACEHOLDER, self.lang)
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def _run_from_palette(self, node: object, action: str) -> None:
        self.call_later(self.run_action, action, node)

    # --- actions -------------------------------------------------------------------------------

    def action_undo(self) -> None:
        ch = self.session.undo()
        lang = self.lang
        if ch is None:
            self.notify(tr("Nothing to undo", lang))
        else:
            self.notify(tr("Undone: {what}", lang, what=self._what(ch)))
        self.changed()

    def action_redo(self) -> None:
        ch = self.session.redo()
        lang = self.lang
        if ch is None:
            self.notify(tr("Nothing to redo", lang))
        else:
            self.notify(tr("Redone: {what}", lang, what=self._what(ch)))
        self.changed()

    def action_reset_all(self) -> None:
        n = self.session.reset_all()
        lang = self.lang
        self.notify(
            tr("Undid {n} edits (ctrl+y brings them back)", lang, n=n)
            if n
            else tr("No edits to reset", lang)
        )
        self.changed()

    def _what(self, ch: Change | Lever | FocusStep) -> str:
        if isinstance(ch, Lever):
            return tr("lever {name}", self.lang, name=ch.name(self.lang))
        if isinstance(ch, FocusStep):
            names = self.session.result.names
            return tr("focus {old} → {new}", self.lang, old=names[ch.old], new=names[ch.new])
        crit = self.session.scenario.criteria
        node = crit.nodes[ch.node]
        value = (
            describe.value(node, ch.value, self.lang) if isinstance(node, Indicator) else ch.value
        )
        return f"{crit.label(ch.node, self.lang)} = {value}"

    def action_language(self) -> None:
        self.lang = "en" if self.lang == "vi" else "vi"
        self.notify("Tiếng Việt" if self.lang == "vi" else "English")
        self.changed()
        for s in self.screen_stack:
            s.refresh_bindings()

    def action_help(self) -> None:
        self.open_screen("help")

    def action_compare(self) -> None:
        self.open_screen("compare")

    def action_plan(self) -> None:
        self.open_screen("plan")

    def action_next_steps(self) -> None:
        from ictscore.tui.screens.next_steps import NextStepsScreen

        if not isinstance(self.screen, ModalScreen | NextStepsScreen):
            self.open_screen("next_steps")

    def action_edit_log(self) -> None:
        if not isinstance(self.screen, ModalScreen):
            self.open_screen("edit_log")

    def action_history(self) -> None:
        if not isinstance(self.screen, ModalScreen):
            self.open_screen("history")

    def action_export(self, report: bool = False) -> None:
        if not isinstance(self.screen, ModalScreen):  # over a question it would cancel it
            self._export(report)

    def action_report(self) -> None:
        self.action_export(report=True)

    @work(exclusive=True, group="file")
    async def _export(self, report: bool) -> None:
        await export_dialog(self, report)

    def open_screen(self, name: str) -> None:
        self.push_screen(EXTRA_SCREENS[name](self))

    def action_target(self) -> None:
        lang = self.lang
        current = self.session.target_rank

        def chosen(text: str | None) -> None:
            if text is None:
                return
            try:
                rank = int(text) if text.strip() else None
            except ValueError:
                self.notify(
                    tr("Refused: {msg}", lang, msg=tr("Not a whole number", lang)), severity="error"
                )
                return
            self.apply_edit(lambda s: s.set_target_rank(rank))

        self.push_screen(
            PromptScreen(
                tr("Target rank (empty to clear)", lang), "" if current is None else str(current)
            ),
            chosen,
        )

    def action_focus_entity(self) -> None:
        s = self.session
        r = s.result
        options = [(e, f"{r.names[e]}  (#{r.rank(e)})") for e in r.order()]

        def chosen(entity: str | None) -> None:
            if entity and entity in r.names and entity != s.focus:
                self.apply_edit(lambda ss: ss.set_focus(entity))
                self.notify(
                    tr(
                        "Focus is now {name}; the edits made stay with their entity",
                        self.lang,
                        name=r.names[entity],
                    )
                )

        self.push_screen(
            PromptScreen(tr("Choose the focus entity", self.lang), "", options), chosen
        )

    # --- saving, opening, quitting ---------------------------------------------------------------

    @work(exclusive=True, group="file")
    async def action_save(self) -> None:
        await self._save_here()

    async def _save_here(self) -> bool:
        """ctrl+s, and "save" on quitting or opening another file: the same path either way."""
        path = self.session.scenario.path
        if path is not None and in_installed_bundle(path):
            # the bundled example inside site-packages: save a copy where the user works
            return await self._save_as(Path.cwd() / path.name)
        return await self.save()

    async def save(self, path: Path | None = None) -> bool:
        lang = self.lang
        s = self.session
        kept = len(s.source.applied())
        if s.cursor == 0 and kept and path in (None, s.source.path):
            # after R (undo every edit) a save would delete every change of the file, with
            # its notes and sources: never without asking
            q = tr(
                "Every edit is undone: saving removes the {n} changes saved in the file, with "
                "their notes and sources. Save anyway?",
                lang,
                n=kept,
            )
            if await self._ask(q, "save", tr("Save", lang)) != "save":
                return False
        try:
            target = s.save(path)
        except ConflictError as exc:
            same = path is None
            q = (
                tr("The file changed on disk since it was opened. Overwrite it?", lang)
                if same
                else tr("{path} exists. Overwrite it?", lang, path=exc.path)
            )
            if await self._ask(q, "overwrite", tr("Overwrite", lang)) != "overwrite":
                return False
            target = s.save(path, force=True)
        except (OSError, ValueError) as exc:
            self.notify(tr("Cannot save: {msg}", lang, msg=str(exc)), severity="error")
            return False
        self.notify(tr("Saved to {path}", lang, path=target))
        self.changed()
        return True

    async def _ask(self, question: str, yes: str, yes_label: str) -> str:
        return await self.push_screen_wait(
            ChoiceScreen(question, [(yes, yes_label), ("cancel", tr("Cancel", self.lang))])
        )

    @work(exclusive=True, group="file")
    async def action_save_as(self) -> None:
        await self._save_as(self.session.scenario.path)

    async def _save_as(self, suggested: Path | None) -> bool:
        lang = self.lang
        default = str(suggested or "")
        text = await self.push_screen_wait(
            PromptScreen(tr("Save as (path of the new TOML file)", lang), default)
        )
        if not text:
            return False
        target = Path(text).expanduser()
        why = None
        if target.suffix.lower() != ".toml":
            why = tr("a scenario is a .toml file: {path}", lang, path=target)
        elif not target.parent.is_dir():
            # a typo in the folder must not become a new folder
            why = tr("no folder {path}", lang, path=target.parent)
        if why is not None:
            self.notify(tr("Cannot save: {msg}", lang, msg=why), severity="error")
            return False
        return await self.save(target)

    async def _settle_unsaved(self) -> bool:
        """Ask about unsaved changes: True when it is fine to go on (saved or discarded)."""
        if not self.session.dirty:
            self.session.discard_journal()
            return True
        lang = self.lang
        choice = await self.push_screen_wait(
            ChoiceScreen(
                tr("There are unsaved changes.", lang),
                [
                    ("save", tr("Save them", lang)),
                    ("discard", tr("Discard them", lang)),
                    ("cancel", tr("Cancel", lang)),
                ],
            )
        )
        if choice == "save":
            return await self._save_here()
        if choice == "discard":
            self.session.discard_journal()
            return True
        return False

    async def action_quit(self) -> None:
        self._quit()

    @work(exclusive=True, group="file")
    async def _quit(self) -> None:
        if await self._settle_unsaved():
            self.exit()

    @work(exclusive=True, group="file")
    async def action_open(self) -> None:
        from ictscore.resources import bundled_scenarios

        if not await self._settle_unsaved():
            return
        sc = self.session.scenario
        here = sc.path.parent if sc.path else Path.cwd()
        paths = {
            p.resolve(): p
            for p in [
                *sorted(here.glob("*.toml")),
                *bundled_scenarios(),
                *sorted(Path.cwd().glob("*.toml")),
            ]
        }
        options = [(str(p), f"{p.name}  ({p.parent})") for p in paths]
        text = await self.push_screen_wait(
            PromptScreen(tr("Open a scenario (path, or choose below)", self.lang), "", options)
        )
        if text:
            self.open_path(Path(text).expanduser())

    def open_path(self, path: Path) -> bool:
        try:
            scenario = load_scenario(path)
        except InputError as exc:
            for p in exc.problems:
                self.notify(i18n.problem(p, self.lang), severity="error", timeout=10)
            return False
        except OSError as exc:
            self.notify(
                tr("Cannot open {path}: {msg}", self.lang, path=path, msg=exc), severity="error"
            )
            return False
        self.session = self.signed(Session.open(scenario))
        main = next(s for s in self.screen_stack if isinstance(s, MainScreen))
        main.selected = None
        self.changed()
        self.offer_restore()
        return True
