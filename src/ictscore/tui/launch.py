"""Start the planner on a scenario: the only way into Textual, which the program calls."""

from __future__ import annotations

from ictscore.formats.scenario import Scenario
from ictscore.planning.session import Session


def launch(scenario: Scenario, lang: str = "vi") -> int:
    from ictscore.tui.app import IctscoreApp

    app = IctscoreApp(Session.open(scenario), lang=lang)
    app.run()
    return app.return_code or 0
