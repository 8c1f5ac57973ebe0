"""The `ictscore` program, run as `python -m ictscore` and as the installed script: the command
line, which opens the interactive planner when asked.

The one module above the faces. The CLI may not import the planner (no face imports another, and
the headless commands must not load Textual), so this module hands the CLI a planner that
imports Textual only when it opens.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

# pydantic looks for plugins (code that watches every validation) among the entry points of every
# installed distribution when it builds its first model: a scan of all their metadata that costs
# more than the computation of a small scenario. ictscore defines no plugin and none is meant to
# watch it, so the program skips the scan unless the user has said otherwise (set the variable,
# even to an empty value, to have pydantic load the installed plugins again).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from ictscore.cli.main import main as run_cli
from ictscore.formats.scenario import Scenario


def open_planner(scenario: Scenario, lang: str = "vi") -> int:
    from ictscore.tui.launch import launch

    return launch(scenario, lang)


def main(argv: Sequence[str] | None = None) -> int:
    return run_cli(argv, planner=open_planner)


if __name__ == "__main__":
    raise SystemExit(main())
