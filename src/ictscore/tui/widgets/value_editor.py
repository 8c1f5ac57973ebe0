"""The input where a new value is typed; refuses what the indicator cannot take, with a message.

Numbers are read as the user writes them (`ictscore.presentation.numbers`: "1.000" is one
thousand in Vietnamese, "30,5" is 30.5) and the border echoes what was understood
("= 1.000 tin bài") before Enter applies it. A text that the indicator's range leaves two ways
to read is asked about by the screen (`MainScreen._submitted`), never guessed.
"""

from __future__ import annotations

from textual.validation import ValidationResult, Validator
from textual.widgets import Input

from ictscore.formats.criteria import Criteria, Indicator
from ictscore.formats.message import message_of
from ictscore.formats.values import coerce
from ictscore.presentation import describe, i18n, numbers
from ictscore.scoring.base import Bounds
from ictscore.tui.i18n import tr


class NodeValue(Validator):
    """The same check the scenario applies (`formats.values.coerce`), while typing."""

    def __init__(self) -> None:
        super().__init__()
        self.criteria: Criteria | None = None
        self.node: str | None = None
        self.lang = "vi"
        self.understood = ""
        """What the text means, as the planner would show it ("= 1.000 tin bài"), or ""."""
        self.bounds: Bounds | None = None
        """What a group can score, when the value typed is a group's."""

    def validate(self, value: str) -> ValidationResult:
        self.understood = ""
        if self.criteria is None or self.node is None:
            return self.failure(tr("no indicator selected", self.lang))
        node = self.criteria.nodes[self.node]
        try:
            typed = (
                numbers.indicator_value(node, value, self.lang)
                if isinstance(node, Indicator)
                else value
            )
            checked = coerce(node, typed, self.bounds)
        except numbers.Ambiguous as exc:
            self.understood = numbers.message(exc, self.lang)
            return self.success()  # Enter asks which reading was meant
        except ValueError as exc:
            names = describe.node_names(self.criteria, self.lang)
            return self.failure(i18n.text(message_of(exc), self.lang, names))
        if isinstance(node, Indicator) and not isinstance(checked, str):
            self.understood = "= " + describe.value(node, checked, self.lang)
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
        lang: str = "vi",
        bounds: Bounds | None = None,
    ) -> None:
        """Edit `node`, starting from `text` (selected, so typing replaces it, when `select`);
        `bounds` are what a group `node` can score."""
        self.node = node
        self.check.criteria, self.check.node, self.check.lang = criteria, node, lang
        self.check.bounds = bounds
        self.placeholder = prompt
        self.border_title = prompt
        self.value = text
        self.cursor_position = len(text)
        self.focus()
        if select:
            self.call_after_refresh(self.select_all)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Echo what the text means under the field, before Enter applies it."""
        self.border_subtitle = self.check.understood if event.value.strip() else ""
