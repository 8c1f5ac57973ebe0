"""The framework tree of the focus entity: baseline → what-if score of max, and rank, per node."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ictscore.formats.criteria import Aggregate, Indicator
from ictscore.planning.session import Session
from ictscore.presentation import describe, display

GUIDE = 3


class NodeTree(Tree[str]):
    """Node ids as data; a node shared by several parents (DTI's foundations) appears under each."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "expand", show=False),
        Binding("left", "collapse", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        self._label_only: set[int] = set()
        """id() of the nodes whose next repaint is that of a new label (set before Textual's
        initialisation, which repaints nodes already)."""
        super().__init__("", id=id)
        self.show_root = False
        self.guide_depth = GUIDE
        self.auto_expand = False
        self._session: Session | None = None
        self._lang = "vi"
        self._built_for: tuple[str, str] | None = None
        self._lines: dict[str, list[tuple[TreeNode[str], int]]] = {}
        """Each node's lines (one per parent it appears under), with their depth."""

    def show(self, session: Session, lang: str, node: str | None = None) -> None:
        """Relabel the tree; `node`, when the change was the focus entity's value of that one
        indicator, limits it to the lines that can differ: that indicator and its ancestors
        (no other node's score or rank moves, for any entity)."""
        same = (session, lang) == (self._session, self._lang)
        self._session, self._lang = session, lang
        crit = session.scenario.criteria
        key = (crit.framework.id, str(id(crit)))
        if key != self._built_for:
            self._populate(session)
            self._built_for = key
            same = False
        if same and node is not None and node in crit.nodes:
            self._relabel({node, *crit.ancestors(node)})
        else:
            self._relabel()

    @property
    def selected(self) -> str | None:
        node = self.cursor_node
        return None if node is None else node.data

    def _populate(self, session: Session) -> None:
        """The headline on the first line and the pillars below it, all at the top level.

        Keeping the headline out of every line's ancestry matters for speed: a tree line is
        repainted when any node on its path changes, and the total changes with every edit.
        """
        crit = session.scenario.criteria
        self.clear()
        self._lines = {}
        self.root.data = None
        self.root.add_leaf("", data=crit.root)
        for top in session.pillars():
            if isinstance(crit.nodes[top], Aggregate):
                self._add_branch(self.root.add("", data=top, expand=True), top)
            else:
                self.root.add_leaf("", data=top)
        self.root.expand()
        self.move_cursor(self.root.children[0])
        stack = [(self.root, -1)]
        while stack:
            tn, depth = stack.pop()
            if tn.data is not None:
                self._lines.setdefault(tn.data, []).append((tn, depth))
            stack.extend((c, depth + 1) for c in tn.children)

    def _add_branch(self, parent: TreeNode[str], nid: str) -> None:
        crit = self._session.scenario.criteria if self._session else None
        assert crit is not None
        node = crit.nodes[nid]
        if isinstance(node, Aggregate):
            for ch in node.children:
                kid = crit.nodes[ch.node]
                if isinstance(kid, Aggregate):
                    self._add_branch(parent.add("", data=ch.node), ch.node)
                else:
                    parent.add_leaf("", data=ch.node)

    def on_resize(self) -> None:
        self._relabel()

    def _relabel(self, only: set[str] | None = None) -> None:
        """Every line, or the lines of the nodes in `only`."""
        if self._session is None:
            return
        width = max(20, self.size.width - 2)  # the gutter of the scrollbar is always kept
        lines = self._lines
        for nid in lines if only is None else only & lines.keys():
            for tn, depth in lines[nid]:
                label = self._label(nid, width - 2 - GUIDE * depth)
                old = tn.label
                if (
                    not isinstance(old, Text)
                    or old.plain != label.plain
                    or old.spans != label.spans
                ):
                    self._label_only.add(id(tn))
                    tn.set_label(label)  # only what changed: each set_label repaints lines

    def _refresh_node(self, node: TreeNode[str]) -> None:
        """What set_label asks for: Textual repaints the node and every line below it (their
        guides follow the cursor), while a new label changes the node's own line only. An edit
        relabels a pillar and the headline, so this keeps it from repainting the tree."""
        if id(node) in self._label_only:
            self._label_only.discard(id(node))
            if node.line >= 0:
                self._refresh_line(node.line)
        else:
            super()._refresh_node(node)

    def _label(self, nid: str, width: int) -> Text:
        s = self._session
        assert s is not None
        crit = s.scenario.criteria
        lang = self._lang
        f = s.focus
        node = crit.nodes[nid]
        dec = crit.decimals(nid)
        b, r = s.baseline, s.result
        bs, ws = b.score(f, nid), r.score(f, nid)
        br, wr = b.rank(f, nid), r.rank(f, nid)
        hi = s.engine.bounds[nid][1]
        right = Text()
        wide = width >= 48
        if isinstance(node, Indicator) and wide:
            v = r.raw_value(f, nid)
            changed = v != b.raw_value(f, nid)
            right.append(describe.value(node, v, lang)[:14], "bold" if changed else "dim")
            right.append("  ")
        right.append(display.number(bs, dec, lang))
        if ws != bs:
            right.append("→", "dim")
            style = "bold green" if (ws or 0) > (bs or 0) else "bold red"
            right.append(display.number(ws, dec, lang), style)
        if hi not in (float("inf"), 1.0) and wide:  # "of 1" says nothing on a 0..1 index
            right.append(f"/{display.number(hi, 0 if hi == int(hi) else dec, lang)}", "dim")
        digits = len(str(len(r.entity_ids)))
        right.append(f" #{_r(wr):<{digits}}")
        if wr != br and wr is not None and br is not None:
            move = display.rank_move(br - wr)
            right.append(f"{move:<{digits + 1}}", "green" if br > wr else "red")
        else:
            right.append(" " * (digits + 1))
        name = crit.label(nid, lang)
        room = max(6, width - right.cell_len - 1)
        if len(name) > room:
            name = name[: room - 1] + "…"
        label = Text(name, "bold" if isinstance(node, Aggregate) else "")
        label.append(" " * max(1, width - len(name) - right.cell_len))
        label.append_text(right)
        return label


def _r(rank: int | None) -> str:
    return "—" if rank is None else str(rank)
