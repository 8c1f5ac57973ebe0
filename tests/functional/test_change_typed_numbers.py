"""`ictscore change --value` reads a number as the planner's value field does (one parser:
`presentation.numbers.indicator_value`), says on stderr what it understood, and refuses a text
that reads two ways within the indicator's range, naming both readings."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from ictscore.cli.main import main
from ictscore.planning import audit

from ..conftest import ROOT

NAME = "bac-giang-so-noi-vu-2021.toml"


@pytest.fixture
def scenario(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    monkeypatch.delenv(audit.ENV_AUTHOR, raising=False)
    monkeypatch.delenv("ICTSCORE_LANG", raising=False)
    return tmp_path / "scenarios" / NAME


def _last_value(path: Path) -> object:
    return tomllib.loads(path.read_text(encoding="utf-8"))["change"][-1]["value"]


def test_one_thousand_the_vietnamese_way(
    scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "1.000" Mbps (range 0..1000) is one thousand: no other reading fits the range."""
    assert main(["change", str(scenario), "--node", "ht_bang_thong", "--value", "1.000"]) == 0
    assert "'1.000' = 1.000 Mbps" in capsys.readouterr().err
    assert _last_value(scenario) == 1000


def test_a_decimal_comma(scenario: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["change", str(scenario), "--node", "hd_ky_so", "--value", "30,5"]) == 0
    assert "'30,5' = 30,5 %" in capsys.readouterr().err
    assert _last_value(scenario) == 30.5


@pytest.mark.parametrize(
    ("node", "unit"), [("ht_may_tinh", "máy/người"), ("nt_tin_bai_cds", "tin bài")]
)
def test_two_readings_are_asked_about(
    scenario: Path, capsys: pytest.CaptureFixture[str], node: str, unit: str
) -> None:
    """1000 is beyond the range (0..3, 0..500) but 1 is not: which was meant cannot be told."""
    before = scenario.read_bytes()
    assert main(["change", str(scenario), "--node", node, "--value", "1.000"]) == 2
    err = capsys.readouterr().err
    assert f"[--value]: '1.000' có thể hiểu là 1000 {unit} hoặc 1 {unit}" in err
    assert "gõ 1000 nếu là cách thứ nhất, 1 nếu là cách thứ hai" in err
    assert scenario.read_bytes() == before


def test_in_english_the_point_is_the_decimal_mark(
    scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["change", str(scenario), "--node", "ht_may_tinh", "--value", "1.000", "--lang", "en"]
    assert main(args) == 0
    assert "'1.000' = 1 máy/người" in capsys.readouterr().err
    assert _last_value(scenario) == 1


def test_a_wrong_value_keeps_the_loaders_message(
    scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["change", str(scenario), "--node", "hd_ky_so", "--value", "abc"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lỗi: ") and "[--value]: 'abc' không phải là số" in err
