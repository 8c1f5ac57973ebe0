"""The messages by which a change of the session reaches the screens.

The app posts one after every change (an edit, undo, a new focus, a save, the language); each
screen repaints from it. What the message says is how far the change can reach, so that the
main screen repaints only that: after an edit of one indicator of the focus entity, only the
tree lines of that indicator and its ancestors can differ, and the ranking only in the rows
whose rank or score moved.
"""

from __future__ import annotations

from textual.message import Message


class SessionChanged(Message):
    """The session or the language changed.

    `node` is the indicator whose value for the focus entity was the whole change (its value,
    nothing else: not the focus, the target rank, the language or another entity's value); None
    when the change may reach anything. `repeat`: the change came from a key that is pressed
    in bursts (+ and - held down), so the charts wait for the keys to pause before they are
    drawn; any other change draws them at once.
    """

    def __init__(self, node: str | None = None, repeat: bool = False) -> None:
        super().__init__()
        self.node = node
        self.repeat = repeat
