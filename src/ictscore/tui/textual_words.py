"""Textual's own words that a user of the planner sees, in the catalogue.

The help screen (F1), the footer and the command palette list the keys of Textual's widgets
("Cursor Up", "Scroll Home", "Copy selected text") and Textual's system commands ("Theme",
"Quit", "Keys"). They are English in Textual; marking them here puts them in the catalogue, and
`TranslatedScreen` / `IctscoreApp.get_system_commands` show them translated.
`tests/tui/test_textual_words.py` checks every binding of the widgets the planner uses is here,
so a Textual upgrade that adds one fails a test instead of leaking English.
"""

from __future__ import annotations

from ictscore.tui.i18n import N_

WIDGETS = (
    "App",
    "Screen",
    "ModalScreen",
    "Tree",
    "DataTable",
    "Input",
    "OptionList",
    "Tabs",
    "TabbedContent",
    "VerticalScroll",
    "Markdown",
    "Button",
    "Footer",
    "CommandPalette",
)
"""The Textual classes whose bindings the planner shows (its screens and widgets derive from)."""

BINDINGS = (
    N_("Bottom"),
    N_("Copy selected text"),
    N_("Cursor Down"),
    N_("Cursor Up"),
    N_("Cursor down"),
    N_("Cursor left"),
    N_("Cursor right"),
    N_("Cursor to next ancestor"),
    N_("Cursor to next sibling"),
    N_("Cursor to parent"),
    N_("Cursor to previous sibling"),
    N_("Cursor up"),
    N_("Cut selected text"),
    N_("Delete all to the left"),
    N_("Delete all to the right"),
    N_("Delete character left"),
    N_("Delete character right"),
    N_("Delete left to start of word"),
    N_("Delete right to start of word"),
    N_("Down"),
    N_("End"),
    N_("Exit the command palette"),
    N_("palette"),  # the footer's key for the palette (App adds it in __init__)
    N_("Open the command palette"),
    N_("Expand or collapse all"),
    N_("First"),
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Go to bottom"),
    N_("Go to end"),
    N_("Go to start"),
    N_("Go to top"),
    N_("Home"),
    N_("Last"),
    N_("Move cursor left"),
    N_("Move cursor left a word"),
    N_("Move cursor left a word and select"),
    N_("Move cursor left and select"),
    N_("Move cursor right a word"),
    N_("Move cursor right a word and select"),
    N_("Move cursor right and select"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Next command"),
    N_("Next page"),
    N_("Next tab"),
    N_("Page Down"),
    N_("Page Left"),
    N_("Page Right"),
    N_("Page Up"),
    N_("Page down"),
    N_("Page up"),
    N_("Paste text from the clipboard"),
    N_("Press button"),
    N_("Previous command"),
    N_("Previous page"),
    N_("Previous tab"),
    N_("Quit"),
    N_("Scroll Down"),
    N_("Scroll End"),
    N_("Scroll Home"),
    N_("Scroll Left"),
    N_("Scroll Right"),
    N_("Scroll Up"),
    N_("Select"),
    N_("Select all"),
    N_("Select line end"),
    N_("Select line start"),
    N_("Submit"),
    N_("Toggle"),
    N_("Top"),
    N_("Up"),
)

SYSTEM_COMMANDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)

PALETTE_PLACEHOLDER = N_("Search for commands…")
