"""`ictscore next`: every step it lists, applied as a change, gives through `compute` the gain
and rank it claimed, on every bundled scenario (peer-relative ones included)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ictscore.cli.main import main
from ictscore.resources import bundled_scenarios

from ..conftest import ROOT


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    capsys.readouterr()
    assert main([*args, "--format", "json"]) == 0
    out: dict[str, object] = json.loads(capsys.readouterr().out)
    return out


def _toml(v: object) -> str:
    return json.dumps(v)  # a number or a quoted category key reads the same in TOML


@pytest.mark.parametrize("name", [p.name for p in bundled_scenarios()])
def test_every_step_gives_the_claimed_gain_and_rank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    path = tmp_path / "scenarios" / name
    ans = _json(capsys, "next", str(path))
    steps = ans["steps"]
    assert isinstance(steps, list) and steps, "a bundled scenario has something to improve"
    focus = ans["focus"]["id"]  # type: ignore[index]
    start = ans["start"]["score"]  # type: ignore[index]
    gains = [s["gain"] for s in steps]
    assert gains == sorted(gains, reverse=True)
    text = path.read_text(encoding="utf-8")
    for s in steps[:12]:
        assert s["gain"] > 0 or s["node_gain"] > 0, s
        path.write_text(
            text + f'\n[[change]]\nnode = "{s["node"]}"\nvalue = {_toml(s["to"])}\n',
            encoding="utf-8",
        )
        out = _json(capsys, "compute", str(path))
        row = next(e for e in out["entities"] if e["id"] == focus)  # type: ignore[attr-defined]
        assert row["rank"] == s["rank"], s
        assert row["score"] - start == pytest.approx(s["gain"], abs=1e-6), s


def test_levers_deliver_the_step_and_per_cost_orders_by_value(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = ROOT / "scenarios" / "bac-giang-so-noi-vu-2021.toml"
    ans = _json(capsys, "next", str(path), "--per-cost")
    steps = ans["steps"]
    assert isinstance(steps, list)
    with_lever = [s for s in steps if "lever" in s]
    assert with_lever and steps[: len(with_lever)] == with_lever  # no lever: last
    per = [s["per_100m"] for s in with_lever]
    assert per == sorted(per, reverse=True)
    # the independent security assessment: yes/no worth 30 points, one lever of 120 million
    top = next(s for s in steps if s["node"] == "at_danh_gia_doc_lap")
    assert (top["from"], top["to"], top["gain"]) == (0.0, 1.0, 30.0)
    assert top["lever"] == {"id": "danh_gia_attt_doc_lap", "units": 1, "cost": 120_000_000.0}
    # the online rate's next step is the 50 % threshold; the campaign gives +10 points per unit
    rate = next(s for s in steps if s["node"] == "hd_ty_le_nop_truc_tuyen")
    assert (rate["from"], rate["to"]) == (30.0, 50.0)
    assert rate["lever"]["units"] == 2  # 30 + 2 × 10 = 50


@pytest.mark.usefixtures("english")
def test_limit_and_bad_limit(capsys: pytest.CaptureFixture[str]) -> None:
    path = ROOT / "scenarios" / "bac-giang-so-noi-vu-2021.toml"
    ans = _json(capsys, "next", str(path), "--limit", "3")
    assert len(ans["steps"]) == 3  # type: ignore[arg-type]
    with pytest.raises(SystemExit) as exc:
        main(["next", str(path), "--limit", "0"])
    assert exc.value.code == 2
    assert "--limit must be 1 or more" in capsys.readouterr().err
