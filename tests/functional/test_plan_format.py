"""Levers, budget, peers and uncertainty in a scenario file: every problem with file, line, key."""

from __future__ import annotations

from pathlib import Path

import pytest

from ictscore.cli.main import main
from ictscore.formats.errors import InputError
from ictscore.formats.scenario import load_scenario
from ictscore.planning.session import Session

from ..conftest import CRITERIA, SCENARIOS

HEAD = f"""criteria = "{CRITERIA / "bac-giang-department-dti.toml"}"
data = "{SCENARIOS / "data" / "bac-giang-departments-2021.toml"}"
focus = "so-noi-vu"
budget = 1000
"""

pytestmark = pytest.mark.usefixtures("english")  # they pin the English errors


def _load(tmp_path: Path, body: str) -> list[str]:
    p = tmp_path / "s.toml"
    p.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_scenario(p)
    return [str(pr) for pr in exc.value.problems]


def test_unknown_ids_cycles_and_wrong_direction(tmp_path: Path) -> None:
    problems = _load(
        tmp_path,
        """
[[lever]]
id = "a"
name_vi = "a"
name_en = "a"
cost = 10
requires = ["b"]
effect = [{ node = "hd_ky_soo", add = 5 }]

[[lever]]
id = "b"
name_vi = "b"
name_en = "b"
requires = ["a", "zzz"]
effect = [{ node = "at_danh_gia_doc_lap", set = 1 }, { node = "hd_ky_so", add = -5 }]

[[lever]]
id = "c"
name_vi = "c"
name_en = "c"
effect = [{ node = "tong_diem", add = 5 }, { node = "hd_ky_so", set = 150 }]

[peers]
growth = [{ node = "nope", add = 1 }]
""",
    )
    text = "\n".join(problems)
    assert (
        "s.toml:6 [lever[1].effect[1].node]: unknown indicator id 'hd_ky_soo' "
        "(did you mean 'hd_ky_so'?)"
    ) in text
    assert "s.toml:14 [lever[2].requires]: requires unknown lever 'zzz'" in text
    assert "[lever[2].effect[2].add]: a lever must improve 'hd_ky_so'" in text
    assert "[lever[1].requires]: prerequisites go round in a circle: a → b → a" in text
    assert "aggregate, not an indicator 'tong_diem'" in text
    assert "150 is outside the valid range of 'hd_ky_so'" in text
    assert "[peers.growth[1].node]: unknown indicator id 'nope'" in text


def test_negative_costs_and_divisible_rules(tmp_path: Path) -> None:
    problems = _load(
        tmp_path,
        """
[[lever]]
id = "a"
name_vi = "a"
name_en = "a"
cost = -5
effect = [{ node = "hd_ky_so", add = 5 }]

[[lever]]
id = "b"
name_vi = "b"
name_en = "b"
divisible = true
unit_cost = 10
effect = [{ node = "hd_ky_so", add = 5 }]

[[lever]]
id = "c"
name_vi = "c"
name_en = "c"
effect = [{ node = "hd_ky_so", add = 5, set = 3 }]
""",
    )
    text = "\n".join(problems)
    assert "s.toml:10 [lever[1].cost]: cost must be a finite amount of 0 or more, got -5" in text
    assert "s.toml:13 [lever[2]]: a divisible lever needs 'unit_cost' and 'max_units'" in text
    assert "an effect needs exactly one of 'set' or 'add'" in text


def test_cli_reports_bad_levers_and_exit_2(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "s.toml"
    p.write_text(
        HEAD + '[[lever]]\nid = "a"\nname_vi = "a"\nname_en = "a"\n'
        'effect = [{ node = "x", add = 1 }]\n',
        encoding="utf-8",
    )
    assert main(["plan", str(p)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {p}:5 [lever[1].effect[1].node]: unknown indicator id 'x'")


def test_saving_keeps_levers_and_changes_last(tmp_path: Path) -> None:
    src = (SCENARIOS / "bac-giang-so-noi-vu-2021.toml").read_text(encoding="utf-8")
    src = src.replace("../criteria/", f"{CRITERIA}/").replace('"data/', f'"{SCENARIOS}/data/')
    p = tmp_path / "s.toml"
    p.write_text(src, encoding="utf-8")
    sc = load_scenario(p)
    session = Session(sc)
    session.edit("at_danh_gia_doc_lap", 1)
    session.save()
    text = p.read_text(encoding="utf-8")
    assert text.count("[[lever]]") == 8 and text.count("[[change]]") == 2
    assert text.rindex("[[lever]]") < text.index("[[change]]")
    assert "EVERY COST IS AN ESTIMATE" in text
    again = load_scenario(p)
    assert [lv.id for lv in again.file.lever] == [lv.id for lv in sc.file.lever]


def test_save_as_elsewhere_keeps_levers(tmp_path: Path) -> None:
    sc = load_scenario(SCENARIOS / "bac-giang-so-noi-vu-2021.toml")
    target = tmp_path / "elsewhere" / "copy.toml"
    Session(sc).save(target)
    again = load_scenario(target)
    assert again.file.lever == sc.file.lever
    assert again.file.peers == sc.file.peers and again.file.uncertainty == sc.file.uncertainty
    assert again.file.budget == 1_500_000_000
