"""Reports and exports from Python, for a script or a notebook that writes files without a terminal.

A face like the CLI and the planner, and like them without Textual: a script that drafts the
report of every department's scenario calls `write_report`, one that exports many projections
calls `export_projection`. All three faces write through the one registry of formats in
`ictscore.presentation.writers`, so a file from any of them reads the same, byte for byte.
"""
