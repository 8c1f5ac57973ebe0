"""The input where a new value is typed; refuses what the indicator cannot take, with a message."""

from __future__ import annotations

from textual.validation import ValidationResult, Validator
from textual.widgets import Input

from ictscore.formats.criteria import Criteria
from ictscore.formats.values import coerce
from ictscore.scoring.base import Bounds


class NodeValue(Validator):
    """The same check the scenario applies (`formats.values.coerce`), while typing."""

    def __init__(self) -> None:
        super().__init__()
        self.criteria: Criteria | None = None
        self.node: str | None = None
        self.bounds: Bounds | None = None
        """What a group can score, when the value typed is a group's."""

    def validate(self, value: str) -> ValidationResult:
        if self.criteria is None or self.node is None:
            return self.failure("no indicator selected")
        try:
            coerce(self.criteria.nodes[self.node], value, self.bounds)
        except ValueError as exc:
            return self.failure(str(exc))
        return self.success()


class ValueEditor(Input):
    def __init__(self, *, id: str | None = None) -> None:
        self.check = NodeValue()
        super().__init__(
            id=id,
            validators=[self.check],
            validate_on=["changed", "submitted"],
            select_on_focus=False,
        )
        self.node: str | None = None

    def on_mount(self) -> None:
        self.cursor_blink = bool(getattr(self.app, "blink", True))

    def start(
        self,
        criteria: Criteria,
        node: str,
        text: str,
        prompt: str,
        select: bool = True,
        bounds: Bounds | None = None,
    ) -> None:
        """Edit `node`, starting from `text` (selected, so typing replaces it, when `select`);
        `bounds` are what a group `node` can score."""
        self.node = node
        self.check.criteria, self.check.node = criteria, node
        self.check.bounds = bounds
        self.placeholder = prompt
        self.border_title = prompt
        self.value = text
        self.cursor_position = len(text)
        self.focus()
        if select:
            self.call_after_refresh(self.select_all)
