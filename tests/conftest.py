from __future__ import annotations

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
