"""The bundled commune-scale example (issue 11): 3,321 illustrative communes, marked so.

It is there so that the commune scale is exercised: these tests check that it is what it says
(generated, current, every figure marked illustrative, every commune in one of the 34
provinces) and that it computes at that scale through the command line.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import tomllib
from pathlib import Path
from types import ModuleType

from ictscore.cli.main import main
from ictscore.formats.scenario import load_scenario
from ictscore.planning.whatif import WhatIf

from ..conftest import CRITERIA, ROOT, SCENARIOS

SCENARIO = SCENARIOS / "communes-2025-illustrative.toml"
LIST = CRITERIA / "entities" / "vn-communes-2025-illustrative.csv"
PROVINCES = CRITERIA / "entities" / "vn-provinces-2025.toml"


def _script() -> ModuleType:
    path = ROOT / "scripts" / "make_communes_illustrative.py"
    spec = importlib.util.spec_from_file_location("make_communes_illustrative", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_files_are_what_the_generator_writes() -> None:
    assert _script().main(["--check"]) == 0


def _list_rows() -> list[dict[str, str]]:
    text = "".join(
        ln for ln in LIST.read_text("utf-8").splitlines(keepends=True) if not ln.startswith("#")
    )
    return list(csv.DictReader(io.StringIO(text)))


def test_every_commune_is_in_one_of_the_34_provinces() -> None:
    provinces = {e["id"] for e in tomllib.loads(PROVINCES.read_text("utf-8"))["entity"]}
    assert len(provinces) == 34
    rows = _list_rows()
    assert len(rows) == 3321
    assert len({r["id"] for r in rows}) == 3321
    for r in rows:
        assert r["province"] in provinces
        assert r["id"].startswith(r["province"] + ".xa-")
        assert "Minh họa" in r["name"]
    assert {r["province"] for r in rows} == provinces


def test_the_scenario_computes_at_commune_scale() -> None:
    sc = load_scenario(SCENARIO)
    assert len(sc.dataset.entities) == 3321
    assert sc.dataset.ids() == [r["id"] for r in _list_rows()]
    assert all("minh họa" in e.source for e in sc.dataset.entities)
    assert "MINH HỌA" in sc.dataset.header_notes[0]
    proj = WhatIf(sc).project()
    root = sc.criteria.root
    assert proj.baseline.count_ranked(root) == 3321
    before, after = proj.baseline.rank(sc.focus), proj.result.rank(sc.focus)
    assert before is not None and after is not None and after < before


def test_compute_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    assert main(["compute", str(SCENARIO), "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    focus = load_scenario(SCENARIO).focus
    assert f"({focus})" in text and "Xã Minh họa" in text
