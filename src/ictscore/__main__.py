"""The `ictscore` program, run as `python -m ictscore` and as the installed script: the command
line, which opens the interactive planner when asked.

The one module above the faces. The CLI may not import the planner (no face imports another, and
the headless commands must not load Textual), so this module hands the CLI a planner that
imports Textual only when it opens.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Sequence

# pydantic looks for plugins (code that watches every validation) among the entry points of every
# installed distribution when it builds its first model: a scan of all their metadata that costs
# more than the computation of a small scenario. ictscore defines no plugin and none is meant to
# watch it, so the program skips the scan unless the user has said otherwise (set the variable,
# even to an empty value, to have pydantic load the installed plugins again).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _skip_plugin_loader() -> None:
    """With every plugin disabled, pydantic's plugin loader has nothing to load, yet importing it
    imports `importlib.metadata` (and through it email, socket, calendar, ...): measured, a
    quarter of the start-up of `ictscore compute`. In that case the loader is a module that
    answers what the disabled loader answers, no plugins; with any other setting of the variable
    pydantic's own loader runs."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") != "__all__":
        return
    name = "pydantic.plugin._loader"
    if name in sys.modules:
        return
    loader = types.ModuleType(name, "pydantic's plugin loader with every plugin disabled")

    def get_plugins() -> tuple[()]:
        return ()

    loader.get_plugins = get_plugins  # type: ignore[attr-defined]
    sys.modules[name] = loader


_skip_plugin_loader()

from ictscore.cli.main import main as run_cli  # noqa: E402 (after the loader is chosen)
from ictscore.formats.scenario import Scenario  # noqa: E402


def open_planner(scenario: Scenario, lang: str = "vi") -> int:
    from ictscore.tui.launch import launch

    return launch(scenario, lang)


def main(argv: Sequence[str] | None = None) -> int:
    return run_cli(argv, planner=open_planner)


if __name__ == "__main__":
    raise SystemExit(main())
