from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = ROOT / "criteria"
SCENARIOS = ROOT / "scenarios"
DEFAULT_SCENARIO = SCENARIOS / "bac-giang-so-noi-vu-2021.toml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/* from the current output instead of comparing",
    )


@pytest.fixture
def root() -> Path:
    return ROOT


GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME, or rewrite the file under --update-golden
    (or ICTSCORE_UPDATE_GOLDEN=1); review the diff before committing a rewrite."""
    update = bool(
        request.config.getoption("--update-golden") or os.environ.get("ICTSCORE_UPDATE_GOLDEN")
    )

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.write_bytes(text.encode("utf-8"))
            return
        assert path.exists(), f"{name} missing: run pytest --update-golden"
        assert text == path.read_bytes().decode("utf-8"), f"{name} differs (--update-golden)"

    return check


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every TUI test drives a real app through the Pilot: seconds each, so `slow`."""
    slow = pytest.mark.slow
    for item in items:
        if item.nodeid.startswith("tests/tui/") or "/tests/tui/" in str(item.path):
            item.add_marker(slow)


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command run without --lang follows ICTSCORE_LANG, else Vietnamese: the tests start from
    the user's default, whatever the developer's environment says."""
    monkeypatch.delenv("ICTSCORE_LANG", raising=False)


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """For tests that pin the English wording of errors (the corpus of bad inputs and friends);
    the Vietnamese wording is tested in tests/unit/test_catalogue.py and test_vietnamese.py."""
    monkeypatch.setenv("ICTSCORE_LANG", "en")
