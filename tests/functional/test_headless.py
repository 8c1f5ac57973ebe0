"""The headless path never imports Textual; `ictscore open` checks its arguments before it does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ictscore import __main__ as cli

from ..conftest import CRITERIA, SCENARIOS

DEFAULT = SCENARIOS / "bac-giang-so-noi-vu-2021.toml"


def test_compute_does_not_import_textual() -> None:
    code = (
        "import sys, ictscore.cli.main as m\n"
        f"rc = m.main(['compute', {str(DEFAULT)!r}, '--format', 'json'])\n"
        "assert rc == 0, rc\n"
        "tops = {k.split('.')[0] for k in sys.modules}\n"
        "bad = sorted(tops & {'textual', 'textual_plotext'})\n"
        "print('LOADED', bad, file=sys.stderr)\n"
        "assert not bad\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "LOADED []" in out.stderr


def test_bare_ictscore_opens_the_default_scenario(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake(scenario: Any, lang: str = "vi") -> int:
        seen["path"], seen["lang"] = scenario.path, lang
        return 0

    import ictscore.tui.launch

    monkeypatch.setattr(ictscore.tui.launch, "launch", fake)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert cli.main([]) == 0
    assert Path(seen["path"]).name == DEFAULT.name and seen["lang"] == "vi"


def test_bare_ictscore_piped_prints_the_table() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ictscore"], capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert out.returncode == 0, out.stderr
    assert "Sở Nội vụ" in out.stdout and "711,0" in out.stdout


def test_open_scenario_and_new_from_criteria(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[Any] = []
    import ictscore.tui.launch

    monkeypatch.setattr(ictscore.tui.launch, "launch", lambda s, lang="vi": seen.append(s) or 0)
    assert cli.main(["open", str(DEFAULT), "--lang", "en"]) == 0
    assert seen[-1].focus == "so-noi-vu" and len(seen[-1].applied()) == 1
    data = SCENARIOS / "data" / "bac-giang-departments-2021.toml"
    target = tmp_path / "new.toml"
    crit = CRITERIA / "bac-giang-department-dti.toml"
    args = ["open", "--criteria", str(crit), "--data", str(data), "--focus", "so-tu-phap"]
    assert cli.main([*args, "-o", str(target)]) == 0
    new = seen[-1]
    assert new.path == target.resolve() and new.focus == "so-tu-phap" and new.applied() == []
    assert not target.exists()  # written only when the planner saves


@pytest.mark.parametrize(
    "argv",
    [
        ["open"],
        ["open", "--criteria", "x.toml"],
        ["open", "missing.toml"],
        ["open", str(DEFAULT), "--focus", "so-tu-phap"],
    ],
)
@pytest.mark.usefixtures("english")
def test_open_refuses_bad_arguments(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


def _modules_after_compute(env: dict[str, str]) -> set[str]:
    """The modules `python -m ictscore compute` has loaded when it is done, in a fresh process."""
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['ictscore', 'compute', {str(DEFAULT)!r}]\n"
        "try:\n"
        "    runpy.run_module('ictscore', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('\\nLOADED', ' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return set(out.stderr.rsplit("LOADED ", 1)[1].split())


def test_compute_skips_the_plugin_loader_unless_plugins_are_wanted() -> None:
    """With pydantic's plugins disabled (the program's default) `importlib.metadata`, which only
    the plugin loader needs, is never imported; asking for plugins brings pydantic's loader back."""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    assert "importlib.metadata" not in _modules_after_compute(env)
    with_plugins = _modules_after_compute({**env, "PYDANTIC_DISABLE_PLUGINS": ""})
    assert {"importlib.metadata", "pydantic.plugin._loader"} <= with_plugins
