"""The scenario writer: what a person wrote in the file survives every save.

Each case writes through `scenario_toml` and checks both halves of the promise: the text keeps
its comments, blank lines and order, and it parses back to exactly the scenario asked for.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path

import pytest

from ictscore.formats.scenario import Change, ScenarioFile
from ictscore.formats.scenario_toml import relocated, scenario_toml

from ...conftest import ROOT, SCENARIOS

HAND_WRITTEN = """\
# A hand-written scenario: the edit log stands before the levers
criteria = "c.toml"  # the framework
data = "d.toml"
focus = "a"   # us

# --- the log, first
[[change]]
node = "n1"  # first try
value = 30
note = "as agreed"
# kept: the report says so

# --- levers
[[lever]]
id = "l1"  # the only lever
name_vi = "Một"
name_en = "One"
cost = 1
effect = [{ node = "n1", add = 1 }]
"""


def _file(text: str) -> ScenarioFile:
    return ScenarioFile.model_validate(tomllib.loads(text))


def _written(text: str, file: ScenarioFile) -> str:
    out = scenario_toml(text, file)
    assert _file(out) == file, "the text does not say what was asked"
    return out


def _diff(a: str, b: str) -> list[str]:
    """The changed lines, without the context."""
    return [
        ln
        for ln in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
        if ln[:1] in "+-" and not ln.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.toml")), ids=lambda p: p.name)
def test_an_unchanged_scenario_is_written_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert scenario_toml(text, _file(text)) == text


def test_changed_scalars_keep_their_inline_comments() -> None:
    text = (SCENARIOS / "bac-giang-so-noi-vu-2021.toml").read_text(encoding="utf-8")
    text = text.replace("target_rank = 5\n", "target_rank = 5  # the province's goal\n")
    f = _file(text)
    out = _written(text, f.model_copy(update={"target_rank": 3, "focus": "so-tu-phap"}))
    assert _diff(text, out) == [
        '-focus = "so-noi-vu"',
        "-target_rank = 5  # the province's goal",
        '+focus = "so-tu-phap"',
        "+target_rank = 3  # the province's goal",
    ]


def test_a_new_top_level_key_joins_the_others() -> None:
    out = _written(HAND_WRITTEN, _file(HAND_WRITTEN).model_copy(update={"target_rank": 2}))
    assert out.replace("target_rank = 2\n", "") == HAND_WRITTEN
    assert out.index("target_rank = 2") < out.index("# --- the log, first")


def test_a_change_is_appended_after_the_last_change_wherever_the_log_stands() -> None:
    f = _file(HAND_WRITTEN)
    added = Change(node="n2", value=1.5, entity="b", author="Lê Văn C", date="2026-11-21")
    out = _written(HAND_WRITTEN, f.model_copy(update={"change": [*f.change, added]}))
    kept = "# kept: the report says so\n"
    assert out == HAND_WRITTEN.replace(
        kept,
        kept + '\n[[change]]\nnode = "n2"\nvalue = 1.5\nentity = "b"\n'
        'author = "Lê Văn C"\ndate = "2026-11-21"\n',
    )
    # the comment right under the first change stays with it; the levers keep their heading
    assert out.index("# kept: the report says so") < out.index('node = "n2"')
    assert out.index('node = "n2"') < out.index("# --- levers") < out.index("[[lever]]")


def test_emptying_the_log_keeps_the_comments_around_it() -> None:
    out = _written(HAND_WRITTEN, _file(HAND_WRITTEN).model_copy(update={"change": []}))
    assert _diff(HAND_WRITTEN, out) == [
        "-[[change]]",
        '-node = "n1"  # first try',
        "-value = 30",
        '-note = "as agreed"',
        "-# kept: the report says so",
    ]


def test_an_edited_audit_field_rewrites_only_its_line() -> None:
    f = _file(HAND_WRITTEN)
    c = f.change[0].model_copy(update={"note": None, "source": "Báo cáo 8/2021"})
    out = _written(HAND_WRITTEN, f.model_copy(update={"change": [c]}))
    assert _diff(HAND_WRITTEN, out) == ['-note = "as agreed"', '+source = "Báo cáo 8/2021"']
    assert "value = 30\n" in out  # an unchanged value keeps its spelling (not 30.0)


def test_a_replaced_change_takes_its_comments_with_it() -> None:
    f = _file(HAND_WRITTEN)
    out = _written(HAND_WRITTEN, f.model_copy(update={"change": [Change(node="n3", value="x")]}))
    assert "first try" not in out and "kept: the report" not in out
    assert "# --- the log, first" in out and "# --- levers" in out


def test_an_inline_array_of_changes_stays_inline() -> None:
    text = 'criteria = "c.toml"\ndata = "d.toml"\nfocus = "a"  # us\n'
    text += 'change = [{ node = "n1", value = 1 }]\n'
    f = _file(text)
    out = _written(text, f.model_copy(update={"change": [*f.change, Change(node="n2", value=2.0)]}))
    assert "[[change]]" not in out and 'focus = "a"  # us' in out


def test_a_new_file_says_exactly_what_the_model_says() -> None:
    f = ScenarioFile(
        name="Mới",
        criteria="c.toml",
        data="d.toml",
        focus="a",
        change=[Change(node="n1", value=2.0), Change(node="n2", value=True, entity="b")],
    )
    out = _written("", f)
    assert out.startswith('name = "Mới"\n') and out.count("[[change]]") == 2


def test_relocating_rewrites_every_relative_path(tmp_path: Path) -> None:
    src = SCENARIOS / "bac-giang-so-noi-vu-2021.toml"
    f = _file(src.read_text(encoding="utf-8"))
    f = f.model_copy(update={"peers": f.peers.model_copy(update={"trend": "data/old.toml"})})
    moved = relocated(f, src, tmp_path / "deeper" / "copy.toml")
    assert (tmp_path / "deeper" / moved.criteria).resolve() == (
        ROOT / "criteria" / "bac-giang-department-dti.toml"
    )
    assert isinstance(moved.data, str) and moved.peers is not None
    assert (tmp_path / "deeper" / moved.data).resolve() == (SCENARIOS / f.data).resolve()
    assert moved.peers.trend is not None
    assert (tmp_path / "deeper" / moved.peers.trend).resolve() == SCENARIOS / "data" / "old.toml"
    assert relocated(f, src, SCENARIOS / "copy.toml") is f  # same folder: nothing to rewrite


def test_no_regular_expression_touches_the_file() -> None:
    for module in ("scenario.py", "scenario_toml.py"):
        source = (ROOT / "src" / "ictscore" / "formats" / module).read_text(encoding="utf-8")
        assert "import re\n" not in source and "from re " not in source, module


def test_a_log_split_around_other_tables_keeps_its_data_and_comments() -> None:
    """tomlkit gathers the runs of [[change]] into one: what matters still survives."""
    text = (
        HAND_WRITTEN
        + '\n# the second run of the log\n[[change]]\nnode = "n2"  # later\nvalue = 1\n'
    )
    f = _file(text)
    assert scenario_toml(text, f) == text  # nothing changed: nothing rewritten
    out = _written(text, f.model_copy(update={"change": [*f.change, Change(node="n3", value=2.0)]}))
    comments = [ln[ln.index("#") :] for ln in text.splitlines() if "#" in ln]
    assert [c for c in comments if c not in out] == []
