"""Every bundled criteria file and scenario loads, computes and validates: new files are covered
as soon as they are added to criteria/ or scenarios/."""

from __future__ import annotations

from pathlib import Path

import pytest

from ictscore.cli.main import main
from ictscore.engine.compute import Engine
from ictscore.formats.criteria import load_criteria
from ictscore.formats.names import load_entity_list
from ictscore.formats.scenario import load_scenario
from ictscore.planning.whatif import WhatIf

from ..conftest import CRITERIA, SCENARIOS

CRITERIA_FILES = sorted(CRITERIA.glob("*.toml"))
SCENARIO_FILES = sorted(SCENARIOS.glob("*.toml"))
ENTITY_LISTS = sorted((CRITERIA / "entities").glob("*.toml"))


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_there_are_bundled_files() -> None:
    assert len(CRITERIA_FILES) >= 5
    assert len(SCENARIO_FILES) >= 3


@pytest.mark.parametrize("path", CRITERIA_FILES, ids=_ids(CRITERIA_FILES))
def test_criteria_loads_and_cites_sources(path: Path) -> None:
    crit = load_criteria(path)
    Engine(crit)  # refuses frameworks that cannot be computed
    assert crit.framework.sources, "a bundled framework cites its sources"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), "a bundled framework starts with a comment on its sources"
    # nothing invented passes for official: a file that says REPRESENTATIVE marks its nodes
    if "REPRESENTATIVE" in text:
        assert any(n.representative for n in crit.nodes.values())
    if crit.framework.entity_list:
        assert load_entity_list(path.parent / crit.framework.entity_list).records


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=_ids(SCENARIO_FILES))
def test_scenario_computes(path: Path) -> None:
    sc = load_scenario(path)
    proj = WhatIf(sc).project()
    root = sc.criteria.root
    assert len(sc.dataset.ids()) >= 2, "a ranking needs peers"
    assert proj.baseline.count_ranked(root) == len(sc.dataset.ids())
    lo, hi = Engine(sc.criteria).bounds[root]
    score = proj.result.score(sc.focus)
    assert score is not None and lo <= score <= hi, (lo, score, hi)
    assert sc.applied(), "a bundled scenario shows at least one change"
    for e in sc.dataset.entities:
        assert e.source, f"{e.id}: every bundled row says where its numbers come from"


ALL_FILES = CRITERIA_FILES + ENTITY_LISTS + SCENARIO_FILES


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids(ALL_FILES))
def test_validate_exits_zero(path: Path) -> None:
    assert main(["validate", str(path)]) == 0


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=_ids(SCENARIO_FILES))
def test_validate_data_file_against_its_criteria(path: Path) -> None:
    sc = load_scenario(path)
    if not isinstance(sc.file.data, str):
        pytest.skip("inline data is validated with the scenario")
    data = (path.parent / sc.file.data).resolve()
    crit = (path.parent / sc.file.criteria).resolve()
    assert main(["validate", "--criteria", str(crit), str(data)]) == 0
