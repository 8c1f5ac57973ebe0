"""The bundled DTI 2022 scenario: all 63 provinces in the published order, published rows exact."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ictscore.formats.names import load_entity_list
from ictscore.formats.scenario import Scenario, load_scenario
from ictscore.planning.whatif import Projection, WhatIf

from ..conftest import CRITERIA, ROOT, SCENARIOS

RANKS = Path(__file__).resolve().parent.parent / "data" / "dti-2022-ranks.csv"
"""A copy of shared/reference/dti-2022-ranks.csv: the published order of the 63 provinces."""


def _published_ranks() -> list[tuple[str, int]]:
    with RANKS.open(encoding="utf-8", newline="") as fh:
        return [(r["id"], int(r["rank"])) for r in csv.DictReader(fh)]


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(SCENARIOS / "dti-2022-bac-giang.toml")


@pytest.fixture(scope="module")
def projection(scenario: Scenario) -> Projection:
    return WhatIf(scenario).project()


def test_same_provinces_in_the_same_order(scenario: Scenario) -> None:
    assert scenario.dataset.ids() == [pid for pid, _ in _published_ranks()]
    assert len(scenario.dataset.ids()) == 63


def test_ids_and_names_are_those_of_the_province_list(scenario: Scenario) -> None:
    provinces = load_entity_list(CRITERIA / "entities" / "vn-provinces.toml")
    assert sorted(provinces.ids()) == sorted(scenario.dataset.ids())
    for e in scenario.dataset.entities:
        assert provinces.name(e.id) == e.name


def test_every_published_rank(projection: Projection) -> None:
    base = projection.baseline
    got = [(pid, base.rank(pid)) for pid, _ in _published_ranks()]
    assert got == _published_ranks()
    assert base.rank("thanh-hoa") == base.rank("yen-bai") == 15
    assert base.rank("hau-giang") == 17
    assert base.rank("bac-giang") == 9


def test_published_figures(projection: Projection) -> None:
    base = projection.baseline
    assert round(base.score("da-nang") or 0.0, 4) == 0.8002
    assert round(base.score("quang-ninh") or 0.0, 4) == 0.7024
    assert round(base.score("quang-ninh", "chinh_quyen_so") or 0.0, 4) == 0.7804
    assert round(base.score("quang-ninh", "kinh_te_so") or 0.0, 4) == 0.7187
    assert round(base.score("quang-ninh", "xa_hoi_so") or 0.0, 4) == 0.6864


def test_bac_giang_first_on_institutions(projection: Projection) -> None:
    base = projection.baseline
    assert base.rank("bac-giang", "the_che_so") == 1
    assert [pid for pid in base.entity_ids if base.rank(pid, "the_che_so") == 1] == ["bac-giang"]


def test_rows_say_published_or_illustrative(scenario: Scenario) -> None:
    for e in scenario.dataset.entities:
        if e.id in ("da-nang", "quang-ninh"):
            assert e.source.startswith("công bố (published)"), e.id
        else:
            assert e.source.startswith("minh họa (illustrative)"), e.id
    assert any("ILLUSTRATIVE" in note for note in scenario.dataset.header_notes)


def test_edit_log_moves_bac_giang(scenario: Scenario, projection: Projection) -> None:
    assert scenario.applied() and all(c.note for c in scenario.applied())
    assert all(scenario.entity_of(c) == "bac-giang" for c in scenario.applied())
    d = projection.delta("dti")
    assert d.baseline_rank == 9
    assert d.scenario_rank is not None and d.scenario_rank < 9
    assert (d.score_change or 0.0) > 0


def _generator() -> ModuleType:
    path = ROOT / "scripts" / "make_dti2022_illustrative.py"
    spec = importlib.util.spec_from_file_location("make_dti2022_illustrative", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_generator_reproduces_the_data_file() -> None:
    gen = _generator()
    text = gen.render()
    gen.verify(text)
    assert text == (SCENARIOS / "data" / "dti-2022-provinces.csv").read_text(encoding="utf-8")
