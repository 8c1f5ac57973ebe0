"""The scenario's edit log with its audit trail: what changed, for whom, why, from which document,
who decided it and when. Undone changes (what ctrl+y brings back) are greyed: they are not saved.

`a` or Enter annotates the selected change; the app's undo/redo work here and repaint the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from ictscore.formats.criteria import Indicator
from ictscore.formats.scenario import Change
from ictscore.planning import audit as audit_trail
from ictscore.planning.session import Session
from ictscore.presentation import describe
from ictscore.tui.i18n import tr
from ictscore.tui.screens.base import TranslatedScreen

if TYPE_CHECKING:
    pass

UNDONE = "dim"
WIDTHS = {"n": 3, "entity": 16, "value": 10, "author": 14, "date": 10}


class EditLogScreen(TranslatedScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the planner"),
        Binding(
            "a", "annotate", "Annotate", tooltip="Note, source document and author of a change"
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="edit-log"):
            yield DataTable[Text](id="log-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="log-detail")
        yield Footer(compact=True)

    @property
    def session(self) -> Session:
        return self.ictapp.session

    def on_mount(self) -> None:
        self.show()
        table = self.query_one("#log-table", DataTable)
        table.move_cursor(row=max(0, self.session.cursor - 1))
        table.focus()

    def on_resize(self) -> None:
        self.show()

    # --- painting ------------------------------------------------------------------------------

    def show(self) -> None:
        lang = self.lang
        s = self.session
        table = self.query_one("#log-table", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        self.title = tr("Edit log", lang)
        heads = {
            "n": "#",
            "entity": tr("Entity", lang),
            "node": tr("Criterion", lang),
            "value": tr("Value", lang),
            "note": tr("Note", lang),
            "source": tr("Source", lang),
            "author": tr("Author", lang),
            "date": tr("Date", lang),
        }
        columns = _columns(list(heads), self.size.width)
        for key, width in columns:
            table.add_column(heads[key], key=key, width=width)
        for k, ch in enumerate(s.changes):
            style = UNDONE if k >= s.cursor else ""
            cells = {
                "n": str(k + 1),
                "entity": self._entity(ch),
                "node": self._label(ch),
                "value": self._value(ch),
                "note": ch.note or "",
                "source": ch.source or "",
                "author": ch.author or "",
                "date": ch.date or "",
            }
            table.add_row(
                *(
                    Text(_cut(cells[key], w), style, justify="right" if key == "n" else "left")
                    for key, w in columns
                ),
                key=str(k),
            )
        if s.changes:
            table.move_cursor(row=min(max(row, 0), len(s.changes) - 1))
        self.show_detail()

    def show_detail(self) -> None:
        lang = self.lang
        s = self.session
        detail = self.query_one("#log-detail", Static)
        k = self.query_one("#log-table", DataTable).cursor_row
        if not s.changes:
            detail.update(
                tr("The edit log is empty: every edit in the planner is added here", lang)
            )
            return
        ch = s.changes[k]
        base = s.baseline_value(ch.node, s.entity_of(ch))
        node = s.scenario.criteria.nodes[ch.node]
        before = describe.value(node, base, lang) if isinstance(node, Indicator) else str(base)
        lines = [
            Text(f"{k + 1}. {self._entity(ch)}: {self._label(ch)}", "bold"),
            Text(f"   {tr('Baseline', lang)} {before} → {self._value(ch)}"),
        ]
        for label, value in (
            (tr("Note", lang), ch.note),
            (tr("Source", lang), ch.source),
            (tr("Author", lang), ch.author),
            (tr("Date", lang), ch.date),
        ):
            lines.append(Text(f"   {label}: {value or '—'}"))
        if k >= s.cursor:
            lines.append(Text("   " + tr("Undone: ctrl+y brings it back; not saved", lang), UNDONE))
        detail.update(Text("\n").join(lines))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_annotate()

    def _entity(self, ch: Change) -> str:
        who = self.session.entity_of(ch)
        return self.session.result.names.get(who, who)

    def _label(self, ch: Change) -> str:
        return self.session.scenario.criteria.label(ch.node, self.lang)

    def _value(self, ch: Change) -> str:
        node = self.session.scenario.criteria.nodes[ch.node]
        return (
            describe.value(node, ch.value, self.lang)
            if isinstance(node, Indicator)
            else str(ch.value)
        )

    # --- actions -------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(None)

    def action_annotate(self) -> None:
        from ictscore.tui.screens.annotate import AnnotateScreen

        app, lang = self.ictapp, self.lang
        changes = self.session.changes
        if not changes:
            self.notify(tr("The edit log is empty: every edit in the planner is added here", lang))
            return
        k = self.query_one("#log-table", DataTable).cursor_row
        ch = changes[k]
        what = f"{self._label(ch)} = {self._value(ch)}"

        def annotated(audit: dict[str, str] | None) -> None:
            if audit is not None and app.apply_edit(lambda s: s.annotate(k, **audit)):
                self.notify(tr("Annotated: {what}", lang, what=what))

        app.push_screen(
            AnnotateScreen(
                tr("Annotate change {n}: {what}", lang, n=k + 1, what=what),
                ch,
                self.session.author,
                audit_trail.today(),
                lang,
            ),
            annotated,
        )


def _columns(keys: list[str], width: int) -> list[tuple[str, int]]:
    """Column widths for the screen: criterion, note and source share what the fixed ones leave;
    in a narrow terminal the entity, then the author go (the panel below shows them)."""
    keys = list(keys)
    room = 0
    for drop in (None, "entity", "author"):
        if drop is not None:
            keys.remove(drop)
        fixed = sum(WIDTHS.get(k, 0) for k in keys) + 2 * len(keys) + 2
        room = (width - fixed) // 3
        if room >= 14:
            break
    return [(k, WIDTHS.get(k, max(8, room))) for k in keys]


def _cut(text: str, room: int) -> str:
    text = " ".join(text.split())  # a multi-line note stays on its row
    return text if len(text) <= room else text[: room - 1] + "…"
