"""The interactive what-if planner (Textual). Import `ictscore.tui.app` only when launching it:
this package's own modules that the headless path may touch never import Textual."""
