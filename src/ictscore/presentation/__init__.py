"""What every face shares, and no face owns: words, numbers and the writers of every output format.

The CLI, the planner (TUI) and the report face all show a score, a label or a file through here,
so 0,8002 reads the same in a terminal table, a Markdown export and the planner's node panel, and
one registry (`ictscore.presentation.writers`) decides which formats exist. It sits above
planning and below the faces: it may compute what a document says (the report runs the
optimiser), but never asks a user anything and never imports Textual.
"""
