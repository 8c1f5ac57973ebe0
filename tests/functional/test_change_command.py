"""`ictscore change`: the edit log's headless face, on copies of the bundled scenarios."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from ictscore.cli import cmd_change
from ictscore.cli.main import main
from ictscore.formats.scenario import Scenario, load_scenario
from ictscore.planning import audit

from ..conftest import ROOT

pytestmark = pytest.mark.usefixtures("english")  # pins the English wording of errors

DEFAULT_NAME = "bac-giang-so-noi-vu-2021.toml"


@pytest.fixture
def scenario(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    monkeypatch.delenv(audit.ENV_AUTHOR, raising=False)
    return tmp_path / "scenarios" / DEFAULT_NAME


def _comments(text: str) -> list[str]:
    """Every comment of a TOML text (whole-line and trailing), in order, read by a TOML parser's
    rule: a # outside a string starts one."""
    out = []
    for line in text.splitlines():
        quote = None
        for i, ch in enumerate(line):
            if quote:
                quote = None if ch == quote else quote
            elif ch in "\"'":
                quote = ch
            elif ch == "#":
                out.append(line[i:])
                break
    return out


def _compute(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert main(["compute", str(path), "--format", "json", "--lang", "en"]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_a_change_keeps_every_comment_and_computes(
    scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = scenario.read_text(encoding="utf-8")
    comments = _comments(before)
    assert len(comments) >= 15  # the default scenario is commented throughout, inline too:
    assert "# giả định: 1,5 tỷ đồng cho 2022–2023 (assumption; the report gives no figure)" in (
        comments
    )
    before_json = _compute(scenario, capsys)["focus"]
    argv = ["change", str(scenario), "--node", "nt_hop_ban_chi_dao", "--value", "4"]
    argv += ["--note", "Kế hoạch 2022", "--source", "QĐ 12/QĐ-UBND", "--author", "Lê Văn C"]
    assert main(argv) == 0
    msg = f"wrote {scenario}: change 2, nt_hop_ban_chi_dao = 4.0 for so-noi-vu"
    assert msg in capsys.readouterr().err
    after = scenario.read_text(encoding="utf-8")
    assert _comments(after) == _comments(before)
    assert after.startswith(before)  # the file as it was, then the new [[change]]
    new = tomllib.loads(after)["change"][-1]
    assert new == {
        "node": "nt_hop_ban_chi_dao",
        "value": 4.0,
        "note": "Kế hoạch 2022",
        "author": "Lê Văn C",
        "date": audit.today(),
        "source": "QĐ 12/QĐ-UBND",
    }
    assert [c.node for c in load_scenario(scenario).applied()] == [
        "hd_ty_le_nop_truc_tuyen",
        "nt_hop_ban_chi_dao",
    ]
    result = _compute(scenario, capsys)
    focus = result["focus"]
    assert isinstance(focus, dict) and isinstance(before_json, dict)
    assert focus["scenario"]["score"] > before_json["scenario"]["score"]
    node, was = focus["nodes"]["nt_hop_ban_chi_dao"], before_json["nodes"]["nt_hop_ban_chi_dao"]
    assert node["scenario"]["score"] > was["scenario"]["score"] == was["baseline"]["score"]
    assert result["changes"][-1]["node"] == "nt_hop_ban_chi_dao"  # type: ignore[index]
    assert not scenario.with_name(f".{scenario.name}.journal").exists()


def test_the_author_defaults_as_in_the_planner(
    scenario: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(audit.ENV_AUTHOR, "Phạm Thị D")
    assert main(["change", str(scenario), "--node", "hd_ky_so", "--value", "80"]) == 0
    monkeypatch.setenv(audit.ENV_AUTHOR, "")
    monkeypatch.setattr(audit.getpass, "getuser", lambda: "pdung")
    assert main(["change", str(scenario), "--node", "hd_ky_so", "--value", "85"]) == 0
    changes = load_scenario(scenario).applied()
    assert [(c.author, c.date) for c in changes[-2:]] == [
        ("Phạm Thị D", audit.today()),
        ("pdung", audit.today()),
    ]


def test_another_entity_is_named_in_the_change(
    scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["change", str(scenario), "--node", "hd_ky_so", "--value", "0"]
    assert main([*argv, "--entity", "so-thong-tin-truyen-thong"]) == 0
    assert main([*argv, "--entity", "so-noi-vu"]) == 0  # the focus, named: kept as named
    changes = load_scenario(scenario).applied()
    assert [c.entity for c in changes[-2:]] == ["so-thong-tin-truyen-thong", "so-noi-vu"]
    entities = _compute(scenario, capsys)["entities"]
    assert isinstance(entities, list)
    leader = next(e for e in entities if e["id"] == "so-thong-tin-truyen-thong")
    assert leader["nodes"]["hd_ky_so"] == 0.0 and leader["rank"] > leader["baseline_rank"]


@pytest.mark.parametrize(
    ("extra", "where", "message"),
    [
        (["--node", "hd_ky_s", "--value", "90"], "--node", "did you mean 'hd_ky_so'?"),
        (["--node", "hd_ky_so", "--value", "190"], "--value", "outside the valid range"),
        (["--node", "hd_ky_so", "--value", "abc"], "--value", "abc"),
        (["--node", "hd_ky_so", "--value", "9", "--entity", "so-tu-pha"], "--entity", "so-tu-phap"),
    ],
)
def test_a_bad_option_is_refused_naming_the_file_and_the_option(
    scenario: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    where: str,
    message: str,
) -> None:
    before = scenario.read_bytes()
    assert main(["change", str(scenario), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {scenario} [{where}]: ") and message in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert scenario.read_bytes() == before


def test_a_file_changed_on_disk_meanwhile_is_left_as_the_other_writer_left_it(
    scenario: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = scenario.read_text(encoding="utf-8").replace("target_rank = 5", "target_rank = 4")

    def load_then_someone_writes(path: Path) -> Scenario:
        loaded = load_scenario(path)
        path.write_text(theirs, encoding="utf-8")  # the planner in another terminal saved
        return loaded

    monkeypatch.setattr(cmd_change, "load_scenario", load_then_someone_writes)
    assert main(["change", str(scenario), "--node", "hd_ky_so", "--value", "90"]) == 2
    err = capsys.readouterr().err
    # the last line: the value understood ("'90' = 90 %") is said before the save is tried
    assert err.splitlines()[-1].startswith(f"error: {scenario}: the file changed on disk")
    assert "Traceback" not in err
    assert scenario.read_text(encoding="utf-8") == theirs
    assert sorted(p.name for p in scenario.parent.iterdir() if p.name.startswith(".")) == []


def test_the_change_log_may_stand_before_the_levers(scenario: Path) -> None:
    text = scenario.read_text(encoding="utf-8")
    head, log = text.split("\n# --- Nhật ký thay đổi", 1)
    first_lever = head.index("\n# --- Đòn bẩy")
    moved = head[:first_lever] + "\n\n# --- Nhật ký thay đổi" + log + head[first_lever:]
    scenario.write_text(moved, encoding="utf-8")
    assert main(["change", str(scenario), "--node", "hd_ky_so", "--value", "90"]) == 0
    after = scenario.read_text(encoding="utf-8")
    assert _comments(after) == _comments(moved)
    assert (
        after.index('node = "hd_ky_so"') < after.index("# --- Đòn bẩy") < after.index("[[lever]]")
    )
    again = load_scenario(scenario)
    assert [c.node for c in again.applied()] == ["hd_ty_le_nop_truc_tuyen", "hd_ky_so"]
    assert len(again.file.lever) == 8


def test_a_bad_scenario_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('criteria = "nowhere.toml"\n', encoding="utf-8")
    assert main(["change", str(bad), "--node", "x", "--value", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}") and "Traceback" not in err
    assert bad.read_text(encoding="utf-8") == 'criteria = "nowhere.toml"\n'
