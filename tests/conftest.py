from __future__ import annotations

import os
from collections.abc import Iterator
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


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test (and every subprocess it starts) uses a fresh, private output cache."""
    saved = {k: os.environ.get(k) for k in ("ICTSCORE_CACHE_DIR", "ICTSCORE_NO_CACHE")}
    os.environ["ICTSCORE_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ.pop("ICTSCORE_NO_CACHE", None)
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
