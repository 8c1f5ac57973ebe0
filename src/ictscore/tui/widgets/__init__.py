"""One widget per module; each takes the session and the language in `show(session, lang)`."""

from textual.widget import Widget


def retitle(widget: Widget, title: str) -> None:
    """Set a border title only when it changes: Textual repaints the whole widget on every
    assignment, which after each edit repainted the whole tree."""
    if widget.border_title != title:
        widget.border_title = title
