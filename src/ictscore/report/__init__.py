"""Reports and exports for people outside the tool: leadership drafts, spreadsheets, files.

A face like the CLI and the TUI, without Textual: both of them call into it.
"""
